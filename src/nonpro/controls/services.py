"""Use cases of the controls capability, shared by the CLI, the API, the web pages and batch.

``classify`` follows the order the Annex fact sheet suggests: what the item is (kind terms), the
parameters that decide, then the Guidelines' rule that an item incorporating a Category I item is
itself Category I. It reports what decided, what came close, and what is missing.
"""

from __future__ import annotations

import re
from typing import Literal

from nonpro.controls.annex import (
    Annex,
    diff_versions,
    load_annex,
    render_condition,
    render_threshold,
    thresholds,
)
from nonpro.controls.classify import (
    described_terms,
    normalise,
    read_parameters,
    split_end_use,
)
from nonpro.controls.quantities import format_value
from nonpro.controls.rules import Outcome, evaluate, shortfall
from nonpro.controls.schemas import (
    AnnexDiff,
    Classification,
    ControlEntry,
    EntryView,
    ItemDescription,
    Match,
    Missing,
    NearMiss,
    ParameterValue,
)
from nonpro.controls.search import SearchHit, search_annex

NEAR_MARGIN = 0.25
Basis = Literal["parameters", "description", "incorporation"]
_INCORPORATES = re.compile(
    r"\b(?:incorporat\w*|contain\w*|includ\w*|integrat\w*|fitted with|equipped with)\b[^.;]*?"
    r"\b((?:1[0-9]|20|[1-9])\.[A-E](?:\.[0-9a-z]+)+)",
    re.I,
)
_SOFTWARE = re.compile(r"\bsoftware\b", re.I)
_PRODUCTION = re.compile(r"\bproduction (?:equipment|facilit\w*|line|tooling)\b", re.I)
_TECHNOLOGY = re.compile(r"\b(?:technology|technical data|know[- ]how)\b", re.I)


def classify(
    item: ItemDescription, *, annex: Annex, near_margin: float = NEAR_MARGIN
) -> Classification:
    """Classify an item against one Annex version. Pure: reads nothing but its arguments.

    ``near_margin`` is how close (as a fraction of the threshold) a failing value must be to be
    reported as a near miss: declared values are often nominal, and an item a re-rating away
    from a threshold deserves a reviewer's eye.
    """
    head, end_use = split_end_use(item.text)
    described, why = _described(item.text, head, annex)
    preferred = {t.parameter for e in described for t in thresholds(e.test)}
    reading = read_parameters(item.text, item.parameters, annex=annex, preferred=preferred)
    values = reading.values
    candidates = list(described) or [e for e in annex if _uses_any(e, values)]

    matches: dict[str, Match] = {}
    failed: dict[str, Outcome] = {}
    undecided: dict[str, Outcome] = {}
    near: list[NearMiss] = []
    for entry in candidates:
        if entry.test is None:
            if entry in described:
                matches[entry.number] = _description_match(entry, why[entry.number], annex)
            continue
        outcome = evaluate(entry.test, values, annex)
        if outcome.met is True:
            excluded = _exclusion(entry, values, annex)
            if excluded:
                near.append(_near(entry, annex, [*outcome.reasons, f"but excluded: {excluded}"]))
                continue
            matches[entry.number] = _parameter_match(entry, outcome, values, annex)
        elif outcome.met is False:
            failed[entry.number] = outcome
        else:
            undecided[entry.number] = outcome

    notes: list[str] = []
    for number in list(matches):
        catching = [n for n in annex.get(number).not_in if n in matches]
        if catching:
            del matches[number]
            notes.append(f"{number} does not apply: the item is caught by {', '.join(catching)}")
    for number, outcome in failed.items():
        if any(n in matches for n in annex.get(number).not_in):
            continue  # a lower band missed because a higher entry caught the item: not news
        miss = _near_miss(annex.get(number), outcome, matches, annex, near_margin)
        if miss:
            near.append(miss)
    _incorporation(item, annex, matches, notes)

    missing = _missing(undecided, annex)
    if not described and not item.components:
        missing.insert(0, _missing_kind(item, matches))
    if end_use.strip():
        notes.append(f"stated end use: {end_use.strip()}")
    notes += [f"quantity not tied to a parameter: {q}" for q in reading.unassigned]
    notes += [f"two values for {c}" for c in reading.conflicts]
    if not matches and not near and not missing and item.text.strip():
        notes += _suggestions(item.text, annex)
    ordered = sorted(matches.values(), key=lambda m: (m.category != "I", m.basis == "description"))
    category = "I" if any(m.category == "I" for m in ordered) else ("II" if ordered else None)
    return Classification(
        annex_version=annex.version,
        category=category,
        parameters=values,
        matches=ordered,
        near_misses=near,
        missing=missing,
        notes=notes,
    )


