"""MTCR denial notifications and the no-undercut check.

Partners notify each other of the licences they deny for Annex items, and each agrees to consult
the denying partner before approving an essentially identical export to the same end user
(MTCR Guidelines; ../shared/domain/law_process.md 6.11). This capability keeps the register of
those notifications (the partners' and our own) and finds, for an export case, the denials in
force that it would undercut.
"""

from nonpro.cases.gates import add_hard_stop
from nonpro.denials.case_check import no_undercut_stops

# Whoever uses the register imports this package: from then on an approval that would undercut a
# partner's denial in force is a hard stop, on every path, until an exception records the
# consultation with the notifying partner.
add_hard_stop("denials", no_undercut_stops)
