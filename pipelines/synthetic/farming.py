"""Part I.1 of a report: crops, livestock, aquaculture, animal disease, high tech, processing.

Each function returns paragraphs (a marker and text on one line; `layout.wrap` breaks them).
The phrasings follow the real sample and the parser's style tests; variants are drawn per report.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from pipelines.synthetic.layout import QUALIFIERS, count

if TYPE_CHECKING:
    from pipelines.synthetic.writer import Writer

CROP_CATEGORY = {
    "chè": "tea",
    "cây ăn quả": "fruit_trees",
    "mắc ca": "macadamia",
    "quế": "cinnamon",
    "dược liệu": "medicinal_plants",
    "cà phê": "coffee",
    "chuối": "banana",
    "sắn": "cassava",
}
_PRODUCT_LABEL = {"cà phê": "Cà phê nhân", "quế": "Vỏ quế khô", "sắn": "Tinh bột sắn", "mắc ca": "Hạt mắc ca"}
_STANDARD_NAMES = {
    "ra": "tiêu chuẩn RA",
    "vietgap": "VietGAP",
    "globalgap": "GlobalGAP",
    "vietgahp": "VietGAHP",
    "organic": "Hữu cơ",
    "iso": "ISO",
    "haccp": "HACCP",
}
_CERTIFIED_SECTOR = {"crop": " trồng trọt", "livestock": " chăn nuôi", "aquaculture": " nuôi trồng thủy sản"}


def crops(w: Writer) -> list[str]:
    """1.1: the heading, then one bullet per crop the season calendar has at work this month."""
    out = [
        "1.1. Trồng trọt: trong tháng, người dân tích cực chăm sóc cây trồng, tập trung triển khai "
        "sản xuất theo đúng khung lịch thời vụ:"
    ]
    for crop, activity, area, before in w.m.crops:
        label, category = _crop_label(w, crop)
        st, words = w.status()
        ha = w.rng.choice(("ha", "ha", "héc ta")) if area > 100 else "ha"
        if activity == "prepare":
            prepared = w.n(area, "crop_area_land_prepared", "ha", category, status=st)
            seed = max(1, round(area * w.rng.uniform(0.1, 0.18)))
            text = (
                f"- {label}: Diện tích làm đất {words} {prepared} {ha}, diện tích gieo mạ "
                f"{w.n(seed, 'crop_area_seedbed', 'ha', category, status=st)} ha"
            )
            if crop == "rice_ws":
                share = w.n(w.rng.randint(70, 100), "crop_seedbed_covered_share", "pct", category, status=st)
                text += f", trong đó {share}% diện tích mạ được che phủ nilon để chống rét"
            out.append(text + ".")
            continue
        indicator = "crop_area_harvested" if activity == "harvest" else "crop_area_planted"
        if activity == "harvest":
            verb = w.rng.choice(("diện tích thu hoạch", "đã thu hoạch được"))
        elif crop == "planting":
            verb = "diện tích trồng mới"
        elif crop.startswith("rice"):
            verb = w.rng.choice(("diện tích gieo cấy", "đã gieo cấy được"))
        else:
            verb = w.rng.choice(("diện tích gieo trồng", "Diện tích thực hiện"))
        if verb.startswith("đã"):
            st, words = "reported", ""
        text = f"- {label}: {verb} {words} {w.n(area, indicator, 'ha', category, status=st)} {ha}"
        if before is not None and before != area:
            change = area - before
            shown = w.num(
                count(abs(change)), change, "crop_area_planted", "ha", category, status=st, kind="change"
            )
            text += f", {'tăng' if change > 0 else 'giảm'} {shown} ha so với cùng kỳ năm trước"
        out.append(text + ".")
    return out


def _crop_label(w: Writer, crop: str) -> tuple[str, str]:
    """How a bullet names the crop and season, and the category the parser reads from it."""
    y, m = w.period.year, w.period.month
    if crop == "rice_ws":
        start = y if m >= 10 else y - 1
        return f"Lúa đông xuân {start}-{start + 1}", "rice_winter_spring"
    if crop == "rice_ms":
        return w.style.rice_main, "rice_main_season"
    if crop == "maize_winter":
        return w.rng.choice(("Ngô vụ đông, đông xuân", "Ngô đông")), "maize_winter"
    if crop == "maize":
        return w.style.maize, "maize" if w.style.maize == "Cây ngô" else "maize_spring_summer"
    name = w.state.planted_crop
    return ("Cây ăn quả" if name == "cây ăn quả" else f"Cây {name}"), CROP_CATEGORY[name]


def livestock(w: Writer) -> list[str]:
    """Herds by species (total first or species only, number before or after the noun), poultry, meat."""
    h, pig = w.m.herds, w.style.pig
    parts = [("trâu", "buffalo"), ("bò", "cattle"), (pig, "pig")] + [("dê", "goat")] * ("goat" in h)
    template = w.rng.choice(("after", "before", "species", "combined"))
    if w.fault == "species_do_not_add_up":
        template = w.rng.choice(("after", "before"))
    st, words = w.status()
    if template in ("after", "before"):
        total = sum(h[code] for _, code in parts)
        if w.take("species_do_not_add_up"):
            stated = total + w.offset() * w.rng.choice((1, 10, 100))
            w.issue(
                "species_do_not_add_up", stated, total, indicator="livestock_herd", category="main_livestock"
            )
            total = stated
        shown = w.n(total, "livestock_herd", "head", "main_livestock", status=st)
        head = f"- Tổng đàn gia súc chính {words} {shown} con"
        if template == "after":
            items = ", ".join(
                f"đàn {word} {w.n(h[c], 'livestock_herd', 'head', c, status=st)} con" for word, c in parts
            )
            herds = f"{head}, trong đó: {items[0].upper()}{items[1:]}."
        else:
            items = [f"{w.n(h[c], 'livestock_herd', 'head', c, status=st)} con {word}" for word, c in parts]
            herds = f"{head}, gồm {', '.join(items[:-1])} và {items[-1]}."
    elif template == "species":
        (first, code), rest = parts[0], parts[1:]
        items = [f"đàn {word} {w.heads(h[c], c, st)}" for word, c in rest]
        herds = f"- Đàn {first} {words} {w.heads(h[code], code, st)}, {', '.join(items)}."
    else:
        name = w.rng.choice(("trâu, bò", "trâu bò", "trâu và bò"))
        herds = (
            f"- Tổng đàn {name} {words} {w.heads(h['buffalo'] + h['cattle'], 'buffalo_cattle', st)}; "
            f"đàn {pig} {w.heads(h['pig'], 'pig', st)}."
        )
    if w.rng.random() < 0.5:
        return [herds, f"- {_poultry(w)} {_meat(w)}"]
    return [f"{herds} {_poultry(w)} {_meat(w)}"]


def _poultry(w: Writer) -> str:
    h = w.m.herds
    if w.rng.random() < 0.3:
        return f"Tổng đàn hiện có {w.heads(h['poultry'], 'poultry', 'reported', 'gia cầm')}."
    st, words = w.status()
    text = f"Tổng đàn gia cầm {words} {w.heads(h['poultry'], 'poultry', st)}"
    if w.rng.random() < 0.4:
        text += f", trong đó đàn gà {w.heads(h['chicken'], 'chicken', st)}"
    return text + "."


def _meat(w: Writer) -> str:
    total, pork = w.m.meat
    st, words = w.status()
    total_text = w.n(total, "meat_output", "ton", "all", status=st)
    pork_text = f"thịt {w.style.pig} {w.n(pork, 'meat_output', 'ton', 'pork', status=st)} tấn"
    if w.rng.random() < 0.5:
        return f"Sản lượng thịt hơi xuất chuồng các loại {words} {total_text} tấn ({pork_text})."
    return f"Sản lượng thịt hơi các loại {words} {total_text} tấn, trong đó {pork_text}."


def aquaculture(w: Writer) -> str:
    """Pond area, tank and cage volumes, output farmed and caught (with the total in the long form)."""
    m, cubic = w.m, w.style.cubic
    farmed, caught = m.fish
    st, words = w.status()
    if w.rng.random() < 0.5:
        pond = w.n(m.pond, "aquaculture_area", "ha", "pond", status=st)
        cage = w.n(m.cage, "aquaculture_volume", "m3", "cage", status=st)
        return (
            f"- Diện tích nuôi trồng thủy sản {words} {pond} ha; thể tích nuôi cá lồng, bè {cage} {cubic}; "
            f"sản lượng nuôi trồng {w.n(farmed, 'aquaculture_production', 'ton', 'farmed', status=st)} tấn; "
            f"sản lượng khai thác {w.n(caught, 'aquaculture_production', 'ton', 'caught', status=st)} tấn."
        )
    pond = w.n(m.pond, "aquaculture_area", "ha", "pond")
    out = [f"- Diện tích ao nuôi trồng thủy sản toàn tỉnh đạt {pond} ha."]
    if m.tank is not None:
        tank = w.n(m.tank, "aquaculture_volume", "m3", "tank", status=st)
        out.append(f"Thể tích bể nuôi cá nước lạnh (cá Tầm, cá Hồi) {words} {tank} {cubic}.")
    st, words = w.status()
    out.append(
        f"Thể tích nuôi cá lồng {words} {w.n(m.cage, 'aquaculture_volume', 'm3', 'cage', status=st)} {cubic}."
    )
    st, words = w.status()
    q = w.rng.choice((None, "khoảng"))
    total = w.n(farmed + caught, "aquaculture_production", "ton", status=st, qualifier=QUALIFIERS.get(q))
    out.append(
        f"Sản lượng nuôi trồng và đánh bắt tự nhiên {words} {q or ''} {total} tấn (sản lượng nuôi trồng "
        f"{w.n(farmed, 'aquaculture_production', 'ton', 'farmed', status=st)} tấn, sản lượng khai thác đạt "
        f"{w.n(caught, 'aquaculture_production', 'ton', 'caught', status=st)} tấn)."
    )
    return " ".join(out)


def disease(w: Writer) -> list[str]:
    """Outbreaks (households, culled head and weight, where) and the vaccination campaign's progress."""
    m, pig, out = w.m, w.style.pig, []
    if m.asf:
        households, head, kg, where = m.asf
        d, area = "african_swine_fever", where.code if where else None
        at = f" ở {w.place(where)}" if where else ""
        outbreak = w.n(households, "disease_outbreak_households", "household", d, area_code=area)
        culled = w.n(head, "disease_culled_head", "head", d, area_code=area)
        weight = w.num(count(kg), kg, "disease_culled_weight", "kg", d, area_code=area)
        out.append(
            f"- Trong tháng, bệnh Dịch tả {pig} Châu Phi phát sinh tại {outbreak} hộ chăn nuôi{at}, số {pig} "
            f"tiêu hủy do mắc bệnh {culled} con/{weight} kg."
        )
    if m.fmd:
        households, head, where = m.fmd
        d, area = "foot_and_mouth", where.code
        outbreak = w.n(households, "disease_outbreak_households", "household", d, area_code=area)
        culled = w.n(head, "disease_culled_head", "head", d, area_code=area)
        out.append(
            f"- Bệnh Lở mồm long móng xảy ra tại {outbreak} hộ thuộc {w.place(where)}, tiêu hủy {culled} con "
            "trâu, bò."
        )
    if m.rabies:
        dogs, where = m.rabies
        culled = w.n(
            dogs,
            "disease_culled_head",
            "head",
            "rabies",
            area_code=where[0].code if len(where) == 1 else None,
        )
        places = ", ".join(w.place(d) for d in where)
        out.append(f"- Tiêu hủy {culled} con chó mắc bệnh, nghi mắc bệnh Dại tại địa bàn {places}.")
    if not out:
        out.append("- Trong tháng, tình hình dịch bệnh trên đàn gia súc, gia cầm cơ bản ổn định.")
    if m.vaccination:
        campaign, done, total, late = m.vaccination
        rest = ""
        if late is not None:
            rest = f", hiện còn {w.place(late)} đang triển khai"
        elif done < total:
            rest = ", các địa phương còn lại đang triển khai"
        ratio = (
            f"{w.num(count(done), done, 'vaccination_districts_completed', 'district')}/"
            f"{w.num(count(total), total, 'vaccination_districts_total', 'district')}"
        )
        out.append(
            f"- Công tác tiêm phòng vắc xin vụ {campaign}: {ratio} huyện, thành phố đã hoàn thành công tác "
            f"tiêm phòng{rest}."
        )
    return out


