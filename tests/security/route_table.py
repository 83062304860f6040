"""The application's route table, read from FastAPI itself, with the permission each route needs.

The security tests are generated from this table, so a route added tomorrow is tested tomorrow
without anyone remembering to list it.
"""

from __future__ import annotations

import inspect
import re
import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant

from nonpro.accounts.rules import Permission
from nonpro.web.csrf import verify_csrf

# The factories whose inner ``check`` carries the permission in its closure.
_PERMISSION_CHECKS = {"requires.<locals>.check", "page_requires.<locals>.check"}
_PATH_PARAM = re.compile(r"{([^}:]+)(:[^}]+)?}")


@dataclass(frozen=True)
class RouteInfo:
    path: str
    method: str
    permissions: frozenset[Permission]  # every permission a dependency demands
    needs_csrf: bool
    path_params: dict[str, Any]

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api")

    @property
    def writes(self) -> bool:
        return self.method not in {"GET", "HEAD", "OPTIONS"}

    def url(self) -> str:
        def fill(match: re.Match[str]) -> str:
            value = self.path_params.get(match.group(1), "NOPE-1")
            return str(value)

        return _PATH_PARAM.sub(fill, self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _walk(dependant: Dependant) -> list[Dependant]:
    found = [dependant]
    for child in dependant.dependencies:
        found.extend(_walk(child))
    return found


def _permission_of(call: Any) -> Permission | None:
    if getattr(call, "__qualname__", "") not in _PERMISSION_CHECKS:
        return None
    value = inspect.getclosurevars(call).nonlocals.get("permission")
    return value if isinstance(value, Permission) else None


def _sample_value(annotation: Any) -> Any:
    # A well-formed identifier that names nothing: the request gets past parsing to the checks.
    if annotation is uuid.UUID:
        return uuid.UUID("00000000-0000-4000-8000-000000000000")
    if annotation is int:
        return 999999
    return "NOPE-1"


def route_table(app: FastAPI) -> list[RouteInfo]:
    routes: list[RouteInfo] = []
    for branch in app.router.routes:
        contexts = getattr(branch, "effective_route_contexts", None)
        if contexts is None:
            continue
        for context in contexts():
            dependants = _walk(context.dependant)
            permissions = frozenset(
                p for d in dependants if (p := _permission_of(d.call)) is not None
            )
            needs_csrf = any(d.call is verify_csrf for d in dependants)
            params = {
                field.name: _sample_value(field.field_info.annotation)
                for field in context.dependant.path_params
            }
            for method in sorted(context.methods or ()):
                if method == "HEAD":
                    continue
                routes.append(RouteInfo(context.path, method, permissions, needs_csrf, params))
    return routes
