"""The annotated draft: the applicant's own DOCX with Word comments, and nothing else changed.

Runs on a sample dossier built as DOCX (assessed by the real engine) and on a small
hand-made DOCX with a content control and a table, where a hand-made report pins down
exactly where each comment must land.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from typer.testing import CliRunner

from assessor.cli import app
from assessor.extract import extract
from assessor.pipeline import assess_file
from assessor.render.annotate import Locator, _text, annotate_docx
from assessor.result import Check, Concern, Domain, DossierInfo, Evidence, Report, RubricInfo
from rubric.loader import load_rubric

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
import build as sample_build  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
runner = CliRunner()


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("samples")
    srcs = [ROOT / f"samples/src/{i}.md" for i in ("05-po-concept-draft", "01-po-de-brug", "06-vo-tabellen")]
    return {p.stem: p for p in sample_build.build(srcs, pdf=False, outdir=out)}


def _texts(path: Path) -> list[str]:
    d = docx.Document(path)
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]


def _comments(path: Path) -> list[tuple[str, str, str]]:
    """(comment text, text of the paragraph it is anchored at, that paragraph's style)."""
    d = docx.Document(path)
    by_id = {c.comment_id: c.text for c in d.comments}
    out = []
    for p in d.element.body.iter(qn("w:p")):
        for start in p.iter(qn("w:commentRangeStart")):
            style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
            out.append((by_id[int(start.get(qn("w:id")))], _text(p), style.get(qn("w:val")) if style is not None else ""))
    return out


@pytest.mark.parametrize("name", ["05-po-concept-draft", "01-po-de-brug", "06-vo-tabellen"])
def test_annotate_adds_comments_and_changes_no_text(samples, name, tmp_path):
    draft = samples[name]
    out = tmp_path / "met-opmerkingen.docx"
    result = runner.invoke(app, [str(draft), "--annotate", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _texts(out) == _texts(draft)
    before, after = extract(draft), extract(out)
    assert [(b.kind, b.text, b.paragraph, b.section) for b in before.blocks] == [
        (b.kind, b.text, b.paragraph, b.section) for b in after.blocks
    ]
    report = assess_file(draft, load_rubric(None))
    comments = _comments(out)
    assert f"{len(comments) - 1} opmerkingen" in comments[0][0]
    # The summary sits on the first paragraph and names every domain, in the
    # applicant's wording (issue 7): what to work on, no levels or verdict.
    summary, first, _ = comments[0]
    assert summary.startswith("Feedback op je") and first == _texts(draft)[0]
    assert not re.search(r"niveau \d|voldoet|\bonvoldoende\b", summary)
    for d in report.domains:
        assert f"{d.name}: " in summary
    for d in report.domains:
        for c in d.concerns:
            [(text, anchor, style)] = [x for x in comments if x[0].startswith(f"{c.code} ")]
            assert all(t in text for t in c.tips) and (not c.missing or c.missing in text)
            if c.evidence:
                assert c.evidence[0].quote.rstrip("…")[:60] in anchor
            else:  # something missing: on the chapter heading of the domain
                assert style.startswith("Heading") and c.missing in text
    for c in report.checks:  # one comment per cause of a check that does not hold yet
        hits = [x for x in comments if x[0].startswith(f"Nog te doen ({c.name})")]
        assert len(hits) == (0 if c.passed else len(c.causes))


def test_annotate_refuses_wrong_use(samples, tmp_path):
    draft = samples["05-po-concept-draft"]
    before = draft.read_bytes()
    cases = [
        [str(draft), "--annotate", str(draft)],
        [str(draft), "--annotate", str(tmp_path / "a.docx"), "-f", "md", "-o", str(tmp_path / "a.docx")],
        [str(ROOT / "samples/src/01-po-de-brug.md"), "--annotate", str(tmp_path / "b.docx")],
        [str(draft), str(samples["01-po-de-brug"]), "--annotate", str(tmp_path / "c.docx")],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
    assert draft.read_bytes() == before
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- hand-made DOCX


def _content_control(document, text: str) -> None:
    """A body paragraph wrapped in a w:sdt, as Word's templates make them."""
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    p.append(r)
    content.append(p)
    sdt.append(content)
    document.element.body.insert(len(document.element.body) - 1, sdt)  # before w:sectPr


@pytest.fixture()
def handmade(tmp_path) -> Path:
    d = docx.Document()
    d.add_paragraph("Aanvraag Testpartnerschap", style="Title")
    d.add_heading("1 Visie op samen opleiden", level=1)
    d.add_paragraph("Wij leiden samen op. De scholen schrijven de visie.")
    _content_control(d, "Deze zin staat in een inhoudsbesturingselement.")
    table = d.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["Doel", "Jaar", "Meer studenten opleiden", "2027"]):
        cell.text = text
    d.add_heading("2 Kwaliteitszorg", level=1)
    d.add_paragraph("We evalueren jaarlijks met een enquête.")
    path = tmp_path / "klein.docx"
    d.save(path)
    return path


def test_locator_numbers_paragraphs_like_the_extractor(handmade):
    document = extract(handmade)
    locator = Locator(docx.Document(handmade).element.body, document, [None] * len(document.blocks))
    numbered = [b for b in document.blocks if b.kind.value != "table"]
    assert any("inhoudsbesturingselement" in b.text for b in numbered)
    for b in numbered:
        assert _text(locator._at(b.paragraph)) == b.text


def test_comments_land_where_the_report_points(handmade):
    document = extract(handmade)
    by_number = {b.paragraph: b for b in document.blocks if b.kind.value != "table"}
    sdt_number = next(n for n, b in by_number.items() if "inhoudsbesturingselement" in b.text)
    report = Report(
        dossier=DossierInfo(path=str(handmade), sha256=document.sha256, format="docx"),
        rubric=RubricInfo(name="r", version="1"),
        domains=[
            Domain(code="visie", name="Visie", level=2, concerns=[
                # a stale paragraph number: found again by its text
                Concern(code="V2", title="Niet gezamenlijk", zorg="z", evidence=[Evidence(quote="De scholen schrijven de visie.", paragraph=99)]),
                Concern(code="V5", title="Geen kennis van elders", zorg="z", missing="Er wordt niet geleerd van anderen."),
            ]),
            Domain(code="samenwerking", name="Samenwerking", level=3),
            Domain(code="professionalisering", name="Professionalisering", level=3),
            Domain(code="kwaliteitszorg", name="Kwaliteitszorg", level=2, concerns=[
                Concern(code="K1", title="Alleen tevredenheid", zorg="z", evidence=[
                    Evidence(quote="We evalueren jaarlijks met een enquête.", paragraph=max(by_number)),
                    Evidence(quote="Deze zin staat in een inhoudsbesturingselement.", paragraph=sdt_number),
                ]),
            ]),
        ],
        checks=[Check(code="smart", name="SMART", passed=False, tips=["Maak doelen meetbaar."],
                      evidence=[Evidence(quote="Doel: Meer studenten opleiden | Jaar: 2027", paragraph=sdt_number + 1)])],
    )
    # title, then the visie chapter (heading, two paragraphs, table), then kwaliteitszorg
    block_domains = [None, *["visie"] * 4, *["kwaliteitszorg"] * 2]
    assert len(block_domains) == len(document.blocks)
    data, count = annotate_docx(handmade.read_bytes(), report, document, block_domains)
    out = handmade.with_name("uit.docx")
    out.write_bytes(data)
    comments = {text.split("\n")[0].split(" ")[0]: (text, anchor) for text, anchor, _ in _comments(out)}
    assert count == len(_comments(out)) == 6  # summary, V2, V5, K1 (+1 pointer), SMART
    assert comments["V2"][1] == "Wij leiden samen op. De scholen schrijven de visie."
    assert comments["V5"][1] == "1 Visie op samen opleiden"
    assert comments["K1"][1] == "We evalueren jaarlijks met een enquête."
    [smart] = [a for t, a, _ in _comments(out) if t.startswith("Nog te doen (SMART)")]
    assert smart == "Meer studenten opleiden"  # inside the table cell
    pointer = [a for t, a, _ in _comments(out) if t.startswith("K1: ook")]
    assert pointer == ["Deze zin staat in een inhoudsbesturingselement."]
    assert _texts(out) == _texts(handmade)


@pytest.mark.skipif(SOFFICE is None, reason="install LibreOffice: apt-get install libreoffice-writer-nogui")
def test_annotated_draft_opens_in_libreoffice(samples, tmp_path):
    out = tmp_path / "met-opmerkingen.docx"
    assert runner.invoke(app, [str(samples["05-po-concept-draft"]), "--annotate", str(out), "-q"]).exit_code == 0
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "met-opmerkingen.pdf").stat().st_size > 10_000
