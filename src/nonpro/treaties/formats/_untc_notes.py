"""The UNTC status page's notes and declarations: withdrawals, predecessor states' acts, Annex 2.

Split from ``untc`` so the table parser stays short; these read the page's prose.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from lxml.html import HtmlElement

from nonpro.treaties.errors import TreatyParseError, UnknownState
from nonpro.treaties.formats._names import clean_name, to_alpha3
from nonpro.treaties.reference import load_instruments
from nonpro.treaties.schemas import EventKind, ParticipationEvent

_BOUND = EventKind.CONSENT_TO_BE_BOUND
NOTES_TABLE = "ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_dgNotesAll"
DATE = r"\d{1,2} [A-Z][a-z]+ \d{4}"
WITHDRAWAL = re.compile(
    rf"On (?P<notice>{DATE}),[^.]*?notification of withdrawal.*?"
    rf"withdrawal (?:took|will take) effect for [^.]*? on (?P<effective>{DATE})",
    re.S,
)
NOT_TO_BECOME_PARTY = re.compile(
    rf"In a communication received on (?P<received>{DATE}),[^.“\"]*? informed the "
    rf"Secretary-General[^“\"]*?[“\"][^”\"]*?does not intend to become a party",
    re.S,
)
_PREDECESSOR = re.compile(
    rf"^(?P<who>(?:The |the )?[A-Z][\w ]+?) had (?P<acts>signed and ratified|acceded to|ratified)"
    rf" the \w+[^.]*? on (?P<d1>{DATE})(?: and (?P<d2>{DATE}))?"
)


def text_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def untc_day(text: str, file: Path, where: str) -> date:
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(" ".join(text.split()), fmt).date()
        except ValueError:
            continue
    raise TreatyParseError(file, where, f"unreadable date {text!r}")


def notes_by_number(root: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    table = root.get_element_by_id(NOTES_TABLE, None)
    if table is None:
        return found
    for anchor in table.iter("a"):
        name = anchor.get("name")
        if name:
            holder = anchor.getparent()
            text = text_of(holder) if holder is not None else ""
            found[name] = text[len(name) :].strip() if text.startswith(name) else text
    return found


def declarations_by_state(root: HtmlElement, path: Path) -> dict[str, str]:
    """Declarations and reservations by participant (alpha-3), from the page's own section."""
    found: dict[str, str] = {}
    for block in root.iter("div"):
        if not (block.get("id") or "").endswith("_divParticipant"):
            continue
        name = clean_name(text_of(block))
        text_block = block.getnext()
        if text_block is None or not name:
            continue
        for hidden in text_block.find_class("invisible"):
            hidden.drop_tree()  # the participant's name, repeated for screen readers
        state = to_alpha3(name)
        if state is None:
            raise UnknownState(name, file=path, location="declarations")
        found[state] = text_of(text_block)
    return found


def check_annex_2(root: HtmlElement, path: Path) -> list[str]:
    """The page quotes Annex 2 in its entry-into-force note; the rule in instruments.yaml must
    name the same 44 states, or the EIF arithmetic would answer a different question."""
    quoted = re.search(r"\(that is to say: (.+?)\), but in no case", text_of(root))
    if quoted is None:
        return [f"{path}: the Annex 2 list was not found in the entry-into-force note"]
    # "..., Viet Nam and Zaire": only the last "and" separates (the UK's name has one too).
    *names, last = quoted.group(1).split(", ")
    names.extend(last.split(" and "))
    codes = {to_alpha3(name) or name for name in names}
    rule = load_instruments()["CTBT"].eif_rule
    expected = set(rule.required_states) if rule else set()
    if codes != expected:
        return [f"{path}: Annex 2 on the page differs from the rule: {sorted(codes ^ expected)}"]
    return []


def predecessor_events(
    notes: dict[str, str], code: str, source: str, path: Path
) -> list[ParticipationEvent]:
    """Acts of states that no longer exist (Czechoslovakia, the GDR, Yugoslavia), from the notes."""
    events = []
    for number, text in notes.items():
        match = _PREDECESSOR.match(text)
        if match is None:
            continue
        who = re.sub(r"^(?:The|the)\s+(?:former\s+)?", "", match["who"])
        state = to_alpha3(who)
        if state is None:
            raise UnknownState(who, file=path, location=f"note {number}")
        acts = (
            [EventKind.SIGNATURE, EventKind.RATIFICATION]
            if match["acts"] == "signed and ratified"
            else [EventKind.ACCESSION if match["acts"] == "acceded to" else EventKind.RATIFICATION]
        )
        days = [match["d1"], match["d2"]] if match["d2"] else [match["d1"]]
        where = f"note {number}"
        for kind, day in zip(acts, days, strict=False):
            events.append(
                ParticipationEvent(
                    state=state,
                    instrument=code,
                    kind=kind,
                    date=untc_day(day, path, where),
                    source=source,
                    note=text,
                )
            )
        if code == "CCW" and re.search(r"Protocols I, II and III|all three Protocols", text):
            # "... consenting to be bound by Protocols I, II and III": with its consent.
            consent = events[-1]
            events.extend(
                consent.model_copy(update={"instrument": f"CCW_P{n}", "kind": _BOUND})
                for n in (1, 2, 3)
            )
    return events
