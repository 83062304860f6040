"""The screening weights and the default alert threshold, as documented constants.

The score of a hit is built additively so that each feature's share can be shown to a reviewer:

    score = NAME_WEIGHT * name_similarity
          + date-of-birth evidence + country evidence + identifier evidence + entity-type evidence

then clipped to [0, 1]. A perfect name alone gives NAME_WEIGHT (0.80), not 1.0, so that hits
with corroborating evidence (same birth date, same country, same passport) rank above hits that
only share a name: partial evidence never saturates the score.

The name weights below were tuned on the labelled pairs of nomenklatura's benchmark
(shared/data/matching/name_pairs.csv); see bench/screening.py for the figures.
"""

from __future__ import annotations

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

# --- name similarity -----------------------------------------------------------------------
NAME_WEIGHT = 0.80
# Name similarity = sum of matched token similarities (to TOKEN_SIMILARITY_POWER, weighted) over
# the matched weight plus penalties for the tokens left over, per unit of token weight:
CONFLICT_WEIGHT = 2.5  # a token left over on both sides: a different name, not a missing one
QUERY_OMISSION_WEIGHT = 0.3  # a query token missing from the listed name
# Lists often carry patronymics and extra given names that a query omits: a listed token
# missing from the query costs less.
LISTED_OMISSION_WEIGHT = 0.2


def name_score(
    matched: float, matched_weight: float, conflicts: float, q_omitted: float, l_omitted: float
) -> float:
    """The name similarity above: matched similarity over the matched weight plus the
    penalties (the one formula of both the per-pair and the batch scoring)."""
    denominator = (
        matched_weight
        + CONFLICT_WEIGHT * conflicts
        + QUERY_OMISSION_WEIGHT * q_omitted
        + LISTED_OMISSION_WEIGHT * l_omitted
    )
    return matched / denominator if denominator > 0 else 0.0


# Matched tokens in another order ("Salman bin Muhammad" / "Muhammad bin Salman").
ORDER_PENALTY = 0.95
# A token pair below this similarity counts as unmatched (it would only add noise).
TOKEN_MATCH_FLOOR = 0.75
# Similarity exponent: a token pair at 0.8 counts as 0.8**TOKEN_SIMILARITY_POWER, so that one
# clearly different token ("Mosuli" / "Duri") hurts more than several small typos help.
TOKEN_SIMILARITY_POWER = 3.0
# Weights of tokens that say little about identity.
LIGHT_TOKEN_WEIGHT = 0.3  # particles (al, bin, de, van) and legal forms (ltd, jsc)
INITIAL_WEIGHT = 0.5  # one-letter tokens
# Token similarities granted by rules rather than by edit distance.
# Same metaphone key ("Mohammad" / "Muhammad"): the similarity goes halfway from the letters'
# own similarity to this.
PHONETIC_SIMILARITY = 1.0
INITIAL_SIMILARITY = 1.0  # "J" against "John"
PREFIX_SIMILARITY = 0.85  # "Ben" against "Benjamin"
SKELETON_SIMILARITY = 0.97  # same consonants when the query came from a vowel-less script

# --- other evidence (added to NAME_WEIGHT * name similarity) ---------------------------------
DOB_EXACT = 0.10  # same day
DOB_MONTH = 0.06  # same month, or the list gives only the month
DOB_YEAR = 0.04  # same year, or the list gives only the year or a range that contains it
DOB_NEAR = 0.0  # one year apart: lists get years wrong, so no penalty and no reward
DOB_CONFLICT = -0.15  # both sides have a date, and they are further apart
COUNTRY_MATCH = 0.04
COUNTRY_CONFLICT = -0.10
IDENTIFIER_MATCH = 0.30  # an exact identifier is strong evidence on its own
IDENTIFIER_FLOOR = 0.90  # ... so a hit on an exact identifier scores at least this much
ENTITY_TYPE_MATCH = 0.02
ENTITY_TYPE_CONFLICT = -0.20  # a person cannot be a company or a vessel

# The most the non-name evidence can add (identifiers aside, which floor the score instead).
MAX_OTHER_EVIDENCE = DOB_EXACT + COUNTRY_MATCH + ENTITY_TYPE_MATCH

# --- alerting and candidates ----------------------------------------------------------------
# A hit is an alert at or above this score. With no other evidence than the entity type, a name
# must be 0.75 similar to alert ((0.62 - 0.02) / 0.80); a conflicting birth date lifts that
# out of reach. Chosen on name_pairs.csv (best F1 whose false alert rate on negatives_us.csv
# stays under 0.5%); see bench/screening.py.
DEFAULT_THRESHOLD = 0.62
# Hits below this score are not returned at all.
MIN_SCORE = 0.50
# How many candidate names the index hands to the scorer for one query.
CANDIDATE_LIMIT = 40


# --- who reads what other screeners wrote ----------------------------------------------------


def sees_every_case(reader: Principal) -> bool:
    """Whether ``reader`` may read every export case: all but an agency's representative, who
    reads only the cases referred to their agency (``nonpro.cases.access`` asks this too).

    Asked here, below the cases capability, because a hit's disposition is written on a case
    but kept with the name screened, and shown to whoever screens that name again."""
    return reader.role is not Role.AGENCY_REVIEWER
