"""Two versions of a dossier compared: what changed in the judgement, per domain.

Applicants revise a draft many times; after each round they want to know what their
changes did. `compare(old, new)` reads two Reports (PDF or DOCX alike, the report does
not care) and returns a Comparison: per domain the level change, the concerns resolved
and the new ones; the checks that flipped; the placeholders resolved, new and still
left. Its JSON form is `assess compare --format json`; the terminal renderer is
assessor/render/compare_terminal.py; watch mode (assessor/watch.py) prints it after
every save.

Concerns and checks are matched by code, placeholders by their text and the sentence
they stand in (a placeholder moves when text is added above it; its paragraph number is
no identity).
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field, computed_field

from assessor.result import Evidence, Placeholder, Report

COMPARISON_VERSION = "1"


class Version(BaseModel):
    path: str
    sha256: str | None = None
    format: str | None = None
    kind: str = "final"
    words: int | None = None


class ConcernChange(BaseModel):
    code: str
    title: str = ""
    evidence: list[Evidence] = Field([], description="where it shows: in the new version for a new concern, in the old for a resolved one")
    missing: str | None = None
    tips: list[str] = []


class DomainChange(BaseModel):
    code: str
    name: str = ""
    level_old: int
    level_new: int
    level_change: int = Field(description="level_new - level_old")
    insufficient_old: bool = False
    insufficient_new: bool = False
    concerns_resolved: list[ConcernChange] = []
    concerns_new: list[ConcernChange] = []
    concerns_kept: list[str] = []
    placeholders_left: int = Field(0, description="placeholders in this domain's chapters in the new version")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed(self) -> bool:
        return bool(self.level_change or self.concerns_resolved or self.concerns_new
                    or self.insufficient_old != self.insufficient_new)


class CheckChange(BaseModel):
    code: str
    name: str = ""
    passed_old: bool | None = Field(None, description="null when the old report had no such check")
    passed_new: bool | None = None


class PlaceholderChange(BaseModel):
    resolved: list[Placeholder] = Field([], description="in the old version, gone from the new (old location)")
    new: list[Placeholder] = Field([], description="in the new version only (new location)")
    left: list[Placeholder] = Field([], description="every placeholder still in the new version (new location)")


class Comparison(BaseModel):
    comparison_version: str = COMPARISON_VERSION
    old: Version
    new: Version
    identical: bool = Field(description="the two files have the same content")
    domains: list[DomainChange]
    checks_flipped: list[CheckChange]
    placeholders: PlaceholderChange
    unwritten_resolved: list[str] = Field([], description="chapter headings no longer empty or notes-only")
    unwritten_new: list[str] = []
    unwritten_left: list[str] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed(self) -> bool:
        """Did the judgement or the open places change (not just the words)?"""
        return bool(
            any(d.changed for d in self.domains)
            or self.checks_flipped
            or self.placeholders.resolved
            or self.placeholders.new
            or self.unwritten_resolved
            or self.unwritten_new
            or self.old.kind != self.new.kind
        )


def _version(r: Report) -> Version:
    d = r.dossier
    return Version(path=d.path, sha256=d.sha256, format=d.format, kind=d.kind, words=d.words)


def _key(p: Placeholder) -> tuple[str, str]:
    return (p.text.casefold(), " ".join(p.quote.split()).casefold())


def _multiset_diff(a: list[Placeholder], b: list[Placeholder]) -> list[Placeholder]:
    """Items of a not matched by an item of b (by key, counting repeats)."""
    left = Counter(_key(p) for p in b)
    out = []
    for p in a:
        k = _key(p)
        if left[k]:
            left[k] -= 1
        else:
            out.append(p)
    return out


def _concern(c, evidence_limit: int = 2) -> ConcernChange:
    return ConcernChange(code=c.code, title=c.title, evidence=c.evidence[:evidence_limit], missing=c.missing, tips=c.tips)


def compare(old: Report, new: Report) -> Comparison:
    old_domains = {d.code: d for d in old.domains}
    domains = []
    for d in new.domains:
        o = old_domains.get(d.code)
        if o is None:
            continue
        before = {c.code: c for c in o.concerns}
        after = {c.code: c for c in d.concerns}
        domains.append(
            DomainChange(
                code=d.code,
                name=d.name,
                level_old=o.level,
                level_new=d.level,
                level_change=d.level - o.level,
                insufficient_old=o.insufficient_evidence,
                insufficient_new=d.insufficient_evidence,
                concerns_resolved=[_concern(c) for code, c in before.items() if code not in after],
                concerns_new=[_concern(c) for code, c in after.items() if code not in before],
                concerns_kept=[code for code in after if code in before],
                placeholders_left=sum(p.domain == d.code for p in new.dossier.placeholders),
            )
        )
    old_checks = {c.code: c for c in old.checks}
    flipped = [
        CheckChange(code=c.code, name=c.name, passed_old=old_checks[c.code].passed if c.code in old_checks else None,
                    passed_new=c.passed)
        for c in new.checks
        if c.code not in old_checks or old_checks[c.code].passed != c.passed
    ]
    before_u = [e.quote for e in old.dossier.unwritten]
    after_u = [e.quote for e in new.dossier.unwritten]
    return Comparison(
        old=_version(old),
        new=_version(new),
        identical=bool(old.dossier.sha256) and old.dossier.sha256 == new.dossier.sha256,
        domains=domains,
        checks_flipped=flipped,
        placeholders=PlaceholderChange(
            resolved=_multiset_diff(old.dossier.placeholders, new.dossier.placeholders),
            new=_multiset_diff(new.dossier.placeholders, old.dossier.placeholders),
            left=list(new.dossier.placeholders),
        ),
        unwritten_resolved=[h for h in before_u if h not in after_u],
        unwritten_new=[h for h in after_u if h not in before_u],
        unwritten_left=[h for h in after_u if h in before_u],
    )
