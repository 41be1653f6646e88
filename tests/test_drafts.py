"""Applicants checking their drafts (issue 7): draft detection, the volledig check with a
place for every failure, formative feedback without verdict, version comparison, watch
mode and the annotated draft in the applicant's wording.

Runs on the committed sample dossiers (DOCX and PDF) and on copies changed with
python-docx the way an applicant would: a placeholder filled in, a section deleted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import docx
import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from assessor.cli import app
from assessor.compare import compare
from assessor.pipeline import assess_file
from assessor.render.compare_terminal import print_changes, print_comparison
from assessor.render.formative import formative_markdown, print_formative
from assessor.watch import STOPPED, watch_dossier
from conftest import validate_contract
from rubric.loader import load_rubric

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(SAMPLES))
import build as sample_build  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NEEDS_SOFFICE = pytest.mark.skipif(SOFFICE is None, reason="install LibreOffice: apt-get install libreoffice-writer-nogui")
DRAFTS = ["05-po-concept-draft", "14-mbo-concept"]
FINALS = ["01-po-de-brug", "02-vo-stedelijk-lyceum", "06-vo-tabellen", "13-vo-trap-ontkenningen"]
VERDICT = re.compile(r"\bonvoldoende\b|\bvoldoende\b|\bvoldoet\b|\bniveau\b|\bgoed\)|reparabel", re.I)

runner = CliRunner()
_cache: dict[Path, object] = {}


@pytest.fixture(scope="module")
def rules():
    return load_rubric(None)


def assessed(path: Path, rules):
    if path not in _cache:
        _cache[path] = assess_file(path, rules)
    return _cache[path]


def _wide(printer, report, **kw) -> str:
    console = Console(file=StringIO(), width=1000, no_color=True, highlight=False)
    printer(report, console, **kw)
    return console.file.getvalue()


def _rubric_texts(rules) -> list[str]:
    """Every sentence the rubric supplies (titles, tips, descriptions): they may use
    'niveau' as a plain word ("sturend niveau"), which is not a verdict."""
    out: list[str] = []
    for d in rules.domains:
        out += [d.name, *d.tips, *(s.title for s in d.strengths)]
    for c in rules.concerns:
        out += [c.title, c.missing, *c.tips]
    for k in rules.checks:
        out += [k.name, k.description, k.missing, *k.tips]
    for cr in rules.criteria():
        out.append(cr.description)
    return sorted((t for t in out if t), key=len, reverse=True)


def _without_given_text(text: str, rules, report) -> str:
    """The renderer's own words: without the rubric's sentences and the dossier's quotes."""
    from assessor.render.markdown import md

    quotes = [e.quote for d in report.domains for f in (*d.concerns, *d.strengths) for e in f.evidence]
    quotes += [e.quote for c in report.checks for f in (c, *c.causes) for e in f.evidence]
    quotes += [p.text for p in report.dossier.placeholders] + [e.quote for e in report.dossier.unwritten]
    quotes += [e.section for e in report.dossier.placeholders if e.section]
    for t in sorted({*_rubric_texts(rules), *quotes}, key=len, reverse=True):
        text = text.replace(t, "").replace(md(t), "")
    return text


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize("name", DRAFTS)
@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_drafts_are_recognised_with_their_placeholders(rules, name, ext):
    report = assessed(SAMPLES / f"{name}.{ext}", rules)
    info = report.dossier
    assert info.kind == "draft"
    assert info.placeholders and info.unwritten
    for p in info.placeholders:  # every placeholder has a place
        assert p.text and p.section
        assert (p.page is not None) if ext == "pdf" else (p.paragraph is not None)
        assert p.text.casefold() in " ".join(p.quote.split()).casefold() or p.text.startswith("[")
    texts = [p.text for p in info.placeholders]
    assert "XX" in texts and "TODO" in texts
    if name == "05-po-concept-draft":
        assert "[aantal studenten invullen]" in texts
        assert "[Hans: kunnen we hier de PDCA-cyclus van de pabo voor gebruiken?]" in texts
    else:  # the notes-only quality chapter ("- nog invullen") and the empty annex list
        assert "nog invullen" in texts
        assert {"6 Kwaliteitszorg", "7 Ontwikkelplan", "Bijlagen"} <= {e.quote for e in info.unwritten}


