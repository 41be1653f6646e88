"""Reflection questions for applicants (issue 9): each domain ends with the questions that
fit what was found, taken from seed 000's praatplaat and from GROW (seed 003). They are
rubric data; the engine only picks the ones whose concerns, failed checks or criteria
were found."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assessor.engine import assess
from assessor.errors import RubricError
from assessor.examples import example_document
from assessor.pipeline import assess_file
from rubric import load_rubric
from rubric.loader import load_located

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = load_rubric()

PRAATPLAAT = [  # seed 000, "Vragen bij de praatplaat"
    "Waar staan wij in de ontwikkeling van samen werken, via samen opleiden naar samen leren?",
    "Wat gaan wij anders doen als we de focus verleggen van samen opleiden naar samen leren?",
    "Wat hebben we gerealiseerd en kunnen we behouden?",
    "Waar moeten we afscheid van nemen?",
    "Welke nieuwe elementen zijn nodig om te ontwikkelen?",
    "Wat vraagt samen leren van mij als professional?",
]


def _questions(report, domain: str) -> list[str]:
    return next(d for d in report.domains if d.code == domain).reflection_questions


def test_the_questions_are_rubric_data_from_the_praatplaat_and_grow():
    asked = [q for d in RUBRIC.domains for q in d.reflection_questions]
    assert all(d.reflection_questions for d in RUBRIC.domains)
    assert {q.text for q in asked if q.source == "praatplaat"} == set(PRAATPLAAT)
    grow = [q.text for q in asked if q.source == "GROW"]
    assert [t.split(":")[0] for t in grow] == ["Goal", "Reality", "Options", "Way forward"]


def test_vision_not_carried_into_professionalisation_asks_what_samen_leren_asks_of_me():
    text = ("# Visie\nWij staan voor eigenaarschap en een onderzoekende houding.\n# Organisatie\nDe stuurgroep vergadert "
            "maandelijks.\n# Professionalisering\nWerkplekbegeleiders volgen een training.\n# Kwaliteitszorg\n"
            "Studenten vullen een enquête in.")
    criterion = next(c for c in RUBRIC.criteria() if c.id == "congruentie.visie-niet-doorgevoerd")
    report = assess(example_document(text, criterion, RUBRIC), RUBRIC)
    assert not next(c for c in report.checks if c.code == "congruentie").passed
    assert "Wat vraagt samen leren van mij als professional?" in _questions(report, "professionalisering")


def test_questions_follow_what_was_found_in_a_real_dossier():
    report = assess_file(ROOT / "samples" / "12-po-klein-bestuur.docx", RUBRIC)
    samenwerking = _questions(report, "samenwerking")
    assert any(q.startswith("Goal:") for q in samenwerking)  # S4 and no growth target: GROW
    for d in report.domains:
        wanted = {q.text for q in next(s for s in RUBRIC.domains if s.code == d.code).reflection_questions}
        assert set(d.reflection_questions) <= wanted


def test_nothing_found_nothing_asked():
    report = assess_file(ROOT / "samples" / "01-po-de-brug.docx", RUBRIC)
    assert _questions(report, "kwaliteitszorg") == []  # no concern there, every check passes
    assert not any(q.startswith(("Goal:", "Reality:")) for q in _questions(report, "samenwerking"))


def test_an_unknown_code_in_when_is_reported_at_its_line(tmp_path):
    child = tmp_path / "r.yaml"
    child.write_text(textwrap.dedent(f"""\
        name: x
        version: "1"
        extends: {ROOT / 'criteria.yaml'}
        domains:
          - code: visie
            merge: add_criteria
            reflection_questions:
              - {{source: praatplaat, when: [V9], text: "Waar moeten we afscheid van nemen?"}}
        """), encoding="utf-8")
    with pytest.raises(RubricError) as exc:
        load_located(child)
    assert any(p.startswith(f"{child}:8:") and "unknown concern, check or criterion 'V9'" in p for p in exc.value.problems)
