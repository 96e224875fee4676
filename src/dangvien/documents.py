"""Party document references (số hiệu văn bản) and a register of known documents.

A party document number reads ``NUMBER-KIND/ISSUER``: ``24-QĐ/TW`` is a
*Quy định* of the Central Committee, ``05-QĐi/TW`` a *Quy định* of the
Secretariat, ``07-ĐA/HU`` a district committee's *Đề án*, ``-KH/ĐU`` a commune
committee's plan whose number was left blank.  The same number is reused over
the years (``01-HD/TW`` of 2016 and of 2021), so a document is identified by
its reference **and** its signing date.

:data:`KNOWN_DOCUMENTS` lists the central documents dangvien cites, with their
real signing and effective dates, so that a reference dated wrongly (the Long
Thành plan dates 24-QĐ/TW and 01-HD/TW to 2022; both were signed in 2021) or
no longer in force is detectable with :meth:`DocumentRegister.check`.
"""

from __future__ import annotations

import enum
import re
from datetime import date
from typing import ClassVar

import attrs

from dangvien._text import nfc
from dangvien.errors import UnknownIdError, UsageError
from dangvien.messages import Text

__all__ = [
    "KNOWN_DOCUMENTS",
    "Citation",
    "Confidence",
    "DocRef",
    "DocRefError",
    "DocumentRegister",
    "KnownDocument",
    "RefCheck",
    "RefStatus",
    "Series",
    "default_register",
    "parse_ref",
]


class DocRefError(UsageError):
    """A text is not a party document reference."""


# Dashes seen in real documents: hyphen, en dash, em dash, minus sign.
_REF = re.compile(
    (
        r"^(?:số\s*)?(?P<number>[0-9]*)\s*[-\u2013\u2014\u2212]\s*(?P<kind>[^\W\d_]+)"
        r"\s*/\s*(?P<issuer>[^\W\d_]+(?:-[^\W\d_]+)*)$"
    ),
    re.IGNORECASE,
)


@attrs.frozen(order=False, cache_hash=True)
class DocRef:
    """A party document number (số hiệu văn bản), e.g. ``24-QĐ/TW``.

    Attributes:
        number: the number, or None when it was left blank (``-KH/ĐU``).
        kind: the document kind as printed: ``QĐ``, ``QĐi``, ``HD``, ``CT``,
            ``ĐA``, ``KH``, ``NQ``…
        issuer: the issuing body's abbreviation: ``TW``, ``HU``, ``ĐU``,
            ``BTCTW``…

    """

    number: int | None
    kind: str = attrs.field(converter=nfc)
    issuer: str = attrs.field(converter=nfc)

    def __str__(self) -> str:
        # Party documents print numbers below 10 with a leading zero (05-QĐi/TW).
        num = "" if self.number is None else f"{self.number:02d}"
        return f"{num}-{self.kind}/{self.issuer}"


def parse_ref(text: str) -> DocRef:
    """Parse a party document number.

    Accepts a leading ``Số``, spaces around the dash and slash, and the dash
    variants found in real documents.

    >>> parse_ref("24-QĐ/TW")
    DocRef(number=24, kind='QĐ', issuer='TW')
    >>> str(parse_ref("Số 07 –ĐA/HU"))
    '07-ĐA/HU'
    >>> parse_ref("Số       -KH/ĐU").number is None
    True
    >>> str(parse_ref("12-HD/BTCTW"))
    '12-HD/BTCTW'

    Raises:
        DocRefError: when *text* is not of that form.

    """
    m = _REF.match(nfc(text))
    if m is None:
        found = Text("law.not_a_reference", {"text": text})
        raise DocRefError(found.vi, found.en)
    number = int(m["number"]) if m["number"] else None
    return DocRef(number=number, kind=m["kind"], issuer=m["issuer"])


class Confidence(enum.Enum):
    """How well a legal fact is established (mức độ tin cậy).

    ``A``: the provision's wording was seen with its article/point; ``B``: a
    secondary source describes it; ``C``: inferred or unverified, so dangvien
    makes it an overridable parameter.
    """

    A = "A"
    B = "B"
    C = "C"


