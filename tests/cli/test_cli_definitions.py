"""``hireloop db`` and ``hireloop definitions``: exit codes and messages people act on."""

import json
from pathlib import Path

from definitions.loader import BUILTIN_DIR
from migrations.runner import head_revision
from tests.cli.cli_harness import Cli

CAMPUS_HIRE = str(BUILTIN_DIR / "campus_hire.yaml")
BAD_DEFINITIONS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_definitions"
BROKEN = """\
id: broken
name: Broken
nodes:
  - {id: applied, type: startEvent, stage: screening}
  - {id: gate, type: exclusiveGateway, stage: screening}
  - {id: hired, type: endEvent, stage: offer, outcome: hired}
flows:
  - {id: f1, sourceRef: applied, targetRef: gate}
  - {id: f2, sourceRef: gate, targetRef: nowhere}
"""


def test_db_upgrade_says_where_and_is_repeatable(bare_cli: Cli) -> None:
    first, again = bare_cli("db", "upgrade"), bare_cli("db", "upgrade")
    assert first.exit_code == again.exit_code == 0
    assert bare_cli.url in first.stdout and f"revision {head_revision()}" in again.stdout


def test_commands_on_an_unmigrated_ledger_say_how_to_fix(bare_cli: Cli) -> None:
    result = bare_cli("definitions", "list")
    assert result.exit_code == 2
    assert "run `hireloop db upgrade`" in result.stderr


def test_validate_the_builtin_definition(bare_cli: Cli) -> None:
    result = bare_cli("definitions", "validate", CAMPUS_HIRE)
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: campus_hire (")
    assert "nodes" in result.stdout and "flows)" in result.stdout


def test_validate_lists_every_problem_without_a_traceback(bare_cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")

    result = bare_cli("definitions", "validate", str(broken))

    assert result.exit_code == 2
    assert "problem(s)" in result.stderr
    assert "unknown node 'nowhere'" in result.stderr
    assert "gate" in result.stderr and "default" in result.stderr
    assert "Traceback" not in result.output


def test_validate_names_the_join_that_would_wait_forever(bare_cli: Cli) -> None:
    # Accepted before: the join after an exclusive choice deadlocked every candidate.
    fixture = BAD_DEFINITIONS / "parallel_join_after_exclusive_split.yaml"

    result = bare_cli("definitions", "validate", str(fixture))

    assert result.exit_code == 2
    assert "node 'join' [incoming]" in result.stderr
    assert "exclusiveGateway 'gate'" in result.stderr and "wait forever" in result.stderr
    assert "Traceback" not in result.output


def test_validate_reports_yaml_syntax_and_missing_files(bare_cli: Cli, tmp_path: Path) -> None:
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: x\nnodes: [\n", encoding="utf-8")

    syntax = bare_cli("definitions", "validate", str(bad_yaml))
    missing = bare_cli("definitions", "validate", str(tmp_path / "absent.yaml"))

    assert syntax.exit_code == missing.exit_code == 2
    assert "YAML syntax error" in syntax.stderr
    assert "cannot read file" in missing.stderr
    assert "Traceback" not in syntax.output + missing.output


def test_deploy_list_and_show(cli: Cli, tmp_path: Path) -> None:
    original = Path(CAMPUS_HIRE).read_text(encoding="utf-8")
    changed = tmp_path / "campus_hire.yaml"
    changed.write_text(original.replace("Campus hire (", "Campus hire 2026 ("), encoding="utf-8")

    first = cli("definitions", "deploy", CAMPUS_HIRE)
    again = json.loads(cli("definitions", "deploy", "--json", CAMPUS_HIRE).stdout)
    second = json.loads(cli("definitions", "deploy", "--json", str(changed)).stdout)

    assert first.exit_code == 0 and "campus_hire version 1 (new version)" in first.stdout
    assert (again["version"], again["created"]) == (1, False)
    assert (second["version"], second["created"]) == (2, True)

    listed = json.loads(cli("definitions", "list", "--json").stdout)
    assert [(d["definition_id"], d["version"]) for d in listed] == [
        ("campus_hire", 1),
        ("campus_hire", 2),
    ]
    table = cli("definitions", "list").stdout
    assert "campus_hire" in table and again["content_hash"][:12] in table

    assert "Campus hire 2026 (" in cli("definitions", "show", "campus_hire").stdout
    old = cli("definitions", "show", "campus_hire", "--version", "1").stdout
    assert old.rstrip("\n") == original.rstrip("\n")
    compiled = json.loads(cli("definitions", "show", "campus_hire", "--json").stdout)
    assert (compiled["id"], compiled["version"]) == ("campus_hire", 2)
    assert any(
        node["type"] == "boundaryEvent" and "attachedToRef" in node for node in compiled["nodes"]
    )


def test_show_unknown_definition_or_version_exits_2(cli: Cli) -> None:
    unknown = cli("definitions", "show", "nope")
    assert unknown.exit_code == 2
    assert "hireloop definitions deploy FILE" in unknown.stderr

    cli("definitions", "deploy", CAMPUS_HIRE)
    no_version = cli("definitions", "show", "campus_hire", "--version", "9")
    assert no_version.exit_code == 2 and "deployed versions: 1" in no_version.stderr
