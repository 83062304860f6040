"""One small rule per authority: does it reach these facts, and with which measures.

Each rule reads an ``EvaluationContext`` (the facts with the item's category and the
destination's adherence already worked out) and the authority's reviewed data, and says why it
applies or why not, naming the statute paragraph for every step.
"""

from __future__ import annotations

from collections.abc import Callable

from nonpro.sanctions.results import EvaluationContext, authority_result, exception_out
from nonpro.sanctions.schemas import AuthorityResult, ExceptionOut
from nonpro.sanctions.statutes import Authority, MeasureSpec
from nonpro.sanctions.wmd_rules import eo_12938_rule, eo_13382_rule, inksna_rule

KIND_WORDS = {
    "export": "knowingly exported (clause (A))",
    "transfer": "knowingly transferred (clause (A))",
    "conspiracy": "knowingly conspired to transfer (clause (B))",
    "attempt": "knowingly attempted to transfer (clause (B))",
    "facilitation": "knowingly facilitated a transfer by another person (clause (C))",
}
# The exceptions that take a foreign person's trade outside §73(a) / §11B(b) altogether.
BARRING = (
    "adherent_authorization",
    "adherent_end_user",
    "adherent_enforcement",
    "advisory_opinion",
)


def _category_measures(authority: Authority, category: str | None) -> list[MeasureSpec]:
    when = {"I": "category_i", "II": "category_ii"}.get(category or "")
    return [m for m in authority.measures if m.when == when]


def _category_reason(authority: Authority, ctx: EvaluationContext) -> str:
    chosen = _category_measures(authority, ctx.category)
    paragraphs = ", ".join(m.paragraph for m in chosen)
    term = chosen[0].term if chosen else None
    length = "" if term is None else f"{'not less than ' if term.minimum else ''}{term.years} years"
    return f"{ctx.item_label} is Category {ctx.category}: {paragraphs} ({length})"


def _common_failures(authority: Authority, ctx: EvaluationContext, *, foreign: bool) -> list[str]:
    facts, cite = ctx.facts, authority.trigger_citation
    failures = []
    if facts.person.us_person == foreign:
        wanted = "foreign persons" if foreign else "United States persons"
        actual = "a United States person" if facts.person.us_person else "a foreign person"
        failures.append(f"{authority.code} reaches {wanted}; {ctx.name} is {actual} ({cite})")
    if not facts.activity.knowing:
        failures.append(
            f"{authority.code} requires a knowing transfer; knowledge is not established ({cite})"
        )
    since = authority.activity_since
    if since is not None and ctx.facts_date <= since:
        failures.append(
            f"the activity ({ctx.facts_date.isoformat()}) is not after {since.isoformat()} ({cite})"
        )
    if ctx.category is None and ctx.item_missing:
        failures.append(
            f"the item's Annex category is undecided ({'; '.join(ctx.item_missing)}): give the "
            f"Annex entry or the missing parameters ({cite})"
        )
    elif ctx.category is None:
        failures.append(
            f"{ctx.item_label} is not an MTCR Annex Category I or II item ({cite}; 22 U.S.C. 2797c)"
        )
    return failures


def us_person_rule(authority: Authority, ctx: EvaluationContext) -> AuthorityResult:
    """AECA §72 and EAA §11B(a): a United States person's knowing trade in an Annex item."""
    failures = _common_failures(authority, ctx, foreign=False)
    if failures:
        return authority_result(authority, applies=False, reasons=failures, measures=[])
    reasons = [
        f"{ctx.name} is a United States person who {KIND_WORDS[ctx.facts.activity.kind]} "
        f"({authority.trigger_citation})",
        _category_reason(authority, ctx),
        "to be established for the determination: the trade violated AECA §38 or EAA §5 or §6 "
        "or their regulations",
        f"mandatory: the statute says 'shall impose' ({authority.trigger_citation})",
    ]
    measures = _category_measures(authority, ctx.category)
    return authority_result(authority, applies=True, reasons=reasons, measures=measures)


def _foreign_exceptions(authority: Authority, ctx: EvaluationContext) -> list[ExceptionOut]:
    facts = ctx.facts
    found: list[ExceptionOut] = []

    def add(code: str, applies: bool, why: str) -> None:
        spec = authority.exception(code)
        if spec is not None:
            found.append(exception_out(spec, applies, why))

    if facts.authorized_by_adherent and facts.authorization_by_fraud:
        add(
            "adherent_authorization",
            False,
            "authorized by an adherent, but obtained by misrepresentation or fraud",
        )
    elif facts.authorized_by_adherent:
        add(
            "adherent_authorization",
            True,
            "the trade was authorized under the laws of an MTCR adherent",
        )
    else:
        add("adherent_authorization", False, "no MTCR adherent authorized the trade")
    end_user = facts.destination.end_user_country or facts.destination.country
    if ctx.end_user_adherent is None:
        add(
            "adherent_end_user",
            False,
            f"unknown: whether {end_user} was an MTCR adherent on {ctx.facts_date} "
            "(information needed)",
        )
    elif ctx.end_user_adherent:
        add("adherent_end_user", True, f"the end user is in {end_user}, an MTCR adherent")
    else:
        add(
            "adherent_end_user",
            False,
            f"the end user is in {end_user}, which is not an MTCR adherent",
        )
    shielded = any(e.applies for e in found)
    if facts.person.government_entity and shielded:
        why = (
            "the person is a government entity: if it engages in exports described in "
            "22 U.S.C. 2295a(b)(3)(A), the adherent exceptions do not protect it "
            "(to be established)"
        )
    elif facts.person.government_entity:
        why = "a government entity, but no adherent exception is claimed"
    else:
        why = "not a government entity"
    add("government_carve_back", False, why)
    add(
        "adherent_enforcement",
        facts.adherent_enforcement_action,
        "an MTCR adherent is taking enforcement action (certification to SFRC and HFAC needed)"
        if facts.adherent_enforcement_action
        else "no enforcement action by an MTCR adherent is reported",
    )
    add(
        "advisory_opinion",
        facts.advisory_opinion,
        "a favorable advisory opinion covers the activity"
        if facts.advisory_opinion
        else "no favorable advisory opinion covers the activity",
    )
    if facts.substantial_contribution:
        add(
            "import_ban_exceptions", False, "limits the import ban only; decided product by product"
        )
    return found


