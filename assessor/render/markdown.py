"""Markdown report (--format md): the terminal report's content for wikis, mail and PRs.

Plain CommonMark plus GitHub tables; every piece of dossier text is escaped so a quote
with a bracket or a table bar cannot break the layout.
"""

from __future__ import annotations

import re

from assessor.render.common import (
    CHECKS_TITLE,
    MISSING,
    RESEMBLES,
    REPORT_TITLE,
    STRENGTHS_TITLE,
    SUMMARY_TITLE,
    TIP,
    ZORG,
    check_title,
    concern_title,
    domain_missing,
    domain_title,
    dossier_line,
    failed_text,
    level_text,
    precedent_note,
    rubric_line,
    verdict,
    where,
)
from assessor.result import Check, Concern, Domain, Evidence, FailedDossier, Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Escape Markdown syntax in dossier text; newlines become spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quotes(evidence: list[Evidence]) -> list[str]:
    return [f"> “{md(e.quote)}”  \n> — _{md(where(e))}_\n" for e in evidence]


def _labelled(label: str, text: str | None) -> list[str]:
    return [f"**{label}:** {md(text)}\n"] if text else []


def _tips(tips: list[str]) -> list[str]:
    if not tips:
        return []
    return [f"**{TIP}s:**\n", "\n".join(f"- {md(t)}" for t in tips) + "\n"]


def _concern(c: Concern) -> list[str]:
    out = [f"### {md(concern_title(c))}\n", *_quotes(c.evidence)]
    return out + _labelled(MISSING, c.missing) + _labelled(RESEMBLES, precedent_note(c)) + _labelled(ZORG, c.zorg) + _tips(c.tips)


def _domain(d: Domain) -> list[str]:
    out = [f"## {md(domain_title(d))} — {md(level_text(d))}\n"]
    if d.rationale:
        out.append(f"_{md(d.rationale)}_\n")
    out += _labelled(MISSING, domain_missing(d))
    for c in d.concerns:
        out += _concern(c)
    if d.strengths:
        out.append(f"### {STRENGTHS_TITLE}\n")
        for s in d.strengths:
            out.append(f"- {md(s.title)}")
            out += ["  " + line for q in _quotes(s.evidence[:1]) for line in q.splitlines()]
        out[-1] += "\n"
    return out


def _check(c: Check) -> list[str]:
    out = [f"### {md(check_title(c))}: {verdict(c.passed)}\n"]
    if c.title:
        out.append(f"_{md(c.title)}_\n")
    if c.summary:
        out.append("\n".join(f"- {md(line)}" for line in c.summary) + "\n")
    out += _quotes(c.evidence)
    if not c.passed:
        out += _labelled(MISSING, c.missing) + _tips(c.tips)
    return out


def _tables(report: Report) -> list[str]:
    rows = ["| Domein | Niveau | Betekenis | Zorgpunten |", "|---|:-:|---|---|"]
    for d in report.domains:
        codes = ", ".join(c.code for c in d.concerns) or "–"
        label = d.level_label + (" (te weinig tekst)" if d.insufficient_evidence else "")
        rows.append(f"| {md(domain_title(d))} | {d.level} | {md(label)} | {codes} |")
    checks = ["| Check | Oordeel |", "|---|---|"]
    checks += [f"| {md(check_title(c))} | {verdict(c.passed)} |" for c in report.checks]
    return [f"## {SUMMARY_TITLE}\n", "\n".join(rows) + "\n", f"## {CHECKS_TITLE}\n", "\n".join(checks) + "\n"]


def report_markdown(report: Report) -> str:
    out = [
        f"# {REPORT_TITLE}\n",
        f"**Dossier:** `{report.dossier.path}` ({md(dossier_line(report))})  \n{md(rubric_line(report))}\n",
    ]
    out += [f"> **Let op:** {md(w)}\n" for w in report.dossier.warnings]
    out += _tables(report)
    for d in report.domains:
        out += _domain(d)
    out.append(f"## {CHECKS_TITLE} toegelicht\n")
    for c in report.checks:
        out += _check(c)
    return "\n".join(out)


def render_many(results: list[Report | FailedDossier], one, title: str) -> str:
    """Reports rendered by `one`, separated by a rule; unreadable dossiers keep their place."""
    parts = []
    for r in results:
        if isinstance(r, Report):
            parts.append(one(r))
        else:
            parts.append(f"# {title}\n\n**Dossier:** `{r.dossier.path}`\n\n{md(failed_text(r.error))}\n")
    return "\n---\n\n".join(parts)


def render_markdown(results: list[Report | FailedDossier]) -> str:
    """One report, or several separated by a rule."""
    return render_many(results, report_markdown, REPORT_TITLE)
