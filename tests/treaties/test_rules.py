"""Status as of a date and entry-into-force arithmetic, on small hand-made event sets."""

from __future__ import annotations

from datetime import date

from nonpro.treaties.reconcile import reconcile
from nonpro.treaties.reference import get_instrument
from nonpro.treaties.rules import (
    changes,
    eif_outstanding,
    parties,
    signatories,
    status_of,
)
from nonpro.treaties.schemas import (
    EifRule,
    EventKind,
    Instrument,
    InstrumentKind,
    ParticipationEvent,
    StatedCount,
    Status,
)

SRC = "test"
# A treaty nonpro does not follow: its consents bind on their dates, so these tests speak of the
# status rules alone (tests/treaties/test_in_force.py applies the real treaties' entry into force).
GENERIC = "TEST_TREATY"


def event(state: str, kind: EventKind, day: str, **extra: object) -> ParticipationEvent:
    return ParticipationEvent.model_validate(
        {"state": state, "instrument": GENERIC, "kind": kind, "date": day, "source": SRC, **extra}
    )


def test_signature_then_ratification_then_revocation() -> None:
    log = [
        event("RUS", EventKind.SIGNATURE, "1996-09-24"),
        event("RUS", EventKind.RATIFICATION, "2000-06-30"),
        event("RUS", EventKind.WITHDRAWAL_OF_RATIFICATION, "2023-11-03"),
    ]
    at = {
        d: status_of("RUS", GENERIC, events=log, as_of=date.fromisoformat(d))
        for d in ("1995-01-01", "1997-01-01", "2023-01-01", "2024-01-01")
    }
    assert [s.status for s in at.values()] == [
        Status.NONE,
        Status.SIGNATORY,
        Status.PARTY,
        Status.SIGNATORY,
    ]
    assert at["2023-01-01"].since == date(2000, 6, 30)
    assert [e.kind for e in at["2024-01-01"].events][-1] is EventKind.WITHDRAWAL_OF_RATIFICATION


def test_withdrawal_counts_from_its_effective_date_not_the_notice() -> None:
    log = [
        event("POL", EventKind.RATIFICATION, "2012-12-27"),
        event("POL", EventKind.WITHDRAWAL, "2025-08-20", effective_date="2026-02-20"),
    ]
    pending = status_of("POL", GENERIC, events=log, as_of=date(2026, 1, 1))
    assert pending.status is Status.PARTY
    assert "effective 2026-02-20" in pending.notes[0]
    assert status_of("POL", GENERIC, events=log, as_of=date(2026, 2, 20)).status is Status.WITHDRAWN


def test_disputed_withdrawal_is_shown_but_not_applied() -> None:
    log = [
        event("PRK", EventKind.ACCESSION, "1985-12-12"),
        event(
            "PRK",
            EventKind.WITHDRAWAL,
            "2003-01-10",
            effective_date="2003-04-11",
            disputed=True,
            note="contested",
        ),
    ]
    found = status_of("PRK", GENERIC, events=log, as_of=date(2010, 1, 1))
    assert found.status is Status.PARTY
    assert any("disputed withdrawal" in n for n in found.notes)
    assert status_of("PRK", GENERIC, events=log, as_of=date(2000, 1, 1)).notes == []


def test_succession_takes_effect_from_the_date_of_succession() -> None:
    log = [event("BIH", EventKind.SUCCESSION, "1993-09-01", effective_date="1992-03-06")]
    found = status_of("BIH", GENERIC, events=log, as_of=date(1993, 1, 1))
    assert found.status is Status.PARTY and found.since == date(1992, 3, 6)
    assert "retroactively" in found.notes[0]
    assert status_of("BIH", GENERIC, events=log, as_of=date(1992, 1, 1)).status is Status.NONE


def test_extinct_state_is_party_to_nothing_after_it_ended() -> None:
    log = [event("CSK", EventKind.RATIFICATION, "1982-08-31")]
    assert status_of("CSK", GENERIC, events=log, as_of=date(1992, 12, 31)).status is Status.PARTY
    after = status_of("CSK", GENERIC, events=log, as_of=date(1993, 1, 1))
    assert after.status is Status.NONE and "ceased to exist" in after.notes[0]


