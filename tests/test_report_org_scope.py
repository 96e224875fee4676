"""A report on part of the tree measures its own people: the funnel and the rates.

The data is the district of tests/test_report_levels.py, reported for 2024
as of 31/12/2024, so the history years are 2019–2023.  Each admitted person was listed as a
sympathizer 30 days before their course, 180 days before their cell's vote,
30 days before their decision:

- A0 (cell c11 of Xã Một), decision 1/7/2023: listed 3/11/2022;
- A1 (c11) 10/3/2024: listed 14/7/2023; A2 (c11) 20/8/2024: 24/12/2023;
- A3 (c12 of Xã Một) 5/5/2024: listed 8/9/2023;
- A4 (c21 of Xã Hai) 15/6/2024: listed 19/10/2023.

All five entered the funnel in the history years: the district's cohort is
5, Xã Một's 4 (A0–A3), Xã Hai's 1 (A4), the school's 0.  Each was decided
within a year of the listing (A2: listed 24/12/2023, decided 20/8/2024),
and each listing's year had run out by 31/12/2024 (A2's on 24/12/2024), so
the conversion from sympathizer is 4 of 4 for Xã Một, 1 of 1 for Xã Hai,
5 of 5 for the district.
"""

from __future__ import annotations

import io
import zipfile

import attrs
import pytest
from tests.test_report_levels import DS

from dangvien.model.stages import Stage
from dangvien.quotas import people_of
from dangvien.report import build_report, render, render_text


@pytest.mark.parametrize(("org", "cohort"), [(None, 5), ("x1", 4), ("x2", 1), ("g", 0)])
def test_the_funnel_counts_the_reported_organisations_people(org, cohort):
    """The funnel's first step is the cohort of the organisation reported on, not the dataset's."""
    report = build_report(DS, organization=org)
    assert Stage.SYMPATHIZER == report.funnel[0].stage
    assert cohort == report.funnel[0].reached


def test_the_units_funnels_add_up_to_the_whole():
    """Everyone here is in a cell of one unit, so the units' cohorts add up to the district's."""
    whole = build_report(DS).funnel
    parts = [build_report(DS, organization=o).funnel for o in ("x1", "x2", "g")]
    for i, step in enumerate(whole):
        assert step.reached == sum(p[i].reached for p in parts)


@pytest.mark.parametrize(("org", "cohort"), [(None, 5), ("x1", 4), ("x2", 1), ("g", 0)])
def test_the_rates_are_those_of_the_organisations_people(org, cohort):
    """The sympathizers' conversion is counted over the unit's own people."""
    report = build_report(DS, organization=org)
    rate = next(r for r in report.rates if r.from_stage is Stage.SYMPATHIZER)
    assert (cohort, cohort) == (rate.cohort, rate.converted)
    assert (2019, 2023) == (rate.first_year, rate.last_year)


def test_people_of_a_unit_are_those_of_its_cells():
    """Xã Hai's people on the as-of day are A4 alone; the school has none."""
    end = DS.data_as_of
    units = {o.id: o for o in DS.organization.walk()}
    assert ["A4"] == [r.person.id for r in people_of(DS, units["x2"], end).records]
    assert () == people_of(DS, units["g"], end).records


def test_people_of_the_whole_tree_is_the_dataset():
    """The root's people are the dataset itself, not a copy."""
    assert DS is people_of(DS, DS.organization, DS.data_as_of)


class TestNoRegister:
    """A district that enters its plans alone: nothing is counted, and the report says so."""

    PLANS_ONLY = attrs.evolve(DS, records=())
    NOTE_EN = "The dataset has no register"
    NOTE_VI = "Bộ dữ liệu không có danh sách người"

    def test_counted_only_with_a_register(self):
        """The flag follows the register: the district with its five people is counted."""
        assert build_report(DS).counted
        assert not build_report(self.PLANS_ONLY).counted

    def test_the_text_says_so_at_the_top_and_instead_of_the_breakdowns(self):
        """Twice in the text: under the as-of line, and where the breakdowns would be."""
        text = render_text(build_report(self.PLANS_ONLY), "en")
        assert 2 == text.count(self.NOTE_EN)
        assert "Nobody was admitted" not in text
        assert self.NOTE_EN not in render_text(build_report(DS), "en")

    @pytest.mark.parametrize("fmt", ["html", "docx"])
    def test_the_page_and_the_word_report_say_so(self, fmt):
        """The web page and the Word report carry the note, in Vietnamese."""
        data = render(build_report(self.PLANS_ONLY), fmt)
        blob = data if isinstance(data, bytes) else data.encode()
        if fmt == "docx":  # a zip: the text is in word/document.xml
            with zipfile.ZipFile(io.BytesIO(blob)) as z:
                blob = z.read("word/document.xml")
        assert self.NOTE_VI.encode() in blob

    def test_every_sheet_of_the_workbook_says_so(self):
        """Each sheet's header lines carry the note."""
        import openpyxl

        data = render(build_report(self.PLANS_ONLY), "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            heads = [str(sheet.cell(row=i, column=1).value) for i in range(1, 6)]
            assert any(h.startswith(self.NOTE_VI) for h in heads), sheet.title