@pytest.mark.parametrize("name", FINALS)
def test_final_dossiers_are_not_drafts(rules, name):
    info = assessed(SAMPLES / f"{name}.docx", rules).dossier
    assert info.kind == "final"
    assert info.placeholders == [] and info.unwritten == []


def test_every_labelled_sample_is_a_draft_exactly_when_its_label_says_so(rules):
    # the dev set only: samples/heldout stays out of tuning and out of assertions
    for labels in sorted(SAMPLES.glob("*.labels.yaml")):
        name = labels.name.removesuffix(".labels.yaml")
        kind = yaml.safe_load(labels.read_text(encoding="utf-8"))["kind"]
        assert assessed(SAMPLES / f"{name}.docx", rules).dossier.kind == kind, name


def _dossier(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "line, kind",
    [("Concept v0.2 - 18 november 2024", "draft"),
     ("Aanvraag aspirant-status, concept versie 0.4", "draft"),
     ("Werkversie voor de stuurgroep", "draft"),
     # u05: the list of annexes names another document's version, not the dossier's
     ("Bijlage 3: Concept-opleidingsplan (versie 0.9)", "final")],
)
def test_a_version_marker_makes_a_draft_only_when_it_is_the_dossiers_own(rules, tmp_path, line, kind):
    text = ("# Visie\n\nWij leiden studenten samen op met de pabo, op alle scholen van het bestuur, "
            "in opleidingsteams waarin schoolopleiders en instituutsopleiders samenwerken.\n\n"
            f"{line}\n")
    assert assess_file(_dossier(tmp_path, text), rules).dossier.kind == kind


def test_placeholder_forms_and_what_is_no_placeholder(rules, tmp_path):
    text = (
        "# 1 Visie\n\nWe begeleiden in 2025 … studenten samen met de pabo op onze scholen.\n\n"
        "De begroting is € p.m. voor dit jaar en wordt later vastgesteld.\n\n"
        "[Joost: ik vraag de cijfers op bij het stagebureau.]\n\n"
        "Stel je voor... dat elke student een vaste plek heeft in het team van de school.\n\n"
        "Ondertekend door drs. P.M. van Leeuwen, rector van het lyceum in de stad.\n\n"
        "# 2 Kwaliteitszorg\n\n- nog invullen\n\n"
        "# 3 Samenwerking\n\nDe stuurgroep komt vier keer per jaar bij elkaar om alles te bespreken.\n\n"
        # planned work with its time is a plan, not a place still to fill in
        "Jaar: 4 (LIO) | Thema: Zelfstandig leraarschap | Uitwerking: Nog uit te werken in 2025-2026\n\n"
        "Leerlijn: jaar 4 | Stand: nog uit te werken\n"
    )
    info = assess_file(_dossier(tmp_path, text), rules).dossier
    assert [p.text for p in info.placeholders] == [
        "…", "p.m.", "[Joost: ik vraag de cijfers op bij het stagebureau.]", "nog invullen", "nog uit te werken"
    ]
    assert [e.quote for e in info.unwritten] == ["2 Kwaliteitszorg"]
    assert info.kind == "draft"


def test_the_heading_of_an_empty_chapter_says_nothing_is_done(rules, tmp_path):
    # "Evaluatie van het partnerschap" over a placeholder evaluates nothing: K3 stands
    text = (
        "# 6 Kwaliteitszorg\n\n## 6.1 Wat we nu doen\n\nDe studenten vullen aan het eind van elk semester een vragenlijst in "
        "over de begeleiding en de school.\n\n## 6.3 Evaluatie van het partnerschap\n\n[invullen - bespreken in de stuurgroep]\n"
    )
    report = assess_file(_dossier(tmp_path, text), rules)
    raised = {c.code for d in report.domains for c in d.concerns}
    assert "K3" in raised


def test_an_empty_chapter_alone_makes_a_draft(rules, tmp_path):
    text = (
        "# 1 Visie\n\nWij leiden samen met de pabo op in de school en de student hoort erbij.\n\n"
        "# 2 Kwaliteitszorg\n\n# 3 Samenwerking\n\nDe stuurgroep komt vier keer per jaar bij elkaar om alles te bespreken.\n"
    )
    info = assess_file(_dossier(tmp_path, text), rules).dossier
    assert info.placeholders == [] and [e.quote for e in info.unwritten] == ["2 Kwaliteitszorg"]
    assert info.kind == "draft"