def hightech(w: Writer) -> str:
    """Greenhouse and efficient irrigation areas, then certified facilities with their area or volume."""
    items = []
    for (standard, sector), (facilities, amount) in sorted(w.m.certifications.items(), key=str):
        category = f"{standard}_{sector}" if sector else standard
        item = (
            f"{w.n(facilities, 'certified_facilities', 'facility', category)} cơ sở"
            f"{_CERTIFIED_SECTOR.get(sector or '', '')} được chứng nhận {_STANDARD_NAMES[standard]}"
        )
        if sector == "aquaculture":
            volume = round(amount * 100)
            item += f" với {w.num(count(volume), volume, 'certified_volume', 'm3', category)} {w.style.cubic}"
        elif standard not in ("iso", "haccp"):
            item += f" với {w.area(amount, 'certified_area', category)}"
        items.append(item)
    greenhouse = w.area(w.m.greenhouse, "hightech_greenhouse_area")
    irrigation = w.area(w.m.irrigation, "hightech_efficient_irrigation_area")
    return (
        f"Toàn tỉnh có {greenhouse} nhà màng, nhà lưới; {irrigation} tưới tiết kiệm; diện tích trồng trọt, "
        f"chăn nuôi, nuôi trồng thủy sản được chứng nhận áp dụng tiêu chuẩn gồm: {'; '.join(items)}."
    )


