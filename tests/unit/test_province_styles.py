"""Sentences in the styles other provinces write, with the figures a statistician would read from them.

Each case is a small report body: its figures must be exactly these (no more, no fewer). A figure is
(indicator, category, value, unit, area_code, status, qualifier) plus the extra dimensions when set.
"""

from __future__ import annotations

import pytest

from pipelines.parsing.report import parse_lines


def figures_of(text: str, province_slug: str = "lai-chau") -> set[tuple]:
    result = parse_lines(text.strip().splitlines(), "<test>", province_slug)
    assert not result.errors
    out = set()
    for f in result.figures:
        extra = tuple(
            (k, v)
            for k, v in (
                ("program", f.program),
                ("project", f.project),
                ("ref_year", f.ref_year),
                ("stars", f.stars),
            )
            if v is not None
        )
        out.add(
            (f.indicator, f.category, round(f.value, 6), f.unit, f.area_code, f.status, f.qualifier) + extra
        )
    return out


def fig(indicator, category="all", value=0.0, unit="", area=None, status="reported", qualifier=None, **extra):
    return (indicator, category, float(value), unit, area, status, qualifier) + tuple(
        (k, extra[k]) for k in ("program", "project", "ref_year", "stars") if k in extra
    )


CASES = [
    (
        "number before the noun",
        "- Tổng đàn gia súc: 97.015 con trâu, 30.120 con bò, 150.300 con heo.",
        {
            fig("livestock_herd", "buffalo", 97015, "head"),
            fig("livestock_herd", "cattle", 30120, "head"),
            fig("livestock_herd", "pig", 150300, "head"),
        },
    ),
    (
        "millions of poultry, estimate",
        "- Đàn gia cầm ước đạt 7,89 triệu con.",
        {fig("livestock_herd", "poultry", 7890000, "head", status="estimate")},
    ),
    (
        "poultry after the unit",
        "- Tổng đàn hiện có 7,89 triệu con gia cầm.",
        {fig("livestock_herd", "poultry", 7890000, "head")},
    ),
    (
        "trâu, bò as one figure",
        "- Đàn trâu, bò 125.400 con.",
        {fig("livestock_herd", "buffalo_cattle", 125400, "head")},
    ),
    (
        "trâu bò without comma, estimate",
        "- Tổng đàn trâu bò ước đạt 56.200 con.",
        {fig("livestock_herd", "buffalo_cattle", 56200, "head", status="estimate")},
    ),
    (
        "preliminary pigs in millions",
        "- Đàn lợn sơ bộ đạt 1,75 triệu con.",
        {fig("livestock_herd", "pig", 1750000, "head", status="preliminary")},
    ),
    (
        "official, southern heo",
        "- Đàn heo chính thức 450.000 con.",
        {fig("livestock_herd", "pig", 450000, "head", status="official")},
    ),
    (
        "southern ngàn",
        "- Tổng đàn heo 2.150 ngàn con.",
        {fig("livestock_herd", "pig", 2150000, "head")},
    ),
    (
        "goats and horses",
        "- Đàn dê 12.500 con, đàn ngựa 1.020 con.",
        {fig("livestock_herd", "goat", 12500, "head"), fig("livestock_herd", "horse", 1020, "head")},
    ),
    (
        "about",
        "- Tổng đàn gia cầm khoảng 2,1 triệu con.",
        {fig("livestock_herd", "poultry", 2100000, "head", qualifier="about")},
    ),
    (
        "more than",
        "- Tổng đàn trâu hơn 90 nghìn con.",
        {fig("livestock_herd", "buffalo", 90000, "head", qualifier="more_than")},
    ),
    (
        "nearly",
        "- Đàn bò gần 30 ngàn con.",
        {fig("livestock_herd", "cattle", 30000, "head", qualifier="nearly")},
    ),
    (
        "chickens",
        "- Đàn gà 3,2 triệu con.",
        {fig("livestock_herd", "chicken", 3200000, "head")},
    ),
    (
        "an unknown species is not guessed",
        "- Đàn vịt 500.000 con.",
        set(),
    ),
    (
        "deaths from cold are not a herd",
        "- Trong tháng có gần 500 con trâu, bò bị chết rét.",
        set(),
    ),
    (
        "meat with southern pork",
        "- Sản lượng thịt hơi các loại đạt 25.300 tấn, trong đó thịt heo 19.100 tấn.",
        {fig("meat_output", "all", 25300, "ton"), fig("meat_output", "pork", 19100, "ton")},
    ),
    (
        "violations with a slash area and timber",
        "- Phát hiện, lập biên bản 12 vụ vi phạm Luật Lâm nghiệp, trong đó: phá rừng 4 vụ/0,119 ha; "
        "vận chuyển lâm sản trái phép 5 vụ, tịch thu 3,5 m3 gỗ; tàng trữ lâm sản 3 vụ.",
        {
            fig("forest_violation_cases", "all", 12, "case"),
            fig("forest_violation_cases", "illegal_deforestation", 4, "case"),
            fig("forest_violation_damaged_area", "illegal_deforestation", 0.119, "ha"),
            fig("forest_violation_cases", "illegal_trade_transport", 5, "case"),
            fig("forest_violation_timber", "illegal_trade_transport", 3.5, "m3"),
            fig("forest_violation_cases", "illegal_storage", 3, "case"),
        },
    ),
    (
        "damaged area in m2",
        "- Tổng số vụ vi phạm trong tháng là 20 vụ, diện tích rừng bị thiệt hại 2.500 m2.",
        {
            fig("forest_violation_cases", "all", 20, "case"),
            fig("forest_violation_damaged_area", "all", 0.25, "ha"),
        },
    ),
    (
        "violations after a colon",
        "- Số vụ vi phạm hành chính về lâm nghiệp: 08 vụ.",
        {fig("forest_violation_cases", "all", 8, "case")},
    ),
    (
        "patrol rounds",
        "- Tổ chức 120 đợt tuần tra, kiểm tra rừng.",
        {fig("forest_patrols", "all", 120, "round")},
    ),
    (
        "outreach meetings and participants",
        "- Tổ chức 45 cuộc tuyên truyền với 2.300 lượt người tham gia.",
        {
            fig("forest_outreach_meetings", "all", 45, "meeting"),
            fig("forest_outreach_participants", "all", 2300, "visit"),
        },
    ),
    (
        "new OCOP certificates with stars",
        "- Trong tháng có 15 sản phẩm được UBND tỉnh công nhận đạt OCOP 3 sao.",
        {fig("ocop_products", "certified", 15, "product", stars=3)},
    ),
    (
        "cumulative OCOP by stars",
        "- Lũy kế toàn tỉnh có 194 sản phẩm OCOP, gồm 150 sản phẩm 3 sao, "
        "40 sản phẩm 4 sao và 4 sản phẩm 5 sao.",
        {
            fig("ocop_products", "certified_total", 194, "product"),
            fig("ocop_products", "certified_total", 150, "product", stars=3),
            fig("ocop_products", "certified_total", 40, "product", stars=4),
            fig("ocop_products", "certified_total", 4, "product", stars=5),
        },
    ),
    (
        "re-certified OCOP",
        "- Tái công nhận 5 sản phẩm OCOP 3 sao hết hạn.",
        {fig("ocop_products", "recertified", 5, "product", stars=3)},
    ),
    (
        "OCOP evaluated, certified, not certified",
        "- Đánh giá, phân hạng 20 sản phẩm OCOP, trong đó 18 sản phẩm đạt 3 sao, 2 sản phẩm chưa đạt.",
        {
            fig("ocop_products", "evaluated", 20, "product"),
            fig("ocop_products", "certified", 18, "product", stars=3),
            fig("ocop_products", "not_certified", 2, "product"),
        },
    ),
    (
        "OCOP ratio of evaluated",
        "- Kết quả phân hạng: 9/10 sản phẩm đạt OCOP 4 sao.",
        {
            fig("ocop_products", "certified", 9, "product", stars=4),
            fig("ocop_products", "evaluated", 10, "product"),
        },
    ),
    (
        "cooperatives, new ones are not the total",
        "- Toàn tỉnh hiện có 250 HTX nông nghiệp, trong đó 30 HTX thành lập mới.",
        {fig("cooperatives", "all", 250, "cooperative")},
    ),
    (
        "cooperatives spelled out, by sector",
        "- Có 45 hợp tác xã chăn nuôi.",
        {fig("cooperatives", "livestock", 45, "cooperative")},
    ),
    (
        "cooperatives by district with huyện",
        "- Trong đó huyện Than Uyên có 38 HTX, huyện Sìn Hồ có 9 HTX.",
        {
            fig("cooperatives", "all", 38, "cooperative", "110"),
            fig("cooperatives", "all", 9, "cooperative", "108"),
        },
    ),
    (
        "district names without diacritics",
        "- Trong đó Tan Uyen 12 HTX, Muong Te 15 HTX.",
        {
            fig("cooperatives", "all", 12, "cooperative", "111"),
            fig("cooperatives", "all", 15, "cooperative", "107"),
        },
    ),
    (
        "cooperatives owning OCOP with chiếm",
        "- Có 20 HTX sở hữu 45/120 sản phẩm OCOP, chiếm 37,5%.",
        {
            fig("cooperatives_owning_ocop", "all", 20, "cooperative"),
            fig("ocop_products", "owned_by_cooperatives", 45, "product"),
            fig("ocop_products", "certified_total", 120, "product"),
            fig("ocop_share_owned_by_cooperatives", "all", 37.5, "pct"),
        },
    ),
    (
        "capital in tỷ đồng",
        "- Chương trình MTQG giảm nghèo bền vững: kế hoạch vốn giao 45,5 tỷ đồng, đã giải ngân 30,2 tỷ đồng, "
        "đạt 66,4% kế hoạch.",
        {
            fig("capital_allocated", "all", 45500, "mvnd", program="ntp_poverty_reduction", project="all"),
            fig("capital_disbursed", "all", 30200, "mvnd", program="ntp_poverty_reduction", project="all"),
            fig(
                "capital_disbursement_rate",
                "all",
                66.4,
                "pct",
                program="ntp_poverty_reduction",
                project="all",
            ),
        },
    ),
    (
        "capital as disbursed/allocated",
        "- Chương trình MTQG xây dựng nông thôn mới: đã giải ngân 712.115/1.239.405 triệu đồng, đạt 57,5%.",
        {
            fig("capital_disbursed", "all", 712115, "mvnd", program="ntp_new_rural", project="all"),
            fig("capital_allocated", "all", 1239405, "mvnd", program="ntp_new_rural", project="all"),
            fig("capital_disbursement_rate", "all", 57.5, "pct", program="ntp_new_rural", project="all"),
        },
    ),
    (
        "a project's capital by year",
        "- Chương trình MTQG giảm nghèo bền vững, Dự án 4: vốn phân bổ năm 2024 là 2,5 tỷ đồng, "
        "đã giải ngân 1,2 tỷ đồng.",
        {
            fig(
                "capital_allocated",
                "all",
                2500,
                "mvnd",
                program="ntp_poverty_reduction",
                project="project_4",
                ref_year=2024,
            ),
            fig(
                "capital_disbursed", "all", 1200, "mvnd", program="ntp_poverty_reduction", project="project_4"
            ),
        },
    ),
    (
        "a planned disbursement is not a result",
        "- Chương trình bố trí dân cư: đã giải ngân 1.000 triệu đồng, dự kiến giải ngân 100% kế hoạch vốn.",
        {fig("capital_disbursed", "all", 1000, "mvnd", program="resettlement", project="all")},
    ),
    (
        "harvest of the main rice season",
        "1.1. Trồng trọt\n- Lúa mùa: đã thu hoạch 5.200 ha.",
        {fig("crop_area_harvested", "rice_main_season", 5200, "ha")},
    ),
    (
        "'vụ Đông xuân' is the winter-spring season, not the winter one",
        "1.1. Trồng trọt\n- Lúa vụ Đông xuân: diện tích làm đất 452 ha.",
        {fig("crop_area_land_prepared", "rice_winter_spring", 452, "ha")},
    ),
    (
        "crop area down on last year",
        "1.1. Trồng trọt\n- Cây ngô: diện tích gieo trồng 3.450 ha, giảm 120 ha so với cùng kỳ năm trước.",
        {fig("crop_area_planted", "maize", 3450, "ha"), fig("crop_area_planted", "maize", -120, "ha")},
    ),
    (
        "new tea planting named in the sentence",
        "1.1. Trồng trọt\nDiện tích trồng mới chè 120 ha.",
        {fig("crop_area_planted", "tea", 120, "ha")},
    ),
    (
        "aquaculture area and catch",
        "- Diện tích nuôi trồng thủy sản 1.250 ha; sản lượng khai thác 560 tấn.",
        {fig("aquaculture_area", "pond", 1250, "ha"), fig("aquaculture_production", "caught", 560, "ton")},
    ),
    (
        "cage volume",
        "- Thể tích nuôi cá lồng bè 12.000 m3.",
        {fig("aquaculture_volume", "cage", 12000, "m3")},
    ),
    (
        "foot and mouth disease in a named district",
        "- Bệnh Lở mồm long móng xảy ra tại 3 hộ thuộc huyện Mường Tè, tiêu hủy 12 con trâu, bò.",
        {
            fig("disease_outbreak_households", "foot_and_mouth", 3, "household", "107"),
            fig("disease_culled_head", "foot_and_mouth", 12, "head", "107"),
        },
    ),
    (
        "ASF culled head and kg",
        "- Bệnh Dịch tả heo Châu Phi phát sinh tại 5 hộ, tiêu hủy 45 con/2.300 kg.",
        {
            fig("disease_outbreak_households", "african_swine_fever", 5, "household"),
            fig("disease_culled_head", "african_swine_fever", 45, "head"),
            fig("disease_culled_weight", "african_swine_fever", 2300, "kg"),
        },
    ),
    (
        "greenhouse area",
        "- Toàn tỉnh có 15,5 ha nhà lưới trồng rau.",
        {fig("hightech_greenhouse_area", "all", 15.5, "ha")},
    ),
    (
        "livestock certified VietGAHP",
        "- Có 05 cơ sở chăn nuôi được chứng nhận VietGAHP.",
        {fig("certified_facilities", "vietgahp_livestock", 5, "facility")},
    ),
    (
        "forest environment services in tỷ đồng",
        "2.2. Chi trả dịch vụ môi trường rừng\nThu tiền DVMTR lũy kế 12,5 tỷ đồng; chi 10.200 triệu đồng.",
        {fig("fes_revenue", "all", 12500, "mvnd"), fig("fes_spending", "all", 10200, "mvnd")},
    ),
    (
        "coffee output and exports",
        "- Cà phê: sản lượng thu hoạch ước đạt 12.000 tấn, xuất khẩu 8.500 tấn.",
        {
            fig("processing_output", "coffee", 12000, "ton", status="estimate"),
            fig("processing_exported", "coffee", 8500, "ton", status="estimate"),
        },
    ),
    (
        "training counted in workers",
        "- Đào tạo nghề cho 1.200 lao động nông thôn, mở 40 lớp.",
        {fig("training_trainees", "all", 1200, "trainee"), fig("training_classes", "all", 40, "class")},
    ),
    (
        "plans hold no results",
        "I. Kết quả tháng 3 năm 2024\n- Đàn trâu 90.000 con.\nII. Phương hướng, nhiệm vụ tháng 4 năm 2024\n"
        "- Phấn đấu đàn trâu đạt 95.000 con.",
        {fig("livestock_herd", "buffalo", 90000, "head")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_province_style(text: str, expected: set[tuple]) -> None:
    assert figures_of(text) == expected


def test_there_are_at_least_forty_styles() -> None:
    assert len(CASES) >= 40


def test_district_of_another_province() -> None:
    got = figures_of("- Trong đó huyện Điện Biên Đông có 12 HTX.", "dien-bien")
    assert got == {fig("cooperatives", "all", 12, "cooperative", "101")}


@pytest.mark.parametrize(
    ("slug", "text", "expected"),
    [
        (
            "nghe-an",
            "- Toàn tỉnh có 20 HTX, trong đó huyện Thanh Chương 6 HTX, huyện Nam Đàn 14 HTX.",
            {"all": 20, "Thanh Chương": 6, "Nam Đàn": 14},
        ),
        (
            "dak-lak",
            "- Bệnh Lở mồm long móng xảy ra tại 3 hộ thuộc huyện Cư M'gar, tiêu hủy 12 con trâu, bò.",
            {"Cư M'gar": 3},
        ),
    ],
)
def test_district_names_that_look_like_other_words(slug: str, text: str, expected: dict[str, float]) -> None:
    """'Thanh Chương' is no chapter number; an apostrophe is part of a district name."""
    from pipelines.parsing.areas import districts, province_by_slug

    codes = {d.name: d.code for d in districts(province_by_slug(slug).code)}
    got = figures_of(text, slug)
    for name, value in expected.items():
        area = None if name == "all" else codes[name]
        assert any(f[2] == value and f[4] == area for f in got), (name, got)


def test_a_list_broken_after_its_colon_keeps_its_subject() -> None:
    lines = ["- Tổ chức mở 39 lớp đào tạo nghề, trong đó:", "Phong Thổ 25 lớp, Sìn Hồ 14 lớp."]
    result = parse_lines(lines, "<test>", "lai-chau")
    assert {(f.value, f.area_code) for f in result.figures} == {(39, None), (25, "109"), (14, "108")}
