"""Report cache: an unchanged dossier under an unchanged rubric and engine is not assessed again.

Key: sha256 of the file's bytes, its suffix (``.md`` and ``.txt`` are read differently),
the rubric's name, version and a hash of its merged content, the engine version
(``assessor.__version__``) and a hash of the engine's code (every module of
``assessor`` and ``rubric``), so an edited engine never serves a stale report even
before its version is raised.

Value: the Report as JSON, in ``$XDG_CACHE_HOME/samen-opleiden-assessor/reports/``
(default ``~/.cache/...``). A hit is the stored report with ``dossier.path`` and
``rubric.path`` set to this run's; ``generated_at`` is kept: it says when the judgement
was made, and a cached judgement was made then.

Only assessed reports are stored (never an error or a time-out, which may pass). Any
problem with the cache (unwritable folder, damaged entry, full disk) counts as a miss
and never breaks a run.

Beside the reports, `load_rubric_cached` keeps each validated rubric with its compiled
theme matchers (``.../rubrics/``, a pickle in the user's own cache folder): validating
and compiling ~600 patterns costs about a second of every start, and an unchanged
rubric file (and base files it extends) under an unchanged engine gives the same
result. An invalid rubric is never stored, so its errors are reported every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from functools import lru_cache
from pathlib import Path

from assessor.files import write_atomic
from assessor.result import Report
from rubric.schema import Rubric

APP_DIR = "samen-opleiden-assessor"
#: Raised when the stored form or the key changes.
CACHE_FORMAT = "1"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / APP_DIR / "reports"


def file_digest(path: str | Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def rubric_digest(rubric: Rubric) -> str:
    """Hash of the merged, validated rubric: any change to a theme, rule or text counts."""
    return hashlib.sha256(rubric.model_dump_json().encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the engine's source (every module of `assessor` and `rubric`, ~0.5 MB:
    a few milliseconds). By content, not mtime: a checkout or reinstall of the same code
    keeps the cache, any edit drops it."""
    import assessor
    import rubric as rubric_pkg

    h = hashlib.sha256()
    for pkg in (assessor, rubric_pkg):
        root = Path(pkg.__file__).parent
        for p in sorted(root.rglob("*.py")):
            try:
                data = p.read_bytes()
            except OSError:
                continue
            h.update(f"{p.relative_to(root)}:{len(data)}\n".encode())
            h.update(data)
    return h.hexdigest()


class ReportCache:
    """Get and put reports by key; `enabled=False` makes every call a no-op miss."""

    def __init__(self, rubric: Rubric, enabled: bool = True, directory: Path | None = None) -> None:
        self.enabled = enabled
        self.directory = directory or cache_dir()
        self._scope = ""
        if enabled:
            try:
                from assessor import __version__

                from assessor.extract import ocr

                # whether scanned pages can be read changes the report of a scanned dossier
                self._scope = "\n".join(
                    (CACHE_FORMAT, __version__, code_fingerprint(), rubric.name, rubric.version, rubric_digest(rubric), ocr.state())
                )
            except Exception:  # never let the cache break a run
                self.enabled = False

    def key(self, path: str | Path, digest: str | None = None) -> str | None:
        """The cache key of a dossier file, or None when it cannot be read (then the
        assessment itself reports why)."""
        if not self.enabled:
            return None
        try:
            digest = digest or file_digest(path)
        except OSError:
            return None
        suffix = Path(path).suffix.lower()
        return hashlib.sha256(f"{self._scope}\n{suffix}\n{digest}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str | None, path: str | Path, rubric_path: str | None = None) -> Report | None:
        if not self.enabled or key is None:
            return None
        try:
            data = self._file(key).read_bytes()
        except OSError:
            return None
        try:
            report = Report.model_validate_json(data)
        except ValueError:  # damaged or from an incompatible version: drop it
            try:
                self._file(key).unlink()
            except OSError:
                pass
            return None
        report.dossier.path = str(path)
        report.rubric.path = rubric_path
        return report

    def put(self, key: str | None, report: Report) -> None:
        if not self.enabled or key is None:
            return
        try:
            write_atomic(self._file(key), report.model_dump_json(), private=True)
        except Exception:  # never let the cache break a run
            pass

    def count(self) -> int:
        """Number of stored reports (for tests and `assess` diagnostics)."""
        try:
            return sum(1 for _ in self.directory.glob("*/*.json"))
        except OSError:
            return 0


# -- validated, compiled rubrics ---------------------------------------------------------

_EXTENDS = re.compile(r"^extends:[ \t]*(?:\"([^\"\n]+)\"|'([^'\n]+)'|([^#\s][^#\n]*?))[ \t]*(?:#.*)?$", re.M)


def _rubric_files(name_or_path) -> list[Path] | None:
    """The rubric file and every file it extends, or None when that cannot be told
    without parsing (then nothing is cached)."""
    from rubric.loader import base_path_of, resolve_rubric_path

    files: list[Path] = []
    path = resolve_rubric_path(name_or_path).resolve()
    while True:
        if path in files or len(files) > 20:
            return None
        files.append(path)
        text = path.read_text(encoding="utf-8")
        m = _EXTENDS.search(text)
        if m is None:
            return None if re.search(r"^extends\b", text, re.M) else files
        path = base_path_of(path, next(g for g in m.groups() if g))


def _rubric_key(name_or_path) -> str | None:
    try:
        files = _rubric_files(name_or_path)
        if files is None:
            return None
        import pydantic

        from assessor import __version__

        h = hashlib.sha256(f"{CACHE_FORMAT}\n{sys.version}\n{pydantic.VERSION}\n{__version__}\n{code_fingerprint()}".encode())
        for f in files:
            h.update(f"\n{f}\n".encode())
            h.update(f.read_bytes())
        return h.hexdigest()
    except Exception:
        return None


def load_rubric_cached(name_or_path=None, enabled: bool = True) -> Rubric:
    """`rubric.loader.load_rubric`, from the cache when the files are unchanged; the
    theme matchers come along (assessor.fastmatch). Raises RubricError as the loader does."""
    from assessor import fastmatch
    from rubric.loader import load_rubric, refresh_precedents_digest

    key = _rubric_key(name_or_path) if enabled else None
    target = cache_dir().parent / "rubrics" / f"{key}.pickle" if key else None
    if target is not None:
        try:
            with open(target, "rb") as fh:
                bundle = pickle.load(fh)
            cached = bundle.get("rubric")
            # the precedents file is not in the key: its digest is read anew
            if (isinstance(cached, Rubric) and fastmatch.import_state(bundle["fastmatch"])
                    and (cached.precedents is None or refresh_precedents_digest(cached))):
                return cached
        except Exception:  # missing, damaged, from another version: load it afresh
            pass
    rubric = load_rubric(name_or_path)
    if target is not None:
        try:
            data = pickle.dumps({"rubric": rubric, "fastmatch": fastmatch.export_state(rubric)}, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(target, data, private=True)
        except Exception:  # never let the cache break a run
            pass
    return rubric
