"""The Onderwijsregio variant (issue 9, seed 002): the default rubric plus the uitgangspunten
and aandachtspunten of Samen Opleiden in de Onderwijsregio, each a check OR1-OR14 with
evidence patterns and examples. `assess dossier --rubric onderwijsregio` reports on them
with the same evidence rules; the domain levels stay the panel's.

Every check is covered here with sentences of its own that must and must not make it
fail (the YAML examples run as well, in test_rubric_examples.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessor.cli import app
from assessor.examples import run_example
from assessor.pipeline import assess_file
from conftest import SAMPLES, validate_contract
from rubric import load_rubric
from rubric.loader import BUILTIN_DIR, resolve_rubric_path

runner = CliRunner()
BASE = load_rubric()
OR = load_rubric("onderwijsregio")
CODES = [f"OR{i}" for i in range(1, 15)]


def fails(code: str, text: str) -> bool:
    """Does the check fail on this text (one of its criteria fires)?"""
    check = next(k for k in OR.checks if k.code == code)
    return any(run_example(c, text, OR) for c in check.fails_when)


# code: (sentences that must make the check fail, sentences that must let it pass)
CASES = {
    "OR1": (["Wij leiden vooral op voor onze eigen scholen.",
             "Met de arbeidsmarkt in de regio houden we geen rekening."],
            ["Onze gezamenlijke ambitie is het tekort aan leerkrachten in de regio terug te dringen.",
             "Scholen en hogeschool maken afspraken over de regionale onderwijsarbeidsmarkt."]),
    "OR2": (["De pabo is verantwoordelijk voor de kwaliteit van de opleiding, de scholen voor de stageplaatsen."],
            ["Voor de kwaliteit van het opleiden zijn scholen, besturen en hogeschool gezamenlijk verantwoordelijk.",
             "Twee keer per jaar doen we een peer review met een ander partnerschap."]),
    "OR3": (["Iedere school regelt de begeleiding van haar eigen studenten."],
            ["De studiedagen zijn bovenschools georganiseerd.",
             "Tussen de besturen heen plannen we de plaatsing van studenten."]),
    "OR4": (["Ieder bestuur draagt zijn eigen kosten.",
             "Besturen concurreren om de beste studenten."],
            ["Lusten en lasten worden tussen de besturen verdeeld.",
             "We zijn ons bewust van mogelijke concurrentie tussen de besturen en maken afspraken over solidariteit."]),
    "OR5": (["De coördinator van het bestuursbureau regelt alles rond de stages."],
            ["Samen opleiden is opgenomen in het schoolplan van iedere school.",
             "De vaksectie is als inhoudsexpert betrokken bij de begeleiding van de student."]),
    "OR6": (["Studenten lopen stage in één klas."],
            ["Iedere student maakt kennis met verschillende schoolsoorten.",
             "Studenten doen ervaring op in diverse contexten, van praktijkonderwijs tot gymnasium."]),
    "OR7": (["Het programma is voor alle studenten hetzelfde."],
            ["Wij werken aan kansengelijkheid voor studenten en leerlingen.",
             "Ons opleiden is inclusief: studenten met een migratieachtergrond krijgen extra begeleiding."]),
    "OR8": (["De partners informeren elkaar via het jaarverslag."],
            ["Door de korte lijnen kunnen problemen snel worden opgelost.",
             "De schoolopleiders en de pabo hebben veelvuldig contact."]),
    "OR9": (["Wij geloven in samen opleiden."],
            ["De kerngroep ondersteunt de opleidingsteams bij de planning van de begeleiding.",
             "De overlegstructuur is beschreven in hoofdstuk 4."]),
    "OR10": (["Zonder subsidie stopt het project."],
             ["We richten het partnerschap toekomstbestendig in.",
              "Het partnerschap blijft wendbaar in een veranderende context."]),
    "OR11": (["De begeleiding stopt bij het diploma."],
             ["Starters krijgen in hun eerste twee jaar een inductieprogramma.",
              "Begeleiding van startende leraren is onderdeel van het partnerschap."]),
    "OR12": (["Studenten worden begeleid door hun werkplekbegeleider."],
             ["De afdeling personeelszaken neemt de begeleidersrol op in de functiebeschrijving.",
              "Ook het middenmanagement is betrokken bij het opleiden."]),
    "OR13": (["Iedereen draagt zijn steentje bij."],
             ["De financiering van de opleidingsschool is geregeld in de samenwerkingsovereenkomst.",
              "De middelen worden jaarlijks transparant verantwoord aan de besturen."]),
    "OR14": (["Door het lerarentekort nemen we minder stagiairs aan.",
              "Werkplekbegeleiders begeleiden studenten als ze tijd hebben."],
             ["Ondanks de krimp blijft de begeleiding van studenten gegarandeerd.",
              "Elk bestuur waarborgt de begeleidingscapaciteit in zijn formatieplan."]),
}


def test_the_variant_is_found_by_name_and_extends_the_default():
    assert resolve_rubric_path("onderwijsregio") == BUILTIN_DIR / "onderwijsregio.yaml"
    assert OR.extends == "../../criteria.yaml"
    assert (OR.name, OR.version) == ("samen-opleiden-onderwijsregio", "2026.1-or.1")
    for attr in ("domains", "concerns", "checks"):
        assert {x.code for x in getattr(BASE, attr)} <= {x.code for x in getattr(OR, attr)}
    assert [k.code for k in OR.checks if k.code not in {b.code for b in BASE.checks}] == CODES
    assert OR.domains == BASE.domains and OR.concerns == BASE.concerns  # levels stay the panel's


def test_every_principle_has_a_description_missing_sentence_tips_and_examples():
    for code in CODES:
        check = next(k for k in OR.checks if k.code == code)
        assert check.name and check.description and check.missing and check.tips
        for c in check.fails_when:
            assert c.examples.trigger and c.examples.no_trigger, c.id


@pytest.mark.parametrize("code", CODES)
def test_sentences_that_must_and_must_not_trigger(code):
    must, must_not = CASES[code]
    assert [t for t in must if not fails(code, t)] == [], f"{code} should fail on these"
    assert [t for t in must_not if fails(code, t)] == [], f"{code} should pass on these"


def test_a_negated_principle_is_not_addressed():
    assert fails("OR11", "Een inductieprogramma voor starters hebben we niet.")
    assert fails("OR8", "Korte lijnen zijn er tussen de scholen en de pabo niet.")


def test_end_to_end_on_a_real_dossier_with_the_named_rubric():
    result = runner.invoke(app, [str(SAMPLES / "04-po-vo-doorlopende-lijn.pdf"), "--rubric", "onderwijsregio",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate_contract(report)
    assert report["rubric"]["name"] == "samen-opleiden-onderwijsregio"
    assert report["rubric"]["version"] == "2026.1-or.1"
    checks = {c["code"]: c for c in report["checks"]}
    assert set(CODES) <= set(checks)
    for code in CODES:  # the same evidence rules: a quote, or a sentence saying what is missing
        c = checks[code]
        assert c["evidence"] or (not c["passed"] and c["missing"]), code
    assert checks["OR4"]["passed"] and any("procent" in e["quote"] for e in checks["OR4"]["evidence"])
    assert not checks["OR14"]["passed"] and "begeleidings- en opleidingscapaciteit" in checks["OR14"]["missing"]
    default = assess_file(SAMPLES / "04-po-vo-doorlopende-lijn.pdf", BASE)
    assert [d["level"] for d in report["domains"]] == [d.level for d in default.domains]


def test_the_terminal_report_names_the_rubric_and_the_principles():
    result = runner.invoke(app, [str(SAMPLES / "08-vo-platteland.docx"), "--rubric", "onderwijsregio"])
    assert result.exit_code == 0, result.output
    assert "samen-opleiden-onderwijsregio 2026.1-or.1" in result.stdout
    assert "Bovenbestuurlijke solidariteit" in result.stdout


def test_the_docs_of_the_variant_list_the_new_checks():
    result = runner.invoke(app, ["rubric", "docs", "onderwijsregio"])
    assert result.exit_code == 0, result.output
    for code in CODES:
        assert f"- nieuw check `{code}`" in result.stdout
