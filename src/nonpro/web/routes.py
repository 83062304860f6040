"""Every page router."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.http.unit_of_work import SessionRoute
from nonpro.web import accounts, accounts_signin, home, reference, screening, treaties
from nonpro.web import accounts_password as password_pages  # own line: fewer merge clashes
from nonpro.web import accounts_tokens as token_pages  # own line: fewer merge clashes
from nonpro.web import cases as cases_pages
from nonpro.web import cases_decisions as decision_pages  # own line: fewer merge clashes
from nonpro.web import cases_precedents as precedent_pages  # own line: fewer merge clashes
from nonpro.web import cases_statutory as statutory_pages  # own line: fewer merge clashes
from nonpro.web import controls as controls_pages  # own lines: fewer merge clashes
from nonpro.web import controls_range as range_pages
from nonpro.web import db as db_pages  # own line: fewer merge clashes
from nonpro.web import denials as denials_pages  # own line: fewer merge clashes
from nonpro.web import endusers as endusers_pages  # own line: fewer merge clashes
from nonpro.web import interagency as interagency_pages  # own line: fewer merge clashes
from nonpro.web import interagency_annex as annex_pages  # own line: fewer merge clashes
from nonpro.web import multilateral as multilateral_pages  # own lines: fewer merge clashes
from nonpro.web import multilateral_clearing as clearing_pages
from nonpro.web import multilateral_funds as funds_pages
from nonpro.web import programs as programs_pages  # own line: fewer merge clashes
from nonpro.web import registers_agreements as agreements_pages  # own line: fewer clashes
from nonpro.web import registers_arms as arms_pages  # own line: fewer merge clashes
from nonpro.web import registers_files as files_pages  # own line: fewer merge clashes
from nonpro.web import registers_votes as votes_pages  # own line: fewer merge clashes
from nonpro.web import report_drafts as report_drafts_pages  # own line: fewer merge clashes
from nonpro.web import reports as reports_pages  # own line: fewer merge clashes
from nonpro.web import sanctions as sanctions_pages
from nonpro.web import screening_bulk as bulk_pages  # own line: fewer merge clashes

web_router = APIRouter(route_class=SessionRoute, include_in_schema=False)
for module in (
    accounts_signin,
    home,
    accounts,
    reference,
    screening,
    treaties,
    controls_pages,
    range_pages,
):
    web_router.include_router(module.router)
web_router.include_router(sanctions_pages.router)
web_router.include_router(bulk_pages.router)
web_router.include_router(password_pages.router)
web_router.include_router(token_pages.router)
web_router.include_router(db_pages.router)
web_router.include_router(cases_pages.router)
web_router.include_router(decision_pages.router)
web_router.include_router(precedent_pages.router)
web_router.include_router(statutory_pages.router)
web_router.include_router(programs_pages.router)
web_router.include_router(report_drafts_pages.router)
web_router.include_router(reports_pages.router)
web_router.include_router(multilateral_pages.router)
web_router.include_router(funds_pages.router)
web_router.include_router(clearing_pages.router)
web_router.include_router(interagency_pages.router)
web_router.include_router(annex_pages.router)
web_router.include_router(arms_pages.router)
web_router.include_router(agreements_pages.router)
web_router.include_router(files_pages.router)
web_router.include_router(votes_pages.router)
web_router.include_router(denials_pages.router)
web_router.include_router(endusers_pages.router)
