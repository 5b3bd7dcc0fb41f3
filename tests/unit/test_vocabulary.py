"""The parser's wording files: every one loads, and a malformed one is refused with its file and key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipelines.parsing import rules
from pipelines.parsing.report import parse_lines
from pipelines.parsing.rules.base import Keywords
from pipelines.parsing.vocabulary import VocabularyError, vocabulary, word_list

ROOT = Path(__file__).resolve().parents[2]
PARSING = ROOT / "pipelines" / "parsing"
FILES = sorted(PARSING.rglob("*.yaml"))


def test_every_rule_module_has_its_vocabulary_file() -> None:
    modules = {p.stem for p in (PARSING / "rules").glob("*.py")} - {"__init__", "base"}
    assert modules <= {p.stem for p in FILES}
    assert (PARSING / "numbers.yaml") in FILES
    assert rules.DOMAIN_RULES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_vocabulary_files_load(path: Path) -> None:
    assert vocabulary(path.with_suffix(".py"))


def test_yaml_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    for path in FILES:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        assert "*.yaml" in package_data[package], package


def test_words_are_normalised_and_read_only(tmp_path: Path) -> None:
    (tmp_path / "rule.yaml").write_text('species:\n  pig: [lợn, "hoa\u0301"]\nwords: [a]\n', encoding="utf-8")
    words = vocabulary(tmp_path / "rule.py")
    assert words["species"]["pig"] == ("lợn", "hóa")
    assert words["words"] == ("a",)
    with pytest.raises(TypeError):
        words["species"]["pig"] = ()  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("species:\n  Pig: [lợn]\n", "species: 'Pig' is not a code"),
        ("species:\n  pig: [Lợn]\n", "species: pig: 'Lợn': write words in lower case"),
        ("species:\n  pig: [lợn, heo, lợn]\n", "species: pig: 'lợn' is listed twice"),
        ("not_a_herd: [chết, 12]\n", "not_a_herd: 12 is not a word"),
        ('not_a_herd: ["chết  bệnh"]\n', "write words with single spaces"),
        ("not_a_herd: []\n", "not_a_herd: expected a list of words"),
        ("not_a_herd: chết\n", "not_a_herd: expected a list of words or codes with their words"),
        ("units:\n  ton: {tấn: many}\n", "units: ton: 'tấn': expected a number"),
        ("species:\n  pig: [lợn]\n  cattle: bò\n", "species: cattle: expected a list of words"),
        ("- lợn\n", "expected names with their words"),
        ("species: [lợn\n", "not valid YAML"),
    ],
)
def test_malformed_files_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "rule.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match="rule.yaml") as raised:
        vocabulary(tmp_path / "rule.py")
    assert message in str(raised.value)


def test_a_word_under_two_codes_is_refused() -> None:
    with pytest.raises(ValueError, match="'lợn' is listed under both pig and boar"):
        Keywords.from_codes({"pig": ["lợn"], "boar": ["lợn"]})


def test_regular_expressions_are_kept_as_written(tmp_path: Path) -> None:
    (tmp_path / "rule.yaml").write_text(
        "scope:\n  month: ['tháng\\s+(?P<month>\\d{1,2})']\n", encoding="utf-8"
    )
    assert vocabulary(tmp_path / "rule.py")["scope"]["month"] == (r"tháng\s+(?P<month>\d{1,2})",)
    assert word_list(vocabulary(tmp_path / "rule.py")["scope"], "month", "rule.yaml") == [
        r"tháng\s+(?P<month>\d{1,2})"
    ]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="missing.yaml"):
        vocabulary(tmp_path / "missing.py")


def test_a_capital_paragraph_is_one_naming_any_word_of_its_measures() -> None:
    """A paragraph with "tổng vốn" (an allocation word of capital.yaml) is read like "kế hoạch vốn"."""
    lines = [
        "BÁO CÁO Tình hình sản xuất nông nghiệp tháng 12 năm 2023",
        "1. Chương trình MTQG xây dựng nông thôn mới",
        "Năm 2023, tổng vốn thực hiện chương trình là 13.750 triệu đồng.",
    ]
    figures = parse_lines(lines, "capital.txt", "lai-chau").figures
    assert [(f.indicator, f.value, f.program, f.ref_year) for f in figures] == [
        ("capital_allocated", 13750, "ntp_new_rural", 2023)
    ]
