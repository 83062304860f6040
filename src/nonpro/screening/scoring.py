"""Scoring a list entry against a query: name similarity plus the other evidence, explained.

Names: the tokens of two readings are aligned, best pairs first, ignoring order ("PUTIN
Vladimir" meets "Vladimir Putin"); each side's left-over tokens are counted as omissions or, when
both sides have one, as conflicts (a different person, not a shorter name). Spacing differences
("Jinping" / "Jin Ping") are caught by also comparing the names with their spaces removed.
Weights and penalties are the documented constants of `rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import countrynames
import numpy as np
from rapidfuzz.distance import Indel, Prefix
from rapidfuzz.process import cdist

from nonpro.screening import rules
from nonpro.screening.normalize import (
    Reading,
    phonetic_key,
    skeleton,
    skeleton_variants,
)
from nonpro.screening.schemas import BirthDate, EntityType, FeatureScore


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
    denominator = (
        matched_weight
        + rules.CONFLICT_WEIGHT * conflicts
        + rules.QUERY_OMISSION_WEIGHT * q_omitted
        + rules.LISTED_OMISSION_WEIGHT * l_omitted
    )
    score = matched / denominator if denominator else 0.0
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


# --- many listed readings at once ---------------------------------------------------------------
# The same measure as `compare_readings`, computed with array operations for all candidates of
# a query: token similarities come from one `rapidfuzz.process.cdist` call and the greedy
# pairing runs one round per query token across every candidate together. This is what makes
# bulk screening cheap; `compare_readings` remains the reference (tests hold them equal) and
# produces the explanation of the hits that are kept.


@dataclass
class ReadingTable:
    """Listed readings as padded arrays: row r holds the tokens of reading r."""

    tokens: list[str]  # token id -> token
    phonetic: np.ndarray  # token id -> phonetic key id
    token_ids: np.ndarray  # (readings, width) token ids, -1 as padding
    weights: np.ndarray  # (readings, width) token weights, 0 as padding
    forms: np.ndarray  # (readings, width) whether the token is a legal form
    lengths: np.ndarray  # (readings,) number of tokens
    joined: list[str]  # reading r's tokens without spaces
    phonetic_ids: dict[str, int]
    readings: list[Reading]
    # Per token id, for the rules of `token_similarity` without touching the strings.
    token_length: np.ndarray
    token_digit: np.ndarray
    token_first: np.ndarray
    # The same strings as object arrays, so a fancy index hands rapidfuzz its batch.
    token_array: np.ndarray
    joined_array: np.ndarray
    surname_last: np.ndarray  # per reading, see Reading.surname_last

    @classmethod
    def build(cls, readings: list[Reading]) -> ReadingTable:
        vocabulary: dict[str, int] = {}
        phonetic_ids: dict[str, int] = {}
        width = max((len(reading.tokens) for reading in readings), default=1)
        token_ids = np.full((len(readings), width), -1, dtype=np.int32)
        weights = np.zeros((len(readings), width), dtype=np.float64)
        forms = np.zeros((len(readings), width), dtype=bool)
        for row, reading in enumerate(readings):
            count = len(reading.tokens)
            token_ids[row, :count] = [
                vocabulary.setdefault(t, len(vocabulary)) for t in reading.tokens
            ]
            weights[row, :count] = reading.weights
            forms[row, :count] = reading.forms
        tokens = list(vocabulary)
        phonetic = np.array(
            [phonetic_ids.setdefault(phonetic_key(t), len(phonetic_ids)) for t in tokens],
            dtype=np.int32,
        )
        lengths = np.array([len(reading.tokens) for reading in readings], dtype=np.int32)
        joined = ["".join(reading.tokens) for reading in readings]
        return cls(
            tokens,
            phonetic,
            token_ids,
            weights,
            forms,
            lengths,
            joined,
            phonetic_ids,
            readings,
            np.array([len(t) for t in tokens], dtype=np.int32),
            np.array([t.isdigit() for t in tokens], dtype=bool),
            np.array([ord(t[0]) for t in tokens], dtype=np.int32),
            np.array(tokens, dtype=object),
            np.array(joined, dtype=object),
            np.array([reading.surname_last for reading in readings], dtype=bool),
        )


def _token_matrix(query: Reading, table: ReadingTable, unique: np.ndarray) -> np.ndarray:
    """`token_similarity` for every query token against the listed tokens `unique` (non-abjad)."""
    listed = table.token_array[unique]
    sim = cdist(query.tokens, listed, scorer=Indel.normalized_similarity, dtype=np.float64)
    prefix = cdist(query.tokens, listed, scorer=Prefix.similarity, dtype=np.int32)
    q_len = np.array([len(t) for t in query.tokens])[:, None]
    l_len = table.token_length[unique][None, :]
    shorter = np.minimum(q_len, l_len)
    is_prefix = (shorter >= 3) & (prefix == shorter)
    sim = np.where(is_prefix, np.maximum(sim, rules.PREFIX_SIMILARITY), sim)
    q_keys = np.array([table.phonetic_ids.get(phonetic_key(t), -1) for t in query.tokens])
    sounds = np.maximum(sim, (sim + rules.PHONETIC_SIMILARITY) / 2)
    sim = np.where(q_keys[:, None] == table.phonetic[unique][None, :], sounds, sim)
    equal = sim == 1.0
    q_digit = np.array([t.isdigit() for t in query.tokens])[:, None]
    sim = np.where((q_digit | table.token_digit[unique][None, :]) & ~equal, 0.0, sim)
    initial = (q_len == 1) | (l_len == 1)
    q_first = np.array([ord(t[0]) for t in query.tokens])[:, None]
    same_first = q_first == table.token_first[unique][None, :]
    sim = np.where(initial & ~equal, np.where(same_first, rules.INITIAL_SIMILARITY, 0.0), sim)
    return np.asarray(sim)


def score_rows(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    """`compare_readings(query, reading).score` for each listed reading in `rows`."""
    if query.abjad or len(rows) == 0:
        return np.array([compare_readings(query, table.readings[r]).score for r in rows])
    width = max(int(table.lengths[rows].max()), 1)
    ids = table.token_ids[rows, :width]
    present = ids >= 0
    unique = np.unique(ids[present])
    matrix = _token_matrix(query, table, unique)
    matrix[matrix < rules.TOKEN_MATCH_FLOOR] = 0.0
    n = len(query.tokens)
    # Padding points at an extra column of zeros.
    matrix = np.concatenate([matrix, np.zeros((n, 1))], axis=1)
    columns = np.where(present, np.searchsorted(unique, ids), len(unique))
    sims = np.ascontiguousarray(matrix[:, columns].transpose(1, 0, 2))  # C, n, width
    count = len(rows)
    assigned = np.full((count, n), -1)
    best = np.zeros((count, n))
    everyone = np.arange(count)
    for _ in range(min(n, width)):
        flat = sims.reshape(count, n * width)
        pick = flat.argmax(axis=1)
        value = flat[everyone, pick]
        active = value > 0
        if not active.any():
            break
        who, i, j = everyone[active], pick[active] // width, pick[active] % width
        assigned[who, i], best[who, i] = j, value[active]
        sims[who, i, :] = 0.0
        sims[who, :, j] = 0.0
    q_weights = np.array(query.weights)
    q_forms = np.array(query.forms)
    matched_q = assigned >= 0
    l_weights = table.weights[rows, :width]
    paired = np.take_along_axis(l_weights, np.maximum(assigned, 0), axis=1)
    pair_weights = np.where(matched_q, np.minimum(q_weights[None, :], paired), 0.0)
    matched = (pair_weights * best**rules.TOKEN_SIMILARITY_POWER).sum(axis=1)
    matched_weight = pair_weights.sum(axis=1)
    l_used = np.zeros((count, width), dtype=bool)
    who, i = np.nonzero(matched_q)
    l_used[who, assigned[who, i]] = True
    q_left = -np.sort(-(q_weights * (~matched_q & ~q_forms)), axis=1)
    l_left = -np.sort(-(l_weights * (~l_used & ~table.forms[rows, :width])), axis=1)
    depth = min(n, width)
    conflicts = np.minimum(q_left[:, :depth], l_left[:, :depth]).sum(axis=1)
    q_omitted = q_weights.sum() - matched_weight - conflicts
    l_omitted = l_weights.sum(axis=1) - matched_weight - conflicts
    denominator = (
        matched_weight
        + rules.CONFLICT_WEIGHT * conflicts
        + rules.QUERY_OMISSION_WEIGHT * q_omitted
        + rules.LISTED_OMISSION_WEIGHT * l_omitted
    )
    score = np.divide(matched, denominator, out=np.zeros(count), where=denominator > 0)
    running = np.maximum.accumulate(assigned, axis=1)
    crossed = (matched_q[:, 1:] & (assigned[:, 1:] < running[:, :-1])).any(axis=1)
    if n > 1 and crossed.any():
        rest = assigned[:, 1:]
        rest_running = np.maximum.accumulate(rest, axis=1)
        rest_crossed = (matched_q[:, 2:] & (rest[:, 1:] < rest_running[:, :-1])).any(axis=1)
        surname_first = (
            table.surname_last[rows] & (assigned[:, 0] == table.lengths[rows] - 1) & ~rest_crossed
        )
        crossed &= ~surname_first
    score = np.where(crossed, score * rules.ORDER_PENALTY, score)
    several = (n > 1) | (table.lengths[rows] > 1)
    if several.any():
        joined = cdist(
            ["".join(query.tokens)],
            table.joined_array[rows],
            scorer=Indel.normalized_similarity,
            dtype=np.float64,
        )[0]
        score = np.where(several, np.maximum(score, joined**rules.TOKEN_SIMILARITY_POWER), score)
    return np.asarray(score)


# --- the other evidence -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature's part in a score; a plain record, as one is made for every candidate."""

    value: float  # the feature's own measure: a similarity, or 1/0 for agree/disagree
    contribution: float  # what it adds to (or takes from) the score
    detail: str

    def feature(self) -> FeatureScore:
        # The scorer's own numbers and text: no validation needed.
        return FeatureScore.model_construct(
            value=self.value, contribution=self.contribution, detail=self.detail
        )


