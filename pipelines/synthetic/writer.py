"""One month's report of one province: its text, and the figures a careful reader takes from it.

Every figure's number is written through `Writer.num`, which records the figure at the same
time, so the ground truth is exactly what the text says, including the rare breakdowns that
deliberately do not add up (returned as issues). The sections live in `farming`, `rural` and
`capital`; this module assembles them in the outline of the real sample report.
"""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

from pipelines.parsing.areas import District, Province, find_district
from pipelines.parsing.numbers import non_figure_kind
from pipelines.synthetic import capital, farming, rural
from pipelines.synthetic.layout import QUALIFIERS, count, decimal, page, wrap
from pipelines.synthetic.state import Month, ProvinceState, advance

FIELDS = (
    "domain",
    "indicator",
    "category",
    "value",
    "unit",
    "area_code",
    "program",
    "project",
    "ref_year",
    "stars",
    "status",
    "qualifier",
    "kind",
)
_KEY = ("kind", "indicator", "category", "area_code", "program", "project", "ref_year", "stars")
INCONSISTENCIES = (
    "species_do_not_add_up",
    "violation_types_do_not_add_up",
    "sectors_do_not_add_up",
    "districts_do_not_add_up",
    "disbursed_exceeds_allocated",
    "allocation_years_do_not_add_up",
    "rate_disagrees",
)
_STATUS_WORDS = {
    "estimate": ("ước đạt", "ước tính", "ước"),
    "preliminary": ("sơ bộ đạt", "sơ bộ"),
    "official": ("chính thức đạt", "chính thức"),
    "reported": ("đạt", ""),
}
_STATUS_WEIGHTS = {"estimate": 5, "preliminary": 1, "official": 1, "reported": 3}
_DOMAINS = (
    ("livestock_herd", "livestock"),
    ("meat_", "livestock"),
    ("aquaculture_", "aquaculture"),
    ("crop_", "crops"),
    ("disease_", "animal_disease"),
    ("vaccination_", "animal_disease"),
    ("hightech_", "hightech"),
    ("certified_", "hightech"),
    ("processing_", "processing"),
    ("forest_", "forestry"),
    ("fes_", "forest_environment_services"),
    ("ocop_share", "cooperatives"),
    ("ocop_", "ocop"),
    ("cooperatives", "cooperatives"),
    ("farm", "cooperatives"),
    ("training_", "training"),
    ("capital_", "capital"),
)
_DIRECTORS = (
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Minh Tuấn",
    "Phạm Văn Dũng",
    "Hoàng Thị Mai",
    "Đặng Văn Châu",
)


class SyntheticReport(NamedTuple):
    """A report's text, the figures it states (dicts keyed by FIELDS), the inconsistencies put in it.

    An issue is a dict: `check` (one of INCONSISTENCIES), `indicator`, where it is (category,
    program, project, ref_year as relevant), `stated` (the figure as written) and `computed` (what
    the related figures give: the sum of the parts, the amount disbursed, or the rate).
    """

    text: str
    figures: list[dict]
    issues: list[dict]


def generate_report(
    province: Province,
    period: date,
    state: ProvinceState,
    rng: random.Random,
    inconsistency_rate: float = 0.03,
) -> SyntheticReport:
    """The report of `province` for `period`: the first month of `state`, or the month after its last.

    With probability `inconsistency_rate` one part is written so that a warehouse check fails
    (a breakdown that does not add up, disbursed beyond allocated, a rate that disagrees).
    """
    if state.province != province:
        raise ValueError(f"the state is for {state.province.name}, not {province.name}")
    month = advance(state, period, rng)
    fault = None
    if rng.random() < inconsistency_rate:
        fault = rng.choice([kind for kind in INCONSISTENCIES if _applies(kind, month)])
    writer = Writer(state, month, rng, fault)
    text = writer.write()
    if writer.fault is not None:
        raise AssertionError(f"the inconsistency {writer.fault} was chosen but not written")
    return SyntheticReport(text, writer.rows, writer.issues)


