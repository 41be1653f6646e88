"""Agreement between the engine and labelled dossiers (what a careful panel member gave).

A labelled set is a folder with `<id>.labels.yaml` beside `<id>.pdf` and/or `<id>.docx`
(or, failing both, `src/<id>.md`). Metrics: concern precision/recall/F1 (micro), level
exact and within-one agreement with quadratic weighted kappa, check accuracy, PDF-vs-DOCX
disagreements, and a confusion table per domain.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from assessor.errors import DossierError, UserError
from assessor.pipeline import assess_file
from assessor.result import Report
from rubric.schema import Rubric

LEVELS = (1, 2, 3, 4)


class Labels(BaseModel):
    dossier: str
    kind: str = "final"
    levels: dict[str, int]
    concerns: list[str] = []
    traps: list[str] = []
    checks: dict[str, bool] = {}


@dataclass
class Verdict:
    """What the engine said about one file, reduced to what the labels compare."""

    levels: dict[str, int]
    concerns: set[str]
    checks: dict[str, bool]
    kind: str

    @classmethod
    def of(cls, report: Report) -> "Verdict":
        return cls(
            levels={d.code: d.level for d in report.domains},
            concerns={c.code for d in report.domains for c in d.concerns},
            checks={c.code: c.passed for c in report.checks},
            kind=report.dossier.kind,
        )


@dataclass
class Case:
    id: str
    labels: Labels
    verdicts: dict[str, Verdict] = field(default_factory=dict)  # by file format


@dataclass
class Scores:
    cases: list[Case]
    tp: int = 0
    fp: int = 0
    fn: int = 0
    trap_hits: int = 0
    traps: int = 0
    level_pairs: list[tuple[str, int, int]] = field(default_factory=list)  # domain, gold, engine
    check_right: int = 0
    check_total: int = 0
    kind_right: int = 0
    format_disagreements: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def level_exact(self) -> float:
        return _share(sum(g == e for _, g, e in self.level_pairs), len(self.level_pairs))

    @property
    def level_within_one(self) -> float:
        return _share(sum(abs(g - e) <= 1 for _, g, e in self.level_pairs), len(self.level_pairs))

    @property
    def qwk(self) -> float:
        return quadratic_weighted_kappa([(g, e) for _, g, e in self.level_pairs])

    @property
    def check_accuracy(self) -> float:
        return _share(self.check_right, self.check_total)

    def confusion(self, domain: str) -> Counter[tuple[int, int]]:
        return Counter((g, e) for d, g, e in self.level_pairs if d == domain)


def _share(n: int, total: int) -> float:
    return n / total if total else 1.0


def quadratic_weighted_kappa(pairs: list[tuple[int, int]]) -> float:
    """Cohen's kappa with quadratic weights over levels 1-4."""
    if not pairs:
        return 1.0
    k = len(LEVELS)
    observed = [[0.0] * k for _ in range(k)]
    for g, e in pairs:
        observed[g - 1][e - 1] += 1
    n = len(pairs)
    gold = [sum(row) for row in observed]
    eng = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * gold[i] * eng[j] / n
    return 1.0 - num / den if den else 1.0


def dossier_files(folder: Path, case_id: str) -> list[Path]:
    files = [folder / f"{case_id}.{ext}" for ext in ("pdf", "docx")]
    found = [f for f in files if f.exists()]
    return found or [f for f in [folder / "src" / f"{case_id}.md"] if f.exists()]


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.labels.yaml")):
        try:
            labels = Labels.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except Exception as exc:  # a user's label file: report it in one line
            raise UserError(f"{path}: invalid labels ({exc.__class__.__name__}: {str(exc).splitlines()[0]})") from None
        cases.append(Case(id=path.name.removesuffix(".labels.yaml"), labels=labels))
    if not cases:
        raise UserError(f"{folder}: no *.labels.yaml files")
    return cases


def evaluate(folder: Path, rubric: Rubric) -> Scores:
    cases = load_cases(folder)
    scores = Scores(cases)
    for case in cases:
        for f in dossier_files(folder, case.id):
            try:
                case.verdicts[f.suffix.lstrip(".")] = Verdict.of(assess_file(f, rubric))
            except DossierError as exc:
                scores.errors.append(str(exc))
        _score(case, scores)
    return scores


def evaluate_labels(reference: Path, other: Path) -> Scores:
    """A second labeller's labels (`other`) scored against the first (`reference`), on the
    dossiers both labelled: how far two careful readers agree, the engine's ceiling."""
    second = {c.id: c.labels for c in load_cases(other)}
    cases = [c for c in load_cases(reference) if c.id in second]
    if not cases:
        raise UserError(f"{other}: labels no dossier of {reference}")
    scores = Scores(cases)
    for case in cases:
        b = second[case.id]
        case.verdicts["labels"] = Verdict(levels=b.levels, concerns=set(b.concerns), checks=b.checks, kind=b.kind)
        _score(case, scores)
    return scores


def _score(case: Case, scores: Scores) -> None:
    if not case.verdicts:
        scores.errors.append(f"{case.id}: no dossier file to assess")
        return
    gold = case.labels
    verdicts = list(case.verdicts.values())
    if len(verdicts) > 1 and any(_differs(verdicts[0], v) for v in verdicts[1:]):
        scores.format_disagreements.append(case.id)
    for v in verdicts:  # every format counts: PDF and DOCX must both agree with the panel
        want = set(gold.concerns)
        scores.tp += len(v.concerns & want)
        scores.fp += len(v.concerns - want)
        scores.fn += len(want - v.concerns)
        scores.traps += len(gold.traps)
        scores.trap_hits += len(set(gold.traps) & v.concerns)
        for domain, level in gold.levels.items():
            if domain in v.levels:
                scores.level_pairs.append((domain, level, v.levels[domain]))
        for check, passed in gold.checks.items():
            if check in v.checks:
                scores.check_total += 1
                scores.check_right += v.checks[check] == passed
        scores.kind_right += v.kind == gold.kind


def _differs(a: Verdict, b: Verdict) -> bool:
    return a.levels != b.levels or a.concerns != b.concerns or a.checks != b.checks


def per_case_rows(scores: Scores) -> list[tuple[str, str, str, str]]:
    """id, missed concerns, extra concerns, level differences — for finding what to fix."""
    rows = []
    for case in scores.cases:
        for fmt, v in case.verdicts.items():
            want = set(case.labels.concerns)
            levels = " ".join(
                f"{d[:4]}{g}>{v.levels.get(d)}" for d, g in case.labels.levels.items() if v.levels.get(d) != g
            )
            checks = " ".join(
                f"{c}:{'ok' if p else 'fail'}>{'ok' if v.checks.get(c) else 'fail'}"
                for c, p in case.labels.checks.items()
                if c in v.checks and v.checks[c] != p
            )
            rows.append((f"{case.id}.{fmt}", " ".join(sorted(want - v.concerns)), " ".join(sorted(v.concerns - want)),
                         (levels + " " + checks).strip()))
    return rows
