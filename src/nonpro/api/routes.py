"""Every API router under /api."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.api import accounts, audit, controls, health, reference, screening, treaties
from nonpro.api import cases as cases_api  # own line: shared file, fewer clashes
from nonpro.api import cases_statutory as cases_statutory_api  # own line: shared file
from nonpro.api import denials as denials_api  # own line: shared file, fewer clashes
from nonpro.api import endusers as endusers_api  # own line: shared file, fewer clashes
from nonpro.api import interagency as interagency_api  # own line: shared file, fewer clashes
from nonpro.api import interagency_annex as annex_api  # own line: shared file, fewer clashes
from nonpro.api import multilateral as multilateral_api  # own line: shared file, fewer clashes
from nonpro.api import programs as programs_api  # own line: shared file, fewer clashes
from nonpro.api import registers_agreements as agreements_api  # own line: fewer clashes
from nonpro.api import registers_arms as arms_api  # own line: shared file, fewer clashes
from nonpro.api import registers_files as registers_files_api  # own line: fewer clashes
from nonpro.api import registers_votes as votes_api  # own line: shared file, fewer clashes
from nonpro.api import report_drafts as report_drafts_api  # own line: fewer clashes
from nonpro.api import reports as reports_api  # own line: shared file, fewer clashes
from nonpro.api import sanctions as sanctions_api  # own line: shared file, fewer clashes
from nonpro.api import worklist as worklist_api  # own line: shared file, fewer clashes
from nonpro.http.unit_of_work import SessionRoute

api_router = APIRouter(route_class=SessionRoute, prefix="/api")
for module in (health, accounts, audit, reference, screening, treaties, controls, sanctions_api):
    api_router.include_router(module.router)
api_router.include_router(cases_api.router)
api_router.include_router(cases_statutory_api.router)
api_router.include_router(programs_api.router)
api_router.include_router(report_drafts_api.router)
api_router.include_router(reports_api.router)
api_router.include_router(multilateral_api.router)
api_router.include_router(interagency_api.router)
api_router.include_router(annex_api.router)
api_router.include_router(agreements_api.router)
api_router.include_router(registers_files_api.router)
api_router.include_router(votes_api.router)
api_router.include_router(arms_api.router)
api_router.include_router(denials_api.router)
api_router.include_router(endusers_api.router)
api_router.include_router(worklist_api.router)
