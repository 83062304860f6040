"""Catch-all red flags of an export case and destination policy as of a date.

``evaluate_catch_all(facts)`` finds the red flags of a case; ``destination_policy(country)``
says what regime membership, UN measures, the terrorism presumption and the concern list mean
for a destination on a given day.
"""

from __future__ import annotations

from nonpro.controls.catchall.reference import ExplainedMembership, RegimeMembership, load_all
from nonpro.controls.catchall.schemas import (
    CaseFacts,
    CatchAllAssessment,
    DestinationPolicy,
    Finding,
    ItemFacts,
    KnowledgeReport,
    Party,
    ProgramTie,
)
from nonpro.controls.catchall.services import destination_policy, evaluate_catch_all, parse_case

__all__ = [
    "CaseFacts",
    "CatchAllAssessment",
    "DestinationPolicy",
    "ExplainedMembership",
    "Finding",
    "ItemFacts",
    "KnowledgeReport",
    "Party",
    "ProgramTie",
    "RegimeMembership",
    "destination_policy",
    "evaluate_catch_all",
    "load_all",
    "parse_case",
]