def _described(text: str, head: str, annex: Annex) -> tuple[list[ControlEntry], dict[str, str]]:
    """Entries the description names.

    An application names the item first ("solid rocket motor; total impulse ...; propellant
    HTPB/AP"), so kinds named in the first clause win over kinds mentioned later. Software,
    technology and production equipment are described through the item they serve: "software
    for solid rocket motors" names 2.D.2 via 2.A.1.c. Returns the entries and, for each, the
    words that named it.
    """
    first = re.split(r"[,;:\n(]", head, maxsplit=1)[0]
    items = _most_specific(first, annex) or _most_specific(head, annex)
    wanted = (
        "D"
        if _SOFTWARE.search(head)
        else "E"
        if _TECHNOLOGY.search(head)
        else "B"
        if _PRODUCTION.search(head) and not items
        else None
    )
    if wanted is None:
        said = {e.number: ", ".join(f"'{t}'" for t in described_terms(e, head)) for e in items}
        return items, said
    served = _most_specific(text, annex)
    kind = {"D": "software", "E": "technology", "B": "production equipment or facilities"}[wanted]
    if wanted == "B":  # "production equipment" and "production facilities" are separate entries
        word = "facilit" if re.search(r"facilit", head, re.I) else "equipment"
        kind = "production facilities" if word == "facilit" else "production equipment"
    found, said = [], {}
    for e in annex:
        refs = [s.number for s in served for r in e.references if s.is_under(r)]
        if e.group != wanted or not refs or (wanted == "B" and word not in e.title.lower()):
            continue
        found.append(e)
        said[e.number] = f"{kind} for {', '.join(dict.fromkeys(refs))}"
    return found, said


def _most_specific(text: str, annex: Annex) -> list[ControlEntry]:
    """Entries whose kind terms occur in ``text``, dropping those whose only terms lie inside a
    longer matched term: "rocket" inside "solid propellant rocket motor" is not a rocket system."""
    found = {
        e.number: [normalise(t) for t in described_terms(e, text)] for e in annex if not e.reserved
    }
    found = {n: ts for n, ts in found.items() if ts}
    every = {t for ts in found.values() for t in ts}
    return [
        annex.get(n)
        for n, ts in found.items()
        if any(not any(t != longer and t in longer for longer in every) for t in ts)
    ]


def _uses_any(entry: ControlEntry, values: dict[str, ParameterValue]) -> bool:
    quantities = {k for k, v in values.items() if not isinstance(v.value, bool)}
    return any(t.parameter in quantities for t in thresholds(entry.test))


def _entry_notes(entry: ControlEntry, annex: Annex) -> list[str]:
    notes = []
    if entry.scope:
        notes.append(f"scope not decided by the description: {entry.scope}")
    if not entry.verified:
        meaning = annex.confidence_marks.get(
            entry.confidence, "not verified against the official text"
        )
        notes.append(f"{meaning} [{entry.confidence}]")
    if entry.crosscheck and entry.crosscheck.verdict != "confirmed":
        notes.append(
            f"cross-check {entry.crosscheck.verdict.replace('_', ' ')}: {entry.crosscheck.note}"
        )
    return notes


def _match(
    entry: ControlEntry, reasons: list[str], basis: Basis, annex: Annex, notes: list[str]
) -> Match:
    return Match(
        item=entry.number,
        category=entry.category or "II",
        title=entry.title,
        reasons=reasons,
        source=annex.source_line(entry),
        basis=basis,
        verified=entry.verified,
        confidence=entry.confidence,
        notes=notes + _entry_notes(entry, annex),
    )


def _description_match(entry: ControlEntry, said: str, annex: Annex) -> Match:
    reason = f"described as {said}; {entry.number} has no numeric threshold → {entry.number}"
    return _match(entry, [reason], "description", annex, _standing_notes(entry))


