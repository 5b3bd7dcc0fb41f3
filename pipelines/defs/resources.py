"""Where the raw files and the warehouse are, and the dbt CLI, read from environment variables.

`AGRISTAT_RAW_DIR` and `AGRISTAT_WAREHOUSE_DIR` default to the repository's raw/ and warehouse/.
The dbt assets hand the warehouse folder to dbt as a var, so dbt and Python open one database.
"""

import importlib.metadata
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from pipelines.warehouse.db import connect

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


class RawFolder(dg.ConfigurableResource):
    """The landing area of submissions, read only."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path).resolve()


class Warehouse(dg.ConfigurableResource):
    """The warehouse folder: working database, published snapshot and exports."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path).resolve()

    @property
    def database(self) -> Path:
        return self.root / "agristat.duckdb"

    @property
    def published(self) -> Path:
        return self.root / "published" / "agristat.duckdb"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def dbt_target(self) -> Path:
        """dbt's target folder for this warehouse's runs: the last run's artifacts and logs, and
        the parsed project dbt reuses (a folder shared by several warehouses would be parsed
        again at each switch, and two builds at once would read each other's results)."""
        return self.root / "dbt_target"

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection to the working database (one writer at a time)."""
        with connect(self.database, read_only=read_only) as con:
            yield con


def raw_dir() -> Path:
    """The raw folder from `AGRISTAT_RAW_DIR`, default the repository's raw/."""
    return Path(os.environ.get("AGRISTAT_RAW_DIR") or PROJECT_ROOT / "raw").resolve()


def warehouse_dir() -> Path:
    """The warehouse folder from `AGRISTAT_WAREHOUSE_DIR`, default the repository's warehouse/."""
    return Path(os.environ.get("AGRISTAT_WAREHOUSE_DIR") or PROJECT_ROOT / "warehouse").resolve()


def dbt_executable() -> str:
    """The dbt next to this Python, so a venv works without being activated."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_project() -> DbtProject:
    """The dbt project; its manifest is prepared by `prepare_manifest`, never at import."""
    return DbtProject(project_dir=DBT_PROJECT_DIR)


class AgristatDbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI, without a `dbt --version` process on every run (~2.5 s): the dbt
    it runs is the dbt-core installed beside this Python, whose version the package says."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))


def dbt_resource(project: DbtProject) -> DbtCliResource:
    """The dbt CLI for the project."""
    return AgristatDbtCli(project_dir=project, dbt_executable=dbt_executable())


def manifest_is_stale(project: DbtProject) -> bool:
    """Whether a file of the dbt project changed after its manifest was written (or there is none)."""
    if not project.manifest_path.exists():
        return True
    written = project.manifest_path.stat().st_mtime
    generated = {project.target_path.parts[0], "logs", "dbt_packages"}
    for folder, subfolders, files in os.walk(project.project_dir):
        if Path(folder) == project.project_dir:
            subfolders[:] = [name for name in subfolders if name not in generated]
        if any(Path(folder, name).stat().st_mtime > written for name in files):
            return True
    return False


def prepare_manifest(project: DbtProject) -> Path:
    """Run `dbt parse` under `dagster dev` or when the manifest is missing or older than the project.

    dagster-dbt's own preparer only parses under `dagster dev` and looks dbt up on PATH; a stale
    manifest would make a build miss a new model or fail on an event for an unknown node.
    """
    if project.preparer.using_dagster_dev() or manifest_is_stale(project):
        dbt_resource(project).cli(["parse", "--quiet"], target_path=project.target_path).wait()
    return project.manifest_path


def build_resources(project: DbtProject) -> dict[str, object]:
    """The resources of the code location, with paths read from the environment now."""
    return {
        "raw": RawFolder(path=str(raw_dir())),
        "warehouse": Warehouse(path=str(warehouse_dir())),
        "dbt": dbt_resource(project),
    }
