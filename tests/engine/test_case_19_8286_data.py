"""The tests' own copy of case 19/8286 stands alone: the shipped example is its scenario, and
every text its README lists is there, cut from the record beside it (`.ci/run` also compares
the copy with ../shared where that exists)."""

from __future__ import annotations

import re

from tests.conftest import CASE_19_8286, EXAMPLES, fold


def test_the_example_is_the_cases_scenario_byte_for_byte() -> None:
    assert (EXAMPLES / "19-8286.yaml").read_bytes() == (CASE_19_8286 / "scenario.yaml").read_bytes()


def test_every_expected_text_the_readme_lists_is_cut_from_the_record() -> None:
    expected = CASE_19_8286 / "expected"
    listed = set(re.findall(r"^\| ([\w-]+\.txt) \|", (expected / "README.md").read_text("utf-8"),
                            flags=re.MULTILINE))
    assert len(listed) == 6
    assert listed == {path.name for path in expected.glob("*.txt")}
    record = fold((CASE_19_8286 / "saksdokumenter.txt").read_text("utf-8"))
    for name in sorted(listed):
        assert fold((expected / name).read_text("utf-8")) in record, name
