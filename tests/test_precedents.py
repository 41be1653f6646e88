"""Precedents: the second reading by resemblance to labelled passages (assessor/precedents.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assessor.analysis import Analysis
from assessor.cli import app
from assessor.engine import _domain, _concern, assess
from assessor.errors import RubricError
from assessor.extract import extract
from assessor.precedents import Passage, PrecedentSet, Precedents, collect, features
from assessor.result import Concern, Evidence
from rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent

_RAISED = [
    "Een gezamenlijk opleidingsplan hebben we nog niet.",
    "Een uitgeschreven opleidingsprogramma is er niet; elke mentor doet het op zijn eigen manier.",
    "Studenten volgen de stagehandleiding van hun eigen opleiding, een gezamenlijk programma ontbreekt.",
]
_NOT_RAISED = [
    "Samen met de pabo schreven we een opleidingsplan met vier fasen.",
    "Het praktijkcurriculum beschrijft per leerjaar wat de student op school leert.",
    "De stuurgroep vergadert vier keer per jaar over de voortgang.",
    "Werkplekbegeleiders volgen een training van drie middagen.",
    "Jaarlijks vullen studenten een vragenlijst in over hun begeleiding.",
]


def _set() -> PrecedentSet:
    return PrecedentSet(source="test", dossiers=2, passages=(
        [Passage(text=t, dossier="a", raised=["V3"]) for t in _RAISED]
        + [Passage(text=t, dossier="b", not_raised=["V3"]) for t in _NOT_RAISED]))


def test_features_are_stems_and_stem_pairs():
    f = features("Werkplek-begeleiders volgen trainingen")
    assert f == features("werkplekbegeleiders volgen trainingen")  # spelled apart or joined: one compound
    assert set(features("Werkplekbegeleiders volgen een training")) >= {"volg", "train"}
    assert sum(1 for k in f if "_" in k) == 2  # two pairs of neighbouring stems


def test_a_paraphrase_resembles_the_raised_passages_and_names_the_nearest():
    sentences = ["De stuurgroep vergadert maandelijks.",
                 "Een gezamenlijk opleidingsplan is er op dit moment nog niet."]
    r = Precedents(_set(), neighbours=2).resemblances(sentences)["V3"]
    assert r.sentence == 1
    assert r.score > 0.06
    assert r.precedent.text == _RAISED[0]


def test_what_resembles_the_not_raised_passages_more_is_no_resemblance():
    found = Precedents(_set(), neighbours=2).resemblances(
        ["Samen met de pabo schreven we een opleidingsplan met vier fasen voor alle studenten."])
    assert "V3" not in found


def test_a_sentence_must_deny_as_its_precedent_does():
    p = Precedents(_set(), neighbours=2)
    assert "V3" in p.resemblances(["Een gezamenlijk opleidingsplan hebben we nog niet."])
    assert "V3" not in p.resemblances(["Een gezamenlijk opleidingsplan hebben we sinds vorig jaar wel."])


def test_headings_and_short_sentences_are_left_out():
    p = Precedents(_set(), neighbours=2)
    assert p.resemblances(["Geen plan.", ""]) == {}


def test_collect_takes_quotes_traps_and_sentences_of_dossiers_without_the_concern(tmp_path):
    (tmp_path / "d1.labels.yaml").write_text(yaml.safe_dump({
        "dossier": "d1", "levels": {}, "concerns": ["V3"], "traps": ["K1"],
        "rationale": {
            "V3": 'Visie: "Een gezamenlijk opleidingsplan hebben we nog niet." Geen curriculum.',
            "K1_trap": 'Kwaliteit: "Wij kijken nadrukkelijk niet alleen naar tevredenheid." Geen K1.',
        }}), encoding="utf-8")
    sentences = {"d1": ["Zin een van het dossier hier.", "b", "c", "d", "e", "f", "g", "Zin acht van het dossier hier."]}
    made = collect(tmp_path, sentences.__getitem__, {"V3", "K1", "P1"})
    by_text = {p.text: p for p in made.passages}
    assert by_text["Een gezamenlijk opleidingsplan hebben we nog niet."].raised == ["V3"]
    assert by_text["Wij kijken nadrukkelijk niet alleen naar tevredenheid."].not_raised == ["K1"]
    # every 7th sentence of the dossier, for the concerns it did not get
    assert by_text["Zin een van het dossier hier."].not_raised == ["K1", "P1"]
    assert by_text["Zin acht van het dossier hier."].not_raised == ["K1", "P1"]
    assert made.dossiers == 1


def test_the_shipped_set_holds_no_held_out_dossier():
    data = json.loads((ROOT / "rubric" / "precedents.json").read_text(encoding="utf-8"))
    held_out = {p.name.removesuffix(".labels.yaml") for p in (ROOT / "samples" / "heldout").glob("*.labels.yaml")}
    dossiers = {p["dossier"] for p in data["passages"]}
    assert dossiers and not dossiers & held_out


def test_a_concern_raised_by_resemblance_quotes_the_sentence_and_its_precedent(rubric):
    report = assess(extract(ROOT / "samples" / "src" / "y01-po-jenaplan-klein.md"), rubric)
    v3 = next(c for d in report.domains for c in d.concerns if c.code == "V3")
    assert v3.criteria == [] and v3.precedent
    assert v3.evidence[0].quote == "Een uitgeschreven opleidingsplan hebben we niet."


def test_resemblance_alone_keeps_a_domain_from_4_and_below_3_only_in_combination(rubric):
    analysis = Analysis(extract(ROOT / "samples" / "src" / "u12-povo-stad-groot.md"), rubric)
    concerns = {c.code: _concern(c, analysis) for c in rubric.concerns}
    spec = next(d for d in rubric.domains if d.code == "visie")
    passed = {c: True for c in ("congruentie", "volledig", "samen", "basis", "smart", "groei")}
    assert _domain(spec, rubric, analysis, concerns, passed).level == 4
    quote = Evidence(quote="Een zin.", section="Visie")
    for code in ("V1", "V2"):  # raised by criteria, V2 alone would rule out level 3
        concerns[code] = Concern(code=code, title=code, evidence=[quote], precedent="Een eerdere zin.")
    domain = _domain(spec, rubric, analysis, concerns, passed)
    assert domain.level == 3
    assert "Op gelijkenis gemeld: V1, V2." in domain.rationale
    assert "Niveau 3 telt niet mee wat alleen op gelijkenis of stilte gemeld is: V1, V2." in domain.rationale
    # once a concern the text states rules out level 3, the weak ones count in the
    # combinations below it: a misconception, not shared and no curriculum leave no vision
    concerns["V3"] = Concern(code="V3", title="V3", evidence=[quote], criteria=["V3.instituut-leidend"])
    assert _domain(spec, rubric, analysis, concerns, passed).level == 1
    concerns["V1"] = None
    assert _domain(spec, rubric, analysis, concerns, passed).level == 2


def test_a_rubric_naming_a_missing_precedents_file_is_refused(tmp_path):
    base = (ROOT / "criteria.yaml").read_text(encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text(base.replace("file: precedents.json", "file: /nowhere/precedents.json"), encoding="utf-8")
    with pytest.raises(RubricError, match="precedents.file: no such file"):
        load_rubric(path)


def test_assess_rubric_precedents_writes_the_set(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = (ROOT / "samples" / "src" / "y01-po-jenaplan-klein.md").read_text(encoding="utf-8")
    (src / "y01-po-jenaplan-klein.md").write_text(text, encoding="utf-8")
    (tmp_path / "y01-po-jenaplan-klein.labels.yaml").write_text(
        (ROOT / "samples" / "y01-po-jenaplan-klein.labels.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "p.json"
    result = CliRunner().invoke(app, ["rubric", "precedents", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "uit 1 dossiers" in result.output
    made = PrecedentSet.model_validate_json(out.read_text(encoding="utf-8"))
    assert any("V3" in p.raised for p in made.passages)
    assert any(p.not_raised for p in made.passages)


def test_a_changed_precedents_file_changes_the_digest_also_from_the_rubric_cache(tmp_path, monkeypatch):
    from assessor.cache import load_rubric_cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    own = tmp_path / "p.json"
    own.write_text(_set().model_dump_json(), encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text((ROOT / "criteria.yaml").read_text(encoding="utf-8").replace(
        "file: precedents.json", f"file: {own}"), encoding="utf-8")
    first = load_rubric_cached(path).precedents.digest
    assert load_rubric_cached(path).precedents.digest == first  # from the cache, unchanged
    own.write_text(_set().model_dump_json(indent=1), encoding="utf-8")
    assert load_rubric_cached(path).precedents.digest not in ("", first)


def test_the_reports_say_a_concern_was_raised_by_resemblance_and_quote_the_precedent(rubric):
    from assessor.render.formative import concern_lack
    from assessor.render.html import report_html
    from assessor.render.markdown import report_markdown

    report = assess(extract(ROOT / "samples" / "src" / "y01-po-jenaplan-klein.md"), rubric)
    v3 = next(c for d in report.domains for c in d.concerns if c.code == "V3")
    text = report_markdown(report)
    assert "**Gelijkenis:** Geen criterium sloeg aan" in text and v3.precedent in text
    assert "Gelijkenis" in report_html(report)
    assert concern_lack(v3).detail.startswith("Geen criterium sloeg aan")  # the applicant's feedback too
