"""Writing files atomically: a temporary file in the same folder, then a rename, so a
reader never sees half a report, a half cache entry or half a compiled rubric."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: str | bytes, private: bool = False) -> None:
    """Write `data` to `target`. `private` keeps mkstemp's 0600 (caches hold dossier
    text); otherwise the file gets the ordinary permissions the umask allows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:16]}.", suffix=".tmp")
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
