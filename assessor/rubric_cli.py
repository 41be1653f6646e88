"""`assess rubric check|docs|explain|list`: tools for the staff who maintain the rubric.

check    validates a rubric (schema, references, patterns) and runs every criterion's
         example sentences; one `file:line:col: message` line per problem, exit 2.
docs     the rubric as Markdown, straight from the YAML (docs/rubric.md is its output).
explain  one concern, check, domain, criterion or theme: what raises it, its examples,
         its zorg and tips.
list     the built-in rubrics (`--rubric NAME`).

A rubric is a file or the name of a built-in variant (rubric/variants/NAME.yaml).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assessor.errors import RubricError
from rubric.docs import iter_builtin_variants, render_explain, render_markdown, source_label, themes_used
from rubric.loader import DEFAULT_RUBRIC, LoadedRubric, base_path_of, criteria_with_loc, load_located, load_rubric
from rubric.schema import CriterionBase, Rubric

rubric_app = typer.Typer(
    rich_markup_mode="rich",
    add_completion=False,
    no_args_is_help=True,
    help="Onderhoud de rubric: controleren, documenteren, uitleggen.",
)

RubricArg = Annotated[
    Optional[str],
    typer.Argument(help="Een rubric: een YAML-bestand of de naam van een ingebouwde variant (standaard criteria.yaml).",
                   show_default=False),
]


def _echo_err(line: str) -> None:
    typer.echo(line, err=True)


def _located(rubric: str | None) -> LoadedRubric:
    """Load or exit 2 with one problem per line (stdout: the problems are the output)."""
    try:
        return load_located(rubric)
    except RubricError as exc:
        for line in exc.problems:
            typer.echo(line)
        raise typer.Exit(2) from None


def example_problems(loaded: LoadedRubric) -> list[str]:
    """Criteria without examples, and examples that do not do what they say, at file:line:col."""
    from assessor.examples import run_example

    rubric, where = loaded.rubric, loaded.where
    problems: list[str] = []
    for loc, c in criteria_with_loc(rubric):
        if not c.examples.trigger or not c.examples.no_trigger:
            missing = " and ".join(k for k in ("trigger", "no_trigger") if not getattr(c.examples, k))
            problems.append(f"{where(loc + ('id',))}: {c.id}: no {missing} examples (give at least one of each)")
        for key, expected in (("trigger", True), ("no_trigger", False)):
            for k, text in enumerate(getattr(c.examples, key)):
                at = where(loc + ("examples", key, k))
                try:
                    fired = run_example(c, text, rubric)
                except Exception as exc:  # a kind that crashes on an example is a problem to report, not to hide
                    problems.append(f"{at}: {c.id}: example could not be run ({exc.__class__.__name__}: {exc})")
                    continue
                if fired is not expected:
                    want = "should fire but does not" if expected else "should not fire but does"
                    problems.append(f"{at}: {c.id}: example {want}: {_one_line(text)!r}")
    return problems


def _one_line(text: str) -> str:
    return " / ".join(l.strip() for l in text.splitlines() if l.strip())


def _warnings(rubric: Rubric) -> list[str]:
    return [f"warning: theme {name!r} is not used" for name, users in themes_used(rubric).items() if not users]


def _check_one(rubric: str | None) -> int:
    try:
        loaded = load_located(rubric)
    except RubricError as exc:
        for line in exc.problems:
            typer.echo(line)
        return 2
    problems = example_problems(loaded)
    for line in problems:
        typer.echo(line)
    if problems:
        return 2
    for line in _warnings(loaded.rubric):
        _echo_err(f"{loaded.path}: {line}")
    r = loaded.rubric
    n_examples = sum(len(c.examples.trigger) + len(c.examples.no_trigger) for c in r.criteria())
    typer.echo(f"{loaded.path}: geldig: {r.name} {r.version}, {len(r.criteria())} criteria, "
               f"{n_examples} voorbeelden kloppen")
    return 0


@rubric_app.command("check")
def check(
    rubric: RubricArg = None,
    all_: Annotated[bool, typer.Option("--all", help="Controleer criteria.yaml en alle ingebouwde varianten.")] = False,
) -> None:
    """Controleer een rubric: schema, verwijzingen, patronen, en de voorbeeldzinnen van elk criterium.

    Elk probleem komt op één regel als [bold]bestand:regel:kolom: melding[/bold]; exit 2 als er problemen zijn."""
    targets: list[str | None] = [rubric]
    if all_:
        targets = [str(DEFAULT_RUBRIC), *(str(p) for p in iter_builtin_variants())]
    codes = [_check_one(t) for t in targets]
    raise typer.Exit(max(codes))


def _base_of(loaded: LoadedRubric) -> Rubric | None:
    if not loaded.rubric.extends:
        return None
    return load_rubric(base_path_of(loaded.path, loaded.rubric.extends))


def docs_text(rubric: str | None) -> str:
    loaded = _located(rubric)
    return render_markdown(loaded.rubric, source_label(loaded.path), base=_base_of(loaded))


@rubric_app.command("docs")
def docs(
    rubric: RubricArg = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Schrijf naar dit bestand (bijv. docs/rubric.md).")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Schrijf niets; exit 1 als --output niet meer klopt met de rubric.")] = False,
) -> None:
    """Genereer de documentatie van de rubric als Markdown: domeinen, zorgen, checks, thema's en soorten criteria."""
    text = docs_text(rubric)
    if check_only:
        if output is None:
            raise typer.BadParameter("--check vergelijkt met --output FILE", param_hint="--check")
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            _echo_err(f"{output}: verouderd; vernieuw met: assess rubric docs{' ' + rubric if rubric else ''} -o {output}")
            raise typer.Exit(1)
        typer.echo(f"{output}: actueel")
        return
    if output is None:
        sys.stdout.write(text)
        return
    from assessor.files import write_atomic

    write_atomic(output, text)
    typer.echo(f"{output}: geschreven")


