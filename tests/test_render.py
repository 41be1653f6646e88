"""Renderers on real files: a sample dossier built as DOCX, assessed, then written as
terminal text, JSON (against `assess schema`), Markdown, HTML opened in headless
Chromium, and a DOCX letter that LibreOffice converts to PDF.

A hand-made report with awkward text (markup, table bars, a PDF page) checks escaping
independently of what the engine happens to judge today.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from rich.console import Console
from typer.testing import CliRunner

from assessor.cli import app
from assessor.pipeline import assess_file
from assessor.render.common import KIND, level_text, where
from assessor.render.docx_letter import render_letter
from assessor.render.html import render_html
from assessor.render.markdown import render_markdown
from assessor.render.terminal import print_report
from assessor.result import Check, Concern, Domain, DossierInfo, Evidence, FailedDossier, Finding, Report, RubricInfo
from rubric.loader import load_rubric

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
import build as sample_build  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
NEEDS_CHROMIUM = pytest.mark.skipif(CHROMIUM is None, reason="install Chromium: apt-get install chromium")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NEEDS_SOFFICE = pytest.mark.skipif(SOFFICE is None, reason="install LibreOffice: apt-get install libreoffice-writer-nogui")

runner = CliRunner()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def draft_docx(tmp_path_factory) -> Path:
    """The concept sample as the applicant's Word file (built, never committed)."""
    out = tmp_path_factory.mktemp("samples")
    [path] = sample_build.build([ROOT / "samples/src/05-po-concept-draft.md"], pdf=False, outdir=out)
    return path


@pytest.fixture(scope="session")
def report(draft_docx) -> Report:
    return assess_file(draft_docx, load_rubric(None))


def _ev(quote: str, **kw) -> Evidence:
    return Evidence(quote=quote, **kw)


@pytest.fixture()
def awkward() -> Report:
    """Text that breaks naive renderers: HTML, Markdown table bars, emphasis, brackets."""
    nasty = "<script>alert('x')</script> | *vet* [link](http://example.org) & <b>"
    concern = Concern(code="V1", title="Titel met | bar", evidence=[_ev(nasty, page=4, section="2.1 <Visie>")],
                      zorg="Zorg met <i>markup</i>", tips=["Tip één", "Tip twee | drie"], criteria=["V1.x"])
    missing = Concern(code="K4", title="Kwaliteit en visie", missing="Er is geen koppeling.", zorg="z", tips=["t"])
    domains = [
        Domain(code="visie", name="Visie", level=1, level_label="ruim onvoldoende", concerns=[concern],
               rationale="Niveau 1.", evidence=concern.evidence),
        Domain(code="samenwerking", name="Samenwerking", level=2, level_label="onvoldoende",
               insufficient_evidence=True, missing="Te weinig tekst."),
        Domain(code="professionalisering", name="Professionalisering", level=3, level_label="voldoende",
               strengths=[Finding(code="p.s", title="Sterk punt", evidence=[_ev("Iedereen leert.", paragraph=7)])]),
        Domain(code="kwaliteitszorg", name="Kwaliteitszorg", level=4, level_label="goed", concerns=[missing]),
    ]
    checks = [
        Check(code="congruentie", name="Congruentie", passed=False, missing="Geen lijn.", tips=["Trek de lijn door."],
              evidence=[_ev("Een zin.", paragraph=3, section="1 Inleiding")]),
        Check(code="smart", name="SMART", passed=True),
    ]
    return Report(dossier=DossierInfo(path="x.pdf", format="pdf", pages=12, words=900, kind="draft"),
                  rubric=RubricInfo(name="r", version="1"), domains=domains, checks=checks,
                  generated_at="2026-03-05T10:00:00+00:00")


# --------------------------------------------------------------------------- common


def test_where_and_level_wording():
    assert where(_ev("q", page=4, section="2.1 Visie")) == "p. 4, 2.1 Visie"
    assert where(_ev("q", paragraph=12)) == "alinea 12"
    assert where(_ev("q")) == "plaats onbekend"
    d = Domain(code="visie", level=2, level_label="onvoldoende", insufficient_evidence=True)
    assert level_text(d) == "niveau 2 (onvoldoende); te weinig tekst om goed te beoordelen"


