"""Hand-written pandera schemas for what the Python steps load into DuckDB.

Each column states its dtype, whether it may be null, and what values it may hold, so a parser
change that produces something new is stopped at staging instead of surfacing in a mart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipelines.parsing.model import QUALIFIERS, STATUSES
from pipelines.parsing.numbers import UNIT_CODES

SNAKE_CASE = r"^[a-z][a-z0-9_]*$"

# Column -> pandas dtype of `staging.figures`, in table order. The frame builder, the reader and
# the schema all use this one mapping.
FIGURE_DTYPES: dict[str, str] = {
    "submission_id": "object",
    "period": "datetime64[ns]",
    "province_code": "object",
    "area_code": "object",
    "domain": "object",
    "indicator": "object",
    "category": "object",
    "program": "object",
    "project": "object",
    "ref_year": "Int64",
    "stars": "Int64",
    "value": "float64",
    "unit": "object",
    "status": "object",
    "qualifier": "object",
    "section": "object",
    "line_start": "int64",
    "line_end": "int64",
    "source_text": "object",
    "rule": "object",
}

UNRECOGNISED_DTYPES: dict[str, str] = {
    "submission_id": "object",
    "period": "datetime64[ns]",
    "province_code": "object",
    "line": "int64",
    "text": "object",
    "context": "object",
}


def _text(description: str, *checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, list(checks), nullable=nullable, description=description)


def _first_of_month(period: pd.Series) -> pd.Series:
    return period.dt.day == 1


def _province_total_is_province(frame: pd.DataFrame) -> pd.Series:
    two_digit = frame["area_code"].str.len() == 2
    return ~two_digit | (frame["area_code"] == frame["province_code"])


FIGURES_SCHEMA = pa.DataFrameSchema(
    name="staging.figures",
    description="Every figure parsed from every submission version, with its provenance.",
    columns={
        "submission_id": _text(
            "Submission version the figure came from (16 hex digits, see audit.submissions).",
            pa.Check.str_matches(r"^[0-9a-f]{16}$"),
        ),
        "period": pa.Column(
            "datetime64[ns]",
            pa.Check(_first_of_month, element_wise=False, error="period is the first day of a month"),
            description="The month the figure is about, as its first day.",
        ),
        "province_code": _text("Statistics office province code.", pa.Check.str_matches(r"^\d{2}$")),
        "area_code": _text(
            "Smallest unit the figure is about: the province code, or a three-digit district code.",
            pa.Check.str_matches(r"^\d{2,3}$"),
        ),
        "domain": _text("Report domain (livestock, forestry, ...).", pa.Check.str_matches(SNAKE_CASE)),
        "indicator": _text("What is measured; fixes the unit.", pa.Check.str_matches(SNAKE_CASE)),
        "category": _text(
            "Breakdown of the indicator (species, sector, ...).", pa.Check.str_matches(SNAKE_CASE)
        ),
        "program": _text(
            "Programme code for capital figures.", pa.Check.str_matches(SNAKE_CASE), nullable=True
        ),
        "project": _text(
            "Project code for capital figures.", pa.Check.str_matches(SNAKE_CASE), nullable=True
        ),
        "ref_year": pa.Column(
            "Int64",
            pa.Check.in_range(2000, 2100),
            nullable=True,
            description="Allocation year of a capital figure; null means all years together.",
        ),
        "stars": pa.Column(
            "Int64", pa.Check.isin([3, 4, 5]), nullable=True, description="OCOP star rating, when stated."
        ),
        "value": pa.Column(
            "float64",
            pa.Check(np.isfinite, error="value is a finite number"),
            description="The number, in the unit of `unit` (multipliers applied).",
        ),
        "unit": _text("Unit code of the value.", pa.Check.isin(sorted(UNIT_CODES))),
        "status": _text("How final the figure is.", pa.Check.isin(STATUSES)),
        "qualifier": _text(
            "about / nearly / more_than, when the text hedges.", pa.Check.isin(QUALIFIERS), nullable=True
        ),
        "section": _text('Outline position of the sentence ("I.1.2.a").'),
        "line_start": pa.Column("int64", pa.Check.ge(1), description="First line of the sentence."),
        "line_end": pa.Column("int64", pa.Check.ge(1), description="Last line of the sentence."),
        "source_text": _text("The words the figure was read from.", pa.Check.str_length(min_value=1)),
        "rule": _text("Parser rule that produced the figure.", pa.Check.str_length(min_value=1)),
    },
    checks=[
        pa.Check(lambda frame: frame["line_start"] <= frame["line_end"], error="line_start <= line_end"),
        pa.Check(_province_total_is_province, error="a two-digit area_code equals province_code"),
    ],
    strict=True,
    ordered=True,
)
