"""Forest protection: outreach and pledges, law violations by type (cases, damaged area, timber), patrols."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has, last_key

VIOLATION_TYPES = Keywords(
    {
        "phá rừng": "illegal_deforestation",
        "khai thác rừng": "illegal_logging",
        "khai thác lâm sản": "illegal_logging",
        "khai thác gỗ": "illegal_logging",
        "vận chuyển": "illegal_trade_transport",
        "mua bán": "illegal_trade_transport",
        "tàng trữ": "illegal_storage",
        "hồ sơ lâm sản": "forest_product_records",
        "lấn chiếm": "other",
        "phòng cháy": "other",
        "vi phạm khác": "other",
        "hành vi khác": "other",
        "khác": "other",
    }
)
OUTREACH = Keywords(
    {
        "thôn bản": "forest_outreach_villages",
        "thôn, bản": "forest_outreach_villages",
        "người dân": "forest_outreach_participants",
        "người tham gia": "forest_outreach_participants",
        "trường học": "forest_outreach_schools",
        "học sinh": "forest_outreach_students",
    }
)


def _violation_type(m: Mention) -> str | None:
    """'hồ sơ lâm sản' outranks the 'vận chuyển, mua bán' inside its own name; a total says 'tổng'."""
    if has(m.lead, "hồ sơ lâm sản"):
        return "forest_product_records"
    kind = last_key(m.lead, VIOLATION_TYPES)
    if kind:
        return kind
    if has(m.lead, "tổng", "số vụ", "phát hiện", "xử lý", "lập biên bản") or has(m.tail, "vi phạm"):
        return "all"
    return None


def _outreach(m: Mention) -> Found | None:
    if m.q.unit == "school":
        return Found(m, "forest_outreach_schools")
    if m.q.unit == "meeting":
        return Found(m, "forest_outreach_meetings")
    if has(m.lead, "cam kết"):
        return Found(m, "forest_pledge_households")
    indicator = first_key(m.tail, OUTREACH)
    return Found(m, indicator) if indicator else None


UNITS = None  # outreach is counted in many units (villages, people, households, schools)


def extract(par: ParagraphContext) -> list[Found]:
    # Every figure below needs one of these words in its sentence (areas and timber follow a case).
    # A word the paragraph lacks is in none of its sentences: those tests need no sentence cut.
    text = par.text
    patrols, violations = "tuần tra" in text, "vi phạm" in text
    outreach = "tuyên truyền" in text or "cam kết" in text
    if not (patrols or violations or outreach):
        return []
    found: list[Found] = []
    last_type: str | None = None
    for m in par.mentions:
        if patrols and m.q.unit in ("round", "case") and has(m.sentence, "tuần tra"):
            indicator = "forest_patrols" if m.q.unit == "round" else "forest_patrol_violations_detected"
            found.append(Found(m, indicator))
        elif (
            violations and m.q.unit == "case" and has(m.sentence, "vi phạm") and (kind := _violation_type(m))
        ):
            found.append(Found(m, "forest_violation_cases", kind))
            last_type = kind
        elif last_type and m.q.unit == "ha" and (m.q.after_slash or has(m.lead, "thiệt hại", "diện tích")):
            found.append(Found(m, "forest_violation_damaged_area", last_type))
        elif (
            last_type
            and m.q.unit == "m3"
            and (m.q.after_slash or has(m.lead + " " + m.tail, "gỗ", "lâm sản"))
        ):
            found.append(Found(m, "forest_violation_timber", last_type))
        elif outreach and has(m.sentence, "tuyên truyền", "cam kết") and (f := _outreach(m)):
            found.append(f)
    return found
