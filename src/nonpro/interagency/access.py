"""Who may see and act on what: a representative sees only what was referred to their agency.

Asked as permissions, never roles: whoever may advise but neither chairs nor manages cases is a
representative of one agency.
"""

from __future__ import annotations

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import InvalidInput, NotFound, PermissionDenied
from nonpro.interagency.models import Referral


def is_representative(actor: Principal) -> bool:
    return (
        actor.can(Permission.ADVISE)
        and not actor.can(Permission.CHAIR_GROUPS)
        and not actor.can(Permission.MANAGE_CASES)
    )


def agencies_of(referral: Referral) -> list[str]:
    return [a.agency_code for a in referral.agencies]


def may_see(actor: Principal, referral: Referral) -> bool:
    """The one rule of sight: everyone who may read, except representatives of other agencies.
    The queue, the consolidated view, a meeting's agenda and its minutes all ask it."""
    if not actor.can(Permission.READ):
        return False
    return not is_representative(actor) or actor.agency_code in agencies_of(referral)


def require_sight(actor: Principal, referral: Referral, key: object) -> None:
    """Reading a referral asked for by ``key``: one it does not show this reader is "case
    ``key`` not found", worded as for a case that does not exist, so a refusal tells nothing
    (not whether it exists, nor which case an id belongs to)."""
    require(actor, Permission.READ)
    if not may_see(actor, referral):
        raise NotFound("case", key)


def acting_agency(actor: Principal, requested: str | None, permission: Permission) -> str:
    """The agency the actor speaks for: their own, or (for an administrator, who has none) the
    one named. A representative naming another agency is refused."""
    require(actor, permission)
    if actor.agency_code:
        if requested and requested.upper() != actor.agency_code:
            raise PermissionDenied(
                f"{actor.username} speaks for {actor.agency_code}, not {requested.upper()}"
            )
        return actor.agency_code
    if not requested:
        raise InvalidInput("agency", "name the agency this is recorded for")
    return requested.upper()


def require_chair_or_agency(actor: Principal, agency: str) -> None:
    """The chair records for any agency; a representative only for their own."""
    if actor.can(Permission.CHAIR_GROUPS):
        return
    acting_agency(actor, agency, Permission.ADVISE)
