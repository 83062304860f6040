"""Decisions at a glance: which reasons a reader sees first, in what words, and one line per
matched entity with its decisions (cases.reasons, pure functions over an assessment)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from nonpro.cases.reasons import deciding_reasons, entity_lines
from nonpro.cases.rules import Recommendation
from nonpro.cases.schemas import Assessment, Finding, HitDecisionOut, RuleOutcome

R = Recommendation


def _assessment(rules: list[RuleOutcome], findings: list[Finding] | None = None) -> Assessment:
    return Assessment(
        reference="T-1",
        as_of=date(2026, 11, 20),
        recommendation=R.DENY,
        findings=findings or [],
        reasons=[f"{o.rule}: {o.text}" for o in rules],
        rules=rules,
        factors=[],
        provisos=[],
        flags=[],
    )


def _rule(code: str, fired: Recommendation | None, text: str) -> RuleOutcome:
    return RuleOutcome(rule=code, recommendation=fired, text=text, basis=f"basis of {code}")


def _hit(entry_id: str, listed: str, state: str = "possible", **extra: object) -> Finding:
    return Finding.model_validate(
        {
            "kind": "screening",
            "summary": f"end_user 'Ali Example' ~ {entry_id} '{listed}': {state}",
            "evidence": [f"explanation of {entry_id}"],
            "source": f"{entry_id.split(':')[0]} snapshot x, entry {entry_id}",
            "rule": "SCREEN",
            "severity": "high",
            "subject": "end_user 'Ali Example'",
            "entry_id": entry_id,
            "party": 1,
            "hit_state": state,
            "listed_name": listed,
            "list_source": entry_id.split(":")[0],
            **extra,
        }
    )


def test_the_strongest_reasons_come_first_grouped_in_plain_words_with_codes_as_evidence() -> None:
    found = deciding_reasons(
        _assessment(
            [
                _rule("R-CAT-I", None, "no Category I item"),
                _rule("R-UN-MEASURES", R.DENY, "UN Security Council measures in force on Iran"),
                _rule("R-LIST-HIT", R.REFER, "a party matches a list entry: end_user ..."),
                _rule("R-CATCH-ALL", R.REFER, "catch-all applies: 2 red flags"),
            ],
            [_hit("un:QDi.1", "ALI EXAMPLE")],
        )
    )
    assert [r.rule for r in found.reasons] == ["R-UN-MEASURES", "R-LIST-HIT", "R-CATCH-ALL"]
    assert [title for title, _ in found.grouped()] == ["Destination", "Parties", "End use"]
    parties = found.reasons[1]
    assert parties.sentence == (
        "The end user Ali Example is possibly ALI EXAMPLE (UN); "
        "a reviewer must decide each open match."
    )
    assert "un:QDi.1" not in parties.sentence and "end_user" not in parties.sentence
    assert parties.evidence[0].startswith("rule R-LIST-HIT: ")
    assert "basis: basis of R-LIST-HIT" in parties.evidence
    assert any("entry un:QDi.1" in line for line in parties.evidence)


def test_at_most_five_and_at_least_three_with_clean_findings_that_let_an_approval_stand() -> None:
    many = [_rule(f"R-X{n}", R.REFER, f"reason {n}") for n in range(7)]
    capped = deciding_reasons(_assessment(many))
    assert len(capped.reasons) == 5 and capped.more == 2

    approve = deciding_reasons(
        _assessment(
            [
                _rule("R-CAT-I", None, "no Category I item"),
                _rule("R-UN-MEASURES", None, "no UN missile or arms measure bars Annex items"),
                _rule("R-DETERMINATION", None, "no party matches an active determination"),
                _rule("R-LIST-HIT", None, "no party matches a list entry"),
                _rule("R-NOT-LISTED", R.APPROVE, "no item is on the MTCR Annex"),
            ]
        )
    )
    assert [r.rule for r in approve.reasons] == ["R-NOT-LISTED", "R-LIST-HIT", "R-UN-MEASURES"]
    assert [r.fired for r in approve.reasons] == [True, False, False]
    assert approve.reasons[1].sentence == "No party matches a sanctions list entry."
    assert approve.more == 0


def test_entries_naming_one_entity_are_one_line_with_their_decisions() -> None:
    decided = HitDecisionOut(
        decision="false_positive",
        by="ana",
        at=datetime(2026, 11, 19, 9, 30, tzinfo=UTC),
        note="born 1950, ours 1988",
        current=True,
    )
    lines = entity_lines(
        _assessment(
            [],
            [
                _hit("un:QDi.1", "ALI EXAMPLE", "dismissed", decisions=[decided]),
                _hit("ofac:77", "Ali  Example", "possible"),
                _hit("eu:9", "Other Person", "confirmed"),
            ],
        )
    )
    ali, other = lines[1]
    assert ali.listed_name == "ALI EXAMPLE" and ali.lists == ["OFAC", "UN"]
    assert ali.state == "possible"  # the most pressing of its entries
    assert [s.entry_id for s in ali.sources] == ["un:QDi.1", "ofac:77"]
    assert ali.decisions == [decided]
    assert other.state == "confirmed" and other.decisions == []
    assert entity_lines(None) == {}
