"""Batch review (issue 5): a folder of dossiers in worker processes, bad files reported in
place, the per-file time limit, the cache, --out-dir and the overview (CSV, HTML).

Real files throughout (sample PDFs, DOCX and Markdown sources); the CLI through typer's
CliRunner. No assertion depends on how fast anything runs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessor.cli import app
from conftest import SAMPLES, validate_contract

runner = CliRunner()
SOURCES = SAMPLES / "src"


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, and the stats file of the batch."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setenv("ASSESSOR_BATCH_STATS", str(tmp_path / "stats.json"))
    monkeypatch.delenv("ASSESSOR_TEST_HANG", raising=False)
    return home


def stats(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "stats.json").read_text())


def cached_reports(home: Path) -> int:
    return len(list((home / "samen-opleiden-assessor" / "reports").glob("*/*.json")))


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def round_dir(tmp_path: Path) -> Path:
    """A round: three good dossiers (PDF, DOCX, Markdown) and two that cannot be read."""
    d = tmp_path / "ronde"
    d.mkdir()
    shutil.copy(SAMPLES / "02-vo-stedelijk-lyceum.pdf", d / "a-lyceum.pdf")
    shutil.copy(SAMPLES / "12-po-klein-bestuur.docx", d / "b-klein-bestuur.docx")
    (d / "c-leeg.pdf").write_bytes(b"")
    (d / "d-ruis.docx").write_bytes(os.urandom(4096))
    shutil.copy(SOURCES / "07-mbo-zorg-welzijn.md", d / "e-zorg.md")
    return d


def test_a_folder_with_bad_files_reports_them_in_place_and_assesses_the_rest(round_dir: Path) -> None:
    result = run(round_dir, "--format", "json", "--no-cache", "--jobs", "2")
    assert result.exit_code == 1, result.output
    items = json.loads(result.stdout)
    names = ["a-lyceum.pdf", "b-klein-bestuur.docx", "c-leeg.pdf", "d-ruis.docx", "e-zorg.md"]
    assert [Path(i["dossier"]["path"]).name for i in items] == names, "sorted input order, failures in place"
    for i in (0, 1, 4):
        validate_contract(items[i])
    for i in (2, 3):
        assert set(items[i]) == {"dossier", "error"} and items[i]["dossier"]["path"].endswith(names[i])
        assert items[i]["error"] and "\n" not in items[i]["error"]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert "c-leeg.pdf" in lines[0] and "empty" in lines[0]
    assert "d-ruis.docx" in lines[1]
    assert "Traceback" not in result.output


def test_files_given_one_by_one_keep_their_order(tmp_path: Path) -> None:
    b, a = SOURCES / "12-po-klein-bestuur.md", SOURCES / "05-po-concept-draft.md"
    result = run(b, a, "--format", "json", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert [i["dossier"]["path"] for i in json.loads(result.stdout)] == [str(b), str(a)]


def test_out_dir_gets_one_report_per_assessed_dossier(round_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapporten"
    result = run(round_dir, "--format", "json", "--out-dir", out)
    assert result.exit_code == 1
    assert result.stdout == "", "with --out-dir the reports go to the folder, not to standard output"
    assert sorted(p.name for p in out.iterdir()) == ["a-lyceum.json", "b-klein-bestuur.json", "e-zorg.json"]
    report = json.loads((out / "a-lyceum.json").read_text(encoding="utf-8"))
    validate_contract(report)
    assert report["dossier"]["path"].endswith("a-lyceum.pdf")

    md = tmp_path / "md"
    assert run(round_dir, "--format", "md", "--out-dir", md).exit_code == 1
    assert sorted(p.name for p in md.iterdir()) == ["a-lyceum.md", "b-klein-bestuur.md", "e-zorg.md"]


def test_out_dir_names_do_not_collide() -> None:
    from assessor.batch_ui import out_names

    files = [Path("x/a.pdf"), Path("x/a.docx"), Path("y/a.pdf"), Path("x/b.md")]
    assert out_names(files, ".json") == ["a.pdf.json", "a.docx.json", "a.pdf-2.json", "b.json"]


def test_an_unchanged_rerun_comes_from_the_cache_without_the_engine(round_dir: Path, tmp_path: Path,
                                                                     cache_home: Path, monkeypatch) -> None:
    first = run(round_dir, "--format", "json")
    assert first.exit_code == 1
    assert cached_reports(cache_home) == 3, "only assessed dossiers are stored, never an error"

    def engine_must_not_run(*args, **kwargs):
        raise AssertionError("the engine ran on a cached dossier")

    # workers are forked from this process: they inherit the patched engine (unreadable
    # files still fail in extraction, before the engine, as they did the first time)
    monkeypatch.setattr("assessor.pipeline.assess", engine_must_not_run)
    second = run(round_dir, "--format", "json")
    assert second.exit_code == 1
    assert stats(tmp_path)["cache_hits"] == 3
    strip = lambda items: [{k: v for k, v in i.items() if k != "generated_at"} for i in items]  # noqa: E731
    assert strip(json.loads(second.stdout)) == strip(json.loads(first.stdout))
    assert cached_reports(cache_home) == 3

    # --no-cache bypasses it: the (patched) engine runs and fails every good dossier
    third = run(round_dir, "--format", "json", "--no-cache")
    assert all("error" in i for i in json.loads(third.stdout))


def test_a_cached_report_carries_the_path_it_is_read_from(tmp_path: Path) -> None:
    a = tmp_path / "een.md"
    shutil.copy(SOURCES / "12-po-klein-bestuur.md", a)
    assert run(a, "--format", "json").exit_code == 0
    b = tmp_path / "kopie.md"
    shutil.copy(a, b)
    result = run(b, "--format", "json")
    assert stats(tmp_path)["cache_hits"] == 1
    assert json.loads(result.stdout)["dossier"]["path"] == str(b)


def test_a_changed_rubric_or_engine_version_invalidates_the_cache(tmp_path: Path, monkeypatch) -> None:
    dossier = tmp_path / "d.md"
    shutil.copy(SOURCES / "12-po-klein-bestuur.md", dossier)
    assert run(dossier, "--format", "json").exit_code == 0
    assert run(dossier, "--format", "json").exit_code == 0
    assert stats(tmp_path)["cache_hits"] == 1

    text = (SAMPLES.parent / "criteria.yaml").read_text(encoding="utf-8")
    assert '\nversion: "' in text
    rubric = tmp_path / "criteria.yaml"
    rubric.write_text(text.replace('\nversion: "', '\nversion: "9', 1), encoding="utf-8")
    assert run(dossier, "--format", "json", "--rubric", rubric).exit_code == 0
    assert stats(tmp_path)["cache_hits"] == 0, "another rubric version"
    assert run(dossier, "--format", "json", "--rubric", rubric).exit_code == 0
    assert stats(tmp_path)["cache_hits"] == 1

    # same version, changed content (its description): still a different rubric
    assert "\ndescription: >\n  Rubric" in text
    rubric.write_text(text.replace('\nversion: "', '\nversion: "9', 1).replace("\ndescription: >\n  Rubric", "\ndescription: >\n  Gewijzigd. Rubric", 1),
                      encoding="utf-8")
    assert run(dossier, "--format", "json", "--rubric", rubric).exit_code == 0
    assert stats(tmp_path)["cache_hits"] == 0, "changed rubric content"

    monkeypatch.setattr("assessor.__version__", "99.0.0")
    assert run(dossier, "--format", "json").exit_code == 0
    assert stats(tmp_path)["cache_hits"] == 0, "another engine version"


def test_a_broken_cache_never_breaks_a_run(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    dossier = SOURCES / "12-po-klein-bestuur.md"
    assert run(dossier, "--format", "json").exit_code == 0
    assert run(dossier, "--format", "json").exit_code == 0


def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, cache_home: Path) -> None:
    dossier = tmp_path / "d.md"
    shutil.copy(SOURCES / "12-po-klein-bestuur.md", dossier)
    assert run(dossier, "--format", "json").exit_code == 0
    (entry,) = (cache_home / "samen-opleiden-assessor" / "reports").glob("*/*.json")
    entry.write_text('{"schema_version": "1", "dossier": ')
    result = run(dossier, "--format", "json")
    assert result.exit_code == 0 and stats(tmp_path)["cache_hits"] == 0
    validate_contract(json.loads(result.stdout))


def test_the_time_limit_stops_a_hanging_dossier_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    d = tmp_path / "ronde"
    d.mkdir()
    for name, src in (("a.md", "12-po-klein-bestuur.md"), ("b-hangt.md", "05-po-concept-draft.md"), ("c.md", "07-mbo-zorg-welzijn.md")):
        shutil.copy(SOURCES / src, d / name)
    # test hook: a worker given a file whose name holds this never finishes it
    monkeypatch.setenv("ASSESSOR_TEST_HANG", "hangt")
    result = run(d, "--format", "json", "--timeout", "3", "--jobs", "2")
    assert result.exit_code == 1, result.output
    items = json.loads(result.stdout)
    assert [Path(i["dossier"]["path"]).name for i in items] == ["a.md", "b-hangt.md", "c.md"]
    assert "domains" in items[0] and "domains" in items[2]
    assert "longer than 3 s" in items[1]["error"]
    assert stats(tmp_path)["timed_out"] == 1
    assert "b-hangt.md" in result.stderr and "--timeout" in result.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_worker_that_dies_is_reported_and_replaced(tmp_path: Path, monkeypatch) -> None:
    import assessor.pipeline

    real = assessor.pipeline.assess_file

    def crash_on_b(path, *args, **kwargs):
        if Path(path).name.startswith("b"):
            os.kill(os.getpid(), signal.SIGKILL)  # as a segfault in a PDF library would
        return real(path, *args, **kwargs)

    monkeypatch.setattr("assessor.pipeline.assess_file", crash_on_b)
    files = []
    for name in ("a.md", "b.md", "c.md", "d.md"):
        shutil.copy(SOURCES / "12-po-klein-bestuur.md", tmp_path / name)
        files.append(tmp_path / name)
    result = run(*files, "--format", "json", "--no-cache", "--jobs", "1")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert ["error" in i for i in items] == [False, True, False, False]
    assert "stopped unexpectedly" in items[1]["error"]


def test_overview_csv_has_a_row_per_dossier_and_columns_per_level_concern_and_check(round_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    result = run(round_dir, "--format", "json", "--overview", target)
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [Path(r["path"]).name for r in rows] == sorted(p.name for p in round_dir.iterdir())
    header = rows[0].keys()
    for domain in ("visie", "samenwerking", "professionalisering", "kwaliteitszorg"):
        assert f"level_{domain}" in header
    for code in [f"V{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 7)] + [f"P{i}" for i in range(1, 6)] + [f"K{i}" for i in range(1, 6)]:
        assert f"concern_{code}" in header
    for check in ("basis", "congruentie", "smart", "samen"):
        assert f"check_{check}" in header

    reports = {Path(i["dossier"]["path"]).name: i for i in json.loads(result.stdout)}
    for row in rows:
        report = reports[Path(row["path"]).name]
        if "error" in report:
            assert row["status"] == "error" and row["error"] == report["error"] and row["level_visie"] == ""
            continue
        assert row["status"] == "ok"
        for d in report["domains"]:
            assert row[f"level_{d['code']}"] == str(d["level"])
        raised = {c["code"] for d in report["domains"] for c in d["concerns"]}
        assert {k[len("concern_"):] for k, v in row.items() if k.startswith("concern_") and v == "1"} == raised
        for c in report["checks"]:
            assert row[f"check_{c['code']}"] == str(int(c["passed"]))


def test_overview_html_is_self_contained_with_inline_svg(round_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.html"
    assert run(round_dir, "--format", "json", "--overview", target).exit_code == 1
    html = target.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3, "concerns, levels per domain, checks"
    assert "Content-Security-Policy" in html
    for external in ("http://", "https://", "src=", "href=", "@import", "url("):
        assert external not in html
    assert "c-leeg.pdf" in html and "niet te lezen" in html
    assert "a-lyceum.pdf" in html


def test_overview_counts_as_the_panel_writes_them(tmp_path: Path) -> None:
    from assessor.overview import compute_overview
    from assessor.render.overview_terminal import print_overview
    from assessor.result import DossierInfo, FailedDossier, Report
    from rich.console import Console

    d = tmp_path / "r"
    d.mkdir()
    for name in ("02-vo-stedelijk-lyceum.md", "12-po-klein-bestuur.md", "15-po-sterk-tabellen.md"):
        shutil.copy(SOURCES / name, d / name)
    result = run(d, "--format", "json")
    items = json.loads(result.stdout)
    reports = [Report.model_validate(i) for i in items]
    results = [*reports, FailedDossier(dossier=DossierInfo(path="x/kapot.pdf"), error="is empty (0 bytes)")]
    from rubric.loader import load_rubric

    ov = compute_overview(results, load_rubric())
    assert ov.dossiers == 4 and ov.assessed == 3 and ov.failed == 1
    assert len(ov.concerns) == 21 and all(c.of == 3 for c in ov.concerns)
    for c in ov.concerns:
        assert c.count == sum(1 for r in reports for dm in r.domains for x in dm.concerns if x.code == c.code)
    for dl in ov.domains:
        assert sum(dl.levels.values()) == 3
    assert [r.name for r in ov.rows][-1] == "kapot.pdf" and ov.rows[-1].error
    assert all(r.error is None for r in ov.attention)
    assert [r.score for r in ov.attention] == sorted((r.score for r in ov.attention), reverse=True)

    console = Console(record=True, width=140)
    print_overview(ov, console)
    text = console.export_text()
    v = next(c for c in ov.concerns if c.count)
    assert f"{v.count} van 3" in text and "Dossier × zorgpunt" in text and "Eerst bekijken" in text


def test_the_compiled_rubric_is_reused_until_its_file_changes(tmp_path: Path, monkeypatch) -> None:
    import rubric.loader
    from assessor.cache import load_rubric_cached

    path = tmp_path / "criteria.yaml"
    text = (SAMPLES.parent / "criteria.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_rubric_cached(str(path))

    def must_not_load(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(rubric.loader, "load_rubric", must_not_load)
    assert load_rubric_cached(str(path)) == first, "an unchanged file comes from the cache"
    path.write_text(text.replace('\nversion: "', '\nversion: "9', 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="validated again"):
        load_rubric_cached(str(path))


def test_fast_theme_matching_finds_exactly_what_the_alternation_finds(rubric) -> None:
    import re

    from assessor.analysis import Analysis
    from assessor.extract import extract
    from assessor.fastmatch import ThemeMatcher

    for name in ("13-vo-trap-ontkenningen", "06-vo-tabellen", "05-po-concept-draft"):
        text = Analysis(extract(SAMPLES / f"{name}.pdf"), rubric).text
        for theme in rubric.themes.values():
            patterns = [p.replace("[^.]", "[^.\n]") for p in theme.patterns]
            plain = re.compile("|".join(f"(?:{p})" for p in patterns))
            fast = ThemeMatcher(patterns)
            for t in (text, text[:2000]):  # a dossier (one prefix scan) and a short text (str.find)
                assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)], patterns
                assert fast.findall(t) == plain.findall(t)
                found, expected = fast.search(t), plain.search(t)
                assert (found and found.span()) == (expected and expected.span())


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    dossier = SOURCES / "12-po-klein-bestuur.md"
    result = run(dossier, "--overview", tmp_path / "overzicht.txt")
    assert result.exit_code == 2 and ".csv" in result.stderr
    assert run(dossier, "--timeout", "-1").exit_code == 2
    assert run(dossier, "--jobs", "0").exit_code == 2


def test_the_spawn_start_method_works_too(tmp_path: Path, monkeypatch) -> None:
    """macOS and Windows start workers with spawn: they load the rubric themselves."""
    import multiprocessing

    import assessor.batch

    monkeypatch.setattr(assessor.batch, "_context", lambda: multiprocessing.get_context("spawn"))
    files = [SOURCES / "12-po-klein-bestuur.md", tmp_path / "leeg.md"]
    files[1].write_text("")
    result = run(*files, "--format", "json", "--no-cache")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert "domains" in items[0] and "error" in items[1]
