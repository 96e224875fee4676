"""Party document numbers and the register of known documents."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.documents import (
    KNOWN_DOCUMENTS,
    DocRef,
    DocRefError,
    DocumentRegister,
    RefStatus,
    parse_ref,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24-QĐ/TW", DocRef(24, "QĐ", "TW")),
        ("05-QĐi/TW", DocRef(5, "QĐi", "TW")),
        ("07 –ĐA/HU", DocRef(7, "ĐA", "HU")),
        ("Số       -KH/ĐU", DocRef(None, "KH", "ĐU")),
        ("12-HD/BTCTW", DocRef(12, "HD", "BTCTW")),
        ("28-CT/TW", DocRef(28, "CT", "TW")),
    ],
)
def test_parse_real_numbers(text, expected):
    """Numbers as printed in real documents parse to their parts."""
    assert expected == parse_ref(text)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (DocRef(5, "QĐi", "TW"), "05-QĐi/TW"),
        (DocRef(None, "KH", "ĐU"), "-KH/ĐU"),
        (DocRef(294, "QĐ", "TW"), "294-QĐ/TW"),
    ],
)
def test_format_pads_small_numbers(ref, expected):
    """Numbers below 10 print with a leading zero; a blank number stays blank."""
    assert expected == str(ref)


@pytest.mark.parametrize("text", ["", "24 QĐ TW", "QĐ/TW", "24-/TW", "24-QĐ/"])
def test_parse_rejects_non_references(text):
    """Text that is not a document number is refused with a clear error."""
    with pytest.raises(DocRefError, match="24-QĐ/TW"):
        parse_ref(text)


@given(
    st.integers(min_value=0, max_value=9999),
    st.sampled_from(["QĐ", "QĐi", "HD", "CT", "ĐA"]),
    st.sampled_from(["TW", "HU", "ĐU", "BTCTW", "TU"]),
)
def test_format_parse_round_trip(number, kind, issuer):
    """Formatting then parsing gives the same reference."""
    ref = DocRef(number, kind, issuer)
    assert ref == parse_ref(str(ref))


def test_long_thanh_misdated_references_are_caught():
    """The seed plan dates 24-QĐ/TW and 01-HD/TW to 2022; both were signed in 2021."""
    reg = DocumentRegister()
    plan_date = date(2023, 6, 8)
    for text, printed, real in [
        ("24-QĐ/TW", date(2022, 7, 30), date(2021, 7, 30)),
        ("01-HD/TW", date(2022, 9, 28), date(2021, 9, 28)),
    ]:
        result = reg.check(parse_ref(text), printed, plan_date)
        assert RefStatus.WRONG_DATE == result.status
        assert result.document is not None
        assert real == result.document.signed


def test_correctly_dated_references_pass():
    """28-CT/TW of 21/1/2019 and 05-QĐi/TW of 28/8/2018 are right in the seed."""
    reg = DocumentRegister()
    on = date(2023, 6, 8)
    assert RefStatus.OK == reg.check(parse_ref("28-CT/TW"), date(2019, 1, 21), on).status
    assert RefStatus.OK == reg.check(parse_ref("05-QĐi/TW"), date(2018, 8, 28), on).status


def test_superseded_reference_is_not_in_force():
    """Citing 24-QĐ/TW correctly in 2026 still finds it replaced (by 232 then 294)."""
    result = DocumentRegister().check(parse_ref("24-QĐ/TW"), date(2021, 7, 30), date(2026, 1, 5))
    assert RefStatus.NOT_IN_FORCE == result.status


def test_unknown_local_reference():
    """A district's Đề án is not in the central register."""
    result = DocumentRegister().check(parse_ref("07-ĐA/HU"), date(2023, 5, 30), date(2023, 6, 8))
    assert RefStatus.UNKNOWN == result.status


def test_register_chain_is_consistent():
    """Each replaced document names a successor that starts when it ends."""
    reg = DocumentRegister()
    for doc in KNOWN_DOCUMENTS:
        assert doc.effective >= doc.signed
        if doc.replaced_by is not None:
            successor = reg.by_key(doc.replaced_by)
            assert doc.ended == successor.effective or doc.ended == successor.signed


def test_an_unknown_key_is_an_unknown_id_in_both_languages():
    """by_key refuses a key no document has with an UnknownIdError, still a KeyError."""
    from dangvien.errors import UnknownIdError

    with pytest.raises(UnknownIdError) as caught:
        DocumentRegister().by_key("99-QĐ/TW/2099")
    assert isinstance(caught.value, KeyError)
    assert "no document with the key “99-QĐ/TW/2099” in the register" == caught.value.message("en")
