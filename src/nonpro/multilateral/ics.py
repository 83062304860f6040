"""The calendar as iCalendar (RFC 5545): one all-day event per session.

Projected sessions go out as TENTATIVE with the word in the summary, so a subscriber's calendar
never shows a guessed date as a confirmed one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from nonpro.multilateral.schemas import MeetingOut

PRODID = "-//nonpro//multilateral calendar//EN"


def to_ics(meetings: list[MeetingOut], *, name: str, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.id}@nonpro")
        event.add("dtstamp", stamp)
        summary = f"{meeting.body}: {meeting.title}"
        event.add("summary", f"{summary} (projected)" if meeting.projected else summary)
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + timedelta(days=1))  # DTEND of a date is exclusive
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("status", "TENTATIVE" if meeting.projected else "CONFIRMED")
        event.add("categories", [meeting.body])
        lines = [meeting.body_name]
        if meeting.agenda:
            lines += ["Agenda:", *(f"- {item}" for item in meeting.agenda)]
        if meeting.note:
            lines.append(meeting.note)
        lines.append(f"Source: {meeting.source} ({meeting.confidence or 'unrated'})")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
