"""The scoring engine: document model + rubric -> one Report.

Concerns are raised by their criteria (or, where none fired, by a sentence that strongly
resembles the labelled precedents of the concern: assessor/precedents.py), checks fail
by their criteria, and each domain's level is the highest whose rule in the rubric holds
(the catalogue's level descriptions written as rules), never a count of hits.
"""

from __future__ import annotations

from datetime import datetime, timezone

from assessor import __version__, kinds
from assessor.analysis import Analysis
from assessor.document import Document
from assessor.kinds.outcome import Outcome
from assessor.nlp import guess_language
from assessor.precedents import Precedents, load_precedents
from assessor.result import (
    Check,
    Concern,
    Domain,
    DossierInfo,
    Evidence,
    Finding,
    Placeholder,
    Report,
    RubricInfo,
)
from rubric.loader import precedents_path
from rubric.schema import ConcernSpec, CriterionBase, DomainSpec, LevelRule, Rubric

_MAX_EVIDENCE = 4


def assess(document: Document, rubric: Rubric, rubric_path: str | None = None) -> Report:
    analysis = Analysis(document, rubric)
    concerns = {c.code: _concern(c, analysis) for c in rubric.concerns}
    if rubric.precedents is not None:
        concerns = _with_precedents(concerns, rubric, analysis)
    checks = [_check(spec, analysis) for spec in rubric.checks]
    passed = {c.code: c.passed for c in checks}
    # a level rule may also name one criterion of a check: it holds when that criterion did not fire
    passed |= {cid: not d["fired"] for c in checks for cid, d in c.details.items()}
    domains = [_domain(d, rubric, analysis, concerns, passed) for d in rubric.domains]
    found = _found(concerns, checks)
    for domain, spec in zip(domains, rubric.domains):
        domain.reflection_questions = [q.text for q in spec.reflection_questions if found.intersection(q.when)]
    return Report(
        engine_version=__version__,
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        dossier=dossier_info(document, analysis),
        rubric=RubricInfo(name=rubric.name, version=rubric.version, path=rubric_path),
        domains=domains,
        checks=checks,
    )


def dossier_info(document: Document, analysis: Analysis) -> DossierInfo:
    language = guess_language(document.text)
    warnings = list(document.warnings)
    if language != "nl":
        named = "onbekend" if language == "unknown" else language
        warnings.append(f"De tekst lijkt niet Nederlands (taal: {named}); het oordeel is onbetrouwbaar.")
    vocab_hits = sum(len(analysis.hits(d.vocabulary)) for d in analysis.rubric.domains)
    if vocab_hits < 10:
        warnings.append("Dit document lijkt geen aanvraagdossier Samen Opleiden te zijn.")
    placeholders = _placeholders(analysis)
    unwritten = [_heading_evidence(analysis, i) for i in analysis.unwritten_chapters]
    draft = bool(placeholders or unwritten) or any(analysis.hits(t) for t in analysis.rubric.draft_themes)
    return DossierInfo(
        path=document.path,
        sha256=document.sha256,
        format=document.format,
        pages=document.pages,
        words=document.words,
        language=language,
        kind="draft" if draft else "final",
        warnings=warnings,
        placeholders=placeholders,
        unwritten=unwritten,
    )


def _placeholders(analysis: Analysis) -> list[Placeholder]:
    """Every placeholder with its place, as the dossier writes it."""
    out = []
    for h in analysis.placeholder_hits():
        e = analysis.evidence(h.sentence)
        out.append(Placeholder(**e.model_dump(), text=analysis.original(h), domain=analysis.sentences[h.sentence].domain))
    return out


def _heading_evidence(analysis: Analysis, block: int) -> Evidence:
    b = analysis.document.blocks[block]
    return Evidence(quote=b.text, page=b.page, section=b.text, paragraph=b.paragraph, block=block)


def _evaluate(criteria: list[CriterionBase], analysis: Analysis) -> list[tuple[CriterionBase, Outcome]]:
    return [(c, kinds.run(c, analysis)) for c in criteria]


def _collect(outcomes: list[tuple[CriterionBase, Outcome]], fired: bool) -> list[Evidence]:
    """The quotes of several criteria, taken in turn (each criterion's best first), so
    that a check of a starting situation AND leaders' support quotes both."""
    seen: set[tuple[int, str]] = set()
    out: list[Evidence] = []
    lists = [o.evidence if fired else o.support for _, o in outcomes]
    for rank in range(max(map(len, lists), default=0)):
        for quotes in lists:
            if rank >= len(quotes):
                continue
            e = quotes[rank]
            key = e.block if e.block is not None else hash(e.quote)
            if (key, e.quote) not in seen:
                seen.add((key, e.quote))
                out.append(e)
    return out[:_MAX_EVIDENCE]


