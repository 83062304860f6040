from __future__ import annotations

import pytest

from nonpro.batch.schemas import Scheduler


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local", Scheduler()),
        ("local:2", Scheduler(workers=2)),
        ("tcp://127.0.0.1:8786", Scheduler(address="tcp://127.0.0.1:8786")),
    ],
)
def test_scheduler_values(value: str, expected: Scheduler) -> None:
    assert Scheduler.parse(value) == expected


@pytest.mark.parametrize("value", ["local:0", "local:x", "remote", "tcp://host", "tcp://:80"])
def test_bad_scheduler_values_say_what_is_accepted(value: str) -> None:
    with pytest.raises(ValueError, match="local:N"):
        Scheduler.parse(value)
