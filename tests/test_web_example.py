"""The example web service (examples/web/app.py), started on localhost and called over HTTP."""

from __future__ import annotations

import importlib.util
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from dangvien.schema import shipped_schema

jsonschema = pytest.importorskip("jsonschema")
icalendar = pytest.importorskip("icalendar")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "long-thanh"


def _load_app() -> Any:
    spec = importlib.util.spec_from_file_location(
        "dangvien_web_example", ROOT / "examples/web/app.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    app = _load_app().make_app(EXAMPLE)
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


def validate(instance: Any, name: str) -> None:
    schema = shipped_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls(schema, format_checker=cls.FORMAT_CHECKER).validate(instance)


def test_index_lists_endpoints(base: str) -> None:
    """GET / lists the endpoints."""
    status, _, body = get(base + "/")
    assert 200 == status
    assert {"eligibility", "report_json", "report_html", "deadlines"} == set(
        json.loads(body)["endpoints"]
    )


def test_eligibility_follows_the_schema(base: str) -> None:
    """A person's eligibility on a date: the admission rules' evaluations, schema-valid."""
    status, media, body = get(base + "/people/LT-0290/eligibility?on=2025-12-31")
    assert (200, "application/json; charset=utf-8") == (status, media)
    data = json.loads(body)
    validate(data, "admissibility")
    assert ("LT-0290", "2025-12-31") == (data["person"], data["on"])
    assert data["evaluations"]


def test_unknown_person_is_404(base: str) -> None:
    """An unknown person: 404 with the message in both languages."""
    status, _, body = get(base + "/people/NOBODY/eligibility?on=2025-12-31")
    assert 404 == status
    assert {"vi", "en"} == set(json.loads(body)["error"])


def test_bad_date_is_400(base: str) -> None:
    """A bad date: 400, nothing computed."""
    status, _, body = get(base + "/people/LT-0290/eligibility?on=31-31-2025")
    assert 400 == status
    assert "bad date" in json.loads(body)["error"]["en"]


def test_report_json_follows_the_schema(base: str) -> None:
    """The report as JSON validates against report.schema.json and holds the 16 cells."""
    status, media, body = get(base + "/report.json?as_of=2025-12-31&lang=en")
    assert (200, "application/json") == (status, media)
    data = json.loads(body)
    validate(data, "report")
    assert (16, 21) == (len(data["rows"]), data["target"])


def test_report_html(base: str) -> None:
    """The report as the web page."""
    status, media, body = get(base + "/report.html?as_of=2025-12-31")
    assert (200, "text/html; charset=utf-8") == (status, media)
    page = body.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert "<td>Văn Tràng</td>" in page


def test_deadlines_ics(base: str) -> None:
    """The deadlines as iCalendar: one event per act due, with one reminder when asked."""
    status, media, body = get(
        base + "/due.ics?from=2026-01-01&to=2026-12-31&as_of=2025-12-31&remind=3"
    )
    assert (200, "text/calendar; charset=utf-8") == (status, media)
    events = list(icalendar.Calendar.from_ical(body).walk("VEVENT"))
    assert events
    assert all(1 == len(list(e.walk("VALARM"))) for e in events)


def test_unknown_path_is_404(base: str) -> None:
    """Anything else: 404."""
    assert 404 == get(base + "/nothing")[0]
