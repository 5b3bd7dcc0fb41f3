"""The monthly narrative report of one province, regenerated from the warehouse, in Vietnamese.

`load_report` reads a month's figures (newest submission version), the previous month and the
same month last year, the capital table and the failed checks from the published snapshot;
`narrative_lines` writes them in the Departments' own outline and wording through a Jinja2
template, so the project's parser reads back exactly the warehouse's figures. The Markdown,
HTML and Word renderers in `report_files` lay those lines out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipelines.parsing.numbers import format_number
from pipelines.parsing.rules.capital import COMPONENTS

TEMPLATES = Path(__file__).with_name("templates")
_KEY = ("indicator", "category", "area_code", "program", "project", "ref_year", "stars", "scope")
SPECIES_ORDER = (
    "main_livestock",
    "buffalo",
    "cattle",
    "buffalo_cattle",
    "pig",
    "goat",
    "sheep",
    "goat_sheep",
    "horse",
    "poultry",
    "chicken",
)
VIOLATION_ORDER = (
    "all",
    "illegal_deforestation",
    "illegal_logging",
    "illegal_trade_transport",
    "illegal_storage",
    "forest_product_records",
    "other",
)
CROP_MEASURES = {
    "crop_area_land_prepared": "Diện tích làm đất",
    "crop_area_seedbed": "Diện tích gieo mạ",
    "crop_area_planted": "Diện tích gieo trồng",
    "crop_area_harvested": "Diện tích thu hoạch",
}
AQUACULTURE_SUBJECTS = {
    "aquaculture_area.pond": "Diện tích ao nuôi trồng thủy sản",
    "aquaculture_volume.tank": "Thể tích bể nuôi cá nước lạnh",
    "aquaculture_volume.cage": "Thể tích nuôi cá lồng",
    "aquaculture_production.all": "Sản lượng thủy sản nuôi trồng và khai thác",
    "aquaculture_production.farmed": "Sản lượng thủy sản nuôi trồng",
    "aquaculture_production.caught": "Sản lượng thủy sản khai thác",
}
PROCESSING_MEASURES = {
    "processing_output": "Sản xuất",
    "processing_sold": "Tiêu thụ",
    "processing_exported": "Xuất khẩu",
    "processing_exported_entrusted": "Xuất ủy thác",
    "processing_sold_domestic": "Tiêu thụ nội địa",
    "processing_sold_entrusted_domestic": "Xuất ủy thác và bán nội tiêu",
    "processing_processed": "Chế biến",
    "processing_stock": "Tồn kho",
}
OUTREACH_PHRASES = {
    "forest_outreach_villages": "Tổ chức tuyên truyền tới {} lượt thôn bản",
    "forest_outreach_participants": "Tuyên truyền với {} lượt người dân tham gia",
    "forest_outreach_meetings": "Tổ chức {} cuộc tuyên truyền",
    "forest_outreach_schools": "Tuyên truyền tại {} trường học",
    "forest_outreach_students": "Tuyên truyền với {} lượt học sinh tham gia",
    "forest_pledge_households": "Ký cam kết bảo vệ rừng đến {} lượt hộ gia đình",
}
OCOP_PHRASES = {
    "evaluated": "Đánh giá, phân hạng {} sản phẩm OCOP",
    "certified": "Có {} sản phẩm được công nhận đạt OCOP",
    "not_certified": "Có {} sản phẩm OCOP chưa đạt",
    "recertified": "Tái công nhận {} sản phẩm OCOP",
    "certified_total": "Lũy kế toàn tỉnh có {} sản phẩm OCOP",
}


@dataclass(frozen=True)
class Fig:
    """A figure of the month as the report writes it: value, labels, and its change where known."""

    indicator: str
    category: str
    value: float
    unit: str
    status: str
    area_code: str | None = None
    program: str | None = None
    project: str | None = None
    ref_year: int | None = None
    stars: int | None = None
    qualifier: str | None = None
    scope: str = "month"
    label: str = ""
    district: str = ""
    change: str = ""

    @property
    def key(self) -> tuple:
        return tuple(getattr(self, k) for k in _KEY)


@dataclass
class ReportData:
    """Everything one report shows, read from the warehouse."""

    province_code: str
    province_name: str
    period: date
    submissions: list[str]
    figures: list[Fig]
    previous: dict[tuple, float] = field(default_factory=dict)
    last_year: dict[tuple, float] = field(default_factory=dict)
    capital_rows: list[dict] = field(default_factory=list)
    failed_checks: list[dict] = field(default_factory=list)


_FIGURES_SQL = """
    select f.indicator, f.category, f.value, f.unit, f.status,
           case when f.area_code = f.province_code then null else f.area_code end as area_code,
           f.program, f.project, f.ref_year, f.stars, f.qualifier, f.scope,
           coalesce(c.label_vi, '') as label,
           coalesce(lower(a.kind) || ' ' || a.name, '') as district
    from intermediate.int_figures__latest as f
    left join main.indicators as i on i.indicator = f.indicator
    left join main.categories as c on c.dimension = i.category_dimension and c.category = f.category
    left join main.areas as a on a.code = f.area_code and a.level = 'district'
    where f.province_code = ? and f.report_period = ? and f.period = f.report_period
    order by f.source_line, f.indicator, f.category
