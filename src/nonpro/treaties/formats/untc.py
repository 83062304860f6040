"""UN Treaty Collection status pages (MTDSG chapter XXVI, ``ViewDetails.aspx``) → events.

The page is the depositary's own record: a header (title, "STATUS AS AT", "Signatories : N.
Parties : M"), the participants table (one column per kind of act, the kind marked by a suffix:
``a`` accession, ``A`` acceptance, ``AA`` approval, ``d`` succession, ``P`` consent to be bound,
``n`` provisional application; dates in brackets are acts of a state that has since withdrawn),
and numbered notes (withdrawals, the acts of predecessor states).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from nonpro.treaties.errors import TreatyParseError, UnknownState
from nonpro.treaties.formats._names import clean_name, to_alpha3
from nonpro.treaties.formats._untc_notes import (
    DATE,
    NOT_TO_BECOME_PARTY,
    WITHDRAWAL,
    check_annex_2,
    declarations_by_state,
    notes_by_number,
    predecessor_events,
    text_of,
    untc_day,
)
from nonpro.treaties.reference import load_state_lineage
from nonpro.treaties.schemas import (
    EventKind,
    ParticipationEvent,
    StatedCount,
    Status,
    TreatyImport,
)

MTDSG_CODES = {
    "XXVI-1": "ENMOD",
    "XXVI-2": "CCW",
    "XXVI-2-a": "CCW_P4",
    "XXVI-2-b": "CCW_AP2",
    "XXVI-2-c": "CCW_ART1",
    "XXVI-2-d": "CCW_P5",
    "XXVI-3": "CWC",
    "XXVI-4": "CTBT",
    "XXVI-5": "APMBC",
    "XXVI-6": "CCM",
    "XXVI-8": "ATT",
    "XXVI-9": "TPNW",
}
_URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={}&chapter=26&clang=_en"
_GRID = "ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_tblgrid"
_NOTES = "ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_dgNotesAll"
_CCW_PROTOCOLS = "ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_Table1"
_SUFFIX = {
    "a": EventKind.ACCESSION,
    "A": EventKind.ACCEPTANCE,
    "AA": EventKind.APPROVAL,
    "d": EventKind.SUCCESSION,
    "P": EventKind.CONSENT_TO_BE_BOUND,
    "n": EventKind.PROVISIONAL_APPLICATION,
}
_CELL = re.compile(r"^\[?\s*(?P<date>\d{1,2} [A-Z][a-z]{2}\s+\d{4})\s*(?P<sfx>AA|[aAdPn])?\s*\]?$")


def _header(root: HtmlElement, file: Path) -> tuple[str, date, dict[Status, int]]:
    lines = [text_of(tr) for tr in root.iter("tr") if len(tr)]
    status_line = next((t for t in lines if t.startswith("STATUS AS AT")), None)
    if status_line is None:
        raise TreatyParseError(file, "header", "no 'STATUS AS AT' line: not a UNTC status page")
    as_of = datetime.strptime(status_line.split(":", 1)[1].split()[0], "%d-%m-%Y").date()
    title = re.search(r"CHAPTER XXVI DISARMAMENT (\d+)\.\s*([a-z])?\s", status_line)
    if title is None:
        raise TreatyParseError(file, "header", "no chapter XXVI treaty number in the title")
    mtdsg = "XXVI-" + title.group(1) + (f"-{title.group(2)}" if title.group(2) else "")
    if mtdsg not in MTDSG_CODES:
        raise TreatyParseError(file, "header", f"MTDSG {mtdsg} is not an instrument nonpro follows")
    counts: dict[Status, int] = {}
    counts_line = next((t for t in lines if t.startswith("Status :")), "")
    for label, measure in (("Signatories", Status.SIGNATORY), ("Parties", Status.PARTY)):
        found = re.search(rf"{label} : (\d+)", counts_line)
        if found:
            counts[measure] = int(found.group(1))
    if Status.PARTY not in counts:
        raise TreatyParseError(file, "header", "no 'Parties : N' in the status line")
    return MTDSG_CODES[mtdsg], as_of, counts


def _column_kinds(headers: list[str]) -> list[EventKind]:
    kinds = []
    for header in headers:
        if header.startswith("Signature"):
            kinds.append(EventKind.SIGNATURE)
        elif header.startswith("Provisional application"):
            kinds.append(EventKind.PROVISIONAL_APPLICATION)
        elif "Ratification" in header:
            kinds.append(EventKind.RATIFICATION)
        else:  # "Succession(d), Consent to be bound(P)": CCW protocols
            kinds.append(EventKind.CONSENT_TO_BE_BOUND)
    return kinds


def parse_untc(path: Path) -> TreatyImport:
    """Read one UNTC status page; raise ``TreatyParseError`` naming the row on any doubt."""
    try:
        root = lxml.html.fromstring(path.read_bytes())
    except (OSError, ValueError, lxml.etree.ParserError) as exc:
        raise TreatyParseError(path, "", f"not readable as HTML: {exc}") from exc
    code, as_of, counts = _header(root, path)
    mtdsg = next(k for k, v in MTDSG_CODES.items() if v == code)
    source = _URL.format(mtdsg)
    grid = root.get_element_by_id(_GRID, None)
    if grid is None:
        raise TreatyParseError(path, "participants", "no participants table")
    rows = grid.findall(".//tr")
    kinds = _column_kinds([text_of(c) for c in rows[0]][1:])
    notes = notes_by_number(root)
    declarations = declarations_by_state(root, path)
    lineage = load_state_lineage()
    result = TreatyImport(instruments=[code], sources=[source])
    result.stated_counts = [
        StatedCount(instrument=code, measure=m, value=v, as_of=as_of, source=source)
        for m, v in counts.items()
    ]
    consent_dates: dict[str, date] = {}
    for number, row in enumerate(rows[1:], start=1):
        where = f"participants row {number}"
        cells = row.findall("td")
        if len(cells) != len(kinds) + 1:
            raise TreatyParseError(
                path, where, f"expected {len(kinds) + 1} cells, got {len(cells)}"
            )
        name = clean_name(text_of(cells[0]))
        state = to_alpha3(name)
        if state is None:
            raise UnknownState(name, file=path, location=where)
        first = len(result.events)
        refs = [a.get("href", "").lstrip("#") for a in cells[0].iter("a")]
        note = "; ".join(notes[r] for r in refs if r in notes) or None
        for cell, column_kind in zip(cells[1:], kinds, strict=True):
            text = text_of(cell)
            if not text:
                continue
            match = _CELL.match(text)
            if match is None:
                raise TreatyParseError(path, f"{where} ({name})", f"unreadable cell {text!r}")
            kind = _SUFFIX.get(match["sfx"] or "", column_kind)
            if column_kind is EventKind.SIGNATURE and kind is EventKind.SUCCESSION:
                kind = EventKind.SUCCESSION_TO_SIGNATURE
            day = untc_day(match["date"], path, where)
            effective = None
            if kind in (EventKind.SUCCESSION, EventKind.SUCCESSION_TO_SIGNATURE):
                # The depositary treats a successor as bound from the date of succession of States.
                succeeded = lineage.succession_date(state)
                effective = succeeded if succeeded and succeeded < day else None
            event = ParticipationEvent(
                state=state,
                instrument=code,
                kind=kind,
                date=day,
                effective_date=effective,
                source=source,
                note=note,
            )
            result.events.append(event)
            if kind not in (EventKind.SIGNATURE, EventKind.PROVISIONAL_APPLICATION):
                consent_dates[state] = event.effective
        if state in declarations and len(result.events) > first:
            # Declarations and reservations go with the row's last act (consent or signature).
            last = result.events[-1]
            text = f"Declarations/reservations: {declarations[state]}"
            result.events[-1] = last.model_copy(
                update={"note": f"{last.note}; {text}" if last.note else text}
            )
        notices = _noted_acts(note or "", state, code, source, (path, where))
        result.events.extend(notices)
        if "[" in text_of(row) and not any(e.kind is EventKind.WITHDRAWAL for e in notices):
            result.warnings.append(f"{path}: {name} is bracketed but no withdrawal note was read")
    result.events.extend(predecessor_events(notes, code, source, path))
    if code == "CTBT":
        result.warnings.extend(check_annex_2(root, path))
    if code == "CCW":
        result.extend(_ccw_protocols(root, consent_dates, source, path))
    return result


# The acts a row's notes record: (pattern, kind, the group with the act's day, the group with
# the day it takes effect).
_NOTED_ACTS = (
    (WITHDRAWAL, EventKind.WITHDRAWAL, "notice", "effective"),
    (NOT_TO_BECOME_PARTY, EventKind.INTENT_NOT_TO_BECOME_PARTY, "received", None),
)


def _noted_acts(
    note: str, state: str, code: str, source: str, at: tuple[Path, str]
) -> list[ParticipationEvent]:
    """A withdrawal (its notice and the day it takes effect) or a signatory's notice that it
    does not intend to become a party, from the depositary's notes on a row."""
    found = []
    for pattern, kind, day, effective in _NOTED_ACTS:
        if match := pattern.search(note):
            found.append(
                ParticipationEvent(
                    state=state,
                    instrument=code,
                    kind=kind,
                    date=untc_day(match[day], *at),
                    effective_date=untc_day(match[effective], *at) if effective else None,
                    source=source,
                    note=note,
                )
            )
    return found