def _feature(*, value: float, contribution: float, detail: str) -> Evidence:
    return Evidence(value, contribution, detail)


@lru_cache(maxsize=4096)
def query_dob_range(dob: str) -> tuple[date, date, str]:
    """The days a query's 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' may stand for, and its precision."""
    parts = [int(part) for part in dob.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day, "day"
    if len(parts) == 2:
        year, month = parts
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        return date(year, month, 1), date(year, month, last), "month"
    return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"


def dob_feature(dob: str, listed: list[BirthDate]) -> Evidence | None:
    """Best agreement between the query's date of birth and any date the list gives."""
    start, end, precision = query_dob_range(dob)
    best: Evidence | None = None
    for birth in listed:
        if birth.date_from is None or birth.date_to is None:
            continue
        low, high = birth.date_from, birth.date_to
        if start <= high and low <= end:
            same_day = precision == "day" and low == high
            same_month = low.year == high.year and low.month == high.month
            if same_day:
                found = _feature(
                    value=1.0,
                    contribution=rules.DOB_EXACT,
                    detail=f"{dob} is the listed date of birth {birth.text}",
                )
            elif same_month or precision == "month":
                found = _feature(
                    value=0.75,
                    contribution=rules.DOB_MONTH,
                    detail=f"{dob} agrees with the listed {birth.text}",
                )
            else:
                found = _feature(
                    value=0.5,
                    contribution=rules.DOB_YEAR,
                    detail=f"{dob} falls within the listed {birth.text}",
                )
        elif min(abs(start.year - high.year), abs(low.year - end.year)) <= 1:
            found = _feature(
                value=0.25,
                contribution=rules.DOB_NEAR,
                detail=f"{dob} is a year off the listed {birth.text}",
            )
        else:
            found = _feature(
                value=0.0,
                contribution=rules.DOB_CONFLICT,
                detail=f"{dob} conflicts with the listed {birth.text}",
            )
        if best is None or found.contribution > best.contribution:
            best = found
    return best


@lru_cache(maxsize=1024)
def country_code(country: str) -> str | None:
    code = countrynames.to_code(country)
    return code.split("-")[0] if code else None


def country_feature(country: str, listed: frozenset[str]) -> Evidence | None:
    code = country_code(country)
    if code is None or not listed:
        return None
    if code in listed:
        return _feature(
            value=1.0,
            contribution=rules.COUNTRY_MATCH,
            detail=f"{code} is among the listed countries",
        )
    shown = ", ".join(sorted(listed))
    return _feature(
        value=0.0,
        contribution=rules.COUNTRY_CONFLICT,
        detail=f"{code} is not among the listed countries ({shown})",
    )


def normalize_identifier(value: str) -> str:
    """Identifiers compared without spaces, dashes or case: 'AB 123-456' == 'ab123456'."""
    return "".join(char for char in value.upper() if char.isalnum())


def identifier_feature(queried: list[str], listed: dict[str, str]) -> Evidence | None:
    """`listed` maps normalised identifiers to their description as printed."""
    for value in queried:
        key = normalize_identifier(value)
        if len(key) >= 4 and key in listed:
            return _feature(
                value=1.0,
                contribution=rules.IDENTIFIER_MATCH,
                detail=f"identifier {value} is the listed {listed[key]}",
            )
    return None


def entity_type_feature(queried: EntityType, listed: EntityType) -> Evidence | None:
    if EntityType.UNKNOWN in (queried, listed):
        return None
    if queried is listed:
        return _feature(
            value=1.0, contribution=rules.ENTITY_TYPE_MATCH, detail=f"both are a {listed.value}"
        )
    return _feature(
        value=0.0,
        contribution=rules.ENTITY_TYPE_CONFLICT,
        detail=f"a {queried.value} was asked for, the list has a {listed.value}",
    )


def total_score(name_contribution: float, others: dict[str, Evidence]) -> float:
    """The hit's score: contributions summed, clipped to [0, 1], an exact identifier floored."""
    score = name_contribution + sum(feature.contribution for feature in others.values())
    if "identifier" in others:
        score = max(score, rules.IDENTIFIER_FLOOR)
    return round(min(1.0, max(0.0, score)), 4)
