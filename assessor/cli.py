"""The `assess` command line (typer + rich). Thin commands that call one function each.

`assess DOSSIER...` is the default command; `assess schema`, `assess rubric ...` and
`assess eval` are tools beside it. User errors are caught here, at the boundary, and
printed as one line each (fastapi-cli's pattern): never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from assessor.files import write_atomic
from assessor.errors import DossierError, RubricError, UserError
from assessor.pipeline import assess_file, expand_paths
from assessor.render import BINARY_FORMATS, Format
from assessor.render.json_report import render_json
from assessor.render.terminal import print_report
from assessor.result import FailedDossier, Report
from assessor.rubric_cli import rubric_app
from rubric.loader import load_rubric

DEFAULT_COMMAND = "dossier"


class _DefaultToDossier(TyperGroup):
    """`assess x.pdf` means `assess dossier x.pdf`; named tools keep their names."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToDossier,
    rich_markup_mode="rich",
    add_completion=False,
    help="Beoordeel aanvraagdossiers aspirant-opleidingsschool (Samen Opleiden).",
)
err = Console(stderr=True, highlight=False)
app.add_typer(rubric_app, name="rubric")


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]fout:[/red] {message}", soft_wrap=True)
    return typer.Exit(code)


def _load(rubric: str | None, cached: bool = False):
    """The rubric, or exit 2 with its problems. `cached`: through assessor/cache.py, so an
    unchanged rubric is not validated and compiled again at every start."""
    try:
        if cached:
            from assessor.cache import load_rubric_cached

            return load_rubric_cached(rubric)
        return load_rubric(rubric)
    except RubricError as exc:
        for line in exc.problems:
            err.print(line, soft_wrap=True, markup=False)
        raise typer.Exit(2) from None


