"""The words of a classification: reasons, near misses, what is missing, and notes.

Every decision explains itself (DESIGN.md): a match names the comparison that decided it and the
Annex item, a near miss says how far off it was and which entry caught the item instead, and a
missing parameter names the entries it would decide.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from nonpro.controls.annex import Annex, render_threshold, thresholds
from nonpro.controls.quantities import format_value
from nonpro.controls.rules import Outcome, evaluate, shortfall
from nonpro.controls.schemas import (
    ControlEntry,
    ItemDescription,
    Match,
    Missing,
    NearMiss,
    ParameterValue,
)

Basis = Literal["parameters", "description", "incorporation"]


def unused_values(
    values: dict[str, ParameterValue], described: list[ControlEntry], annex: Annex
) -> list[str]:
    """Values the described item's entries do not test: often a part of the item ("a rocket
    with a 1.2e6 N·s motor"), which must be described as a component to be classified."""
    if not described:
        return []
    tested = {t.parameter for e in described for t in thresholds(e.test)}
    out = []
    for name, value in values.items():
        if name in tested or isinstance(value.value, bool) or value.origin == "derived":
            continue
        users = [e.number for e in annex if any(t.parameter == name for t in thresholds(e.test))]
        if not users:
            out.append(
                f"{value.label} {format_value(float(value.value), value.unit)}: no Annex "
                "threshold tests it"
            )
            continue
        out.append(
            f"{value.label} {format_value(float(value.value), value.unit)} is not tested by the"
            f" described item's entries (it is by {', '.join(users)}): if it belongs to a part,"
            " classify that part as a component"
        )
    return out


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


def match(
    entry: ControlEntry, reasons: list[str], basis: Basis, annex: Annex, notes: list[str]
) -> Match:
    return Match(
        **_finding(entry, annex, reasons),
        basis=basis,
        verified=entry.verified,
        confidence=entry.confidence,
        notes=notes + _entry_notes(entry, annex),
        crosswalk=entry.implementing_entries,
    )


# An entry whose scope turns on design intent ("designed or modified for 1.A or 19.A.2",
# "specially designed for ...") is a question to the officer unless the description answers it.
_DESIGN_INTENT = re.compile(
    r"\b(?:specially designed|specifically formulated|designed(?: or |/)modified|designed"
    r"|modified) for\b",
    re.I,
)
_MISSILE_END_USE = re.compile(
    r"missile|rocket|launch vehicle|\bslv\b|\buavs?\b|unmanned aerial|unmanned air|drone"
    r"|re-?entry|\b(?:1|2|19|20)\.A\b",
    re.I,
)


def design_question(entry: ControlEntry, end_use: str) -> Missing | None:
    """The officer's question when only design intent decides the entry and the description
    does not answer it (a stated missile end use does); None when there is nothing to ask."""
    scope = design_scope(entry)
    if scope is None or answers_design_intent(end_use):
        return None
    return Missing(
        parameter=None,
        label="design intent",
        items=[entry.number],
        message=f"was it {scope}? {entry.number} ({entry.title}) controls the item only "
        "then: a question for the officer, not a match",
    )


def trade_off_question(entry: ControlEntry, values: dict[str, ParameterValue]) -> Missing | None:
    """A complete system short on range with payload to spare (or the reverse) is not "not
    controlled": the Annex counts capability, so payload is traded for range before deciding."""
    tests = {t.parameter: t for t in thresholds(entry.test) if t.parameter in ("payload", "range")}
    payload, reach = values.get("payload"), values.get("range")
    if set(tests) != {"payload", "range"} or payload is None or reach is None:
        return None
    payload_kg, range_km = float(payload.value), float(reach.value)
    spare_payload = payload_kg >= float(tests["payload"].value or 0)
    spare_range = range_km >= float(tests["range"].value or 0)
    if spare_payload == spare_range:
        return None
    shown = f"{format_value(payload_kg, 'kg')} over {format_value(range_km, 'km')}"
    return Missing(
        parameter=None,
        label="range/payload trade-off",
        items=[entry.number],
        message=f"{shown}: the Annex counts what the system can do, so trade payload for range "
        f"(or range for payload) before deciding {entry.number} (Category {entry.category}): "
        "estimate it with `nonpro range estimate` or Controls → Range and payload",
    )


def design_scope(entry: ControlEntry) -> str | None:
    """The design-intent condition of an entry's scope (or title), if it has one."""
    for text in (entry.scope, entry.title):
        if text and _DESIGN_INTENT.search(text):
            return text
    return None


def answers_design_intent(end_use: str) -> bool:
    """A stated missile end use ("for a cruise missile") answers a design-intent question."""
    return bool(end_use and _MISSILE_END_USE.search(end_use))


def description_match(entry: ControlEntry, said: str, annex: Annex, end_use: str = "") -> Match:
    reason = f"described as {said}; {entry.number} has no numeric threshold → {entry.number}"
    found = match(entry, [reason], "description", annex, _standing_notes(entry))
    if design_scope(entry) and answers_design_intent(end_use):
        answered = f"design intent answered by the stated end use: {end_use.strip()}"
        notes = [answered if n.startswith("scope not decided") else n for n in found.notes]
        found = found.model_copy(update={"notes": notes})
    return found


def parameter_match(
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
    return match(entry, reasons, "parameters", annex, notes)


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


def exclusion(entry: ControlEntry, values: dict[str, ParameterValue], annex: Annex) -> str | None:
    for note in entry.notes:
        if note.kind == "exclusion" and note.condition is not None:
            result = evaluate(note.condition, values, annex)
            if result.met:
                return f"{'; '.join(result.reasons)} — {note.text}"
    return None


def near(entry: ControlEntry, annex: Annex, reasons: list[str]) -> NearMiss:
    return NearMiss(**_finding(entry, annex, reasons))


def _finding(entry: ControlEntry, annex: Annex, reasons: list[str]) -> dict[str, Any]:
    """What a match and a near miss both say: the entry, where it is written, and why."""
    return {
        "item": entry.number,
        "category": entry.category or "II",
        "title": entry.title,
        "reasons": reasons,
        "source": annex.source_line(entry),
    }


def near_miss(
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
    return near(entry, annex, reasons)


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


def missing_parameters(undecided: dict[str, Outcome], annex: Annex) -> list[Missing]:
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


def missing_kind(item: ItemDescription, matches: dict[str, Match]) -> Missing:
    if matches:
        message = "the description does not say what the item is; matches rest on parameters alone"
    else:
        message = "say what the item is (e.g. 'solid propellant rocket motor', 'ring laser gyro')"
    return Missing(parameter=None, label="kind of item", items=sorted(matches), message=message)