def _parameter_match(
    entry: ControlEntry, outcome: Outcome, values: dict[str, ParameterValue], annex: Annex
) -> Match:
    reasons = [f"{r} → {entry.number}" for r in outcome.reasons]
    notes = []
    for note in entry.notes:
        if note.condition is None:
            continue
        result = evaluate(note.condition, values, annex)
        if note.kind == "treated_as_category_ii" and result.met:
            notes.append(f"{'; '.join(result.reasons)}: {note.text}")
        elif note.kind == "exclusion" and result.met is None:
            notes.append(f"unless excluded (not stated): {note.text}")
    notes += _standing_notes(entry)
    for t in thresholds(entry.test):
        pv = values.get(t.parameter)
        if t.boundary_unverified and pv is not None and not isinstance(pv.value, bool):
            notes.append(f"boundary of '{render_threshold(t, annex)}' (≥ or >) is unverified")
    return _match(entry, reasons, "parameters", annex, notes)


_NOTE_LABELS = {
    "exclusion": "unless",
    "treated_as_category_ii": "may be treated as Category II",
    "end_use": "export context",
}


def _standing_notes(entry: ControlEntry) -> list[str]:
    """Notes the parameters cannot test but a reviewer must see: exclusions that turn on design
    intent, Category I items that may be treated as Category II, manned-aircraft end uses."""
    return [
        f"{_NOTE_LABELS[n.kind]}: {n.text}"
        for n in entry.notes
        if n.condition is None and n.kind in _NOTE_LABELS
    ]


def _exclusion(entry: ControlEntry, values: dict[str, ParameterValue], annex: Annex) -> str | None:
    for note in entry.notes:
        if note.kind == "exclusion" and note.condition is not None:
            result = evaluate(note.condition, values, annex)
            if result.met:
                return f"{'; '.join(result.reasons)} — {note.text}"
    return None


def _near(entry: ControlEntry, annex: Annex, reasons: list[str]) -> NearMiss:
    return NearMiss(
        item=entry.number,
        category=entry.category or "II",
        title=entry.title,
        reasons=reasons,
        source=annex.source_line(entry),
    )


def _near_miss(
    entry: ControlEntry, outcome: Outcome, matches: dict[str, Match], annex: Annex, margin: float
) -> NearMiss | None:
    gaps = [(t, v, shortfall(t, v)) for t, v in outcome.failed]
    if not gaps or any(g is None or g > margin for _, _, g in gaps):
        return None
    reasons = []
    for t, value, gap in gaps:
        spec = annex.parameters[t.parameter]
        unit = t.unit or spec.unit
        side = (
            "below"
            if t.comparison in (">=", ">") or (t.low is not None and value < t.low)
            else "above"
        )
        text = (
            f"{format_value(value, unit)} is {side} {entry.number}'s {render_threshold(t, annex)}"
            f" ({(gap or 0.0):.0%} away)"
        )
        caught = _band_catching(t.parameter, entry, matches, annex)
        reasons.append(text + (f" but {caught}" if caught else ""))
    if entry.item in (1, 19) and entry.group == "A":
        reasons.append(
            "check the range/payload trade-off: the Annex counts any payload/range combination"
        )
    return _near(entry, annex, reasons)


def _band_catching(
    parameter: str, entry: ControlEntry, matches: dict[str, Match], annex: Annex
) -> str:
    """ "within 20.A.1.b.1's 8.41e5–1.1e6 N·s → Category II" for a lower band that matched."""
    for number in matches:
        other = annex.get(number)
        if other.number == entry.number:
            continue
        bounds = [t for t in thresholds(other.test) if t.parameter == parameter]
        if not bounds:
            continue
        unit = bounds[0].unit or annex.parameters[parameter].unit
        if len(bounds) == 2 and all(isinstance(b.value, float | int) for b in bounds):
            low, high = sorted(float(b.value or 0.0) for b in bounds)
            band = f"{format_value(low, unit).split()[0]}–{format_value(high, unit)}"
        else:
            band = " and ".join(render_threshold(b, annex) for b in bounds)
        return f"within {number}'s {band} → Category {other.category}"
    return ""


