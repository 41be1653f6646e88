"""The `groei` check (issue 9): growth towards 100% Samen Opleiden (seed 003, GROW).

The engine finds the current number and share of students trained within the
partnership, in prose and in tables, checks the stated share against the counts, reads
the target and its year and the growth path, and computes the gap to 100% and the yearly
growth needed by the target year and by 2030. The check fails without figures, target
or path; a low share without a credible plan feeds S4.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assessor import kinds
from assessor.analysis import Analysis
from assessor.engine import assess
from assessor.examples import example_document
from assessor.extract import extract
from assessor.kinds.growth import _MISSING_NL
from assessor.pipeline import assess_file
from assessor.render.markdown import render_markdown
from rubric import load_rubric

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RUBRIC = load_rubric()
GROEI = next(c for k in RUBRIC.checks if k.code == "groei" for c in k.fails_when)
S4_PLAN = next(c for k in RUBRIC.concerns if k.code == "S4" for c in k.raised_when if c.kind == "growth")


def outcome(text: str, criterion=GROEI, rubric=RUBRIC):
    """The criterion's outcome on a small text: sentences, or Markdown with '# ' headings."""
    return kinds.run(criterion, Analysis(example_document(text, criterion, rubric), rubric))


def from_markdown(tmp_path: Path, text: str, criterion=GROEI):
    """The outcome on a Markdown dossier read by the extractor (tables become table blocks)."""
    path = tmp_path / "dossier.md"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return kinds.run(criterion, Analysis(extract(path), RUBRIC))


COMPLETE = (
    "In 2023-2024 leidden we 131 van de 168 studenten samen op (78 procent). "
    "In 2027 willen we alle studenten binnen het partnerschap opleiden. "
    "Daarvoor sluiten in 2025 twee nieuwe besturen aan."
)


# --- figures: prose and tables ---------------------------------------------------------


def test_figures_in_prose_with_the_stated_share_checked():
    o = outcome(COMPLETE)
    current = o.details["current"]
    assert (current["part"], current["whole"], current["stated"], current["year"]) == (131, 168, 0.78, 2024)
    assert current["computed"] == pytest.approx(131 / 168, abs=1e-4)
    assert current["matches"] is True
    assert any("131 van de 168 studenten = 78,0%" in line and "klopt" in line for line in o.summary)


def test_a_stated_share_that_does_not_match_its_counts_is_reported():
    o = outcome(COMPLETE.replace("(78 procent)", "(85 procent)"))
    assert o.details["current"]["matches"] is False
    assert any("in het dossier staat 85%: klopt niet" in line for line in o.summary)


def test_figures_in_a_table_per_school_take_the_total_row(tmp_path):
    o = from_markdown(tmp_path, """
        # Beginsituatie

        | School | Studenten 2023-2024 | Waarvan binnen het partnerschap opgeleid | Aandeel |
        |---|---|---|---|
        | De Linde | 40 | 30 | 75% |
        | Het Anker | 29 | 8 | 28% |
        | Totaal | 69 | 38 | 55% |

        # Ontwikkelplan

        | Doel | Nu | Streefwaarde | Wanneer | Eigenaar |
        |---|---|---|---|---|
        | Aandeel studenten binnen het partnerschap | 55% | 75% | juli 2026 | Stuurgroep |
        | Aandeel studenten binnen het partnerschap | 55% | 90% | juli 2028 | Stuurgroep |
        """)
    current = o.details["current"]
    assert (current["part"], current["whole"], current["stated"], current["year"]) == (38, 69, 0.55, 2024)
    assert current["matches"] is True
    assert o.details["target"] == {"share": 0.9, "year": 2028}
    assert o.details["milestones"] == [{"share": 0.75, "year": 2026}]  # a path per year
    assert o.details["grow"]["way_forward"] is True
    assert not o.fired and o.details["missing"] == []
    assert any("Totaal" in e.quote for e in o.support)


def test_students_of_the_partner_institutes_are_the_ones_trained_within(tmp_path):
    """t05: 'Waarvan van partnerinstituten' and an indicator row 'Nulmeting 50% | Streefwaarde 65%'."""
    o = from_markdown(tmp_path, """
        # Beginsituatie

        In het schooljaar 2023-2024 liepen 104 studenten stage op onze scholen.

        | School | Studenten totaal | Waarvan van partnerinstituten | Aandeel |
        |---|---|---|---|
        | Lyceum Rivierland | 34 | 19 | 56% |
        | Totaal | 104 | 52 | 50% |

        # Kwaliteitszorg

        | Indicator | Bron | Nulmeting 2023-2024 | Streefwaarde 2027-2028 |
        |---|---|---|---|
        | Aandeel studenten van partnerinstituten | plaatsingsregistratie | 50% | 65% |
        """)
    assert (o.details["current"]["part"], o.details["current"]["whole"]) == (52, 104)
    assert o.details["target"] == {"share": 0.65, "year": 2028}
    assert o.details["missing"] == ["path"]


