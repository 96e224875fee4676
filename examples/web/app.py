"""A small web service over dangvien: how a commune system embeds the library.

Standard library only (WSGI, ``wsgiref``): no framework to install, so the
example shows the library's calls and nothing else.  Endpoints (GET)::

    /                                        the endpoints, as JSON
    /people/<id>/eligibility?on=DATE         could the person be admitted at a
                                             cell meeting on DATE? (JSON,
                                             schema admissibility.schema.json)
    /report.json?year=Y&as_of=DATE&lang=vi   the report (schema report.schema.json)
    /report.html?year=Y&as_of=DATE&lang=vi   the report as a web page
    /due.ics?from=DATE&to=DATE&remind=7,1    the deadlines as an iCalendar file

Dates are ISO (2025-12-31) or dd/mm/yyyy; ``as_of`` defaults to the
dataset's own date, else today in Vietnam.  Errors are JSON
``{"error": {"vi": …, "en": …}}`` with status 400 (bad parameter) or 404
(unknown person or path).

Run it::

    python examples/web/app.py examples/long-thanh --port 8000

The dataset is loaded once at start; every request computes on it as known
on the as-of date asked, so requests never change it and can run in
parallel.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from dangvien.dates import parse_date
from dangvien.errors import DangvienError, UnknownIdError
from dangvien.io import load_dataset
from dangvien.model.register import Dataset
from dangvien.output import dumps
from dangvien.report import build_report, get_format, render
from dangvien.results import DueResult
from dangvien.rules import due, resolve_as_of
from dangvien.rules.eligibility import admissible

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

JSON = "application/json; charset=utf-8"
ENDPOINTS = {
    "eligibility": "/people/{id}/eligibility?on=YYYY-MM-DD",
    "report_json": "/report.json?year=&as_of=&lang=vi",
    "report_html": "/report.html?year=&as_of=&lang=vi",
    "deadlines": "/due.ics?from=YYYY-MM-DD&to=YYYY-MM-DD&as_of=&remind=7,1",
}


class BadRequest(Exception):
    """A parameter the service cannot use (status 400)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en


def _error(status: str, vi: str, en: str) -> tuple[str, str, bytes]:
    body = json.dumps({"error": {"vi": vi, "en": en}}, ensure_ascii=False)
    return status, JSON, body.encode()


class App:
    """The WSGI application over one dataset."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    # --- parameters -------------------------------------------------------------

    @staticmethod
    def _date(query: dict[str, list[str]], name: str, *, required: bool = False) -> date | None:
        values = query.get(name)
        if not values:
            if required:
                raise BadRequest(f"thiếu tham số {name}", f"missing parameter {name}")
            return None
        try:
            return parse_date(values[0])
        except ValueError:
            raise BadRequest(
                f"ngày không hợp lệ {name}={values[0]!r}", f"bad date {name}={values[0]!r}"
            ) from None

    @staticmethod
    def _lang(query: dict[str, list[str]]) -> Any:
        lang = query.get("lang", ["vi"])[0]
        if lang not in ("vi", "en"):
            raise BadRequest("lang phải là vi hoặc en", "lang must be vi or en")
        return lang

    @staticmethod
    def _int(query: dict[str, list[str]], name: str) -> int | None:
        values = query.get(name)
        if not values:
            return None
        try:
            return int(values[0])
        except ValueError:
            raise BadRequest(
                f"cần số nguyên: {name}", f"a whole number is needed: {name}"
            ) from None

    # --- endpoints ----------------------------------------------------------------

    def eligibility(self, person: str, query: dict[str, list[str]]) -> tuple[str, str, bytes]:
        on = self._date(query, "on", required=True)
        assert on is not None
        as_of = self._date(query, "as_of")
        answer = admissible(self.dataset, person, on, as_of=as_of)
        return "200 OK", JSON, dumps(answer, lang=self._lang(query)).encode()

    def report(self, fmt: str, query: dict[str, list[str]]) -> tuple[str, str, bytes]:
        when = resolve_as_of(self.dataset, self._date(query, "as_of"))
        year = self._int(query, "year")
        report = build_report(self.dataset, year=year, as_of=when)  # keeps its source
        out = render(report, fmt, lang=self._lang(query))
        data = out.encode() if isinstance(out, str) else out
        return "200 OK", get_format(fmt).media_type, data

    def deadlines(self, query: dict[str, list[str]]) -> tuple[str, str, bytes]:
        from dangvien.render.ics import DEFAULT_REMINDERS, render_ics

        start = self._date(query, "from", required=True)
        end = self._date(query, "to", required=True)
        assert start is not None
        assert end is not None
        when = resolve_as_of(self.dataset, self._date(query, "as_of"))
        remind = DEFAULT_REMINDERS
        if "remind" in query:
            try:
                days = [int(d) for d in query["remind"][0].split(",") if d.strip()]
            except ValueError:
                days = [-1]
            if any(d < 0 for d in days):
                raise BadRequest("remind: số ngày không hợp lệ", "remind: bad number of days")
            remind = tuple(d for d in days if d > 0)
        items = due(self.dataset, start, end, as_of=when.date)
        result = DueResult(when, start, end, tuple(items))
        org = self.dataset.organization
        communes = [o for o in org.walk() if o.cells]
        name = communes[0].name if len(communes) == 1 else org.name
        data = render_ics(result, self._lang(query), reminders=remind, calendar_name=name)
        return "200 OK", "text/calendar; charset=utf-8", data

    def route(self, method: str, path: str, query: dict[str, list[str]]) -> tuple[str, str, bytes]:
        if method not in ("GET", "HEAD"):
            return _error("405 Method Not Allowed", "chỉ nhận GET", "GET only")
        parts = [p for p in path.split("/") if p]
        if not parts:
            return "200 OK", JSON, json.dumps({"endpoints": ENDPOINTS}).encode()
        if len(parts) == 3 and parts[0] == "people" and parts[2] == "eligibility":
            return self.eligibility(parts[1], query)
        if parts == ["report.json"]:
            return self.report("json", query)
        if parts == ["report.html"]:
            return self.report("html", query)
        if parts == ["due.ics"]:
            return self.deadlines(query)
        return _error("404 Not Found", f"không có đường dẫn {path}", f"no path {path}")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        try:
            status, media_type, body = self.route(
                environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/"), query
            )
        except BadRequest as exc:
            status, media_type, body = _error("400 Bad Request", exc.vi, exc.en)
        except UnknownIdError as exc:
            status, media_type, body = _error("404 Not Found", exc.message("vi"), exc.message("en"))
        except DangvienError as exc:
            status, media_type, body = _error("400 Bad Request", exc.message("vi"),
                                              exc.message("en"))  # fmt: skip
        headers = [("Content-Type", media_type), ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]


def make_app(dataset: Dataset | str | Path) -> App:
    """Return the WSGI application over *dataset* (a Dataset or a dataset directory)."""
    return App(dataset if isinstance(dataset, Dataset) else load_dataset(dataset))


def main(argv: list[str] | None = None) -> int:
    """Serve a dataset on localhost."""
    p = argparse.ArgumentParser(description="dangvien example web service")
    p.add_argument("dataset")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    args = p.parse_args(argv)
    app = make_app(args.dataset)
    with make_server(args.host, args.port, app) as server:
        print(f"http://{args.host}:{server.server_port}/", file=sys.stderr)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
