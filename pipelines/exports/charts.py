"""PNG line charts of a province's key series, with Vietnamese titles, axes, units and separators.

Drawn with matplotlib's object API (no pyplot state), so charts can be made from any thread.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from pipelines.parsing.numbers import format_number


@dataclass(frozen=True)
class ChartSpec:
    """One chart: what it shows and the SQL giving (period, series label, value) for a province."""

    name: str
    title: str
    y_label: str
    sql: str


CHARTS = (
    ChartSpec(
        name="dan-vat-nuoi",
        title="Tổng đàn vật nuôi theo loài",
        y_label="Số con",
        sql="""
            select h.period, coalesce(c.label_vi, h.species) as series, h.head_count as value
            from marts.fct_livestock_herds as h
            left join main.categories as c on c.dimension = 'species' and c.category = h.species
            where h.province_code = ? and h.area_code = h.province_code and h.species <> 'poultry'
                and h.species <> 'chicken'
            order by 1, 2
        """,
    ),
    ChartSpec(
        name="gia-cam",
        title="Tổng đàn gia cầm",
        y_label="Số con",
        sql="""
            select h.period, coalesce(c.label_vi, h.species) as series, h.head_count as value
            from marts.fct_livestock_herds as h
            left join main.categories as c on c.dimension = 'species' and c.category = h.species
            where h.province_code = ? and h.area_code = h.province_code
                and h.species in ('poultry', 'chicken')
            order by 1, 2
        """,
    ),
    ChartSpec(
        name="vi-pham-lam-luat",
        title="Số vụ vi phạm Luật Lâm nghiệp theo loại",
        y_label="Số vụ",
        sql="""
            select v.period, coalesce(c.label_vi, v.violation_type) as series, v.cases as value
            from marts.fct_forest_violations as v
            left join main.categories as c on c.dimension = 'violation_type' and c.category = v.violation_type
            where v.province_code = ? and v.cases is not null
            order by 1, 2
        """,
    ),
    ChartSpec(
        name="ty-le-giai-ngan",
        title="Tỷ lệ giải ngân theo chương trình (vốn tất cả các năm)",
        y_label="Tỷ lệ giải ngân (%)",
        sql="""
            select d.period, coalesce(p.label_vi, d.program) as series,
                   100 * sum(d.disbursed_mvnd) / nullif(sum(d.allocated_mvnd), 0) as value
            from marts.fct_capital_disbursements as d
            left join main.programs as p on p.program = d.program and p.project = 'all'
            where d.province_code = ? and d.allocation_year is null
                and d.disbursed_mvnd is not null and d.allocated_mvnd is not null
            group by 1, 2
            order by 1, 2
        """,
    ),
)


# A monthly report shows the last two years; the series exports carry the whole history.
CHART_MONTHS = 24
# Characters per line of a legend entry: long programme names wrap to fit the right margin.
LEGEND_WIDTH = 24


def chart_data(
    con: duckdb.DuckDBPyConnection, spec: ChartSpec, province_code: str, until: date
) -> pd.DataFrame:
    """The chart's series for a province over the CHART_MONTHS months up to the report's month."""
    frame = con.execute(spec.sql, [province_code]).df()
    periods = pd.to_datetime(frame["period"])
    since = pd.Timestamp(until) - pd.DateOffset(months=CHART_MONTHS - 1)
    return frame[(periods >= since) & (periods <= pd.Timestamp(until))]


def _vn_tick(value: float, _position: int) -> str:
    return format_number(round(value)) if abs(value) >= 10 else format_number(round(value, 1))


def render_chart(data: pd.DataFrame, spec: ChartSpec, province_name: str) -> bytes:
    """A line chart (one line per series, markers so a single month shows) as PNG bytes."""
    # Fixed margins, room for the legend on the right: a constrained layout draws the figure
    # twice and took half of a report's time.
    figure = Figure(figsize=(9, 4.8), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.1, right=0.76, top=0.9, bottom=0.12)
    for series, rows in data.groupby("series", sort=True):
        label = textwrap.fill(str(series), LEGEND_WIDTH)
        axes.plot(pd.to_datetime(rows["period"]), rows["value"], marker="o", linewidth=1.8, label=label)
    axes.set_title(f"{spec.title} - tỉnh {province_name}", fontsize=12, loc="left")
    axes.set_xlabel(f"Tháng báo cáo ({CHART_MONTHS} tháng gần nhất)")
    axes.set_ylabel(spec.y_label)
    axes.yaxis.set_major_formatter(FuncFormatter(_vn_tick))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6))
    axes.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
    axes.grid(True, alpha=0.3)
    if not data.empty:
        periods = pd.to_datetime(data["period"])
        pad = pd.Timedelta(days=20)
        axes.set_xlim(periods.min() - pad, periods.max() + pad)
        first, last = periods.min(), periods.max()
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        axes.xaxis.set_major_locator(MonthLocator(interval=max(1, -(-months // 8))))
    axes.set_ylim(bottom=0)
    if data.empty:
        axes.text(
            0.5, 0.5, "Chưa có số liệu", transform=axes.transAxes, ha="center", va="center", color="grey"
        )
    else:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