def test_a_table_without_a_total_row_is_summed(tmp_path):
    o = from_markdown(tmp_path, """
        # Beginsituatie

        | School | Studenten 2023-2024 | Waarvan in ons opleidingsprogramma |
        |---|---|---|
        | De Linde | 40 | 30 |
        | Het Anker | 20 | 10 |
        """)
    assert (o.details["current"]["part"], o.details["current"]["whole"]) == (40, 60)


def test_a_table_with_a_column_per_year_takes_the_latest_year(tmp_path):
    o = from_markdown(tmp_path, """
        # Beginsituatie

        | Gegeven | 2021-2022 | 2022-2023 | 2023-2024 |
        |---|---|---|---|
        | Studenten op onze scholen | 188 | 204 | 219 |
        | waarvan opgeleid binnen het partnerschap | 141 | 171 | 197 |
        | Aandeel | 75% | 84% | 90% |
        """)
    current = o.details["current"]
    assert (current["part"], current["whole"], current["stated"], current["year"]) == (197, 219, 0.9, 2024)
    assert current["matches"] is True
    assert len([f for f in o.details["figures"] if f["role"] == "current"]) == 3


def test_a_goal_row_with_targets_per_year_is_a_path(tmp_path):
    o = from_markdown(tmp_path, """
        # Ontwikkelplan

        | Doel | Nu (2023-2024) | 2025-2026 | 2026-2027 | Eigenaar |
        |---|---|---|---|---|
        | Studenten opgeleid binnen de opleidingsschool | 48 van 95 | 70 van 100 | 90 van 100 | Stuurgroep |
        """)
    assert o.details["current"]["part"] == 48 and o.details["current"]["year"] == 2024
    assert o.details["target"] == {"share": 0.9, "year": 2027}
    assert o.details["milestones"] == [{"share": 0.7, "year": 2026}]
    assert not o.fired


def test_counts_told_over_two_sentences():
    o = outcome("Dit schooljaar hebben we 31 pabostudenten op de vier scholen. Daarvan vallen er 14 onder de opleidingsschool.")
    assert (o.details["current"]["part"], o.details["current"]["whole"]) == (14, 31)


def test_the_national_ambition_is_not_the_partnership_s_own_target():
    o = outcome("Landelijk is de ambitie dat in 2030 alle studenten in een partnerschap worden opgeleid.")
    assert o.details["target"] is None


def test_other_shares_are_not_the_share_of_students_trained_together():
    o = outcome("De uitval van studenten in de opleidingsschool daalde naar 8%. 86% van de studenten in het partnerschap is tevreden.")
    assert o.details["current"] is None


# --- gap, yearly growth, GROW ------------------------------------------------------------


def test_gap_and_yearly_growth_to_the_target_year_and_to_2030():
    o = outcome(COMPLETE)
    d = o.details
    assert d["gap"] == pytest.approx(0.22, abs=1e-3)
    assert d["from_year"] == 2024 and d["target"] == {"share": 1.0, "year": 2027}
    assert d["per_year_to_100_by_target_year"] == pytest.approx((1 - 131 / 168) / 3, abs=1e-4)
    assert d["per_year_to_100_by_horizon"] == pytest.approx((1 - 131 / 168) / 6, abs=1e-4)
    assert d["horizon"] == 2030
    assert "Kloof tot 100%: 22,0 procentpunt." in o.summary
    assert "Nodig voor 100% in 2027: 7,3 procentpunt per jaar." in o.summary
    assert "Nodig voor 100% in 2030: 3,7 procentpunt per jaar." in o.summary


def test_yearly_growth_to_an_own_target_below_100():
    o = outcome("In 2023-2024 leidden we 48 van de 95 studenten samen op. We willen groeien naar 70% van de studenten "
                "binnen de opleidingsschool in 2026 en 90% in 2027.")
    assert o.details["target"] == {"share": 0.9, "year": 2027}
    assert o.details["per_year_to_target"] == pytest.approx((0.9 - 48 / 95) / 3, abs=1e-4)
    assert o.details["milestones"] == [{"share": 0.7, "year": 2026}]


def test_grow_elements_present_and_missing():
    assert outcome(COMPLETE).details["grow"] == {"goal": True, "reality": True, "options": True, "way_forward": True}
    only_reality = outcome("In 2023-2024 leidden we 131 van de 168 studenten samen op (78 procent).")
    assert only_reality.details["grow"] == {"goal": False, "reality": True, "options": False, "way_forward": False}
    options = outcome("We zijn in gesprek met twee andere besturen die willen aansluiten bij het partnerschap.")
    assert options.details["grow"]["options"] is True and options.details["grow"]["way_forward"] is False
    assert any(line.startswith("GROW: aanwezig: Options") for line in options.summary)