class Series(enum.Enum):
    """The role of a document in the law dangvien encodes (loại văn bản).

    The regimes (:mod:`dangvien.regimes`) are derived from the documents of
    the first three series: which Charter, implementing regulation and
    guidance are in force on a day.
    """

    CHARTER = "charter"
    """Điều lệ Đảng (the Party Charter)."""
    CHARTER_RULES = "charter_rules"
    """Quy định thi hành Điều lệ Đảng (the implementing regulation)."""
    CHARTER_GUIDE = "charter_guide"
    """Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng (its guidance)."""
    MEMBER_WORK = "member_work"
    """Hướng dẫn nghiệp vụ công tác đảng viên (the Organisation Commission's guidance)."""


@attrs.frozen(cache_hash=True)
class KnownDocument:
    """A real party document with its dates (văn bản đã biết).

    Attributes:
        key: a stable identifier, e.g. ``"24-QĐ/TW/2021"``.
        ref: its number, or None for the Party Charter.
        title_vi: Vietnamese title.
        title_en: English title.
        issuer_vi: the body that signed it.
        signed: signing date.
        effective: date it took effect (often the signing date).
        ended: first day it was no longer in force, if replaced.
        replaced_by: key of the replacing document, if any.
        confidence: how well its dates are established.
        series: its role in the regimes, if it has one.
        implements: key of the document it implements or guides (a
            regulation implements a Charter, a guidance guides a regulation).
        note: why a date is what it is, for an assumption especially.

    """

    key: str
    ref: DocRef | None
    title_vi: str
    title_en: str
    issuer_vi: str
    signed: date
    effective: date
    ended: date | None = None
    replaced_by: str | None = None
    confidence: Confidence = Confidence.A
    series: Series | None = None
    implements: str | None = None
    note: str = ""

    def in_force(self, on: date) -> bool:
        """Return whether the document was in force on *on*."""
        return self.effective <= on and (self.ended is None or on < self.ended)

    def short(self) -> str:
        """Return ``24-QĐ/TW ngày 30/7/2021``-style text."""
        d = f"{self.signed.day}/{self.signed.month}/{self.signed.year}"
        name = str(self.ref) if self.ref is not None else self.title_vi
        return f"{name} ngày {d}"


def _doc(
    key: str,
    ref: str | None,
    title_vi: str,
    title_en: str,
    issuer_vi: str,
    signed: date,
    *,
    effective: date | None = None,
    ended: date | None = None,
    replaced_by: str | None = None,
    confidence: Confidence = Confidence.A,
    series: Series | None = None,
    implements: str | None = None,
    note: str = "",
) -> KnownDocument:
    return KnownDocument(
        key=key,
        ref=None if ref is None else parse_ref(ref),
        title_vi=title_vi,
        title_en=title_en,
        issuer_vi=issuer_vi,
        signed=signed,
        effective=effective or signed,
        ended=ended,
        replaced_by=replaced_by,
        confidence=confidence,
        series=series,
        implements=implements,
        note=note,
    )


_TW = "Ban Chấp hành Trung ương"
_BCT = "Bộ Chính trị"
_BBT = "Ban Bí thư"
_BTC = "Ban Tổ chức Trung ương"
_CHARTER = "Điều lệ Đảng"
_CHARTER_EN = "Party Charter"
_CHARTER_RULES = "Quy định thi hành Điều lệ Đảng"
_CHARTER_RULES_EN = "Regulation implementing the Party Charter"
_CHARTER_GUIDE = "Hướng dẫn một số vấn đề cụ thể về thi hành Điều lệ Đảng"
_CHARTER_GUIDE_EN = "Guidance on specific questions of implementing the Party Charter"
_MEMBER_WORK = "Hướng dẫn nghiệp vụ công tác đảng viên"
_MEMBER_WORK_EN = "Guidance on party-member work"
_CH, _RULES, _GUIDE, _WORK = (
    Series.CHARTER,
    Series.CHARTER_RULES,
    Series.CHARTER_GUIDE,
    Series.MEMBER_WORK,
)

