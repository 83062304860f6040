"""``nonpro meetings``, ``instructions``, ``hcoc`` and ``contributions`` on a fresh database."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import icalendar
import pytest
from tests.cli.conftest import Invoke


def _ready(invoke: Invoke) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("reference", "load")
    assert code == 0, out
    assert "meetings: 17 bodies" in out


def test_meetings_list_ics_and_the_instruction_workflow(
    database: Path, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "drafter")  # the CLI acts as cli:<login>
    _ready(invoke)
    assert "0 known sessions added, 0 sessions projected" in invoke("reference", "load")[1]
    code, out = invoke(
        "meetings",
        "list",
        "--from",
        "2024-06-01",
        "--to",
        "2024-06-30",
        "--body",
        "IAEA-BOG",
        "--json",
    )
    assert code == 0
    (june,) = json.loads(out)
    assert (june["start_date"], june["end_date"], june["projected"]) == (
        "2024-06-03",
        "2024-06-07",
        False,
    )
    code, out = invoke("meetings", "list", "--from", "2027-01-01", "--to", "2028-12-31", "--json")
    projected = json.loads(out)
    assert len([m for m in projected if m["body"] == "IAEA-BOG"]) == 8
    assert all(m["projected"] for m in projected)

    code, out = invoke(
        "meetings",
        "add",
        "--body",
        "IAEA-BOG",
        "--title",
        "Board, June 2027 (confirmed)",
        "--start",
        "2027-06-07",
        "--end",
        "2027-06-11",
        "--agenda",
        "Iran",
        "--json",
    )
    assert code == 0, out
    meeting = json.loads(out)["id"]
    code, out = invoke(
        "meetings",
        "delegate",
        meeting,
        "--name",
        "Ann Head",
        "--role",
        "head",
        "--agency",
        "STATE_ISN_MNSA",
    )
    assert code == 0 and "1 delegate(s)" in out
    assert invoke("meetings", "delegate", meeting, "--name", "X", "--agency", "NOPE")[0] == 2

    code, out = invoke(
        "instructions",
        "draft",
        meeting,
        "--title",
        "Iran",
        "--mission",
        "USMISSION UNVIE",
        "--office",
        "ISN/MNSA",
        "--office",
        "L/NPV",
        "--text",
        "Support the resolution.",
        "--json",
    )
    assert code == 0, out
    instruction = json.loads(out)["id"]
    code, out = invoke("instructions", "approve", instruction)
    assert code == 4 and "approve: not allowed on an instruction that is drafted" in out
    assert invoke("instructions", "submit", instruction)[0] == 0
    # Each person runs the CLI under their own login: the drafter names a lawyer to clear.
    for office in ("ISN/MNSA", "L/NPV"):
        assert invoke("instructions", "appoint-clearer", office, "cli:lawyer")[0] == 0
    code, out = invoke("instructions", "clear", instruction, "--office", "ISN/MNSA")
    assert code == 5 and "you wrote this text" in out  # the drafter may not clear
    monkeypatch.setenv("LOGNAME", "lawyer")
    code, out = invoke("instructions", "clear", instruction, "--office", "L/NPV")
    assert code == 4 and "cannot act before ISN/MNSA" in out
    assert invoke("instructions", "clear", instruction, "--office", "ISN/MNSA")[0] == 0
    assert invoke("instructions", "clear", instruction, "--office", "L/NPV")[0] == 0
    code, out = invoke("instructions", "approve", instruction)
    assert code == 5 and "you cleared this text" in out
    monkeypatch.setenv("LOGNAME", "chief")
    assert invoke("instructions", "approve", instruction)[0] == 0
    code, out = invoke("instructions", "send", instruction, "--json")
    assert code == 0 and json.loads(out)["state"] == "sent"
    code, out = invoke("instructions", "show", instruction)
    assert "L/NPV: cleared by cli:lawyer" in out and "allowed now: nothing (final)" in out
    code, out = invoke("instructions", "clearers", "--office", "l/npv", "--json")
    assert [(o["office"], o["username"]) for o in json.loads(out)] == [("L/NPV", "cli:lawyer")]
    code, out = invoke("instructions", "dismiss-clearer", "L/NPV", "cli:lawyer")
    assert code == 0 and "cli:lawyer no longer clears for L/NPV" in out
    code, out = invoke("instructions", "appoint-clearer", "L/NPV", "cli:chief")
    assert code == 5 and "you may not appoint yourself for L/NPV" in out
    assert invoke("instructions", "appoint-clearer", " ", "cli:lawyer")[0] == 2
    code, out = invoke("meetings", "show", meeting)
    assert "Ann Head (head, STATE_ISN_MNSA)" in out and "(sent)" in out

    ics = tmp_path / "board.ics"
    code, out = invoke("meetings", "ics", str(ics), "--body", "IAEA-BOG")
    assert code == 0, out
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert any(str(e["summary"]).endswith("Board, June 2027 (confirmed)") for e in events)
    assert invoke("meetings", "list", "--body", "NOPE")[0] == 2


def test_confirm_a_projected_session(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    out = invoke(
        "meetings",
        "list",
        "--from",
        "2027-03-01",
        "--to",
        "2027-03-31",
        "--body",
        "IAEA-BOG",
        "--json",
    )[1]
    (march,) = json.loads(out)
    code, out = invoke(
        "meetings", "confirm", march["id"], "--start", "2027-03-08", "--end", "2027-03-12"
    )
    assert code == 0 and "2027-03-08 to 2027-03-12" in out
    out = invoke(
        "meetings",
        "list",
        "--from",
        "2027-03-01",
        "--to",
        "2027-03-31",
        "--body",
        "IAEA-BOG",
        "--json",
    )[1]
    assert json.loads(out)[0]["projected"] is False
    assert invoke("meetings", "project")[1].strip() == "0 sessions projected"


def test_hcoc_notify_late_and_declaration(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    code, out = invoke(
        "hcoc",
        "notify",
        "--class",
        "icbm",
        "--window-opens",
        "2026-05-04T08:00",
        "--window-closes",
        "2026-05-04T12:00",
        "--area",
        "Vandenberg SFB",
        "--direction",
        "west",
        "--notified-at",
        "2026-05-04T09:00",
    )
    assert code == 0 and "LATE" in out and "1.0 hours after the window opened" in out
    code, out = invoke(
        "hcoc",
        "notify",
        "--class",
        "SLV",
        "--window-opens",
        "2026-06-01T08:00",
        "--window-closes",
        "2026-06-01T12:00",
        "--area",
        "Cape Canaveral",
        "--direction",
        "east",
        "--notified-at",
        "2026-05-20T09:00",
    )
    assert code == 0 and "before the window opens" in out
    code, out = invoke(
        "hcoc",
        "notify",
        "--class",
        "ABC",
        "--window-opens",
        "2026-06-01",
        "--window-closes",
        "2026-06-02",
        "--area",
        "x",
        "--direction",
        "y",
    )
    assert code == 2 and "vehicle_class" in out
    assert (
        invoke(
            "hcoc", "policies", "--year", "2026", "--ballistic", "Restraint.", "--space", "Open."
        )[0]
        == 0
    )
    code, out = invoke("hcoc", "declaration", "--year", "2026", "--json")
    found = json.loads(out)
    assert (found["ballistic_missile_launches"], found["space_launch_vehicle_launches"]) == (1, 1)
    assert found["late_notifications"] == 1 and found["subscribing"] is True
    code, out = invoke("hcoc", "list", "--year", "2026")
    assert "LATE" in out


def test_contributions(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    _ready(invoke)
    code, out = invoke(
        "contributions", "add", "--year", "2026", "--fund", "tcf", "--amount", "1000000", "--json"
    )
    assert code == 0, out
    found = json.loads(out)["id"]
    code, out = invoke(
        "contributions", "allocate", found, "--project", "INT2023", "--amount", "400000"
    )
    assert code == 0 and "$600,000.00 unallocated" in out
    assert (
        invoke("contributions", "allocate", found, "--project", "X", "--amount", "600000.01")[0]
        == 2
    )
    assert invoke("contributions", "status", found, "disbursed", "--on", "2026-10-01")[0] == 0
    assert invoke("contributions", "status", found, "obligated")[0] == 2
    code, out = invoke("contributions", "list", "--json")
    assert json.loads(out)["totals"]["grand_total"] == "1000000.00"
    assert invoke("contributions", "list", "--fund", "gold")[0] == 2
    path = tmp_path / "c.csv"
    assert invoke("contributions", "csv", str(path))[0] == 0
    (row,) = list(csv.DictReader(path.open()))
    assert (row["status"], row["project"], row["disbursed_on"]) == (
        "disbursed",
        "INT2023",
        "2026-10-01",
    )


def test_dates_the_calendar_cannot_hold_are_a_clear_error(database: Path, invoke: Invoke) -> None:
    _ready(invoke)
    code, out = invoke(
        "meetings",
        "add",
        "--body",
        "IAEA-BOG",
        "--title",
        "Far",
        "--start",
        "2027-06-07",
        "--end",
        "9999-12-31",
    )
    assert code == 2 and "end_date:" in out and "2200" in out  # the last year the calendar holds
    code, out = invoke("meetings", "project", "--through", "9999-12-31")
    assert code == 2 and "through:" in out and "2200" in out
    code, out = invoke("meetings", "list", "--from", "0001-01-01")
    assert code == 2 and "from:" in out and "1800" in out  # named as typed: --from
