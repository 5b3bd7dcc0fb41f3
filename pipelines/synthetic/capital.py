"""Capital of the resettlement programme and the national target programmes (MTQG), as reports state it.

Allocations are this year's plan plus last year's carried-over balance; disbursement counts from
January. The ethnic-minority programme breaks its allocations down by year ("năm 2022 là ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelines.synthetic.layout import count, decimal

if TYPE_CHECKING:
    from pipelines.synthetic.state import CapitalLine
    from pipelines.synthetic.writer import Writer

RESETTLEMENT = ("resettlement", "all")
NEW_RURAL = ("ntp_new_rural", "all")
POVERTY = ("ntp_poverty_reduction", "all")
ETHNIC = "ntp_ethnic_minority"


def _rate(w: Writer, paid: int, allocated: int, **dims: object) -> str:
    """ "đạt 84%": the rate the two figures give at the precision shown (or, on purpose, another one)."""
    places = w.rng.choice((0, 1))
    value = round(paid / allocated * 100, places)
    if w.take("rate_disagrees"):
        wrong = round(value + w.rng.choice((-1, 1)) * w.rng.uniform(5, 20), places)
        wrong = wrong if wrong > 0 else round(value + 10, places)
        w.issue("rate_disagrees", wrong, value, indicator="capital_disbursement_rate", **dims)
        value = wrong
    return f"đạt {w.num(decimal(value, places), value, 'capital_disbursement_rate', 'pct', **dims)}%"


def _allocated(w: Writer, line: CapitalLine, **dims: object) -> int:
    """The allocation as written: below what was paid when that inconsistency is due."""
    allocated = line.carry + line.current
    paid = line.paid_carry + line.paid_current
    if paid and w.take("disbursed_exceeds_allocated"):
        short = max(line.step, round(paid * w.rng.uniform(0.02, 0.1)))
        stated = max(line.step, (paid - short) // line.step * line.step)
        w.issue("disbursed_exceeds_allocated", stated, paid, indicator="capital_allocated", **dims)
        return stated
    return allocated


def programme(w: Writer, key: tuple[str, str], lead: str) -> str:
    """A programme's year in one sentence: "kế hoạch vốn giao A, đã giải ngân D, đạt r%" or "D/A"."""
    line = w.m.capital[key]
    year = w.period.year if w.style.capital_year else None
    dims = {"program": key[0], "project": key[1], "ref_year": year}
    allocated = _allocated(w, line, **dims)
    paid = line.paid_carry + line.paid_current
    opening = f"{lead} Năm {w.period.year}," if year else lead
    if paid and w.rng.random() < 0.3:
        if line.step == 100:
            ratio = f"{decimal(paid / 1000, 1)}/{decimal(allocated / 1000, 1)} tỷ đồng"
        else:
            ratio = f"{count(paid)}/{count(allocated)} triệu đồng"
        w.num(ratio, paid, "capital_disbursed", "mvnd", **dims)
        w.num(ratio, allocated, "capital_allocated", "mvnd", **dims)
        return f"{opening} đã giải ngân {ratio}, {_rate(w, paid, allocated, **dims)}."
    text = f"{opening} kế hoạch vốn giao {w.money(allocated, 'capital_allocated', line.step, **dims)}"
    if not paid:
        return f"{text}, các chủ đầu tư đang hoàn thiện hồ sơ, chưa giải ngân."
    return (
        f"{text}, đã giải ngân {w.money(paid, 'capital_disbursed', line.step, **dims)}, "
        f"{_rate(w, paid, allocated, **dims)} kế hoạch."
    )


def resettlement(w: Writer) -> str:
    """The resettlement programme as the sample writes it: its year's plan, projects by kind, disbursement."""
    line, y = w.m.capital[RESETTLEMENT], w.period.year
    dims = {"program": RESETTLEMENT[0], "project": RESETTLEMENT[1], "ref_year": y}
    allocated = _allocated(w, line, **dims)
    paid = line.paid_carry + line.paid_current
    kinds = " và ".join(
        f"{w.n(v, 'capital_projects', 'project', kind, **dims)} dự án {words}"
        for v, kind, words in (
            (line.disaster_projects, "natural_disaster_area", "vùng thiên tai"),
            (line.projects - line.disaster_projects, "free_migration", "di cư tự do"),
        )
        if v
    )
    text = (
        f"- Về Chương trình bố trí dân cư: Năm {y}, kế hoạch vốn giao "
        f"{w.money(allocated, 'capital_allocated', 1, **dims)} (giao cho UBND các huyện thực hiện) thực hiện "
        f"chuyển tiếp {w.n(line.projects, 'capital_projects', 'project', **dims)} dự án ({kinds})."
    )
    if not paid:
        return f"{text} Các chủ đầu tư đang hoàn thiện hồ sơ thanh toán, chưa giải ngân."
    text += (
        f" Thực hiện giải ngân đến thời điểm báo cáo là {w.money(paid, 'capital_disbursed', 1, **dims)}, "
        f"{_rate(w, paid, allocated, **dims)} kế hoạch."
    )
    if w.rng.random() < 0.5:
        text += f" Dự kiến đến hết 31/12/{y} thực hiện và giải ngân 100% kế hoạch vốn."
    return text