#: Central documents with their real dates (see docs/law.md for sources).
#: Every regime boundary, parameter start and rule start is one of their
#: ``effective`` or ``ended`` dates (a test checks).
KNOWN_DOCUMENTS: tuple[KnownDocument, ...] = (
    # --- the Charter, its implementing regulations and guidance, oldest first ---
    _doc(
        "dieu-le-2006",
        None,
        _CHARTER,
        _CHARTER_EN,
        "Đại hội đại biểu toàn quốc lần thứ X",
        date(2006, 4, 25),
        ended=date(2011, 1, 19),
        replaced_by="dieu-le-2011",
        confidence=Confidence.B,
        series=_CH,
        note=(
            "Thông qua tại Đại hội X (18–25/4/2006); chưa thấy ngày thông qua chính xác, "
            "lấy ngày bế mạc / adopted at the 10th Congress, 18–25/4/2006; the exact day "
            "was not found, the closing day is used"
        ),
    ),
    _doc(
        "23-QĐ/TW/2006",
        "23-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _BCT,
        date(2006, 10, 31),
        ended=date(2011, 11, 1),
        replaced_by="45-QĐ/TW/2011",
        series=_RULES,
        implements="dieu-le-2006",
        note=(
            "Từ 19/1/2011 đến 45-QĐ/TW chưa có quy định thi hành Điều lệ 2011: giả định "
            "23-QĐ/TW được áp dụng ở những điểm không trái Điều lệ 2011 (mức C) / between "
            "19/1/2011 and 45-QĐ/TW no regulation implemented the 2011 Charter: dangvien "
            "assumes 23-QĐ/TW applied where not contrary to it (grade C)"
        ),
    ),
    _doc(
        "03-HD/BTCTW/2006",
        "03-HD/BTCTW",
        _CHARTER_GUIDE,
        _CHARTER_GUIDE_EN,
        _BTC,
        date(2006, 12, 29),
        ended=date(2012, 1, 5),
        replaced_by="01-HD/TW/2012",
        series=_GUIDE,
        implements="23-QĐ/TW/2006",
        note=(
            "Ngày hết hiệu lực là giả định: đến khi có 01-HD/TW ngày 5/1/2012 (mức C) / its "
            "end is assumed: until 01-HD/TW of 5/1/2012 (grade C)"
        ),
    ),
    _doc(
        "dieu-le-2011",
        None,
        _CHARTER,
        _CHARTER_EN,
        "Đại hội đại biểu toàn quốc lần thứ XI",
        date(2011, 1, 19),
        series=_CH,
    ),
    # Its date is quoted by secondary sources; taking effect on signing is assumed.
    _doc(
        "45-QĐ/TW/2011",
        "45-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _TW,
        date(2011, 11, 1),
        ended=date(2016, 7, 25),
        replaced_by="29-QĐ/TW/2016",
        confidence=Confidence.B,
        series=_RULES,
        implements="dieu-le-2011",
    ),
    _doc(
        "01-HD/TW/2012",
        "01-HD/TW",
        _CHARTER_GUIDE,
        _CHARTER_GUIDE_EN,
        _BBT,
        date(2012, 1, 5),
        ended=date(2016, 9, 20),
        replaced_by="01-HD/TW/2016",
        series=_GUIDE,
        implements="45-QĐ/TW/2011",
        note=(
            "Ngày hết hiệu lực là giả định: đến khi có 01-HD/TW ngày 20/9/2016 (mức C) / its "
            "end is assumed: until 01-HD/TW of 20/9/2016 (grade C)"
        ),
    ),
    _doc(
        "29-QĐ/TW/2016",
        "29-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _TW,
        date(2016, 7, 25),
        ended=date(2021, 7, 30),
        replaced_by="24-QĐ/TW/2021",
        series=_RULES,
        implements="dieu-le-2011",
    ),
    _doc(
        "01-HD/TW/2016",
        "01-HD/TW",
        _CHARTER_GUIDE,
        _CHARTER_GUIDE_EN,
        _BBT,
        date(2016, 9, 20),
        ended=date(2021, 9, 28),
        replaced_by="01-HD/TW/2021",
        series=_GUIDE,
        implements="29-QĐ/TW/2016",
    ),
    _doc(
        "24-QĐ/TW/2021",
        "24-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _TW,
        date(2021, 7, 30),
        ended=date(2025, 1, 20),
        replaced_by="232-QĐ/TW/2025",
        series=_RULES,
        implements="dieu-le-2011",
    ),
    _doc(
        "01-HD/TW/2021",
        "01-HD/TW",
        _CHARTER_GUIDE,
        _CHARTER_GUIDE_EN,
        _BBT,
        date(2021, 9, 28),
        ended=date(2025, 6, 9),
        replaced_by="06-HD/TW/2025",
        series=_GUIDE,
        implements="24-QĐ/TW/2021",
    ),
    _doc(
        "232-QĐ/TW/2025",
        "232-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _TW,
        date(2025, 1, 20),
        ended=date(2025, 7, 1),
        replaced_by="294-QĐ/TW/2025",
        confidence=Confidence.B,
        series=_RULES,
        implements="dieu-le-2011",
    ),
    # Its final clause: "có hiệu lực thi hành từ ngày 01/7/2025".
    _doc(
        "294-QĐ/TW/2025",
        "294-QĐ/TW",
        _CHARTER_RULES,
        _CHARTER_RULES_EN,
        _TW,
        date(2025, 5, 26),
        effective=date(2025, 7, 1),
        series=_RULES,
        implements="dieu-le-2011",
    ),
    # Effective on signing and replacing 01-HD/TW (2021): from 9/6 to 30/6/2025 it
    # guided while 232-QĐ/TW was still the regulation in force.
    _doc(
        "06-HD/TW/2025",
        "06-HD/TW",
        _CHARTER_GUIDE,
        _CHARTER_GUIDE_EN,
        _BBT,
        date(2025, 6, 9),
        series=_GUIDE,
        implements="294-QĐ/TW/2025",
    ),
    # --- the Organisation Commission's guidance on party-member work ---
    _doc(
        "09-HD/BTCTW/2017",
        "09-HD/BTCTW",
        _MEMBER_WORK,
        _MEMBER_WORK_EN,
        _BTC,
        date(2017, 6, 5),
        ended=date(2022, 1, 18),
        replaced_by="12-HD/BTCTW/2022",
        confidence=Confidence.B,
        series=_WORK,
    ),
    _doc(
        "12-HD/BTCTW/2022",
        "12-HD/BTCTW",
        _MEMBER_WORK,
        _MEMBER_WORK_EN,
        _BTC,
        date(2022, 1, 18),
        ended=date(2025, 9, 29),
        replaced_by="38-HD/BTCTW/2025",
        confidence=Confidence.B,
        series=_WORK,
    ),
    _doc(
        "38-HD/BTCTW/2025",
        "38-HD/BTCTW",
        _MEMBER_WORK,
        _MEMBER_WORK_EN,
        _BTC,
        date(2025, 9, 29),
        series=_WORK,
    ),
    # --- other central documents ---
    _doc(
        "28-CT/TW/2019",
        "28-CT/TW",
        (
            "Nâng cao chất lượng kết nạp đảng viên và rà soát, sàng lọc, đưa những đảng "
            "viên không còn đủ tư cách ra khỏi Đảng"
        ),
        "Improving the quality of admissions and screening members out",
        _BBT,
        date(2019, 1, 21),
        confidence=Confidence.B,
    ),
    _doc(
        "02-HD/BTCTW/2021",
        "02-HD/BTCTW",
        "Hướng dẫn quy trình rà soát, sàng lọc đảng viên",
        "Guidance on screening members",
        _BTC,
        date(2021, 4, 12),
        confidence=Confidence.B,
    ),
    _doc(
        "05-QĐi/TW/2018",
        "05-QĐi/TW",
        "Quy định việc kết nạp người vi phạm chính sách dân số và kế hoạch hóa gia đình vào Đảng",
        "Admitting people who violated the population policy",
        _BBT,
        date(2018, 8, 28),
    ),
    _doc(
        "58-QĐ/TW/2022",
        "58-QĐ/TW",
        "Quy định về tiêu chuẩn chính trị",
        "Political standards",
        _BCT,
        date(2022, 2, 8),
        confidence=Confidence.B,
    ),
    _doc(
        "342-QĐ/TW/2010",
        "342-QĐ/TW",
        "Quy định về chế độ đảng phí",
        "Party dues",
        _BCT,
        date(2010, 12, 28),
        confidence=Confidence.B,
    ),
    _doc(
        "132-QĐ/TW/2018",
        "132-QĐ/TW",
        "Kiểm điểm và đánh giá, xếp loại chất lượng",
        "Self-criticism and quality rating",
        _BCT,
        date(2018, 3, 8),
        ended=date(2023, 10, 4),
        replaced_by="124-QĐ/TW/2023",
        confidence=Confidence.B,
    ),
    _doc(
        "124-QĐ/TW/2023",
        "124-QĐ/TW",
        "Kiểm điểm và đánh giá, xếp loại chất lượng",
        "Self-criticism and quality rating",
        _BCT,
        date(2023, 10, 4),
        ended=date(2025, 8, 30),
        replaced_by="366-QĐ/TW/2025",
        confidence=Confidence.B,
    ),
    _doc(
        "366-QĐ/TW/2025",
        "366-QĐ/TW",
        "Kiểm điểm, đánh giá, xếp loại chất lượng",
        "Self-criticism and quality rating",
        _BCT,
        date(2025, 8, 30),
        confidence=Confidence.B,
    ),
    _doc(
        "51-CT/TW/2025",
        "51-CT/TW",
        "Đổi thẻ đảng viên",
        "Party-card exchange",
        _BBT,
        date(2025, 8, 8),
        confidence=Confidence.B,
    ),
    # --- Membership life: discipline, transfers, exemption (see docs/membership.md) ---
    _doc(
        "27-HD/BTCTW/2009",
        "27-HD/BTCTW",
        "Hướng dẫn miễn công tác và sinh hoạt đảng đối với đảng viên",
        "Guidance on exempting members from party work and activities",
        _BTC,
        date(2009, 3, 26),
    ),
    _doc(
        "12-HD/BTCTW/2012",
        "12-HD/BTCTW",
        "Hướng dẫn nghiệp vụ công tác đảng viên và lập biểu thống kê cơ bản",
        "Guidance on party-member work and basic statistics",
        _BTC,
        date(2012, 5, 17),
        ended=date(2017, 6, 5),
        replaced_by="09-HD/BTCTW/2017",
        confidence=Confidence.B,
    ),
    _doc(
        "102-QĐ/TW/2017",
        "102-QĐ/TW",
        "Quy định xử lý kỷ luật đảng viên vi phạm",
        "Disciplining members who violate party rules",
        "Bộ Chính trị",
        date(2017, 11, 15),
        ended=date(2022, 7, 6),
        replaced_by="69-QĐ/TW/2022",
        confidence=Confidence.B,
    ),
    _doc(
        "69-QĐ/TW/2022",
        "69-QĐ/TW",
        "Quy định về kỷ luật tổ chức đảng, đảng viên vi phạm",
        "Disciplining party organisations and members who violate party rules",
        "Bộ Chính trị",
        date(2022, 7, 6),
        confidence=Confidence.B,
    ),
    _doc(
        "38-HD/BTCTW/2025",
        "38-HD/BTCTW",
        "Hướng dẫn nghiệp vụ công tác đảng viên",
        "Guidance on party-member work",
        _BTC,
        date(2025, 9, 29),
    ),
)


