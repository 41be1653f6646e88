"""`assess rubric check|docs|explain|list` through the CLI, the loader's `extends:`
merging, and the built-in mbo variant.

Broken rubrics are written to tmp_path and the *exact* output is asserted (yamllint's
RuleTestCase.check): one `file:line:col: message` line per problem, exit 2. Most are
small files that extend criteria.yaml, so the positions are in a file this test wrote
(and errors in an extending file must point into that file, not into its base).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assessor.cli import app
from assessor.errors import RubricError
from rubric.loader import (
    BUILTIN_DIR,
    CATALOGUE_CHECKS,
    CATALOGUE_CONCERNS,
    CATALOGUE_DOMAINS,
    DEFAULT_RUBRIC,
    load_located,
    load_rubric,
    resolve_rubric_path,
    where_in_file,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rubric.md"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def child(tmp_path: Path, body: str, name: str = "kind.yaml") -> Path:
    """A rubric extending criteria.yaml; `body` starts at line 4."""
    head = f'name: kind\nversion: "1"\nextends: {DEFAULT_RUBRIC}\n'
    return write(tmp_path, name, head + textwrap.dedent(body).lstrip("\n"))


def minimal(drop_concern: str | None = None) -> str:
    """A complete stand-alone rubric in few lines: every catalogue code, one theme."""
    lines = ["name: mini", 'version: "0.1"', "level_labels: {1: a, 2: b, 3: c, 4: d}",
             "themes:", "  t: {patterns: ['x']}", "domains:"]
    for d in CATALOGUE_DOMAINS:
        lines += [f"  - {{code: {d}, name: {d}, headings: ['{d}'], vocabulary: t,",
                  "     level_descriptions: {1: a}, levels: {1: {}}}"]
    lines.append("concerns:")
    for i, c in enumerate(CATALOGUE_CONCERNS):
        if c == drop_concern:
            continue
        domain = CATALOGUE_DOMAINS["VSPK".index(c[0])]
        lines.append(f"  - {{code: {c}, domain: {domain}, title: t, missing: m, "
                     f"raised_when: [{{id: {c}.x, kind: present, theme: t}}]}}")
    lines.append("checks:")
    for k in CATALOGUE_CHECKS:
        lines.append(f"  - {{code: {k}, name: n, missing: m, fails_when: [{{id: {k}.x, kind: absent, theme: t}}]}}")
    return "\n".join(lines) + "\n"


# --- check ---------------------------------------------------------------------------------


def test_check_default_rubric_is_valid():
    result = invoke("rubric", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{DEFAULT_RUBRIC}: geldig: ")


def test_check_all_builtin_rubrics():
    result = invoke("rubric", "check", "--all")
    assert result.exit_code == 0, result.output
    assert "samen-opleiden-aspirant-mbo 2026.1-mbo.1" in result.stdout


def test_check_yaml_syntax_error(tmp_path):
    path = write(tmp_path, "r.yaml", 'name: x\nversion: "1\n')
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == f"{path}:3:1: YAML syntax error: found unexpected end of stream\n"


def test_check_duplicate_key(tmp_path):
    path = write(tmp_path, "r.yaml", f"""
        name: kind
        version: "1"
        name: dubbel
        extends: {DEFAULT_RUBRIC}
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == f"{path}:3:1: duplicate key 'name'\n"


def test_check_wrong_types(tmp_path):
    path = child(tmp_path, """
        themes:
          woorden: {patterns: 'geen lijst'}
        level_labels: {1: [a]}
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:5:23: themes.woorden.patterns: Input should be a valid list\n"
        f"{path}:6:19: level_labels.1: Input should be a valid string\n"
    )


def test_check_bad_regex(tmp_path):
    path = child(tmp_path, """
        themes:
          stuk: {patterns: ['(open']}
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:5:20: themes.stuk.patterns: invalid pattern '(open': "
        "missing ), unterminated subpattern at position 0\n"
    )


