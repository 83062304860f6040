"""Roles and what each may do.

A capability asks for a permission, never for a role, so a new role is one line here.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    CHAIR = "chair"
    AGENCY_REVIEWER = "agency_reviewer"
    SANCTIONS_OFFICER = "sanctions_officer"
    MULTILATERAL_OFFICER = "multilateral_officer"
    VIEWER = "viewer"


# What a person reads where the code is stored: the one table of role titles.
ROLE_TITLES: dict[Role, str] = {
    Role.ADMIN: "Administrator",
    Role.ANALYST: "Export-review analyst",
    Role.CHAIR: "Group chair",
    Role.AGENCY_REVIEWER: "Agency representative",
    Role.SANCTIONS_OFFICER: "Sanctions officer",
    Role.MULTILATERAL_OFFICER: "Multilateral affairs officer",
    Role.VIEWER: "Viewer",
}


class Permission(StrEnum):
    READ = "read"
    MANAGE_USERS = "manage_users"
    MANAGE_AGENCIES = "manage_agencies"
    READ_AUDIT = "read_audit"
    MANAGE_REFERENCE = "manage_reference"
    SCREEN = "screen"
    MANAGE_LISTS = "manage_lists"
    DISPOSE_HITS = "dispose_hits"
    CLASSIFY = "classify"
    MANAGE_CASES = "manage_cases"
    ADVISE = "advise"
    CHAIR_GROUPS = "chair_groups"
    MANAGE_SANCTIONS = "manage_sanctions"
    MANAGE_TREATIES = "manage_treaties"
    MANAGE_MULTILATERAL = "manage_multilateral"
    WRITE_REPORTS = "write_reports"
    # The second signature of two-person approval (cases.gates): never the proposer's own.
    COUNTERSIGN_DECISIONS = "countersign_decisions"
    # An audited exception to a hard stop (Category I, a listed party, an embargo) naming its
    # legal basis: the office's most senior call, so only administrators hold it (there is no
    # director role yet; give it to one here when there is).
    RECORD_DECISION_EXCEPTIONS = "record_decision_exceptions"


_WORK = {Permission.READ, Permission.SCREEN, Permission.CLASSIFY}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ANALYST: frozenset(
        _WORK
        | {
            Permission.DISPOSE_HITS,
            Permission.MANAGE_CASES,
            Permission.MANAGE_LISTS,
            Permission.WRITE_REPORTS,
        }
    ),
    Role.CHAIR: frozenset(
        _WORK
        | {
            Permission.CHAIR_GROUPS,
            Permission.MANAGE_CASES,
            Permission.WRITE_REPORTS,
            Permission.COUNTERSIGN_DECISIONS,
        }
    ),
    Role.AGENCY_REVIEWER: frozenset(_WORK | {Permission.ADVISE}),
    Role.SANCTIONS_OFFICER: frozenset(
        _WORK | {Permission.MANAGE_SANCTIONS, Permission.DISPOSE_HITS, Permission.WRITE_REPORTS}
    ),
    Role.MULTILATERAL_OFFICER: frozenset(
        _WORK
        | {Permission.MANAGE_TREATIES, Permission.MANAGE_MULTILATERAL, Permission.WRITE_REPORTS}
    ),
    Role.VIEWER: frozenset({Permission.READ}),
}


def permits(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


MIN_PASSWORD_LENGTH = 12
# Long enough for any passphrase; bounds the work of hashing and of the strength estimate.
MAX_PASSWORD_LENGTH = 256
# zxcvbn's scale: 3 is "safely unguessable" against an online attack, the threat a sign-in page
# and its throttle face.
MIN_PASSWORD_SCORE = 3


def normalise_username(raw: str) -> str:
    """The one form of a user name: what is stored, looked up and counted by the throttle.

    NFKC folds look-alike forms (full-width letters, ligatures) into one, so "ＡＬＩＣＥ " names
    the same user as "alice" everywhere, the throttle included.
    """
    return unicodedata.normalize("NFKC", raw).strip().lower()
