"""Rules of the treaties capability: status as of a date, and entry-into-force arithmetic.

Nothing here reads files or a database: callers pass the events (from a parser, the compiled
reference data or, later, storage), so the same rules answer for any source.
"""

from nonpro.treaties.rules.eif import eif_outstanding
from nonpro.treaties.rules.status import (
    changes,
    country_status,
    parties,
    party_states,
    signatories,
    status_of,
    statuses,
)

__all__ = [
    "changes",
    "country_status",
    "eif_outstanding",
    "parties",
    "party_states",
    "signatories",
    "status_of",
    "statuses",
]
