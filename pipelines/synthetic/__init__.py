"""Synthetic monthly reports with known figures: a corpus for end-to-end tests and benchmarks.

`generate_report` writes one province-month in the real sample's outline and PDF-extracted layout
and returns the figures it states; `generate_corpus` writes many, as `raw/` submissions plus
their ground truth. Pure Python and deterministic for a seed.
"""

from pipelines.synthetic.corpus import CorpusSummary, generate_corpus
from pipelines.synthetic.state import ProvinceState, initial_state
from pipelines.synthetic.writer import FIELDS, INCONSISTENCIES, SyntheticReport, generate_report

__all__ = [
    "FIELDS",
    "INCONSISTENCIES",
    "CorpusSummary",
    "ProvinceState",
    "SyntheticReport",
    "generate_corpus",
    "generate_report",
    "initial_state",
]
