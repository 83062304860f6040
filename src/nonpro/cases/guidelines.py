"""The recommendation rules and the MTCR Guidelines para 3 factors, each with its evidence.

Each rule reads the ``Evidence`` and either fires (with a recommendation and a sentence naming
the facts) or is recorded as considered. The strongest recommendation among the rules that
fired wins (``rules.RECOMMENDATION_STRENGTH``). Facts: shared/domain/law_process.md.
"""

from __future__ import annotations

from collections.abc import Callable

from nonpro.cases.evidence import Evidence
from nonpro.cases.provisos import STANDARD_FOR_ANNEX_ITEMS
from nonpro.cases.rules import RECOMMENDATION_STRENGTH, CaseType, PartyRole, Recommendation
from nonpro.cases.schemas import FactorAssessment, RuleOutcome
from nonpro.controls.catchall.factors import GUIDELINE_FACTORS

Rule = Callable[[Evidence], RuleOutcome]
APPLICATIONS = (CaseType.DUAL_USE_REFERRAL, CaseType.MUNITIONS_LICENSE)


def _flags(
    ev: Evidence, *rules: str, severities: tuple[str, ...] = ("high", "medium")
) -> list[str]:
    return [
        f"{f.title}: {'; '.join(f.evidence)}"
        for f in ev.catch_all.findings
        if f.rule in rules and f.severity in severities
    ]


def _outcome(rule: str, fired: Recommendation | None, text: str, basis: str) -> RuleOutcome:
    return RuleOutcome(rule=rule, recommendation=fired, text=text, basis=basis)


# --- the Guidelines para 3 factors -------------------------------------------------------------


def factors(ev: Evidence) -> list[FactorAssessment]:
    """All six factors, each weighed with the evidence for it."""
    policy = ev.destination
    partner = f"{policy.country_name} is an MTCR partner as of {policy.as_of}"
    hits = [h.label for h in ev.hits if h.state != "dismissed"]
    concern_a = _flags(ev, "CA-DEST-CONCERN", "CA-DEST-UN", "CA-PROGRAM", "CA-KNOWLEDGE") + hits
    concern_b = _flags(ev, "CA-PROGRAM", "CA-DEST-CONCERN")
    cat_i = [f"{i.label}: Category I, Annex {i.annex_item}" for i in ev.category("I")]
    cat_ii = [f"{i.label}: Category II, Annex {i.annex_item}" for i in ev.category("II")]
    end_use = _flags(ev, "CA-END-USE", "CA-RELUCTANT", "CA-ROUTING", "CA-PAYMENT", "CA-KNOWLEDGE")
    un = [f"{m.measure} ({m.scope}) since {m.since}" for m in policy.un_measures]

    found = [
        _factor("A", concern_a, policy.mtcr_partner, partner, "no WMD concern found"),
        _factor("B", concern_b, policy.mtcr_partner, partner, "no programme tie among the parties"),
        _factor(
            "C",
            cat_i + _flags(ev, "CA-END-USE", severities=("high",)),
            not ev.annex_items,
            "no item is on the MTCR Annex",
            "; ".join(cat_ii) or "see the classification",
            neutral=cat_ii,
        ),
        _factor(
            "D",
            end_use,
            bool(ev.end_use.strip()),
            f"stated end use: {ev.end_use!r}; no end-use red flag",
            "no end use stated",
        ),
        _factor(
            "E",
            un,
            policy.mtcr_partner,
            partner,
            f"{policy.country_name} is not an MTCR partner"
            + ("" if policy.hcoc_subscriber else " and does not subscribe to HCOC"),
        ),
        _factor(
            "F",
            _flags(ev, "CA-DEST-TERRORISM", severities=("high",)),
            True,
            f"{policy.country_name} is not designated a state sponsor of terrorism",
            "",
        ),
    ]
    return found


