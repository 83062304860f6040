"""The navigation bar: a place for each capability, shown as each one lands."""

from __future__ import annotations

from dataclasses import dataclass

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str | None  # None: the capability has no pages yet; shown, but not as a link
    permission: Permission = Permission.READ


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "/"),
    NavItem("Cases", "/cases"),
    NavItem("Denials", "/denials"),
    NavItem("Screening", "/screening", Permission.SCREEN),
    NavItem("Lists", "/lists"),
    NavItem("Controls", "/controls"),
    NavItem("Sanctions", "/sanctions"),
    NavItem("Treaties", "/treaties"),
    NavItem("Interagency", "/interagency"),
    NavItem("Multilateral", "/multilateral"),
    NavItem("Arms register", "/registers/arms"),
    NavItem("Files and agreements", "/registers/files"),
    NavItem("Reports", "/reports"),
    NavItem("Countries", "/countries"),
    NavItem("Users", "/admin/users", Permission.MANAGE_USERS),
    NavItem("Agencies", "/admin/agencies", Permission.MANAGE_AGENCIES),
    NavItem("Audit log", "/admin/audit", Permission.READ_AUDIT),
    NavItem("Database", "/admin/database", Permission.MANAGE_USERS),
)


def visible_items(principal: Principal | None) -> list[NavItem]:
    if principal is None:
        return []
    return [item for item in NAVIGATION if principal.can(item.permission)]
