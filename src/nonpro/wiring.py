"""The checks capabilities plug into the case service, installed once by every entry point.

Cases sits below interagency and denials, so it cannot ask them directly whether a case has an
open referral or would undercut a partner's denial; they add those checks to it. Each entry
point calls ``install()`` before it serves: ``nonpro.app.create_app`` (web and API), the CLI's
root command, and the test suite. The case service refuses every decision until it has been
called, so a new path that forgot cannot decide around a gate.
"""

from __future__ import annotations

from nonpro.cases import services as cases
from nonpro.denials import services as denials
from nonpro.interagency import services as interagency


def install() -> None:
    """Add every capability's checks to the case service; calling it again changes nothing."""
    interagency.install_case_checks()
    denials.install_case_checks()
    cases.mark_checks_installed()