def _factor(
    letter: str,
    adverse: list[str],
    favourable: bool,
    favourable_text: str,
    neutral_text: str,
    *,
    neutral: list[str] | None = None,
) -> FactorAssessment:
    name = GUIDELINE_FACTORS[letter]
    if adverse:
        return FactorAssessment(factor=name, weighs="adverse", evidence=adverse)
    if neutral:
        return FactorAssessment(factor=name, weighs="neutral", evidence=neutral)
    if favourable:
        return FactorAssessment(factor=name, weighs="favourable", evidence=[favourable_text])
    return FactorAssessment(factor=name, weighs="neutral", evidence=[neutral_text])


# --- the rules --------------------------------------------------------------------------------


def incomplete(ev: Evidence) -> RuleOutcome:
    missing = []
    if not ev.items:
        missing.append("no item")
    if not ev.has_role(PartyRole.END_USER, PartyRole.ULTIMATE_CONSIGNEE):
        missing.append("no end user or ultimate consignee")
    fired = ev.case_type in APPLICATIONS and bool(missing)
    return _outcome(
        "R-INCOMPLETE",
        Recommendation.RETURN_WITHOUT_ACTION if fired else None,
        f"the application is incomplete ({', '.join(missing)}): return without action"
        if fired
        else "the application names its items and its end user",
        "BIS returns an application without action when information is missing "
        "(law_process.md 5.1.3-5.1.4)",
    )


def category_i(ev: Evidence) -> RuleOutcome:
    items = ev.category("I")
    named = "; ".join(f"{i.label} is MTCR Annex {i.annex_item} ({i.title})" for i in items)
    return _outcome(
        "R-CAT-I",
        Recommendation.DENY if items else None,
        f"Category I: {named}. Strong presumption of denial; transfers only on rare occasions "
        "with binding government-to-government undertakings"
        if items
        else "no Category I item",
        "MTCR Guidelines para 2; 15 CFR 742.5 (law_process.md 6.2, 6.4, 5.1.17)",
    )


def un_measures(ev: Evidence) -> RuleOutcome:
    measures = [m for m in ev.destination.un_measures if m.scope in ("missile", "arms")]
    fired = bool(measures) and bool(ev.annex_items)
    listed = "; ".join(f"{m.measure} ({m.scope}, since {m.since})" for m in measures)
    return _outcome(
        "R-UN-MEASURES",
        Recommendation.DENY if fired else None,
        f"UN Security Council measures in force on {ev.destination.country_name}: {listed}; "
        "Annex items may not go there"
        if fired
        else f"no UN missile or arms measure bars Annex items to {ev.destination.country_name}",
        "UN Security Council resolutions (controls catch-all data: un_measures)",
    )


def _hit_rule(ev: Evidence, *, determination: bool) -> RuleOutcome:
    hits = [h for h in ev.hits if h.determination == determination and h.state != "dismissed"]
    confirmed = [h for h in hits if h.state == "confirmed"]
    deny = [h for h in confirmed if determination or h.receiving]
    fired = Recommendation.DENY if deny else Recommendation.REFER if hits else None
    what = "an active sanctions determination" if determination else "a list entry"
    parts = [
        f"{h.label}: {h.state}"
        + (f" by {h.decided_by}" if h.decided_by else "")
        + ("" if h.state == "confirmed" else "; a reviewer must dispose of the hit")
        for h in hits
    ]
    return _outcome(
        "R-DETERMINATION" if determination else "R-LIST-HIT",
        fired,
        f"a party matches {what}: " + "; ".join(parts) if hits else f"no party matches {what}",
        "AECA §73 sanctions deny licences to the sanctioned person (law_process.md 1.3.3-1.3.4)"
        if determination
        else "a confirmed listing of a consignee or end user is a ground to deny; an open alert "
        "must be decided first (MTCR Guidelines para 3(A), 3(F))",
    )


def list_hits(ev: Evidence) -> RuleOutcome:
    return _hit_rule(ev, determination=False)


def determinations(ev: Evidence) -> RuleOutcome:
    return _hit_rule(ev, determination=True)