def test_check_patterns_as_the_engine_joins_them(tmp_path):
    """A global flag compiles alone but not inside the theme's alternation; an empty
    match would match everywhere. Heading patterns are compiled too."""
    path = child(tmp_path, """
        themes:
          vlag: {patterns: ['(?i)abc']}
          leeg: {patterns: ['x|']}
        domains:
          - code: visie
            merge: add_criteria
            headings: ['visie(']
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:5:21: invalid pattern '(?i)abc': global flags not at the start of the expression at position 3\n"
        f"{path}:6:21: pattern 'x|' matches empty text, so it matches everywhere\n"
        f"{path}:10:16: invalid pattern 'visie(': missing ), unterminated subpattern at position 5\n"
    )


def test_check_references_and_duplicate_ids(tmp_path):
    path = child(tmp_path, """
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - id: V1.nieuw
                kind: present
                theme: bestaat_niet
                scope: [nergens]
              - id: V1.nieuw
                kind: absent
                theme: misconception
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:10:16: unknown theme 'bestaat_niet'\n"
        f"{path}:11:17: unknown domain 'nergens'\n"
        f"{path}:12:13: duplicate criterion id 'V1.nieuw'\n"
    )


def test_check_a_strength_opposes_a_concern_of_its_own_domain(tmp_path):
    path = tmp_path / "criteria.yaml"
    path.write_text((ROOT / "criteria.yaml").read_text(encoding="utf-8").replace("opposes: V3", "opposes: K1"), encoding="utf-8")
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert "not a concern of this domain 'K1'" in result.stdout


def test_check_unknown_theme_in_a_list(tmp_path):
    path = child(tmp_path, """
        concerns:
          - code: V4
            merge: add_criteria
            raised_when:
              - {id: V4.lijst, kind: concretised, concepts: [misconception, geen_thema], practice: misconception}
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == f"{path}:8:69: unknown theme 'geen_thema'\n"


def test_check_missing_catalogue_code(tmp_path):
    path = write(tmp_path, "mini.yaml", minimal(drop_concern="V3"))
    concerns_line = minimal().splitlines().index("concerns:") + 1
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:{concerns_line + 1}:3: catalogue code 'V3' is missing (codes are a public contract)\n"
    )


def test_minimal_rubric_loads(tmp_path):
    """The stand-alone fixture is itself valid, so the test above fails for one reason."""
    rubric = load_rubric(write(tmp_path, "mini.yaml", minimal()))
    assert rubric.name == "mini" and len(rubric.concerns) == len(CATALOGUE_CONCERNS)


def test_check_runs_examples_and_points_at_the_sentence(tmp_path):
    path = child(tmp_path, """
        themes:
          stage: {patterns: ['stageplaats']}
        checks:
          - code: basis
            merge: add_criteria
            fails_when:
              - id: basis.stageplaatsen
                kind: present
                theme: stage
                examples:
                  trigger:
                    - "Wij bieden de hogeschool stageplaatsen aan."
                    - "Hier staat niets bijzonders."
                  no_trigger: ["Er zijn genoeg stageplaatsen."]
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:16:15: basis.stageplaatsen: example should fire but does not: 'Hier staat niets bijzonders.'\n"
        f"{path}:17:24: basis.stageplaatsen: example should not fire but does: 'Er zijn genoeg stageplaatsen.'\n"
    )


