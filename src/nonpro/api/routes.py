"""Every API router under /api."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.api import accounts, audit, controls, health, reference, screening, treaties

api_router = APIRouter(prefix="/api")
for module in (health, accounts, audit, reference, screening, treaties, controls):
    api_router.include_router(module.router)