def not_screened(ev: Evidence) -> RuleOutcome:
    return _outcome(
        "R-NOT-SCREENED",
        None if ev.screened else Recommendation.REFER,
        "the parties were screened" if ev.screened else "no list is loaded: parties unscreened",
        "every party is screened before a recommendation (nonpro screening)",
    )


def catch_all(ev: Evidence) -> RuleOutcome:
    fired = ev.catch_all.catch_all_triggered
    return _outcome(
        "R-CATCH-ALL",
        Recommendation.REFER if fired else None,
        f"catch-all applies: {ev.catch_all.summary}" if fired else "catch-all not triggered",
        "15 CFR 744.3; MTCR Guidelines para 7 (law_process.md 5.1.18, 6.9)",
    )


def red_flags(ev: Evidence) -> RuleOutcome:
    high = [f for f in ev.catch_all.findings if f.severity == "high" and "DEST" not in f.rule]
    return _outcome(
        "R-RED-FLAGS",
        Recommendation.REFER if high else None,
        "high red flags: " + "; ".join(f"{f.title} ({f.rule})" for f in high)
        if high
        else "no high red flag about the parties, end use or routing",
        "15 CFR 744.3(d) review factors (law_process.md 5.1.19)",
    )


def category_ii(ev: Evidence) -> RuleOutcome:
    items = ev.category("II")
    if not items or ev.category("I"):
        return _outcome("R-CAT-II", None, "no Category II item decides alone", "")
    adverse = [f.factor for f in factors(ev) if f.weighs == "adverse"]
    named = "; ".join(f"{i.label} is MTCR Annex {i.annex_item} ({i.title})" for i in items)
    return _outcome(
        "R-CAT-II",
        Recommendation.REFER if adverse else Recommendation.APPROVE_WITH_PROVISOS,
        f"Category II: {named}; case by case on the Guidelines' factors: "
        + (
            f"adverse: {'; '.join(adverse)}"
            if adverse
            else "none adverse, approve with the para 5 assurances as provisos"
        ),
        "MTCR Guidelines para 1, 3 and 5 (law_process.md 6.1, 6.5, 6.7)",
    )


def not_listed(ev: Evidence) -> RuleOutcome:
    if ev.annex_items:
        return _outcome("R-NOT-LISTED", None, "Annex items are present", "")
    medium = [f for f in ev.catch_all.findings if f.severity == "medium" and "DEST" not in f.rule]
    return _outcome(
        "R-NOT-LISTED",
        Recommendation.APPROVE_WITH_PROVISOS if medium else Recommendation.APPROVE,
        "no item is on the MTCR Annex"
        + (
            "; red flags call for end-use provisos: " + "; ".join(f.title for f in medium)
            if medium
            else " and no catch-all red flag about the transaction"
        ),
        "MTCR Guidelines para 1 (restraint for Annex items); 15 CFR 744.3 for unlisted items",
    )


RULES: tuple[Rule, ...] = (
    category_i,
    un_measures,
    determinations,
    list_hits,
    incomplete,
    not_screened,
    catch_all,
    red_flags,
    category_ii,
    not_listed,
)


def recommend(ev: Evidence) -> tuple[Recommendation, list[RuleOutcome], list[str]]:
    """The recommendation, every rule's outcome, and the provisos to go with an approval."""
    outcomes = [rule(ev) for rule in RULES]
    fired = [o for o in outcomes if o.recommendation is not None]
    best = max(
        (o.recommendation for o in fired if o.recommendation is not None),
        key=RECOMMENDATION_STRENGTH.__getitem__,
        default=Recommendation.APPROVE,
    )
    suggested: list[str] = []
    if best == Recommendation.APPROVE_WITH_PROVISOS:
        suggested = list(STANDARD_FOR_ANNEX_ITEMS) if ev.annex_items else []
        if any(f.severity == "medium" and "DEST" not in f.rule for f in ev.catch_all.findings):
            suggested += ["END-USER-STATEMENT", "NO-INTERMEDIARY-CHANGE"]
    return best, outcomes, suggested