def _ccw_protocols(
    root: HtmlElement, consent: dict[str, date], source: str, path: Path
) -> TreatyImport:
    """Protocols I-III: an "x" per participant; the date is its consent to the Convention unless
    the cell gives one ("x (18 July 2002)"), as the page's note says."""
    table = root.get_element_by_id(_CCW_PROTOCOLS, None)
    result = TreatyImport(instruments=["CCW_P1", "CCW_P2", "CCW_P3"])
    if table is None:
        raise TreatyParseError(path, "protocols", "no Protocols I-III table on the CCW page")
    for number, row in enumerate(table.findall(".//tr")[1:], start=1):
        cells = row.findall("td")
        name = clean_name(text_of(cells[0]))
        state = to_alpha3(name)
        if state is None:
            raise UnknownState(name, file=path, location=f"protocols row {number}")
        for index, cell in enumerate(cells[1:4], start=1):
            text = text_of(cell)
            if not text.lower().startswith("x"):
                continue
            given = re.search(rf"\(({DATE})\)", text)
            day = untc_day(given.group(1), path, f"protocols row {number}") if given else None
            day = day or consent.get(state)
            if day is None:
                raise TreatyParseError(path, f"protocols row {number}", f"{name}: no date")
            result.events.append(
                ParticipationEvent(
                    state=state,
                    instrument=f"CCW_P{index}",
                    kind=EventKind.CONSENT_TO_BE_BOUND,
                    date=day,
                    source=source,
                )
            )
    return result
