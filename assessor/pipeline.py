"""From a file to a Report: extract, then assess. The one path every front end uses."""

from __future__ import annotations

from pathlib import Path

from assessor.engine import assess
from assessor.extract import extract
from assessor.result import Report
from rubric.schema import Rubric

DOSSIER_SUFFIXES = (".pdf", ".docx", ".md", ".txt")


def assess_file(path: str | Path, rubric: Rubric, password: str | None = None, rubric_path: str | None = None) -> Report:
    return assess(extract(path, password=password), rubric, rubric_path)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a directory becomes its dossier files, sorted (the contract's order)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DOSSIER_SUFFIXES and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out
