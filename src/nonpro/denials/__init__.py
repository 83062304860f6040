"""MTCR denial notifications and the no-undercut check.

Partners notify each other of the licences they deny for Annex items, and each agrees to consult
the denying partner before approving an essentially identical export to the same end user
(MTCR Guidelines; ../shared/domain/law_process.md 6.11). This capability keeps the register of
those notifications (the partners' and our own) and finds, for an export case, the denials in
force that it would undercut. Its check on cases is installed by ``services.install_case_checks``
(``nonpro.wiring.install``).
"""
