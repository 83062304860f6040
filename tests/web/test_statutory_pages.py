"""Statutory steps and assurances on the case page: a munitions licence for an Annex item shows
the Defense-referral gate and the NSPD-56 clock; an analyst records the referral and an
assurance (CSRF, labels), a bad government code is shown beside its field, a viewer sees no
forms and is refused."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import case_json
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services
from nonpro.cases.schemas import CaseIn, TransitionIn
from nonpro.core import audit
from nonpro.screening.services import IndexProvider

MakeUser = Callable[..., User]


def test_defense_referral_and_assurances_on_the_case_page(
    client: TestClient, make_user: MakeUser, db_session: Session
) -> None:
    make_user("ana", Role.ANALYST)
    make_user("vic", Role.VIEWER)
    actor = Principal(username="ana", role=Role.ANALYST)
    data = CaseIn.model_validate(case_json("MUN-WEB", type="munitions_license"))
    case = services.create_case(data, session=db_session, provider=IndexProvider(), actor=actor)
    for to in ("submitted", "under_review"):
        move = TransitionIn.model_validate({"to": to, "version": case.version})
        case = services.transition(case.id, move, session=db_session, actor=actor)
    path = f"/cases/{case.id}"

    sign_in(client, "vic")
    page = client.get(path).text
    assert "NSPD-56 clock:" in page and "Record a statutory step" not in page
    refused = client.post(
        f"{path}/statutory-steps", data={"kind": "defense_referral", "csrf_token": csrf_of(page)}
    )
    assert refused.status_code == 403
    client.post("/signout", data={"csrf_token": csrf_of(page)})

    sign_in(client, "ana")
    page = client.get(path).text
    gates = page.split('id="decision-gates"')[1].split("</ul>")[0]
    assert "Secretary of Defense" in gates and "2797(b)(1)" in gates
    assert '<label for="kind">Step</label>' in page
    assert "0 days used, 60 remaining of 60" in page
    no_token = client.post(f"{path}/statutory-steps", data={"kind": "defense_referral"})
    assert no_token.status_code == 403

    recorded = client.post(
        f"{path}/statutory-steps",
        data={"kind": "defense_referral", "step_note": "DTSA", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert recorded.status_code == 303
    page = client.get(path).text
    assert "Secretary of Defense" not in page.split('id="decision-gates"')[-1].split("</ul>")[0]
    assert "(4) Defense has not yet completed its review" in page

    bad = client.post(
        f"{path}/assurances",
        data={"assurance_kind": "end_use", "government": "Japan", "csrf_token": csrf_of(page)},
    )
    assert bad.status_code == 422
    assert "alpha-2" in problem_beside(bad.text, "government")
    asked = client.post(
        f"{path}/assurances",
        data={"assurance_kind": "end_use", "government": "JP", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert asked.status_code == 303
    page = client.get(path).text
    assurance = re.search(r"/assurances/([0-9a-f-]+)/receipt", page)
    assert assurance and "outstanding" in page
    got = client.post(
        f"{path}/assurances/{assurance.group(1)}/receipt",
        data={"reference": "note verbale 3", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert got.status_code == 303
    assert "note verbale 3" in client.get(path).text
    actions = [e.action for e in audit.entries(db_session, target="case:MUN-WEB")]
    assert "case.statutory.defense_referral" in actions
    assert "case.assurances.received" in actions