@app.command(
    DEFAULT_COMMAND,
    hidden=True,
    epilog="Andere opdrachten: [bold]assess compare OUD NIEUW[/bold] (twee versies vergelijken), [bold]assess schema[/bold] (JSON Schema van het rapport), "
    "[bold]assess rubric check|docs|explain[/bold] (de rubric onderhouden), [bold]assess eval[/bold] (overeenstemming met labels).",
)
def dossier(
    paths: Annotated[list[Path], typer.Argument(help="Dossier(s) om te beoordelen: PDF, DOCX, Markdown of tekst, of een map met dossiers.", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="Uitvoer: terminal (leesbaar rapport), json (volgens het rapportcontract), md, html of docx.")] = Format.terminal,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Schrijf het rapport naar dit bestand in plaats van naar het scherm.")] = None,
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Een andere rubric: een YAML-bestand of de naam van een ingebouwde variant.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Wachtwoord om een beveiligde PDF te openen.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Geen kleuren in de terminal.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Alleen de samenvatting: niveaus en checks.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Meer citaten per oordeel.")] = False,
    annotate: Annotated[Optional[Path], typer.Option("--annotate", metavar="UIT.docx", help="Schrijf een kopie van het DOCX-dossier met Word-opmerkingen bij de passages waar het oordeel over gaat.")] = None,
    voor_aanvrager: Annotated[bool, typer.Option("--voor-aanvrager", help="Feedback voor wie het dossier schrijft: per domein wat er al staat, wat nog ontbreekt en de volgende stap, en waar nog iets in te vullen is. Geen oordeel of niveaus (terminal en md).")] = False,
    watch: Annotated[bool, typer.Option("--watch", "-w", help="Blijf het dossier volgen: na elke keer opslaan opnieuw beoordelen en alleen tonen wat er veranderde. Stoppen met Ctrl-C.")] = False,
    interval: Annotated[float, typer.Option("--interval", min=0.05, help="Met --watch: hoe vaak (seconden) gekeken wordt of het bestand is opgeslagen.")] = 1.0,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Zoveel dossiers tegelijk (elk in een eigen proces); standaard alle kernen.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Tijdslimiet per dossier in seconden; wie langer duurt wordt gestopt en als fout gemeld (0: geen limiet).")] = 60.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Beoordeel opnieuw, ook een ongewijzigd dossier dat al in de cache staat (en schrijf niet naar de cache).")] = False,
    out_dir: Annotated[Optional[Path], typer.Option("--out-dir", metavar="MAP", help="Schrijf per dossier een rapport (in het gekozen --format) in deze map, in plaats van naar het scherm.")] = None,
    overview: Annotated[Optional[Path], typer.Option("--overview", metavar="BESTAND", help="Schrijf het overzicht van de ronde (hoe vaak elk zorgpunt, niveaus per domein, checks, dossier × zorgpunt) als .csv of .html.")] = None,
) -> None:
    """Beoordeel een of meer dossiers en druk het rapport af (standaard in de terminal, in het Nederlands)."""
    rules = _load(rubric, cached=True)  # a compiled-rubric cache, like .pyc files: keyed by content, never stale
    files = expand_paths(paths)
    if not files:
        raise _fail("geen dossiers gevonden in " + ", ".join(str(p) for p in paths), 2)
    if output is not None:
        inputs = {f.resolve() for f in files}
        if output.resolve() in inputs:
            raise _fail(f"{output}: --output zou het dossier zelf overschrijven", 2)
    if overview is not None and overview.suffix.lower() not in (".csv", ".html", ".htm"):
        raise _fail(f"{overview}: --overview schrijft een .csv- of .html-bestand", 2)
    if format in BINARY_FORMATS and output is None and out_dir is None:
        raise _fail(f"--format {format.value} schrijft een bestand: geef --output FILE", 2)
    if annotate is not None:
        if len(files) != 1 or files[0].suffix.lower() != ".docx":
            raise _fail("--annotate werkt op precies één DOCX-dossier", 2)
        if annotate.resolve() in (files[0].resolve(), output.resolve() if output else None):
            raise _fail(f"{annotate}: --annotate zou het dossier of het rapport overschrijven", 2)
    if voor_aanvrager and format in (Format.html, Format.docx):
        raise _fail("--voor-aanvrager werkt met --format terminal, md of json", 2)
    if watch:
        if len(files) != 1 or any(p.is_dir() for p in paths):
            raise _fail("--watch volgt precies één dossier", 2)
        if format is not Format.terminal or output is not None or annotate is not None:
            raise _fail("--watch toont de veranderingen in de terminal: gebruik het zonder --format, --output en --annotate", 2)
        from assessor.watch import watch_dossier

        raise typer.Exit(watch_dossier(files[0], rules, password=password, rubric_path=rubric, formative=voor_aanvrager,
                                       no_color=no_color, quiet=quiet, verbose=verbose, interval=interval))

    # in parallel worker processes, cached, each file under --timeout (assessor/batch.py)
    interactive = _interactive(output, out_dir)
    results = _run_batch(files, rules, jobs=jobs, timeout=timeout, cache=not no_cache, password=password,
                         rubric_path=rubric, progress=interactive and len(files) > 1)
    for r in results:
        if isinstance(r, FailedDossier):
            err.print(f"[red]fout:[/red] {escape(r.dossier.path)}: {escape(r.error)}", soft_wrap=True, highlight=False)
    if out_dir is not None:
        from assessor.batch_ui import write_out_dir

        write_out_dir(results, files, out_dir, format, lambda rs, target: _emit(
            rs, format, target, single=True, no_color=True, quiet=quiet, verbose=verbose, annotate=annotate,
            rules=rules, formative=voor_aanvrager))
    if out_dir is None or output is not None:
        _emit(results, format, output, single=len(files) == 1 and not any(p.is_dir() for p in paths),
              no_color=no_color, quiet=quiet, verbose=verbose, annotate=annotate, rules=rules, formative=voor_aanvrager)
    if overview is not None:
        from assessor.batch_ui import render_overview_file

        write_atomic(overview, render_overview_file(overview, results, rules))
    if interactive and len(files) > 1:
        from assessor.batch_ui import print_terminal_overview

        print_terminal_overview(results, rules, Console(stderr=True, highlight=False, no_color=no_color))
    if any(isinstance(r, FailedDossier) for r in results):
        raise typer.Exit(1)


def _interactive(output: Path | None, out_dir: Path | None) -> bool:
    """Progress bar and overview on the terminal: only when standard error is one and
    the reports do not go down a pipe (`assess DIR | less`, `> out.json`)."""
    stdout_used = output is None and out_dir is None
    return err.is_terminal and (not stdout_used or sys.stdout.isatty())


def _run_batch(files: list[Path], rules, *, jobs: int | None, timeout: float, cache: bool, password: str | None,
               rubric_path: str | None, progress: bool) -> list[Report | FailedDossier]:
    from assessor.batch import BatchOptions, run_batch

    options = BatchOptions(jobs=jobs, timeout=timeout, cache=cache, password=password, rubric_path=rubric_path)
    if not progress:
        from assessor.batch_ui import WarmImports

        return run_batch(files, rules, options, progress=WarmImports())
    from assessor.batch_ui import RichProgress

    with RichProgress(err) as bar:
        return run_batch(files, rules, options, progress=bar)