@rubric_app.command("explain")
def explain(
    code: Annotated[str, typer.Argument(help="Code van een zorg (V1), check (basis), domein, sterk punt, criterium-id of thema.", show_default=False)],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Een andere rubric: een YAML-bestand of de naam van een ingebouwde variant.")] = None,
    run: Annotated[bool, typer.Option("--run/--no-run", help="Draai de voorbeeldzinnen en markeer wat niet klopt.")] = True,
) -> None:
    """Leg één zorg of check uit: wat haar oproept, de voorbeelden, de zorg en de tips."""
    loaded = _located(rubric)
    r = loaded.rubric
    runner = None
    if run:
        from assessor.examples import run_example

        def runner(c: CriterionBase, text: str) -> bool | None:
            try:
                return run_example(c, text, r)
            except Exception:  # explain explains; `assess rubric check` reports the crash
                return None

    text = render_explain(r, code, runner)
    if text is None:
        from rubric.docs import explain_codes

        close = difflib.get_close_matches(code, explain_codes(r), n=3, cutoff=0.5)
        hint = f"; bedoelde je {', '.join(close)}?" if close else "; zie assess rubric docs voor alle codes"
        _echo_err(f"fout: onbekende code {code!r} in {r.name} {r.version}{hint}")
        raise typer.Exit(2)
    sys.stdout.write(text)


@rubric_app.command("list")
def list_rubrics() -> None:
    """Toon de ingebouwde rubrics (te gebruiken met --rubric NAAM)."""
    for path in [DEFAULT_RUBRIC, *iter_builtin_variants()]:
        name = "(standaard)" if path == DEFAULT_RUBRIC else path.stem
        try:
            r = load_rubric(path)
            typer.echo(f"{name:14} {r.name} {r.version}" + (f"  (breidt {r.extends} uit)" if r.extends else ""))
        except RubricError as exc:
            typer.echo(f"{name:14} ongeldig: {exc.problems[0]}")


@rubric_app.command("precedents")
def precedents(
    folder: Annotated[Path, typer.Argument(help="Map met gelabelde dossiers (<id>.labels.yaml naast <id>.docx of .pdf), bijv. samples.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Schrijf naar dit bestand.")] = Path("rubric/precedents.json"),
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Een andere rubric: een YAML-bestand of de naam van een ingebouwde variant.")] = None,
) -> None:
    """Maak de precedenten: de citaten waarmee labelaars een zorg gaven, en zinnen van dossiers zonder die zorg.

    Neem nooit een achtergehouden set (samples/heldout) op: daarop meet `assess eval` wat de engine niet zag."""
    from assessor.analysis import Analysis
    from assessor.evaluation import dossier_files
    from assessor.extract import extract
    from assessor.files import write_atomic
    from assessor.precedents import PrecedentSet, collect

    if not folder.is_dir():
        _echo_err(f"fout: {folder}: geen map")
        raise typer.Exit(2)
    if not output.exists():  # the rubric names this file: let it load while the file is being made
        write_atomic(output, PrecedentSet(source="", dossiers=0, passages=[]).model_dump_json())
    r = _located(rubric).rubric

    def sentences_of(dossier: str) -> list[str]:
        files = sorted(dossier_files(folder, dossier), key=lambda f: f.suffix != ".docx")
        return [s.text for s in Analysis(extract(files[0]), r).sentences] if files else []

    made = collect(folder, sentences_of, {c.code for c in r.concerns})
    write_atomic(output, made.model_dump_json(indent=0))
    typer.echo(f"{output}: {len(made.passages)} passages uit {made.dossiers} dossiers")
