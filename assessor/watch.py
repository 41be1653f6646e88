"""Watch mode (`assess draft.docx --watch`): re-assess whenever the file is saved and
print only what changed.

Polls the file's modification time and size (no new dependency, works the same on
every platform and on network drives). A save is acted on once the file has stopped
changing for `settle` seconds (Word writes a file in several steps, and may replace it
through a temporary file). A file that cannot be read halfway a save is tried again at
the next change. Ctrl-C ends it cleanly; `stop` (a threading.Event) does the same for
tests and embedding.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from assessor.compare import Comparison, compare
from assessor.errors import DossierError
from assessor.result import Report

STOPPED = "Gestopt met volgen."
WATCHING = "Ik volg {path}: elke keer dat je het opslaat, zie je wat er veranderde. Stoppen: Ctrl-C."
UNREADABLE = "{path} kon niet worden gelezen ({reason}); ik probeer het opnieuw bij de volgende keer opslaan."
GONE = "{path} is er (even) niet; ik wacht tot het terug is."


def signature(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) or None when the file is not there (mid-save or removed)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def watch(
    path: Path,
    assess: Callable[[Path], Report],
    on_report: Callable[[Report], None],
    on_change: Callable[[Comparison, str], None],
    on_message: Callable[[str], None],
    interval: float = 1.0,
    settle: float | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Assess once (on_report), then after every settled save compare with the last
    readable version (on_change(comparison, time)). Returns when `stop` is set; a
    KeyboardInterrupt propagates to the caller, which says goodbye."""
    stop = stop or threading.Event()
    settle = interval if settle is None else settle
    last_sig = signature(path)
    last: Report | None = None
    try:
        last = assess(path)
        on_report(last)
    except DossierError as exc:
        on_message(UNREADABLE.format(path=path, reason=exc.reason))
    on_message(WATCHING.format(path=path))
    missing_said = False
    while not stop.wait(interval):
        sig = signature(path)
        if sig == last_sig:
            continue
        if sig is None:
            if not missing_said:
                on_message(GONE.format(path=path))
                missing_said = True
            continue
        missing_said = False
        # debounce: wait until the file has stopped changing
        while not stop.wait(settle):
            again = signature(path)
            if again == sig:
                break
            sig = again
        if stop.is_set():
            return
        if sig is None:
            continue
        last_sig = sig
        try:
            current = assess(path)
        except DossierError as exc:
            on_message(UNREADABLE.format(path=path, reason=exc.reason))
            continue
        stamp = datetime.now().strftime("%H:%M:%S")
        if last is None:
            on_report(current)
        else:
            on_change(compare(last, current), stamp)
        last = current


def run_watch(path: Path, assess: Callable[[Path], Report], on_report, on_change, on_message,
              interval: float = 1.0, stop: threading.Event | None = None) -> int:
    """`watch` with Ctrl-C turned into a clean goodbye; returns the exit status (0)."""
    try:
        watch(path, assess, on_report, on_change, on_message, interval=interval, stop=stop)
    except KeyboardInterrupt:
        pass
    on_message(STOPPED)
    return 0



def watch_dossier(path: Path, rubric, password: str | None = None, rubric_path: str | None = None,
                  formative: bool = False, no_color: bool = False, quiet: bool = False, verbose: bool = False,
                  interval: float = 1.0, stop: threading.Event | None = None, console=None) -> int:
    """The CLI's --watch: the full report once (panel or applicant wording), then only
    what changed after each save; Ctrl-C stops with exit status 0."""
    from rich.console import Console

    from assessor.pipeline import assess_file
    from assessor.render.compare_terminal import print_changes
    from assessor.render.formative import print_formative
    from assessor.render.terminal import print_report

    console = console or Console(no_color=no_color, highlight=False)
    printer = print_formative if formative else print_report
    return run_watch(
        path,
        lambda p: assess_file(p, rubric, password=password, rubric_path=rubric_path),
        on_report=lambda r: printer(r, console, verbose=verbose, quiet=quiet),
        on_change=lambda cmp, stamp: print_changes(cmp, console, formative=formative, stamp=stamp),
        on_message=lambda m: console.print(m, style="dim", markup=False, highlight=False),
        interval=interval,
        stop=stop,
    )
