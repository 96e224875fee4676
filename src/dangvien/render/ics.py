"""Acts falling due as an iCalendar file (lịch việc đến hạn, RFC 5545).

``dangvien due DATASET --from … --to … --format ics`` writes one all-day
event per act due, on its last lawful day, that a cell secretary adds to a
phone calendar.  Each event carries the finding's message and its legal basis
in the description, and reminders (``VALARM``) at 8:00 a number of days before
the deadline (7 and 1 by default).  Its UID is derived from the person, the
rule and the date of the act that started the time limit, so importing a
newer file updates the same events instead of adding copies.

A phone calendar is often synchronised to an outside service, so the file
names each member by id and name only; any personal data a message carries
is masked unless ``reveal=True`` (:mod:`dangvien.privacy`).

Needs the optional ``calendar`` extra (the icalendar library):
``pip install 'dangvien[calendar]'``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from dangvien import privacy
from dangvien.errors import UsageError
from dangvien.findings import Language
from dangvien.messages import Text, render
from dangvien.results import DueResult
from dangvien.rules import DueItem

__all__ = ["DEFAULT_REMINDERS", "event_uid", "render_ics"]

#: Days before a deadline a reminder fires, by default.
DEFAULT_REMINDERS: tuple[int, ...] = (7, 1)

# Reminders fire at this hour of the day, local time, rather than at midnight.
_REMIND_AT = timedelta(hours=8)


def event_uid(item: DueItem) -> str:
    """The event's stable UID: a hash of the person, the rule and the act's start.

    The same act keeps its UID from one run to the next, whatever the window,
    the as-of date or the language, so calendars update it in place.
    """
    f = item.finding
    start = f.on.isoformat() if f.on is not None else item.due.isoformat()
    key = f"{item.subject}\x1f{f.rule}\x1f{start}".encode()
    return hashlib.sha256(key).hexdigest()[:32] + "@dangvien"


def _icalendar() -> Any:
    try:
        import icalendar
    except ModuleNotFoundError as exc:
        raise UsageError.from_text(
            Text(
                "report.error.missing_extra",
                {"format": "ics", "module": "icalendar", "extra": "calendar"},
            )
        ) from exc
    return icalendar


def render_ics(
    result: DueResult,
    lang: Language = "vi",
    /,
    *,
    reminders: Sequence[int] = DEFAULT_REMINDERS,
    calendar_name: str | None = None,
    reveal: bool = False,
) -> bytes:
    """Return the acts of *result* as an iCalendar file (UTF-8 bytes).

    Args:
        result: what ``dangvien due`` found.
        lang: the language of the summaries and descriptions.
        reminders: days before each deadline to remind (none when empty).
        calendar_name: the calendar's display name (the organisation's).
        reveal: show personal data in full (also inside
            :func:`dangvien.privacy.revealed`); masked by default.

    Raises:
        UsageError: when the icalendar library is not installed.

    """
    ical = _icalendar()
    with privacy.revealed(reveal):
        return _calendar(ical, result, lang, reminders, calendar_name)


def _calendar(
    ical: Any,
    result: DueResult,
    lang: Language,
    reminders: Sequence[int],
    calendar_name: str | None,
) -> bytes:
    from dangvien import __version__

    cal = ical.Calendar()
    cal.add("prodid", f"-//dangvien//dangvien {__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if calendar_name is not None:
        cal.add("x-wr-calname", render("report.ics.calendar", lang, name=calendar_name))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    # DTSTAMP is required; the as-of date keeps the file the same from run to run.
    stamp = datetime.combine(result.as_of.date, time(), tzinfo=UTC)
    for item in result.items:
        f = item.finding
        key = "report.ics.overdue" if item.overdue else "report.ics.summary"
        summary = render(key, lang, act=item.act, name=item.name)
        citation = (
            render("report.ics.no_citation", lang)
            if f.citation is None
            else f"{f.citation.text} ({f.confidence.value})"
        )
        description = render(
            "report.ics.description",
            lang,
            message=f.message(lang),
            citation=citation,
            person=item.subject,
            name=item.name,
            day=result.as_of.date,
        )
        event = ical.Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("categories", [f.rule])
        event.add("transp", "TRANSPARENT")
        for days in reminders:
            alarm = ical.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", render("report.ics.alarm", lang, days=days, summary=summary))
            alarm.add("trigger", -timedelta(days=days) + _REMIND_AT)
            event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
