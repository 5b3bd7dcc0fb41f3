import stat

import pandas as pd

from pipelines.exports.series import LIVESTOCK_HERD_COLUMNS, livestock_herd_series, write_csv_atomic


def test_the_herd_series_is_ordered_by_month_area_scope_and_species(db):
    db.execute("create schema marts")
    db.execute(
        """
        create table marts.fct_livestock_herds as
        select * from (values
            (date '2023-12-01', '12', '12', 'month', 'pig', 235000, 'estimate', 'b', 27, 'đàn lợn'),
            (date '2023-12-01', '12', '12', 'annual', 'pig', 236000, 'estimate', 'c', 3, 'năm 2023'),
            (date '2023-11-01', '12', '12', 'month', 'pig', 230000, 'reported', 'a', 20, 'đàn lợn'),
            (date '2023-12-01', '12', '12', 'month', 'buffalo', 92760, 'estimate', 'b', 25, 'đàn trâu')
        ) as t(period, province_code, area_code, scope, species, head_count, status, submission_id,
               source_line, source_text)
        """
    )
    series = livestock_herd_series(db)
    assert tuple(series.columns) == LIVESTOCK_HERD_COLUMNS
    assert list(series["head_count"]) == [230000, 236000, 92760, 235000]
    assert list(series["scope"]) == ["month", "annual", "month", "month"]


def test_write_csv_atomic_leaves_only_the_readable_file(tmp_path):
    frame = pd.DataFrame(
        {"period": pd.to_datetime(["2023-12-01"]), "species": ["pig"], "head_count": [235000]}
    )
    path = write_csv_atomic(frame, tmp_path / "exports" / "series.csv")
    assert path.read_text(encoding="utf-8") == "period,species,head_count\n2023-12-01,pig,235000\n"
    assert [p.name for p in path.parent.iterdir()] == ["series.csv"]
    assert path.stat().st_mode & stat.S_IROTH
