"""dangvien: party-member development work of a Vietnamese commune party committee.

The public API in one place::

    import dangvien
    findings = dangvien.check(dataset, as_of=date(2025, 12, 31))

Sub-packages hold the rest: :mod:`dangvien.model`, :mod:`dangvien.io`,
:mod:`dangvien.rules`, :mod:`dangvien.quotas`, :mod:`dangvien.parameters`,
:mod:`dangvien.strategies` (needs Hypothesis).
"""

from dangvien.calendar import DAY_SWAPS, CalendarRangeError, DaySwap, WorkCalendar
from dangvien.dates import (
    add_months,
    format_date_vn,
    full_months,
    full_years,
    parse_date,
    today_vn,
)
from dangvien.documents import (
    Citation,
    Confidence,
    DocRef,
    DocumentRegister,
    KnownDocument,
    parse_ref,
)
from dangvien.findings import Finding, Severity
from dangvien.model import (
    Cell,
    CellKind,
    Dataset,
    EducationLevel,
    Event,
    MassOrganization,
    Organization,
    OrgLevel,
    Person,
    Plan,
    Record,
    Sex,
    Stage,
)
from dangvien.parameters import Parameters, default_parameters
from dangvien.regimes import Regime, regime_at
from dangvien.report import Report, build_report
from dangvien.rules import Evaluation, PartyAge, Status, check, due, explain, party_age

__version__ = "0.1.0.dev0"

__all__ = [
    "DAY_SWAPS",
    "CalendarRangeError",
    "Cell",
    "CellKind",
    "Citation",
    "Confidence",
    "Dataset",
    "DaySwap",
    "DocRef",
    "DocumentRegister",
    "EducationLevel",
    "Evaluation",
    "Event",
    "Finding",
    "KnownDocument",
    "MassOrganization",
    "OrgLevel",
    "Organization",
    "Parameters",
    "PartyAge",
    "Person",
    "Plan",
    "Record",
    "Regime",
    "Report",
    "Severity",
    "Sex",
    "Stage",
    "Status",
    "WorkCalendar",
    "__version__",
    "add_months",
    "build_report",
    "check",
    "default_parameters",
    "due",
    "explain",
    "format_date_vn",
    "full_months",
    "full_years",
    "parse_date",
    "parse_ref",
    "party_age",
    "regime_at",
    "today_vn",
]
