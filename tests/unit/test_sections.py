"""sections: markers, the numbering traps of PDF-extracted text, and the outline tree of the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing.readers import join_paragraphs, read_lines
from pipelines.parsing.sections import LEVELS, Node, OutlineNumbering, build_outline, marker_of

SAMPLE = Path(__file__).resolve().parents[2] / "raw" / "lai-chau" / "2023-12" / "bao-cao.txt"


@pytest.fixture(scope="module")
def sample() -> Node:
    return build_outline(join_paragraphs(read_lines(SAMPLE)))


def _node(root: Node, start: str) -> Node:
    (found,) = [node for node in root.walk() if node.paragraph and node.paragraph.text.startswith(start)]
    return found


def _outline(*lines: str) -> Node:
    return build_outline(join_paragraphs(list(lines)))


# --- markers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I. Tình hình sản xuất", ("part", "I.")),
        ("II. Phương hướng, nhiệm vụ", ("part", "II.")),
        ("IV. Kiến nghị", ("part", "IV.")),
        ("XIV. Khác", ("part", "XIV.")),
        ("1. Sản xuất nông nghiệp", ("section", "1.")),
        ("12. Công tác khác", ("section", "12.")),
        ("99. Cuối", ("section", "99.")),
        ("1.1. Trồng trọt: trong tháng", ("subsection", "1.1.")),
        ("2.10 Lâm nghiệp", ("subsection", "2.10.")),
        ("a) Tình hình chăn nuôi", ("item", "a)")),
        ("đ) Khác", ("item", "đ)")),
        ("* Tình hình ứng dụng công nghệ cao", ("star", "*")),
        ("- Bộ NN&PTNT (b/c);", ("dash", "-")),
        ("– Lúa đông xuân", ("dash", "-")),
        ("— Ngô", ("dash", "-")),
        ("• Chè", ("dash", "-")),
        ("-\tTab", ("dash", "-")),
        ("-", ("dash", "-")),
        ("+ Dự án 1 (Hỗ trợ nước sinh hoạt)", ("plus", "+")),
        ("A. KẾT QUẢ THỰC HIỆN THÁNG 5", ("chapter", "A.")),
        ("B. KẾ HOẠCH THÁNG 6", ("chapter", "B.")),
        ("PHẦN II. PHƯƠNG HƯỚNG NHIỆM VỤ", ("part", "II.")),
        ("Phần I: Kết quả", ("part", "I.")),
        ("Phần thứ hai", ("part", "II.")),
        ("PHẦN THỨ NHẤT", ("part", "I.")),
    ],
)
def test_marker_of_recognises_each_kind(text: str, expected: tuple[str, str]) -> None:
    assert marker_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023. Kết quả đã đánh giá, phân hạng được 11/12 sản phẩm",
        "16.610 tấn).",
        "117.078 triệu đồng (năm 2022 là 103.328 triệu đồng",
        "2022 là 26.900 triệu đồng, năm 2023 là 36.061 triệu đồng)",
        "5.078",
        "100. Ba chữ số",
        "0. Không",
        "01. Số không đứng đầu",
        "1.2.3. Ba cấp",
        "1.05 triệu con",
        "-Tổng đàn",
        "+5%",
        "*Ghi chú",
        "a)b",
        "A) Chữ hoa",
        "ab) Hai chữ",
        "(a) Ngoặc",
        "IIII. Sai số La Mã",
        "Phần lớn diện tích lúa",
        "Phần thứ",
        "Ví dụ",
        "Toàn tỉnh có 42,9 ha",
        " I. Có khoảng trắng đầu",
        "",
    ],
)
def test_marker_of_rejects_numbers_and_text(text: str) -> None:
    assert marker_of(text) is None


def test_numbering_accepts_only_markers_that_continue_the_outline() -> None:
    numbering = OutlineNumbering()
    seen = [
        numbering.marker(text)
        for text in [
            "1. Một",
            "12. tháng",
            "2. Hai",
            "2. Hai lặp lại",
            "4. Bốn, ba bị bỏ sót",
            "4.1. Bốn chấm một",
            "1.2. Sai mục",
            "4.2 Bốn chấm hai",
            "4.9. Nhảy xa",
            "II. Phần mới",
            "1. Lại từ đầu",
            "- Gạch đầu dòng",
        ]
    ]

    assert seen == [
        ("section", "1."),
        None,
        ("section", "2."),
        ("section", "2."),
        ("section", "4."),
        ("subsection", "4.1."),
        None,
        ("subsection", "4.2."),
        None,
        ("part", "II."),
        ("section", "1."),
        ("dash", "-"),
    ]


def test_subsections_before_any_section_are_accepted() -> None:
    numbering = OutlineNumbering()

    assert numbering.marker("3.1. Mục") == ("subsection", "3.1.")
    assert numbering.marker("3.2. Mục") == ("subsection", "3.2.")


# --- the sample's outline ---------------------------------------------------------------------


def test_sample_has_parts_one_and_two(sample: Node) -> None:
    assert sample.kind == "root"
    assert sample.level == 0
    assert sample.paragraph is None
    assert [(n.kind, n.marker) for n in sample.children] == [("text", ""), ("part", "I."), ("part", "II.")]
    assert sample.children[1].title == "Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023"
    assert [n.marker for n in sample.children[1].children] == ["1.", "2.", "3.", "4.", "5."]
    assert [n.marker for n in sample.children[2].children] == [f"{i}." for i in range(1, 10)]


def test_livestock_subsection_holds_items_a_and_b(sample: Node) -> None:
    livestock = _node(sample, "1.2. Chăn nuôi thú y, thủy sản")

    assert livestock.kind == "subsection"
    assert livestock.level == LEVELS["subsection"]
    assert livestock.title == "Chăn nuôi thú y, thủy sản"
    assert [(n.kind, n.marker) for n in livestock.children] == [("item", "a)"), ("item", "b)")]
    assert livestock.children[0].title == "Tình hình chăn nuôi, thủy sản"


def test_herd_paragraph_in_its_place(sample: Node) -> None:
    herd = _node(sample, "- Tổng đàn gia súc chính")

    assert herd.kind == "dash"
    assert herd.level == LEVELS["dash"]
    assert herd.line == 25
    assert herd.path == "I.1.1.2.a)-"
    assert herd.title.startswith("Tổng đàn gia súc chính ước đạt 353.350 con")
    assert herd.heading_texts() == [
        "Tình hình chăn nuôi, thủy sản",
        "Chăn nuôi thú y, thủy sản",
        "Sản xuất nông nghiệp",
        "Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023",
    ]
    assert [n.marker for n in herd.ancestors()] == ["a)", "1.2.", "1.", "I."]
    assert not herd.is_plan


def test_plans_are_everything_under_part_two_and_nothing_else(sample: Node) -> None:
    intro, results, plans = sample.children

    assert all(node.is_plan for node in plans.walk())
    assert not any(node.is_plan for node in results.walk())
    assert intro.title == "phương hướng nhiệm vụ tháng 01 năm 2024"
    assert not intro.is_plan
    assert not sample.is_plan
    assert len(list(plans.walk())) == 42


def test_projects_are_children_of_the_national_programmes_dash(sample: Node) -> None:
    programmes = _node(sample, "- Về các Chương trình mục tiêu quốc gia")
    project_2 = _node(sample, "+ Dự án 2")

    assert project_2.parent is programmes
    assert project_2.kind == "plus"
    assert project_2.path == "I.5.-+"
    assert [n.title[:7] for n in programmes.children] == ["Dự án 1", "Dự án 2", "Dự án 3"]
    assert programmes.parent is sample.children[1].children[4]
    assert project_2.heading_texts() == [
        "Công tác phát triển nông thôn",
        "Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023",
    ]


def test_text_attaches_to_the_heading_not_the_bullet(sample: Node) -> None:
    high_tech = _node(sample, "* Tình hình ứng dụng công nghệ cao trong sản xuất")
    greenhouses = _node(sample, "Toàn tỉnh có 42,9 ha nhà màng")
    processing = _node(sample, "* Tình hình chế biến, tiêu thụ nông sản")

    assert greenhouses.kind == "text"
    assert greenhouses.level == LEVELS["text"]
    assert greenhouses.marker == ""
    assert greenhouses.parent is high_tech
    assert greenhouses.path == "I.1.1.3.*"
    assert processing.parent is high_tech.parent
    assert [n.kind for n in _node(sample, "2.2. Tình hình thực hiện chính sách").children] == ["text", "text"]


def test_walk_is_document_order(sample: Node) -> None:
    nodes = list(sample.walk())
    lines = [node.line for node in nodes[1:]]

    assert nodes[0] is sample
    assert sample.line is None
    assert lines == sorted(lines)
    assert len(nodes) == 89  # the root and one node per paragraph
    assert all(node.parent is not None and node in node.parent.children for node in nodes[1:])


# --- small outlines, one of each kind ---------------------------------------------------------


def test_each_kind_finds_its_parent() -> None:
    root = _outline(
        "Báo cáo tháng 12",
        "I. Kết quả",
        "1. Nông nghiệp",
        "1.1. Trồng trọt",
        "a) Lúa",
        "* Vụ đông",
        "- Diện tích 452 ha.",
        "+ Giống mới 67 ha.",
        "Ghi chú thêm.",
        "+ Lẻ loi.",
        "b) Ngô",
        "2. Lâm nghiệp",
        "II. Phương hướng, nhiệm vụ tháng 01",
        "1. Trồng trọt",
        "- Tiếp tục.",
    )

    got = [(n.kind, n.level, n.path, n.parent.path if n.parent else None) for n in root.walk()]

    assert got == [
        ("root", 0, "", None),
        ("text", 9, "", ""),
        ("part", 2, "I.", ""),
        ("section", 3, "I.1.", "I."),
        ("subsection", 4, "I.1.1.1.", "I.1."),
        ("item", 5, "I.1.1.1.a)", "I.1.1.1."),
        ("star", 6, "I.1.1.1.a)*", "I.1.1.1.a)"),
        ("dash", 7, "I.1.1.1.a)*-", "I.1.1.1.a)*"),
        ("plus", 8, "I.1.1.1.a)*-+", "I.1.1.1.a)*-"),
        ("text", 9, "I.1.1.1.a)*", "I.1.1.1.a)*"),
        ("plus", 8, "I.1.1.1.a)*+", "I.1.1.1.a)*"),
        ("item", 5, "I.1.1.1.b)", "I.1.1.1."),
        ("section", 3, "I.2.", "I."),
        ("part", 2, "II.", ""),
        ("section", 3, "II.1.", "II."),
        ("dash", 7, "II.1.-", "II.1."),
    ]
    assert [n.is_plan for n in root.walk()] == [False] * 13 + [True] * 3
    assert {n.kind: n.level for n in root.walk()} == {k: v for k, v in LEVELS.items() if k != "chapter"}


def test_a_part_marker_alone_on_its_line_takes_the_next_line_as_its_title() -> None:
    root = _outline("Phần thứ hai", "NHIỆM VỤ TRỌNG TÂM THÁNG 9", "1. Chăn nuôi", "II.", "KIẾN NGHỊ")

    assert [(n.kind, n.marker, n.title, n.is_plan) for n in root.children] == [
        ("part", "II.", "NHIỆM VỤ TRỌNG TÂM THÁNG 9", True),
        ("part", "II.", "KIẾN NGHỊ", False),
    ]


def test_chapters_hold_the_parts_and_a_plan_chapter_makes_them_plans() -> None:
    root = _outline(
        "A. KẾT QUẢ THỰC HIỆN THÁNG 5 NĂM 2024",
        "I. LĨNH VỰC NÔNG NGHIỆP",
        "1. Chăn nuôi",
        "B. KẾ HOẠCH THÁNG 6 NĂM 2024",
        "I. LĨNH VỰC NÔNG NGHIỆP",
        "1. Chăn nuôi",
        "D. Không theo thứ tự",
    )

    got = [(n.kind, n.path, n.is_plan) for n in root.walk()]

    assert got == [
        ("root", "", False),
        ("chapter", "A.", False),
        ("part", "A.I.", False),
        ("section", "A.I.1.", False),
        ("chapter", "B.", True),
        ("part", "B.I.", True),
        ("section", "B.I.1.", True),
        ("text", "B.I.1.", True),
    ]


def test_traps_stay_inside_their_paragraph() -> None:
    root = _outline(
        "1. Kết quả",
        "- Tổ chức Hội nghị đánh giá sản phẩm OCOP cấp tỉnh năm",
        "2023. Kết quả đã đánh giá 11/12 sản phẩm, thịt lợn",
        "16.610 tấn).",
        "- Tổng vốn phân bổ là",
        "117.078 triệu đồng, năm",
        "2022 là 26.900 triệu đồng, đã giải ngân",
        "5.078 triệu đồng trong tháng",
        "12. Kết quả khác",
    )

    nodes = list(root.walk())[1:]

    assert [(n.kind, n.path) for n in nodes] == [("section", "1."), ("dash", "1.-"), ("dash", "1.-")]
    assert nodes[1].title.endswith("năm 2023. Kết quả đã đánh giá 11/12 sản phẩm, thịt lợn 16.610 tấn).")
    assert nodes[2].title.endswith("đã giải ngân 5.078 triệu đồng trong tháng 12. Kết quả khác")
    assert nodes[2].paragraph is not None
    assert nodes[2].paragraph.line_at(nodes[2].paragraph.text.index("5.078")) == 8


@pytest.mark.parametrize(
    ("title", "plan"),
    [
        ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 01 NĂM 2024", True),
        ("II. Nhiệm vụ trọng tâm tháng tới", True),
        ("II. Phương hướng tháng tới", True),
        ("II. Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023", False),
        ("II. Kiến nghị, đề xuất", False),
        ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 10 NĂM 2016", False),
        ("I. Tình hình thực hiện các nhiệm vụ tháng 8", False),
        ("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH THÁNG 8 NĂM 2020", False),
        ("II. KẾ HOẠCH THÁNG 9 NĂM 2020", True),
        ("II. NHIỆM VỤ, GIẢI PHÁP THÁNG 11", True),
    ],
)
def test_plan_parts_are_recognised_by_title(title: str, plan: bool) -> None:
    root = _outline(title, "1. Chăn nuôi", "- Tổng đàn 353.350 con.")

    assert [n.is_plan for n in root.walk()] == [False, plan, plan, plan]


def test_text_before_any_heading_hangs_from_the_root() -> None:
    root = _outline("SỞ NÔNG NGHIỆP VÀ PTNT", "Số: 123/BC-SNN", "- Kính gửi: UBND tỉnh.")

    assert [(n.kind, n.parent is root) for n in root.children] == [("text", True), ("dash", True)]
    assert root.children[0].title == "SỞ NÔNG NGHIỆP VÀ PTNT Số: 123/BC-SNN"
    assert root.children[1].ancestors() == []
    assert root.children[1].heading_texts() == []
    assert root.children[1].path == "-"


def test_empty_outline_is_a_bare_root() -> None:
    root = build_outline([])

    assert list(root.walk()) == [root]
    assert root.title == ""
    assert root.path == ""