def _concern(spec: ConcernSpec, analysis: Analysis) -> Concern | None:
    outcomes = _evaluate(spec.raised_when, analysis)
    fired = [(c, o) for c, o in outcomes if o.fired]
    if not fired:
        return None
    evidence = _collect(fired, fired=True)
    return Concern(
        code=spec.code,
        title=spec.title,
        zorg=spec.zorg,
        tips=spec.tips,
        criteria=[c.id for c, _ in fired],
        evidence=evidence,
        missing=_missing(fired, spec.missing, evidence),
    )


def precedents_of(rubric: Rubric) -> Precedents | None:
    """The rubric's precedents, read once per process (batch workers inherit them)."""
    spec = rubric.precedents
    return None if spec is None else load_precedents(precedents_path(spec.file), spec.neighbours)


def _with_precedents(concerns: dict[str, Concern | None], rubric: Rubric, analysis: Analysis) -> dict[str, Concern | None]:
    """Raise what no criterion raised where a sentence resembles the concern's precedents
    strongly: the criteria's patterns miss the words of new authors, resemblance less so."""
    spec, precedents = rubric.precedents, precedents_of(rubric)
    # a heading ("6.5 Sturen op uitkomsten") names a subject, a placeholder or an author's
    # note is no dossier text yet, and "Gele stukken zijn nog niet besproken" is about the
    # document: none says what the partnership does
    unsaid = analysis.unwritten_sentences
    found = precedents.resemblances([
        "" if s.index in unsaid or analysis.is_heading(s.index) or analysis.is_meta(s.index) else s.norm
        for s in analysis.sentences], normalized=True)
    out = dict(concerns)
    for c in rubric.concerns:
        r = found.get(c.code)
        if out.get(c.code) is None and r is not None and r.score > spec.raise_above:
            out[c.code] = Concern(code=c.code, title=c.title, zorg=c.zorg, tips=c.tips, criteria=[],
                                  evidence=[analysis.evidence(r.sentence)], precedent=r.precedent.text)
    return out


def _missing(fired: list[tuple[CriterionBase, Outcome]], default: str, evidence: list[Evidence]) -> str | None:
    """The 'missing' sentence: said whenever a criterion fired on what the dossier lacks."""
    lacks = [o.missing for _, o in fired if o.missing]
    if lacks:
        return lacks[0]
    return None if evidence else default


def _check(spec, analysis: Analysis) -> Check:
    outcomes = _evaluate(spec.fails_when, analysis)
    fired = [(c, o) for c, o in outcomes if o.fired]
    details = {c.id: {"fired": o.fired, **o.details} for c, o in outcomes}
    summary = [line for _, o in outcomes for line in o.summary]
    if fired:
        evidence = _collect(fired, fired=True)
        return Check(code=spec.code, name=spec.name, title=spec.description, passed=False, tips=spec.tips,
                     evidence=evidence, missing=_missing(fired, spec.missing, evidence), details=details,
                     summary=summary, causes=[_cause(c, o) for c, o in fired])
    return Check(code=spec.code, name=spec.name, title=spec.description, passed=True, tips=spec.tips,
                 evidence=_collect(outcomes, fired=False), details=details, summary=summary)


def _cause(criterion: CriterionBase, outcome: Outcome) -> Finding:
    """One reason a check fails: the criterion's description and where it shows, or
    what the dossier lacks."""
    evidence = outcome.evidence[:_MAX_EVIDENCE]
    missing = outcome.missing or (None if evidence else criterion.description or criterion.id)
    return Finding(code=criterion.id, title=criterion.description, evidence=evidence, missing=missing)


def _domain(
    spec: DomainSpec,
    rubric: Rubric,
    analysis: Analysis,
    concerns: dict[str, Concern | None],
    passed: dict[str, bool],
) -> Domain:
    raised = [c for code, c in concerns.items() if c and _domain_of(code, rubric) == spec.code]
    codes = {c.code for c in raised}
    # raised on weak evidence: by resemblance to precedents alone, or only because the
    # dossier is silent on something. On dossiers read at first sight such concerns were
    # often right and yet, counted fully, worsened the levels: a rule with `weak_counts`
    # (level 3) counts only those it names
    silent = _silent_criteria(rubric)
    weak = {c.code for c in raised if c.precedent is not None or (c.criteria and set(c.criteria) <= silent)}
    sentences = analysis.domain_sentence_counts.get(spec.code, 0)
    # a passage quoted for a concern cannot also prove a strength
    against = {e.quote for c in raised for e in c.evidence}
    strengths = []
    for s in spec.strengths:
        if s.opposes in codes:
            continue  # "er is een gezamenlijk curriculum" beside V3 would contradict the report
        o = kinds.run(s.criterion, analysis)
        evidence = [e for e in o.evidence if e.quote not in against]
        # a strength is best shown from the domain's own chapter, not from the Inleiding
        evidence.sort(key=lambda e: e.block is None or analysis.block_domains[e.block] != spec.code)
        if o.fired and evidence:
            strengths.append(Finding(code=s.code, title=s.title, evidence=evidence[:2]))
    insufficient = sentences < spec.min_sentences
    level, reason = 1, ""
    if insufficient:
        reason = f"Te weinig tekst over dit domein om te beoordelen ({sentences} zinnen)."
    else:
        for lvl in (4, 3, 2):
            rule = spec.levels.get(lvl)
            if rule is None:
                continue
            unmet = _unmet(rule, _counted(rule, codes, weak), passed, sentences, analysis, spec.code)
            if not unmet:
                level = lvl
                break
            reason = f"Niveau {lvl} niet gehaald: {unmet}."  # ends as the reason for level + 1
    evidence: list[Evidence] = []
    missing = None
    if level < 3:
        for c in raised:
            evidence += c.evidence[:1]
        if not evidence:
            missing = (
                f"Het dossier zegt te weinig over {spec.name.lower()}."
                if insufficient
                else next((c.missing for c in raised if c.missing), reason)
            )
    label = rubric.level_labels.get(level, "")
    return Domain(
        code=spec.code,
        name=spec.name,
        level=level,
        level_label=label,
        level_description=spec.level_descriptions.get(level, ""),
        insufficient_evidence=insufficient,
        rationale=_rationale(level, label, raised, reason, _weak_note(spec, codes, weak)),
        evidence=evidence[:_MAX_EVIDENCE],
        missing=missing,
        concerns=raised,
        strengths=strengths,
        tips=spec.tips,
    )