def test_ussr_status_is_read_from_the_russian_federation_records() -> None:
    log = [event("RUS", EventKind.RATIFICATION, "1970-03-05")]
    assert status_of("SUN", GENERIC, events=log, as_of=date(1980, 1, 1)).status is Status.PARTY
    assert status_of("SUN", GENERIC, events=log, as_of=date(1992, 1, 1)).status is Status.NONE
    assert status_of("RUS", GENERIC, events=log, as_of=date(1992, 1, 1)).status is Status.PARTY
    before = status_of("RUS", GENERIC, events=log, as_of=date(1980, 1, 1))
    assert before.status is Status.NONE and "were SUN's" in before.notes[-1]


def test_parties_signatories_and_changes() -> None:
    log = [
        event("FRA", EventKind.SIGNATURE, "1996-09-24"),
        event("FRA", EventKind.RATIFICATION, "1998-04-06"),
        event("USA", EventKind.SIGNATURE, "1996-09-24"),
        event("EST", EventKind.SIGNATURE, "1996-11-20"),
        event("EST", EventKind.RATIFICATION, "1999-08-13"),
        event("EST", EventKind.WITHDRAWAL, "2025-06-27", effective_date="2025-12-27"),
    ]
    day = date(2026, 1, 1)
    assert parties(GENERIC, events=log, as_of=day).states == ["FRA"]
    assert parties(GENERIC, events=log, as_of=day, status=Status.WITHDRAWN).states == ["EST"]
    assert signatories(GENERIC, events=log, as_of=day) == ["FRA", "USA"]
    found = changes(GENERIC, events=log, start=date(1997, 1, 1), end=date(2026, 1, 1))
    assert [(c.state, c.date, c.before, c.after) for c in found.changes] == [
        ("FRA", date(1998, 4, 6), Status.SIGNATORY, Status.PARTY),
        ("EST", date(1999, 8, 13), Status.SIGNATORY, Status.PARTY),
        ("EST", date(2025, 12, 27), Status.PARTY, Status.WITHDRAWN),
    ]


def _instrument(rule: EifRule) -> Instrument:
    return Instrument(
        code=GENERIC,
        name="test",
        kind=InstrumentKind.TREATY,
        eif_rule=rule,
        source=SRC,
        as_of=date(2026, 1, 1),
    )


def test_count_rule_with_month_arithmetic() -> None:
    log = [
        event(s, EventKind.RATIFICATION, f"1998-0{i + 1}-16")
        for i, s in enumerate(("AAA", "BBB", "CCC"))
    ]
    rule = EifRule(
        text="first day of the sixth month after the 3rd", count=3, delay_months_first_day=6
    )
    found = eif_outstanding(_instrument(rule), events=log, as_of=date(1998, 2, 20))
    assert (found.consents, found.count_outstanding, found.in_force) == (2, 1, False)
    found = eif_outstanding(_instrument(rule), events=log, as_of=date(2000, 1, 1))
    assert found.entry_into_force == date(1998, 9, 1) and found.in_force


def test_named_states_rule_lists_who_is_still_needed() -> None:
    rule = EifRule(
        text="all of AAA, BBB, CCC", required_states=("AAA", "BBB", "CCC"), delay_days=180
    )
    log = [
        event("AAA", EventKind.RATIFICATION, "1999-01-01"),
        event("BBB", EventKind.SIGNATURE, "1999-01-01"),
    ]
    found = eif_outstanding(_instrument(rule), events=log, as_of=date(2026, 11, 22))
    assert found.required_outstanding == ["BBB", "CCC"]
    assert found.required_signed_not_ratified == ["BBB"]
    assert found.required_not_signed == ["CCC"]
    assert found.entry_into_force is None


def test_ctbt_rule_lists_the_44_annex_2_states() -> None:
    rule = get_instrument("CTBT").eif_rule
    assert rule is not None and len(set(rule.required_states)) == 44


def test_reconcile_compares_the_listed_states_not_only_the_count() -> None:
    log = [
        event("FRA", EventKind.RATIFICATION, "1998-04-06"),
        event("GBR", EventKind.RATIFICATION, "1998-04-06"),
    ]
    stated = StatedCount(
        instrument=GENERIC,
        measure=Status.PARTY,
        value=2,
        as_of=date(2000, 1, 1),
        source=SRC,
        states=("DEU", "FRA"),
    )
    [found] = reconcile(events=log, stated=[stated])
    assert (found.stated, found.derived) == (2, 2)
    assert (found.missing, found.unexpected) == (["DEU"], ["GBR"])
    assert (
        reconcile(events=log, stated=[stated.model_copy(update={"states": ("FRA", "GBR")})]) == []
    )
