"""The WMD sanctions authorities beyond the missile statutes: INKSNA, EO 12938 and EO 13382.

Their measures are a menu the Secretary of State chooses from, so an applying result lists every
measure with its (practice) term and says that none is required.
"""

from __future__ import annotations

from nonpro.sanctions.results import EvaluationContext, authority_result, exception_out
from nonpro.sanctions.schemas import AuthorityResult, Facts
from nonpro.sanctions.statutes import Authority


def _foreign_persons_only(ctx: EvaluationContext, authority: str) -> list[str]:
    """The failures each of these authorities starts from: it reaches foreign persons only."""
    if ctx.facts.person.us_person:
        return [f"{authority} reaches foreign persons; {ctx.name} is a United States person"]
    return []


def _applies_at_discretion(
    authority: Authority,
    reasons: list[str],
    *,
    exceptions_why: str,
    extends_to: str,
    flags: list[str] | None = None,
) -> AuthorityResult:
    """An applying result offers the whole menu of measures; whether an exception takes effect
    is the Secretary's call, not this evaluation's, so each one only says why."""
    return authority_result(
        authority,
        applies=True,
        reasons=reasons,
        measures=list(authority.measures),
        exceptions=[exception_out(e, False, exceptions_why) for e in authority.exceptions],
        extends_to=[extends_to],
        flags=flags,
    )


def inksna_rule(authority: Authority, ctx: EvaluationContext) -> AuthorityResult:
    """INKSNA: transfers to Iran, North Korea or Syria: reported, measures discretionary."""
    facts = ctx.facts
    failures = _foreign_persons_only(ctx, "INKSNA")
    flags: list[str] = []
    countries = {c.country: c for c in ctx.statutes.inksna_countries}
    end_user = facts.destination.end_user_country
    covered = countries.get(ctx.destination)
    if covered is None:
        failures.append(
            f"the transfer went to {ctx.destination_name}, not to Iran, North Korea or Syria "
            "(acquisitions from them are covered too; none is reported here)"
        )
    elif ctx.facts_date < covered.since:
        failures.append(f"{covered.text}: the activity ({ctx.facts_date.isoformat()}) is earlier")
    if covered is not None and covered.unverified:
        flags.append(f"INKSNA countries: {covered.unverified}")
    material = facts.material_contribution or facts.substantial_contribution
    if ctx.category is None and not material:
        status = (
            f"its Annex category is undecided ({'; '.join(ctx.item_missing)})"
            if ctx.item_missing
            else "it is not on the MTCR Annex"
        )
        failures.append(
            f"{ctx.item_label}: {status}, and no material contribution is reported (INKSNA §2(a))"
        )
    if failures:
        return authority_result(
            authority, applies=False, reasons=failures, measures=[], flags=flags
        )
    listed = (
        f"{ctx.item_label} is on the MTCR Annex (INKSNA §2(a)(1)(B))"
        if ctx.category
        else f"{ctx.item_label} is unlisted but could make a material contribution (§2(a)(2))"
    )
    reasons = [
        f"credible information that {ctx.name} transferred to {ctx.destination_name}"
        + (f" (end user in {end_user})" if end_user else ""),
        listed,
        "the person must be identified in the six-month report to SFRC and HFAC (INKSNA §2)",
        "discretionary: measures are authorized, not required; a justification is owed if none "
        "are imposed (INKSNA §§3-4)",
    ]
    return _applies_at_discretion(
        authority,
        reasons,
        exceptions_why="a matter for the Secretary of State",
        extends_to="the person's successors, sub-units and subsidiaries",
        flags=flags,
    )


def _material(facts: Facts) -> bool:
    return bool(facts.material_contribution or facts.substantial_contribution)


def eo_12938_rule(authority: Authority, ctx: EvaluationContext) -> AuthorityResult:
    """EO 12938 §4: material contribution to a WMD or missile effort of proliferation concern."""
    facts = ctx.facts
    failures = _foreign_persons_only(ctx, "EO 12938 §4")
    since = authority.activity_since
    if since is not None and ctx.facts_date < since:
        failures.append(f"the activity is before {since.isoformat()} (EO 12938 §4(a))")
    if not _material(facts):
        failures.append(
            "no material contribution (or attempt) to a WMD or missile effort is established "
            "(EO 12938 §4(a))"
        )
    if ctx.adherent and not ctx.terrorism_destination:
        failures.append(
            f"{ctx.destination_name} is an MTCR adherent: not a country of proliferation concern "
            "on these facts (EO 12938 §4(a))"
        )
    if failures:
        return authority_result(authority, applies=False, reasons=failures, measures=[])
    if ctx.adherent is None and not ctx.terrorism_destination:
        needed = [
            f"whether {ctx.destination_name} was an MTCR adherent on {ctx.facts_date}: an "
            "adherent is not a country of proliferation concern on these facts (EO 12938 §4(a))"
        ]
        return authority_result(
            authority,
            applies=None,
            reasons=[f"information needed: {n}" for n in needed],
            measures=[],
            needed=needed,
        )
    reasons = [
        f"{ctx.name}, a foreign person, materially contributed"
        f"{' or attempted to' if facts.activity.kind == 'attempt' else ''} to missile efforts in "
        f"{ctx.destination_name} (EO 12938 §4(a), as amended by EO 13094)",
        "discretionary in extent: measures are imposed 'to the extent determined by the "
        "Secretary of State' (EO 12938 §4(a))",
    ]
    return _applies_at_discretion(
        authority,
        reasons,
        exceptions_why="applies measure by measure",
        extends_to="the entity's sub-units and successors (notice practice)",
    )


def eo_13382_rule(authority: Authority, ctx: EvaluationContext) -> AuthorityResult:
    """EO 13382: designation and blocking of WMD proliferators (prong (ii), State)."""
    facts = ctx.facts
    failures = _foreign_persons_only(ctx, "the State prong (§1(a)(ii))")
    if not _material(facts):
        failures.append(
            "no activity that materially contributed, or poses a risk of materially contributing, "
            "to WMD or missile proliferation is established (§1(a)(ii)); the Treasury prongs "
            "(support, ownership or control) are outside these facts"
        )
    if failures:
        return authority_result(authority, applies=False, reasons=failures, measures=[])
    reasons = [
        f"{ctx.name} engaged in activities that materially contributed to the proliferation of "
        "means of delivery of WMD (EO 13382 §1(a)(ii))",
        "discretionary: designation by the Secretary of State in consultation with Treasury and "
        "the Attorney General; blocking under 31 CFR part 544 until removed",
    ]
    return authority_result(
        authority, applies=True, reasons=reasons, measures=list(authority.measures)
    )