def _incorporation(
    item: ItemDescription, annex: Annex, matches: dict[str, Match], notes: list[str]
) -> None:
    """Guidelines para 2: a system incorporating a Category I item is Category I, unless the
    incorporated item cannot be separated, removed or duplicated."""
    cat_one: list[tuple[str, str]] = []
    for component in item.components:
        result = classify(component, annex=annex)
        cat_one += [(m.item, m.title) for m in result.matches if m.category == "I"]
    for number in _INCORPORATES.findall(item.text):
        entries = (
            [e for e in annex.lookup(number) if e.category == "I"] if _known(number, annex) else []
        )
        cat_one += [(e.number, e.title) for e in entries[:1]]
    for number, title in cat_one:
        if item.separable is False:
            notes.append(
                f"incorporates {number} (Category I), which cannot be separated, removed"
                " or duplicated: the Category I inclusion rule does not apply"
            )
            continue
        key = f"incorporates {number}"
        if key in matches:
            continue
        entry = annex.get(number)
        reason = (
            f"incorporates {number} ({title}), a Category I item"
            " → the item is Category I (Guidelines para 2)"
        )
        extra = (
            []
            if item.separable
            else [
                "unless the incorporated item cannot be separated, removed or duplicated"
                " (not stated)"
            ]
        )
        matches[key] = _match(entry, [reason], "incorporation", annex, extra)


def _known(number: str, annex: Annex) -> bool:
    return any(e.is_under(number) for e in annex)


def _missing(undecided: dict[str, Outcome], annex: Annex) -> list[Missing]:
    by_parameter: dict[str, list[str]] = {}
    for number, outcome in undecided.items():
        for t in outcome.unknown:
            items = by_parameter.setdefault(t.parameter, [])
            if number not in items:
                items.append(number)
    out = []
    for name, items in by_parameter.items():
        spec = annex.parameters[name]
        unit = (
            f" ({format_value(1, spec.unit).split(' ', 1)[-1]})"
            if spec.kind == "quantity"
            else " (yes/no)"
        )
        out.append(
            Missing(
                parameter=name,
                label=spec.label,
                items=items,
                message=f"need the {spec.label}{unit} to decide {', '.join(items)}",
            )
        )
    return out


def _missing_kind(item: ItemDescription, matches: dict[str, Match]) -> Missing:
    if matches:
        message = "the description does not say what the item is; matches rest on parameters alone"
    else:
        message = "say what the item is (e.g. 'solid propellant rocket motor', 'ring laser gyro')"
    return Missing(parameter=None, label="kind of item", items=sorted(matches), message=message)


def _suggestions(text: str, annex: Annex) -> list[str]:
    hits: list[SearchHit] = search_annex(text, annex=annex, limit=3)
    return [
        f"closest Annex entry by wording (not a classification): {h.item} {h.title}" for h in hits
    ]


def show(number: str, *, annex: Annex) -> list[EntryView]:
    """``nonpro annex show 2.A.1.c``: the entry and the entries under it, ready to print."""
    return [_view(e, annex) for e in annex.lookup(number)]


def _view(entry: ControlEntry, annex: Annex) -> EntryView:
    return EntryView(
        annex_version=annex.version,
        item=entry.number,
        category=entry.category,
        title=entry.title,
        text=entry.text,
        scope=entry.scope,
        test=render_condition(entry.test, annex),
        thresholds=list(thresholds(entry.test)),
        notes=entry.notes,
        references=entry.references,
        verified=entry.verified,
        confidence=entry.confidence,
        confidence_meaning=annex.confidence_marks.get(entry.confidence, ""),
        crosscheck=entry.crosscheck,
        implementing_entries=entry.implementing_entries,
        sources={
            k: annex.sources[k]
            for k in [*entry.sources, *(entry.crosscheck.sources if entry.crosscheck else [])]
            if k in annex.sources
        },
    )


def search(query: str, *, annex: Annex, limit: int = 10) -> list[SearchHit]:
    """``nonpro annex search "ring laser gyro"``: entries ranked by BM25."""
    return search_annex(query, annex=annex, limit=limit)


def diff(old_version: str, new_version: str) -> AnnexDiff:
    """``nonpro annex diff V1 V2`` on the packaged data."""
    return diff_versions(load_annex(old_version), load_annex(new_version))


__all__ = ["NEAR_MARGIN", "classify", "diff", "search", "show"]