def _extends_to(ctx: EvaluationContext) -> tuple[list[str], list[str]]:
    extends = ["the entity's sub-units and successors (Federal Register practice)"]
    flags: list[str] = []
    economies = ctx.statutes.nonmarket_economies
    if ctx.nationality in economies.countries:
        extends.append(
            f"{economies.text} of the government of {ctx.facts.person.nationality} "
            "(22 U.S.C. 2797c(a)(8)(B): nonmarket economy, not a former Warsaw Pact member)"
        )
        if economies.unverified:
            flags.append(f"nonmarket economies: {economies.unverified}")
    return extends, flags


def _adherence_needed(ctx: EvaluationContext, cite: str) -> list[str]:
    """The adherence questions an answer under §73 / §11B(b) waits for."""
    day = ctx.facts_date
    needed = []
    if ctx.adherent is None:
        needed.append(
            f"whether {ctx.destination_name} was an MTCR adherent on {day}: the trade must "
            f"contribute to missiles in a country that is not one ({cite})"
        )
    end_user = ctx.facts.destination.end_user_country
    if end_user and ctx.end_user_adherent is None:
        needed.append(
            f"whether {end_user} (the end user's country) was an MTCR adherent on {day}: "
            "trade to an end user in an adherent is excepted (22 U.S.C. 2797b(b)(1)(B))"
        )
    return needed


def foreign_person_rule(authority: Authority, ctx: EvaluationContext) -> AuthorityResult:
    """AECA §73 and EAA §11B(b): a foreign person's trade feeding a non-adherent's missiles."""
    cite = authority.trigger_citation
    failures = _common_failures(authority, ctx, foreign=True)
    if ctx.adherent:
        failures.append(
            f"the trade must contribute to missiles in a country that is not an MTCR adherent; "
            f"{ctx.destination_name} was an adherent on {ctx.facts_date} ({cite})"
        )
    exceptions = _foreign_exceptions(authority, ctx) if not failures else []
    barred = [e for e in exceptions if e.applies and e.code in BARRING]
    extends, flags = _extends_to(ctx)
    if failures or barred:
        reasons = failures + [f"excepted: {e.text} ({e.citation}) — {e.why}" for e in barred]
        return authority_result(
            authority, applies=False, reasons=reasons, measures=[], exceptions=exceptions
        )
    needed = _adherence_needed(ctx, cite)
    if needed:
        # The trigger turns on adherence on the activity's date: undecided, never assumed.
        return authority_result(
            authority,
            applies=None,
            reasons=[f"information needed: {n}" for n in needed],
            measures=[],
            exceptions=exceptions,
            needed=needed,
        )
    reasons = [
        f"{ctx.name} is a foreign person who {KIND_WORDS[ctx.facts.activity.kind]} MTCR equipment "
        f"or technology ({cite})",
        f"it contributed to missiles in {ctx.destination_name}, which was not an MTCR adherent "
        f"on {ctx.facts_date} ({cite})",
        _category_reason(authority, ctx),
        "to be established for the determination: the item would be subject to U.S. "
        f"jurisdiction under the {'AECA' if authority.code.startswith('AECA') else 'EAA'} "
        f"if it were of U.S. origin ({cite})",
    ]
    measures = _category_measures(authority, ctx.category)
    if ctx.facts.substantial_contribution:
        ban = [m for m in authority.measures if m.when == "substantial_contribution"]
        measures += ban
        reasons.append(
            "the transfer substantially contributed: import ban "
            f"({', '.join(m.paragraph for m in ban)}, not less than 2 years)"
        )
    else:
        reasons.append("no substantial contribution is determined: no import ban")
    if ctx.terrorism_destination:
        reasons.append(
            f"{ctx.destination_name} is a state sponsor of terrorism: the item is presumed "
            "designed for use in an MTCR Annex missile (rebuttable; 22 U.S.C. 2797b(f))"
        )
    reasons.append(f"mandatory: the statute says 'shall impose' ({cite})")
    return authority_result(
        authority,
        applies=True,
        reasons=reasons,
        measures=measures,
        exceptions=exceptions,
        extends_to=extends,
        flags=flags,
    )


Rule = Callable[[Authority, EvaluationContext], AuthorityResult]
RULES: dict[str, Rule] = {
    "AECA 72": us_person_rule,
    "AECA 73": foreign_person_rule,
    "EAA 11B(a)": us_person_rule,
    "EAA 11B(b)": foreign_person_rule,
    "INKSNA": inksna_rule,
    "EO 12938": eo_12938_rule,
    "EO 13382": eo_13382_rule,
}


def evaluate_authorities(ctx: EvaluationContext) -> list[AuthorityResult]:
    return [RULES[a.code](a, ctx) for a in ctx.statutes.authorities]


__all__ = ["RULES", "EvaluationContext", "evaluate_authorities"]
