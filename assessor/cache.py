"""Report cache: an unchanged dossier under an unchanged rubric and engine is not assessed again.

Key: sha256 of the file's bytes, its suffix (``.md`` and ``.txt`` are read differently),
the rubric's name, version and a hash of its merged content, the engine version
(``assessor.__version__``) and a fingerprint of the engine's code (path, size and mtime
of every module of ``assessor`` and ``rubric``), so an edited engine never serves a stale
report even before its version is raised.

Value: the Report as JSON, in ``$XDG_CACHE_HOME/samen-opleiden-assessor/reports/``
(default ``~/.cache/...``). A hit is the stored report with ``dossier.path`` and
``rubric.path`` set to this run's; ``generated_at`` is kept: it says when the judgement
was made, and a cached judgement was made then.

Only assessed reports are stored (never an error or a time-out, which may pass). Any
problem with the cache (unwritable folder, damaged entry, full disk) counts as a miss
and never breaks a run.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

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
    """Path, size and mtime of the engine's modules (stat only, no reads)."""
    import assessor
    import rubric as rubric_pkg

    h = hashlib.sha256()
    for pkg in (assessor, rubric_pkg):
        root = Path(pkg.__file__).parent
        for p in sorted(root.rglob("*.py")):
            try:
                st = p.stat()
            except OSError:
                continue
            h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
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

                self._scope = "\n".join(
                    (CACHE_FORMAT, __version__, code_fingerprint(), rubric.name, rubric.version, rubric_digest(rubric))
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
        target = self._file(key)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{key[:8]}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(report.model_dump_json().encode("utf-8"))
            os.replace(tmp, target)
            tmp = None
        except Exception:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def count(self) -> int:
        """Number of stored reports (for tests and `assess` diagnostics)."""
        try:
            return sum(1 for _ in self.directory.glob("*/*.json"))
        except OSError:
            return 0