def _emit(results, format: Format, output: Path | None, single: bool, no_color: bool, quiet: bool, verbose: bool,
          annotate: Path | None = None, rules=None, formative: bool = False) -> None:
    """Render the results once, then write them atomically to --output or to standard output.
    With `formative` (--voor-aanvrager) the terminal and Markdown speak to the applicant."""
    import io

    from assessor.render.formative import print_formative, render_formative_markdown

    from assessor.render.annotate import annotate_file
    from assessor.render.docx_letter import render_letter
    from assessor.render.html import render_html
    from assessor.render.markdown import render_markdown

    reports = [r for r in results if isinstance(r, Report)]
    if annotate is not None and reports:
        try:
            data, count = annotate_file(Path(reports[0].dossier.path), reports[0], rules)
        except DossierError as exc:
            raise _fail(str(exc), 1) from None
        write_atomic(annotate, data)
        err.print(f"{count} opmerkingen in {annotate}", soft_wrap=True, highlight=False, markup=False)
    if format is Format.terminal and output is None:
        console = Console(no_color=no_color, highlight=False)
        for r in reports:
            (print_formative if formative else print_report)(r, console, verbose=verbose, quiet=quiet)
        return
    if format is Format.terminal:
        console = Console(file=io.StringIO(), record=True, width=100, no_color=True)
        for r in reports:
            (print_formative if formative else print_report)(r, console, verbose=verbose, quiet=quiet)
        data: str | bytes = console.export_text()
    elif format is Format.json:
        data = "" if single and isinstance(results[0], FailedDossier) else render_json(results[0] if single else results)
    else:
        markdown = render_formative_markdown if formative else render_markdown
        data = {Format.md: markdown, Format.html: render_html, Format.docx: render_letter}[format](results)
    if output:
        if data:
            write_atomic(output, data)
    elif isinstance(data, str):
        sys.stdout.write(data)


@app.command("eval")
def eval_(
    folder: Annotated[Path, typer.Argument(help="Map met <id>.labels.yaml en de dossiers (<id>.pdf/.docx).")] = Path("samples"),
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Een andere rubric.")] = None,
    details: Annotated[bool, typer.Option("--details", help="Per dossier: gemiste en extra zorgpunten.")] = False,
    labels: Annotated[Optional[Path], typer.Option("--labels", help="Geen engine: de labels in deze map (een tweede beoordelaar) tegen die in FOLDER.")] = None,
) -> None:
    """Meet de overeenstemming van de engine met gelabelde dossiers (F1, QWK, checks)."""
    from assessor.evaluation import evaluate, evaluate_labels
    from assessor.render.agreement import print_agreement

    rules = _load(rubric)
    try:
        scores = evaluate_labels(folder, labels) if labels is not None else evaluate(folder, rules)
    except UserError as exc:
        raise _fail(str(exc), 2) from None
    print_agreement(scores, Console(highlight=False), details=details, judge="tweede label" if labels is not None else "engine")


@app.command("compare")
def compare_(
    old: Annotated[Path, typer.Argument(help="De oudere versie (PDF, DOCX, Markdown of tekst).", show_default=False)],
    new: Annotated[Path, typer.Argument(help="De nieuwere versie.", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="terminal of json.")] = Format.terminal,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Schrijf de vergelijking naar dit bestand.")] = None,
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Een andere rubric.")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Wachtwoord om beveiligde PDF's te openen.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Geen kleuren in de terminal.")] = False,
    voor_aanvrager: Annotated[bool, typer.Option("--voor-aanvrager", help="Zonder niveaus: sterker of zwakker geworden.")] = False,
) -> None:
    """Vergelijk twee versies van een dossier: per domein de verandering, opgeloste en nieuwe zorgpunten, checks die omsloegen en open plekken."""
    import io

    from assessor.compare import compare
    from assessor.render.compare_terminal import print_comparison

    if format not in (Format.terminal, Format.json):
        raise _fail("compare kent --format terminal en json", 2)
    if output is not None and output.resolve() in (old.resolve(), new.resolve()):
        raise _fail(f"{output}: --output zou een dossier overschrijven", 2)
    rules = _load(rubric)
    try:
        before = assess_file(old, rules, password=password, rubric_path=rubric)
        after = assess_file(new, rules, password=password, rubric_path=rubric)
    except DossierError as exc:
        raise _fail(str(exc), 1) from None
    result = compare(before, after)
    if format is Format.json:
        data = result.model_dump_json(indent=2) + "\n"
    elif output is None:
        print_comparison(result, Console(no_color=no_color, highlight=False), formative=voor_aanvrager)
        return
    else:
        console = Console(file=io.StringIO(), record=True, width=100, no_color=True)
        print_comparison(result, console, formative=voor_aanvrager)
        data = console.export_text()
    if output is not None:
        write_atomic(output, data)
    else:
        sys.stdout.write(data)


@app.command("schema")
def schema() -> None:
    """Druk het JSON Schema van het rapport af (versie staat in schema_version)."""
    import json

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    try:
        app()
    except UserError as exc:  # a user error that escaped a command: still one line
        err.print(f"[red]fout:[/red] {exc}", soft_wrap=True)
        sys.exit(exc.exit_code)
