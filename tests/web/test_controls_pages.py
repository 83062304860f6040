"""The controls pages through the real app and templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from urllib.parse import unquote

from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.controls.range import example_specs

MakeUser = Callable[..., User]
MOTOR = "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"


def _analyst(client: TestClient, make_user: MakeUser) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")


def test_controls_is_in_the_navigation(client: TestClient, make_user: MakeUser) -> None:
    _analyst(client, make_user)
    home = client.get("/")
    assert '<a href="/controls"' in home.text
    page = client.get("/controls")
    assert page.status_code == 200 and "Annex browser" in page.text
    assert 'href="/controls/classify"' in page.text


def test_annex_browser_tree_search_and_item_page(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    tree = client.get("/controls/annex")
    assert tree.status_code == 200
    assert "Item 2: Complete subsystems" in tree.text
    assert 'href="/controls/annex/2.A.1.c.1"' in tree.text
    found = client.get("/controls/annex", params={"q": "ring laser gyro"})
    first = re.search(r'<td>1</td><td><a href="/controls/annex/([^"]+)"', found.text)
    assert first and first.group(1) == "9.A.4"
    item = client.get("/controls/annex/2.A.1.c.1")
    assert item.status_code == 200
    text = unescape(item.text)
    assert "total impulse ≥ 1.1e6 N·s" in text and "Thresholds of 2.A.1.c.1" in text
    assert 'href="/controls/annex/20.A.1.b.1"' in item.text  # cross-reference is a link
    assert "legislation.gov.uk" in item.text and "badge-verified" in item.text
    unverified = client.get("/controls/annex/2.A.1.f")
    assert "badge-unverified" in unverified.text
    older = client.get("/controls/annex/3.A.1.a", params={"version": "pre-2016"})
    assert older.status_code == 200 and "version pre-2016" in older.text
    assert client.get("/controls/annex/99.Z").status_code == 404


def test_classification_shows_the_deciding_comparison(
    client: TestClient, make_user: MakeUser
) -> None:
    _analyst(client, make_user)
    page = client.get("/controls/classify", params={"text": MOTOR})
    assert page.status_code == 200
    text = unescape(page.text)
    assert '<h2 id="verdict">Category I</h2>' in text
    assert "2.A.1.c.1" in text and "total impulse 1.2e6 N·s ≥ 1.1e6 N·s → 2.A.1.c.1" in text
    assert "Crosswalk: " in text and "check against EU 2021/821" in text
    assert "Estimate its range/payload trade-off" not in text  # a motor, not a complete system
    missile = client.get("/controls/classify", params={"text": "ballistic missile, range 250 km"})
    assert 'href="/controls/range">Estimate its range/payload trade-off' in missile.text
    near = unescape(
        client.get(
            "/controls/classify",
            params={"text": "solid rocket motor", "params": "total_impulse=9e5 N*s"},
        ).text
    )
    assert "Category II" in near and "Near misses (1)" in near and "20.A.1.b.1" in near
    missing = unescape(client.get("/controls/classify", params={"text": "ring laser gyro"}).text)
    assert "need the rated drift-rate stability" in missing
    assert '<h2 id="verdict">Information needed: not decided by the description</h2>' in missing


def test_bad_parameter_is_named_on_the_form(client: TestClient, make_user: MakeUser) -> None:
    _analyst(client, make_user)
    page = client.get(
        "/controls/classify", params={"text": "solid rocket motor", "params": "total_impulse=lots"}
    )
    assert page.status_code == 422
    assert "<strong>total_impulse: </strong>" in page.text
    assert "total_impulse" in problem_beside(page.text, "params")
    assert (
        "total_impulse=lots</textarea>" in page.text
        and "solid rocket motor</textarea>" in page.text
    )


def test_range_example_v2_with_plot_and_table(client: TestClient, make_user: MakeUser) -> None:
    _analyst(client, make_user)
    page = client.get("/controls/range", params={"example": "v2"})
    assert page.status_code == 200
    text = unescape(page.text)
    assert "V-2 (A-4): Category I (1.A.1)" in text and "Published range" in text
    assert "<dd>320 km</dd>" in text and "<dd>290 km</dd>" in text
    assert "<td>1,000 (declared)</td><td>289.5</td>" in text
    plot = re.search(r'<img src="([^"]+)"[^>]*alt="([^"]+)"', text)
    assert plot and "Payload–range trade-off of V-2" in plot.group(2)
    image = client.get(plot.group(1))
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert "spec=" in unquote(plot.group(1))


def test_range_form_and_upload_post_with_csrf(client: TestClient, make_user: MakeUser) -> None:
    _analyst(client, make_user)
    token = csrf_of(client.get("/controls/range").text)
    fields = {
        "name": "Test",
        "payload_kg": "1000",
        "diameter_m": "1.65",
        "stages-0-gross_mass_kg": "11500",
        "stages-0-propellant_mass_kg": "8720",
        "stages-0-isp_sl_s": "203",
        "stages-0-thrust_sl_N": "245000",
    }
    assert client.post("/controls/range", data=fields).status_code == 403  # no CSRF token
    page = client.post("/controls/range", data={**fields, "csrf_token": token})
    assert page.status_code == 200 and "Test: Category I" in page.text
    bad = client.post(
        "/controls/range",
        data={**fields, "stages-0-propellant_mass_kg": "12000", "csrf_token": token},
    )
    assert bad.status_code == 422 and "stages[0].propellant_mass_kg" in bad.text
    assert problem_beside(bad.text, "stages-0-propellant_mass_kg")
    assert 'value="12000"' in bad.text and "Test: Category I" not in bad.text
    spec = example_specs()["scud_b"].read_bytes()
    upload = client.post(
        "/controls/range",
        data={"csrf_token": token},
        files={"spec_file": ("scud_b.yaml", spec, "application/x-yaml")},
    )
    assert upload.status_code == 200 and "Scud-B" in upload.text
    broken = client.post(
        "/controls/range",
        data={"csrf_token": token},
        files={"spec_file": ("m.yaml", b"name: [x\n", "application/x-yaml")},
    )
    assert broken.status_code == 422 and "<strong>spec_file: </strong>" in broken.text
    assert problem_beside(broken.text, "spec_file")


def test_destination_page(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    page = client.get("/controls/destination", params={"country": "Iran", "as_of": "2020-01-01"})
    assert page.status_code == 200
    assert "Iran (IRN) as of 2020-01-01" in page.text and "CA-DEST-TERRORISM" in page.text
    bad = client.get("/controls/destination", params={"country": "Iran", "as_of": "soon"})
    assert bad.status_code == 422 and "<strong>as_of: </strong>" in bad.text
    assert "YYYY-MM-DD" in problem_beside(bad.text, "as_of")
    assert 'value="soon"' in bad.text and "CA-DEST-TERRORISM" not in bad.text


def test_viewer_browses_the_annex_but_may_not_classify(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    assert client.get("/controls").status_code == 200
    assert client.get("/controls/classify").status_code == 403
    assert client.get("/controls/range").status_code == 403


def test_annex_version_comparison_page(client: TestClient, make_user: MakeUser) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    page = client.get("/controls/annex-diff")
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Annex pre-2016 → 2024-03-14" in text and "15.B.6" in text
    assert "<caption>3.A.1.a" in text
    assert client.get("/controls/annex-diff", params={"old": "1999"}).status_code == 404


def test_end_users_page_lists_the_base_and_names_a_bad_country(
    client: TestClient, make_user: MakeUser
) -> None:
    _analyst(client, make_user)
    page = client.get("/controls/end-users", params={"country": "Pakistan"})
    assert page.status_code == 200
    text = unescape(page.text)
    assert "National Development Complex" in text and "generic name" in text
    assert "no list loaded" in text  # no list in this database: only the reviewed records
    bad = client.get("/controls/end-users", params={"country": "Atlantis"})
    assert bad.status_code == 422
    assert "Atlantis" in unescape(bad.text)  # the input is kept in its box
    assert problem_beside(bad.text, "country")
