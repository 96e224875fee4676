"""The headers dangvien accepts in member lists and event sheets, and the mapping file.

Office spreadsheets name their columns in many ways (``Họ và tên``, ``HỌ TÊN``,
``Ho va ten``); a header is matched after :func:`header_key`, which removes
diacritics, case, punctuation and repeated spaces.  Header matching is the
only place where dangvien ignores diacritics: the values in the cells are
matched with every diacritic kept.

Two tables list the accepted headers, field by field: :data:`MEMBER_HEADERS`
for the wide member list (one row per person) and :data:`EVENT_HEADERS` for
the long event sheet (one row per event).  The first header of each field is
the one dangvien writes.  :data:`IGNORED_HEADERS` are columns office lists
often carry that the model has no place for (religion, home town, notes…):
they are read past, by design and as documented.  :data:`STACKED_HEADERS`
are the columns of the printed register (Mẫu 7-HSĐV) that stack several
values in one cell; they are reported, with the columns to split them into.

An office names its own columns in a mapping file, ``columns.toml``
(:data:`MAPPING_FILE`)::

    ignore_sheets = ["Tổng hợp"]

    [member_list]
    "Ngày vào Đảng dự bị" = "ceremony"
    "Số điện thoại" = "ignore"

    [events]
    "Ngày ký" = "date"

Its entries win over the built-in tables; ``"ignore"`` reads past a column.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from dangvien._text import fold, key
from dangvien.io._issues import LoadIssue
from dangvien.messages import Text
from dangvien.model import events as ev

__all__ = [
    "BIRTH_FEMALE",
    "BIRTH_MALE",
    "EVENT_FIELDS",
    "EVENT_HEADERS",
    "IGNORE",
    "IGNORED_HEADERS",
    "MAPPING_FILE",
    "MEMBER_FIELDS",
    "MEMBER_HEADERS",
    "STACKED_HEADERS",
    "HeaderMapping",
    "Match",
    "header_key",
    "mapping_from",
    "match_header",
    "read_mapping",
]

#: The mapping file of an office's own headers, beside ``organization.toml``.
MAPPING_FILE: Final = "columns.toml"
#: The field name that reads past a column.
IGNORE: Final = "ignore"
#: The sub-columns of a birth-date header that give the sex as well.
BIRTH_MALE: Final = "birth_date_male"
BIRTH_FEMALE: Final = "birth_date_female"

Table = Literal["member_list", "events"]

#: Accepted headers of the wide member list, field by field; the first is written.
MEMBER_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("Mã", "Mã đảng viên", "Mã số", "Mã người", "id"),
    "serial": ("STT", "Số TT", "TT", "Số thứ tự"),
    "full_name": ("Họ và tên", "Họ tên", "Họ và tên đang dùng", "Full name", "full_name"),
    "birth_date": (
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Ngày, tháng, năm sinh",
        "Năm sinh",
        "Sinh ngày",
        "Date of birth",
        "birth_date",
    ),
    "sex": ("Giới tính", "Nam/Nữ", "Phái", "Sex", "sex"),
    "ethnicity": ("Dân tộc", "ethnicity"),
    "education": (
        "Trình độ GDPT",
        "Trình độ giáo dục phổ thông",
        "Trình độ học vấn",
        "Trình độ học vấn phổ thông",
        "Trình độ văn hóa",
        "Văn hóa",
        "Học vấn",
        "GDPT",
        "education",
    ),
    "hamlet": ("Xóm", "Thôn", "Xóm/thôn", "Thôn/xóm", "Thôn/bản", "Bản", "hamlet"),
    "workplace": (
        "Nơi làm việc",
        "Nơi làm việc/học tập",
        "Nơi công tác",
        "Đơn vị",
        "Đơn vị/Bộ phận",
        "Đơn vị công tác",
        "workplace",
    ),
    "cell": ("Chi bộ", "Chi bộ sinh hoạt", "Tên chi bộ", "cell"),
    "special_area": ("Vùng đặc biệt khó khăn", "Vùng ĐBKK", "special_area"),
    "admission_decision": (
        "Ngày quyết định kết nạp",
        "Ngày ra quyết định kết nạp",
        "Ngày cấp có thẩm quyền ra quyết định kết nạp",
        "Ngày QĐ kết nạp",
        "Ngày QĐKN",
        "admission_decision",
    ),
    "ceremony": (
        "Ngày vào Đảng",
        "Ngày kết nạp",
        "Ngày kết nạp vào Đảng",
        "Ngày KN vào Đảng",
        "Ngày vào Đảng (dự bị)",
        "Ngày vào Đảng dự bị",
        "ceremony",
    ),
    "official": (
        "Ngày chính thức",
        "Ngày công nhận chính thức",
        "Ngày vào Đảng chính thức",
        "Ngày vào Đảng (chính thức)",
        "Ngày đảng viên chính thức",
        "official",
    ),
    "card_no": ("Số thẻ đảng viên", "Số thẻ ĐV", "Số thẻ Đảng", "Số thẻ", "card_no"),
    "dossier_no": ("Số lý lịch", "Số lý lịch đảng viên", "Số LL", "Số LLĐV", "dossier_no"),
}

#: Columns of office lists that the model has no place for: read past, by design.
IGNORED_HEADERS: Final[tuple[str, ...]] = (
    "Tôn giáo",
    "Quê quán",
    "Nơi sinh",
    "Nơi ở hiện nay",
    "Chỗ ở hiện nay",
    "Nơi cư trú",
    "Nghề nghiệp",
    "Chức vụ",
    "Nghề nghiệp, chức vụ",
    "Chuyên môn",
    "Trình độ chuyên môn",
    "Chuyên môn nghiệp vụ",
    "CMNV",
    "LLCT",
    "Lý luận chính trị",
    "Trình độ LLCT",
    "Trình độ lý luận chính trị",
    "Trình độ QLNN",
    "Ngoại ngữ",
    "Tin học",
    "Tuổi",
    "Tuổi đời",
    "Tuổi đảng",
    "Trạng thái",
    "Ghi chú",
    "Tên thường dùng",
    "Bí danh",
    "Thành phần xuất thân",
    "Số HHĐ",
    "Số huy hiệu Đảng",
    "Người giới thiệu 1",
    "Người giới thiệu 2",
    "Số điện thoại",
)

#: Columns of the printed register that stack several values in one cell,
#: with the columns to split each into.
STACKED_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "Ngày vào Đảng, ngày chính thức": ("Ngày vào Đảng", "Ngày chính thức"),
    "Nam, nữ, dân tộc, tôn giáo": ("Giới tính", "Dân tộc", "Tôn giáo"),
    "Số thẻ đảng viên, số lý lịch đảng viên, số Huy hiệu Đảng": (
        "Số thẻ đảng viên",
        "Số lý lịch",
        "Số HHĐ",
    ),
    "Văn hóa, lý luận, CMNV, ngoại ngữ": ("Trình độ GDPT", "LLCT", "CMNV", "Ngoại ngữ"),
    "Họ và tên, ngày tháng năm sinh": ("Họ và tên", "Ngày sinh"),
    "Ngày cấp có thẩm quyền ra QĐ KN, ngày KN vào Đảng, ngày chính thức": (
        "Ngày quyết định kết nạp",
        "Ngày vào Đảng",
        "Ngày chính thức",
    ),
}

#: Accepted headers of the long event sheet, field by field; the first is written.
EVENT_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "person_id": ("Mã", "Mã người", "Mã đảng viên", "person_id"),
    "date": ("Ngày", "Ngày tháng", "date"),
    "type": ("Loại sự kiện", "Sự kiện", "type"),
    "doc_no": ("Số văn bản", "Số hiệu văn bản", "Số quyết định", "doc_no"),
    "issuer": ("Cơ quan ban hành", "Nơi ban hành", "issuer"),
    "note": ("Ghi chú", "note"),
    "organization": ("Đoàn thể giới thiệu", "Đoàn thể", "organization"),
    "cell": ("Chi bộ", "cell"),
    "introducers": ("Người giới thiệu", "Mã người giới thiệu", "introducers"),
    "org_introducer": ("Tổ chức giới thiệu", "org_introducer"),
    "votes_for": ("Số tán thành", "Số phiếu tán thành", "votes_for"),
    "official_members": ("Số đảng viên chính thức", "official_members"),
    "approved": ("Thông qua", "Được thông qua", "approved"),
    "members": ("Số ủy viên", "members"),
    "purpose": ("Mục đích", "purpose"),
    "received": ("Ngày nhận", "Ngày chi bộ nhận", "received"),
    "official_from": ("Chính thức từ ngày", "Ngày chính thức", "official_from"),
    "card_no": ("Số thẻ", "Số thẻ đảng viên", "card_no"),
    "destination": ("Chuyển đến", "Nơi chuyển đến", "destination"),
    "source": ("Chuyển từ", "Nơi chuyển từ", "source"),
    "probationary": ("Dự bị", "probationary"),
    "kind": ("Loại vi phạm", "kind"),
    "reason": ("Lý do", "Lý do xóa tên", "Lý do miễn sinh hoạt", "reason"),
    "ground": ("Căn cứ khai trừ", "ground"),
    "years": ("Huy hiệu (năm tuổi Đảng)", "Số năm tuổi Đảng", "years"),
    "year": ("Năm", "Năm đánh giá", "year"),
    "rating": ("Xếp loại", "Mức xếp loại", "rating"),
    # The membership life: discipline, transfers, exemption, elections.
    "ceremony": ("Ngày kết nạp (lễ)", "Ngày lễ kết nạp", "ceremony"),
    "valid_reason": ("Có lý do chính đáng", "valid_reason"),
    "form": ("Hình thức kỷ luật", "form"),
    "body": ("Cấp quyết định kỷ luật", "Cấp kỷ luật", "body"),
    "violation": ("Ngày vi phạm", "violation"),
    "no_limitation": ("Không áp dụng thời hiệu", "no_limitation"),
    "months": ("Số tháng vắng", "Thời gian vắng (tháng)", "months"),
    "abroad": ("Ra nước ngoài", "abroad"),
    "study": ("Đi học", "study"),
    "until": ("Đến ngày", "until"),
    "introduced_on": ("Ngày giới thiệu sinh hoạt", "introduced_on"),
    "role": ("Chức danh được bầu", "role"),
    "present": ("Số có mặt", "present"),
    "against": ("Số không tán thành", "against"),
    "base": ("Số tính tỷ lệ", "Tổng số tính tỷ lệ", "base"),
    "exempted_present": ("Số miễn sinh hoạt có mặt", "exempted_present"),
    "excused": ("Số vắng có lý do", "excused"),
}


def _event_fields() -> tuple[str, ...]:
    """The fields of the event sheet, in the order of the model (as ``events.csv``)."""
    own = [
        f.name
        for cls in ev.EVENT_TYPES.values()
        for f in attrs.fields(cls)
        if f.name not in ("date", "doc_no", "issuer", "note")
    ]
    return ("person_id", "date", "type", "doc_no", "issuer", "note", *dict.fromkeys(own))


#: The member-list fields: the columns :func:`~dangvien.io.workbook.save_workbook` writes.
MEMBER_FIELDS: Final[tuple[str, ...]] = tuple(f for f in MEMBER_HEADERS if f != "serial")
#: The event-sheet fields, in the order of ``events.csv``.
EVENT_FIELDS: Final[tuple[str, ...]] = _event_fields()

_NUMBERED: Final = re.compile(r"\s*\(\s*[0-9]{1,2}\s*\)\s*$")
_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    r"""Return the matching key of a header: no diacritics, case or punctuation.

    A trailing column number in parentheses (``Họ và tên (2)``) is dropped.

    >>> header_key("  HỌ VÀ  TÊN\n(2)")
    'ho va ten'
    >>> header_key("Ngày, tháng, năm sinh") == header_key("Ngay thang nam sinh")
    True
    """
    return _NOT_ALNUM.sub(" ", fold(_NUMBERED.sub("", text))).strip()


def _birth_sub_columns() -> dict[str, str]:
    """``Ngày sinh`` over ``Nam`` / ``Nữ`` (any birth-date header) → the sub-column fields."""
    out = {}
    for header in MEMBER_HEADERS["birth_date"]:
        out[header_key(f"{header} Nam")] = BIRTH_MALE
        out[header_key(f"{header} Nữ")] = BIRTH_FEMALE
    return out


def _index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {header_key(h): field for field, headers in table.items() for h in headers}


_MEMBER_INDEX: Final = {**_index(MEMBER_HEADERS), **_birth_sub_columns()}
_EVENT_INDEX: Final = _index(EVENT_HEADERS)
_IGNORED_INDEX: Final = frozenset(header_key(h) for h in IGNORED_HEADERS)
_STACKED_INDEX: Final = {header_key(h): parts for h, parts in STACKED_HEADERS.items()}


@attrs.frozen
class HeaderMapping:
    """An office's own headers (the mapping file, ``columns.toml``).

    Attributes:
        member_list: header key (:func:`header_key`) → member-list field or ``"ignore"``.
        events: header key → event-sheet field or ``"ignore"``.
        ignore_sheets: keys (:func:`~dangvien._text.key`) of sheets to read past.

    """

    member_list: Mapping[str, str] = attrs.field(factory=dict)
    events: Mapping[str, str] = attrs.field(factory=dict)
    ignore_sheets: frozenset[str] = frozenset()

    def ignores_sheet(self, title: str) -> bool:
        """Return whether the sheet *title* is listed in ``ignore_sheets``."""
        return key(title) in self.ignore_sheets


@attrs.frozen
class Match:
    """What a header means.

    Attributes:
        field: the field, ``"ignore"``, or None when the header is unknown
            or stacked.
        stacked: for a stacked column, the columns to split it into.

    """

    field: str | None
    stacked: tuple[str, ...] = ()


def match_header(text: str, table: Table, mapping: HeaderMapping | None = None) -> Match:
    """Return what the header *text* means in *table* (``member_list`` or ``events``).

    The mapping file wins, then the accepted headers, the ignored ones and
    the stacked ones.

    >>> match_header("NGAY VAO DANG", "member_list").field
    'ceremony'
    >>> match_header("Tôn giáo", "member_list").field
    'ignore'
    """
    k = header_key(text)
    own = mapping.member_list if mapping and table == "member_list" else None
    if mapping and table == "events":
        own = mapping.events
    if own and k in own:
        return Match(own[k])
    index = _MEMBER_INDEX if table == "member_list" else _EVENT_INDEX
    if k in index:
        return Match(index[k])
    if k in _IGNORED_INDEX:
        return Match(IGNORE)
    if table == "member_list" and k in _STACKED_INDEX:
        return Match(None, _STACKED_INDEX[k])
    return Match(None)


# --- the mapping file ------------------------------------------------------------


def _mapping_issue(
    file: str, row: str | None, column: str | None, value: str | None, text: Text
) -> LoadIssue:
    return LoadIssue(file, row, column, value, text)


def read_mapping(path: str | Path) -> tuple[HeaderMapping, tuple[LoadIssue, ...]]:
    """Read a mapping file; report every bad entry.

    Args:
        path: the ``columns.toml`` file.

    Returns:
        The mapping (without its bad entries) and the issues found.

    """
    path = Path(path)
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        text = Text("workbook.mapping.unreadable", {"error": str(exc)})
        return HeaderMapping(), (_mapping_issue(name, None, None, None, text),)
    return mapping_from(data, name)


def mapping_from(
    data: Mapping[str, Any], file: str = MAPPING_FILE
) -> tuple[HeaderMapping, tuple[LoadIssue, ...]]:
    """Build a :class:`HeaderMapping` from the parsed mapping file *data*.

    Args:
        data: the TOML document as a dict.
        file: its name, for the issues.

    Returns:
        The mapping (without its bad entries) and the issues found.

    """
    issues: list[LoadIssue] = []
    tables: dict[str, dict[str, str]] = {"member_list": {}, "events": {}}
    sheets: set[str] = set()
    allowed = {
        "member_list": (*MEMBER_HEADERS, BIRTH_MALE, BIRTH_FEMALE),
        "events": EVENT_FIELDS,
    }
    for top, value in data.items():
        if top == "ignore_sheets":
            if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
                issues.append(
                    _mapping_issue(file, top, top, str(value), Text("workbook.mapping.sheets"))
                )
            else:
                sheets.update(key(s) for s in value)
            continue
        if top not in tables or not isinstance(value, dict):
            issues.append(
                _mapping_issue(file, top, top, None, Text("workbook.mapping.unknown_key"))
            )
            continue
        names = (*allowed[top], IGNORE)
        for header, field in value.items():
            if not isinstance(field, str) or field not in names:
                text = Text("workbook.mapping.field", {"allowed": ", ".join(names)})
                issues.append(_mapping_issue(file, f"{top}.{header}", header, str(field), text))
                continue
            tables[top][header_key(header)] = field
    mapping = HeaderMapping(tables["member_list"], tables["events"], frozenset(sheets))
    return mapping, tuple(issues)
