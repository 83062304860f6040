"""Decisions at a glance: the few reasons that decided a recommendation, in plain sentences,
and one line per entity a party matched.

The assessment keeps every rule it considered (codes, list entry ids, bases) as its evidence;
this module only chooses and words what a reader sees first: the rules that fired, strongest
first, then (up to three) the clean findings that let an approval stand, each grouped by what
it is about and carrying its evidence for a <details>.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from nonpro.cases.rules import RECOMMENDATION_STRENGTH, Recommendation
from nonpro.cases.schemas import Assessment, Finding, HitDecisionOut, RuleOutcome

Group = Literal["item", "parties", "destination", "end_use"]
GROUP_TITLES: dict[Group, str] = {
    "item": "Items",
    "parties": "Parties",
    "destination": "Destination",
    "end_use": "End use",
}
RULE_GROUPS: dict[str, Group] = {
    "R-CAT-I": "item",
    "R-CAT-II": "item",
    "R-NOT-LISTED": "item",
    "R-INCOMPLETE": "item",
    "R-DETERMINATION": "parties",
    "R-LIST-HIT": "parties",
    "R-NOT-SCREENED": "parties",
    "R-UN-MEASURES": "destination",
    "R-CATCH-ALL": "end_use",
    "R-RED-FLAGS": "end_use",
}
# The findings each group's evidence draws on.
GROUP_FINDINGS: dict[Group, tuple[str, ...]] = {
    "item": ("classification",),
    "parties": ("screening", "sanctions"),
    "destination": ("destination",),
    "end_use": ("catch_all",),
}
MOST, LEAST = 5, 3
# Which clean findings say most when they are what lets an approval stand.
CLEAN_FIRST = ("R-LIST-HIT", "R-UN-MEASURES", "R-CATCH-ALL", "R-NOT-SCREENED", "R-RED-FLAGS")
HIT_STATES = {
    "confirmed": "confirmed as",
    "escalated": "escalated for a decision on whether it is",
    "possible": "possibly",
    "dismissed": "dismissed as not",
}
DECISION_WORDS = {
    "true_match": "true match",
    "false_positive": "false positive",
    "escalate": "escalated",
}


class DecidingReason(BaseModel):
    group: Group
    group_title: str
    sentence: str
    fired: bool  # the rule made a recommendation (False: a clean finding that lets it stand)
    recommendation: Recommendation | None
    rule: str
    basis: str
    evidence: list[str]


class GlanceReasons(BaseModel):
    reasons: list[DecidingReason]  # strongest first
    more: int  # rules that fired beyond those shown (every rule is in the full list)

    def grouped(self) -> list[tuple[str, list[DecidingReason]]]:
        """The reasons under their group's title, groups in the order of their first reason."""
        groups: dict[str, list[DecidingReason]] = {}
        for reason in self.reasons:
            groups.setdefault(reason.group_title, []).append(reason)
        return list(groups.items())


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def _party_phrase(subject: str) -> str:
    """ "end_user 'Acme'" → "the end user Acme" (the findings' subject)."""
    role, _, name = subject.partition(" ")
    return f"the {role.replace('_', ' ')} {name.strip(chr(39))}".strip()


def _hits(assessment: Assessment, determination: bool) -> list[Finding]:
    kind = "sanctions" if determination else "screening"
    return [
        f
        for f in assessment.findings
        if f.kind == kind and f.entry_id and f.hit_state and f.hit_state != "dismissed"
    ]


def _hit_sentence(outcome: RuleOutcome, assessment: Assessment) -> str:
    determination = outcome.rule == "R-DETERMINATION"
    what = "an active sanctions determination" if determination else "a sanctions list entry"
    hits = _hits(assessment, determination)
    if outcome.recommendation is None or not hits:
        return f"No party matches {what}."
    lines = []
    for entity in _entities(hits):
        first = entity[0]
        lists = ", ".join(sorted({(f.list_source or "?").upper() for f in entity}))
        named = first.listed_name or "a listed entry"
        lines.append(
            f"{_party_phrase(first.subject)} is {HIT_STATES[first.hit_state or 'possible']} "
            f"{named} ({lists})"
        )
    undecided = any(f.hit_state != "confirmed" for f in hits)
    tail = "; a reviewer must decide each open match" if undecided else ""
    return _sentence("; ".join(lines) + tail)


def _items_sentence(outcome: RuleOutcome, assessment: Assessment) -> str:
    if outcome.recommendation is None:
        return _sentence(outcome.text)
    if outcome.rule == "R-CAT-I":
        return _sentence(
            outcome.text.split(". Strong presumption", 1)[0]
            + ": the MTCR Guidelines presume denial"
        )
    return _sentence(outcome.text)


def _red_flags_sentence(outcome: RuleOutcome, assessment: Assessment) -> str:
    if outcome.recommendation is None:
        return "No serious red flag about the parties, end use or routing."
    flags = [
        f.summary
        for f in assessment.findings
        if f.kind == "catch_all" and f.severity == "high" and "DEST" not in f.rule
    ]
    return _sentence("red flags about the parties, end use or routing: " + "; ".join(flags))