def test_the_national_figure_comes_from_the_rubric():
    o = outcome(COMPLETE)
    assert o.details["national"]["share"] == 0.39 and o.details["national"]["year"] == 2021
    assert any("39%" in line and "2021" in line for line in o.summary)
    other = GROEI.model_copy(update={"national": GROEI.national.model_copy(update={"text": "landelijk: 41% in 2023."})})
    assert outcome(COMPLETE, other).summary[-1] == "Ter vergelijking: landelijk: 41% in 2023."


# --- when it fails -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, missing",
    [
        ("In 2027 willen we alle studenten binnen het partnerschap opleiden; daarvoor sluiten in 2025 twee nieuwe besturen aan.",
         ["figures"]),
        ("In 2023-2024 leidden we 131 van de 168 studenten samen op (78 procent). Daarvoor sluiten in 2025 twee nieuwe besturen aan.",
         ["target"]),
        ("In 2023-2024 leidden we 131 van de 168 studenten samen op (78 procent). In 2027 willen we alle studenten binnen het partnerschap opleiden.",
         ["path"]),
        ("Wij willen graag groeien.", ["figures", "target", "path"]),
    ],
    ids=["no figures", "no target", "no path", "nothing"],
)
def test_fails_without_figures_target_or_path(text, missing):
    o = outcome(text)
    assert o.fired and o.details["missing"] == missing
    assert o.missing.startswith(_MISSING_NL[missing[0]].capitalize())  # the renderers say "Ontbreekt:"


def test_a_target_without_a_year_is_no_target():
    o = outcome("In 2023-2024 leidden we 131 van de 168 studenten samen op. Op termijn willen we alle studenten binnen het "
                "partnerschap opleiden; daarvoor sluiten twee nieuwe besturen aan.")
    assert o.fired and o.details["missing"] == ["target"]
    assert "Doel: 100%, maar zonder jaartal." in o.summary


def test_the_check_in_a_report_gives_summary_and_passages():
    report = assess(example_document(COMPLETE, GROEI, RUBRIC), RUBRIC)
    check = next(c for c in report.checks if c.code == "groei")
    assert check.passed and check.summary and check.evidence
    assert check.details["groei.ambitie"]["current"]["part"] == 131
    failed = next(c for c in assess(example_document("Wij willen graag groeien.", GROEI, RUBRIC), RUBRIC).checks
                  if c.code == "groei")
    assert not failed.passed and failed.missing.startswith("Cijfers over het aantal")
    text = render_markdown([assess(example_document("Wij willen graag groeien.", GROEI, RUBRIC), RUBRIC)])
    assert "Ontbreekt:** Cijfers over het aantal" in text and "Ontbreekt: Ontbreekt" not in text


# --- S4: a low share without a credible plan ----------------------------------------------


def test_a_low_share_without_a_plan_feeds_s4():
    low = "In 2023-2024 leidden we 60 van de 85 studenten samen op (71 procent)."
    assert outcome(low, S4_PLAN).fired
    assert outcome(low + " In 2028 willen we alle studenten binnen het partnerschap opleiden; daarvoor sluiten in 2026 "
                   "twee nieuwe besturen aan.", S4_PLAN).fired is False
    assert outcome("In 2023-2024 leidden we 131 van de 168 studenten samen op (78 procent).", S4_PLAN).fired is False
    assert outcome("Wij willen graag groeien.", S4_PLAN).fired is False  # no share, nothing to call low


# --- real sample dossiers ----------------------------------------------------------------


def _groei(report):
    return next(c for c in report.checks if c.code == "groei")


def test_real_sample_with_tables_per_school_and_a_goal_table():
    check = _groei(assess_file(SAMPLES / "08-vo-platteland.docx", RUBRIC))
    d = check.details["groei.ambitie"]
    assert check.passed
    assert (d["current"]["part"], d["current"]["whole"], d["current"]["matches"]) == (38, 69, True)
    assert d["target"] == {"share": 0.9, "year": 2028} and d["milestones"] == [{"share": 0.75, "year": 2026}]
    assert any("Totaal" in e.quote for e in check.evidence)


def test_real_sample_reads_the_latest_share_in_prose():
    report = assess_file(SAMPLES / "13-vo-trap-ontkenningen.pdf", RUBRIC)
    d = _groei(report).details["groei.ambitie"]
    assert (d["current"]["part"], d["current"]["whole"], d["current"]["stated"]) == (139, 170, 0.82)
    assert d["target"] == {"share": 0.9, "year": 2027}
    assert "S4" not in {c.code for dom in report.domains for c in dom.concerns}  # 82% is no limited share
