"""Facts resting only on weak sources are named wherever a person reads them (issue 20 item 5)."""

from __future__ import annotations

from datetime import date

import pytest

from nonpro.treaties.schemas import EventKind, ParticipationEvent


@pytest.mark.parametrize(
    ("confidence", "weak"),
    [
        (None, None),  # the depositary's own page: no label
        ("verified_excerpt", None),
        ("recollection_unverified", "unverified"),
        ("signed date verified_excerpt; ratified date recollection_unverified", "unverified"),
        ("inferred", "inferred"),
        ("secondary_excerpt", "secondary source"),
    ],
)
def test_an_events_source_quality_in_words(confidence: str | None, weak: str | None) -> None:
    event = ParticipationEvent(
        state="DEU",
        instrument="IAEA_CSA",
        kind=EventKind.ENTRY_INTO_FORCE,
        date=date(2011, 6, 30),
        source="test",
        confidence=confidence,
    )
    if weak is None:
        assert event.weak_source is None
    else:
        assert event.weak_source is not None and event.weak_source.startswith(weak)
