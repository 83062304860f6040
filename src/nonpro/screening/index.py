"""The in-memory screening index: finds the few listed names worth scoring for a query.

Every reading of every listed name is posted under its tokens, their phonetic keys, their
consonant skeletons and their character trigrams (so typos, transpositions and spacing still
share most keys). Postings are integer arrays; a query sums IDF weights over the postings of its
keys with one `numpy.bincount` and keeps the best-scoring names. Plain data only, so the index
pickles and a Dask worker can receive it once.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from nonpro.screening.identifiers import listed_keys, query_keys
from nonpro.screening.normalize import Reading, name_readings, phonetic_key, skeleton
from nonpro.screening.reading_table import ReadingTable
from nonpro.screening.schemas import EntityType, EntryName, ListEntry

# Keys carried by more than this share of names say nothing about which name it is.
_COMMON_KEY_SHARE = 0.02
_RELATIVE_FLOOR = 0.25
_TOKEN_BOOST = 2.0  # an exact token counts more than the trigrams and sounds it also shares


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: int  # position of the entry in ScreeningIndex.entries
    name: EntryName
    readings: tuple[Reading, ...]


@dataclass(slots=True)
class EntryFacts:
    """What the scorer needs of an entry besides its names, precomputed once."""

    countries: frozenset[str]
    identifiers: dict[str, str]  # identifier key -> "passport AB123 (IR)"


@lru_cache(maxsize=1 << 17)
def readings_for(text: str, entity_type: EntityType) -> tuple[Reading, ...]:
    """Readings of a listed or queried name; cached, as lists repeat names across sources."""
    person = {EntityType.PERSON: True, EntityType.UNKNOWN: None}.get(entity_type, False)
    return name_readings(text, person=person)


@lru_cache(maxsize=1 << 17)
def token_keys(token: str) -> tuple[str, ...]:
    """Posting keys of one token: itself, its sound, its consonants and its trigrams."""
    padded = f" {token} "
    grams = {"g" + padded[i : i + 3] for i in range(len(padded) - 2)}
    return ("t" + token, "p" + phonetic_key(token), "s" + skeleton(token), *sorted(grams))


def reading_keys(reading: Reading) -> set[str]:
    """The posting keys of one reading."""
    keys: set[str] = set()
    for token in reading.tokens:
        keys.update(token_keys(token))
    if len(reading.tokens) > 1:
        joined = "".join(reading.tokens)
        keys.add("j" + joined)  # "xijinping" meets "xi jin ping"
        keys.add("s" + skeleton(joined))  # "mhmdly" (محمد علي) meets "Mohamed Ali"
    return keys


@dataclass
class ScreeningIndex:
    """Listed names, their keys and postings; build with `ScreeningIndex.build`.

    Lists repeat names (the consolidated list holds the SDN's, an entity file another list's),
    so names with the same readings form one group, which is posted, ranked and scored once.
    Postings are stored compressed-row style: the groups carrying key `k` are
    `_postings[_offsets[k]:_offsets[k + 1]]`, and `_idf[k]` is the key's weight (0 for keys too
    common to help), from the number of names (not groups) that carry it.
    """

    entries: list[ListEntry]
    names: list[IndexedName]
    facts: list[EntryFacts]
    snapshots: dict[str, str]  # list code -> snapshot id, where known
    _vocabulary: dict[str, int] = field(repr=False)
    _offsets: np.ndarray = field(repr=False)
    _postings: np.ndarray = field(repr=False)
    _idf: np.ndarray = field(repr=False)
    _by_identifier: dict[str, list[int]] = field(repr=False)
    # Every distinct reading as one table for the batch scorer; group g's readings are rows
    # _group_rows[_first_row[g] : _first_row[g + 1]].
    table: ReadingTable = field(repr=False)
    _group_rows: np.ndarray = field(repr=False)
    _first_row: np.ndarray = field(repr=False)
    _first_name: np.ndarray = field(repr=False)  # entry i's names: _first_name[i] .. [i + 1] - 1
    _key_norm: np.ndarray = field(repr=False)  # per group, 1 / sqrt(number of its keys)
    name_entry: np.ndarray = field(repr=False)  # per name, the position of its entry
    _name_group: np.ndarray = field(repr=False)  # per name, its group
    # The names of group g, ascending: _group_names[_first_member[g] : _first_member[g + 1]].
    _group_names: np.ndarray = field(repr=False)
    _first_member: np.ndarray = field(repr=False)
    # Per listed token, the ids of its keys (`token_keys`): a query's tokens are mostly listed
    # ones, so its keys need no string work.
    _token_keys: dict[str, array[int]] = field(repr=False)

    @classmethod
    def build(
        cls, entries: Iterable[ListEntry], *, snapshots: Mapping[str, str] | None = None
    ) -> ScreeningIndex:
        entry_list = list(entries)
        names: list[IndexedName] = []
        vocabulary: dict[str, int] = {}
        key_ids = array("i")
        counts = array("i")
        by_identifier: dict[str, list[int]] = {}
        facts: list[EntryFacts] = []
        token_ids: dict[str, array[int]] = {}  # the key ids of each token, computed once
        groups: dict[tuple[Reading, ...], int] = {}
        name_group = array("i")
        for position, entry in enumerate(entry_list):
            facts.append(_facts(entry))
            for key in facts[-1].identifiers:
                by_identifier.setdefault(key, []).append(position)
            for entry_name in entry.names:
                readings = readings_for(entry_name.name, entry.entity_type)
                if not readings:
                    continue
                names.append(IndexedName(position, entry_name, readings))
                group = groups.get(readings)
                if group is None:
                    group = groups[readings] = len(groups)
                    before = len(key_ids)
                    for reading in readings:
                        for token in reading.tokens:
                            ids = token_ids.get(token)
                            if ids is None:
                                ids = token_ids[token] = array(
                                    "i", (_key_id(vocabulary, key) for key in token_keys(token))
                                )
                            key_ids.extend(ids)
                        if len(reading.tokens) > 1:
                            joined = "".join(reading.tokens)
                            key_ids.append(_key_id(vocabulary, "j" + joined))
                            key_ids.append(_key_id(vocabulary, "s" + skeleton(joined)))
                    counts.append(len(key_ids) - before)
                name_group.append(group)
        group_of = np.frombuffer(name_group, dtype=np.int32).astype(np.int64)
        group_names = np.argsort(group_of, kind="stable")  # by group, then name
        first_member = np.zeros(len(groups) + 1, dtype=np.int64)
        np.cumsum(np.bincount(group_of, minlength=len(groups)), out=first_member[1:])
        offsets, posted, idf = _postings(key_ids, counts, len(vocabulary), np.diff(first_member))
        # The table holds each distinct reading once; a group points at its rows.
        distinct: dict[Reading, int] = {}
        group_rows = np.fromiter(
            (distinct.setdefault(r, len(distinct)) for readings in groups for r in readings),
            dtype=np.int64,
        )
        first_row = np.zeros(len(groups) + 1, dtype=np.int64)
        np.cumsum([len(readings) for readings in groups], out=first_row[1:])
        name_entry = np.array([name.entry for name in names], dtype=np.int64)
        first_name = np.searchsorted(name_entry, np.arange(len(entry_list) + 1))
        whole = np.fromiter((key[0] in "tj" for key in vocabulary), bool, len(vocabulary))
        idf[whole] *= _TOKEN_BOOST
        return cls(
            entry_list,
            names,
            facts,
            dict(snapshots or {}),
            vocabulary,
            offsets,
            posted,
            idf,
            by_identifier,
            ReadingTable.build(list(distinct)),
            group_rows,
            first_row,
            first_name,
            1.0 / np.sqrt(np.maximum(np.frombuffer(counts, dtype=np.int32), 1)),
            name_entry,
            group_of,
            group_names,
            first_member,
            token_ids,
        )

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, readings: Sequence[Reading], limit: int) -> list[int]:
        """Ids of the listed names that share the most informative keys with the query."""
        keys: set[int] = set()
        whole: set[int] = set()  # consonants of the whole name
        parts: set[int] = set()  # consonants of each token
        for reading in readings:
            for token in reading.tokens:
                keys.update(self._token_key_ids(token))
            if len(reading.tokens) > 1:
                joined = "".join(reading.tokens)
                keys.update(self._key_ids(("j" + joined, "s" + skeleton(joined))))
            if reading.abjad:
                joined = "".join(reading.tokens)
                whole.update(
                    self._key_ids(
                        ("s" + skeleton(joined), "s" + skeleton(joined.replace("w", "v")))
                    )
                )
                parts.update(
                    self._key_ids("s" + skeleton(t.replace("w", "v")) for t in reading.tokens)
                )
                parts.update(self._key_ids("s" + skeleton(t) for t in reading.tokens))
        found = self._rank(keys | whole | parts, limit)
        if any(reading.abjad for reading in readings):
            # A vowel-less query meets its own script's names on every key, and the Latin
            # spellings only on consonants: rank on consonants alone too, whole name first.
            more = [*self._rank(whole, limit), *self._rank(parts, limit)]
            found = list(dict.fromkeys([*found, *more]))
        return found

    def _token_key_ids(self, token: str) -> Iterable[int]:
        """The ids of a token's posting keys; computed at build time for every listed token."""
        known = self._token_keys.get(token)
        return known if known is not None else self._key_ids(token_keys(token))

    def _key_ids(self, keys: Iterable[str]) -> list[int]:
        vocabulary = self._vocabulary
        return [vocabulary[key] for key in keys if key in vocabulary]

    def _rank(self, keys: set[int], limit: int) -> list[int]:
        # Imported here: numba loads with the first query, not with every command of the CLI.
        from nonpro.screening import posting_kernel

        groups = len(self._key_norm)
        totals, touched = posting_kernel.scratch(groups)
        found = posting_kernel.rank_names(
            np.fromiter(keys, dtype=np.int64, count=len(keys)),
            self._idf,
            self._offsets,
            self._postings,
            self._key_norm,
            self._first_member,
            self._group_names,
            limit,
            _RELATIVE_FLOOR,
            totals,
            touched,
        )
        names: list[int] = found.tolist()
        return names

    def reading_rows(self, name_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Table rows of the readings of `name_ids`, and the name id each row belongs to."""
        ids = np.array(name_ids, dtype=np.int64)
        groups = self._name_group.take(ids)
        starts = self._first_row.take(groups)
        counts = self._first_row.take(groups + 1) - starts
        owners = ids.repeat(counts)
        offsets = np.arange(len(owners)) - (counts.cumsum() - counts).repeat(counts)
        return self._group_rows.take(starts.repeat(counts) + offsets), owners

    def entry_names(self, position: int) -> range:
        """Ids of the indexed names of entry `position`."""
        return range(int(self._first_name[position]), int(self._first_name[position + 1]))

    def entries_with_identifier(self, value: str) -> list[int]:
        found = (self._by_identifier.get(key, []) for key in query_keys(value))
        return sorted({position for positions in found for position in positions})


def _key_id(vocabulary: dict[str, int], key: str) -> int:
    found = vocabulary.get(key)
    if found is None:
        found = vocabulary[key] = len(vocabulary)
    return found


def _postings(
    key_ids: array[int], counts: array[int], vocabulary_size: int, group_sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort (key, group) pairs into compressed rows, and weigh each key by its rarity among
    names (a group of `group_sizes[g]` names counts as that many)."""
    keys = np.frombuffer(key_ids, dtype=np.int32).astype(np.int64)
    group_count = max(len(counts), 1)
    owners = np.repeat(np.arange(len(counts), dtype=np.int64), np.frombuffer(counts, np.int32))
    pairs = np.sort(keys * group_count + owners)  # by key, then group
    if pairs.size:  # an empty index (no list loaded yet) has no pairs to deduplicate
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # a group once per key
    posted = (pairs % group_count).astype(np.int32)
    name_count = max(int(group_sizes.sum()), 1)
    frequency = np.bincount(
        pairs // group_count, weights=group_sizes[posted], minlength=vocabulary_size
    ).astype(np.int64)
    offsets = np.zeros(vocabulary_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(pairs // group_count, minlength=vocabulary_size), out=offsets[1:])
    idf = np.log(name_count / np.maximum(frequency, 1)) + 0.5
    idf[frequency > max(50, int(name_count * _COMMON_KEY_SHARE))] = 0.0
    return offsets, posted, idf


def _facts(entry: ListEntry) -> EntryFacts:
    countries = set(entry.nationalities) | set(entry.countries)
    countries |= {address.country for address in entry.addresses if address.country}
    identifiers = {}
    for identifier in entry.identifiers:
        where = f" ({identifier.country})" if identifier.country else ""
        for key in listed_keys(identifier.kind, identifier.value):
            identifiers[key] = f"{identifier.kind} {identifier.value}{where}"
    return EntryFacts(frozenset(countries), identifiers)
