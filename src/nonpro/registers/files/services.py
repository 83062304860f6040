"""Use cases of the negotiation files, gathered from its modules for every interface. Every use
case that changes data refuses an actor without ``manage_multilateral``."""

from __future__ import annotations

from nonpro.registers.files.papers import add_paper, diff, papers, revise_paper, show_paper
from nonpro.registers.files.records import (
    add_position,
    list_files,
    positions,
    search,
    seed,
    show,
    timeline,
)

__all__ = [
    "add_paper",
    "add_position",
    "diff",
    "list_files",
    "papers",
    "positions",
    "revise_paper",
    "search",
    "seed",
    "show",
    "show_paper",
    "timeline",
]