@attrs.frozen(cache_hash=True)
class Citation:
    """The legal basis of a rule or finding (căn cứ): a document and a provision.

    Attributes:
        document: the cited document.
        provision: article, clause or point, e.g. ``"Điều 4, khoản 1"`` or
            ``"điểm 1.1.1"``.
        confidence: how well the provision is established.

    """

    __json__: ClassVar[tuple[str, ...]] = ("text",)

    document: KnownDocument
    provision: str
    confidence: Confidence = Confidence.A

    @property
    def text(self) -> str:
        """The citation as printed: ``24-QĐ/TW ngày 30/7/2021, điểm 1.1``."""
        return f"{self.document.short()}, {self.provision}"

    def __str__(self) -> str:
        return self.text


class RefStatus(enum.Enum):
    """Result of checking a cited reference against the register."""

    OK = "ok"
    WRONG_DATE = "wrong_date"
    NOT_IN_FORCE = "not_in_force"
    UNKNOWN = "unknown"


@attrs.frozen
class RefCheck:
    """Outcome of :meth:`DocumentRegister.check`.

    Attributes:
        status: what was found.
        ref: the reference checked.
        cited_date: the date printed with it.
        document: the known document it most likely means, if any.

    """

    status: RefStatus
    ref: DocRef
    cited_date: date | None
    document: KnownDocument | None = None