def processing(w: Writer) -> list[str]:
    """One bullet per processed product: output, sales, exports, processing, stock, in tonnes."""
    out = []
    for name, v in w.m.products:
        st, words = w.status()
        t = partial(_tonnes, w, v, CROP_CATEGORY[name], st)
        if name == "chè":
            stock = "không còn tồn kho"
            if v["stock"]:
                stock = "tồn kho của tháng trước và trong tháng " + t(
                    "stock", "processing_stock", "reported", "khoảng"
                )
            exported = t("exported", "processing_exported", "reported")
            domestic = t("domestic", "processing_sold_entrusted_domestic", "reported")
            out.append(
                f"- Sản phẩm Chè: Trong tháng sản xuất được {t('output', 'processing_output', 'reported')}, "
                f"tiêu thụ được {t('sold', 'processing_sold', 'reported')} (xuất khẩu trực tiếp sang "
                f"Pakistan, Đài Loan được {exported}; xuất ủy thác và bán nội tiêu {domestic}), {stock}."
            )
        elif name == "chuối":
            output = t("output", "processing_output", st, w.rng.choice((None, "khoảng")))
            exported, processed = t("exported", "processing_exported"), t("processed", "processing_processed")
            out.append(
                f"- Chuối quả tươi: sản lượng {words} {output}; trong đó đã xuất khẩu được {exported} qua "
                f"các cửa khẩu phía Bắc và chế biến chuối sấy được {processed}; số chuối còn lại đang được "
                "các HTX, chủ cơ sở tiếp tục thu mua để xuất khẩu."
            )
        else:
            out.append(
                f"- {_PRODUCT_LABEL[name]}: sản lượng thu hoạch {words} {t('output', 'processing_output')}, "
                f"xuất khẩu {t('exported', 'processing_exported')}, tiêu thụ nội địa "
                f"{t('domestic', 'processing_sold_domestic')}."
            )
    return out


def _tonnes(
    w: Writer,
    figures: dict[str, int],
    category: str,
    sentence_status: str,
    key: str,
    indicator: str,
    status: str | None = None,
    word: str | None = None,
) -> str:
    """ "khoảng 372 tấn": one of a product's figures, in its sentence's status unless told otherwise."""
    value, status = figures[key], status or sentence_status
    shown = w.num(
        count(value), value, indicator, "ton", category, status=status, qualifier=QUALIFIERS.get(word)
    )
    return f"{word or ''} {shown} tấn"
