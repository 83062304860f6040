"""Term arithmetic, the status of a determination on a given day, and what the cited statute
paragraphs allow a determination to impose (measures, terms, conditions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nonpro.core.clock import add_months
from nonpro.core.errors import InvalidInput
from nonpro.sanctions.models import Determination
from nonpro.sanctions.schemas import AuthorityCitation, DeterminationIn, Status, TermIn
from nonpro.sanctions.statutes import Authority, MeasureSpec, Statutes


def add_term(start: date, *, years: int, months: int = 0) -> date:
    """``start`` plus a term; a 29 February start ends on 28 February of a common year."""
    return add_months(start, 12 * years + months)


def expiry(determination_date: date, *, years: int, months: int) -> date | None:
    """The first day the measures no longer apply: a 2-year term from 16 Aug 2002 ends on
    16 Aug 2004. A zero term (blocking, open-ended) has no expiry."""
    if years == 0 and months == 0:
        return None
    return add_term(determination_date, years=years, months=months)


def ends_on(determination: Determination) -> date | None:
    """Expiry, or the effective date of an earlier waiver or termination."""
    ends = [e.effective_date for e in determination.events]
    if determination.expires_on is not None:
        ends.append(determination.expires_on)
    return min(ends) if ends else None


def status_on(determination: Determination, day: date) -> Status:
    if day < determination.determination_date:
        return "pending"
    for event in determination.events:
        if event.effective_date <= day:
            return "waived" if event.kind == "waiver" else "terminated"
    if determination.expires_on is not None and day >= determination.expires_on:
        return "expired"
    return "active"


# --- what the statute allows a determination to impose ---------------------------------------


def _norm(paragraph: str) -> str:
    """``§73(a)(2)(B)``, ``73 (a)(2)(B)``, ``22 U.S.C. 2797b(a)(2)(B)``: compared without the
    section sign, the code's title and spaces."""
    text = paragraph.casefold().replace("§", "").replace(" ", "")
    for title in ("22u.s.c.", "50u.s.c.", "sec."):
        text = text.removeprefix(title)
    return text


def _under(cited: str, paragraph: str) -> bool:
    """Whether ``paragraph`` is ``cited`` or one of its subparagraphs."""
    head, text = _norm(cited), _norm(paragraph)
    return bool(head) and text.startswith(head) and text[len(head) :][:1] in ("", "(")


def _trigger_forms(law: Authority) -> list[str]:
    """The trigger paragraph as cited (``22 U.S.C. 2797b(a)(1)``) and in the Act's own
    numbering (``§73(a)(1)``), read off a measure cited both ways."""
    forms = [law.trigger_citation]
    for spec in law.measures:
        section, code = _norm(spec.paragraph).split("(")[0], _norm(spec.citation).split("(")[0]
        trigger = _norm(law.trigger_citation)
        if trigger.startswith(code):
            forms.append(section + trigger[len(code) :])
            break
    return forms


def _covers(cited: str, spec: MeasureSpec) -> bool:
    return _under(cited, spec.paragraph) or _under(cited, spec.citation)


def _known_paragraph(cited: str, law: Authority) -> bool:
    """A paragraph of ``law`` this register knows: one holding a measure, the whole section,
    or the trigger (notices cite §73(a)(1) as the ground)."""
    if any(_covers(cited, m) for m in law.measures):
        return True
    return any(_under(form, cited) or _under(cited, form) for form in _trigger_forms(law))


def _words(law: Authority, spec: MeasureSpec) -> str:
    """A measure as the statute puts it: its paragraph, the period and the scope."""
    term = spec.term
    period = (
        ""
        if term is None
        else f"for a period of {'not less than ' if term.minimum else ''}{term.years} years, "
    )
    return f"{spec.citation} ({law.code} {spec.paragraph}): {period}{spec.scope}"


@dataclass(frozen=True)
class Allowed:
    """A measure of the determination and the cited paragraph of an authority that allows it."""

    law: Authority
    spec: MeasureSpec


