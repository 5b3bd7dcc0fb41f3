"""Property tests on the readers and the parser: bad bytes and mangled reports never crash them.

Errors come back as ReadError or as ParseResult.errors; a figure's number always stands in its text.
`make fuzz` runs 10,000 examples each (AGRISTAT_FUZZ_EXAMPLES); the normal suite runs fewer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.parsing.numbers import NUMBER_TOKEN, NumberFormatError, parse_number
from pipelines.parsing.readers import ReadError, read_lines
from pipelines.parsing.report import parse_lines, parse_submission

EXAMPLES = int(os.environ.get("AGRISTAT_FUZZ_EXAMPLES", "150"))
SAMPLE = Path(__file__).resolve().parents[2] / "raw" / "lai-chau" / "2023-12" / "bao-cao.txt"
SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _numbers(text: str) -> set[float]:
    values = set()
    for token in NUMBER_TOKEN.findall(text):
        try:
            values.add(parse_number(token))
        except NumberFormatError:
            continue
    return values


def _assert_honest(lines: list[str]) -> None:
    """Every figure's value is a number of its source text (times a multiplier or unit factor)."""
    result = parse_lines(lines, "<fuzz>", "lai-chau")
    text = " ".join(" ".join(lines).split())
    for figure in result.figures:
        assert figure.source_text in text
        written = _numbers(figure.source_text)
        factors = (1, 1e3, 1e6, 1e9, 1e-4, 1e-3, 0.1)
        assert any(abs(abs(figure.value) - w * f) < 1e-6 * max(1, w * f) for w in written for f in factors), (
            figure
        )


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".docx", ".pdf"]))
def test_any_bytes_read_or_fail_with_a_read_error(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"bao-cao{suffix}"
    path.write_bytes(data)
    try:
        lines = read_lines(path)
    except ReadError as err:
        assert path.name in str(err)
        return
    assert all(isinstance(line, str) and "\n" not in line for line in lines)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_in_a_raw_folder_parse_or_come_back_as_errors(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("raw")
    folder = root / "lai-chau" / "2023-12"
    folder.mkdir(parents=True)
    (folder / "bao-cao.txt").write_bytes(data)
    result = parse_submission(folder / "bao-cao.txt", root)
    assert result.figures == [] or result.metadata is not None
    assert all("lai-chau/2023-12/bao-cao.txt" in str(e) for e in result.errors)


@FUZZ
@given(st.text(max_size=400))
def test_any_text_parses_without_raising(text: str) -> None:
    _assert_honest(text.splitlines() or [""])


def _mutate(lines: list[str], kind: str, position: int, digit: str) -> list[str]:
    index = position % len(lines)
    if kind == "delete":
        return lines[:index] + lines[index + 1 :]
    line = lines[index]
    if kind == "swap_digits":
        return lines[:index] + [re.sub(r"\d\d", lambda m: m.group()[::-1], line)] + lines[index + 1 :]
    if kind == "double_separators":
        return lines[:index] + [line.replace(".", "..").replace(",", ",,")] + lines[index + 1 :]
    return lines[:index] + [re.sub(r"\d", digit, line, count=1)] + lines[index + 1 :]


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "swap_digits", "double_separators", "replace_digit"]),
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from("0123456789"),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_mangled_sample_never_raises_nor_invents_numbers(mutations: list[tuple[str, int, str]]) -> None:
    lines = SAMPLE_LINES
    for kind, position, digit in mutations:
        lines = _mutate(lines, kind, position, digit) or [""]
    _assert_honest(lines)
