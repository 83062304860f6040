"""Every page router."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.web import admin, home, reference, screening, signin, treaties

web_router = APIRouter(include_in_schema=False)
for module in (signin, home, admin, reference, screening, treaties):
    web_router.include_router(module.router)
