"""UNODA-derived status pages (survivalscores.org: ``index.html`` and ``timeline.html``) → events.

``timeline.html`` is a dated log ("Tonga signed the Comprehensive Nuclear-Test-Ban Treaty."), the
source of the events; ``index.html`` is the per-country table whose header states the counts
("191/197") and whose cells state each state's standing, the source of the stated counts. The
snapshot's date is the page's ``dataDate``. Rows carry a flag emoji, which resolves a state more
surely than the page's own names ("Korea, North", "Vatican City").
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from nonpro.treaties.errors import TreatyParseError, UnknownState
from nonpro.treaties.formats._names import flag_to_alpha3, to_alpha3
from nonpro.treaties.reference import load_instruments
from nonpro.treaties.schemas import EventKind, ParticipationEvent, StatedCount, Status, TreatyImport

SOURCE = "https://treaties.unoda.org/ (via survivalscores.org, {page})"
TREATY_CODES = {
    "Non-Proliferation Treaty": "NPT",
    "Comprehensive Nuclear-Test-Ban Treaty": "CTBT",
    "Prohibition of Nuclear Weapons": "TPNW",
    "Biological Weapons Convention": "BWC",
    "African Nuclear-Weapon-Free Zone Treaty": "PELINDABA",
    "South Pacific Nuclear-Free Zone Treaty": "RAROTONGA",
    "Central Asian Nuclear-Weapon-Free Zone Treaty": "SEMIPALATINSK",
    "Southeast Asian Nuclear-Weapon-Free Zone Treaty": "BANGKOK",
    "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean": (
        "TLATELOLCO"
    ),
}
_VERBS = {
    "signed": EventKind.SIGNATURE,
    "ratified": EventKind.RATIFICATION,
    "acceded to": EventKind.ACCESSION,
    "succeeded": EventKind.SUCCESSION,
    "withdrew from": EventKind.WITHDRAWAL,
}
_SENTENCE = re.compile(
    r"^(?P<who>.+?) (?P<verb>signed|ratified|acceded to|succeeded|withdrew from) (?:the )?"
    r"(?P<treaty>.+?)\.?$"
)
_DATA_DATE = re.compile(r"dataDate = new Date\('(\w{3} \w{3} \d{1,2} \d{4})")
_ZONES = frozenset({"PELINDABA", "RAROTONGA", "SEMIPALATINSK", "BANGKOK", "TLATELOLCO"})
_NWFZ_CELL = re.compile(r" joined the (?P<treaty>.+?) on \d{4}-\d\d-\d\d\.$")


def _load(path: Path) -> tuple[HtmlElement, date]:
    try:
        raw = path.read_bytes()
        root = lxml.html.fromstring(raw)
    except (OSError, ValueError, lxml.etree.ParserError) as exc:
        raise TreatyParseError(path, "", f"not readable as HTML: {exc}") from exc
    found = _DATA_DATE.search(raw.decode("utf-8", "replace"))
    if found is None:
        raise TreatyParseError(path, "script", "no dataDate: not a survivalscores.org page")
    return root, datetime.strptime(found.group(1), "%a %b %d %Y").date()


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _state(flag_cell: HtmlElement | None, name: str, path: Path, where: str) -> str:
    code = flag_to_alpha3(flag_cell.text_content()) if flag_cell is not None else None
    code = code or to_alpha3(name)
    if code is None:
        raise UnknownState(name, file=path, location=where)
    return code


def parse_timeline(path: Path) -> TreatyImport:
    """The dated log: one event per row for the instruments nonpro follows."""
    root, as_of = _load(path)
    table = root.get_element_by_id("timeline-table", None)
    if table is None:
        raise TreatyParseError(path, "body", "no timeline-table")
    source = SOURCE.format(page="timeline.html")
    instruments = load_instruments()
    result = TreatyImport(sources=[source])
    for number, row in enumerate(table.findall(".//tr"), start=1):
        where = f"timeline row {number}"
        cells = {td.get("class") or "text": td for td in row.findall("td")}
        if "date" not in cells or "text" not in cells:
            raise TreatyParseError(path, where, "expected date and sentence cells")
        sentence = " ".join(cells["text"].text_content().split())
        if not any(sentence.rstrip(".").endswith(name) for name in TREATY_CODES):
            continue  # ICC, Paris Agreement...: not instruments nonpro follows
        match = _SENTENCE.match(sentence)
        code = TREATY_CODES.get(match["treaty"]) if match else None
        if match is None or code is None:
            raise TreatyParseError(path, where, f"unreadable sentence {sentence!r}")
        try:
            day = date.fromisoformat(cells["date"].text_content().strip())
        except ValueError as exc:
            raise TreatyParseError(path, where, f"unreadable date: {exc}") from exc
        kind = _VERBS[match["verb"]]
        note = None
        if kind is EventKind.WITHDRAWAL and instruments[code].entry_into_force is None:
            # One cannot withdraw from a treaty not in force: the state revoked its ratification.
            kind, note = EventKind.WITHDRAWAL_OF_RATIFICATION, sentence
        state = _state(cells.get("flag"), match["who"], path, where)
        result.events.append(
            ParticipationEvent(
                state=state, instrument=code, kind=kind, date=day, source=source, note=note
            )
        )
        if code not in result.instruments:
            result.instruments.append(code)
    if not result.events:
        raise TreatyParseError(path, "timeline-table", "no events for any instrument followed")
    if max(e.date for e in result.events) > as_of:
        # The log carries dates after its snapshot (withdrawals taking effect later); keep them
        # as recorded, but say so, since they are announcements rather than accomplished acts.
        result.warnings.append(f"{path}: events dated after the snapshot of {as_of}")
    return result


def parse_index(path: Path) -> TreatyImport:
    """The per-country table: per treaty, the count the header states ("191/197") and the
    states its cells mark as joined; the NWFZ column is split by the zone each cell names."""
    root, as_of = _load(path)
    table = root.get_element_by_id("treaties", None)
    if table is None:
        raise TreatyParseError(path, "body", "no treaties table")
    source = SOURCE.format(page="index.html")
    rows = table.findall(".//tr")
    if len(rows) < 2:
        raise TreatyParseError(path, "header", "the treaties table lacks its header and count rows")
    headers = [" ".join(th.text_content().split()) for th in rows[0].findall("th")]
    counts = [th.text_content().strip() for th in rows[1].findall("th")]
    if len(headers) != len(counts):
        raise TreatyParseError(path, "header", "count row does not match the treaty columns")
    joined: dict[str, set[str]] = defaultdict(set)
    for number, row in enumerate((r for r in rows if r.get("class") == "data"), start=1):
        cells = row.findall("td")
        if len(cells) != len(headers):
            raise TreatyParseError(path, f"country row {number}", "cells do not match the columns")
        state = _state(cells[0], _text(cells[1]), path, f"country row {number}")
        for header, cell in zip(headers, cells, strict=True):
            if cell.get("data-value") != "1":
                continue
            zone = _NWFZ_CELL.search(cell.get("title") or "")
            code = TREATY_CODES.get(zone["treaty"] if zone else header)
            if code is not None:
                joined[code].add(state)
    result = TreatyImport(sources=[source])
    for header, count in zip(headers, counts, strict=True):
        found = re.fullmatch(r"(\d+)/\d+", count)
        if found is None:
            continue
        value = int(found.group(1))
        if header == "Nuclear-Weapon-Free Zone":
            zones = {c: s for c, s in joined.items() if c in _ZONES}
            if sum(len(s) for s in zones.values()) != value:
                raise TreatyParseError(
                    path,
                    "Nuclear-Weapon-Free Zone column",
                    f"the zone cells add up to {sum(len(s) for s in zones.values())}, "
                    f"the header says {value}",
                )
            stated = {c: (len(s), s) for c, s in sorted(zones.items())}
        elif header in TREATY_CODES:
            code = TREATY_CODES[header]
            stated = {code: (value, joined.get(code, set()))}
        else:
            continue
        for code, (number_stated, states) in stated.items():
            result.instruments.append(code)
            result.stated_counts.append(
                StatedCount(
                    instrument=code,
                    measure=Status.PARTY,
                    value=number_stated,
                    as_of=as_of,
                    source=source,
                    states=tuple(sorted(states)),
                )
            )
    return result


def parse_unoda_folder(folder: Path) -> TreatyImport:
    """``timeline.html`` for the events and ``index.html`` for the counts it must reproduce."""
    result = TreatyImport()
    timeline, index = folder / "timeline.html", folder / "index.html"
    if not timeline.is_file():
        raise TreatyParseError(folder, "", "no timeline.html beside the index")
    result.extend(parse_timeline(timeline))
    if index.is_file():
        result.extend(parse_index(index))
    return result
