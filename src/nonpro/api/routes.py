"""Every API router under /api."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.api import accounts, audit, health, reference, screening

api_router = APIRouter(prefix="/api")
for module in (health, accounts, audit, reference, screening):
    api_router.include_router(module.router)
