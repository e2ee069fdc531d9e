"""``hireloop screen import`` and ``hireloop pool``: a real import through the CLI,
and a clear exit 2 with no traceback for every kind of bad input."""

import asyncio
import json
import socket
from pathlib import Path

from click.testing import Result

from ledger.db import engine_for
from ledger.stores.requisitions import RequisitionStore
from simulation.resume_corpus import AS_OF, CorpusEntry
from tests.cli.cli_harness import Cli
from tests.conftest import Stack
from tests.screening.conftest import requisition


def cli_for(stack: Stack) -> Cli:
    settings = stack.settings
    env = {
        "HIRELOOP_DATA_DIR": str(settings.data_dir),
        "HIRELOOP_LEDGER_URL": settings.database_url,
        "HIRELOOP_TASK_QUEUE": settings.task_queue,
        "HIRELOOP_TEMPORAL_ADDRESS": stack.client.service_client.config.target_host,
        "HIRELOOP_TRACING": "none",
        "COLUMNS": "250",
    }
    return Cli(settings.database_url, env)


def refused(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_import_from_the_command_line_then_rerun(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, _ = corpus
    RequisitionStore(stack.engine).create(requisition())
    cli = cli_for(stack)
    args = ["screen", "import", str(folder), "--requisition", "credit-risk-test"]
    args += ["--chunk-size", "20", "--as-of", AS_OF.isoformat(), "--pool-consent", "all"]

    first = await asyncio.to_thread(cli, *args, "--json")
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output)
    assert summary["screened"] == 60 and sum(summary["outcomes"].values()) == 60
    assert summary["events"] >= 60 * 3 and summary["resumes_per_second"] > 0

    again = await asyncio.to_thread(cli, *args)
    assert again.exit_code == 0, again.output
    assert "60 already screened and skipped, 0 screened" in again.output

    RequisitionStore(stack.engine).create(requisition(id="credit-risk-2027"))
    pooled = await asyncio.to_thread(cli, "pool", "match", "credit-risk-2027", "--json")
    assert pooled.exit_code == 0, pooled.output
    assert json.loads(pooled.output)["members"] == summary["outcomes"]["talent_pool"]


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path, cli: Cli) -> None:
    unreachable = Cli(cli.url, {**cli.env, "HIRELOOP_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}"})
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "a.txt").write_text("Skills: SQL")
    RequisitionStore(engine_for(cli.url)).create(requisition())

    refused(
        cli("screen", "import", str(tmp_path / "nope"), "--requisition", "x"), "no such directory"
    )
    refused(cli("screen", "import", str(folder / "a.txt"), "--requisition", "x"), "give the folder")
    refused(cli("screen", "import", str(folder), "--requisition", "nope"), "no requisition 'nope'")
    refused(
        cli(
            "screen",
            "import",
            str(folder),
            "--requisition",
            "credit-risk-test",
            "--pool-consent",
            str(tmp_path / "missing.txt"),
        ),
        "--pool-consent",
    )
    refused(
        unreachable("screen", "import", str(folder), "--requisition", "credit-risk-test"),
        "no Temporal server answers",
    )
    refused(cli("pool", "match", "nope"), "no requisition 'nope'")
    refused(cli("pool", "consent", "cand_missing", "--withdraw"), "no candidate cand_missing")


def test_an_unmigrated_ledger_is_refused(tmp_path: Path, bare_cli: Cli) -> None:
    refused(
        bare_cli("screen", "import", str(tmp_path), "--requisition", "x"), "hireloop db upgrade"
    )
