"""Listed readings as arrays, and token similarities against many listed tokens at once.

`ReadingTable` is built once with the index, so that a query's work is one `rapidfuzz` batch per
scorer over the distinct tokens of its candidates; `token_matrix` applies the rules of
`similarity.token_similarity` to that batch with array operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel, Prefix
from rapidfuzz.process import cdist

from nonpro.screening import rules
from nonpro.screening.normalize import Reading, phonetic_key
from nonpro.screening.similarity import token_similarity

DIGITS, SPECIAL = 1, 2  # token flags


@dataclass
class ReadingTable:
    """Listed readings as padded arrays: row r holds the tokens of reading r.

    Padding is token id -1, and the per-token arrays end with an empty token whose similarity to
    any query token is 0, so that a padded row of ids indexes them directly.
    """

    tokens: list[str]  # token id -> token
    token_ids: np.ndarray  # (readings, width) token ids, -1 as padding
    weights: np.ndarray  # (readings, width) token weights, 0 as padding
    forms: np.ndarray  # (readings, width) whether the token is a legal form
    lengths: np.ndarray  # (readings,) number of tokens
    joined: list[str]  # reading r's tokens without spaces
    phonetic_ids: dict[str, int]
    readings: list[Reading]
    # Per token id, for the rules of `token_similarity` without touching the strings, side by
    # side so that one token's are one memory read: its length, phonetic key id, first letter,
    # and flags (DIGITS; SPECIAL: digits or a single letter, what the digit and initial rules
    # apply to).
    token_features: np.ndarray  # (tokens, 4) int32
    # The same strings as object arrays, so a fancy index hands rapidfuzz its batch.
    token_array: np.ndarray
    joined_array: np.ndarray
    surname_last: np.ndarray  # per reading, see Reading.surname_last
    weight_totals: np.ndarray  # per reading, the sum of its token weights
    free_weights: np.ndarray  # (readings, width) weights of the tokens that are no legal form

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
        phonetic = [phonetic_ids.setdefault(phonetic_key(t), len(phonetic_ids)) for t in tokens]
        lengths = np.array([len(reading.tokens) for reading in readings], dtype=np.int32)
        joined = ["".join(reading.tokens) for reading in readings]
        padded = [*tokens, ""]  # the padding token, at id -1
        features = np.array(
            [
                (
                    len(t),
                    key,
                    ord(t[0]) if t else -1,
                    (DIGITS if t.isdigit() else 0) | (SPECIAL if t.isdigit() or len(t) == 1 else 0),
                )
                for t, key in zip(padded, [*phonetic, -2], strict=True)  # -2: no query's key
            ],
            dtype=np.int32,
        ).reshape(len(padded), 4)
        return cls(
            padded,
            token_ids,
            weights,
            forms,
            lengths,
            joined,
            phonetic_ids,
            readings,
            features,
            np.array(padded, dtype=object),
            np.array(joined, dtype=object),
            np.array([reading.surname_last for reading in readings], dtype=bool),
            weights.sum(axis=1),
            np.where(forms, 0.0, weights),
        )


def token_matrix(query: Reading, table: ReadingTable, ids: np.ndarray) -> np.ndarray:
    """`token_similarity` of every query token against the listed tokens `ids` (-1 for none,
    similarity 0), with the pairs under `rules.TOKEN_MATCH_FLOOR` set to 0 (they never pair)."""
    if query.abjad:
        # Consonant skeletons and their variants: string work, cached per token pair.
        listed = [table.tokens[t] for t in ids.tolist()]
        matrix = np.array(
            [[token_similarity(q, t, True) if t else 0.0 for t in listed] for q in query.tokens],
            dtype=np.float64,
        ).reshape(len(query.tokens), len(listed))
    else:
        matrix = _latin_matrix(query, table, ids)
    matrix[matrix < rules.TOKEN_MATCH_FLOOR] = 0.0
    return matrix


def _latin_matrix(query: Reading, table: ReadingTable, ids: np.ndarray) -> np.ndarray:
    q_tokens = query.tokens
    listed = table.token_array.take(ids)
    sim = cdist(q_tokens, listed, scorer=Indel.normalized_similarity, dtype=np.float64)
    prefix = cdist(q_tokens, listed, scorer=Prefix.similarity, dtype=np.int32)
    length, key, first, flags = table.token_features.take(ids, axis=0).T
    q_len = np.array([len(t) for t in q_tokens])[:, None]
    # A common prefix as long as the shorter token, of 3 letters or more. The rule raises a
    # similarity to PREFIX_SIMILARITY; as similarities are never negative, that is a maximum
    # with PREFIX_SIMILARITY where the rule holds and 0 elsewhere.
    is_prefix = (prefix == np.minimum(q_len, length)) & (prefix >= 3)
    np.maximum(sim, is_prefix * rules.PREFIX_SIMILARITY, out=sim)
    q_keys = np.array([table.phonetic_ids.get(phonetic_key(t), -1) for t in q_tokens])[:, None]
    same_sound = q_keys == key
    if same_sound.any():
        sounds = np.maximum(sim, (sim + rules.PHONETIC_SIMILARITY) / 2)
        sim = np.where(same_sound, sounds, sim)
    # The digit and initial rules change nothing unless one side has such a token, which most
    # queries and candidates have not: test that once rather than apply them.
    if any(len(t) == 1 or t.isdigit() for t in q_tokens) or (flags & SPECIAL).any():
        equal = sim == 1.0
        q_digit = np.array([t.isdigit() for t in q_tokens])[:, None]
        sim = np.where((q_digit | (flags & DIGITS).astype(bool)) & ~equal, 0.0, sim)
        initial = (q_len == 1) | (length == 1)
        q_first = np.array([ord(t[0]) for t in q_tokens])[:, None]
        same_first = q_first == first
        sim = np.where(initial & ~equal, np.where(same_first, rules.INITIAL_SIMILARITY, 0.0), sim)
    return sim
