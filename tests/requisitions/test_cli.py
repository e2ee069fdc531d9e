"""``hireloop requisitions ...`` and ``hireloop fit ...`` the way a person runs them."""

import json
import shutil
from pathlib import Path

import pytest

from simulation.resume_corpus import generate
from tests.cli.cli_harness import Cli
from tests.requisitions.conftest import SAMPLES

CREDIT = str(SAMPLES / "credit_risk_analyst.yaml")
SERVICE = str(SAMPLES / "customer_service_zh.yaml")


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    url = f"sqlite:///{tmp_path / 'ledger' / 'ledger.db'}"
    runner = Cli(
        url,
        {
            "HIRELOOP_DATA_DIR": str(tmp_path / "data"),
            "HIRELOOP_LEDGER_URL": url,
            "HIRELOOP_SCORING_MODELS": str(tmp_path / "models"),
            "COLUMNS": "250",
        },
    )
    assert runner("db", "upgrade").exit_code == 0
    return runner


def test_create_list_show(cli: Cli) -> None:
    first = cli("requisitions", "create", CREDIT)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("credit-risk-analyst-2026 (created); sha256 ")
    assert "recommended dimensions: logical_reasoning, risk_awareness" in first.output

    again = cli("requisitions", "create", CREDIT, "--json")
    assert again.exit_code == 0, again.output
    report = json.loads(again.output)
    assert report["created"] is False and report["id"] == "credit-risk-analyst-2026"

    assert cli("requisitions", "create", SERVICE).exit_code == 0
    listed = json.loads(cli("requisitions", "list", "--json").output)
    assert [r["id"] for r in listed] == ["bank-customer-service-2026", "credit-risk-analyst-2026"]
    assert listed[0]["competencies"]["service_awareness"] == 0.35
    table = cli("requisitions", "list").output
    assert "客户服务代表" in table and "Graduate Credit Risk Analyst" in table

    shown = json.loads(cli("requisitions", "show", "bank-customer-service-2026", "--json").output)
    analysis = shown["analysis"]
    assert analysis["language"] == "zh"
    assert analysis["skills"][:2] == ["customer service", "marketing"]
    assert analysis["certificates"] == ["banking qualification"]
    assert "客户投诉" in analysis["keywords"]
    dims = [c["dimension"] for c in analysis["competencies"]]
    assert dims[0] == "service_awareness"
    assert shown["recommended_not_in_model"] == ["stress_tolerance"]
    assert shown["requisition"]["requirements"]["languages"] == ["chinese"]

    text = cli("requisitions", "show", "credit-risk-analyst-2026").output
    assert "JD keywords (jd-analysis/1, en): financial analysis, credit analysis, sql" in text
    assert "pass line 60; talent pool: top 10 %" in text
    assert "risk_awareness" in text and "anti-money laundering" in text


def test_bad_input_exits_2_without_a_traceback(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: job\ntitle: T\njd: Serve customers.\npass_threshold: 50\n"
        "competencies: {service_awareness: 0.5, communication: 0.3}\n"
        "requirements: {min_degree: diploma}\n"
    )
    result = cli("requisitions", "create", str(bad))
    assert result.exit_code == 2
    assert "error: bad.yaml has 2 problem(s):" in result.output
    assert "competencies: competency weights must sum to 1, but 0.5 + 0.3 = 0.8" in result.output
    assert "requirements.min_degree: Input should be" in result.output
    assert "Traceback" not in result.output

    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n")
    result = cli("requisitions", "create", str(broken))
    assert result.exit_code == 2 and "YAML syntax error" in result.output
    result = cli("requisitions", "create", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such file" in result.output
    result = cli("requisitions", "show", "nope")
    assert result.exit_code == 2 and "no requisition 'nope'" in result.output

    assert cli("requisitions", "create", CREDIT).exit_code == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(Path(CREDIT).read_text().replace("pass_threshold: 60", "pass_threshold: 65"))
    result = cli("requisitions", "create", str(changed))
    assert result.exit_code == 2 and "already exists with different content" in result.output


@pytest.mark.slow
def test_fit_simulate_train_card_list_score(cli: Cli, tmp_path: Path) -> None:
    csv = tmp_path / "history.csv"
    result = cli("fit", "simulate", str(csv), "--rows", "600", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "wrote 600 synthetic rows (simulated-screening/1 seed=3)" in result.output

    trained = cli("fit", "train", str(csv), "--json")
    assert trained.exit_code == 0, trained.output
    report = json.loads(trained.output)
    assert report["model_version"] == "lgbm-fit/1" and report["champion"] is True
    assert report["synthetic_training_data"] is True and report["rows"] == 600
    assert report["cv"]["spearman"] > 0.85

    card = json.loads(cli("fit", "card").output)
    assert card["name"] == "lgbm-fit" and card["synthetic_training_data"] is True
    listed = json.loads(cli("fit", "list", "--json").output)
    assert [(e["model_version"], e["champion"]) for e in listed] == [("lgbm-fit/1", True)]
    # The interview command group does not list the fit model.
    assert cli("scoring", "list").exit_code == 2

    assert cli("requisitions", "create", CREDIT).exit_code == 0
    resumes = tmp_path / "resumes"
    generate(resumes, 3, 5)
    (resumes / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    files = sorted(str(p) for p in resumes.iterdir() if p.suffix != ".jsonl")
    scored = cli("fit", "score", "credit-risk-analyst-2026", *files, "--json")
    assert scored.exit_code == 0, scored.output
    out = json.loads(scored.output)
    assert out["model_version"] == "lgbm-fit/1" and len(out["results"]) == 3
    assert out["problems"] == [
        {"index": 3, "file": str(resumes / "broken.pdf"), "problem": "corrupt"}
    ]
    for r in out["results"]:
        assert 0 <= r["score"] <= 100 and len(r["top"]) == 3
        assert r["above_line"] == (r["score"] >= 60 and not r["unmet_requirements"])
    plain = cli("fit", "score", "credit-risk-analyst-2026", *files)
    assert "lgbm-fit/1 against credit-risk-analyst-2026 (line 60) [SYNTHETIC" in plain.output
    assert "manual review" in plain.output
    shutil.rmtree(resumes)


def test_fit_bad_input_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("fit", "train", str(tmp_path / "none.csv"))
    assert result.exit_code == 2 and "no such file" in result.output
    empty = tmp_path / "empty.csv"
    empty.write_text("skill_overlap,score\n0.5,50\n")
    result = cli("fit", "train", str(empty))
    assert result.exit_code == 2 and "missing column(s) keyword_coverage" in result.output
    result = cli("fit", "card")
    assert result.exit_code == 2 and "no models for dimension fit" in result.output
    result = cli("fit", "list")
    assert result.exit_code == 2 and "no fit models" in result.output
