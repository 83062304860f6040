"""The case page at a glance (issue 24 item 2): the recommendation, then the deciding reasons
grouped and in words, one line per matched entity, and a decided hit's decision, note, who and
when; a note written on another case stays that case's."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import case_json
from tests.web.conftest import sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.cases.schemas import CaseIn
from nonpro.screening.schemas import ParsedList
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]
LISTED = "Shahid Hemmat Industrial Group"


def _case(session: Session, actor: Principal, reference: str) -> str:
    parties = [
        {"role": "applicant", "name": "Westfield Propulsion Inc.", "country": "US"},
        {"role": "end_user", "name": LISTED, "country": "IR"},
    ]
    data = CaseIn.model_validate(case_json(reference, parties=parties, destination="IR"))
    return str(cases.create_case(data, session=session, provider=IndexProvider(), actor=actor).id)


def test_the_reasons_come_grouped_in_words_and_a_decided_hit_says_who_when_and_why(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    un_list: ParsedList,
) -> None:
    make_user("ana", Role.ANALYST)
    ana = Principal(username="ana", role=Role.ANALYST)
    first, second = _case(db_session, ana, "GL-1"), _case(db_session, ana, "GL-2")
    sign_in(client, "ana")

    page = client.get(f"/cases/{first}").text
    why = page.split('id="deciding-reasons"', 1)[1].split("</div>", 1)[0]
    assert '<h4 class="reason-group">Destination</h4>' in why
    assert '<h4 class="reason-group">Parties</h4>' in why
    assert "The end user Shahid Hemmat Industrial Group is possibly SHAHID HEMMAT" in why
    assert "<summary>" in why and "rule R-LIST-HIT:" in why  # the code is evidence
    assert "Possible match, to be decided:</strong> SHAHID HEMMAT" in page

    found = cases.case_out(cases.get_case(first, session=db_session))
    assert found.assessment is not None
    (entry,) = [f.entry_id for f in found.assessment.findings if f.entry_id]
    cases.dispose_hit(
        first, party=1, entry_id=entry, decision="true_match", note="same group, UN 1737",
        session=db_session, provider=IndexProvider(), actor=ana,
    )  # fmt: skip
    decided = client.get(f"/cases/{first}").text
    assert "Confirmed match:</strong> SHAHID HEMMAT" in decided
    assert "Decided: <strong>true match</strong> by ana on <time" in decided
    assert "“same group, UN 1737”" in decided

    # The same party on another case: the decision holds there, its note stays on GL-1.
    cases.assess_case(
        cases.get_case(second, session=db_session),
        session=db_session, provider=IndexProvider(), actor=ana,
    )  # fmt: skip
    other = client.get(f"/cases/{second}").text
    assert "Decided: <strong>true match</strong> by ana" in other
    assert "same group, UN 1737" not in other and "(no note on this case)" in other
