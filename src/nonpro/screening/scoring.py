"""Scoring a list entry against a query: name similarity plus the other evidence, explained.

The parts live in their own modules; this one gathers what the rest of the package and its
callers use:

- `similarity`: the reference comparison of two readings of a name, which explains a hit;
- `reading_table`, `name_batch` and `name_kernel`: the same measure for all the candidate
  readings of a query at once, scoring exactly only those that may reach a floor;
- `evidence`: date of birth, country, identifiers and entity type, and the total score;
- `identifiers`: the keys identifiers are compared on (rigour.ids formats, checksums).
"""

from __future__ import annotations

from nonpro.screening.evidence import (
    Evidence,
    country_code,
    country_feature,
    dob_feature,
    entity_type_feature,
    identifier_feature,
    query_dob_range,
    total_score,
)
from nonpro.screening.identifiers import normalize_identifier
from nonpro.screening.name_batch import best_scores, score_rows, score_rows_reaching
from nonpro.screening.reading_table import ReadingTable, token_matrix
from nonpro.screening.similarity import NameMatch, best_match, compare_readings, token_similarity

__all__ = [
    "Evidence",
    "NameMatch",
    "ReadingTable",
    "best_match",
    "best_scores",
    "compare_readings",
    "country_code",
    "country_feature",
    "dob_feature",
    "entity_type_feature",
    "identifier_feature",
    "normalize_identifier",
    "query_dob_range",
    "score_rows",
    "score_rows_reaching",
    "token_matrix",
    "token_similarity",
    "total_score",
]
