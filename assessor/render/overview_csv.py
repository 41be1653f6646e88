"""The overview of a round as CSV: one row per dossier, in input order.

Columns: ``path``, ``name``, ``status`` (``ok`` / ``error``), ``error``, ``kind``,
``pages``, ``words``; then ``level_<domain>`` (1-4) per domain, ``concern_<code>``
(1 raised, 0 not) per concern, ``check_<code>`` (1 passed, 0 failed) per check; then
``concerns``, ``failed_checks`` (counts) and ``attention`` (the overview's score). A
dossier that could not be read has empty level, concern and check cells.
UTF-8, comma-separated, a header row; opens in a spreadsheet or pandas as is.
"""

from __future__ import annotations

import csv
import io

from assessor.overview import Overview


def overview_columns(ov: Overview) -> list[str]:
    return (["path", "name", "status", "error", "kind", "pages", "words"]
            + [f"level_{c}" for c in ov.domain_codes]
            + [f"concern_{c}" for c in ov.concern_codes]
            + [f"check_{c}" for c in ov.check_codes]
            + ["concerns", "failed_checks", "attention"])


def render_overview_csv(ov: Overview) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(overview_columns(ov))
    for row in ov.rows:
        if row.error is not None:
            empty = [""] * (len(ov.domain_codes) + len(ov.concern_codes) + len(ov.check_codes) + 3)
            w.writerow([row.path, row.name, "error", row.error, "", "", "", *empty])
            continue
        w.writerow([
            row.path, row.name, "ok", "", row.kind or "", row.pages if row.pages is not None else "",
            row.words if row.words is not None else "",
            *[row.levels.get(c, "") for c in ov.domain_codes],
            *[int(c in row.concerns) for c in ov.concern_codes],
            *[int(c not in row.failed_checks) for c in ov.check_codes],
            len(row.concerns), len(row.failed_checks), row.score,
        ])
    return buf.getvalue()