@pytest.mark.parametrize(
    "title_page",
    [
        # the title repeated in bold
        "# Aanvraag status aspirant-opleidingsschool ROC Rivierenland\n\nSector: mbo\n\n"
        "### Aanvraag status aspirant-opleidingsschool\n\n### Opleidingsschool ROC Rivierenland\n\n"
        "In samenwerking met Hogeschool De Linge, Instituut voor Tweedegraads Lerarenopleidingen.\n\n",
        # most of the title in bold, after text on the title page
        "# Aanvraag aspirant-opleidingsschool Samen Opleiden Wadden\n\nSector: po en vo (sectoroverstijgend)\n\n"
        "### Partnerschap Samen Opleiden Wadden\n\n### Aanvraag voor de status van aspirant-opleidingsschool\n\n"
        "Stichting Primair Onderwijs Texel met negen basisscholen op het eiland.\n\n",
    ],
    ids=["title", "most of the title"],
)
def test_the_title_in_bold_on_the_title_page_is_no_empty_chapter(rules, tmp_path, title_page):
    text = title_page + "# 1 Visie\n\nWij leiden samen met de hogeschool op in de school en de student hoort erbij.\n"
    info = assess_file(_dossier(tmp_path, text), rules).dossier
    assert info.unwritten == [] and info.kind == "final"


# --------------------------------------------------------------------------- volledig


@pytest.mark.parametrize("name", DRAFTS)
@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_volledig_fails_with_a_place_for_every_cause(rules, name, ext):
    report = assessed(SAMPLES / f"{name}.{ext}", rules)
    [check] = [c for c in report.checks if c.code == "volledig"]
    assert not check.passed
    causes = {c.code: c for c in check.causes}
    assert {"volledig.placeholders", "volledig.niet-uitgeschreven"} <= set(causes)
    for cause in check.causes:
        assert cause.title
        assert cause.evidence or cause.missing, cause.code
        for e in cause.evidence:
            assert (e.page if ext == "pdf" else e.paragraph) is not None
    unwritten = [e.quote for e in causes["volledig.niet-uitgeschreven"].evidence]
    assert unwritten[: len(report.dossier.unwritten)] == [e.quote for e in report.dossier.unwritten][:4]
    if name == "14-mbo-concept":  # no samenwerkingsovereenkomst at all: said, not quoted
        assert causes["volledig.geen-overeenkomst"].missing
    # the JSON report keeps the contract and carries the new fields
    data = json.loads(report.model_dump_json())
    validate_contract(data)
    assert data["dossier"]["placeholders"][0]["text"]


def test_volledig_holds_for_a_final_with_initials_that_look_like_pm(rules):
    """02 is signed by "drs. P.M. van Leeuwen": initials, not a "p.m." placeholder."""
    report = assessed(SAMPLES / "02-vo-stedelijk-lyceum.docx", rules)
    assert next(c for c in report.checks if c.code == "volledig").passed


def test_unwritten_domain_fails_volledig_and_says_so(rules, tmp_path):
    text = (
        "# 1 Visie\n\nWij leiden samen met de pabo op in de school. De student is een collega in opleiding. "
        "Scholen en pabo beoordelen de student samen.\n\n"
        "# 2 Samenwerking\n\nDe stuurgroep met scholen en pabo komt vier keer per jaar bij elkaar. "
        "De schoolopleider coördineert de begeleiding. De instituutsopleider is twee dagen per week op school.\n\n"
        "# 3 Professionalisering\n\nWerkplekbegeleiders volgen samen met pabodocenten de basistraining. "
        "In leerteams onderzoeken docenten en studenten hun lessen. Elk jaar is er een gezamenlijke studiedag.\n"
    )
    report = assess_file(_dossier(tmp_path, text), rules)
    [check] = [c for c in report.checks if c.code == "volledig"]
    [cause] = [c for c in check.causes if c.code == "volledig.niet-uitgeschreven"]
    assert cause.missing and "kwaliteitszorg" in cause.missing


# --------------------------------------------------------------------------- formative


