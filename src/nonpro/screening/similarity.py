"""The reference comparison of two readings of a name, token pairs included.

The tokens of two readings are aligned, best pairs first, ignoring order ("PUTIN Vladimir" meets
"Vladimir Putin"); each side's left-over tokens are counted as omissions or, when both sides have
one, as conflicts (a different person, not a shorter name). Spacing differences ("Jinping" /
"Jin Ping") are caught by also comparing the names with their spaces removed. Weights and
penalties are the documented constants of `rules`.

`nonpro.screening.name_batch` computes the same measure for many listed readings at once; this
module is what it is tested against, and what explains a hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from nonpro.screening import rules
from nonpro.screening.normalize import (
    Reading,
    phonetic_key,
    skeleton,
    skeleton_variants,
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: float  # in [0, 1]
    query: Reading
    listed: Reading
    pairs: tuple[tuple[str, str, float], ...]  # (query token, listed token, similarity)


@lru_cache(maxsize=1 << 18)
def token_similarity(query: str, listed: str, abjad: bool = False) -> float:
    """Similarity of two normalised tokens in [0, 1]."""
    if query == listed:
        return 1.0
    if len(query) == 1 or len(listed) == 1:
        # An initial stands for any name with that first letter.
        return rules.INITIAL_SIMILARITY if query[0] == listed[0] else 0.0
    sim = Indel.normalized_similarity(query, listed)
    if query.isdigit() or listed.isdigit():
        return 0.0  # numbers ("Trust 2004-1" / "2004-2") are equal or different, never close
    if (
        len(query) >= 3
        and len(listed) >= 3
        and (listed.startswith(query) or query.startswith(listed))
    ):
        sim = max(sim, rules.PREFIX_SIMILARITY)
    if phonetic_key(query) == phonetic_key(listed):
        # Same sound, different letters: halfway to PHONETIC_SIMILARITY, because a short key is
        # shared by unrelated names too ("Vita" and "Fuad" are both FT).
        sim = max(sim, (sim + rules.PHONETIC_SIMILARITY) / 2)
    if abjad:
        target = skeleton(listed)
        for key in skeleton_variants(query):
            if key == target:
                return max(sim, rules.SKELETON_SIMILARITY)
            sim = max(sim, rules.SKELETON_SIMILARITY * Indel.normalized_similarity(key, target))
    return sim


def compare_readings(query: Reading, listed: Reading) -> NameMatch:
    """How similar two readings are, with the token pairs that made it so."""
    q_tokens, l_tokens = query.tokens, listed.tokens
    if q_tokens == l_tokens:
        return NameMatch(1.0, query, listed, tuple((token, token, 1.0) for token in q_tokens))
    floor, abjad = rules.TOKEN_MATCH_FLOOR, query.abjad
    scored = []
    for i, q in enumerate(q_tokens):
        for j, t in enumerate(l_tokens):
            sim = token_similarity(q, t, abjad)
            if sim >= floor:
                scored.append((sim, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))  # ties: first tokens first
    q_match = [-1] * len(q_tokens)
    l_used = [False] * len(l_tokens)
    pairs = []
    matched = matched_weight = 0.0
    power = rules.TOKEN_SIMILARITY_POWER
    q_weights, l_weights = query.weights, listed.weights
    for sim, i, j in scored:
        if q_match[i] < 0 and not l_used[j]:
            q_match[i], l_used[j] = j, True
            # A pair weighs what its lighter token weighs: "R." stands for "Ravn" only so much.
            weight = min(q_weights[i], l_weights[j])
            matched += weight * sim**power
            matched_weight += weight
            pairs.append((q_tokens[i], l_tokens[j], round(sim, 3)))
    # Legal forms left over ("OAO" / "JSC") are omissions, never conflicts: the same company
    # is written with different forms from one register to the next.
    q_left = sorted(
        (q_weights[i] for i, j in enumerate(q_match) if j < 0 and not query.forms[i]), reverse=True
    )
    l_left = sorted(
        (l_weights[j] for j, used in enumerate(l_used) if not used and not listed.forms[j]),
        reverse=True,
    )
    # A token left over on both sides is a substitution ("al-Mosuli" for "al-Tikriti"): strong
    # evidence of another person. A token left over on one side only is an omission.
    conflicts = sum(min(a, b) for a, b in zip(q_left, l_left, strict=False))
    q_omitted = sum(q_weights) - matched_weight - conflicts
    l_omitted = sum(l_weights) - matched_weight - conflicts
    score = rules.name_score(matched, matched_weight, conflicts, q_omitted, l_omitted)
    order = [j for j in q_match if j >= 0]
    if order != sorted(order) and not _surname_first(q_match, listed):
        score *= rules.ORDER_PENALTY  # "Salman bin Muhammad" is not "Muhammad bin Salman"
    if len(q_tokens) > 1 or len(l_tokens) > 1:
        # Spacing: "xi jin ping" against "xi jinping", "abd allah" against "abdullah".
        joined = _joined_similarity(query, listed)
        if joined > score:
            score = joined
            pairs = [(query.text, listed.text, round(joined, 3))]
    return NameMatch(score, query, listed, tuple(pairs))


def _surname_first(q_match: list[int], listed: Reading) -> bool:
    """Whether the query puts the listed family name first and keeps the rest in order."""
    if not listed.surname_last or q_match[0] != len(listed.tokens) - 1:
        return False
    rest = [j for j in q_match[1:] if j >= 0]
    return rest == sorted(rest)


def _joined_similarity(query: Reading, listed: Reading) -> float:
    q, t = "".join(query.tokens), "".join(listed.tokens)
    if query.abjad:
        sim = (
            max(Indel.normalized_similarity(key, skeleton(t)) for key in skeleton_variants(q))
            * rules.SKELETON_SIMILARITY
        )
    else:
        sim = Indel.normalized_similarity(q, t)
    return float(sim**rules.TOKEN_SIMILARITY_POWER)


def best_match(queries: tuple[Reading, ...], listed: tuple[Reading, ...]) -> NameMatch | None:
    best: NameMatch | None = None
    for query in queries:
        for reading in listed:
            found = compare_readings(query, reading)
            if best is None or found.score > best.score:
                best = found
    return best