@attrs.frozen
class DocumentRegister:
    """A searchable collection of :class:`KnownDocument` (sổ văn bản).

    Extend it with local documents (a district's ``07-ĐA/HU``) by building a
    new register from ``KNOWN_DOCUMENTS + (...)``.
    """

    documents: tuple[KnownDocument, ...] = KNOWN_DOCUMENTS

    def by_key(self, key: str) -> KnownDocument:
        """Return the document with *key*.

        Raises:
            UnknownIdError: (a ``KeyError``) when no document has that key.

        """
        for doc in self.documents:
            if doc.key == key:
                return doc
        text = Text("documents.unknown_key", {"key": key})
        raise UnknownIdError(text.vi, text.en)

    def in_force(self, series: Series, on: date) -> KnownDocument | None:
        """Return the document of *series* in force on *on* (the latest to take effect), if any.

        >>> reg = DocumentRegister()
        >>> reg.in_force(Series.CHARTER_GUIDE, date(2025, 6, 20)).key
        '06-HD/TW/2025'
        >>> reg.in_force(Series.CHARTER_RULES, date(2025, 6, 20)).key
        '232-QĐ/TW/2025'
        """
        found = [d for d in self.documents if d.series is series and d.in_force(on)]
        return max(found, key=lambda d: d.effective) if found else None

    def dates(self) -> frozenset[date]:
        """Every effective and end date of the register: the only days the law changes."""
        return frozenset(
            {d.effective for d in self.documents}
            | {d.ended for d in self.documents if d.ended is not None}
        )

    def versions(self, ref: DocRef) -> tuple[KnownDocument, ...]:
        """Return every known document numbered *ref*, oldest first."""
        found = [d for d in self.documents if d.ref == ref]
        return tuple(sorted(found, key=lambda d: d.signed))

    def check(self, ref: DocRef, cited_date: date | None, on: date) -> RefCheck:
        """Check a reference as cited on *on* (e.g. a plan's date).

        The reference is matched with the version signed on *cited_date*; if
        none was, the most recent version signed on or before *on* is reported
        as the likely intended one with status ``WRONG_DATE``.  A matching
        document replaced before *on* gives ``NOT_IN_FORCE``.

        >>> reg = DocumentRegister()
        >>> reg.check(parse_ref("24-QĐ/TW"), date(2022, 7, 30), date(2023, 6, 8)).status
        <RefStatus.WRONG_DATE: 'wrong_date'>
        >>> reg.check(parse_ref("24-QĐ/TW"), date(2021, 7, 30), date(2023, 6, 8)).status
        <RefStatus.OK: 'ok'>
        >>> reg.check(parse_ref("29-QĐ/TW"), date(2016, 7, 25), date(2023, 6, 8)).status
        <RefStatus.NOT_IN_FORCE: 'not_in_force'>
        """
        versions = self.versions(ref)
        if not versions:
            return RefCheck(RefStatus.UNKNOWN, ref, cited_date)
        exact = [d for d in versions if d.signed == cited_date]
        if exact:
            doc = exact[0]
            status = RefStatus.OK if doc.in_force(on) else RefStatus.NOT_IN_FORCE
            return RefCheck(status, ref, cited_date, doc)
        if cited_date is None:
            current = [d for d in versions if d.in_force(on)]
            if current:
                return RefCheck(RefStatus.OK, ref, None, current[-1])
            return RefCheck(RefStatus.NOT_IN_FORCE, ref, None, versions[-1])
        earlier = [d for d in versions if d.signed <= on] or list(versions)
        return RefCheck(RefStatus.WRONG_DATE, ref, cited_date, earlier[-1])


def default_register() -> DocumentRegister:
    """Return the register of :data:`KNOWN_DOCUMENTS`."""
    return DocumentRegister()
