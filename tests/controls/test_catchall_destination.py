"""Destination policy as of a date, and the reference data behind it."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from nonpro.controls.catchall import destination_policy, load_all
from nonpro.controls.catchall.reference import local_membership, program_entities
from nonpro.core.errors import InvalidInput


def _rules(policy_findings: list[object]) -> set[str]:
    return {f.rule for f in policy_findings}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("country", "day", "expected"),
    [
        ("IND", date(2016, 6, 26), False),
        ("IND", date(2016, 6, 27), True),
        ("USA", date(1987, 4, 15), False),
        ("USA", date(1987, 4, 16), True),
        ("ARG", date(1993, 6, 1), False),  # year-only admission counts from 31 December
        ("ARG", date(1994, 1, 1), True),
        ("CHN", date(2026, 11, 22), False),
    ],
)
def test_mtcr_partner_as_of(country: str, day: date, expected: bool) -> None:
    assert local_membership().is_member("MTCR", country, day) is expected
    assert destination_policy(country, as_of=day).mtcr_partner is expected


def test_hcoc_subscription_as_of_and_uncertain_rows() -> None:
    membership = local_membership()
    assert not membership.is_member("HCOC", "QAT", date(2024, 3, 10))
    assert membership.is_member("HCOC", "QAT", date(2024, 3, 11))
    assert not membership.is_member("HCOC", "KGZ", date(2026, 1, 1))  # status uncertain
    france = destination_policy("France", as_of=date(2003, 1, 1))
    assert france.hcoc_subscriber
    hcoc = next(f for f in france.findings if f.rule == "CA-DEST-HCOC")
    assert hcoc.unverified and "2002 founding date is assumed" in hcoc.evidence[0]


def test_iran_un_measures_follow_the_dates() -> None:
    assert destination_policy("IR", as_of=date(2010, 1, 1)).un_measures[0].scope == "missile"
    assert destination_policy("IR", as_of=date(2020, 1, 1)).un_measures == []
    after_snapback = destination_policy("IR", as_of=date(2026, 1, 1))
    assert after_snapback.un_measures[0].since == date(2025, 9, 28)
    assert "CA-DEST-UN" in _rules(after_snapback.findings)


def test_terrorism_presumption_by_date() -> None:
    assert not destination_policy("Cuba", as_of=date(2016, 1, 1)).state_sponsor_of_terrorism
    cuba = destination_policy("Cuba", as_of=date(2022, 1, 1))
    assert cuba.state_sponsor_of_terrorism
    finding = next(f for f in cuba.findings if f.rule == "CA-DEST-TERRORISM")
    assert "§73(f)" in finding.basis and finding.severity == "high" and finding.unverified
    assert not destination_policy("KP", as_of=date(2010, 1, 1)).state_sponsor_of_terrorism
    assert destination_policy("KP", as_of=date(2018, 1, 1)).state_sponsor_of_terrorism


def test_partner_destination_has_no_red_flags() -> None:
    japan = destination_policy("JPN", as_of=date(2026, 11, 22))
    assert japan.mtcr_partner and japan.hcoc_subscriber and not japan.country_of_concern
    assert {f.severity for f in japan.findings} == {"info"}


def test_countries_of_concern_are_configurable() -> None:
    assert destination_policy("PAK", as_of=date(2026, 1, 1)).country_of_concern
    germany = destination_policy("DE", as_of=date(2026, 1, 1), countries_of_concern=["Germany"])
    assert germany.country_of_concern
    assert not destination_policy(
        "PAK", as_of=date(2026, 1, 1), countries_of_concern=[]
    ).country_of_concern


def test_another_membership_source_can_be_plugged_in() -> None:
    class EveryoneIsAPartner:
        def is_member(self, regime: str, country_alpha3: str, as_of: date) -> bool:
            return True

    policy = destination_policy("IRN", as_of=date(2026, 1, 1), membership=EveryoneIsAPartner())
    assert policy.mtcr_partner and policy.hcoc_subscriber
    mtcr = next(f for f in policy.findings if f.rule == "CA-DEST-MTCR")
    assert "EveryoneIsAPartner" in mtcr.evidence[0]


def test_unknown_country_names_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        destination_policy("Atlantis")
    assert caught.value.field == "country"


def test_reference_data_loads_and_every_record_has_source_and_as_of() -> None:
    load_all()
    for record in local_membership().records:
        assert record.source and record.as_of


def test_membership_file_agrees_with_the_shared_domain_facts(shared_dir: Path) -> None:
    folder = shared_dir / "domain" / "treaty_status"
    for regime, name in [("MTCR", "mtcr_partners.csv"), ("HCOC", "hcoc_subscribing_states.csv")]:
        with (folder / name).open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["iso3"]]
        ours = {r.country for r in local_membership().records if r.regime == regime}
        assert ours == {r["iso3"] for r in rows}, regime


def test_un_listed_programme_entities_are_on_the_un_list(shared_data: Path) -> None:
    xml = (shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml").read_text("utf-8")
    for entity in program_entities():
        m = re.search(r"list (\w{2}e\.\d{3}), listed (\d{4}-\d{2}-\d{2})", entity.listing)
        if m is None:
            continue
        ref, listed = m.groups()
        # The official XML sometimes pads the reference number with a space.
        found = re.search(rf"<REFERENCE_NUMBER>\s*{re.escape(ref)}\s*</REFERENCE_NUMBER>", xml)
        assert found is not None, entity.name
        assert f"<LISTED_ON>{listed}</LISTED_ON>" in xml[found.end() : found.end() + 200]
