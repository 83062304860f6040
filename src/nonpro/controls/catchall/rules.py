"""Catch-all red flags, one function per rule; each finding names its rule, evidence and basis.

The flags are those of the U.S. "Know Your Customer" guidance (EAR Part 732, Supplement No. 3),
the missile catch-all (15 CFR 744.3) and the MTCR Guidelines (paras 3 and 7). Rules only read
the case and the reference data passed in; they never guess: a rule with nothing to go on
stays silent, and the reluctance rule reports what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from nonpro.controls.catchall.schemas import (
    CaseFacts,
    Finding,
    ItemFacts,
    ItemKind,
    ProgramEntity,
    RedFlagVocabulary,
)
from nonpro.controls.catchall.text import entity_match, impulse_ns, matched_words, speed_m_s

KYC_RED_FLAGS = "EAR Part 732, Supplement No. 3 (Know Your Customer red flags)"
RESEARCH_WORDS = ["universit", "research", "student", "academ", "education", "school"]
CATEGORY_I_IMPULSE_NS = 1.1e6  # 2.A.1.c: total impulse at which a motor is Category I

# Facts a reviewer should check before relying on them
_WEAK_CONFIDENCE = frozenset({"inferred", "recollection_unverified"})


@dataclass(frozen=True)
class CaseContext:
    """The case with its countries resolved to alpha-3, and the data the rules read."""

    facts: CaseFacts
    as_of: date
    destination: str
    party_countries: tuple[str | None, ...]  # alpha-3 per party, in order
    routing: tuple[str, ...]  # transit countries, alpha-3
    vocabulary: RedFlagVocabulary
    entities: tuple[ProgramEntity, ...]

    @property
    def applicant_country(self) -> str | None:
        for party, country in zip(self.facts.parties, self.party_countries, strict=True):
            if party.role == "applicant":
                return country
        return None


def program_ties(ctx: CaseContext) -> list[Finding]:
    evidence: list[str] = []
    asked: list[str] = []
    sources: set[str] = set()
    unverified = False
    for party, country in zip(ctx.facts.parties, ctx.party_countries, strict=True):
        if party.role == "applicant":
            continue
        for entity in ctx.entities:
            found = entity_match(party.name, country, entity)
            if found == "country needed":
                asked.append(
                    f"{party.role} '{party.name}' bears the generic name of '{entity.name}' "
                    f"({entity.country}): {entity.programme}; the party's country decides"
                )
            if found != "match":
                continue
            evidence.append(
                f"{party.role} '{party.name}' ({country or 'country not given'}) is "
                f"'{entity.name}': {entity.programme}; {entity.listing}"
            )
            sources.add(entity.source)
            unverified = unverified or entity.confidence in _WEAK_CONFIDENCE
    for tie in ctx.facts.program_ties:
        evidence.append(f"'{tie.party}' is tied to {tie.programme} (reported by {tie.source})")
        sources.add(tie.source)
    findings = []
    if evidence:
        findings.append(
            Finding(
                rule="CA-PROGRAM",
                title="end user or consignee tied to a missile programme",
                severity="high",
                evidence=evidence,
                basis="15 CFR 744.3(a) (knowledge that the item is for a missile project); "
                "MTCR Guidelines para 3(B), the recipient's missile programme (wording unverified)",
                source="; ".join(sorted(sources)),
                unverified=unverified,
            )
        )
    if asked:
        findings.append(
            Finding(
                rule="CA-PROGRAM-COUNTRY",
                title="information needed: a party's country, to tell it from a missile "
                "programme entity of the same generic name",
                severity="medium",
                evidence=asked,
                basis="15 CFR 744.3(a); a generic organisation name identifies an entity only "
                "together with its country",
                source="missile end-user knowledge base",
            )
        )
    return findings


def _kind_findings(item: ItemFacts, kind: ItemKind, end_use: str) -> list[str]:
    out: list[str] = []
    if bad := matched_words(end_use, kind.does_not_fit):
        out.append(f"{kind.label} ('{item.description}') for '{end_use}' ({', '.join(bad)})")
    speed = speed_m_s(item)
    slow = matched_words(end_use, kind.slow_end_uses)
    if kind.speed_limit_m_s and speed is not None and speed >= kind.speed_limit_m_s and slow:
        out.append(f"rated for {speed:,.0f} m/s but the end use is '{end_use}': {kind.speed_note}")
    impulse = impulse_ns(item.description)
    is_cat_i = item.category == "I" or (impulse is not None and impulse >= CATEGORY_I_IMPULSE_NS)
    if kind.research_scale_limit and is_cat_i and matched_words(end_use, RESEARCH_WORDS):
        size = f" (total impulse {impulse:.2g} N·s)" if impulse else ""
        out.append(f"Category I item{size} for '{end_use}': {kind.research_scale_limit}")
    return out


def end_use_fit(ctx: CaseContext) -> list[Finding]:
    end_use = ctx.facts.end_use or ""
    if not end_use or matched_words(end_use, ctx.vocabulary.vague_end_uses):
        return []  # nothing to compare: the reluctance rule reports it
    evidence: list[str] = []
    for item in ctx.facts.items:
        for kind in ctx.vocabulary.item_kinds:
            if matched_words(item.description, kind.item_words):
                evidence.extend(_kind_findings(item, kind, end_use))
    if not evidence:
        return []
    high = any("Category I" in e for e in evidence) or any(i.category for i in ctx.facts.items)
    return [
        Finding(
            rule="CA-END-USE",
            title="end use inconsistent with the item",
            severity="high" if high else "medium",
            evidence=evidence,
            basis=f"{KYC_RED_FLAGS}: capabilities do not fit the buyer's line of business; "
            "15 CFR 744.3(d)(i) (the specific nature of the end use)",
            source="data/red_flags.yaml item kinds",
            unverified=ctx.vocabulary.confidence == "recollection_unverified",
        )
    ]


def reluctance(ctx: CaseContext) -> list[Finding]:
    facts = ctx.facts
    evidence: list[str] = []
    if not (facts.end_use or "").strip():
        evidence.append("no end use stated")
    elif vague := matched_words(facts.end_use, ctx.vocabulary.vague_end_uses):
        evidence.append(f"end use '{facts.end_use}' says nothing specific ({', '.join(vague)})")
    if facts.end_use_statement in ("missing", "refused"):
        evidence.append(f"end-user statement {facts.end_use_statement}")
    if not evidence:
        return []
    return [
        Finding(
            rule="CA-RELUCTANT",
            title="reluctance to give end-use information",
            severity="high" if facts.end_use_statement == "refused" else "medium",
            evidence=evidence,
            basis=f"{KYC_RED_FLAGS}: reluctant to offer information about the end use; MTCR "
            "practice requires an end-user statement of use and location (mtcr.info/trade)",
            source="the case facts",
        )
    ]


def routing(ctx: CaseContext) -> list[Finding]:
    facts, hubs = ctx.facts, set(ctx.vocabulary.transshipment_hubs)
    home = {ctx.destination, ctx.applicant_country}
    evidence: list[str] = []

    def hub(country: str) -> str:
        return " (a known trans-shipment hub)" if country in hubs else ""

    for party, country in zip(facts.parties, ctx.party_countries, strict=True):
        if party.role == "end_user" and country and country != ctx.destination:
            evidence.append(f"end user '{party.name}' is in {country}, not in {ctx.destination}")
        elif party.role not in ("applicant", "end_user") and country and country not in home:
            evidence.append(f"{party.role} '{party.name}' in third country {country}{hub(country)}")
        if party.role == "end_user" and matched_words(party.name, ["forward", "logistic"]):
            evidence.append(f"a freight forwarder ('{party.name}') is named as end user")
    for country in ctx.routing:
        if country not in home:
            evidence.append(f"transit through {country}{hub(country)}")
    texts = [facts.shipping, facts.end_use, *(i.description for i in facts.items)]
    for text in texts:
        if words := matched_words(text, ctx.vocabulary.routing_words):
            evidence.append(f"'{text}' mentions {', '.join(words)}")
    if not evidence:
        return []
    return [
        Finding(
            rule="CA-ROUTING",
            title="unusual routing",
            severity="medium",
            evidence=evidence,
            basis=f"{KYC_RED_FLAGS}: abnormal shipping route; freight forwarder as final "
            "destination",
            source="the case facts; hubs from data/red_flags.yaml",
            unverified=any("hub" in e for e in evidence),
        )
    ]


def payment(ctx: CaseContext) -> list[Finding]:
    facts, vocab = ctx.facts, ctx.vocabulary
    evidence: list[str] = []
    total = sum(i.value_usd or 0.0 for i in facts.items)
    for text in [facts.payment, *(i.description for i in facts.items)]:
        words = matched_words(text, vocab.payment_words)
        if words == ["cash"] and total <= vocab.cash_flag_above_usd:
            continue  # cash for a cheap item is ordinary
        if words:
            evidence.append(f"'{text}' ({', '.join(words)}; order value ${total:,.0f})")
    if not evidence:
        return []
    return [
        Finding(
            rule="CA-PAYMENT",
            title="unusual payment",
            severity="medium",
            evidence=evidence,
            basis=f"{KYC_RED_FLAGS}: cash for an expensive item where terms would call for "
            "financing",
            source="the case facts",
        )
    ]


def knowledge(ctx: CaseContext) -> list[Finding]:
    out: list[Finding] = []
    meaning = {
        "informed": (
            "high",
            "the authorities informed the exporter: a licence is required even for an unlisted "
            "item",
            "15 CFR 744.3(b) (is-informed notice); MTCR Guidelines para 7(a)",
        ),
        "aware": (
            "high",
            "the exporter knows of a missile end use: it must tell the authorities",
            "15 CFR 744.3(a) (knowledge); MTCR Guidelines para 7(b)",
        ),
        "intelligence": (
            "medium",
            "information gives reason to know of a missile end use",
            "15 CFR 744.3(a) ('knowledge' includes reason to know)",
        ),
    }
    for report in ctx.facts.knowledge:
        severity, what, basis = meaning[report.kind]
        when = f" on {report.date.isoformat()}" if report.date else ""
        out.append(
            Finding(
                rule="CA-KNOWLEDGE",
                title=f"know / reason to know: {what}",
                severity="high" if severity == "high" else "medium",
                evidence=[f"{report.summary} ({report.source}{when})"],
                basis=basis,
                source=report.source,
            )
        )
    return out


CASE_RULES: tuple[Callable[[CaseContext], list[Finding]], ...] = (
    program_ties,
    end_use_fit,
    reluctance,
    routing,
    payment,
    knowledge,
)