def ethnic_programme(w: Writer) -> list[str]:
    """The ethnic-minority programme (from 2022): a heading bullet and one "+" item per project."""
    lines = {project: line for (program, project), line in w.m.capital.items() if program == ETHNIC}
    if not lines:
        return []

    def project(code: str, wording: str) -> str:
        return _project(w, code, lines[code], wording)

    return [
        "- Về các Chương trình mục tiêu quốc gia: Chương trình mục tiêu quốc gia phát triển KT-XH vùng "
        "đồng bào dân tộc thiểu số và miền núi:",
        f"+ Dự án 1 (Hỗ trợ nước sinh hoạt): Nước sinh hoạt phân tán: "
        f"{project('project_1_scattered_water', 'to_date')}; Nước sinh hoạt tập trung: "
        f"{project('project_1_centralised_water', 'to_date')}.",
        "+ Dự án 2 (Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết): "
        f"{project('project_2', 'range')}.",
        "+ Dự án 3 (Phát triển sản xuất nông, lâm nghiệp bền vững, phát huy tiềm năng, thế mạnh của các "
        "vùng miền để sản xuất hàng hóa theo chuỗi giá trị): Tiểu dự án 1: Phát triển kinh tế nông, lâm "
        "nghiệp bền vững gắn với bảo vệ rừng và nâng cao thu nhập cho người dân, "
        f"{project('project_3_sub_1', 'from')}; Tiểu dự án 2: Đầu tư phát triển sản xuất theo chuỗi giá "
        "trị, thúc đẩy khởi sự kinh doanh, khởi nghiệp và thu hút đầu tư vùng đồng bào dân tộc thiểu số và "
        f"miền núi: {project('project_3_sub_2', 'from')}.",
    ]


def _project(w: Writer, project: str, line: CapitalLine, wording: str) -> str:
    """ "tổng vốn ... là T (năm Y-1 là a, năm Y là b), đã giải ngân D ...": one project of the programme."""
    y = w.period.year
    dims = {"program": ETHNIC, "project": project}
    total = line.carry + line.current
    paid = line.paid_carry + line.paid_current
    if not line.carry:
        text = f"tổng vốn đã được phân bổ là {w.n(total, 'capital_allocated', 'mvnd', **dims)} triệu đồng"
    else:
        parts = [(y - 1, line.carry), (y, line.current)]
        if w.take("allocation_years_do_not_add_up"):
            parts[1] = (y, line.current + w.offset() * w.rng.choice((1, 10, 100)))
            w.issue(
                "allocation_years_do_not_add_up",
                total,
                line.carry + parts[1][1],
                indicator="capital_allocated",
                **dims,
            )
        lead = {
            "to_date": "tổng số vốn đã được phân bổ đến nay là",
            "range": f"tổng vốn đã được phân bổ năm {y - 1}-{y} là",
            "from": f"tổng vốn phân bổ từ năm {y - 1}-{y} là",
        }[wording]
        years = ", ".join(
            f"năm {year} là {w.n(v, 'capital_allocated', 'mvnd', ref_year=year, **dims)} triệu đồng"
            for year, v in parts
        )
        text = f"{lead} {w.n(total, 'capital_allocated', 'mvnd', **dims)} triệu đồng ({years})"
    if project == "project_2":
        projects = w.n(line.projects, "capital_projects", "project", **dims)
        households = w.n(line.households, "capital_households", "household", **dims)
        text += f" để triển khai thực hiện {projects} dự án/{households} hộ"
    if not paid:
        return f"{text}, chưa giải ngân"
    text += f", đã giải ngân được {w.n(paid, 'capital_disbursed', 'mvnd', **dims)} triệu đồng"
    if project == "project_3_sub_1" and line.paid_carry and line.paid_current:
        years = ", ".join(
            f"năm {year} là {w.n(v, 'capital_disbursed', 'mvnd', ref_year=year, **dims)} triệu đồng"
            for year, v in ((y - 1, line.paid_carry), (y, line.paid_current))
        )
        return f"{text} ({years})"
    if project == "project_3_sub_2":
        return text
    return f"{text}, {_rate(w, paid, total, **dims)} KH"
