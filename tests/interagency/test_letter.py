"""Decision letters name the real decision (authority, date, the decider's grounds, the groups
and agencies consulted) and carry no internal identifier; the case record keeps those."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import letter
from nonpro.cases import services as cases
from nonpro.interagency import advice
from nonpro.interagency.models import Referral
from nonpro.interagency.rules import AdviceKind
from nonpro.interagency.schemas import AdviceIn
from tests.cases.conftest import decide
from tests.interagency.conftest import rep

SNAKE_CASE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")
RULE_CODE = re.compile(r"\b(?:R|CA)-[A-Z]+(?:-[A-Z0-9]+)*\b")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:md|ya?ml|csv|json|xml)\b")
SCORE = re.compile(r"\bscore\b", re.I)
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-", re.I)


def _pdf_text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    # pdftotext breaks lines where the page does: join them for phrases that span a line.
    return re.sub(r"\s+", " ", text.stdout.decode())


def _no_internal_text(text: str) -> None:
    for leak in (SNAKE_CASE, RULE_CODE, FILE_NAME, SCORE, UUID):
        assert not leak.search(text), f"{leak.pattern} in the letter: {leak.search(text)}"


def test_a_denial_after_referral_names_authority_date_grounds_and_agencies_consulted(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> None:
    referral = referred("IA-L-1")
    advice.advise(
        "IA-L-1",
        AdviceIn(kind=AdviceKind.DENY, reasons=["Guidance"], rationale="diversion risk"),
        session=db_session,
        actor=rep("DEFENSE_DTSA"),
    )
    second = Principal(username="cora", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
    case = decide(
        db_session,
        referral.case,
        "denied",
        proposer=chair,
        countersigner=second,
        justification="Defense advised denial: risk of diversion to a missile programme "
        "(R-LIST-HIT, entry ofac_sdn:12345, score 0.97, see law_process.md 5.1)",
        note="decided on the MTEC advice of not_mtcr_partner concerns",
    )
    assert case.decision == "denied"

    name, pdf = letter.letter_pdf("IA-L-1", session=db_session, actor=chair)
    assert name == "IA-L-1-letter.pdf"
    text = _pdf_text(pdf)
    assert "Denied" in text
    assert f"Decided on {case.decided_at:%Y-%m-%d}" in text  # type: ignore[union-attr]
    assert "Authority" in text and "15 CFR 750.3" in text  # a dual-use case's regulation
    assert "Export Control Reform Act of 2018" in text
    assert "Defense advised denial: risk of diversion to a missile programme" in text
    assert "not mtcr partner concerns" in text  # the words, without their underscores
    assert "Interagency basis" in text
    assert "Missile Technology Export Control" in text and "(MTEC), referred on 2026-11-02" in text
    for agency in ("Commerce", "Defense", "Energy"):
        assert agency in text
    assert "advice received from" in text
    _no_internal_text(text)
    assert "12345" not in text and "0.97" not in text

    # The record keeps what the letter leaves out.
    stored = cases.get_case("IA-L-1", session=db_session)
    assert "R-LIST-HIT" in stored.decision_justification
    assert "not_mtcr_partner" in stored.decision_note


def test_an_approval_without_referral_says_so_and_its_provisos_carry_no_file_rows(
    db_session: Session, referred: Callable[[str], Referral], chair: Principal
) -> None:
    from tests.interagency.conftest import case_under_review

    referred("IA-L-0")  # seeds the agencies; this case is not the one decided
    case_under_review(db_session, chair, "IA-L-2")
    case = cases.get_case("IA-L-2", session=db_session)
    second = Principal(username="cora", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
    case = decide(
        db_session,
        case,
        "approved_with_provisos",
        proposer=chair,
        countersigner=second,
        provisos=["END-USE-ONLY", "NO-RETRANSFER"],
        justification="Category II item to an MTCR partner for a stated civil end use",
    )
    text = _pdf_text(letter.letter_pdf("IA-L-2", session=db_session, actor=chair)[1])
    assert "Approved with provisos" in text
    assert "decided without interagency referral" in text
    assert "Category II item to an MTCR partner for a stated civil end use" in text
    assert "MTCR Guidelines para 5(A)" in text and "Stated end use only" in text
    assert "End user: Tsukuba Space Instruments KK" in text
    _no_internal_text(text)


def test_plain_takes_out_internal_identifiers_and_keeps_the_words() -> None:
    raw = (
        "end_user 'Rosoboronexport' ~ un-qdi-123 'ROSOBORONEXPORT' (score 0.93): confirmed; "
        "R-CAT-I fired (law_process.md 1.2) on list entry 4711, ofac_sdn:98765, "
        "see provisos.yaml and 0b5c3c64-4d2e-4a55-9d1f-0e2b0b3f9a10"
    )
    out = letter.plain(raw)
    assert out.startswith("end user 'Rosoboronexport' matches listed party 'ROSOBORONEXPORT'")
    assert "confirmed" in out and "fired" in out
    _no_internal_text(out)
    for gone in ("qdi", "0.93", "4711", "98765", "law_process", "R-CAT-I"):
        assert gone not in out
