"""The automatic assessment: classify every item, screen every party, destination and catch-all.

Each finding records its evidence and source; ``guidelines.recommend`` turns the facts into a
recommendation with reasons. The parties' checks (lists and determinations) are in
``party_checks.py``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import guidelines, party_checks, rules
from nonpro.cases.alerts import party_origin
from nonpro.cases.evidence import Evidence, ItemFact
from nonpro.cases.models import Case, CaseEvent, CaseItem
from nonpro.cases.schemas import Assessment, Finding
from nonpro.controls import Classification, ItemDescription, classify, load_annex
from nonpro.controls.catchall import CaseFacts, ItemFacts, Party, evaluate_catch_all
from nonpro.core import audit
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import InvalidInput
from nonpro.endusers import services as endusers
from nonpro.screening import snapshots
from nonpro.screening.schemas import ScreeningQuery
from nonpro.screening.services import IndexProvider, keep_party


def _classify(item: CaseItem, number: int) -> tuple[ItemFact, Finding]:
    label = ItemFact(number, item.description, None, None, None).label
    annex = load_annex()
    try:
        result = classify(
            ItemDescription(text=item.description, parameters=item.parameters), annex=annex
        )
    except InvalidInput as problem:
        fact = ItemFact(number, item.description, None, None, None, item.quantity)
        return fact, Finding(
            kind="classification",
            summary=f"{label}: could not be classified ({problem.message})",
            evidence=[problem.message],
            source=f"MTCR Annex {annex.version}",
            rule="CLASSIFY",
            severity="low",
            subject=label,
        )
    matches = sorted(result.matches, key=lambda m: m.category != "I")
    if not matches:
        evidence = [f"near miss {n.item}: {'; '.join(n.reasons)}" for n in result.near_misses]
        evidence += [m.message for m in result.missing] + list(result.notes) + _trade_off(result)
        fact = ItemFact(number, item.description, None, None, None, item.quantity)
        needed = result.outcome == "information needed"
        # Never "not controlled" while a parameter or a design-intent question is open.
        summary = (
            f"{label}: information needed to classify against the MTCR Annex {result.annex_version}"
            if needed
            else f"{label}: not controlled by the MTCR Annex {result.annex_version}"
        )
        return fact, Finding(
            kind="classification",
            summary=summary,
            evidence=evidence or ["no Annex entry describes the item"],
            source=f"MTCR Annex {result.annex_version}",
            rule="CLASSIFY",
            severity="medium" if needed else ("low" if result.near_misses else "info"),
            subject=label,
        )
    top = matches[0]
    fact = ItemFact(number, item.description, top.category, top.item, top.title, item.quantity)
    others = [f"also {m.item} (Category {m.category}): {m.title}" for m in matches[1:]]
    return fact, Finding(
        kind="classification",
        summary=f"{label}: Category {top.category}, MTCR Annex {top.item} ({top.title})",
        evidence=[*top.reasons, *others, *top.notes, *_trade_off(result)],
        source=top.source,
        rule="CLASSIFY",
        severity="high" if top.category == "I" else "medium",
        subject=label,
    )


def _trade_off(result: Classification) -> list[str]:
    """Every complete system shows its trade-off: the MTCR counts capability."""
    if not result.complete_system:
        return []
    return [
        "complete system: the MTCR counts what it can carry how far; estimate its range/payload "
        "trade-off (Controls → Range and payload, or `nonpro range estimate`) before deciding"
    ]


def assess(
    case: Case, *, session: Session, provider: IndexProvider, as_of: date | None = None
) -> Assessment:
    """Assess the case as it stands, as of a day (today by default); writes nothing."""
    return _evaluate(case, session=session, provider=provider, as_of=as_of)[0]


def _evaluate(
    case: Case, *, session: Session, provider: IndexProvider, as_of: date | None
) -> tuple[Assessment, list[ItemFact]]:
    day = as_of or today()
    items_and_findings = [_classify(item, n) for n, item in enumerate(case.items, start=1)]
    items = [fact for fact, _ in items_and_findings]
    hits, screening, screened = party_checks.screen_parties(
        case, session=session, provider=provider, day=day
    )
    facts = CaseFacts(
        reference=case.reference,
        destination=case.destination,
        end_use=case.end_use or None,
        parties=[Party(role=p.role, name=p.name, country=p.country) for p in case.parties],
        items=[
            ItemFacts(
                description=i.description,
                quantity=i.quantity,
                annex_item=i.annex_item,
                category=i.category,
            )
            for i in items
        ],
    )
    known = endusers.program_entities(session=session, provider=provider)
    catch_all = evaluate_catch_all(facts, as_of=day, entities=known)
    findings = [finding for _, finding in items_and_findings] + screening
    for f in catch_all.findings:
        findings.append(
            Finding(
                kind="destination" if f.rule.startswith("CA-DEST") else "catch_all",
                summary=f.title + (" (a fact used is unverified)" if f.unverified else ""),
                evidence=[*f.evidence, f"basis: {f.basis}"],
                source=f.source,
                rule=f.rule,
                severity=f.severity,
                subject=catch_all.destination.country_name,
            )
        )
    evidence = Evidence(
        case_type=rules.CaseType(case.type),
        destination=catch_all.destination,
        catch_all=catch_all,
        items=items,
        hits=hits,
        parties=[(p.role, p.name) for p in case.parties],
        end_use=case.end_use,
        screened=screened,
    )
    recommendation, outcomes, provisos = guidelines.recommend(evidence)
    factors = guidelines.factors(evidence)
    fired = sorted(
        (o for o in outcomes if o.recommendation is not None),
        key=lambda o: -rules.RECOMMENDATION_STRENGTH[o.recommendation],  # type: ignore[index]
    )
    reasons = [f"{o.rule} → {o.recommendation}: {o.text}" for o in fired]
    reasons += [f"{f.factor}: {f.weighs} — {'; '.join(f.evidence)}" for f in factors]
    assessment = Assessment(
        reference=case.reference,
        as_of=day,
        recommendation=recommendation,
        findings=findings,
        reasons=reasons,
        rules=outcomes,
        factors=factors,
        provisos=provisos,
        flags=_flags(evidence),
        lists=dict(provider.current(session=session).index.snapshots),
    )
    return assessment, items


def _flags(ev: Evidence) -> list[str]:
    red = [f for f in ev.catch_all.findings if f.severity in ("high", "medium")]
    candidates = {
        "category_i": bool(ev.category("I")),
        "category_ii": bool(ev.category("II")),
        "list_hit": any(not h.determination and h.state != "dismissed" for h in ev.hits),
        "unreviewed_hit": any(h.state in ("possible", "escalated") for h in ev.hits),
        "determination": any(h.determination and h.state != "dismissed" for h in ev.hits),
        "catch_all": ev.catch_all.catch_all_triggered,
        "red_flags": any("DEST" not in f.rule for f in red),
        "not_mtcr_partner": not ev.destination.mtcr_partner,
        "un_measures": bool(ev.destination.un_measures),
        "unscreened": not ev.screened,
    }
    return [name for name, present in candidates.items() if present]


def assess_case(
    case: Case,
    *,
    session: Session,
    provider: IndexProvider,
    actor: Principal,
    as_of: date | None = None,
) -> Assessment:
    """Assess, store the result on the case, keep its parties for re-screening; audited.

    Does not bump the case's version: a re-assessment is not a person's edit.
    """
    for party in case.parties:
        query = ScreeningQuery(
            name=party.name, country=party.country, dob=party.dob, identifiers=party.identifiers
        )
        keep_party(
            query,
            origin=party_origin(case.reference),
            session=session,
            actor=actor,
            provider=provider,
        )
    result, items = _evaluate(case, session=session, provider=provider, as_of=as_of)
    for item, fact in zip(case.items, items, strict=True):
        item.annex_item, item.category = fact.annex_item, fact.category
    changed = case.recommendation != result.recommendation.value
    case.assessment = result.model_dump(mode="json")
    case.recommendation = result.recommendation.value
    case.flags = " " + " ".join(result.flags) + " "
    case.assessed_at = utcnow()
    if changed:
        case.events.append(
            CaseEvent(
                actor=actor.username,
                action="assess",
                note=f"recommendation: {result.recommendation.value}",
            )
        )
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="case.assess",
        target=f"case:{case.reference}",
        payload={"recommendation": result.recommendation.value, "flags": result.flags},
    )
    return result


def is_stale(case: Case, *, session: Session) -> bool:
    """True when the active lists (the determinations list included) changed since the last
    assessment, or the case was never assessed."""
    if case.assessment is None:
        return True
    used = sorted(str(v) for v in (case.assessment.get("lists") or {}).values())
    return tuple(used) != snapshots.active_fingerprint(session=session)


def reassess_open_cases(
    *, session: Session, provider: IndexProvider, actor: Principal
) -> list[tuple[str, str, str]]:
    """Assess every open case again (after a list or register change); returns the changes."""
    changes: list[tuple[str, str, str]] = []
    query = select(Case).where(Case.status.in_([s.value for s in rules.OPEN_STATUSES]))
    for case in session.scalars(query.order_by(Case.reference)):
        before = case.recommendation or ""
        after = assess_case(case, session=session, provider=provider, actor=actor)
        if after.recommendation.value != before:
            changes.append((case.reference, before, after.recommendation.value))
    return changes