def _applies(kind: str, month: Month) -> bool:
    """Whether this month's report has the parts that the inconsistency `kind` needs."""
    if kind == "violation_types_do_not_add_up":
        return sum(month.violations.values()) > 0
    if kind == "allocation_years_do_not_add_up":
        return any(
            line.carry > 0 for (program, _), line in month.capital.items() if program == capital.ETHNIC
        )
    if kind in ("disbursed_exceeds_allocated", "rate_disagrees"):
        return month.capital[capital.RESETTLEMENT].paid_current > 0
    return True


class Writer:
    """What the sections share: the month, the wording habits, and the figures recorded so far."""

    def __init__(self, state: ProvinceState, month: Month, rng: random.Random, fault: str | None) -> None:
        self.state, self.m, self.rng, self.fault = state, month, rng, fault
        self.style = state.style
        self.province = state.province
        self.period = month.period
        self.rows: list[dict] = []
        self.issues: list[dict] = []
        self._seen: dict[tuple, float] = {}

    def num(
        self,
        text: str,
        value: float,
        indicator: str,
        unit: str,
        category: str = "all",
        *,
        domain: str | None = None,
        status: str = "reported",
        qualifier: str | None = None,
        **dims: object,
    ) -> str:
        """`text` (the number as written), after recording the figure it states.

        A figure stated twice (the OCOP total in two sections) is kept once, as the parser does.
        """
        row = dict.fromkeys(FIELDS) | {
            "domain": domain or next(d for prefix, d in _DOMAINS if indicator.startswith(prefix)),
            "indicator": indicator,
            "category": category,
            "value": round(float(value), 9),
            "unit": unit,
            "status": status,
            "qualifier": qualifier,
            "kind": "level",
            **dims,
        }
        key = tuple(row[k] for k in _KEY)
        if key in self._seen:
            if self._seen[key] != row["value"]:
                raise AssertionError(f"{key} stated as {self._seen[key]} and as {row['value']}")
            return text
        self._seen[key] = row["value"]
        self.rows.append(row)
        return text

    def n(self, value: int, indicator: str, unit: str, category: str = "all", **kw: object) -> str:
        """A whole-number figure, with the department's leading zero for small counts ("09")."""
        return self.num(count(value, self.style.pad), value, indicator, unit, category, **kw)

    def take(self, kind: str) -> bool:
        """Whether to break this part now: the report's chosen inconsistency, used once."""
        if self.fault != kind:
            return False
        self.fault = None
        return True

    def issue(self, kind: str, stated: float, computed: float, **where: object) -> None:
        self.issues.append({"check": kind, **where, "stated": stated, "computed": computed})

    def offset(self, low: int = 1, high: int = 3) -> int:
        return self.rng.choice((-1, 1)) * self.rng.randint(low, high)

    def status(self) -> tuple[str, str]:
        """(status code, words that state it): "ước đạt" -> estimate, "sơ bộ" -> preliminary, ..."""
        code = self.rng.choices(tuple(_STATUS_WEIGHTS), tuple(_STATUS_WEIGHTS.values()))[0]
        return code, self.rng.choice(_STATUS_WORDS[code])

    def qualifier(self, written: float, true: float) -> str | None:
        """A qualifier an honest writer may put before a rounded number ("hơn" when rounded down)."""
        if written < true:
            return self.rng.choice((None, "hơn", "trên", "khoảng"))
        if written > true:
            return self.rng.choice((None, "gần", "khoảng"))
        return self.rng.choice((None, "khoảng"))

    def money(self, value: int, indicator: str, step: int, **dims: object) -> str:
        """Million VND as written: "45,5 tỷ đồng" for amounts kept in hundreds of millions, else triệu."""
        if step == 100:
            return self.num(f"{decimal(value / 1000, 1)} tỷ đồng", value, indicator, "mvnd", **dims)
        return self.num(f"{count(value)} triệu đồng", value, indicator, "mvnd", **dims)

    def area(self, ha: float, indicator: str, category: str = "all") -> str:
        """An area in ha, or in m2 under one hectare, as small areas are written."""
        if ha < 1:
            m2 = round(ha * 1000) * 10
            return f"{self.num(count(m2), round(m2 * 1e-4, 9), indicator, 'ha', category)} m2"
        value = round(ha, 1 if ha < 100 else 0)
        return f"{self.num(decimal(value, 1), value, indicator, 'ha', category)} ha"

    def district(self, d: District) -> str:
        """A district as the parser resolves it: bare when that name is unambiguous, else with its kind."""
        if find_district(self.province.code, d.name) == d and not self.style.district_kind:
            return d.name
        return self.place(d)

    def place(self, d: District) -> str:
        """A district with its kind, as in "huyện Mường Tè", "thành phố Lai Châu"."""
        return f"{d.kind.lower()} {d.name}"

    def by_code(self, code: str) -> District:
        return next(d for d in self.state.districts if d.code == code)

    def before_count(self, name: str) -> str:
        """A name put right before a count, with "có" between where the parser would take the count for
        an identifier (a parser limitation: "Thanh Chương 6" reads as chapter 6)."""
        text = f"{name} 6"
        return f"{name} có" if non_figure_kind(text, len(text) - 1, len(text)) else name

    def heads(self, value: int, category: str, status: str, noun: str = "") -> str:
        """A head count, exact or rounded to thousands or millions with a qualifier that keeps it true."""
        options = ["exact"] + ["thousand"] * (value >= 20_000) + ["million"] * 2 * (value >= 1_000_000)
        choice = self.rng.choice(options)
        if choice == "exact":
            written, text = value, count(value)
        elif choice == "thousand":
            thousands = round(value / 1000)
            written, text = thousands * 1000, f"{count(thousands)} {self.style.thousand}"
        else:
            millions = round(value / 1e6, 2)
            written, text = round(millions * 1e6, 6), f"{decimal(millions, 2)} triệu"
        word = self.qualifier(written, value) if choice != "exact" else None
        shown = self.num(
            text, written, "livestock_herd", "head", category, status=status, qualifier=QUALIFIERS.get(word)
        )
        return f"{word or ''} {shown} con {noun}".strip()

    def write(self) -> str:
        """The whole report: header, Part I (results), Part II (plans), closing, as PDF-extracted text."""
        m, y = self.period.month, self.period.year
        nxt = date(y + m // 12, m % 12 + 1, 1)
        paragraphs = [
            f"I. Tình hình sản xuất nông - lâm nghiệp tháng {m:02d} năm {y}",
            "1. Sản xuất nông nghiệp",
            *farming.crops(self),
            "1.2. Chăn nuôi thú y, thủy sản",
            "a) Tình hình chăn nuôi, thủy sản",
            *farming.livestock(self),
            farming.aquaculture(self),
            "b) Tình hình dịch bệnh động vật và quản lý chăn nuôi",
            *farming.disease(self),
            "1.3. Công tác quản lý chất lượng nông, lâm, thủy sản",
            "Thường xuyên tuyên truyền, phổ biến, giáo dục pháp luật và kiến thức sản xuất, các quy định "
            "đảm bảo vệ sinh ATTP tới người dân.",
            "* Tình hình ứng dụng công nghệ cao trong sản xuất",
            farming.hightech(self),
            "* Tình hình chế biến, tiêu thụ nông sản",
            *farming.processing(self),
            "2. Sản xuất lâm nghiệp",
            "2.1. Công tác bảo vệ và phát triển rừng",
            rural.outreach(self),
            rural.violations(self),
            "2.2. Tình hình thực hiện chính sách chi trả dịch vụ môi trường rừng",
            "Đôn đốc các Ban quản lý rừng, UBND xã thực hiện quyết toán tiền DVMTR theo quy định; tạm ứng "
            "tiền DVMTR cho bên cung ứng để chi trả cho người dân bảo vệ rừng.",
            rural.fes(self),
            "3. Chương trình MTQG xây dựng nông thôn mới và OCOP",
            "- Kiểm tra rà soát các chỉ tiêu tiêu chí nông thôn mới và tiến độ giải ngân các nguồn vốn của "
            "Chương trình tại các huyện.",
            capital.programme(self, capital.NEW_RURAL, "- Kết quả giải ngân vốn Chương trình:"),
            *rural.ocop(self),
            "4. Công tác thủy lợi - phòng chống lũ, bão và nước sạch VSMT",
            "Phối hợp, hướng dẫn các đơn vị quản lý khai thác công trình thủy lợi bảo đảm tưới tiêu; duy "
            "trì trực ban 24/24 giờ để kịp thời ứng phó khi có diễn biến thời tiết bất thường.",
            "5. Công tác phát triển nông thôn",
            rural.cooperatives(self),
            rural.farms(self),
            rural.training(self),
            capital.resettlement(self),
            *capital.ethnic_programme(self),
            capital.programme(self, capital.POVERTY, "- Chương trình MTQG giảm nghèo bền vững:"),
            *self.plans(nxt),
        ]
        width = self.rng.randint(74, 84)
        body = [line for p in paragraphs if p for line in wrap(p, width)]
        return page(self.header(nxt) + body + self.footer(), self.rng)

    def header(self, nxt: date) -> list[str]:
        p, m, y = self.province, self.period.month, self.period.year
        sent = nxt if self.rng.random() < 0.7 else self.period
        day = self.rng.randint(3, 12) if sent == nxt else self.rng.randint(20, 28)
        number = self.rng.randint(10, 450)
        return [
            f"UBND {p.kind.upper()} {p.name.upper()}",
            "SỞ NÔNG NGHIỆP VÀ PTNT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Số: {number}/BC-SNN {p.name}, ngày {day:02d} tháng {sent.month:02d} năm {sent.year}",
            "BÁO CÁO",
            f"Tình hình sản xuất nông - lâm nghiệp tháng {m:02d} năm {y},",
            f"phương hướng nhiệm vụ tháng {nxt.month:02d} năm {nxt.year}",
        ]

    def footer(self) -> list[str]:
        return [
            "Nơi nhận:",
            "- Bộ NN&PTNT (b/c);",
            "- TT Tỉnh uỷ, UBND tỉnh (b/c);",
            "- Cục thống kê tỉnh;",
            "- Lưu VT, KHTC.",
            "GIÁM ĐỐC",
            _DIRECTORS[int(self.province.code) % len(_DIRECTORS)],
        ]

    def plans(self, nxt: date) -> list[str]:
        """Part II, targets and tasks, and the closing sentence: their numbers are plans, never figures."""
        p, m, y = self.province, self.period.month, self.period.year
        herd = round(
            sum(v for k, v in self.m.herds.items() if k in ("buffalo", "cattle", "pig", "goat")) * 1.01
        )
        return [
            f"II. Phương hướng, nhiệm vụ tháng {nxt.month:02d} năm {nxt.year}",
            "1. Trồng trọt và Bảo vệ thực vật",
            "- Tiếp tục chỉ đạo sản xuất theo khung lịch thời vụ, theo dõi chặt chẽ tình hình sâu bệnh hại "
            "trên cây trồng để kịp thời xử lý, không để lây lan trên diện rộng.",
            "2. Chăn nuôi, thú y, thủy sản",
            f"- Phấn đấu tổng đàn gia súc chính đạt {count(herd)} con; chủ động phòng, chống dịch bệnh, đói, "
            "rét cho đàn vật nuôi.",
            "3. Lâm nghiệp",
            "- Tăng cường công tác tuần tra, kiểm tra, ngăn chặn và xử lý nghiêm các hành vi vi phạm Luật "
            "Lâm nghiệp.",
            "4. Phát triển nông thôn",
            f"- Tiếp tục mở {self.rng.randint(5, 30)} lớp đào tạo nghề cho lao động nông thôn; đôn đốc các "
            f"chủ đầu tư đẩy nhanh tiến độ, phấn đấu giải ngân 100% kế hoạch vốn năm {y}.",
            f"Trên đây là Báo cáo tình hình sản xuất nông - lâm nghiệp tháng {m:02d} năm {y}, phương hướng, "
            f"nhiệm vụ tháng {nxt.month:02d} năm {nxt.year} của Sở Nông nghiệp và Phát triển nông thôn "
            f"{p.kind.lower()} {p.name}./.",
        ]