"""


def load_report(con: duckdb.DuckDBPyConnection, province_code: str, period: date) -> ReportData:
    """The month's figures with the previous month, last year, capital table and failed checks."""
    figures = [Fig(*row) for row in con.execute(_FIGURES_SQL, [province_code, period]).fetchall()]
    if not figures:
        raise LookupError(f"the warehouse has no figures for province {province_code} in {period:%Y-%m}")
    [name] = con.execute("select name from main.areas where code = ?", [province_code]).fetchone()

    def values_of(month: date) -> dict[tuple, float]:
        rows = con.execute(_FIGURES_SQL, [province_code, month]).fetchall()
        return {Fig(*row).key: Fig(*row).value for row in rows}

    previous_month = date(period.year - (period.month == 1), (period.month - 2) % 12 + 1, 1)
    data = ReportData(
        province_code=province_code,
        province_name=name,
        period=period,
        submissions=[
            s
            for (s,) in con.execute(
                "select distinct submission_id from intermediate.int_figures__latest"
                " where province_code = ? and report_period = ? order by 1",
                [province_code, period],
            ).fetchall()
        ],
        figures=figures,
        previous=values_of(previous_month),
        last_year=values_of(date(period.year - 1, period.month, 1)),
        capital_rows=_rows(
            con,
            "select program, project, allocation_year, allocated_mvnd, disbursed_mvnd, reported_rate_pct,"
            " computed_rate_pct from marts.fct_capital_disbursements"
            " where province_code = ? and report_period = ? and period = report_period"
            " order by program, project, allocation_year nulls first",
            [province_code, period],
        ),
        failed_checks=_failed_checks(con, province_code, period),
    )
    return data


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _failed_checks(con: duckdb.DuckDBPyConnection, province_code: str, period: date) -> list[dict]:
    exists = con.execute(
        "select count(*) from information_schema.tables"
        " where table_schema = 'audit' and table_name = 'check_results'"
    ).fetchone()[0]
    if not exists:
        return []
    return _rows(
        con,
        "select c.check_name, c.severity, c.details from audit.check_results as c"
        " join audit.submissions as s on s.submission_id = c.submission_id and s.status = 'loaded'"
        " where not c.passed and c.province_code = ? and c.period = ? order by c.severity, c.check_name",
        [province_code, period],
    )


def vn(value: float) -> str:
    """A number the Vietnamese way: 353.350, 42,9, 0,119."""
    return format_number(round(value)) if float(value).is_integer() else format_number(round(value, 6))


def _change(value: float, earlier: float | None, unit: str, when: str) -> str:
    """', giảm 2.000 con (-0,9%) so với tháng trước' — empty when the earlier month is absent."""
    if earlier is None:
        return ""
    delta = value - earlier
    word = "tăng" if delta > 0 else "giảm" if delta < 0 else "không đổi"
    if delta == 0:
        return f", {word} so với {when}"
    pct = f" ({'+' if delta > 0 else '-'}{format_number(abs(delta) / earlier * 100, 1)}%)" if earlier else ""
    return f", {word} {vn(abs(delta))} {unit}{pct} so với {when}"


def _with_changes(fig: Fig, data: ReportData, unit: str) -> Fig:
    change = _change(fig.value, data.previous.get(fig.key), unit, "tháng trước")
    change += _change(fig.value, data.last_year.get(fig.key), unit, "cùng kỳ năm trước")
    return replace(fig, change=change)


def project_label(code: str) -> str:
    """'project_3_sub_1' -> 'Dự án 3, Tiểu dự án 1'; written so the capital rule reads the code back."""
    parts = code.split("_")
    label = f"Dự án {parts[1]}"
    rest = "_".join(parts[2:])
    if rest.startswith("sub_"):
        return f"{label}, Tiểu dự án {rest[4:]}"
    component = next((words for words, c in COMPONENTS.items() if c == rest), None)
    return f"{label}, {component}" if component else label


