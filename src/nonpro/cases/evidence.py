"""What the assessment found, as plain facts the recommendation rules read.

Gathering (``assessment.py``) and judging (``guidelines.py``) are apart so the rules can be read
and tested without a database, a list or an Annex.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from nonpro.cases.rules import RECEIVING_ROLES, CaseType, PartyRole
from nonpro.controls.catchall import CatchAllAssessment, DestinationPolicy

HitState = Literal["confirmed", "possible", "escalated", "dismissed"]


@dataclass(frozen=True)
class ItemFact:
    number: int  # 1-based, as the application lists them
    description: str
    category: str | None  # "I", "II" or None (not on the Annex)
    annex_item: str | None
    title: str | None
    quantity: float | None = None

    @property
    def label(self) -> str:
        short = self.description if len(self.description) <= 60 else self.description[:59] + "…"
        return f"item {self.number} ({short})"


@dataclass(frozen=True)
class HitFact:
    role: str
    party: str
    entry_id: str
    entry_name: str
    list: str
    score: float
    state: HitState
    determination: bool  # the entry is a sanctions determination, not a list entry
    decided_by: str | None = None

    @property
    def receiving(self) -> bool:
        return self.role in {r.value for r in RECEIVING_ROLES}

    @property
    def label(self) -> str:
        return (
            f"{self.role} '{self.party}' ~ {self.entry_id} '{self.entry_name}' "
            f"(score {self.score:.2f})"
        )


@dataclass
class Evidence:
    case_type: CaseType
    destination: DestinationPolicy
    catch_all: CatchAllAssessment
    items: list[ItemFact] = field(default_factory=list)
    hits: list[HitFact] = field(default_factory=list)
    parties: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    end_use: str = ""
    screened: bool = True  # at least one list was loaded when the parties were screened

    def category(self, wanted: str) -> list[ItemFact]:
        return [i for i in self.items if i.category == wanted]

    @property
    def annex_items(self) -> list[ItemFact]:
        return [i for i in self.items if i.category is not None]

    def has_role(self, *roles: PartyRole) -> bool:
        wanted = {r.value for r in roles}
        return any(role in wanted for role, _ in self.parties)
