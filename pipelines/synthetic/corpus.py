"""Many province-months on disk: `raw/` submissions as the pipeline reads them, and their ground truth."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.parsing.areas import provinces as all_provinces
from pipelines.synthetic.state import initial_state
from pipelines.synthetic.writer import generate_report


@dataclass(frozen=True)
class CorpusSummary:
    """What `generate_corpus` wrote."""

    raw_dir: Path
    truth_dir: Path
    provinces: int
    months: int
    reports: int
    figures: int
    reports_with_issues: int


def generate_corpus(
    out_dir: Path,
    provinces: int,
    months: int,
    seed: int = 0,
    start: date = date(2015, 1, 1),
    inconsistency_rate: float = 0.03,
) -> CorpusSummary:
    """Reports of the first `provinces` provinces (by code) for `months` months from `start`.

    Writes out_dir/raw/<slug>/<YYYY-MM>/bao-cao.txt, out_dir/truth/<slug>/<YYYY-MM>.jsonl (one
    figure per line) and, for the few reports with a deliberate inconsistency,
    out_dir/truth/<slug>/<YYYY-MM>.issues.json. Each province has its own random stream seeded
    from `seed` and its code, so the same arguments give byte-identical files.
    """
    chosen = all_provinces()[:provinces]
    if len(chosen) < provinces:
        raise ValueError(f"only {len(chosen)} provinces exist, {provinces} asked")
    raw_dir, truth_dir = out_dir / "raw", out_dir / "truth"
    reports = figures = with_issues = 0
    for province in chosen:
        rng = random.Random(f"{seed}:{province.code}")
        state = initial_state(province, rng)
        (truth_dir / province.slug).mkdir(parents=True, exist_ok=True)
        for index in range(months):
            total = start.year * 12 + start.month - 1 + index
            period = date(total // 12, total % 12 + 1, 1)
            report = generate_report(province, period, state, rng, inconsistency_rate)
            folder = raw_dir / province.slug / f"{period:%Y-%m}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "bao-cao.txt").write_text(report.text, encoding="utf-8")
            truth = truth_dir / province.slug
            lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in report.figures)
            (truth / f"{period:%Y-%m}.jsonl").write_text(lines, encoding="utf-8")
            if report.issues:
                issues = json.dumps(report.issues, ensure_ascii=False, indent=1) + "\n"
                (truth / f"{period:%Y-%m}.issues.json").write_text(issues, encoding="utf-8")
                with_issues += 1
            reports += 1
            figures += len(report.figures)
    return CorpusSummary(raw_dir, truth_dir, len(chosen), months, reports, figures, with_issues)
