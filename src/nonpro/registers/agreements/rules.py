"""What the agreements register knows without the database: the kinds of arrangement, the
partners that are organisations rather than states, and an agreement's status on a day."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

from nonpro.registers.agreements.models import Agreement


class AgreementKind(StrEnum):
    NUCLEAR_COOPERATION = "nuclear_cooperation"
    SAFEGUARDS_ARRANGEMENT = "safeguards_arrangement"
    SISTER_LABORATORY = "sister_laboratory"


class AgreementStatus(StrEnum):
    """Where an agreement stands on a date, derived from its dates (never stored)."""

    NOT_SIGNED = "not_signed"  # recorded before signature, or the date asked is earlier
    SIGNED = "signed"  # signed, not (yet) in force
    IN_FORCE = "in_force"
    EXPIRED = "expired"  # on or after ``expires``
    TERMINATED = "terminated"  # on or after ``terminated``


# Partners that are not states: they have no IAEA safeguards status of their own to link to.
ORGANISATIONS: Final[dict[str, str]] = {
    "EURATOM": "European Atomic Energy Community (EURATOM)",
    "IAEA": "International Atomic Energy Agency",
    "TWN-AIT": "American Institute in Taiwan / Taipei Economic and Cultural Representative Office",
}
SAFEGUARDS_INSTRUMENTS: Final = ("IAEA_CSA", "IAEA_AP", "IAEA_VOA")


def status_on(agreement: Agreement, day: date) -> AgreementStatus:
    if agreement.terminated and agreement.terminated <= day:
        return AgreementStatus.TERMINATED
    if agreement.expires and agreement.expires <= day:
        return AgreementStatus.EXPIRED
    if agreement.in_force and agreement.in_force <= day:
        return AgreementStatus.IN_FORCE
    if agreement.signed and agreement.signed <= day:
        return AgreementStatus.SIGNED
    return AgreementStatus.NOT_SIGNED
