"""Assess many dossiers at once: worker processes, a per-file time limit, the cache.

`run_batch(files, rubric, options)` returns one result per file, in the order given:
a `Report`, or a `FailedDossier` with a one-line reason. Nothing a single file does
stops the batch: a file that cannot be read, an engine error, a worker that crashes
(a segfault in a PDF library, out of memory) or one that runs past the time limit
(killed with SIGKILL; a thread could not stop a stuck C call) each become a
`FailedDossier`, and a new worker takes the dead one's place.

Workers are long-lived processes, one per core, each fed one file at a time over its
own pipe. On Linux they are forked from the CLI after the rubric is loaded and its
patterns compiled, so a worker loads the rubric zero times; elsewhere (spawn) a worker
loads it once at start. The parent starts no threads (the progress bar is refreshed by
the dispatch loop), which keeps forking safe.

Cache hits are answered in the parent before any worker starts; workers store what
they assess. Set ``ASSESSOR_BATCH_STATS=FILE`` to get per-worker peak memory as JSON
(benchmarks/batch.py reads it).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from assessor.cache import ReportCache
from assessor.errors import DossierError
from assessor.result import DossierInfo, FailedDossier, Report
from rubric.schema import Rubric

Result = Report | FailedDossier

DEFAULT_TIMEOUT = 60.0
#: Test hook: a worker given a file whose name contains this value sleeps instead of
#: assessing it (how the tests make a "pathological PDF" that never finishes).
HANG_ENV = "ASSESSOR_TEST_HANG"
STATS_ENV = "ASSESSOR_BATCH_STATS"


@dataclass
class BatchOptions:
    jobs: int | None = None
    """Worker processes; default: all cores (never more than there are files)."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds per file; 0 or less means no limit."""
    cache: bool = True
    password: str | None = None
    rubric_path: str | None = None


@dataclass
class BatchStats:
    workers: dict[int, dict] = field(default_factory=dict)  # pid -> {max_rss_kb, files, cpu_s}
    cache_hits: int = 0
    assessed: int = 0
    failed: int = 0
    timed_out: int = 0
    crashed: int = 0
    wall: float = 0.0


class Progress:
    """What the CLI wants to hear; every method may be left as is."""

    def start(self, total: int) -> None: ...
    def started(self, index: int, path: Path) -> None: ...
    def finished(self, index: int, path: Path, result: Result) -> None: ...
    def tick(self) -> None: ...


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context() -> mp.context.BaseContext:
    # fork on Linux: workers inherit the loaded rubric and compiled patterns. macOS and
    # Windows use spawn (fork is unsafe with their system libraries).
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _failed(path: Path, reason: str) -> FailedDossier:
    return FailedDossier(dossier=DossierInfo(path=str(path)), error=reason)


def assess_one(path: Path, rubric: Rubric, options: BatchOptions, cache: ReportCache | None = None,
               key: str | None = None) -> Result:
    """Assess a single file in this process; any error becomes a FailedDossier."""
    from assessor.pipeline import assess_file

    hang = os.environ.get(HANG_ENV)
    if hang and hang in Path(path).name:
        time.sleep(10**6)
    try:
        report = assess_file(path, rubric, password=options.password, rubric_path=options.rubric_path)
    except DossierError as exc:
        return _failed(path, exc.reason)
    except MemoryError:
        return _failed(path, "ran out of memory while assessing it")
    except RecursionError:
        return _failed(path, "is nested too deeply to assess")
    except Exception as exc:  # an engine bug must not stop the other 72 dossiers
        detail = str(exc).splitlines()[0][:160] if str(exc) else ""
        return _failed(path, f"internal error while assessing it ({type(exc).__name__}{': ' + detail if detail else ''})")
    if cache is not None:
        cache.put(key, report)
    return report


def _usage() -> tuple[int, float]:
    """Peak RSS (KiB) and CPU seconds (user + system) of this process so far."""
    try:
        import resource

        ru = resource.getrusage(resource.RUSAGE_SELF)
        rss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss  # bytes on macOS, KiB on Linux
        return rss, ru.ru_utime + ru.ru_stime
    except Exception:
        return 0, 0.0


