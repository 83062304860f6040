"""Export cases in the reports: counts only, by the date of the decision and the destination;
referrals to the interagency groups by the date referred."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases.models import Case
from nonpro.interagency.models import Group, Referral
from nonpro.reports import services


def _decided(reference: str, destination: str, decision: str, day: date) -> Case:
    # Rows as the cases capability leaves them once decided; the reports only count them.
    return Case(
        reference=reference,
        type="dual_use_referral",
        status="decided",
        destination=destination,
        created_by="ana",
        decision=decision,
        version=1,
        decided_at=datetime(day.year, day.month, day.day, 15, tzinfo=UTC),
    )


def test_reviewed_and_denied(loaded: Session, operator: Principal) -> None:
    loaded.add_all(
        [
            _decided("C-1", "KP", "denied", date(2025, 3, 1)),
            _decided("C-2", "KP", "approved_with_provisos", date(2025, 8, 1)),
            _decided("C-3", "KP", "denied", date(2024, 12, 31)),
            _decided("C-4", "IR", "denied", date(2025, 6, 30)),
            Case(
                reference="C-5",
                type="dual_use_referral",
                status="under_review",
                destination="KP",
                created_by="ana",
                version=1,
            ),
        ]
    )
    mtec = Group(
        code="MTEC",
        name="Missile Technology Export Control Group",
        chair_agency="STATE",
        quorum=1,
        majority="simple",
    )
    loaded.add(mtec)
    loaded.flush()
    referred = [c for c in loaded.scalars(select(Case)) if c.reference in {"C-2", "C-5"}]
    for case, day in zip(referred, (date(2025, 5, 2), date(2025, 9, 9)), strict=True):
        loaded.add(Referral(case_id=case.id, group_id=mtec.id, referred_on=day, referred_by="ana"))
    loaded.flush()
    annual = services.annual(2025, session=loaded, actor=operator)
    counts = {c.country: c.cases for c in annual.countries}
    assert counts["PRK"] is not None and (counts["PRK"].reviewed, counts["PRK"].denied) == (2, 1)
    assert counts["IRN"] is not None and (counts["IRN"].reviewed, counts["IRN"].denied) == (1, 1)
    emergency = services.emergency(
        date(2025, 1, 1), date(2025, 6, 30), session=loaded, actor=operator
    )
    assert emergency.license_denials == {"IRN": 1, "PRK": 1}
    assert emergency.referrals == {"MTEC": 1}
    profile = services.country("PRK", as_of=date(2026, 1, 1), session=loaded, actor=operator)
    assert profile.cases_by_status == {"decided": 3, "under_review": 1}
