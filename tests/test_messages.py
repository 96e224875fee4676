"""The message catalogue: complete in both languages, and facts formatted by type."""

from datetime import date
from fractions import Fraction

import pytest

from dangvien.messages import (
    CATALOGUE,
    LANGUAGES,
    Catalogue,
    Message,
    Text,
    escape_invisible,
    format_value,
    placeholders,
)
from dangvien.model.stages import Stage


def test_every_message_has_the_same_facts_in_both_languages():
    """A fact shown in Vietnamese is shown in English too, and no template names an unknown one."""
    for m in CATALOGUE:
        assert placeholders(m.vi) == placeholders(m.en), m.key


def test_every_message_renders_in_every_language_with_its_facts():
    """Each template is well formed: given one value per placeholder, it renders."""
    for m in CATALOGUE:
        facts = dict.fromkeys(placeholders(m.vi), 1)
        for lang in LANGUAGES:
            assert m.render(lang, facts)


def test_a_key_defined_twice_is_refused():
    """Two files defining one key would make the text depend on file order."""
    with pytest.raises(ValueError, match="twice"):
        Catalogue([Message("a.b", "x", "y"), Message("a.b", "z", "w")])


def test_an_unknown_key_is_a_bug_not_a_text():
    """Rendering a key that is not in the catalogue raises, so tests catch the typo."""
    with pytest.raises(KeyError, match="no message"):
        Text("no.such.key").render()


def test_facts_keep_their_types_until_rendered():
    """A date stays a date in the text's facts; only rendering formats it."""
    t = Text("rule.not_judged_before", {"act": date(2010, 5, 1), "start": date(2016, 7, 25)})
    assert date(2010, 5, 1) == t.fact("act")
    assert "01/05/2010" in t.vi
    assert "01/05/2010" in t.en


@pytest.mark.parametrize(
    ("value", "lang", "spec", "expected"),
    [
        (date(2026, 2, 28), "vi", "", "28/02/2026"),
        (Fraction(2, 3), "en", "", "2/3"),
        # 215 months = 17 × 12 + 11.
        (215, "vi", "age", "17 tuổi 11 tháng"),
        (215, "en", "age", "17 years 11 months"),
        (2371, "vi", ",", "2.371"),
        (2371, "en", ",", "2,371"),
        (False, "vi", "", "không"),
        (Stage.PROBATIONARY, "vi", "", "đảng viên dự bị"),
        (Stage.PROBATIONARY, "en", "", "probationary member"),
        ((1, 2, 3), "vi", "", "1, 2, 3"),
        (None, "en", "", "?"),
    ],
)
def test_format_value(value, lang, spec, expected):
    """Each kind of fact has one written form per language."""
    assert expected == format_value(value, lang, spec)


def test_invisible_characters_are_shown():
    """A zero-width space or a tab inside data is visible in a message."""
    assert "Văn<U+200B>Tràng" == escape_invisible("Văn\u200bTràng")
    assert "a<U+00A0>b<U+0009>c" == escape_invisible("a\u00a0b\tc")
    assert "Văn Tràng" == escape_invisible("Văn Tràng")


def test_string_facts_are_escaped_when_rendered():
    """Text from a data file cannot hide characters inside a message."""
    t = Text("rule.not_judged_before", {"act": "x\u200by", "start": "z"})
    assert "x<U+200B>y" in t.en


def _catalogue_enums() -> list[type]:
    import importlib

    from dangvien.messages import CatalogueEnum

    for name in ("dangvien", "dangvien.frames"):  # every module that defines one
        importlib.import_module(name)

    found, todo = [], list(CatalogueEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_catalogue_enums_have_distinct_names_and_every_label():
    """Labels are keyed by class name, so two enums of one name would share them."""
    enums = _catalogue_enums()
    names = [cls.__name__ for cls in enums]
    assert sorted(set(names)) == sorted(names)
    assert {"OrgLevel", "Sex", "Severity", "CountSource"} <= set(names)
    for cls in enums:
        for member in cls:
            assert member.label_vi, member  # an unknown key raises
            assert member.label_en, member
