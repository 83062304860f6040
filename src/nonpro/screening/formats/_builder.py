"""One builder for a list entry, shared by every format.

A reader walks its record in the publisher's order and hands each fact to an ``EntryBuilder``.
The builder drops empty values (and repeated countries, programmes and titles), keeps an alias's
quality (OFAC's "weak", the EU's ``strong="false"``, the UK's and UN's "Low quality") on the
alias as ``NameKind.WEAK_AKA``, resolves printed countries, joins repeated labelled facts and
collects relations, so each format says only where its facts are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from nonpro.screening.formats._common import country_code
from nonpro.screening.schemas import (
    Address,
    BirthDate,
    EntityType,
    EntryName,
    Identifier,
    ListEntry,
    NameKind,
    Relation,
    RelationKind,
)

# "IMO 9187629" under a label that is not the IMO's: the number is the vessel's IMO number.
_IMO = re.compile(r"^IMO\s+(\d{7})$")


def typed_identifier(kind: str, value: str) -> tuple[str, str]:
    """The kind and value of an identifier whose value may announce its own kind ("IMO ...")."""
    if imo := _IMO.match(value):
        return "imo", imo[1]
    return kind, value


def joined(*parts: str | None, separator: str = ", ") -> str:
    """The non-empty parts in one line, as lists print addresses and places."""
    return separator.join(part for part in parts if part)


class EntryBuilder:
    """Collects the facts of one record and builds its ``ListEntry``."""

    def __init__(
        self,
        source: str,
        source_id: str,
        entity_type: EntityType,
        *,
        tags: Iterable[str] = (),
        source_url: str | None = None,
        address_countries: bool = True,
    ) -> None:
        self.source, self.source_id, self.entity_type = source, source_id, entity_type
        self.source_url = source_url
        # Most lists mean an address's country as a country the entry is linked to.
        self.address_countries = address_countries
        self.names: list[EntryName] = []
        self.birth_dates: list[BirthDate] = []
        self.birth_places: list[str] = []
        self.nationalities: list[str] = []
        self.countries: list[str] = []
        self.identifiers: list[Identifier] = []
        self.addresses: list[Address] = []
        self.programs: list[str] = []
        self.tags: list[str] = list(tags)
        self.titles: list[str] = []
        self.remarks: list[str] = []
        self.extra: dict[str, str] = {}
        self.relations: list[Relation] = []
        self.gender: str | None = None
        self.listed_on: date | None = None

    @property
    def is_person(self) -> bool:
        return self.entity_type is EntityType.PERSON

    def add_name(
        self,
        name: str | None,
        kind: NameKind = NameKind.AKA,
        *,
        weak: bool = False,
        given_name: str | None = None,
        family_name: str | None = None,
        script: str | None = None,
    ) -> None:
        """A name; ``weak`` marks the publisher's low-quality aliases."""
        if not name:
            return
        self.names.append(
            EntryName(
                name=name,
                kind=NameKind.WEAK_AKA if weak else kind,
                given_name=given_name,
                family_name=family_name,
                script=script,
            )
        )

    def primary_first(self) -> None:
        """Put the primary name first, whatever order the file uses."""
        self.names.sort(key=lambda entry_name: entry_name.kind is not NameKind.PRIMARY)

    def add_birth_date(self, birth_date: BirthDate | None) -> None:
        if birth_date is not None:
            self.birth_dates.append(birth_date)

    def add_birth_place(self, place: str | None) -> None:
        if place:
            self.birth_places.append(place)

    def add_nationality(self, code: str | None) -> None:
        if code:
            self.nationalities.append(code)

    def add_country(self, code: str | None) -> None:
        if code:
            self.countries.append(code)

    def add_identifier(
        self, kind: str, value: str | None, *, country: str | None = None, note: str | None = None
    ) -> None:
        """An identifier; ``country`` is an ISO alpha-2 code already resolved."""
        if value:
            self.identifiers.append(Identifier(kind=kind, value=value, country=country, note=note))

    def add_address(
        self,
        line: str | None,
        *,
        city: str | None = None,
        country_name: str | None = None,
        country: str | None = None,
    ) -> None:
        """An address in one line; its country resolved from the printed name unless given."""
        if not line:
            return
        code = country or country_code(country_name)
        self.addresses.append(
            Address(text=line, city=city, country=code, country_name=country_name)
        )
        if self.address_countries:
            self.add_country(code)

    def add_program(self, program: str | None) -> None:
        if program and program not in self.programs:
            self.programs.append(program)

    def add_title(self, title: str | None) -> None:
        if title and title not in self.titles:
            self.titles.append(title)

    def add_remark(self, remark: str | None) -> None:
        if remark:
            self.remarks.append(remark)

    def add_extra(self, label: str, value: str | None) -> None:
        """A labelled fact shown to the reviewer; a label given twice keeps both values."""
        if label and value:
            known = self.extra.get(label)
            self.extra[label] = f"{known}; {value}" if known else value

    def add_relation(
        self,
        kind: RelationKind,
        subject_id: str,
        object_id: str,
        *,
        label: str | None = None,
        start_date: str | None = None,
        end_date: str | None = None,
    ) -> None:
        self.relations.append(
            Relation(
                kind=kind,
                subject_id=subject_id,
                object_id=object_id,
                label=label,
                start_date=start_date,
                end_date=end_date,
            )
        )

    def build(self, *, remarks_separator: str = "\n") -> ListEntry:
        return ListEntry(
            source=self.source,
            source_id=self.source_id,
            entity_type=self.entity_type,
            names=self.names,
            birth_dates=self.birth_dates,
            birth_places=self.birth_places,
            nationalities=list(dict.fromkeys(self.nationalities)),
            countries=list(dict.fromkeys(self.countries)),
            identifiers=self.identifiers,
            addresses=self.addresses,
            programs=self.programs,
            tags=self.tags,
            remarks=remarks_separator.join(self.remarks) or None,
            gender=self.gender,
            titles=self.titles,
            listed_on=self.listed_on,
            source_url=self.source_url,
            extra=self.extra,
        )
