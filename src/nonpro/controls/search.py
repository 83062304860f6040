"""Ranked search over the Annex: ``nonpro annex search "ring laser gyro"``.

Okapi BM25 over each entry's number, title, control text, kind terms, notes and the labels of its
parameters. The corpus is under two hundred short documents, so the index is built in
microseconds-to-milliseconds and cached per Annex version; no search server is needed.
An item number in the query ("2.A.1.c") ranks that entry and the entries under it first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from nonpro.controls.annex import Annex, thresholds
from nonpro.controls.schemas import ControlEntry, number_key

K1 = 1.2
B = 0.75
_NUMBER = re.compile(r"\b(?:1[0-9]|20|[1-9])(?:\.[A-Ea-e](?:\.[0-9a-zA-Z]+)*)?\b")
# Words an analyst uses that the Annex text spells differently.
_SYNONYMS = {
    "gyroscope": "gyro",
    "rlg": "gyro",
    "fog": "gyro",
    "imu": "inertial",
    "ins": "inertial",
    "accelerometers": "accelerometer",
    "tvc": "thrust vector",
    "uav": "unmanned aerial vehicle",
    "drone": "unmanned aerial vehicle",
    "icbm": "ballistic missile",
    "slv": "space launch vehicle",
    "srm": "solid rocket motor",
    "gps": "gnss",
    "aluminum": "aluminium",
    "fiber": "fibre",
}
_STOP = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it"}
    | {"of", "on", "or", "the", "to", "with", "without"}
)


@dataclass(frozen=True)
class SearchHit:
    item: str
    category: str | None
    title: str
    score: float
    verified: bool


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    out: list[str] = []
    for word in words:
        for w in _SYNONYMS.get(word, word).split():
            if w not in _STOP:
                out.append(_stem(w))
    return out


def _stem(word: str) -> str:
    # Light stemming: enough to join "motors"/"motor", "gyros"/"gyro", "bearings"/"bearing".
    for suffix in ("ies", "es", "s"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _document(entry: ControlEntry, annex: Annex) -> list[str]:
    labels = [
        annex.parameters[t.parameter].label
        for t in thresholds(entry.test)
        if t.parameter in annex.parameters
    ]
    parts = [
        entry.title,
        entry.title,
        entry.text,
        " ".join(entry.terms),
        *labels,
        *(n.text for n in entry.notes),
    ]
    return tokens(" ".join(parts))


@dataclass(frozen=True)
class _Index:
    numbers: tuple[str, ...]
    docs: tuple[Counter[str], ...]
    lengths: tuple[int, ...]
    idf: dict[str, float]
    average: float


@cache
def _index(annex: Annex) -> _Index:
    entries = [e for e in annex if not e.reserved]
    docs = [Counter(_document(e, annex)) for e in entries]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    lengths = tuple(sum(d.values()) for d in docs)
    return _Index(
        tuple(e.number for e in entries), tuple(docs), lengths, idf, sum(lengths) / max(n, 1)
    )


def search_annex(query: str, *, annex: Annex, limit: int = 10) -> list[SearchHit]:
    """Entries ranked by relevance to ``query``; an empty list when nothing matches."""
    index = _index(annex)
    wanted = [_normal_number(m.group(0)) for m in _NUMBER.finditer(query) if "." in m.group(0)]
    # The words of an item number ("2", "a", "1", "c") are not search words.
    terms = tokens(_NUMBER.sub(lambda m: " " if "." in m.group(0) else m.group(0), query))
    scores: dict[str, float] = {}
    for number, doc, length in zip(index.numbers, index.docs, index.lengths, strict=True):
        score = 0.0
        for term in terms:
            f = doc.get(term, 0)
            if f:
                score += (
                    index.idf[term] * f * (K1 + 1) / (f + K1 * (1 - B + B * length / index.average))
                )
        entry = annex.entries[number]
        if any(entry.is_under(w) for w in wanted):
            score += 100.0  # an item number asked for outranks any wording
        if score > 0:
            scores[number] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], number_key(kv[0])))[:limit]
    return [
        SearchHit(
            item=n,
            category=annex.entries[n].category,
            title=annex.entries[n].title,
            score=round(s, 3),
            verified=annex.entries[n].verified,
        )
        for n, s in ranked
    ]


def _normal_number(raw: str) -> str:
    """ "2.a.1.C" → "2.A.1.c": the group letter is upper case, sub-letters lower case."""
    parts = raw.split(".")
    return (
        ".".join([parts[0], parts[1].upper(), *(p.lower() for p in parts[2:])])
        if len(parts) > 1
        else raw
    )
