"""The EO 12981 clock: the chain from the referral date, holds, calendar and working days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from nonpro.interagency import clock


def test_the_chain_from_a_referral_date_adds_up_to_ninety_days() -> None:
    schedule = clock.deadlines(date(2026, 11, 2))
    due = {d.key: d.due for d in schedule.deadlines}
    # Without a registration date, day 9 (the latest timely referral) is assumed.
    assert schedule.registered == date(2026, 10, 24) and schedule.registered_assumed
    assert due["agency_recommendation"] == date(2026, 12, 2)
    assert due["oc_chair_decision"] == date(2026, 12, 16)
    assert due["acep_appeal"] == date(2026, 12, 21)
    assert due["acep_decision"] == date(2027, 1, 1)
    assert due["earb_appeal"] == date(2027, 1, 6)
    assert due["earb_decision"] == date(2027, 1, 17)
    assert due["president_appeal"] == date(2027, 1, 22)
    # 9 + 30 + 14 + 5 + 11 + 5 + 11 + 5 = 90 (law_process.md 5.1.12)
    assert due["resolution"] == due["president_appeal"] == date(2027, 1, 22)
    assert (due["resolution"] - schedule.registered).days == 90


def test_unverified_steps_are_marked_and_holidays_named() -> None:
    schedule = clock.deadlines(date(2026, 11, 2))
    marks = {d.key: d.verified for d in schedule.deadlines}
    assert marks["agency_recommendation"] and marks["resolution"]
    assert not marks["acep_appeal"] and not marks["earb_decision"]
    acep = next(d for d in schedule.deadlines if d.key == "acep_decision")
    assert acep.holiday == "New Year's Day" and acep.weekday == "Friday"


def test_a_hold_pauses_the_clock_for_every_later_step() -> None:
    plain = clock.deadlines(date(2026, 11, 2), registered=date(2026, 10, 26))
    held = clock.deadlines(date(2026, 11, 2), registered=date(2026, 10, 26), hold_days=10)
    for before, after in zip(plain.deadlines, held.deadlines, strict=True):
        shift = 0 if before.key == "referral" else 10
        assert (after.due - before.due).days == shift, before.key


def test_a_step_that_happened_anchors_the_next_one() -> None:
    schedule = clock.deadlines(date(2026, 11, 2), happened={"oc_chair_decision": date(2026, 12, 4)})
    assert schedule.due("acep_appeal") == date(2026, 12, 9)


def test_working_days_skip_weekends_and_federal_holidays() -> None:
    # Wed Nov 25, 2026 + 2 working days: Thanksgiving (Thu) and the weekend are skipped.
    assert clock.add_days(date(2026, 11, 25), 2, "working") == date(2026, 11, 30)
    assert clock.add_days(date(2026, 11, 25), 2, "calendar") == date(2026, 11, 27)
    # Christmas 2026 is a Friday; Dec 24 + 1 working day is Monday the 28th.
    assert clock.add_days(date(2026, 12, 24), 1, "working") == date(2026, 12, 28)
    assert not clock.is_working_day(date(2027, 7, 5))  # Independence Day observed


def test_a_corrected_day_count_needs_no_code_change(tmp_path: Path) -> None:
    raw = yaml.safe_load((Path(clock.__file__).parent / "data" / "clock.yaml").read_text("utf-8"))
    step = next(s for s in raw["steps"] if s["key"] == "acep_appeal")
    step.update(days=7, unit="working")
    corrected = tmp_path / "clock.yaml"
    corrected.write_text(yaml.safe_dump(raw), "utf-8")
    config = clock.load_config(corrected)
    schedule = clock.deadlines(date(2026, 11, 2), config=config)
    # OC decision Wed Dec 16; 7 working days: Dec 17, 18, 21, 22, 23, 24, 28 (Christmas off).
    assert schedule.due("acep_appeal") == date(2026, 12, 28)


def test_a_broken_configuration_fails_loudly(tmp_path: Path) -> None:
    broken = tmp_path / "clock.yaml"
    broken.write_text(
        "source: x\nas_of: 2026-01-01\ninformation_hold_days: 10\nsteps:\n"
        "  - {key: a, label: A, days: 3, after: b, basis: x, verified: true}\n",
        "utf-8",
    )
    with pytest.raises(ValueError, match="follows 'b'"):
        clock.load_config(broken)
