"""readers: every accepted encoding and format gives the same lines, and bad files name themselves."""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.parsing.readers import (
    Paragraph,
    ReadError,
    decode_text,
    join_paragraphs,
    normalise_text,
    read_lines,
)
from tests.documents import write_docx, write_pdf

SAMPLE = Path(__file__).resolve().parents[2] / "raw" / "lai-chau" / "2023-12" / "bao-cao.txt"
HERD = (
    "- Tổng đàn gia súc chính ước đạt 353.350 con, trong đó: Đàn trâu 92.760 con, đàn bò 25.590 con, "
    "đàn lợn 235.000 con. Tổng đàn gia cầm ước đạt 1.809 nghìn con. Sản lượng thịt hơi xuất chuồng "
    "các loại ước đạt 18.710 tấn (thịt lợn 16.610 tấn)."
)
TEXT = "Tổng đàn gia súc chính ước đạt 353.350 con\n- Đàn trâu 92.760 con\n"


@pytest.fixture(scope="module")
def sample_lines() -> list[str]:
    return read_lines(SAMPLE)


@pytest.fixture(scope="module")
def sample_paragraphs(sample_lines: list[str]) -> list[Paragraph]:
    return join_paragraphs(sample_lines)


def _paragraph(paragraphs: list[Paragraph], start: str) -> Paragraph:
    (found,) = [paragraph for paragraph in paragraphs if paragraph.text.startswith(start)]
    return found


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- text encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf8-crlf", "utf16le-crlf"],
)
def test_each_text_encoding_reads_to_the_same_lines(tmp_path: Path, data: bytes) -> None:
    lines = read_lines(_write(tmp_path / "bao-cao.txt", data))

    assert lines == ["Tổng đàn gia súc chính ước đạt 353.350 con", "- Đàn trâu 92.760 con"]


def test_decomposed_text_is_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "số lợn tiêu huỷ do mắc bệnh")
    assert decomposed != unicodedata.normalize("NFC", decomposed)

    (line,) = read_lines(_write(tmp_path / "nfd.txt", decomposed.encode("utf-8")))

    assert line == unicodedata.normalize("NFC", "số lợn tiêu hủy do mắc bệnh")
    assert unicodedata.is_normalized("NFC", line)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("tiêu huỷ", "tiêu hủy"),
        ("thuỷ sản", "thủy sản"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("UỶ BAN", "ỦY BAN"),
        ("hàng hoá.", "hàng hóa."),
        ("hoà, khoẻ", "hòa, khỏe"),
        ("quý quỹ quỷ", "quý quỹ quỷ"),
        ("kế hoạch, quyết toán, khuyến nông, ngoài", "kế hoạch, quyết toán, khuyến nông, ngoài"),
    ],
)
def test_one_word_is_one_string_whatever_the_tone_placement(written: str, read: str) -> None:
    assert normalise_text(written) == unicodedata.normalize("NFC", read)
    assert normalise_text(unicodedata.normalize("NFD", written)) == unicodedata.normalize("NFC", read)


# The definition normalise_text implements faster: in NFD, move the tone mark of a word-final
# "oa", "oe" or "uy" (not "quy") to the first vowel, then compose.
_TONE_AFTER_SECOND_VOWEL = re.compile(
    r"(?i)((?<!q)u(?=y)|o(?=[ae]))([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
)


def _normalised_by_definition(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_AFTER_SECOND_VOWEL.sub(r"\1\3\2", decomposed))


@settings(max_examples=500)
@given(st.text(alphabet="oOuUqQyYaAeE áàảãạÁÀéèýỳỵỶâăôơưđx.\n\u0300\u0301\u0303\u0309\u0323\u0302\u0306"))
def test_normalise_text_agrees_with_its_definition(text: str) -> None:
    assert normalise_text(text) == _normalised_by_definition(text)


