"""A custom import-linter contract: delivery layers reach a capability only through its front door.

import-linter's own contract types can forbid a list of modules but cannot say "only these", and a
list of forbidden modules goes stale the day someone adds `cases/whatever.py`. This contract names
what *is* allowed instead, so a new module is forbidden to the delivery layers until it is one of
the allowed kinds. lint-imports puts the working directory on `sys.path`, which is how it finds
this module (`contract_types` in pyproject.toml).
"""

from __future__ import annotations

from typing import Any

from grimp import ImportGraph
from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def is_allowed(imported: str, capability: str, allowed_names: set[str]) -> bool:
    """`<capability>[.<subpackage>…].<allowed name>`, never the package itself or deeper."""
    if imported == capability:
        return False  # its __init__ must re-export nothing, so importing it is a mistake
    return imported.rsplit(".", 1)[1] in allowed_names


class FrontDoorContract(Contract):
    """Source modules may import, from each capability package, only modules with allowed names.

    Options:
        - source_modules:  packages whose direct imports are checked (api, web, cli).
        - capabilities:    packages that may be entered only through the allowed modules.
        - allowed_modules: last names of the modules that are the way in (services, schemas …).
        - ignore_imports:  import expressions to leave out (temporary exceptions).
    """

    type_name = "front_door"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    capabilities = fields.ListField(subfield=fields.ModuleField())
    allowed_modules = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(AlertLevel, default=AlertLevel.ERROR)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        allowed_names = set(self.allowed_modules)  # type: ignore[call-overload]
        capabilities = [module.name for module in self.capabilities]  # type: ignore[attr-defined]
        violations: list[dict[str, Any]] = []
        for source in self.source_modules:  # type: ignore[attr-defined]
            if source.name not in graph.modules:
                raise ValueError(f"Module '{source.name}' does not exist.")
            importers = {source.name} | graph.find_descendants(source.name)
            for importer in sorted(importers):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    capability = next(
                        (c for c in capabilities if imported == c or imported.startswith(c + ".")),
                        None,
                    )
                    if capability is None or is_allowed(imported, capability, allowed_names):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(detail["line_number"] for detail in details)
                    violations.append({"importer": importer, "imported": imported, "lines": lines})
        output.verbose_print(verbose, f"{len(violations)} imports past the front door.")
        return ContractCheck(
            kept=not violations,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"violations": violations},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(sorted(self.allowed_modules))  # type: ignore[call-overload]
        output.print_error(f"Delivery modules may import from a capability only {allowed}:")
        output.new_line()
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{line}" for line in violation["lines"])
            output.print_error(
                f"-   {violation['importer']} -> {violation['imported']} ({lines})", bold=False
            )
        output.new_line()
