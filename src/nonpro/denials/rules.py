"""What makes a case undercut a denial: pure comparisons, no database.

The commitment (MTCR Guidelines, denial notifications; law_process.md 6.11): before approving an
export of the *same or similar* items to the *same end user* a partner has been denied, consult
the partner that denied it. nonpro reads "same or similar item" as the same Annex entry (or one
under the other) or a strongly similar description, and "same end user" as a name the screening
scorer calls the same, or the same country. The thresholds are set here, once, with the reason.
A match is a flag for consultation, never a decision: erring towards flagging costs a look, a
missed match costs an undercut.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, utils

from nonpro.screening.normalize import name_readings
from nonpro.screening.similarity import best_match

# rapidfuzz's token_sort_ratio (0-100) of two descriptions, case and punctuation folded: two
# wordings of one item ("solid propellant rocket motor, total impulse 1.2 MN s" and "solid-
# propellant rocket motor with a total impulse of 1.2 MN·s") score about 90, two different
# items of the same family well under 70.
DESCRIPTION_MATCH: Final = 85.0
# The screening scorer's name score (0-1) above which two end-user names are taken for the same
# party: above the screening threshold (0.62), because here nobody reviews a "possible" match.
END_USER_MATCH: Final = 0.85
SOURCE: Final = (
    "MTCR Guidelines, denial notifications and the no-undercut commitment "
    "(https://mtcr.info/trade/; law_process.md 6.11)"
)
_ANNEX_NUMBER = re.compile(r"^\d{1,2}(\.[A-E](\.\d{1,2}(\.[A-Z](\.\d{1,2})*)*)?)?$", re.IGNORECASE)


class DenialStatus(StrEnum):
    IN_FORCE = "in_force"
    WITHDRAWN = "withdrawn"


class MatchKind(StrEnum):
    ANNEX_ENTRY = "annex_entry"
    DESCRIPTION = "description"
    END_USER = "end_user"
    COUNTRY = "country"


def normal_annex_number(raw: str) -> str:
    """ "2.a.1.C" → "2.A.1.c": the group letter upper case, the sub-letters lower case."""
    parts = raw.strip().split(".")
    if len(parts) == 1:
        return parts[0]
    return ".".join([parts[0], parts[1].upper(), *(p.lower() for p in parts[2:])])


def looks_like_annex_number(raw: str) -> bool:
    """Whether a control number an applicant wrote ("2.A.1.c", not "9A012") is an Annex one."""
    return bool(_ANNEX_NUMBER.match(raw.strip()))


def _under(number: str, prefix: str) -> bool:
    return number == prefix or number.startswith(prefix + ".")


def entry_relation(case_entry: str, denied_entry: str) -> str | None:
    """How a case item's Annex entry stands to the denied one, in words; None if unrelated."""
    if case_entry == denied_entry:
        return f"the same Annex entry {denied_entry}"
    if _under(case_entry, denied_entry):
        return f"Annex {case_entry}, under the denied entry {denied_entry}"
    if _under(denied_entry, case_entry):
        return f"Annex {case_entry}, which holds the denied entry {denied_entry}"
    return None


def description_score(case_text: str, denied_text: str) -> float:
    """0-100: how alike two item descriptions read, word order ignored."""
    return float(fuzz.token_sort_ratio(case_text, denied_text, processor=utils.default_process))


@lru_cache(maxsize=1 << 14)  # every case page asks it of each receiving party and denial
def end_user_score(case_name: str, denied_name: str) -> float:
    """0-1: the screening scorer's name score, so a transliteration or reordered name counts."""
    found = best_match(name_readings(case_name), name_readings(denied_name))
    return found.score if found is not None else 0.0
