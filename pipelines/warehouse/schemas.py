"""Hand-written pandera schemas for what the Python steps load into DuckDB.

Each column states its dtype, whether it may be null, and what values it may hold, so a parser
change that produces something new is stopped at staging instead of surfacing in a mart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipelines.parsing.model import CHANGE_BASES, KINDS, QUALIFIERS, SCOPES, STATUSES
from pipelines.parsing.numbers import UNIT_CODES

SNAKE_CASE = r"^[a-z][a-z0-9_]*$"

# Column -> pandas dtype of `staging.figures`, in table order. The frame builder, the reader, the
# schema and the table's DDL (pipelines.warehouse.db) all use this one mapping. `period` is the
# submission's month (staging is replaced by it); `figure_period` the last month the figure covers.
FIGURE_DTYPES: dict[str, str] = {
    "submission_id": "object",
    "period": "datetime64[ns]",
    "province_code": "object",
    "area_code": "object",
    "scope": "object",
    "figure_period": "datetime64[ns]",
    "kind": "object",
    "change_base": "object",
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
    "reason": "object",
}

# The reasons the parser gives for a number it leaves unread (pipelines.parsing.model).
UNRECOGNISED_REASONS = ("plan", "change", "conflict", "area", "scope")

# pandas dtype -> DuckDB type of the staging tables' columns.
DUCKDB_TYPES = {
    "object": "varchar",
    "datetime64[ns]": "date",
    "Int64": "integer",
    "int64": "integer",
    "float64": "double",
}


def _text(description: str, *checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, list(checks), nullable=nullable, description=description)


def _first_of_month(period: pd.Series) -> pd.Series:
    return period.dt.day == 1


def _province_total_is_province(frame: pd.DataFrame) -> pd.Series:
    two_digit = frame["area_code"].str.len() == 2
    return ~two_digit | (frame["area_code"] == frame["province_code"])


def _change_base_iff_change(frame: pd.DataFrame) -> pd.Series:
    return frame["change_base"].isna() == (frame["kind"] == "level")


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
            description="The month of the submission (the report's month), as its first day.",
        ),
        "province_code": _text("Statistics office province code.", pa.Check.str_matches(r"^\d{2}$")),
        "area_code": _text(
            "Smallest unit the figure is about: the province code, a three-digit district or a"
            " five-digit commune code.",
            pa.Check.str_matches(r"^\d{2}(\d|\d{3})?$"),
        ),
        "scope": _text(
            "When the figure applies: month, year_to_date, annual or cumulative.", pa.Check.isin(SCOPES)
        ),
        "figure_period": pa.Column(
            "datetime64[ns]",
            pa.Check(_first_of_month, element_wise=False, error="figure_period is the first day of a month"),
            description="The last month the figure's window covers (December for an annual figure).",
        ),
        "kind": _text("level (a fact) or change (kept in staging only).", pa.Check.isin(KINDS)),
        "change_base": _text(
            "What a change compares to; null for a level.", pa.Check.isin(CHANGE_BASES), nullable=True
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
        pa.Check(_change_base_iff_change, error="change_base is null exactly when kind is level"),
    ],
    strict=True,
    ordered=True,
)

UNRECOGNISED_SCHEMA = pa.DataFrameSchema(
    name="staging.unrecognised_numbers",
    description="Numbers the parser could not place, with the reason where it knows one.",
    columns={
        "submission_id": _text("Submission version.", pa.Check.str_matches(r"^[0-9a-f]{16}$")),
        "period": pa.Column(
            "datetime64[ns]",
            pa.Check(_first_of_month, element_wise=False, error="period is the first day of a month"),
            description="The month of the submission, as its first day.",
        ),
        "province_code": _text("Statistics office province code.", pa.Check.str_matches(r"^\d{2}$")),
        "line": pa.Column("int64", pa.Check.ge(1), description="Line of the number in the file."),
        "text": _text("The number as written."),
        "context": _text("The words around it."),
        "reason": _text(
            "plan, change, conflict, area or scope; null where no rule read it.",
            pa.Check.isin(UNRECOGNISED_REASONS),
            nullable=True,
        ),
    },
    strict=True,
    ordered=True,
)


def staging_ddl(table: str, schema: pa.DataFrameSchema, dtypes: dict[str, str]) -> str:
    """`create table if not exists` of a staging table, from its dtypes and its schema's nullability."""
    columns = ",\n".join(
        f"    {name} {DUCKDB_TYPES[dtype]}{'' if schema.columns[name].nullable else ' not null'}"
        for name, dtype in dtypes.items()
    )
    return f"create table if not exists {table} (\n{columns}\n);"
