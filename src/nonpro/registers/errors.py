"""The error every register raises for a file it cannot read; each subpackage's ``errors``
names it for its callers."""

from __future__ import annotations

from nonpro.core.errors import NonproError


class UnreadableRegisterFile(NonproError):
    """An imported file (a state's report, the SIPRI register, a vote table) cannot be read:
    names the file, the line and the problem."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem
