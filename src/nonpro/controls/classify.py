"""Read an item description: what kind of item it names, and its parameter values.

Numbers are tied to parameters by the nearest keyword in their clause; a number no keyword
claims is reported as unassigned rather than guessed into a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nonpro.controls.annex import Annex
from nonpro.controls.errors import InvalidQuantity
from nonpro.controls.quantities import (
    Quantity,
    compatible,
    find_quantities,
    format_value,
)
from nonpro.controls.quantities import parse_quantity as parse_one
from nonpro.controls.schemas import (
    ControlEntry,
    ParameterInput,
    ParameterSpec,
    ParameterValue,
)

_END_USE = re.compile(
    r"\b(?:for|intended for|to be used (?:in|on|for)|destined for|used in)\b", re.I
)
_NEGATION = re.compile(r"(?:\bnot|\bnon|\bno|\bwithout)\s*$")


@lru_cache(maxsize=8192)  # the same kind terms and keywords are normalised on every call
def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, plural -s dropped: for phrase matching."""
    words = re.sub(r"[^0-9a-zµ]+", " ", text.lower()).split()
    return " " + " ".join(_singular(w) for w in words) + " "


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def split_end_use(text: str) -> tuple[str, str]:
    """("solid rocket motor, 1.2e6 N-s", "a sounding rocket") from "... for a sounding rocket".

    The item is what comes before "for"; what follows is its stated end use, which must not
    make the description look like a complete rocket.
    """
    m = _END_USE.search(text)
    if not m:
        return text, ""
    # The end use runs to the end of its clause: "for a missile, rated to 150 g".
    return text[: m.start()], re.split(r"[,;]", text[m.end() :], maxsplit=1)[0]


def described_terms(entry: ControlEntry, head: str) -> list[str]:
    """The entry's kind terms that occur in the item part of a description."""
    norm = normalise(head)
    return [t for t in entry.terms if normalise(t) in norm]


# --- parameters from text and from structured input ---------------------------------------


@dataclass
class ParameterReading:
    values: dict[str, ParameterValue] = field(default_factory=dict)
    unassigned: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def read_parameters(
    text: str, given: dict[str, ParameterInput], *, annex: Annex, preferred: set[str]
) -> ParameterReading:
    """Parameters from free text, then structured ones (which win), then derived ones.

    ``preferred`` are the parameters of the entries the text describes: when a number's keyword
    fits several parameters, the described item's parameter is the likely one.
    """
    reading = ParameterReading()
    for quantity in find_quantities(text):
        name = _assign(quantity, text, annex, preferred)
        if name is None:
            if quantity.unit is not None:
                reading.unassigned.append(quantity.text)
            continue
        spec = annex.parameters[name]
        value = ParameterValue(
            name=name,
            label=spec.label,
            value=quantity.to(spec.unit or ""),
            unit=spec.unit,
            origin="text",
            evidence=quantity.text,
        )
        if name in reading.values:
            kept = reading.values[name].evidence
            reading.conflicts.append(f"{spec.label}: used {kept}, ignored {quantity.text}")
            continue
        reading.values[name] = value
    norm = normalise(text)
    for spec in annex.parameters.values():
        if spec.kind == "flag" and spec.name not in reading.values:
            flag = _read_flag(spec, norm)
            if flag is not None:
                reading.values[spec.name] = ParameterValue(
                    name=spec.name,
                    label=spec.label,
                    value=flag[0],
                    unit=None,
                    origin="text",
                    evidence=flag[1],
                )
    for key, raw in given.items():
        found = annex.parameter(key)
        if found is None:
            raise InvalidQuantity(key, "not a parameter of the Annex")
        reading.values[found.name] = _given_value(found, raw)
    _derive(reading, annex)
    return reading


def _read_flag(spec: ParameterSpec, norm: str) -> tuple[bool, str] | None:
    for term in sorted(spec.flag_terms, key=len, reverse=True):
        key = normalise(term)
        at = norm.find(key)
        if at >= 0:
            return (not _NEGATION.search(norm[:at])), term
    return None