def allowed_measures(
    authorities: list[AuthorityCitation], statutes: Statutes, *, strict: bool = True
) -> dict[str, list[Allowed]]:
    """For every measure code, the cited authority paragraphs that allow it. A citation without
    paragraphs cites the whole authority; a paragraph the authority does not have is refused
    (``strict``) or passed over (a determination stored before this check)."""
    allowed: dict[str, list[Allowed]] = {}
    for i, cited in enumerate(authorities):
        law = statutes.get(cited.authority)
        for j, paragraph in enumerate(cited.paragraphs):
            if strict and not _known_paragraph(paragraph, law):
                have = "; ".join(f"{m.paragraph} ({m.code})" for m in law.measures)
                raise InvalidInput(
                    f"authorities.{i}.paragraphs.{j}",
                    f"{paragraph} is not a paragraph of {law.code} ({law.citation}) that imposes "
                    f"a measure or states its trigger ({law.trigger_citation}); its measures "
                    f"are in {have}",
                )
        for spec in law.measures:
            if not cited.paragraphs or any(_covers(p, spec) for p in cited.paragraphs):
                allowed.setdefault(spec.code, []).append(Allowed(law, spec))
    return allowed


def _term_problem(found: Allowed, term: TermIn) -> str | None:
    """Why the determination's term is not what the statute sets for this measure, or None.

    Only the missile statutes fix terms; the 2-year term of INKSNA and EO 12938 measures is
    practice (law_process 2.8, 3.5) and EO 13382 blocking lasts until removed."""
    spec, months = found.spec, term.years * 12 + term.months
    if not found.law.mandatory or spec.term is None:
        return None
    required = spec.term.years * 12
    if spec.term.minimum and (months == 0 or months >= required):
        return None  # "not less than": longer, or open-ended until lifted
    if not spec.term.minimum and months == required:
        return None
    given = "no end" if months == 0 else f"{term.years} years {term.months} months"
    return f"a term of {given} is not what the statute sets: {_words(found.law, spec)}"


def _condition_problem(found: Allowed, data: DeterminationIn) -> str | None:
    """Why a conditional measure (the import ban) may not be imposed on this determination."""
    spec = found.spec
    if spec.condition is None or not found.law.mandatory:
        return None
    if not data.substantial_contribution:
        return (
            f"{spec.code} needs the finding that the transfer substantially contributed "
            f"(substantial_contribution): {spec.citation}: {spec.condition}"
        )
    categories = {m.code for m in found.law.measures if m.when in ("category_i", "category_ii")}
    if not categories & set(data.measures):
        return (
            f"{spec.code} comes in addition to the category measures of {found.law.code} "
            f"({', '.join(sorted(categories))}), which the determination does not impose: "
            f"{spec.citation}: {spec.condition}"
        )
    return None


def check_statute_terms(data: DeterminationIn, statutes: Statutes) -> dict[str, list[Allowed]]:
    """Refuse a determination whose measures or term the cited paragraphs do not allow,
    quoting the statute; returns what allows each measure (for the duplicate check).

    A measure passes when one cited paragraph allows it with this term and its conditions;
    otherwise the first reason is given, naming the field to correct."""
    allowed = allowed_measures(data.authorities, statutes)
    for index, code in enumerate(data.measures):
        found = allowed.get(code, [])
        if not found:
            cited = ", ".join(
                a.authority + (f" {', '.join(a.paragraphs)}" if a.paragraphs else "")
                for a in data.authorities
            )
            offered = sorted({s.code for a in allowed.values() for s in (x.spec for x in a)})
            raise InvalidInput(
                f"measures.{index}",
                f"{code} is not a measure of {cited}; what they allow: "
                + (", ".join(offered) or "nothing"),
            )
        problems = [(_condition_problem(f, data), _term_problem(f, data.term)) for f in found]
        if all(condition or term for condition, term in problems):
            condition, term = problems[0]
            if condition is not None:
                finding = "(substantial_contribution)" in condition
                field = "substantial_contribution" if finding else f"measures.{index}"
                raise InvalidInput(field, condition)
            raise InvalidInput("term", str(term))
    fixed = [
        f
        for code in data.measures
        for f in allowed[code]
        if f.law.mandatory and f.spec.term is not None
    ]
    if data.term.minimum and fixed and not any(f.spec.term and f.spec.term.minimum for f in fixed):
        raise InvalidInput(
            "term.minimum",
            "the statute fixes these measures' term, it is not a minimum: "
            + "; ".join(_words(f.law, f.spec) for f in fixed[:2]),
        )
    return allowed


def periods_overlap(
    start: date, end: date | None, other_start: date, other_end: date | None
) -> bool:
    """Whether [start, end) and [other_start, other_end) share a day; None: no end."""
    return (other_end is None or start < other_end) and (end is None or other_start < end)