def _screened_sentence(outcome: RuleOutcome, assessment: Assessment) -> str:
    if outcome.recommendation is None:
        return "Every party was screened against the lists loaded."
    return "No list was loaded, so the parties are unscreened: the case is referred."


def _plain(outcome: RuleOutcome, assessment: Assessment) -> str:
    return _sentence(outcome.text)


SENTENCES: dict[str, Callable[[RuleOutcome, Assessment], str]] = {
    "R-DETERMINATION": _hit_sentence,
    "R-LIST-HIT": _hit_sentence,
    "R-CAT-I": _items_sentence,
    "R-RED-FLAGS": _red_flags_sentence,
    "R-NOT-SCREENED": _screened_sentence,
}


def _evidence(outcome: RuleOutcome, group: Group, assessment: Assessment) -> list[str]:
    """What a reader opens: the rule and its basis as recorded, then the findings behind it."""
    lines = [f"rule {outcome.rule}: {outcome.text}"]
    if outcome.basis:
        lines.append(f"basis: {outcome.basis}")
    kinds = GROUP_FINDINGS[group]
    for f in assessment.findings:
        if f.kind in kinds:
            lines.append(f"{f.summary} (source: {f.source})")
    return lines


def _reason(outcome: RuleOutcome, assessment: Assessment) -> DecidingReason:
    group = RULE_GROUPS.get(outcome.rule, "item")
    sentence = SENTENCES.get(outcome.rule, _plain)(outcome, assessment)
    return DecidingReason(
        group=group,
        group_title=GROUP_TITLES[group],
        sentence=sentence,
        fired=outcome.recommendation is not None,
        recommendation=outcome.recommendation,
        rule=outcome.rule,
        basis=outcome.basis,
        evidence=_evidence(outcome, group, assessment),
    )


def deciding_reasons(assessment: Assessment) -> GlanceReasons:
    """The three to five reasons a reader sees first: the rules that fired, strongest first;
    then, up to three, a clean finding from each group not yet named (why nothing else
    stands in the way)."""
    fired = [o for o in assessment.rules if o.recommendation is not None]
    fired.sort(key=lambda o: -RECOMMENDATION_STRENGTH[o.recommendation or Recommendation.APPROVE])
    chosen = fired[:MOST]
    covered = {RULE_GROUPS.get(o.rule, "item") for o in chosen}
    clean = sorted(
        (o for o in assessment.rules if o.recommendation is None and o.text),
        key=lambda o: CLEAN_FIRST.index(o.rule) if o.rule in CLEAN_FIRST else len(CLEAN_FIRST),
    )
    for outcome in clean:
        group = RULE_GROUPS.get(outcome.rule, "item")
        if len(chosen) >= LEAST:
            break
        if group not in covered:
            chosen.append(outcome)
            covered.add(group)
    return GlanceReasons(
        reasons=[_reason(o, assessment) for o in chosen], more=max(0, len(fired) - MOST)
    )


# --- one line per matched entity ---------------------------------------------------------------


class EntitySource(BaseModel):
    entry_id: str
    list_source: str
    source: str
    evidence: list[str]
    hit_state: str


class EntityLine(BaseModel):
    """The entries of one listed entity a party matched, shown as one line."""

    party: int
    listed_name: str
    state: str  # the most pressing of its entries' states
    lists: list[str]
    sources: list[EntitySource]
    decisions: list[HitDecisionOut]  # the newest per entry, as the reviewers recorded them


_PRESSING = ["confirmed", "escalated", "possible", "dismissed"]


def _entity_key(f: Finding) -> str:
    return " ".join((f.listed_name or f.entry_id or "").casefold().split())


def _entities(hits: list[Finding]) -> list[list[Finding]]:
    grouped: dict[tuple[int | None, str], list[Finding]] = {}
    for f in hits:
        grouped.setdefault((f.party, _entity_key(f)), []).append(f)
    return list(grouped.values())


def entity_lines(assessment: Assessment | None) -> dict[int, list[EntityLine]]:
    """Per party position: one line per entity its hits name (entries of several lists naming
    it the same way are one entity), its sources and decisions inside."""
    if assessment is None:
        return {}
    hits = [f for f in assessment.findings if f.entry_id and f.party is not None]
    found: dict[int, list[EntityLine]] = {}
    for entity in _entities(hits):
        first = entity[0]
        states = [f.hit_state or "possible" for f in entity]
        found.setdefault(first.party or 0, []).append(
            EntityLine(
                party=first.party or 0,
                listed_name=first.listed_name or f"list entry {first.entry_id}",
                state=min(states, key=_PRESSING.index),
                lists=sorted({(f.list_source or "?").upper() for f in entity}),
                sources=[
                    EntitySource(
                        entry_id=f.entry_id or "",
                        list_source=(f.list_source or "?").upper(),
                        source=f.source,
                        evidence=f.evidence,
                        hit_state=f.hit_state or "possible",
                    )
                    for f in entity
                ],
                decisions=[f.decisions[-1] for f in entity if f.decisions],
            )
        )
    return found
