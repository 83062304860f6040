"""Use cases of the controls capability, shared by the CLI, the API, the web pages and batch.

``classify`` follows the order the Annex fact sheet suggests: what the item is (kind terms), the
parameters that decide, then the Guidelines' rule that an item incorporating a Category I item is
itself Category I. It reports what decided, what came close, and what is missing.
"""

from __future__ import annotations

import re

from nonpro.controls import explain
from nonpro.controls.annex import Annex as Annex
from nonpro.controls.annex import diff_versions, render_condition, thresholds
from nonpro.controls.annex import load_annex as load_annex
from nonpro.controls.annex import load_catalog as load_catalog
from nonpro.controls.boundary import boundary_csv as boundary_csv
from nonpro.controls.boundary import boundary_set as boundary_set
from nonpro.controls.classify import (
    described_terms,
    normalise,
    read_parameters,
    split_end_use,
)
from nonpro.controls.rules import Outcome, evaluate
from nonpro.controls.schemas import (
    MAX_COMPONENT_DEPTH,
    MAX_COMPONENTS,
    AnnexDiff,
    Classification,
    ControlEntry,
    EntryRef,
    EntryView,
    GroupNode,
    ItemDescription,
    ItemNode,
    Match,
    Missing,
    NearMiss,
    ParameterInput,
    ParameterValue,
)
from nonpro.controls.search import SearchHit as SearchHit
from nonpro.controls.search import search_annex
from nonpro.core.errors import InvalidInput
from nonpro.core.inputs import DESCRIPTION_LENGTH

NEAR_MARGIN = 0.25
_INCORPORATES = re.compile(
    r"\b(?:incorporat\w*|contain\w*|includ\w*|integrat\w*|fitted with|equipped with)\b[^.;]*?"
    r"\b((?:1[0-9]|20|[1-9])\.[A-E](?:\.[0-9a-z]+)+)",
    re.I,
)
_SOFTWARE = re.compile(r"\bsoftware\b", re.I)
_PRODUCTION = re.compile(r"\bproduction (?:equipment|facilit\w*|line|tooling)\b", re.I)
_TECHNOLOGY = re.compile(r"\b(?:technology|technical data|know[- ]how)\b", re.I)


def _refuse_unbounded(item: ItemDescription, depth: int = 0) -> None:
    """Reading a description costs time in proportion to its length for every Annex entry: a
    description built without its schema's limits (in Python, or a component of a component)
    is refused here as it would be at the door."""
    if len(item.text) > DESCRIPTION_LENGTH:
        raise InvalidInput("text", f"longer than {DESCRIPTION_LENGTH:,} characters")
    if depth > MAX_COMPONENT_DEPTH or len(item.components) > MAX_COMPONENTS:
        raise InvalidInput(
            "components",
            f"more than {MAX_COMPONENTS} components, or nested "
            f"more than {MAX_COMPONENT_DEPTH} deep",
        )
    for component in item.components:
        _refuse_unbounded(component, depth + 1)


def classify(
    item: ItemDescription, *, annex: Annex, near_margin: float = NEAR_MARGIN
) -> Classification:
    """Classify an item against one Annex version. Pure: reads nothing but its arguments.

    ``near_margin`` is how close (as a fraction of the threshold) a failing value must be to be
    reported as a near miss: declared values are often nominal, and an item a re-rating away
    from a threshold deserves a reviewer's eye.
    """
    _refuse_unbounded(item)
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
    questions: list[Missing] = []
    for entry in candidates:
        excluded = explain.exclusion(entry, values, annex)
        if excluded and (entry in described or entry.test is not None):
            # An exclusion the description meets settles the entry, whatever else is missing.
            near.append(explain.near(entry, annex, [f"excluded: {excluded}"]))
            continue
        if entry.test is None:
            question = explain.design_question(entry, end_use) if entry in described else None
            if question:
                questions.append(question)
            elif entry in described:
                matches[entry.number] = explain.description_match(
                    entry, why[entry.number], annex, end_use
                )
            continue
        outcome = evaluate(entry.test, values, annex)
        if outcome.met is True:
            matches[entry.number] = explain.parameter_match(entry, outcome, values, annex)
        elif outcome.met is False:
            failed[entry.number] = outcome
            trade_off = explain.trade_off_question(entry, values)
            if trade_off:
                questions.append(trade_off)
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
        miss = explain.near_miss(annex.get(number), outcome, matches, annex, near_margin)
        if miss:
            near.append(miss)
    _incorporation(item, annex, matches, notes)

    # An entry a higher one excludes ("not caught by 1.A.1") asks nothing once that one matched.
    undecided = {
        n: o for n, o in undecided.items() if not any(c in matches for c in annex.get(n).not_in)
    }
    missing = explain.missing_parameters(undecided, annex) + questions
    if not described and not item.components:
        missing.insert(0, explain.missing_kind(item, matches))
    if end_use.strip():
        notes.append(f"stated end use: {end_use.strip()}")
    notes += explain.unused_values(values, described, annex)
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
        matches[key] = explain.match(entry, [reason], "incorporation", annex, extra)


def _known(number: str, annex: Annex) -> bool:
    return any(e.is_under(number) for e in annex)


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


_GROUPS = {
    "A": "equipment, assemblies and components",
    "B": "test and production equipment",
    "C": "materials",
    "D": "software",
    "E": "technology",
}


def tree(*, annex: Annex) -> list[ItemNode]:
    """Items 1 to 20 with their A–E groups and entries, for the web Annex browser."""
    nodes = []
    for number in sorted({e.item for e in annex}):
        entries = [e for e in annex if e.item == number]
        groups = [
            GroupNode(
                group=g,
                label=label,
                entries=[EntryRef(item=e.number, title=e.title) for e in entries if e.group == g],
            )
            for g, label in _GROUPS.items()
            if any(e.group == g for e in entries)
        ]
        nodes.append(
            ItemNode(
                item=number,
                title=annex.items.get(number, f"Item {number}"),
                category=entries[0].category,
                groups=groups,
            )
        )
    return nodes


def parameters_from_pairs(pairs: list[str]) -> dict[str, ParameterInput]:
    """``--param total_impulse=1.2e6 N*s`` as a parameters mapping for ``ItemDescription``."""
    out: dict[str, ParameterInput] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InvalidInput("param", f"expected NAME=VALUE, got {pair!r}")
        out[name.strip()] = value.strip()
    return out


def search(query: str, *, annex: Annex, limit: int = 10) -> list[SearchHit]:
    """``nonpro annex search "ring laser gyro"``: entries ranked by BM25."""
    return search_annex(query, annex=annex, limit=limit)


def diff(old_version: str, new_version: str) -> AnnexDiff:
    """``nonpro annex diff V1 V2`` on the packaged data."""
    return diff_versions(load_annex(old_version), load_annex(new_version))


__all__ = ["NEAR_MARGIN", "classify", "diff", "parameters_from_pairs", "search", "show", "tree"]