def _max_rss_kb() -> int:
    return _usage()[0]


def _worker(conn: Connection, rubric: Rubric | None, options: BatchOptions, cache: ReportCache) -> None:
    """Worker loop: (index, path, key) in, (index, result, (max_rss_kb, cpu_s)) out; None stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us on Ctrl-C
    if rubric is None:  # spawned (macOS, Windows): load the rubric once for this process
        from assessor.cache import load_rubric_cached
        from assessor.engine import precedents_of
        from assessor.fastmatch import prepare

        rubric = load_rubric_cached(options.rubric_path)
        prepare(rubric)
        precedents_of(rubric)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, key = task
        result = assess_one(Path(path), rubric, options, cache, key)
        try:
            conn.send((index, result, _usage()))
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # a result that does not pickle: say so, keep going
            conn.send((index, _failed(Path(path), f"internal error returning its report ({type(exc).__name__})"), _usage()))


@dataclass
class _Slot:
    process: mp.process.BaseProcess
    conn: Connection
    index: int | None = None
    deadline: float = float("inf")
    files: int = 0


class _Pool:
    def __init__(self, ctx, rubric: Rubric, options: BatchOptions, cache: ReportCache, stats: BatchStats) -> None:
        self.ctx = ctx
        self.rubric = rubric if ctx.get_start_method() == "fork" else None
        self.options = options
        self.cache = cache
        self.stats = stats
        self.slots: list[_Slot] = []

    def spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        p = self.ctx.Process(target=_worker, args=(child, self.rubric, self.options, self.cache), daemon=True)
        p.start()
        child.close()
        slot = _Slot(p, parent)
        self.slots.append(slot)
        return slot

    def retire(self, slot: _Slot, kill: bool) -> None:
        if kill and slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()
        self.slots.remove(slot)

    def close(self) -> None:
        for slot in list(self.slots):
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        end = time.monotonic() + 5
        for slot in list(self.slots):
            slot.process.join(timeout=max(0.0, end - time.monotonic()))
            self.retire(slot, kill=True)


def run_batch(files: list[Path], rubric: Rubric, options: BatchOptions | None = None,
              progress: Progress | None = None, stats: BatchStats | None = None) -> list[Result]:
    """Assess every file; results in the order of `files`."""
    options = options or BatchOptions()
    progress = progress or Progress()
    stats = stats if stats is not None else BatchStats()
    t0 = time.perf_counter()
    results: list[Result | None] = [None] * len(files)
    # a password-protected dossier is never cached: its report holds its text, and a
    # stored report must not open it for someone without the password
    cache = ReportCache(rubric, enabled=options.cache and options.password is None)
    progress.start(len(files))

    todo: list[tuple[int, Path, str | None]] = []
    for i, path in enumerate(files):
        key = cache.key(path)
        hit = cache.get(key, path, options.rubric_path)
        if hit is not None:
            results[i] = hit
            stats.cache_hits += 1
            progress.finished(i, path, hit)
        else:
            todo.append((i, path, key))

    jobs = min(options.jobs or default_jobs(), len(todo))
    if todo and jobs <= 1 and options.timeout <= 0:
        # no limit and one job: in this process (for debuggers and profilers)
        for i, path, key in todo:
            progress.started(i, path)
            results[i] = assess_one(path, rubric, options, cache, key)
            progress.finished(i, path, results[i])
    elif todo:
        _run_pool(todo, jobs, rubric, options, cache, results, progress, stats)

    out: list[Result] = [r if r is not None else _failed(files[i], "was not assessed") for i, r in enumerate(results)]
    stats.assessed = sum(isinstance(r, Report) for r in out)
    stats.failed = len(out) - stats.assessed
    stats.wall = time.perf_counter() - t0
    _write_stats(stats, jobs)
    return out


def _run_pool(todo, jobs: int, rubric: Rubric, options: BatchOptions, cache: ReportCache,
              results: list[Result | None], progress: Progress, stats: BatchStats) -> None:
    from assessor.engine import precedents_of
    from assessor.fastmatch import prepare

    ctx = _context()
    if ctx.get_start_method() == "fork":
        prepare(rubric)  # compiled once here, inherited by every worker
        precedents_of(rubric)  # so are the precedents
        if len(todo) > jobs:  # workers to come (replacements) need not import the readers again
            _preload_readers({Path(p).suffix.lower() for _, p, _ in todo})
    pool = _Pool(ctx, rubric, options, cache, stats)
    queue = list(reversed(todo))
    limit = options.timeout if options.timeout and options.timeout > 0 else None

    def feed(slot: _Slot) -> None:
        if not queue:
            return
        i, path, key = queue.pop()
        try:
            slot.conn.send((i, str(path), key))
        except (BrokenPipeError, OSError):
            queue.append((i, path, key))
            pool.retire(slot, kill=True)
            return
        slot.index, slot.files = i, slot.files + 1
        slot.deadline = time.monotonic() + limit if limit else float("inf")
        progress.started(i, path)

    def done(slot: _Slot, result: Result) -> None:
        i = slot.index
        results[i] = result
        slot.index, slot.deadline = None, float("inf")
        progress.finished(i, todo_paths[i], result)

    todo_paths = {i: path for i, path, _ in todo}
    try:
        for _ in range(jobs):
            feed(pool.spawn())
        progress.tick()  # the workers are busy: the caller may use this moment
        while any(s.index is not None for s in pool.slots) or queue:
            busy = [s for s in pool.slots if s.index is not None]
            if not busy:  # every worker died while being fed: start afresh
                for _ in range(min(jobs, len(queue))):
                    feed(pool.spawn())
                continue
            now = time.monotonic()
            wait_for = max(0.0, min(s.deadline for s in busy) - now)
            ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=min(wait_for, 0.2))
            for slot in busy:
                if slot.conn in ready:
                    try:
                        index, result, (rss, cpu) = slot.conn.recv()
                    except (EOFError, OSError):
                        pass  # died while answering: handled as a crash below
                    else:
                        w = stats.workers.setdefault(slot.process.pid, {"max_rss_kb": 0, "files": 0, "cpu_s": 0.0})
                        w["max_rss_kb"] = max(w["max_rss_kb"], rss)
                        w["cpu_s"] = cpu
                        w["files"] += 1
                        done(slot, result)
                        feed(slot)
                        continue
                if slot.index is not None and (slot.process.sentinel in ready or not slot.process.is_alive()):
                    slot.process.join(timeout=1)
                    code = slot.process.exitcode
                    what = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    stats.crashed += 1
                    done(slot, _failed(todo_paths[slot.index], f"the worker reading it stopped unexpectedly ({what})"))
                    pool.retire(slot, kill=True)
                    if queue:
                        feed(pool.spawn())
            now = time.monotonic()
            for slot in [s for s in pool.slots if s.index is not None and s.deadline <= now]:
                stats.timed_out += 1
                done(slot, _failed(todo_paths[slot.index], f"took longer than {options.timeout:g} s (the per-file limit, --timeout) and was stopped"))
                pool.retire(slot, kill=True)
                if queue:
                    feed(pool.spawn())
            progress.tick()
    finally:
        pool.close()


def _preload_readers(suffixes: set[str]) -> None:
    """Import the readers a batch needs once, before forking, so no worker imports them."""
    try:
        if ".pdf" in suffixes:
            import assessor.extract.pdf  # noqa: F401
        if ".docx" in suffixes:
            import assessor.extract.docx  # noqa: F401
    except Exception:
        pass


def _write_stats(stats: BatchStats, jobs: int) -> None:
    target = os.environ.get(STATS_ENV)
    if not target:
        return
    data = {
        "jobs": jobs,
        "wall": stats.wall,
        "cache_hits": stats.cache_hits,
        "assessed": stats.assessed,
        "failed": stats.failed,
        "timed_out": stats.timed_out,
        "crashed": stats.crashed,
        "parent_max_rss_kb": _max_rss_kb(),
        "parent_cpu_s": _usage()[1],
        "workers": [{"pid": pid, **w} for pid, w in sorted(stats.workers.items())],
    }
    try:
        Path(target).write_text(json.dumps(data, indent=2))
    except OSError:
        pass
