"""The CLI as users run it (typer's CliRunner), and every JSON report against the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessor.cli import app
from conftest import SAMPLES, sample_ids, validate_contract

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_terminal_report_has_four_domains_levels_concerns_checks_and_quotes(fmt: str) -> None:
    result = run(str(SAMPLES / f"02-vo-stedelijk-lyceum.{fmt}"), "--no-color")
    assert result.exit_code == 0, result.output
    out = result.output
    for name in ("Visie op Samen Opleiden", "Samenwerking en Organisatie", "Professionalisering", "Kwaliteitszorg"):
        assert name in out
    for check in ("Stevige basis", "Congruentie", "Helder en concreet", "Samen dragen"):
        assert check in out
    assert "V1" in out and "Zorg:" in out and "Tip:" in out
    assert ("p. " if fmt == "pdf" else "alinea ") in out, "quotes carry their page or paragraph"


@pytest.mark.parametrize("sample", sample_ids())
def test_every_json_report_follows_the_contract(sample: str) -> None:
    for fmt in ("pdf", "docx"):
        result = run(str(SAMPLES / f"{sample}.{fmt}"), "--format", "json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        validate_contract(report)
        if fmt == "pdf":
            assert report["dossier"]["pages"] >= 2
            quotes = [e for d in report["domains"] for c in d["concerns"] for e in c["evidence"]]
            assert all(e["page"] for e in quotes)


def test_json_for_several_files_is_an_array_in_input_order_with_failures_in_place(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not a pdf")
    a, b = SAMPLES / "03-mbo-techniek.pdf", SAMPLES / "01-po-de-brug.docx"
    result = run(str(a), str(bad), str(b), "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [i["dossier"]["path"] for i in items] == [str(a), str(bad), str(b)]
    assert "error" in items[1] and "domains" not in items[1]
    validate_contract(items[0])
    validate_contract(items[2])


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run(str(tmp_path / "bestaat-niet.pdf"))
    assert result.exit_code == 1
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "bestaat-niet.pdf" in lines[0]
    assert "Traceback" not in result.output


def test_a_broken_rubric_reports_file_line_col_and_exits_2(tmp_path: Path) -> None:
    rubric = tmp_path / "criteria.yaml"
    text = (Path(__file__).resolve().parent.parent / "criteria.yaml").read_text(encoding="utf-8")
    rubric.write_text(text.replace("    theme: curriculum\n", "    theme: curriculumm\n", 1), encoding="utf-8")
    at = text.index("    theme: curriculum\n")
    line = text[:at].count("\n") + 1
    col = len(text.splitlines()[line - 1]) - len("curriculum") + 1
    result = run(str(SAMPLES / "01-po-de-brug.pdf"), "--rubric", str(rubric))
    assert result.exit_code == 2
    assert f"{rubric}:{line}:{col}: " in result.stderr and "unknown theme 'curriculumm'" in result.stderr
    assert "Traceback" not in result.output


def test_yaml_syntax_error_in_rubric(tmp_path: Path) -> None:
    rubric = tmp_path / "kapot.yaml"
    rubric.write_text("name: x\nversion: [1\n", encoding="utf-8")
    result = run(str(SAMPLES / "01-po-de-brug.pdf"), "--rubric", str(rubric))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{rubric}:3:1: YAML syntax error")


def test_help_explains_every_option() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--rubric", "--password", "--no-color", "--quiet", "--verbose"):
        assert option in result.output


def test_output_never_overwrites_the_dossier(tmp_path: Path) -> None:
    dossier = tmp_path / "d.docx"
    dossier.write_bytes((SAMPLES / "01-po-de-brug.docx").read_bytes())
    result = run(str(dossier), "--format", "json", "--output", str(dossier))
    assert result.exit_code == 2
    assert dossier.read_bytes() == (SAMPLES / "01-po-de-brug.docx").read_bytes()


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "rapport.json"
    result = run(str(SAMPLES / "06-vo-tabellen.pdf"), "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    validate_contract(json.loads(out.read_text(encoding="utf-8")))


def test_schema_command_prints_the_versioned_json_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["schema_version"]["default"] == "1"


def test_eval_compares_two_labellers_without_the_engine():
    result = runner.invoke(app, ["eval", str(SAMPLES), "--labels", str(SAMPLES / "second-labels"), "--details"])
    assert result.exit_code == 0, result.output
    assert "Overeenstemming op 12 dossiers" in result.output
    assert "tweede" in result.output and "engine" not in result.output  # the tables name the second labeller
    bad = runner.invoke(app, ["eval", str(SAMPLES), "--labels", str(SAMPLES / "src")])
    assert bad.exit_code == 2 and "no *.labels.yaml files" in bad.output