@pytest.mark.parametrize("name", [*DRAFTS, "01-po-de-brug"])
def test_formative_feedback_has_no_verdict(rules, name):
    from assessor.render.markdown import md

    report = assessed(SAMPLES / f"{name}.docx", rules)
    for out in (_wide(print_formative, report), formative_markdown(report)):
        own = _without_given_text(out, rules, report)
        assert not VERDICT.search(own), own[max(0, VERDICT.search(own).start() - 200):][:400]
        for d in report.domains:
            assert f"({d.level_label})" not in own
            assert d.name in out
        assert "Wat er al staat" in out and "Wat nog ontbreekt" in out and "Volgende stap" in out
        for d in report.domains:
            for s in d.strengths:  # strengths with their quote
                q = s.evidence[0].quote[:40]
                assert s.title in out and (q in out or md(q) in out)
            for c in d.concerns:  # what is missing, with the rubric's next step
                assert c.title in out and c.tips[0] in out
            for q in getattr(d, "reflection_questions", []) or []:
                assert q in out


@pytest.mark.parametrize("ext, place", [("docx", "alinea 13"), ("pdf", "p. ")])
def test_formative_lists_placeholders_with_their_place(ext, place):
    result = runner.invoke(app, [str(SAMPLES / f"05-po-concept-draft.{ext}"), "--voor-aanvrager", "--no-color"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Feedback op je concept")
    line = next(l for l in out.splitlines() if "[aantal studenten invullen]" in l)
    assert place in line and "2.2 Studenten" in line
    assert "Nog niet uitgeschreven" in out and "7 Ontwikkelplan 2024-2027" in out
    assert not re.search(r"niveau \d|voldoet", out)


def test_formative_markdown_and_refused_formats(tmp_path):
    draft = SAMPLES / "14-mbo-concept.docx"
    out = tmp_path / "feedback.md"
    assert runner.invoke(app, [str(draft), "--voor-aanvrager", "-f", "md", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Feedback op je concept") and "## Nog in te vullen" in text
    assert "\\[aantal invullen\\]" in text  # dossier text escaped
    for fmt in ("html", "docx"):
        result = runner.invoke(app, [str(draft), "--voor-aanvrager", "-f", fmt, "-o", str(tmp_path / f"x.{fmt}")])
        assert result.exit_code == 2 and "--voor-aanvrager" in result.output


def test_panel_mode_is_unchanged_by_default():
    result = runner.invoke(app, [str(SAMPLES / "05-po-concept-draft.docx"), "--no-color", "-q"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Oordeel per domein" in result.output and "Feedback op je" not in result.output


# --------------------------------------------------------------------------- compare


def _drop_section(d, title: str) -> None:
    on = False
    for p in list(d.paragraphs):
        if p.style.name.startswith("Heading"):
            on = p.text.strip() == title
        elif on:
            p._element.getparent().remove(p._element)


def _rewrite_section(d, title: str, text: str) -> None:
    """Replace a section's body by one paragraph, as an applicant rewrites it."""
    _drop_section(d, title)
    heading = next(p for p in d.paragraphs if p.text.strip() == title)
    new = d.add_paragraph(text)
    heading._p.addnext(new._p)


def _fill(d, placeholder: str, value: str) -> None:
    for p in d.paragraphs:
        for r in p.runs:
            if placeholder in r.text:
                r.text = r.text.replace(placeholder, value)


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, Path]:
    """05 as the applicant had it, and after a round of work: one placeholder filled in,
    the section on roles ('4.2 Wie doet wat', with its TODO) rewritten with clear roles
    carried by many. And 01, a final,
    with a TODO pasted in."""
    out = tmp_path_factory.mktemp("versions")
    old = out / "concept-v3.docx"
    shutil.copy(SAMPLES / "05-po-concept-draft.docx", old)
    d = docx.Document(old)
    _fill(d, "[aantal studenten invullen]", "84")
    _rewrite_section(
        d,
        "4.2 Wie doet wat",
        "De coördinator opleiden is verantwoordelijk voor de plaatsing en de begeleiding van de "
        "werkplekbegeleiders; de instituutsopleider en de werkplekbegeleider beoordelen samen; de "
        "werkgroep Samen Opleiden is eindverantwoordelijk voor het opleidingsplan. Zes werkplekbegeleiders "
        "en de schoolleiders van alle vijf scholen dragen de uitvoering.",
    )
    new = out / "concept-v4.docx"
    d.save(new)
    final = out / "definitief.docx"
    shutil.copy(SAMPLES / "01-po-de-brug.docx", final)
    d = docx.Document(final)
    d.add_paragraph("TODO: handtekeningen toevoegen.")
    todo = out / "definitief-todo.docx"
    d.save(todo)
    return {"old": old, "new": new, "final": final, "todo": todo}


def test_compare_json_shows_resolved_concerns_and_placeholders(versions):
    result = runner.invoke(app, ["compare", str(versions["old"]), str(versions["new"]), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["changed"] is True and data["identical"] is False
    samenwerking = next(d for d in data["domains"] if d["code"] == "samenwerking")
    assert {"S5", "S6"} <= {c["code"] for c in samenwerking["concerns_resolved"]}
    assert samenwerking["level_change"] == samenwerking["level_new"] - samenwerking["level_old"]
    assert all(c["evidence"] for c in samenwerking["concerns_resolved"])
    resolved = [p["text"] for p in data["placeholders"]["resolved"]]
    assert "[aantal studenten invullen]" in resolved and "TODO" in resolved
    assert data["placeholders"]["new"] == []
    assert len(data["placeholders"]["left"]) == len(assess_file(versions["new"], load_rubric(None)).dossier.placeholders)
    assert data["unwritten_new"] == []  # the rewritten section is text, not an empty chapter
    # the other way round, the same concerns are new
    back = json.loads(runner.invoke(app, ["compare", str(versions["new"]), str(versions["old"]), "-f", "json"]).stdout)
    samenwerking = next(d for d in back["domains"] if d["code"] == "samenwerking")
    assert {"S5", "S6"} <= {c["code"] for c in samenwerking["concerns_new"]}


def test_compare_shows_flipped_checks_in_the_terminal_and_json(versions):
    result = runner.invoke(app, ["compare", str(versions["final"]), str(versions["todo"]), "--no-color"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Checks die omsloegen" in out and "Volledigheid: voldoet → voldoet niet" in out
    assert "nieuw:    TODO" in out
    assert "definitieve versie" in out and "concept" in out
    data = json.loads(runner.invoke(app, ["compare", str(versions["final"]), str(versions["todo"]), "-f", "json"]).stdout)
    assert {"code": "volledig", "name": "Volledigheid", "passed_old": True, "passed_new": False} in data["checks_flipped"]
    assert data["old"]["kind"] == "final" and data["new"]["kind"] == "draft"


def test_compare_terminal_per_domain(versions, rules):
    cmp = compare(assess_file(versions["old"], rules), assess_file(versions["new"], rules))
    console = Console(file=StringIO(), width=200, no_color=True)
    print_comparison(cmp, console)
    out = console.file.getvalue()
    for d in cmp.domains:
        assert d.name in out
    assert "+ opgelost: S5" in out and "+ ingevuld: [aantal studenten invullen]" in out
    assert "nog open:" in out
    formative = Console(file=StringIO(), width=200, no_color=True)
    print_comparison(cmp, formative, formative=True)
    assert "niveau" not in formative.file.getvalue()


def test_compare_identical_and_wrong_use(versions, tmp_path):
    result = runner.invoke(app, ["compare", str(versions["old"]), str(versions["old"]), "--no-color"])
    assert result.exit_code == 0 and "De twee bestanden zijn gelijk" in result.output
    assert "Geen verandering" in result.output
    assert runner.invoke(app, ["compare", str(versions["old"]), str(tmp_path / "weg.docx")]).exit_code == 1
    assert runner.invoke(app, ["compare", str(versions["old"]), str(versions["new"]), "-f", "md"]).exit_code == 2


@NEEDS_SOFFICE
def test_compare_pdf_versions(versions, tmp_path):
    sample_build.convert_to_pdf([versions["old"], versions["new"]], tmp_path)
    old, new = tmp_path / "concept-v3.pdf", tmp_path / "concept-v4.pdf"
    data = json.loads(runner.invoke(app, ["compare", str(old), str(new), "-f", "json"]).stdout)
    assert data["old"]["format"] == data["new"]["format"] == "pdf"
    samenwerking = next(d for d in data["domains"] if d["code"] == "samenwerking")
    assert {"S5", "S6"} <= {c["code"] for c in samenwerking["concerns_resolved"]}
    assert "[aantal studenten invullen]" in [p["text"] for p in data["placeholders"]["resolved"]]
    assert all(p["page"] for p in data["placeholders"]["left"])
    # PDF against DOCX of the same version: nothing changed in the judgement
    same = json.loads(runner.invoke(app, ["compare", str(versions["new"]), str(new), "-f", "json"]).stdout)
    assert same["changed"] is False


# --------------------------------------------------------------------------- watch


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def _replace(target: Path, source: Path) -> None:
    """Save the way editors do: write a temporary file, then rename it over the target."""
    tmp = target.with_name("." + target.name + ".tmp")
    shutil.copy(source, tmp)
    os.replace(tmp, target)


def test_watch_prints_only_what_changed_and_stops(versions, tmp_path, rules):
    draft = tmp_path / "aanvraag.docx"
    shutil.copy(versions["old"], draft)
    console = Console(file=StringIO(), width=200, no_color=True)
    stop = threading.Event()
    status: list[int] = []
    thread = threading.Thread(target=lambda: status.append(watch_dossier(
        draft, rules, formative=True, quiet=True, interval=0.05, stop=stop, console=console)))
    thread.start()
    try:
        out = console.file.getvalue
        assert _wait_for(lambda: "Ik volg" in out(), 120)
        first = out()
        assert "Feedback op je concept" in first
        time.sleep(0.1)  # a later modification time than the first version's
        _replace(draft, versions["new"])
        # the change report may still be printing: wait for its placeholder line too
        assert _wait_for(lambda: "Wat er veranderde" in out() and "ingevuld:" in out(), 120), out()
        changed = out()[len(first):]
        assert "opgelost: S5" in changed and "ingevuld: [aantal studenten invullen]" in changed
        assert "Feedback op je concept" not in changed  # only the changes, not the report again
        assert "niveau" not in changed
        # saved again without changes: one line saying so
        before = out()
        time.sleep(0.1)
        _replace(draft, versions["new"])
        assert _wait_for(lambda: "gelijk" in out()[len(before):], 120), out()[len(before):]
    finally:
        stop.set()
        thread.join(60)
    assert not thread.is_alive() and status == [0]
    assert STOPPED in console.file.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_watch_stops_cleanly_on_ctrl_c(versions, tmp_path):
    draft = tmp_path / "aanvraag.docx"
    shutil.copy(versions["old"], draft)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assessor", str(draft), "--watch", "-q", "--interval", "0.1", "--no-color"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")))
    reader.start()
    try:
        assert _wait_for(lambda: any("Ik volg" in l for l in lines), 120), "".join(lines)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(10)
    out = "".join(lines)
    assert STOPPED in out and "Traceback" not in out and "Aborted" not in out


def test_watch_refuses_wrong_use(versions, tmp_path):
    for args in (
        [str(versions["old"]), str(versions["new"]), "--watch"],
        [str(versions["old"]), "--watch", "-f", "json"],
        [str(versions["old"]), "--watch", "--annotate", str(tmp_path / "a.docx")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "--watch" in result.output, args


def test_print_changes_after_a_save_with_no_effect(versions, rules):
    r = assess_file(versions["old"], rules)
    console = Console(file=StringIO(), width=200, no_color=True)
    print_changes(compare(r, r), console, stamp="12:00:00")
    assert console.file.getvalue().strip() == "[12:00:00] De twee bestanden zijn gelijk."


# --------------------------------------------------------------------------- annotate


def _comments(path: Path) -> list[tuple[str, str]]:
    from docx.oxml.ns import qn

    from assessor.render.annotate import _text

    d = docx.Document(path)
    by_id = {c.comment_id: c.text for c in d.comments}
    return [(by_id[int(s.get(qn("w:id")))], _text(p))
            for p in d.element.body.iter(qn("w:p")) for s in p.iter(qn("w:commentRangeStart"))]


def test_annotated_draft_uses_the_applicants_wording(versions, tmp_path, rules):
    out = tmp_path / "terug.docx"
    result = runner.invoke(app, [str(versions["old"]), "--annotate", str(out), "-q"])
    assert result.exit_code == 0, result.output
    comments = _comments(out)
    assert comments[0][0].startswith("Feedback op je concept")
    for text, _ in comments:
        assert not re.search(r"niveau \d|voldoet|\bonvoldoende\b|\bvoldoende\b", text), text
    [(text, anchor)] = [c for c in comments if "[aantal studenten invullen]" in c[0]]
    assert text.startswith("Nog in te vullen:") and "[aantal studenten invullen]" in anchor
    assert any(t.startswith("Nog niet uitgeschreven") and a == "7 Ontwikkelplan 2024-2027" for t, a in comments)
    report = assessed(versions["old"], rules)
    for d in report.domains:
        for c in d.concerns:
            [text] = [t for t, _ in comments if t.startswith(f"{c.code} ")]
            assert f"Volgende stap: {c.tips[0]}" in text
    assert any(t.startswith("Sterk punt") for t, _ in comments)
