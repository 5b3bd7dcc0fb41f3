"""Parts I.2, I.3 and I.5 of a report: forest protection and services, OCOP, cooperatives, farms, training."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelines.parsing.areas import find_district
from pipelines.parsing.numbers import format_number
from pipelines.synthetic.layout import QUALIFIERS, count, decimal
from pipelines.synthetic.state import COOP_SECTORS, OCOP_SINCE

if TYPE_CHECKING:
    from pipelines.synthetic.writer import Writer

_SECTOR_WORDS = {
    "crop": ("trồng trọt",),
    "livestock": ("chăn nuôi",),
    "forestry": ("lâm nghiệp",),
    "aquaculture": ("thủy sản", "nuôi trồng thủy sản"),
    "general_agriculture": ("nông nghiệp tổng hợp", "tổng hợp"),
}
_VIOLATION_WORDS = {
    "illegal_deforestation": ("Phá rừng trái pháp luật", "Phá rừng trái luật", "Phá rừng"),
    "illegal_logging": (
        "khai thác rừng trái pháp luật",
        "khai thác lâm sản trái phép",
        "khai thác gỗ trái phép",
    ),
    "illegal_trade_transport": ("mua bán, vận chuyển lâm sản trái pháp luật", "vận chuyển lâm sản trái phép"),
    "illegal_storage": ("tàng trữ lâm sản trái pháp luật", "tàng trữ lâm sản"),
    "forest_product_records": (
        "vi phạm các quy định về quản lý hồ sơ lâm sản trong vận chuyển, mua bán lâm sản trái pháp luật:",
        "vi phạm quy định về hồ sơ lâm sản",
    ),
    "other": ("vi phạm khác", "lấn chiếm đất rừng", "vi phạm quy định về phòng cháy, chữa cháy rừng"),
}


def outreach(w: Writer) -> str:
    """Forest-protection outreach: meetings or villages reached, participants, schools, pledges."""
    o = w.m.outreach
    people, word = o["participants"], None
    if w.rng.random() < 0.4:
        people, word = people // 100 * 100, "hơn"
    people_text = w.n(people, "forest_outreach_participants", "visit", qualifier=QUALIFIERS.get(word))
    people_text = f"{word or ''} {people_text}"
    if w.rng.random() < 0.5:
        meetings = w.n(o["meetings"], "forest_outreach_meetings", "meeting")
        return f"- Tổ chức {meetings} cuộc tuyên truyền với {people_text} lượt người tham gia."
    return (
        f"- Tổ chức cuộc họp tuyên truyền tới {w.n(o['villages'], 'forest_outreach_villages', 'visit')} lượt "
        f"thôn bản với {people_text} lượt người dân tham gia, "
        f"{w.n(o['schools'], 'forest_outreach_schools', 'school')} trường học với "
        f"{w.n(o['students'], 'forest_outreach_students', 'visit')} lượt học sinh tham gia. Ký cam kết bảo "
        f"vệ rừng, phòng cháy chữa cháy rừng đến {w.n(o['pledges'], 'forest_pledge_households', 'visit')} "
        "lượt hộ gia đình."
    )


def violations(w: Writer) -> str:
    """Violations of the forest law: the total, then each type with damaged area or seized timber; patrols."""
    m = w.m
    rounds, detected = m.patrols
    rounds_text = w.n(rounds, "forest_patrols", "round")
    patrol = f"Phối hợp với các lực lượng tổ chức {rounds_text} đợt tuần tra, kiểm tra rừng"
    if detected:
        patrol += f", phát hiện {w.n(detected, 'forest_patrol_violations_detected', 'case')} vụ vi phạm"
    total = sum(m.violations.values())
    if total == 0:
        return f"- Trong tháng, không phát hiện vụ vi phạm Luật Lâm nghiệp trên địa bàn. {patrol}."
    if w.take("violation_types_do_not_add_up"):
        stated = total + (w.rng.randint(1, 2) if total < 3 else w.offset(1, 2))
        w.issue(
            "violation_types_do_not_add_up", stated, total, indicator="forest_violation_cases", category="all"
        )
        total = stated
    items = [_violation(w, kind, cases) for kind, cases in m.violations.items() if cases]
    items[0] = items[0][0].upper() + items[0][1:]
    shown = w.n(total, "forest_violation_cases", "case")
    lead = w.rng.choice(
        (
            f"Tổng số vụ vi phạm Luật Bảo vệ và phát triển rừng trong tháng đã phát hiện là {shown} vụ, "
            "trong đó:",
            f"Phát hiện, lập biên bản {shown} vụ vi phạm Luật Lâm nghiệp, trong đó:",
            f"Số vụ vi phạm hành chính về lâm nghiệp: {shown} vụ, gồm:",
        )
    )
    return f"- {lead} {'; '.join(items)}. {patrol}."


def _violation(w: Writer, kind: str, cases: int) -> str:
    """One violation type: "phá rừng 4 vụ/0,119 ha", "(diện tích thiệt hại 3,9 ha)", "tịch thu 3,5 m3 gỗ"."""
    m = w.m
    item = f"{w.rng.choice(_VIOLATION_WORDS[kind])} {w.n(cases, 'forest_violation_cases', 'case', kind)} vụ"
    if kind == "illegal_deforestation" and m.damaged_area > 0:
        area, indicator = m.damaged_area, "forest_violation_damaged_area"
        form = w.rng.choice(("m2", "slash", "brackets") if area < 1 else ("slash", "brackets"))
        if form == "m2":
            m2 = round(area * 10_000)
            return f"{item}/{w.num(count(m2), round(m2 * 1e-4, 9), indicator, 'ha', kind)} m2"
        if form == "slash":
            return f"{item}/{w.num(decimal(area, 3), area, indicator, 'ha', kind)} ha"
        area = round(area, 2)
        return f"{item} (diện tích thiệt hại {w.num(decimal(area, 2), area, indicator, 'ha', kind)} ha)"
    if m.timber.get(kind) and w.rng.random() < 0.6:
        timber = w.num(decimal(m.timber[kind], 1), m.timber[kind], "forest_violation_timber", "m3", kind)
        return f"{item}, tịch thu {timber} m3 gỗ"
    return item


def fes(w: Writer) -> str:
    """Forest environment services: revenue and spending so far this year, spending by plan year."""
    revenue, last_plan, this_plan = w.m.fes
    spent, y = last_plan + this_plan, w.period.year
    if w.style.billions:
        revenue = round(revenue, -2)
        shown = w.num(f"{decimal(revenue / 1000, 1)} tỷ đồng", revenue, "fes_revenue", "mvnd")
        return f"Thu tiền DVMTR lũy kế {shown}; chi {w.n(spent, 'fes_spending', 'mvnd')} triệu đồng."
    parts = "; ".join(
        f"chi kế hoạch năm {year}: {w.n(v, 'fes_spending', 'mvnd', ref_year=year)} triệu đồng"
        for year, v in ((y - 1, last_plan), (y, this_plan))
        if v
    )
    revenue_text, spent_text = w.n(revenue, "fes_revenue", "mvnd"), w.n(spent, "fes_spending", "mvnd")
    return (
        f"Kết quả thu, chi: Tổng thu lũy kế từ đầu năm đến nay là {revenue_text} triệu đồng; tổng chi lũy kế "
        f"từ đầu năm {spent_text} triệu đồng ({parts})."
    )


def ocop(w: Writer) -> list[str]:
    """The month's evaluation round (evaluated, certified by stars, not certified), re-certifications,
    and sometimes the cumulative total by stars."""
    m = w.m
    if w.period.year < OCOP_SINCE:
        return ["- Tuyên truyền, hướng dẫn các chủ thể chuẩn bị tham gia Chương trình mỗi xã một sản phẩm."]
    out = [_ocop_round(w, *m.ocop_round)] if m.ocop_round else []
    if m.ocop_recertified:
        shown = w.n(m.ocop_recertified, "ocop_products", "product", "recertified", stars=3)
        out.append(f"- Tái công nhận {shown} sản phẩm OCOP 3 sao hết hạn.")
    totals = {k: v for k, v in m.ocop_totals.items() if v}
    if totals and w.rng.random() < 0.5:
        items = [
            f"{w.n(v, 'ocop_products', 'product', 'certified_total', stars=k)} sản phẩm {k} sao"
            for k, v in totals.items()
        ]
        listed = f"{', '.join(items[:-1])} và {items[-1]}" if len(items) > 1 else items[0]
        total = w.n(sum(totals.values()), "ocop_products", "product", "certified_total")
        out.append(f"- Lũy kế toàn tỉnh có {total} sản phẩm OCOP, gồm {listed}.")
    return out


def _ocop_round(w: Writer, evaluated: int, stars: dict[int, int], failed: int) -> str:
    certified = sum(stars.values())
    if len(stars) > 1 or w.rng.random() < 0.4:
        items = [
            f"{w.n(v, 'ocop_products', 'product', 'certified', stars=k)} sản phẩm đạt {k} sao"
            for k, v in stars.items()
        ]
        if failed:
            items.append(f"{w.n(failed, 'ocop_products', 'product', 'not_certified')} sản phẩm chưa đạt")
        shown = w.n(evaluated, "ocop_products", "product", "evaluated")
        return f"- Đánh giá, phân hạng {shown} sản phẩm OCOP, trong đó {', '.join(items)}."
    [k] = stars
    if w.rng.random() < 0.5:
        shown = w.n(certified, "ocop_products", "product", "certified", stars=k)
        return f"- Trong tháng có {shown} sản phẩm được UBND tỉnh công nhận đạt OCOP {k} sao."
    of = w.num(count(evaluated), evaluated, "ocop_products", "product", "evaluated")
    passed = w.num(count(certified), certified, "ocop_products", "product", "certified", stars=k)
    text = (
        f"- Tổ chức Hội nghị đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm {w.period.year}. Kết quả đã đánh "
        f"giá, phân hạng được {passed}/{of} sản phẩm tham gia đạt sản phẩm cấp tỉnh (sản phẩm OCOP {k} sao)"
    )
    if failed:
        not_certified = w.num(count(failed), failed, "ocop_products", "product", "not_certified")
        text += f" và {not_certified}/{of} sản phẩm chưa đạt sản phẩm OCOP cấp tỉnh"
    return text + "."


def _breakdowns(
    w: Writer, cells: dict[tuple[str, str], int], indicator: str
) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    """(total, counts by sector, counts by district) of a (district, sector) matrix, zeros left out.

    For cooperatives, one sector or district count may be written off on purpose.
    """
    sectors: dict[str, int] = {}
    districts: dict[str, int] = {}
    for (district, sector), n in sorted(cells.items()):
        sectors[sector] = sectors.get(sector, 0) + n
        districts[district] = districts.get(district, 0) + n
    total = sum(sectors.values())
    by_sector = sorted(
        ((s, n) for s, n in sectors.items() if n), key=lambda item: COOP_SECTORS.index(item[0])
    )
    by_district = [(d, n) for d, n in districts.items() if n]
    for check, items in (("sectors_do_not_add_up", by_sector), ("districts_do_not_add_up", by_district)):
        if indicator == "cooperatives" and w.take(check):
            i = w.rng.randrange(len(items))
            delta = w.rng.randint(1, 3) if items[i][1] < 4 else w.offset()
            items[i] = (items[i][0], items[i][1] + delta)
            w.issue(check, total, total + delta, indicator=indicator, category="all", part=items[i][0])
    return total, by_sector, by_district


def cooperatives(w: Writer) -> str:
    """Cooperatives: the total, by sector, by district, and those owning OCOP products."""
    htx = w.style.cooperative
    total, by_sector, by_district = _breakdowns(w, w.m.coops, "cooperatives")
    sectors = [
        f"{w.n(v, 'cooperatives', 'cooperative', s)} {htx} {w.rng.choice(_SECTOR_WORDS[s])}"
        for s, v in by_sector
    ]
    districts = [
        f"{w.before_count(w.district(w.by_code(d)))} {w.n(v, 'cooperatives', 'cooperative', area_code=d)} "
        f"{htx}"
        for d, v in by_district
    ]
    owning = _owning(w, htx)
    shown = w.n(total, "cooperatives", "cooperative")
    if w.rng.random() < 0.5:
        text = (
            f"- Tỉnh có {shown} {htx} đang hoạt động lĩnh vực nông nghiệp (gồm {'; '.join(sectors)}), "
            f"trong đó {', '.join(districts)}"
        )
        return f"{text}; {owning}." if owning else f"{text}."
    text = (
        f"- Toàn tỉnh hiện có {shown} {htx} nông nghiệp, trong đó: {', '.join(sectors)}. "
        f"Phân theo địa bàn: {', '.join(districts)}."
    )
    return f"{text} {owning[0].upper()}{owning[1:]}." if owning else text


def _owning(w: Writer, htx: str) -> str:
    """ "hiện có 36 HTX NN sở hữu 71/194 sản phẩm OCOP ..., chiếm 36,60% ...", or "" before OCOP."""
    owners, owned = w.m.coops_owning
    if not owners or w.period.year < OCOP_SINCE:
        return ""
    certified = sum(w.m.ocop_totals.values())
    places = w.rng.choice((1, 2))
    share = round(owned / certified * 100, places)
    products = {"indicator": "ocop_products", "unit": "product", "domain": "cooperatives"}
    ratio = (
        f"{w.num(count(owned), owned, category='owned_by_cooperatives', **products)}/"
        f"{w.num(count(certified), certified, category='certified_total', **products)}"
    )
    owners_text = w.n(owners, "cooperatives_owning_ocop", "cooperative")
    pct = w.num(format_number(share, places), share, "ocop_share_owned_by_cooperatives", "pct")
    return (
        f"hiện có {owners_text} {htx} NN sở hữu {ratio} sản phẩm OCOP được UBND tỉnh công nhận, chiếm {pct}% "
        "tổng số sản phẩm OCOP toàn tỉnh"
    )


def farms(w: Writer) -> str | None:
    """Farms: the total, by sector, by district, their area and jobs."""
    total, by_sector, by_district = _breakdowns(w, w.m.farms, "farms")
    if not total:
        return None
    sectors = [
        f"{w.n(v, 'farms', 'farm', s)} trang trại {w.rng.choice(_SECTOR_WORDS[s])}" for s, v in by_sector
    ]
    districts = [
        f"{w.district(w.by_code(d))} có {w.n(v, 'farms', 'farm', area_code=d)} trang trại"
        for d, v in by_district
    ]
    area, jobs = w.n(w.m.farm_area, "farm_area", "ha"), w.n(w.m.farm_jobs, "farm_jobs", "person")
    return (
        f"- Toàn tỉnh có {w.n(total, 'farms', 'farm')} trang trại (gồm {'; '.join(sectors)}), trong đó "
        f"{'; '.join(districts)}; tổng diện tích trong trang trại {area} ha, giải quyết việc làm thường "
        f"xuyên cho {jobs} lao động."
    )


def training(w: Writer) -> str | None:
    """Vocational training so far this year: classes and trainees, share of the plan, by district."""
    m = w.m
    if not m.training:
        return None
    classes = sum(c for c, _ in m.training.values())
    trainees = sum(t for _, t in m.training.values())
    share = round(trainees / m.training_plan * 100, 1)
    cities = [d for d in w.state.districts if d.kind == "Thành phố"]
    items = []
    for code, (c, t) in sorted(m.training.items()):
        d = w.by_code(code)
        name = w.district(d)
        if cities == [d] and find_district(w.province.code, "thành phố") == d:
            name = w.rng.choice((name, "thành phố"))
        items.append(
            f"{w.before_count(name)} {w.n(c, 'training_classes', 'class', area_code=code)} lớp, "
            f"{w.n(t, 'training_trainees', 'trainee', area_code=code)} học viên"
        )
    pct = w.num(decimal(share, 1), share, "training_plan_achieved_share", "pct")
    people, groups = w.n(trainees, "training_trainees", "trainee"), w.n(classes, "training_classes", "class")
    if w.rng.random() < 0.5:
        return (
            f"- Tổ chức mở lớp được {groups} lớp đào tạo nghề nông nghiệp cho lao động nông thôn với "
            f"{people} chỉ tiêu (đạt {pct}% kế hoạch giao), trong đó: {'; '.join(items)}."
        )
    return (
        f"- Đào tạo nghề cho {people} lao động nông thôn, mở {groups} lớp, đạt {pct}% kế hoạch năm; trong "
        f"đó: {'; '.join(items)}."
    )
