"""What the CLI shows and writes around a batch: the progress bar, --out-dir, --overview.

The progress bar is rich's, refreshed by the batch's dispatch loop (auto_refresh off:
no thread in a process that forks workers).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from assessor import batch
from assessor.render import Format
from assessor.result import FailedDossier, Report

#: File suffix of a per-dossier report in --out-dir, by format.
SUFFIX = {Format.terminal: ".txt", Format.json: ".json", Format.md: ".md", Format.html: ".html", Format.docx: ".docx"}
#: What the CLI's _emit imports (python-docx among them, ~0.1 s): imported while the
#: workers read the first dossiers, when this process only waits.
EMIT_MODULES = ("assessor.render.formative", "assessor.render.annotate", "assessor.render.docx_letter",
                "assessor.render.html", "assessor.render.markdown")


class WarmImports(batch.Progress):
    """No display; uses the first idle moment of the batch to import `modules`."""

    def __init__(self, modules: tuple[str, ...] = EMIT_MODULES) -> None:
        self._pending = list(modules)

    def tick(self) -> None:
        import importlib

        while self._pending:
            name = self._pending.pop(0)
            try:
                importlib.import_module(name)
            except Exception:  # only a head start; _emit imports what it needs anyway
                pass


class RichProgress(WarmImports):
    """Files done, the file being read, elapsed time and ETA, on standard error."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.progress = Progress(
            TextColumn("[bold]Beoordelen[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            TimeElapsedColumn(),
            TextColumn("nog"),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
            transient=True,
        )
        self.task = None
        self._last = 0.0
        self._running: dict[int, str] = {}

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("batch", total=total, current="")
        self.progress.refresh()

    def started(self, index: int, path: Path) -> None:
        self._running[index] = path.name
        self._update()

    def finished(self, index: int, path: Path, result) -> None:
        self._running.pop(index, None)
        self.progress.advance(self.task, 1)
        self._update()

    def _update(self) -> None:
        names = list(self._running.values())
        current = names[-1] if names else ""
        if len(names) > 1:
            current += f" (+{len(names) - 1})"
        self.progress.update(self.task, current=current)
        self.tick()

    def tick(self) -> None:
        super().tick()
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._last = now
            self.progress.refresh()


def out_names(files: list[Path], suffix: str) -> list[str]:
    """Report file names for --out-dir: the dossier's stem, or its full name when two
    inputs share a stem (x.pdf and x.docx), numbered when even that repeats."""
    stems = Counter(f.stem for f in files)
    names: list[str] = []
    used: set[str] = set()
    for f in files:
        base = f.stem if stems[f.stem] == 1 else f.name
        name, n = base + suffix, 2
        while name.lower() in used:
            name, n = f"{base}-{n}{suffix}", n + 1
        used.add(name.lower())
        names.append(name)
    return names


def write_out_dir(results: list[Report | FailedDossier], files: list[Path], out_dir: Path, format: Format, emit) -> int:
    """One report per assessed dossier in `out_dir`, through the CLI's own `emit(results,
    target)`; a dossier that could not be read gets none (it is reported on stderr and
    in the overview). Returns the number written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for result, name in zip(results, out_names(files, SUFFIX[format])):
        if isinstance(result, Report):
            emit([result], out_dir / name)
            written += 1
    return written


def render_overview_file(path: Path, results, rubric) -> str:
    from assessor.overview import compute_overview

    ov = compute_overview(results, rubric)
    if path.suffix.lower() == ".csv":
        from assessor.render.overview_csv import render_overview_csv

        return render_overview_csv(ov)
    from assessor.render.overview_html import render_overview_html

    return render_overview_html(ov)


def print_terminal_overview(results, rubric, console: Console) -> None:
    from assessor.overview import compute_overview
    from assessor.render.overview_terminal import print_overview

    print_overview(compute_overview(results, rubric), console)