# --------------------------------------------------------------------------- terminal


def _terminal(report: Report, **kw) -> str:
    console = Console(record=True, width=80, file=open(os.devnull, "w"), no_color=True)
    print_report(report, console, **kw)
    return console.export_text()


def test_terminal_report_fits_80_columns_and_holds_everything(report):
    text = _terminal(report)
    assert max(len(line) for line in text.splitlines()) <= 80
    for d in report.domains:
        assert d.name in text and d.level_label.split(",")[0] in text
        for c in d.concerns:
            assert c.code in text
    assert "Zorg:" in text and "Tip:" in text and "alinea " in text
    for c in report.checks:
        assert c.name in text


def test_terminal_quiet_and_verbose(report):
    quiet, normal, verbose = _terminal(report, quiet=True), _terminal(report), _terminal(report, verbose=True)
    assert "Oordeel per domein" in quiet and "Zorg:" not in quiet and "“" not in quiet
    assert normal.count("“") < verbose.count("“")
    assert "--verbose" in normal and "--verbose" not in verbose


def test_cli_no_color_strips_colour_codes(draft_docx):
    colour = re.compile(r"\x1b\[[0-9;]*(3\d|9\d)m")
    env = {"FORCE_COLOR": "1", "COLUMNS": "80"}
    assert colour.search(runner.invoke(app, [str(draft_docx), "-q"], env=env).output)
    result = runner.invoke(app, [str(draft_docx), "-q", "--no-color"], env=env)
    assert result.exit_code == 0 and not colour.search(result.output)


# --------------------------------------------------------------------------- JSON


def test_json_follows_the_printed_schema(draft_docx):
    jsonschema = pytest.importorskip("jsonschema", reason="pip install jsonschema")
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    assert schema["properties"]["schema_version"]["default"] == "1"
    result = runner.invoke(app, [str(draft_docx), "--format", "json"])
    data = json.loads(result.output)
    jsonschema.validate(data, schema)
    assert [d["code"] for d in data["domains"]] == ["visie", "samenwerking", "professionalisering", "kwaliteitszorg"]


# --------------------------------------------------------------------------- Markdown


