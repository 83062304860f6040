"""Listed readings as arrays, built once with the index, for the batch scorers.

Tokens and the readings' joined letters are also kept as code points in flat arrays, so that the
compiled Latin scorer (`name_kernel`) reads them without touching a Python string;
`token_matrix` gives the token similarities of an abjad query, for the bound that spares most of
its reference comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nonpro.screening import rules
from nonpro.screening.normalize import Reading, phonetic_key
from nonpro.screening.similarity import token_similarity

DIGITS = 1  # token flag: all digits


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
    token_index: dict[str, int]  # token -> token id
    # Token t is token_codes[token_starts[t] : token_starts[t + 1]] (code points); reading r
    # joined without spaces is joined_codes[joined_starts[r] : joined_starts[r + 1]].
    token_codes: np.ndarray
    token_starts: np.ndarray
    joined_codes: np.ndarray
    joined_starts: np.ndarray
    # Per token id, its phonetic key's id (-2 for the padding token, which no query's key is)
    # and its flags (DIGITS).
    token_keys: np.ndarray
    token_flags: np.ndarray
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
        token_codes, token_starts = code_points(padded)
        joined_codes, joined_starts = code_points(joined)
        return cls(
            padded,
            token_ids,
            weights,
            forms,
            lengths,
            joined,
            phonetic_ids,
            readings,
            vocabulary,
            token_codes,
            token_starts,
            joined_codes,
            joined_starts,
            np.array([*phonetic, -2], dtype=np.int64),
            np.array([DIGITS if t.isdigit() else 0 for t in padded], dtype=np.int64),
            np.array([reading.surname_last for reading in readings], dtype=bool),
            weights.sum(axis=1),
            np.where(forms, 0.0, weights),
        )


def token_matrix(query: Reading, table: ReadingTable, ids: np.ndarray) -> np.ndarray:
    """`token_similarity` of every query token against the listed tokens `ids` (-1 for none,
    similarity 0), with the pairs under `rules.TOKEN_MATCH_FLOOR` set to 0 (they never pair)."""
    listed = [table.tokens[t] for t in ids.tolist()]
    matrix = np.array(
        [[token_similarity(q, t, query.abjad) if t else 0.0 for t in listed] for q in query.tokens],
        dtype=np.float64,
    ).reshape(len(query.tokens), len(listed))
    matrix[matrix < rules.TOKEN_MATCH_FLOOR] = 0.0
    return matrix


def code_points(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The strings' code points end to end, and where each string starts (one more at the end)."""
    starts = np.zeros(len(strings) + 1, dtype=np.int64)
    np.cumsum([len(text) for text in strings], out=starts[1:])
    codes = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.int32).copy()
    return codes, starts
