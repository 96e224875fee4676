"""The plan-fulfilment report (báo cáo thực hiện kế hoạch phát triển đảng viên).

Data apart from its layouts:

- :mod:`dangvien.report.data`: the :class:`Report` value and its parts,
  shaped for JSON consumers and any organisation level;
- :mod:`dangvien.report.build`: :func:`build_report`, which computes it from
  one rule context;
- :mod:`dangvien.report.formats`: the renderers, registered by name
  (:func:`render`): ``text``, ``json``, ``html``, ``xlsx`` (extra
  ``excel``), ``docx`` (extra ``word``).

>>> from datetime import date
>>> from dangvien.model import Cell, Dataset, Organization, OrgLevel
>>> org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE, cells=(Cell("a", "A"),))
>>> report = build_report(Dataset(org), as_of=date(2025, 12, 31))
>>> report.as_of.date, report.rows[0].unit, report.rows[0].level.value
(datetime.date(2025, 12, 31), 'a', 'chi bộ')
>>> render(report, "text", lang="en").splitlines()[0]
'PARTY-MEMBER DEVELOPMENT PLAN: FULFILMENT REPORT FOR 2025'
"""

from dangvien.report.build import build_report
from dangvien.report.data import (
    CandidateRow,
    ForecastSummary,
    IntroductionRow,
    LevelRow,
    Pipeline,
    Report,
    RowForecast,
    RuleSummary,
    Tally,
    TargetFrom,
    Unit,
    UnitLevel,
    UnitRow,
)
from dangvien.report.formats import Format, formats, get_format, register, render
from dangvien.report.text import WIDTH, render_text

__all__ = [
    "WIDTH",
    "CandidateRow",
    "ForecastSummary",
    "Format",
    "IntroductionRow",
    "LevelRow",
    "Pipeline",
    "Report",
    "RowForecast",
    "RuleSummary",
    "Tally",
    "TargetFrom",
    "Unit",
    "UnitLevel",
    "UnitRow",
    "build_report",
    "formats",
    "get_format",
    "register",
    "render",
    "render_text",
]
