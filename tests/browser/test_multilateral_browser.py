"""Journey 5, step 1: the multilateral officer prepares the IAEA Board's June session: the
calendar shows it, a meeting is created, the delegation assembled, an instruction drafted,
cleared through two offices by their clearing officer, approved by a third officer and sent;
the .ics export opens in ``icalendar``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, axe_violations, sign_in

pytestmark = pytest.mark.browser
TITLE = "Board of Governors, June 2027 (dates announced)"


def test_meeting_delegation_instruction_cleared_approved_sent(page: Page, server: Server) -> None:
    sign_in(page, server, "mona")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Multilateral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings calendar")
    filters = page.get_by_role("form", name="Choose the period and body")
    filters.get_by_label("From").fill("2027-06-01")
    filters.get_by_label("To", exact=True).fill("2027-06-30")
    filters.get_by_label("Body").select_option("IAEA-BOG")
    filters.get_by_role("button", name="Show").click()
    # The calendar already shows the June session, projected from the Board's usual calendar.
    projected = page.get_by_role("row").filter(has_text="IAEA Board of Governors, June session")
    expect(projected).to_contain_text("projected")
    assert axe_violations(page) == []

    # Create the meeting with its announced dates and agenda.
    form = page.locator("form[action='/multilateral/meetings']")
    form.get_by_label("Body", exact=True).select_option("IAEA-BOG")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("First day").fill("2027-06-07")
    form.get_by_label("Last day").fill("2027-06-11")
    form.get_by_label("Agenda items (one per line)").fill(
        "NPT safeguards agreement with Iran\nNuclear security review"
    )
    form.get_by_role("button", name="Add meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_have_text("Meeting created.")
    assert axe_violations(page) == []

    # Assemble the delegation.
    for name, role, agency in (
        ("Ann Head", "head", "STATE_ISN_MNSA"),
        ("Ed Expert", "expert", "ENERGY_NNSA"),
    ):
        page.get_by_label("Delegate's name").fill(name)
        page.get_by_label("Role", exact=True).select_option(role)
        page.get_by_label("Agency", exact=True).select_option(agency)
        page.get_by_role("button", name="Add delegate").click()
    delegation = page.get_by_role("table", name="Members of the delegation")
    expect(delegation).to_contain_text("Ann Head")
    expect(delegation).to_contain_text("ENERGY_NNSA")

    # Draft the instruction with two clearing offices.
    draft = page.locator("form[action$='/instructions']")
    draft.get_by_label("Subject").fill("Agenda item 2: NPT safeguards agreement with Iran")
    draft.get_by_label("Mission").fill("USMISSION UNVIE")
    draft.get_by_label("Text", exact=True).fill("Support the draft resolution; speak after the EU.")
    draft.get_by_label("Clearing offices, in order (one per line)").fill("ISN/MNSA\nL/NPV")
    draft.get_by_role("button", name="Draft instruction").click()
    expect(page.locator("#instruction-state")).to_have_text("drafted")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Submit for clearance").click()
    expect(page.locator("#instruction-state")).to_have_text("in clearance")
    instruction_url = page.url.split("?")[0]

    # The drafter may not clear her own text: the refusal is shown beside the button.
    page.get_by_role("button", name="Clear for ISN/MNSA").click()
    expect(page.locator("#clear-office-problem")).to_contain_text("you wrote this text")
    assert axe_violations(page) == []

    # She names Lars to clear for both offices on the clearing officers page.
    page.get_by_role("navigation", name="Multilateral").get_by_role(
        "link", name="Clearing officers"
    ).click()
    for office in ("ISN/MNSA", "L/NPV"):
        page.get_by_label("Office (e.g. L/NPV)").fill(office)
        page.get_by_label("User name").fill("lars")
        page.get_by_role("button", name="Appoint").click()
        expect(page.get_by_role("status")).to_have_text(f"lars now clears for {office}.")
    assert axe_violations(page) == []

    sign_in(page, server, "lars")
    page.goto(instruction_url)
    page.get_by_role("button", name="Clear for ISN/MNSA").click()
    expect(page.get_by_role("status")).to_have_text("Clearance recorded.")
    page.get_by_label("Note from L/NPV").fill("Cleared as edited.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Clear for L/NPV").click()
    clearance = page.get_by_role("table", name="Offices that clear, in order")
    expect(clearance.get_by_role("row").filter(has_text="ISN/MNSA")).to_contain_text("cleared")
    expect(clearance.get_by_role("row").filter(has_text="L/NPV")).to_contain_text(
        "Cleared as edited."
    )
    # Whoever cleared may not approve.
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#approve-action-problem")).to_contain_text("you cleared this text")
    assert axe_violations(page) == []

    sign_in(page, server, "milo")
    page.goto(instruction_url)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#instruction-state")).to_have_text("approved")
    page.get_by_role("button", name="Send to USMISSION UNVIE").click()
    expect(page.locator("#instruction-state")).to_have_text("sent")
    history = page.get_by_role("table", name="Who did what and when")
    expect(history.get_by_role("row")).to_have_count(7)  # header + 6 steps
    for person in ("mona", "lars", "milo"):
        expect(history).to_contain_text(person)
    assert axe_violations(page) == []

    # The meeting page lists the instruction as sent.
    page.get_by_role("link", name=TITLE).click()
    instructions = page.get_by_role("table", name="Instructions for this meeting")
    expect(instructions).to_contain_text("sent")
    expect(instructions).to_contain_text("2 of 2 cleared")

    # The .ics export of the Board's sessions opens in a standard parser.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Multilateral").click()
    filters.get_by_label("Body").select_option("IAEA-BOG")
    filters.get_by_role("button", name="Show").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as iCalendar (.ics) for IAEA-BOG").click()
    data = Path(download.value.path()).read_bytes()
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    ours = next(e for e in events if str(e["summary"]) == f"IAEA-BOG: {TITLE}")
    assert ours.decoded("dtstart") == date(2027, 6, 7)
    assert str(ours["status"]) == "CONFIRMED"


def test_hcoc_and_contributions_pages_are_accessible(page: Page, server: Server) -> None:
    sign_in(page, server, "mona")
    page.goto(f"{server.url}/multilateral/hcoc")
    page.get_by_label("Vehicle class").select_option("SLV")
    page.get_by_label("Launch window opens (UTC)").fill("2026-03-01T08:00")
    page.get_by_label("Launch window closes (UTC)").fill("2026-03-01T12:00")
    page.get_by_label("Launch area").fill("Cape Canaveral")
    page.get_by_label("General direction").fill("east")
    page.get_by_label("Notified at (UTC; now if empty)").fill("2026-03-01T09:00")
    page.get_by_role("button", name="Record notification").click()
    expect(page.get_by_role("status")).to_contain_text("LATE")
    expect(page.locator("tr.late")).to_contain_text("late")
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Multilateral").get_by_role(
        "link", name="IAEA contributions"
    ).click()
    page.get_by_label("Amount (USD)", exact=True).fill("1500000")
    page.get_by_label("Fund", exact=True).select_option("TCF")
    page.get_by_role("button", name="Record contribution").click()
    expect(page.get_by_role("img", name="Voluntary contributions by year")).to_be_visible()
    expect(page.get_by_role("table", name="Totals by year and fund (US dollars)")).to_contain_text(
        "1,500,000.00"
    )
    assert axe_violations(page) == []