def _context(data: ReportData, program_labels: dict[str, str]) -> dict:
    by = _group(data.figures)
    return {
        "month": f"{data.period.month:02d}",
        "year": data.period.year,
        "province_name": data.province_name,
        "crops": _crops(by),
        "crop_measures": CROP_MEASURES,
        "herds": [_with_changes(f, data, "con") for f in _ordered(by("livestock_herd"), SPECIES_ORDER)],
        "meat": by("meat_output"),
        "aquaculture": [
            f for i in ("aquaculture_area", "aquaculture_volume", "aquaculture_production") for f in by(i)
        ],
        "aquaculture_subjects": AQUACULTURE_SUBJECTS,
        "diseases": _diseases(by),
        "vaccination": _pair(by, "vaccination_districts_completed", "vaccination_districts_total"),
        "greenhouse": _one(by("hightech_greenhouse_area")),
        "irrigation": _one(by("hightech_efficient_irrigation_area")),
        "certifications": _certifications(by),
        "products": _products(by),
        "processing_measures": PROCESSING_MEASURES,
        "outreach": [f for i in OUTREACH_PHRASES for f in by(i)],
        "outreach_phrases": OUTREACH_PHRASES,
        "violations": _violations(by, data),
        "patrols": _one(by("forest_patrols")),
        "patrol_violations": _one(by("forest_patrol_violations_detected")),
        "fes": sorted(
            by("fes_revenue") + by("fes_spending"), key=lambda f: (f.ref_year is not None, f.indicator)
        ),
        "ocop": [f for f in by("ocop_products") if f.category in OCOP_PHRASES and not _owned_total(by, f)],
        "ocop_phrases": OCOP_PHRASES,
        "coops": _breakdown(by, "cooperatives")
        | {
            "owning": _one(by("cooperatives_owning_ocop")),
            "owned": _one([f for f in by("ocop_products") if f.category == "owned_by_cooperatives"]),
            "ocop_total": _owned_total_fig(by),
            "share": _one(by("ocop_share_owned_by_cooperatives")),
        },
        "farms": _breakdown(by, "farms") | {"area": _one(by("farm_area")), "jobs": _one(by("farm_jobs"))},
        "training": _training(by),
        "programs": _programs(by, program_labels),
        "failed_checks": data.failed_checks,
    }


def _group(figures: list[Fig]):
    index: dict[str, list[Fig]] = {}
    for f in figures:
        index.setdefault(f.indicator, []).append(f)
    return lambda indicator: index.get(indicator, [])


def _one(figs: list[Fig]) -> Fig | None:
    return figs[0] if figs else None


def _ordered(figs: list[Fig], order: tuple[str, ...]) -> list[Fig]:
    return sorted(
        figs, key=lambda f: (order.index(f.category) if f.category in order else len(order), f.category)
    )


def _pair(by, first: str, second: str) -> dict | None:
    a, b = _one(by(first)), _one(by(second))
    return {"completed": a, "total": b} if a and b else None


def _crops(by) -> list[dict]:
    crops: dict[str, dict] = {}
    for indicator in (*CROP_MEASURES, "crop_seedbed_covered_share"):
        for f in by(indicator):
            crops.setdefault(f.category, {"label": f.label, "figures": []})["figures"].append(f)
    return list(crops.values())


def _diseases(by) -> list[dict]:
    groups: dict[tuple, dict] = {}
    for name, indicator in (
        ("households", "disease_outbreak_households"),
        ("culled", "disease_culled_head"),
        ("weight", "disease_culled_weight"),
    ):
        for f in by(indicator):
            group = groups.setdefault(
                (f.category, f.area_code),
                {
                    "label": f.label,
                    "district": f.district,
                    "households": None,
                    "culled": None,
                    "weight": None,
                },
            )
            group[name] = f
    for group in groups.values():
        group["first"] = group["households"] or group["culled"] or group["weight"]
    return list(groups.values())


def _certifications(by) -> list[dict]:
    groups: dict[str, dict] = {}
    for name, indicator in (
        ("facilities", "certified_facilities"),
        ("area", "certified_area"),
        ("volume", "certified_volume"),
    ):
        for f in by(indicator):
            standard, _, sector = f.label.partition(" - ")
            group = groups.setdefault(
                f.category,
                {
                    "standard": standard,
                    "sector": f"{sector} " if sector else "",
                    "facilities": None,
                    "area": None,
                    "volume": None,
                },
            )
            group[name] = f
    for group in groups.values():
        group["first"] = group["facilities"] or group["area"] or group["volume"]
    return list(groups.values())


def _products(by) -> list[dict]:
    products: dict[str, dict] = {}
    for indicator in PROCESSING_MEASURES:
        for f in by(indicator):
            products.setdefault(f.category, {"label": f.label, "figures": []})["figures"].append(f)
    return list(products.values())


