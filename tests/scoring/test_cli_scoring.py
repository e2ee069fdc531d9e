"""``hireloop scoring ...`` through click, the way a person runs it."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hireloop.cli.scoring import scoring


def run(*args: str) -> Result:
    return CliRunner().invoke(scoring, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def labelled_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "labels.csv"
    result = run("simulate", str(path), "--rows", "1200", "--seed", "4")
    assert result.exit_code == 0, result.output
    assert "wrote 1200 synthetic rows (simulated-raters/2 seed=4)" in result.output
    return path


@pytest.mark.slow
def test_train_list_card_promote(labelled_csv: Path, tmp_path: Path) -> None:
    registry = str(tmp_path / "models")
    first = run("train", str(labelled_csv), "--registry", registry, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["synthetic_training_data"] is True
    assert "seeded simulation of human raters" in report["data_note"]
    models = {m["dimension"]: m for m in report["models"]}
    assert sorted(models) == ["communication", "job_knowledge", "logical_reasoning", "teamwork"]
    for model in models.values():
        assert model["version"] == 1 and model["champion"] is True
        assert model["cv"]["spearman"] > 0.6 and model["rows"] == 300

    # Same data again: the same CV RMSE is not lower, so version 1 stays champion.
    second = run("train", str(labelled_csv), "--registry", registry, "--dimension", "teamwork")
    assert second.exit_code == 0, second.output
    assert "lgbm-teamwork/2" in second.output and "no (stays 1)" in second.output
    assert "SYNTHETIC DATA" in second.output

    listed = json.loads(run("list", "--registry", registry, "--json").output)
    teamwork = [(e["version"], e["champion"]) for e in listed if e["dimension"] == "teamwork"]
    assert teamwork == [(1, True), (2, False)]
    table = run("list", "--registry", registry).output
    assert "lgbm-teamwork/2" in table and "SYNTHETIC (simulated raters)" in table

    card = json.loads(run("card", "teamwork", "--registry", registry).output)
    assert card["version"] == 1 and card["synthetic_training_data"] is True

    promoted = run("promote", "teamwork", "2", "--registry", registry)
    assert promoted.output.strip() == "lgbm-teamwork/2 is champion (was 1)"
    card = json.loads(run("card", "teamwork", "--registry", registry).output)
    assert card["version"] == 2
    old = json.loads(run("card", "teamwork", "--version", "1", "--registry", registry).output)
    assert old["version"] == 1


def test_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("dimension,score\nteamwork,50\n")
    for args, message in [
        (("train", str(bad), "--registry", str(tmp_path)), "missing column(s) words_per_minute"),
        (("train", str(tmp_path / "nope.csv")), "no such file"),
        (("list", "--registry", str(tmp_path / "empty")), "no models in"),
        (("card", "teamwork", "--registry", str(tmp_path)), "no models for dimension teamwork"),
        (("promote", "Team!", "1", "--registry", str(tmp_path)), "not a dimension name"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    usage = run("simulate", str(tmp_path / "x.csv"), "--rows", "0", "--seed", "1")
    assert usage.exit_code == 2 and "--rows" in usage.stderr
