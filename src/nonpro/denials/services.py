"""Use cases of the denial register and the no-undercut check, gathered for every interface.

Recording, withdrawing and importing denials need ``manage_cases`` (the export-review analysts,
chairs and administrators who decide the cases the denials bear on); reading needs ``read``.

For the decision gates: ``matching_denials(case, session=...)`` (a stored case) or
``match_facts(CaseFacts(...), session=...)`` (a case's facts, without reading the cases tables)
return the denials in force the case would undercut; a non-empty answer means "consult the
notifying partner before approval".
"""

from __future__ import annotations

from nonpro.cases.gates import add_hard_stop
from nonpro.denials.case_check import check_case, facts_of, matching_denials, no_undercut_stops
from nonpro.denials.csv_import import import_csv
from nonpro.denials.matching import match_facts, summary
from nonpro.denials.records import (
    get_denial,
    list_denials,
    record_denial,
    show_denial,
    withdraw_denial,
)

__all__ = [
    "check_case",
    "facts_of",
    "get_denial",
    "import_csv",
    "list_denials",
    "match_facts",
    "matching_denials",
    "record_denial",
    "show_denial",
    "summary",
    "withdraw_denial",
]


def install_case_checks() -> None:
    """An approval that would undercut a partner's denial in force is a hard stop, on every path,
    until an exception records the consultation with the notifying partner."""
    add_hard_stop("denials", no_undercut_stops)
