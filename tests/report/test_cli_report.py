"""``hireloop report funnel`` against a real SQLite ledger written through EventStore."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from matplotlib.image import imread

from domain.audit.funnel import funnel
from hireloop.services.funnel import CSV_COLUMNS, ledger_funnel
from ledger.db import engine_for
from ledger.event_store import EventStore
from tests.cli.cli_harness import Cli
from tests.report.timelines import (
    DEFINITION,
    EXPECTED_STAGES,
    MINUTE,
    drafts,
    lifecycle,
    population_drafts,
    through,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def bare_cli(tmp_path: Path) -> Cli:
    url = f"sqlite:///{tmp_path / 'ledger' / 'ledger.db'}"
    env = {
        "HIRELOOP_DATA_DIR": str(tmp_path / "data"),
        "HIRELOOP_LEDGER_URL": url,
        "COLUMNS": "250",
    }
    return Cli(url, env)


@pytest.fixture
def cli(bare_cli: Cli) -> Cli:
    """A migrated ledger holding the population, appended candidate by candidate."""
    result = bare_cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    store = EventStore(engine_for(bare_cli.url))
    by_stream: dict[str, list[Any]] = {}
    for draft in population_drafts():
        by_stream.setdefault(draft.stream, []).append(draft)
    for stream_drafts in by_stream.values():
        store.append(stream_drafts)
    return bare_cli


def run_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("report", "funnel", "--json", *args)
    assert result.exit_code == 0, result.output
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_json_figures_match_the_hand_worked_funnel(cli: Cli, tmp_path: Path) -> None:
    report = run_json(
        cli,
        "--definition",
        DEFINITION,
        "--csv",
        str(tmp_path / "f.csv"),
        "--png",
        str(tmp_path / "f.png"),
    )

    assert report["applicants"] == 16 and report["running"] == 3 and report["completed"] == 13
    assert report["bulk_screened"] == 4 and report["compressed_time_candidates"] == 1
    assert "ledger time" in report["time_basis"]
    assert report["hired"] == 2 and report["hire_rate"] == 0.125
    assert report["ai_interview"] == {
        "completed": 9,
        "passed": 7,
        "pass_rate": 7 / 9,
        "hired_after_pass": 2,
        "hire_rate_after_pass": 2 / 7,
    }
    assert report["time_to_hire"]["median_seconds"] == 690 * MINUTE
    assert report["time_to_hire"]["p90_seconds"] == pytest.approx(858 * MINUTE)
    stages = {row["stage"]: row for row in report["stages"]}
    assert list(stages) == list(EXPECTED_STAGES)
    for stage, expected in EXPECTED_STAGES.items():
        row = stages[stage]
        assert (row["reached"], row["passed_on"], row["ended"]) == (
            expected["reached"],
            expected["passed_on"],
            expected["ended"],
        )
        assert (row["withdrawn"], row["hired"], row["running"]) == (
            expected["withdrawn"],
            expected["hired"],
            expected["running"],
        )
        count, median, p90 = expected["time"]
        assert row["time_in_stage"]["count"] == count
        assert row["time_in_stage"]["median_seconds"] == pytest.approx(median)
        assert row["time_in_stage"]["p90_seconds"] == pytest.approx(p90)
    assert report["files"] == {"csv": str(tmp_path / "f.csv"), "png": str(tmp_path / "f.png")}


def test_the_streaming_reader_agrees_with_the_fold_over_every_event(cli: Cli) -> None:
    engine = engine_for(cli.url)
    store = EventStore(engine)
    everything = [event for stream in store.streams() for event in store.stream(stream)]

    assert ledger_funnel(engine) == funnel(everything)
    assert ledger_funnel(engine, DEFINITION) == funnel(everything, DEFINITION)


def test_table_output_and_default_files(cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "funnel")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Recruiting funnel (all definitions): 17 applicants" in out
    for stage in EXPECTED_STAGES:
        assert stage in out
    assert "58.8 %" in out  # screening pass rate: 10 of 17 (one on intern_hire)
    assert "AI interview passed / completed" in out and "7 of 9 (77.8 %)" in out
    assert "times are ledger time" in out and "1 candidate(s) ran with compressed timers" in out
    reports = tmp_path / "data" / "reports"
    assert f"CSV: {reports / 'funnel.csv'}" in out and f"PNG: {reports / 'funnel.png'}" in out
    assert (reports / "funnel.csv").stat().st_size > 0
    assert (reports / "funnel.png").read_bytes().startswith(PNG_MAGIC)


def test_default_file_names_name_the_definition(cli: Cli, tmp_path: Path) -> None:
    report = run_json(cli, "--definition", DEFINITION)

    reports = tmp_path / "data" / "reports"
    assert report["files"] == {
        "csv": str(reports / "funnel-campus_hire.csv"),
        "png": str(reports / "funnel-campus_hire.png"),
    }


def test_csv_has_one_row_per_stage_with_the_figures(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "out" / "funnel.csv"
    run_json(cli, "--definition", DEFINITION, "--csv", str(path))

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["stage"] for row in rows] == list(EXPECTED_STAGES)
    screening, ai, offer = rows[0], rows[1], rows[3]
    assert screening == {
        "stage": "screening",
        "reached": "16",
        "reached_of_applicants": "1.0000",
        "passed_on": "10",
        "pass_rate": "0.6250",
        "decided_pass_rate": "0.7143",
        "dropped": "4",
        "withdrawn": "0",
        "drop_off_rate": "0.2500",
        "hired": "0",
        "running": "2",
        "ended_outcomes": "rejected=2;talent_pool=2",
        "time_in_stage_count": "14",
        "time_in_stage_median_s": "3600.000",
        "time_in_stage_p90_s": "4020.000",
    }
    assert (ai["withdrawn"], ai["ended_outcomes"], ai["time_in_stage_p90_s"]) == (
        "1",
        "talent_pool=2",
        "7320.000",
    )
    assert (offer["running"], offer["pass_rate"], offer["ended_outcomes"]) == (
        "1",
        "0.6000",
        "offer_declined=1",
    )
    assert rows[-1]["hired"] == "2" and rows[-1]["pass_rate"] == ""  # nothing after it


def test_png_is_a_real_chart(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    run_json(cli, "--png", str(path))

    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    image = imread(path)
    assert image.shape[:2] == (600, 1000)
    assert image.std() > 0.05  # not a blank canvas


def test_since_filters_the_cohort(cli: Cli, tmp_path: Path) -> None:
    report = run_json(cli, "--definition", DEFINITION, "--since", "2025-03-09")

    assert report["applicants"] == 8 and report["hired"] == 0
    assert report["since"] == "2025-03-09T00:00:00+00:00"
    instant = run_json(cli, "--since", "2025-03-17T08:00:00Z")
    assert instant["applicants"] == 1  # only the other definition's candidate


def test_an_empty_ledger_gives_an_empty_report(bare_cli: Cli, tmp_path: Path) -> None:
    assert bare_cli("db", "upgrade").exit_code == 0
    report = run_json(bare_cli, "--png", str(tmp_path / "empty.png"))

    assert report["applicants"] == 0 and report["hire_rate"] is None
    assert all(row["reached"] == 0 for row in report["stages"])
    assert (tmp_path / "empty.png").read_bytes().startswith(PNG_MAGIC)


def test_a_still_running_ledger_reports_running_candidates(bare_cli: Cli) -> None:
    assert bare_cli("db", "upgrade").exit_code == 0
    EventStore(engine_for(bare_cli.url)).append(
        drafts("r1", lifecycle(through("ai_interview"), None, None))
    )

    report = run_json(bare_cli)
    assert report["running"] == 1 and report["stages"][1]["running"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "last tuesday"), "--since 'last tuesday' is not a date"),
        (("--since", "2025-13-01"), "is not a date; use e.g. 2025-03-01"),
        (("--csv", "{file}/funnel.csv"), "a_file is a file, not a folder"),
        (("--csv", "/proc/no_such/funnel.csv"), "cannot create its folder"),
        (("--png", "{dir}"), "is a folder; give a file name"),
        (("--definition", "no_such_thing"), "no deployment for definition 'no_such_thing'"),
        (("--csv", "{dir}/same", "--png", "{dir}/same"), "are the same file"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "a_dir").mkdir()
    filled = [a.format(file=tmp_path / "a_file", dir=tmp_path / "a_dir") for a in args]

    result = cli("report", "funnel", *filled)

    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_unmigrated_ledger_exits_2(bare_cli: Cli) -> None:
    result = bare_cli("report", "funnel")

    assert result.exit_code == 2 and "hireloop db upgrade" in result.stderr