def _given_value(spec: ParameterSpec, raw: ParameterInput) -> ParameterValue:
    evidence = str(raw)
    if spec.kind == "flag":
        if isinstance(raw, str):
            if raw.strip().lower() not in ("yes", "no", "true", "false", "1", "0"):
                raise InvalidQuantity(spec.name, f"expected yes or no, got {raw!r}")
            raw = raw.strip().lower() in ("yes", "true", "1")
        return ParameterValue(
            name=spec.name,
            label=spec.label,
            value=bool(raw),
            unit=None,
            origin="given",
            evidence=evidence,
        )
    if isinstance(raw, bool):
        raise InvalidQuantity(spec.name, "expected a number, got yes/no")
    if isinstance(raw, str):
        try:
            quantity = parse_one(raw)
        except InvalidQuantity as exc:  # name the parameter, not the parser's "value"
            raise InvalidQuantity(spec.name, exc.problem) from None
        if quantity.unit is not None and not compatible(quantity.unit, spec.unit):
            raise InvalidQuantity(spec.name, f"{raw!r} is not in a unit of {spec.unit}")
        number = quantity.to(spec.unit or "")
    else:
        number = float(raw)
    return ParameterValue(
        name=spec.name,
        label=spec.label,
        value=number,
        unit=spec.unit,
        origin="given",
        evidence=evidence,
    )


def _assign(q: Quantity, text: str, annex: Annex, preferred: set[str]) -> str | None:
    if q.hint:
        return q.hint
    window = _window(text, q)
    best: tuple[float, str] | None = None
    for spec in annex.parameters.values():
        if spec.kind != "quantity" or not _fits(q, spec):
            continue
        if q.group is not None and spec.pair_role not in (None, q.role):
            continue
        hits = [_keyword_score(normalise(k), window) for k in spec.keywords]
        hits = [h for h in hits if h > 0]
        score = max(hits, default=0) + (0.5 if spec.name in preferred else 0.0)
        if not hits and q.unit in spec.default_units:
            score = 0.25 + (0.5 if spec.name in preferred else 0.0)
        if score > 0 and (best is None or score > best[0]):
            best = (score, spec.name)
    return best[1] if best else None


def _fits(q: Quantity, spec: ParameterSpec) -> bool:
    if q.unit is None:
        return False
    if q.unit.startswith("count:"):
        return spec.unit == "count" and q.unit.split(":")[1] in {
            _singular(k) for k in spec.keywords
        } | set(spec.keywords)
    return compatible(q.unit, spec.unit)


def _window(text: str, q: Quantity) -> tuple[str, str]:
    """The words before and after a quantity in its clause, stopping at neighbouring numbers."""
    before = re.split(r"[;,()]", text[: q.start])[-1]
    before = re.split(r"\d\s*[a-zA-Zµ°%/·.\-]*\s", before)[-1]
    after = re.split(r"[;,()]|\d", text[q.end :])[0]
    return normalise(before), normalise(q.text[len(q.text.split()[0]) :] + " " + after)


def _keyword_score(keyword: str, window: tuple[str, str]) -> float:
    """Longer keywords score more; among equals, the one nearer the number wins."""
    before, after = window
    size = len(keyword.split())
    scores = []
    if keyword in before:
        gap = len(before[before.rfind(keyword) + len(keyword) :].split())
        scores.append(size + 1 / (1 + gap))
    if keyword in after:
        gap = len(after[: after.find(keyword)].split())
        scores.append(size + 0.5 / (1 + gap))
    return max(scores, default=0.0)


def _derive(reading: ParameterReading, annex: Annex) -> None:
    # The Annex states guidance accuracy as CEP relative to range (10 km at 300 km = 3.33 %).
    v = reading.values
    if "accuracy_pct_of_range" not in v and "cep" in v and "range" in v:
        cep, rng = float(v["cep"].value), float(v["range"].value)
        if rng > 0:
            spec = annex.parameters["accuracy_pct_of_range"]
            v[spec.name] = ParameterValue(
                name=spec.name,
                label=spec.label,
                value=cep / (rng * 1000.0) * 100.0,
                unit=spec.unit,
                origin="derived",
                evidence=f"CEP {format_value(cep, 'm')} at range {format_value(rng, 'km')}",
            )


__all__ = [
    "ParameterReading",
    "described_terms",
    "normalise",
    "read_parameters",
    "split_end_use",
]