def _counted(rule: LevelRule, codes: set[str], weak: set[str]) -> set[str]:
    """The concerns a level rule counts: all, or with `weak_counts` those raised on weak
    evidence only when it names them."""
    return codes if rule.weak_counts == "all" else codes - (weak - set(rule.weak_counts))


def _weak_note(spec: DomainSpec, codes: set[str], weak: set[str]) -> str:
    """Which concerns raised on weak evidence a level rule leaves out, in Dutch."""
    return " ".join(
        f"Niveau {lvl} telt niet mee wat alleen op gelijkenis of stilte gemeld is: {', '.join(sorted(left))}."
        for lvl, rule in sorted(spec.levels.items(), reverse=True)
        if (left := codes - _counted(rule, codes, weak))
    )


def _silent_criteria(rubric: Rubric) -> set[str]:
    """The ids of the criteria that fire on what the dossier does not say (kind absent):
    a concern raised by these alone rests on silence."""
    return {k.id for c in rubric.concerns for k in c.raised_when if k.kind == "absent"}


def _unmet(
    rule: LevelRule, codes: set[str], passed: dict[str, bool], sentences: int, analysis: Analysis, domain: str
) -> str:
    """Why a level rule does not hold, in Dutch; empty when it holds."""
    blocking = sorted(codes) if rule.none_of == "all" else sorted(codes & set(rule.none_of))
    if blocking:
        return "zorgpunt " + ", ".join(blocking)
    together = next((g for g in rule.not_together if set(g) <= codes), None)
    if together:
        return "zorgpunten " + ", ".join(together) + " samen"
    if rule.max_concerns is not None and len(codes) > rule.max_concerns:
        return f"{len(codes)} zorgpunten (ten hoogste {rule.max_concerns})"
    failed = [c for c in rule.checks if not passed.get(c, False)]
    if failed:
        criteria = {cr.id: cr.description for k in analysis.rubric.checks for cr in k.fails_when}
        named = [f"check {c}" if c not in criteria else f"check {c.split('.')[0]} ({criteria[c] or c})" for c in failed]
        return ", ".join(named) + " niet gehaald"
    if sentences < rule.min_sentences:
        return f"te weinig uitwerking ({sentences} zinnen)"
    lacking = [t for t in rule.requires if not analysis.affirmed(t, [domain])]
    if lacking:
        themes = analysis.rubric.themes
        return "ontbreekt: " + ", ".join(themes[t].label or t for t in lacking)
    return ""


def _rationale(level: int, label: str, raised: list[Concern], reason: str, weak_note: str) -> str:
    head = f"Niveau {level} ({label})."
    if raised:
        head += " Zorgpunten: " + ", ".join(c.code for c in raised) + "."
    resembling = [c.code for c in raised if c.precedent is not None]
    if resembling:
        head += f" Op gelijkenis gemeld: {', '.join(resembling)}."
    if weak_note:  # else "voldoende" beside three concerns reads as a contradiction
        head += f" {weak_note}"
    if level < 4 and reason:
        head += " " + reason
    return head


def _found(concerns: dict[str, Concern | None], checks: list[Check]) -> set[str]:
    """What a reflection question can be asked for: raised concerns, failed checks and
    the ids of the criteria that fired."""
    found = {code for code, c in concerns.items() if c}
    found |= {cid for c in concerns.values() if c for cid in c.criteria}
    for k in checks:
        if not k.passed:
            found.add(k.code)
        found |= {cid for cid, d in k.details.items() if isinstance(d, dict) and d.get("fired")}
    return found


def _domain_of(code: str, rubric: Rubric) -> str | None:
    return next((c.domain for c in rubric.concerns if c.code == code), None)
