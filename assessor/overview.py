"""The overview of a round: what the panel used to count by hand, computed from the reports.

`compute_overview(results, rubric)` reads only the result model (Reports and
FailedDossiers) and gives:

* how often each concern occurs ("V3: 41 van 73 dossiers"), among the assessed dossiers;
* the level distribution per domain;
* how often each check fails;
* the dossier x concern matrix (one row per dossier, levels, concerns, failed checks);
* the dossiers that most need attention, by a points score with its reasons.

The terminal table, the CSV and the HTML page (assessor/render/overview_*.py) all
render this one model.

Attention score (higher: look first): 3 points for a domain at level 1, 1 for level 2;
1 per concern; 2 per failed check. A dossier that could not be read is listed apart.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from assessor.result import FailedDossier, Report
from rubric.schema import Rubric

LEVELS = (1, 2, 3, 4)
LEVEL_POINTS = {1: 3, 2: 1, 3: 0, 4: 0}
CONCERN_POINTS = 1
CHECK_POINTS = 2
ATTENTION_TOP = 10


class ConcernCount(BaseModel):
    code: str
    title: str = ""
    domain: str = ""
    count: int = Field(description="assessed dossiers in which the concern is raised")
    of: int = Field(description="assessed dossiers")
    dossiers: list[str] = Field([], description="names of the dossiers that raise it")

    @property
    def line(self) -> str:
        return f"{self.code}: {self.count} van {self.of} dossiers"


class DomainLevels(BaseModel):
    code: str
    name: str = ""
    levels: dict[int, int] = Field(description="level -> number of dossiers at that level")
    insufficient: int = Field(0, description="dossiers with too little text on this domain")


class CheckCount(BaseModel):
    code: str
    name: str = ""
    failed: int
    of: int


class DossierRow(BaseModel):
    """One dossier in the matrix."""

    path: str
    name: str
    error: str | None = None
    kind: str | None = None
    pages: int | None = None
    words: int | None = None
    levels: dict[str, int] = {}
    concerns: list[str] = []
    failed_checks: list[str] = []
    score: int = 0
    reasons: list[str] = Field([], description="why the dossier needs attention, in Dutch")


class Overview(BaseModel):
    rubric: str = ""
    dossiers: int
    assessed: int
    failed: int
    domains: list[DomainLevels]
    concerns: list[ConcernCount]
    checks: list[CheckCount]
    rows: list[DossierRow] = Field(description="every dossier, in input order")
    attention: list[DossierRow] = Field(description="the assessed dossiers that most need attention, highest score first")

    @property
    def domain_codes(self) -> list[str]:
        return [d.code for d in self.domains]

    @property
    def concern_codes(self) -> list[str]:
        return [c.code for c in self.concerns]

    @property
    def check_codes(self) -> list[str]:
        return [c.code for c in self.checks]


def display_names(paths: list[str]) -> list[str]:
    """File names, with the parent folder added where two files share a name."""
    names = [Path(p).name for p in paths]
    counts = Counter(names)
    return [str(Path(p).parent.name + "/" + n) if counts[n] > 1 and Path(p).parent.name else n for p, n in zip(paths, names)]


def compute_overview(results: list[Report | FailedDossier], rubric: Rubric | None = None,
                     top: int = ATTENTION_TOP) -> Overview:
    reports = [r for r in results if isinstance(r, Report)]
    names = display_names([r.dossier.path for r in results])

    # codes in rubric order (all of them, also those no dossier raised); else as they come
    domain_info: dict[str, str] = {}
    concern_info: dict[str, tuple[str, str]] = {}  # code -> (title, domain)
    check_info: dict[str, str] = {}
    if rubric is not None:
        domain_info = {d.code: d.name for d in rubric.domains}
        concern_info = {c.code: (c.title, c.domain) for c in rubric.concerns}
        check_info = {c.code: c.name for c in rubric.checks}
    for r in reports:
        for d in r.domains:
            domain_info.setdefault(d.code, d.name)
            for c in d.concerns:
                concern_info.setdefault(c.code, (c.title, d.code))
        for k in r.checks:
            check_info.setdefault(k.code, k.name)
    domain_order = {code: i for i, code in enumerate(domain_info)}
    concern_codes = sorted(concern_info, key=lambda c: (domain_order.get(concern_info[c][1], len(domain_order)), _natural(c)))

    rows: list[DossierRow] = []
    raised_by: dict[str, list[str]] = {c: [] for c in concern_codes}
    for result, name in zip(results, names):
        if isinstance(result, FailedDossier):
            rows.append(DossierRow(path=result.dossier.path, name=name, error=result.error))
            continue
        info = result.dossier
        levels = {d.code: d.level for d in result.domains}
        concerns = [c.code for d in result.domains for c in d.concerns]
        failed = [k.code for k in result.checks if not k.passed]
        for c in concerns:
            raised_by.setdefault(c, []).append(name)
        score = (sum(LEVEL_POINTS.get(lv, 0) for lv in levels.values()) + CONCERN_POINTS * len(concerns)
                 + CHECK_POINTS * len(failed))
        rows.append(DossierRow(path=info.path, name=name, kind=info.kind, pages=info.pages, words=info.words,
                               levels=levels, concerns=sorted(concerns, key=concern_codes.index),
                               failed_checks=failed, score=score, reasons=_reasons(result, domain_info)))

    n = len(reports)
    domains = []
    for code, dname in domain_info.items():
        dist = Counter(d.level for r in reports for d in r.domains if d.code == code)
        insufficient = sum(1 for r in reports for d in r.domains if d.code == code and d.insufficient_evidence)
        domains.append(DomainLevels(code=code, name=dname, levels={lv: dist.get(lv, 0) for lv in LEVELS},
                                    insufficient=insufficient))
    concerns = [ConcernCount(code=c, title=concern_info[c][0], domain=concern_info[c][1], count=len(raised_by[c]),
                             of=n, dossiers=raised_by[c]) for c in concern_codes]
    checks = [CheckCount(code=code, name=cname, of=n,
                         failed=sum(1 for r in reports for k in r.checks if k.code == code and not k.passed))
              for code, cname in check_info.items()]
    ranked = sorted((row for row in rows if row.error is None and row.score > 0), key=lambda row: -row.score)
    return Overview(
        rubric=f"{rubric.name} {rubric.version}" if rubric is not None else "",
        dossiers=len(results), assessed=n, failed=len(results) - n,
        domains=domains, concerns=concerns, checks=checks, rows=rows, attention=ranked[:top],
    )


def _reasons(report: Report, domain_names: dict[str, str]) -> list[str]:
    out = []
    for d in report.domains:
        if d.level <= 2:
            out.append(f"{d.name or domain_names.get(d.code) or d.code} niveau {d.level}")
    n = sum(len(d.concerns) for d in report.domains)
    if n:
        out.append(f"{n} zorgpunt{'en' if n != 1 else ''}")
    failed = [k.name or k.code for k in report.checks if not k.passed]
    if failed:
        out.append("voldoet niet: " + ", ".join(failed))
    if report.dossier.kind == "draft":
        out.append("concept")
    return out


def _natural(code: str) -> tuple:
    head = code.rstrip("0123456789")
    tail = code[len(head):]
    return (head, int(tail) if tail else -1, code)
