"""HCOC pre-launch notifications (a late one is flagged) and the annual declaration."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import InvalidInput
from nonpro.multilateral import hcoc
from nonpro.multilateral.rules import LaunchOutcome, VehicleClass
from nonpro.multilateral.schemas_hcoc import NotificationIn, OutcomeIn, PolicyIn
from nonpro.treaties import services as treaties


def notice(vehicle: VehicleClass, opens: datetime, notified: datetime) -> NotificationIn:
    return NotificationIn(
        vehicle_class=vehicle,
        window_opens=opens,
        window_closes=opens.replace(hour=23),
        launch_area="Vandenberg Space Force Base, California",
        general_direction="west-southwest",
        notified_at=notified,
    )


def test_a_late_notification_is_flagged(db_session: Session, operator: Principal) -> None:
    opens = datetime(2026, 5, 4, 8, tzinfo=UTC)
    on_time = hcoc.notify(
        notice(VehicleClass.ICBM, opens, datetime(2026, 5, 1, 8, tzinfo=UTC)),
        session=db_session,
        actor=operator,
    )
    late = hcoc.notify(
        notice(VehicleClass.SLV, opens, datetime(2026, 5, 4, 9, 30, tzinfo=UTC)),
        session=db_session,
        actor=operator,
    )
    assert (on_time.late, on_time.lead_hours) == (False, 72.0)
    assert (late.late, late.lead_hours) == (True, -1.5)
    assert late.kind == "space launch vehicle"
    (row,) = audit.entries(db_session, target=f"multilateral:hcoc-notification:{late.id}")
    assert row.payload["late"] is True


def test_window_must_close_after_it_opens() -> None:
    with pytest.raises(ValueError, match="window_closes"):
        NotificationIn(
            vehicle_class=VehicleClass.SLBM,
            window_opens=datetime(2026, 5, 4, 8, tzinfo=UTC),
            window_closes=datetime(2026, 5, 4, 7, tzinfo=UTC),
            launch_area="Atlantic",
            general_direction="east",
        )


def test_declaration_counts_launches_by_class(db_session: Session, operator: Principal) -> None:
    treaties.load_reference(session=db_session, actor=operator)
    made = [
        hcoc.notify(
            notice(vc, datetime(2025, month, 10, 6, tzinfo=UTC), notified),
            session=db_session,
            actor=operator,
        )
        for vc, month, notified in [
            (VehicleClass.ICBM, 2, datetime(2025, 2, 1, tzinfo=UTC)),
            (VehicleClass.ICBM, 6, datetime(2025, 6, 1, tzinfo=UTC)),
            (VehicleClass.SLBM, 9, datetime(2025, 9, 11, tzinfo=UTC)),  # late
            (VehicleClass.SLV, 10, datetime(2025, 10, 1, tzinfo=UTC)),
            (VehicleClass.SLV, 11, datetime(2025, 11, 1, tzinfo=UTC)),
        ]
    ]
    for found in made[:3]:
        hcoc.record_outcome(
            found.id,
            OutcomeIn(outcome=LaunchOutcome.LAUNCHED, launched_on=found.window_opens.date()),
            session=db_session,
            actor=operator,
        )
    hcoc.record_outcome(
        made[4].id, OutcomeIn(outcome=LaunchOutcome.CANCELLED), session=db_session, actor=operator
    )
    hcoc.set_policies(
        2024,
        PolicyIn(ballistic_missile_policy="Restraint.", space_launch_policy="Civil and open."),
        session=db_session,
        actor=operator,
    )
    result = hcoc.declaration(2025, session=db_session)
    assert result.state == "USA" and result.subscribing
    assert result.subscribing_states >= 140
    assert result.ballistic_missile_launches == 3
    assert result.space_launch_vehicle_launches == 1  # the cancelled one is not counted
    counts = {c.vehicle_class: c.launches for c in result.by_class}
    assert counts == {
        VehicleClass.SRBM: 0,
        VehicleClass.MRBM: 0,
        VehicleClass.IRBM: 0,
        VehicleClass.ICBM: 2,
        VehicleClass.SLBM: 1,
        VehicleClass.SLV: 1,
    }
    assert result.late_notifications == 1
    assert result.policy_year == 2024 and result.ballistic_missile_policy == "Restraint."
    assert any("carried over from 2024" in w for w in result.warnings)
    assert any("1 notified launch(es) have no recorded outcome" in w for w in result.warnings)
    assert hcoc.declaration(2024, session=db_session).ballistic_missile_launches == 0


def test_launch_outcome_needs_a_date(db_session: Session, operator: Principal) -> None:
    found = hcoc.notify(
        notice(
            VehicleClass.IRBM, datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
        ),
        session=db_session,
        actor=operator,
    )
    with pytest.raises(InvalidInput) as problem:
        hcoc.record_outcome(
            found.id, OutcomeIn(outcome=LaunchOutcome.LAUNCHED), session=db_session, actor=operator
        )
    assert problem.value.field == "launched_on"
    assert hcoc.list_notifications(session=db_session, year=2026)[0].id == found.id
    assert hcoc.list_notifications(session=db_session, year=2025) == []
    assert date(2026, 1, 5) == found.window_opens.date()