def test_check_criterion_without_examples(tmp_path):
    path = child(tmp_path, """
        themes:
          stage: {patterns: ['stageplaats']}
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - id: V1.zonder-voorbeelden
                kind: present
                theme: stage
                examples: {trigger: ["Wij bieden de hogeschool stageplaatsen aan."]}
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout == f"{path}:10:13: V1.zonder-voorbeelden: no no_trigger examples (give at least one of each)\n"


def test_check_valid_child(tmp_path):
    path = child(tmp_path, """
        themes:
          stage: {patterns: ['stageplaats']}
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - id: V1.kind
                kind: present
                theme: stage
                examples:
                  trigger: ["Wij bieden de hogeschool stageplaatsen aan."]
                  no_trigger: ["School en pabo leiden de studenten samen op."]
        """)
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}: geldig: kind 1, ")


# --- extends -------------------------------------------------------------------------------


def test_extends_adds_criteria_and_overrides_fields(tmp_path):
    base = load_rubric()
    path = child(tmp_path, """
        themes:
          misconception: {patterns: ['stagebureau']}
        concerns:
          - code: V1
            merge: add_criteria
            tips: ["Een eigen tip."]
            raised_when:
              - {id: V1.extra, kind: present, theme: misconception}
          - code: V2
            domain: visie
            title: Vervangen
            missing: m
            raised_when: [{id: V2.enige, kind: absent, theme: shared_vision}]
          - code: X1
            domain: visie
            title: Nieuw
            missing: m
            raised_when: [{id: X1.nieuw, kind: absent, theme: shared_vision}]
        """)
    rubric = load_rubric(path)
    concerns = {c.code: c for c in rubric.concerns}
    base_v1 = next(c for c in base.concerns if c.code == "V1")
    assert [c.id for c in concerns["V1"].raised_when] == [c.id for c in base_v1.raised_when] + ["V1.extra"]
    assert concerns["V1"].tips == ["Een eigen tip."]
    assert concerns["V1"].title == base_v1.title
    assert concerns["V2"].title == "Vervangen" and [c.id for c in concerns["V2"].raised_when] == ["V2.enige"]
    assert [c.code for c in rubric.concerns][-1] == "X1"
    assert [c.code for c in rubric.concerns][: len(base.concerns)] == [c.code for c in base.concerns]
    assert rubric.themes["misconception"].patterns == ["stagebureau"]
    assert rubric.themes.keys() == base.themes.keys()
    assert (rubric.name, rubric.version, rubric.extends) == ("kind", "1", str(DEFAULT_RUBRIC))
    assert rubric.level_labels == base.level_labels


def test_positions_follow_the_item_to_its_file(tmp_path):
    path = child(tmp_path, """
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - {id: V1.extra, kind: present, theme: misconception}
        """)
    loaded = load_located(path)
    v1 = next(i for i, c in enumerate(loaded.rubric.concerns) if c.code == "V1")
    n = len(loaded.rubric.concerns[v1].raised_when)
    assert loaded.where(("concerns", v1, "raised_when", n - 1, "id")) == f"{path}:8:14"
    assert loaded.where(("concerns", v1, "raised_when", 0)) == where_in_file(DEFAULT_RUBRIC, ("concerns", v1, "raised_when", 0))
    assert loaded.where(("concerns", v1, "title")) == where_in_file(DEFAULT_RUBRIC, ("concerns", v1, "title"))
    assert loaded.where(("themes", "misconception")) == where_in_file(DEFAULT_RUBRIC, ("themes", "misconception"))
    assert loaded.where(("name",)) == f"{path}:1:7"


def test_nested_extends_points_into_each_file(tmp_path):
    middle = child(tmp_path, """
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - {id: V1.midden, kind: present, theme: misconception}
        """, name="midden.yaml")
    leaf = write(tmp_path, "blad.yaml", f"""
        name: blad
        version: "2"
        extends: {middle.name}
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - {{id: V1.blad, kind: present, theme: onbekend}}
        """)
    with pytest.raises(RubricError) as exc:
        load_rubric(leaf)
    assert exc.value.problems == [f"{leaf}:8:45: unknown theme 'onbekend'"]
    leaf.write_text(leaf.read_text().replace("onbekend", "misconception"))
    loaded = load_located(leaf)
    v1 = next(i for i, c in enumerate(loaded.rubric.concerns) if c.code == "V1")
    ids = [c.id for c in loaded.rubric.concerns[v1].raised_when]
    assert ids[-2:] == ["V1.midden", "V1.blad"]
    assert loaded.where(("concerns", v1, "raised_when", len(ids) - 2, "id")) == f"{middle}:8:14"
    assert loaded.where(("concerns", v1, "raised_when", len(ids) - 1, "id")) == f"{leaf}:8:14"


def test_extends_problems(tmp_path):
    itself = write(tmp_path, "zelf.yaml", 'name: x\nversion: "1"\nextends: zelf.yaml\n')
    write(tmp_path, "a.yaml", 'name: a\nversion: "1"\nextends: b.yaml\n')
    b = write(tmp_path, "b.yaml", 'name: b\nversion: "1"\nextends: a.yaml\n')
    broken = write(tmp_path, "stuk.yaml", 'name: x\nversion: "1\n')
    uses_broken = write(tmp_path, "erft.yaml", 'name: x\nversion: "1"\nextends: stuk.yaml\n')
    merges = child(tmp_path, """
        concerns:
          - {code: X9, merge: add_criteria, raised_when: []}
          - {code: V2, merge: vervang}
        """)
    for path, expected in (
        (itself, [f"{itself}:3:10: a rubric cannot extend itself ('zelf.yaml')"]),
        (b, [f"{b}:3:10: base rubric 'a.yaml' is invalid", f"{tmp_path / 'a.yaml'}:3:10: a rubric cannot extend a rubric that extends it ('b.yaml')"]),
        (uses_broken, [f"{uses_broken}:3:10: base rubric 'stuk.yaml' is invalid",
                       f"{broken}:3:1: YAML syntax error: found unexpected end of stream"]),
        (merges, [f"{merges}:5:12: merge: add_criteria on 'X9': the base rubric has no such code",
                  f"{merges}:6:23: unknown merge 'vervang' (the only one is 'add_criteria')"]),
    ):
        result = invoke("rubric", "check", str(path))
        assert result.exit_code == 2
        assert result.stdout.splitlines() == expected


# --- the mbo variant -----------------------------------------------------------------------


def test_mbo_variant_is_found_by_name():
    assert resolve_rubric_path("mbo") == BUILTIN_DIR / "mbo.yaml"


def test_mbo_variant_extends_the_default():
    base, mbo = load_rubric(), load_rubric("mbo")
    assert mbo.extends == "../../criteria.yaml"
    assert (mbo.name, mbo.version) != (base.name, base.version)
    assert mbo.name == "samen-opleiden-aspirant-mbo"
    for attr in ("domains", "concerns", "checks"):
        assert {x.code for x in getattr(base, attr)} <= {x.code for x in getattr(mbo, attr)}
    v5 = next(c for c in mbo.concerns if c.code == "V5")
    base_v5 = next(c for c in base.concerns if c.code == "V5")
    assert [c.id for c in v5.raised_when] == [c.id for c in base_v5.raised_when] + ["V5.mbo-geen-bpv-expertise"]
    assert any("praktijkleren" in t for t in v5.tips)
    visie = next(d for d in mbo.domains if d.code == "visie")
    assert visie.strengths[-1].code == "visie.bpv-expertise"
    assert {c.id for c in base.criteria()} < {c.id for c in mbo.criteria()}


def _report(tmp_path: Path, text: str, *rubric: str) -> dict:
    dossier = tmp_path / "dossier.md"
    dossier.write_text(textwrap.dedent(text), encoding="utf-8")
    result = invoke(str(dossier), "--format", "json", *rubric)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


MBO_DOSSIER = """
    # Visie
    Samen met de hogeschool hebben we onze visie op opleiden geformuleerd. Studenten leren op
    de werkplek in onze colleges. Wij geloven in eigenaarschap van de student.
    {bpv}

    # Samenwerking
    De stuurgroep van ROC en hogeschool komt maandelijks bijeen.
    """


def test_reports_name_the_rubric_and_its_version(tmp_path):
    report = _report(tmp_path, MBO_DOSSIER.format(bpv=""), "--rubric", "mbo")
    assert report["rubric"]["name"] == "samen-opleiden-aspirant-mbo"
    assert report["rubric"]["version"] == "2026.1-mbo.1"
    default = _report(tmp_path, MBO_DOSSIER.format(bpv=""))
    assert default["rubric"]["name"] == "samen-opleiden-aspirant"


def _v5_criteria(report: dict) -> list[str]:
    visie = next(d for d in report["domains"] if d["code"] == "visie")
    return next((c["criteria"] for c in visie["concerns"] if c["code"] == "V5"), [])


def test_mbo_variant_asks_for_the_mbo_s_own_praktijkleren_expertise(tmp_path):
    without = _report(tmp_path, MBO_DOSSIER.format(bpv=""), "--rubric", "mbo")
    assert "V5.mbo-geen-bpv-expertise" in _v5_criteria(without)
    uses = "De ervaring van onze praktijkopleiders met de bpv van mbo-studenten gebruiken we bij het begeleiden van aanstaande docenten."
    with_bpv = _report(tmp_path, MBO_DOSSIER.format(bpv=uses), "--rubric", "mbo")
    assert "V5.mbo-geen-bpv-expertise" not in _v5_criteria(with_bpv)
    default = _report(tmp_path, MBO_DOSSIER.format(bpv=""))
    assert "V5.mbo-geen-bpv-expertise" not in _v5_criteria(default)


# --- docs ----------------------------------------------------------------------------------


def test_docs_rubric_md_is_up_to_date():
    result = invoke("rubric", "docs")
    assert result.exit_code == 0, result.output
    assert result.stdout == DOCS.read_text(encoding="utf-8"), (
        "docs/rubric.md is out of date: run `assess rubric docs -o docs/rubric.md` and commit it"
    )


def test_docs_cover_every_domain_concern_check_and_kind():
    text = invoke("rubric", "docs").stdout
    rubric = load_rubric()
    for d in rubric.domains:
        assert f"### {d.code}: {d.name}" in text
        for level, description in d.level_descriptions.items():
            assert f"| {level} | {description}" in text
    for c in rubric.concerns:
        assert f"### {c.code}: " in text
        assert c.zorg in text
        for tip in c.tips:
            assert tip in text
        for cr in c.raised_when:
            assert f"`{cr.id}`" in text
    for k in rubric.checks:
        assert f"### {k.code}: {k.name}" in text
    for kind in ("present", "absent", "limited", "share", "smart", "imbalance"):
        assert f"### {kind}\n" in text
    assert "## Thema's" in text and "## Wijzigingen" not in text


def test_docs_of_a_variant_say_what_changed():
    text = invoke("rubric", "docs", "mbo").stdout
    assert text.startswith("<!-- Gegenereerd met `assess rubric docs` uit rubric/variants/mbo.yaml;")
    assert "# Rubric samen-opleiden-aspirant-mbo (versie 2026.1-mbo.1)" in text
    assert "- zorg `V5`: criterium `V5.mbo-geen-bpv-expertise` toegevoegd; gewijzigd: `tips`" in text
    assert "- nieuw thema [`bpv_expertise`](#thema-bpv-expertise)" in text


def test_docs_output_and_check(tmp_path):
    out = tmp_path / "rubric.md"
    assert invoke("rubric", "docs", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")
    assert invoke("rubric", "docs", "--check", "-o", str(out)).exit_code == 0
    out.write_text("oud\n", encoding="utf-8")
    result = invoke("rubric", "docs", "--check", "-o", str(out))
    assert result.exit_code == 1 and out.read_text() == "oud\n"


def test_docs_of_a_broken_rubric(tmp_path):
    path = write(tmp_path, "r.yaml", 'name: x\nversion: "1\n')
    result = invoke("rubric", "docs", str(path))
    assert result.exit_code == 2
    assert result.stdout == f"{path}:3:1: YAML syntax error: found unexpected end of stream\n"


# --- explain -------------------------------------------------------------------------------


def test_explain_concern():
    rubric = load_rubric()
    v1 = next(c for c in rubric.concerns if c.code == "V1")
    result = invoke("rubric", "explain", "V1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"Rubric: {rubric.name} {rubric.version}\n\nZorg V1: {v1.title}\n")
    assert f"Zorg: {v1.zorg}" in out
    for tip in v1.tips:
        assert f"  - {tip}" in out
    for c in v1.raised_when:
        assert f"  {c.id}  [{c.kind}: " in out
        for t in c.examples.trigger:
            assert f"+ {t.splitlines()[-1]}" in out or t.splitlines()[-1] in out
    for pattern in rubric.themes[v1.raised_when[0].theme].patterns:
        assert f"      {pattern}\n" in out
    assert "klopt niet" not in out


def test_explain_check_is_case_insensitive_and_lists_its_criteria():
    rubric = load_rubric()
    basis = next(k for k in rubric.checks if k.code == "basis")
    out = invoke("rubric", "explain", "BASIS").stdout
    assert f"Check basis: {basis.name}" in out
    assert all(f"  {c.id}  [" in out for c in basis.fails_when)
    assert all(f"  - {tip}" in out for tip in basis.tips)


def test_explain_variant_criterion_domain_and_theme():
    out = invoke("rubric", "explain", "V5", "--rubric", "mbo").stdout
    assert "Rubric: samen-opleiden-aspirant-mbo 2026.1-mbo.1" in out
    assert "V5.mbo-geen-bpv-expertise" in out and "Mbo: gebruik de eigen expertise" in out
    out = invoke("rubric", "explain", "V5.mbo-geen-bpv-expertise", "-r", "mbo").stdout
    assert out.splitlines()[2] == "Criterium V5.mbo-geen-bpv-expertise (zorg V5; zie ook: assess rubric explain V5)"
    assert "Domein visie: " in invoke("rubric", "explain", "visie").stdout
    assert "Gebruikt door: V1." in invoke("rubric", "explain", "misconception").stdout


def test_explain_marks_examples_that_fail(tmp_path):
    path = child(tmp_path, """
        concerns:
          - code: V1
            merge: add_criteria
            raised_when:
              - id: V1.kapot
                kind: present
                theme: misconception
                examples: {trigger: ["Niets aan de hand."], no_trigger: ["Ook niets."]}
        """)
    out = invoke("rubric", "explain", "V1.kapot", "--rubric", str(path)).stdout
    assert "+ Niets aan de hand.   << klopt niet: het criterium gaat hier niet af" in out
    assert "- Ook niets.\n" in out


def test_explain_unknown_code():
    result = invoke("rubric", "explain", "V9")
    assert result.exit_code == 2
    assert "onbekende code 'V9'" in result.output and "bedoelde je" in result.output


def test_list_names_the_builtin_rubrics():
    out = invoke("rubric", "list").stdout
    assert "samen-opleiden-aspirant 2026.1" in out
    assert "mbo            samen-opleiden-aspirant-mbo 2026.1-mbo.1" in out


def test_a_level_rule_names_a_check_or_one_criterion_of_a_check(tmp_path):
    # samenwerking 4 asks for steering and operational levels connected
    # (congruentie.niveaus-los), not for the whole congruentie check
    rubric = load_rubric()
    rule = next(d for d in rubric.domains if d.code == "samenwerking").levels[4]
    assert "congruentie.niveaus-los" in rule.checks and "congruentie" not in rule.checks
    path = write(tmp_path, "mini.yaml", minimal().replace(
        "levels: {1: {}}}", "levels: {1: {}, 4: {checks: [congruentie.x, congruentie.y]}}}", 1))
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout.endswith(": unknown check or check criterion 'congruentie.y'\n")
    assert "congruentie.x" not in result.stdout


def test_concerns_that_rule_a_level_out_only_together(tmp_path):
    # visie 1: a misconception that is neither shared nor concrete is no vision at all
    rule = next(d for d in load_rubric().domains if d.code == "visie").levels[2]
    assert ["V1", "V2", "V3"] in rule.not_together
    # samenwerking 1: loose, one-sided, roles unclear and resting on a few is no real structure
    rule = next(d for d in load_rubric().domains if d.code == "samenwerking").levels[2]
    assert ["S1", "S2", "S5", "S6"] in rule.not_together
    path = write(tmp_path, "mini.yaml", minimal().replace(
        "levels: {1: {}}}", "levels: {1: {}, 2: {not_together: [[V1, X9]]}}}", 1))
    result = invoke("rubric", "check", str(path))
    assert result.exit_code == 2
    assert result.stdout.endswith(": unknown concern 'X9'\n")