def test_markdown_via_cli(draft_docx, report, tmp_path):
    out = tmp_path / "rapport.md"
    result = runner.invoke(app, [str(draft_docx), "--format", "md", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Beoordeling aanvraag aspirant-opleidingsschool")
    for d in report.domains:
        assert f"| {d.name} | {d.level} | {d.level_label} |" in text
        for c in d.concerns:
            assert f"### {c.code} " in text and f"**Zorg:** {c.zorg}" in text
    assert "**Tips:**" in text and "— _alinea " in text
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.md"]  # no temporary file left behind


def test_markdown_escapes_dossier_text(awkward):
    text = render_markdown([awkward])
    row = next(line for line in text.splitlines() if line.startswith("| Visie |"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # the bars in the title do not add cells
    assert r"\<script\>" in text and r"\[link\]" in text and r"\*vet\*" in text
    assert "p. 4, 2.1 \\<Visie\\>" in text
    assert "te weinig tekst" in text and "**Ontbreekt:** Te weinig tekst." in text


def test_markdown_batch_keeps_failed_dossier_in_place(awkward):
    text = render_markdown([awkward, FailedDossier(dossier=DossierInfo(path="kapot.pdf"), error="is damaged")])
    first, second = text.split("\n---\n")
    assert "x.pdf" in first and "kapot.pdf" in second and "kon niet worden gelezen: is damaged" in second


# --------------------------------------------------------------------------- HTML


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if CHROMIUM is None:
        pytest.skip("install Chromium: apt-get install chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path):
    """Open a page, recording console errors, page errors, dialogs and every request."""
    page = browser.new_page()
    log = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda exc: log["errors"].append(str(exc)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, log


@NEEDS_CHROMIUM
def test_html_renders_in_chromium_offline_with_chart(browser, draft_docx, report, tmp_path):
    out = tmp_path / "rapport.html"
    result = runner.invoke(app, [str(draft_docx), "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    page, log = _open(browser, out)
    assert log["errors"] == []
    assert log["requests"] == [out.as_uri()]  # self-contained: nothing else is fetched
    assert page.locator("h1").inner_text() == "Beoordeling aanvraag aspirant-opleidingsschool"
    chart = page.locator("svg.levels")
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    bars = page.locator("svg.levels rect.bar")
    assert bars.count() == 4
    levels = [int(bars.nth(i).get_attribute("data-level")) for i in range(4)]
    assert levels == [d.level for d in report.domains]
    widths = [bars.nth(i).bounding_box()["width"] for i in range(4)]
    assert all(w > 0 for w in widths)
    assert (widths[0] / levels[0]) == pytest.approx(widths[-1] / levels[-1], rel=0.02)  # bar length ∝ level
    # Evidence is collapsed on screen, opens on click, and is all shown in print.
    quote = page.locator("article.concern blockquote").first
    assert not quote.is_visible()
    page.locator("article.concern summary").first.click()
    assert quote.is_visible()
    page.emulate_media(media="print")
    assert all(page.locator("blockquote").nth(i).is_visible() for i in range(page.locator("blockquote").count()))
    assert page.locator("summary").first.is_hidden()
    page.close()


@NEEDS_CHROMIUM
def test_html_escapes_dossier_text(browser, awkward, tmp_path):
    out = tmp_path / "awkward.html"
    out.write_text(render_html([awkward, FailedDossier(dossier=DossierInfo(path="kapot.pdf"), error="is damaged")]),
                   encoding="utf-8")
    page, log = _open(browser, out)
    assert log["errors"] == [] and log["dialogs"] == []
    assert page.locator("article.report").count() == 2
    page.locator("summary").first.click()
    assert "<script>alert('x')</script>" in page.locator("blockquote").first.inner_text()
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert "kon niet worden gelezen" in page.locator("article.report").nth(1).inner_text()
    page.close()


# --------------------------------------------------------------------------- DOCX letter


def _body_text(path: Path) -> str:
    d = docx.Document(path)
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_docx_letter_contents(draft_docx, report, tmp_path):
    out = tmp_path / "brief.docx"
    result = runner.invoke(app, [str(draft_docx), "--format", "docx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    d = docx.Document(out)
    assert d.paragraphs[0].style.name == "Title" and "Feedbackbrief" in d.paragraphs[0].text
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    text = _body_text(out)
    for dom in report.domains:
        assert f"{dom.name}: niveau {dom.level} ({dom.level_label})" in headings
        for c in dom.concerns:
            assert f"{c.code} {c.title}" in headings
            assert f"Zorg: {c.zorg}" in text and all(t in text for t in c.tips)
    for c in report.checks:
        assert f"{c.name}: {'voldoet' if c.passed else 'voldoet niet'}" in text
    assert "Met vriendelijke groet," in text and "Handtekening:" in text
    assert KIND["draft"] in text


def test_docx_needs_an_output_file(draft_docx):
    result = runner.invoke(app, [str(draft_docx), "--format", "docx"])
    assert result.exit_code == 2 and "--output" in result.output


@NEEDS_SOFFICE
def test_docx_letter_opens_in_libreoffice(awkward, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    letter = tmp_path / "brief.docx"
    letter.write_bytes(render_letter([awkward, awkward]))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(letter)],
                   check=True, capture_output=True, timeout=180)
    pdf = pdfium.PdfDocument(tmp_path / "brief.pdf")
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) >= 2 and text.count("Feedbackbrief") == 2  # two letters, each on its own page
    assert "Handtekening" in text and "5 maart 2026" in text and "ruim onvoldoende" in text


# --------------------------------------------------------------------------- writing files


def test_output_refuses_to_overwrite_the_dossier(draft_docx):
    before = draft_docx.read_bytes()
    for fmt in ("md", "html", "docx", "json"):
        result = runner.invoke(app, [str(draft_docx), "--format", fmt, "--output", str(draft_docx)])
        assert result.exit_code == 2 and "overschrijven" in result.output
    assert draft_docx.read_bytes() == before