def _violations(by, data: ReportData) -> list[dict]:
    types: dict[str, dict] = {}
    for name, indicator in (
        ("cases", "forest_violation_cases"),
        ("area", "forest_violation_damaged_area"),
        ("timber", "forest_violation_timber"),
    ):
        for f in by(indicator):
            if name == "cases" and f.category == "all":
                f = _with_changes(f, data, "vụ")
            group = types.setdefault(
                f.category,
                {"type": f.category, "label": f.label, "cases": None, "area": None, "timber": None},
            )
            group[name] = f
    ordered = sorted(types.values(), key=lambda g: VIOLATION_ORDER.index(g["type"]))
    for group in ordered:
        group["first"] = group["cases"] or group["area"] or group["timber"]
    return ordered


def _owned_total_fig(by) -> Fig | None:
    """The cumulative OCOP total written as the denominator of "sở hữu 71/194 sản phẩm OCOP"."""
    owned = [f for f in by("ocop_products") if f.category == "owned_by_cooperatives"]
    totals = [f for f in by("ocop_products") if f.category == "certified_total" and f.stars is None]
    return totals[0] if owned and totals else None


def _owned_total(by, fig: Fig) -> bool:
    return fig is _owned_total_fig(by) or fig.category == "owned_by_cooperatives"


def _breakdown(by, indicator: str) -> dict:
    figs = by(indicator)
    total = _one([f for f in figs if f.category == "all" and f.area_code is None])
    sectors = [f for f in figs if f.category != "all" and f.area_code is None]
    districts = [f for f in figs if f.category == "all" and f.area_code is not None]
    first = total or _one(sectors) or _one(districts)
    return {"total": total, "sectors": sectors, "districts": districts, "first": first}


def _training(by) -> dict:
    classes = [f for f in by("training_classes")]
    trainees = [f for f in by("training_trainees")]
    districts: dict[str, dict] = {}
    for name, figs in (("classes", classes), ("trainees", trainees)):
        for f in figs:
            if f.area_code:
                districts.setdefault(
                    f.area_code, {"district": f.district, "classes": None, "trainees": None}
                )[name] = f
    total_classes = _one([f for f in classes if not f.area_code])
    total_trainees = _one([f for f in trainees if not f.area_code])
    share = _one(by("training_plan_achieved_share"))
    return {
        "classes": total_classes,
        "trainees": total_trainees,
        "share": share,
        "districts": list(districts.values()),
        "first": total_classes or total_trainees or share or _one(classes),
    }


def _programs(by, program_labels: dict[str, str]) -> list[dict]:
    programs: dict[str, dict] = {}
    for indicator in (
        "capital_allocated",
        "capital_disbursed",
        "capital_disbursement_rate",
        "capital_projects",
        "capital_households",
    ):
        for f in by(indicator):
            program = programs.setdefault(
                f.program, {"label": program_labels.get(f.program, f.program), "projects": {}, "years": set()}
            )
            program["years"].add(f.ref_year)
            project = program["projects"].setdefault(
                f.project,
                {
                    "code": f.project,
                    "label": "" if f.project == "all" else project_label(f.project),
                    "allocated": [],
                    "disbursed": [],
                    "rate": None,
                    "projects": [],
                    "households": None,
                },
            )
            if indicator == "capital_allocated":
                project["allocated"].append(f)
            elif indicator == "capital_disbursed":
                project["disbursed"].append(f)
            elif indicator == "capital_disbursement_rate":
                project["rate"] = f
            elif indicator == "capital_projects":
                project["projects"].append(f)
            else:
                project["households"] = f
    out = []
    for program in programs.values():
        years = program.pop("years")
        program["year"] = next(iter(years)) if len(years) == 1 else None
        for project in program["projects"].values():
            for name in ("allocated", "disbursed"):
                project[name].sort(
                    key=lambda f: (f.ref_year is not None and f.ref_year != program["year"], f.ref_year or 0)
                )
            project["projects"].sort(key=lambda f: f.category != "all")
        program["projects"] = sorted(
            program["projects"].values(), key=lambda p: (p["code"] != "all", p["code"])
        )
        out.append(program)
    return out


@cache
def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["vn"] = vn
    return env


def narrative_lines(data: ReportData, program_labels: dict[str, str]) -> list[str]:
    """The report as lines of text, one paragraph each, in the submissions' outline."""
    text = template_environment().get_template("narrative.txt.j2").render(**_context(data, program_labels))
    return [line for line in text.splitlines() if line.strip()]


def program_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select program, label_vi from main.programs where project = 'all'").fetchall())