# Without "o" and "u" no tone moves: what is left is NFC, also of scripts far from Vietnamese.
@settings(max_examples=500)
@given(st.text(alphabet="aeAạê \n\u0300\u0302\u0323\u2000\u2013\u2126\u1100\u1161\u11a8가\u0b47\u0b3e\u0f73"))
def test_normalise_text_composes_like_nfc(text: str) -> None:
    assert normalise_text(text) == unicodedata.normalize("NFC", text)


def test_normalise_text_agrees_with_its_definition_on_the_sample() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert normalise_text(text) == _normalised_by_definition(text)
    assert normalise_text(unicodedata.normalize("NFD", text)) == _normalised_by_definition(text)


def test_decode_text_unifies_line_endings() -> None:
    assert decode_text(b"a\r\nb\rc\n", "x.txt") == "a\nb\nc\n"


def test_txt_lines_match_an_editor(sample_lines: list[str]) -> None:
    raw = SAMPLE.read_bytes().decode("utf-8")

    assert len(sample_lines) == raw.count("\n") + 1  # the file ends with a line " " and no newline
    assert sample_lines[24].startswith("- Tổng đàn gia súc chính ước đạt 353.350 con")
    assert sample_lines[87] == unicodedata.normalize("NFC", "* Tình hình chế biến, tiêu thụ nông sản ")
    assert all(unicodedata.is_normalized("NFC", line) for line in sample_lines)


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert read_lines(_write(tmp_path / "BAO-CAO.TXT", TEXT.encode("utf-8")))[0].startswith("Tổng đàn")


# --- files that cannot be read ----------------------------------------------------------------


def _junk_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "không phải tài liệu Word")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n \r\n", "no text (only blank lines)"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "binary data, not text (NUL bytes at byte 8)",
        ),
        (
            "controls.txt",
            b"ab\x01\x02\x03\x04 text",
            "binary data, not text (control character U+0001 at character 2)",
        ),
        (
            "latin1.txt",
            "Lai Châu".encode("latin-1"),
            "cannot decode as UTF-8 or UTF-16 (byte 0xe2 at position 6)",
        ),
        ("bom8.txt", codecs.BOM_UTF8 + b"ab\xff", "cannot decode as UTF-8 (byte 0xff at position 5)"),
        (
            "nul16.txt",
            codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"),
            "binary data, not text (control character U+0000",
        ),
        (
            "report.pdf",
            "Tổng đàn 353.350 con".encode(),
            "not a PDF file (expected a file starting with %PDF)",
        ),
        ("broken.pdf", b"%PDF-1.7\nthis is no pdf body", "cannot read the PDF ("),
        ("report.docx", b"PK but not a zip", "not a Word .docx document (not a zip archive)"),
        ("junk.docx", _junk_zip(), "not a Word .docx document ("),
        ("report.xls", b"\xd0\xcf\x11\xe0", "unsupported file type '.xls' (expected .txt, .docx or .pdf)"),
        ("README", b"text", "unsupported file type '' (expected .txt, .docx or .pdf)"),
    ],
)
def test_unreadable_file_names_itself_and_the_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = _write(tmp_path / name, data)

    with pytest.raises(ReadError) as raised:
        read_lines(path)

    assert str(raised.value).startswith(f"{path}: {reason}")
    assert raised.value.path == str(path)
    assert raised.value.reason.startswith(reason)
    assert raised.value.line is None


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"

    with pytest.raises(ReadError, match="missing.txt: cannot read the file"):
        read_lines(path)


def test_read_error_shows_the_line_when_known() -> None:
    err = ReadError("raw/lai-chau/2023-12/bao-cao.txt", "expected a month", line=5)

    assert str(err) == "raw/lai-chau/2023-12/bao-cao.txt:5: expected a month"
    assert str(ReadError("a.txt", "empty file")) == "a.txt: empty file"


