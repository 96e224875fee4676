"""Vietnamese names: NFC, diacritic-sensitive identity, unique suggestions."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dangvien._text import NameIndex, fold, key, nfc


def test_nfc_composes_decomposed_input():
    """Decomposed input (as typed on some keyboards) is stored composed."""
    decomposed = unicodedata.normalize("NFD", "Vạn Tràng")
    assert "Vạn Tràng" == nfc(decomposed)


def test_key_keeps_diacritics():
    """Two cells differing only by a tone mark are different names."""
    assert key("Văn Tràng") != key("Vạn Tràng")
    assert key("văn  TRÀNG ") == key("Văn Tràng")


def test_fold_strips_marks_and_d_bar():
    """Folding is for suggestions only: it removes every mark and maps đ to d."""
    assert "rù dat".replace("ù", "u") == fold("Rú Đất")


def test_lookup_exact_beats_suggestion():
    """An exact name wins even when another name folds to the same text."""
    index = NameIndex([("c5", ["Vạn Tràng"]), ("c6", ["Văn Tràng"])])
    assert "c6" == index.lookup("Văn Tràng").match
    assert "c5" == index.lookup("vạn tràng").match


def test_lookup_ambiguous_folded_name_suggests_nothing():
    """`Van Trang` matches two cells once folded, so nothing is suggested."""
    index = NameIndex([("c5", ["Vạn Tràng"]), ("c6", ["Văn Tràng"])])
    result = index.lookup("Van Trang")
    assert result.match is None
    assert result.suggestion is None
    assert result.ambiguous
    assert ("Vạn Tràng", "Văn Tràng") == result.candidates


def test_lookup_unique_folded_name_is_suggested_not_matched():
    """A unique accent-insensitive candidate is a suggestion, never a match."""
    index = NameIndex([("c11", ["Rú Đất"]), ("c3", ["Yên Mội"])])
    result = index.lookup("Ru Dat")
    assert result.match is None
    assert "c11" == result.suggestion
    assert not result.ambiguous


def test_alias_resolves():
    """Aliases printed in documents resolve to the same value."""
    index = NameIndex([("mn", ["Trường mầm non", "Tr. Mầm non"])])
    assert "mn" == index.get("Tr. Mầm non")


def test_name_shared_by_two_values_matches_neither():
    """A name used twice (a "Trạm Y tế" in two communes) is ambiguous, not a match."""
    index = NameIndex([("a", ["Trạm Y tế", "a"]), ("b", ["trạm y tế", "b"])])
    result = index.lookup("Trạm Y tế")
    assert (None, None) == (result.match, result.suggestion)
    assert 2 == len(result.candidates)
    assert "b" == index.get("b")


@given(st.text())
def test_nfc_is_idempotent(text):
    """Normalising twice changes nothing."""
    assert nfc(text) == nfc(nfc(text))


@given(st.text())
def test_fold_output_has_no_combining_marks(text):
    """Folded text has no combining marks left."""
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", fold(text)))