# --- .docx ------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_keep_their_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("5. Công tác phát triển nông thôn")
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Huyện", "HTX", "Trang trại"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Than Uyên", "38", "05"], strict=True):
        cell.text = text
    total = table.cell(2, 0).merge(table.cell(2, 1))
    total.text = "Toàn tỉnh 183"
    total.add_paragraph("HTX")
    table.cell(2, 2).text = "16"
    document.add_paragraph("")
    document.add_paragraph(unicodedata.normalize("NFD", "- Tiêu huỷ 05 con chó."))
    path = tmp_path / "bao-cao.docx"
    document.save(str(path))

    assert read_lines(path) == [
        "5. Công tác phát triển nông thôn",
        "Huyện | HTX | Trang trại",
        "Than Uyên | 38 | 05",
        "Toàn tỉnh 183 HTX | 16",
        "",
        "- Tiêu hủy 05 con chó.",
    ]


def test_docx_without_text_is_rejected(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "trong.docx"
    document.save(str(path))

    with pytest.raises(ReadError, match=r"trong\.docx: no text"):
        read_lines(path)


def test_sample_as_docx_gives_the_same_paragraphs(
    tmp_path: Path, sample_lines: list[str], sample_paragraphs: list[Paragraph]
) -> None:
    path = write_docx(sample_lines, tmp_path / "bao-cao.docx")

    paragraphs = join_paragraphs(read_lines(path))

    assert [p.text for p in paragraphs] == [p.text for p in sample_paragraphs]


# --- .pdf -------------------------------------------------------------------------------------


def test_sample_as_pdf_gives_the_same_paragraphs(
    tmp_path: Path, sample_lines: list[str], sample_paragraphs: list[Paragraph]
) -> None:
    lines = read_lines(write_pdf(sample_lines, tmp_path / "bao-cao.pdf"))
    paragraphs = join_paragraphs(lines)

    def words(texts: list[str]) -> list[str]:
        return [" ".join(text.split()) for text in texts]

    assert words([p.text for p in paragraphs]) == words([p.text for p in sample_paragraphs])
    page_starts = [line for line in lines if line.startswith(" ")]
    assert len(page_starts) == 6
    assert any(line.startswith(" KH; Nước sinh hoạt tập trung") for line in page_starts)


# --- paragraphs -------------------------------------------------------------------------------


def test_sample_paragraph_count(sample_paragraphs: list[Paragraph]) -> None:
    assert len(sample_paragraphs) == 88


def test_paragraph_texts_are_clean(sample_paragraphs: list[Paragraph]) -> None:
    for paragraph in sample_paragraphs:
        assert "\n" not in paragraph.text
        assert "  " not in paragraph.text
        assert paragraph.text == paragraph.text.strip()
        assert [start for start, _ in paragraph.spans] == sorted({start for start, _ in paragraph.spans})


def test_herd_paragraph_joins_its_lines(sample_paragraphs: list[Paragraph]) -> None:
    herd = _paragraph(sample_paragraphs, "- Tổng đàn gia súc")

    assert herd.text == HERD
    assert herd.first_line == 25
    assert herd.line_at(herd.text.index("353.350")) == 25
    assert herd.line_at(herd.text.index("1.809")) == 27
    poultry = herd.text.index("1.809 nghìn con")
    assert herd.lines_of(poultry, poultry + len("1.809 nghìn con")) == (27, 29)
    assert herd.lines_of(0, len(herd.text)) == (25, 31)


def test_page_break_line_continues_its_paragraph(sample_paragraphs: list[Paragraph]) -> None:
    project = _paragraph(sample_paragraphs, "+ Dự án 1 (Hỗ trợ nước sinh hoạt)")

    assert (
        "đã giải ngân được 5.078 triệu đồng, đạt 84% KH; Nước sinh hoạt tập trung: tổng số vốn"
        in project.text
    )
    assert project.text.endswith("đã giải ngân được 83.177 triệu đồng, đạt 81% KH.")
    assert project.line_at(project.text.index("KH; Nước")) == 277
    assert project.line_at(project.text.index("102.892")) == 277


def test_a_year_ending_a_broken_sentence_is_no_section(sample_paragraphs: list[Paragraph]) -> None:
    ocop = _paragraph(sample_paragraphs, "- Tổ chức Hội nghị đánh giá, phân hạng sản phẩm OCOP")

    assert "sản phẩm OCOP cấp tỉnh năm 2023. Kết quả đã đánh giá, phân hạng được 11/12 sản phẩm" in ocop.text
    assert ocop.line_at(ocop.text.index("11/12")) == 165
    assert not any(p.text.startswith("2023.") for p in sample_paragraphs)


def test_headings_end_before_their_text(sample_paragraphs: list[Paragraph]) -> None:
    texts = [p.text for p in sample_paragraphs]

    assert "* Tình hình ứng dụng công nghệ cao trong sản xuất" in texts
    assert "2.2. Tình hình thực hiện chính sách chi trả dịch vụ môi trường rừng" in texts
    assert (
        "9. Thực hiện chương trình công tác năm 2023 và các đề án, NQ của Tỉnh ủy, HĐND, UBND tỉnh" in texts
    )
    assert _paragraph(sample_paragraphs, "Toàn tỉnh có 42,9 ha").first_line == 74
    assert _paragraph(sample_paragraphs, "Đôn đốc các Ban QLRPH").first_line == 129
    assert _paragraph(sample_paragraphs, "1.1. Trồng trọt: trong tháng").text.endswith(
        "vụ đông, tập trung triển khai sản xuất vụ Đông xuân 2023- 2024:"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["- Tổng thu là 498.790 triệu", "", "đồng."], ["- Tổng thu là 498.790 triệu đồng."]),
        (["Câu một xong.", "Câu hai."], ["Câu một xong.", "Câu hai."]),
        (["Câu một xong.", "câu hai."], ["Câu một xong. câu hai."]),
        (["Vốn đạt 84%", " KH; Nước sạch."], ["Vốn đạt 84% KH; Nước sạch."]),
        (
            ["Nơi nhận:", "- Bộ NN&PTNT (b/c);", "- Lưu VT."],
            ["Nơi nhận:", "- Bộ NN&PTNT (b/c);", "- Lưu VT."],
        ),
        (["1. Lâm nghiệp", "Đôn đốc."], ["1. Lâm nghiệp", "Đôn đốc."]),
        (["1. Công tác của", "Tỉnh ủy", "Phối hợp."], ["1. Công tác của Tỉnh ủy", "Phối hợp."]),
        (["1. Thủy lợi,", "Nước sạch"], ["1. Thủy lợi, Nước sạch"]),
        (["- Vốn năm", "Đông xuân"], ["- Vốn năm Đông xuân"]),
        (["1. Kết quả tháng", "12. Tổng đàn"], ["1. Kết quả tháng 12. Tổng đàn"]),
        (["1. Một", "2. Hai", "3. Ba"], ["1. Một", "2. Hai", "3. Ba"]),
        (["Trên đây là báo cáo./.", "GIÁM ĐỐC"], ["Trên đây là báo cáo./.", "GIÁM ĐỐC"]),
        (["", "  ", "\t"], []),
    ],
)
def test_join_rules(lines: list[str], expected: list[str]) -> None:
    assert [p.text for p in join_paragraphs(lines)] == expected


def test_spans_point_at_the_physical_lines() -> None:
    (paragraph,) = join_paragraphs(["- Tổng  đàn", "", " 353.350", "", "", "con."])

    assert paragraph.text == "- Tổng đàn 353.350 con."
    assert paragraph.spans == ((0, 1), (11, 3), (19, 6))
    assert [paragraph.line_at(i) for i in (0, 10, 11, 18, 19, 22)] == [1, 1, 3, 3, 6, 6]
    assert paragraph.lines_of(11, 18) == (3, 3)
    assert paragraph.lines_of(5, 21) == (1, 6)
    with pytest.raises(ValueError):
        paragraph.line_at(len(paragraph.text))
    with pytest.raises(ValueError):
        paragraph.lines_of(3, 100)
