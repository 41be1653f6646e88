"""Formative feedback for applicants (--voor-aanvrager): what is there, what is missing,
what to do next. No verdict: no levels, no labels, no "voldoet (niet)".

Applicants run the engine on their drafts many times while they write. They need the
same findings as the panel, worded as work still to do: per domain the strengths (with
quotes), the concerns as things still missing (with the passage they show in) and the
rubric's tips as next steps; the placeholders and unwritten chapters with their place;
the checks that do not yet hold, per cause. This module only rewords the result model:
`feedback()` regroups a Report, and the terminal, Markdown and the annotated draft
(assessor/render/annotate.py) print what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assessor.render.common import check_title, concern_title, domain_title, precedent_note, where
from assessor.result import Check, Concern, Domain, Evidence, Placeholder, Report

TITLE = {"draft": "Feedback op je concept", "final": "Feedback op je aanvraag"}
INTRO = (
    "Dit overzicht helpt je verder schrijven: wat er al staat, wat nog ontbreekt en wat een "
    "volgende stap kan zijn. Het is geen beoordeling."
)
HAVE = "Wat er al staat"
LACK = "Wat nog ontbreekt"
NEXT = "Volgende stap"
ALSO = "Ook"
OPEN = "Nog in te vullen"
UNWRITTEN = "Nog niet uitgeschreven"
UNWRITTEN_LINE = "dit hoofdstuk is nog leeg of bevat alleen aantekeningen"
QUESTIONS = "Vragen om samen over te praten"
CHECKS = "Samenhang en volledigheid"
IN_ORDER = "Al op orde"
TO_DO = "Nog te doen"
NOTHING_YET = "Hier herkent de rubric nog geen uitgewerkte sterke punten."
NOTHING_MISSING = "Geen openstaande punten gevonden."
THIN = "Dit domein is nog nauwelijks uitgeschreven: schrijf er lopende tekst over."
SHOWN_IN = "Zie"
STRENGTH = "Sterk punt"


@dataclass
class Lack:
    """One thing still missing: what, why it shows (a passage) and what to do next."""

    title: str
    detail: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


@dataclass
class DomainFeedback:
    code: str
    title: str
    have: list[tuple[str, Evidence | None]]
    lacks: list[Lack]
    steps: list[str]
    open_places: int
    questions: list[str]


@dataclass
class Feedback:
    title: str
    path: str
    domains: list[DomainFeedback]
    placeholders: list[tuple[str, list[str]]]
    """(place, placeholders there) in reading order."""
    unwritten: list[tuple[str, str]]
    """(heading, place)."""
    to_do: list[tuple[str, list[Lack], list[str]]]
    """Checks that do not hold yet: (name, causes, tips)."""
    in_order: list[str]


def concern_lack(c: Concern) -> Lack:
    return Lack(title=concern_title(c), detail=c.missing or precedent_note(c), evidence=list(c.evidence), steps=list(c.tips))


def domain_feedback(d: Domain, placeholders: list[Placeholder]) -> DomainFeedback:
    have = [(s.title, s.evidence[0] if s.evidence else None) for s in d.strengths]
    lacks = [concern_lack(c) for c in d.concerns]
    if d.insufficient_evidence:
        lacks.insert(0, Lack(title=THIN, detail=d.missing))
    steps = [] if d.concerns else list(d.tips)
    return DomainFeedback(
        code=d.code,
        title=domain_title(d),
        have=have,
        lacks=lacks,
        steps=steps,
        open_places=sum(p.domain == d.code for p in placeholders),
        questions=list(getattr(d, "reflection_questions", []) or []),
    )


def placeholder_groups(placeholders: list[Placeholder]) -> list[tuple[str, list[str]]]:
    """Placeholders by place, in reading order; repeats within one place counted ("XX (15×)")."""
    groups: dict[str, list[str]] = {}
    for p in placeholders:
        groups.setdefault(where(p), []).append(p.text)
    out = []
    for place, texts in groups.items():
        counted = {t: texts.count(t) for t in texts}
        out.append((place, [t if n == 1 else f"{t} ({n}×)" for t, n in counted.items()]))
    return out


def check_lacks(c: Check) -> list[Lack]:
    causes = c.causes or [c]
    return [Lack(title=k.title or check_title(c), detail=k.missing, evidence=list(k.evidence)) for k in causes]


def feedback(report: Report) -> Feedback:
    info = report.dossier
    return Feedback(
        title=TITLE.get(info.kind, TITLE["final"]),
        path=info.path,
        domains=[domain_feedback(d, info.placeholders) for d in report.domains],
        placeholders=placeholder_groups(info.placeholders),
        unwritten=[(e.quote, where(Evidence(quote=e.quote, page=e.page, paragraph=e.paragraph))) for e in info.unwritten],
        to_do=[(check_title(c), check_lacks(c), list(c.tips)) for c in report.checks if not c.passed],
        in_order=[check_title(c) for c in report.checks if c.passed],
    )


def headline(f: Feedback) -> str:
    """'31 plekken nog in te vullen, 2 hoofdstukken nog niet uitgeschreven, 6 punten om aan te werken.'"""
    places = sum(len(texts) for _, texts in f.placeholders)
    n_places = sum(_count(t) for _, texts in f.placeholders for t in texts)
    lacks = sum(len(d.lacks) for d in f.domains)
    parts = []
    if places:
        parts.append(f"{n_places} {'plek' if n_places == 1 else 'plekken'} nog in te vullen")
    if f.unwritten:
        n = len(f.unwritten)
        parts.append(f"{n} {'hoofdstuk' if n == 1 else 'hoofdstukken'} nog niet uitgeschreven")
    parts.append(f"{lacks} {'punt' if lacks == 1 else 'punten'} om aan te werken")
    return ", ".join(parts).capitalize() + "."


def _count(text: str) -> int:
    """'XX (15×)' counts 15."""
    if text.endswith("×)") and " (" in text:
        try:
            return int(text.rsplit(" (", 1)[1][:-2])
        except ValueError:
            return 1
    return 1


# --------------------------------------------------------------------------- terminal


def _grid(rows: list[tuple[str, str | Text, str]]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text, style in rows:
        grid.add_row(Text(label, style=style), text if isinstance(text, Text) else Text(text))
    return grid


def _quote(e: Evidence) -> Text:
    return Text.assemble(f"“{e.quote}”", ("  ", ""), (f"({where(e)})", "cyan"))


def _lack_parts(lack: Lack, quotes: int, indent: str = "  ") -> list[RenderableType]:
    parts: list[RenderableType] = [Text.assemble((f"{indent}- ", "magenta"), (lack.title, "bold"))]
    rows: list[tuple[str, str | Text, str]] = []
    if lack.detail and lack.detail != lack.title:
        rows.append((f"{indent}  ", lack.detail, ""))
    for e in lack.evidence[:quotes]:
        rows.append((f"{indent}  {SHOWN_IN}:", _quote(e), "dim"))
    rows += _step_rows(lack.steps, indent + "  ")
    if rows:
        parts.append(_grid(rows))
    return parts


def _step_rows(steps: list[str], indent: str) -> list[tuple[str, str | Text, str]]:
    return [(f"{indent}{NEXT if i == 0 else ALSO}:", step, "green") for i, step in enumerate(steps)]


def _domain_panel(d: DomainFeedback, quotes: int) -> Panel:
    parts: list[RenderableType] = [Text(HAVE, style="bold green")]
    if d.have:
        for title, e in d.have:
            parts.append(_grid([("  +", title, "green")] + ([("   ", _quote(e), "dim")] if e else [])))
    else:
        parts.append(Text("  " + NOTHING_YET, style="dim"))
    parts += [Text(""), Text(LACK, style="bold magenta")]
    for lack in d.lacks:
        parts += _lack_parts(lack, quotes)
    if not d.lacks:
        parts.append(Text("  " + NOTHING_MISSING, style="dim"))
    if d.steps:
        parts.append(_grid(_step_rows(d.steps, "  ")))
    if d.open_places:
        n = d.open_places
        parts.append(Text(f"  {n} {'plek' if n == 1 else 'plekken'} in dit domein nog in te vullen (zie {OPEN.lower()}).", style="yellow"))
    if d.questions:
        parts += [Text(""), Text(QUESTIONS, style="bold"), _grid([("  ?", q, "cyan") for q in d.questions])]
    return Panel(Group(*parts), title=d.title, title_align="left", border_style="blue")


def print_formative(report: Report, console: Console, verbose: bool = False, quiet: bool = False) -> None:
    f = feedback(report)
    console.print(Text(f.title, style="bold"), Text(f.path))
    console.print(INTRO, style="dim")
    for w in report.dossier.warnings:
        console.print(Text.assemble(("Let op: ", "yellow"), w))
    console.print(Text(headline(f), style="bold"))
    if f.placeholders:
        console.print(Text(OPEN, style="bold yellow"))
        console.print(_grid([(f"  {place}:", ", ".join(texts), "cyan") for place, texts in f.placeholders]))
    if f.unwritten:
        console.print(Text(UNWRITTEN, style="bold yellow"))
        console.print(_grid([(f"  {heading}", f"({place}) {UNWRITTEN_LINE}", "cyan") for heading, place in f.unwritten]))
    if quiet:
        return
    quotes = 10 if verbose else 1
    for d in f.domains:
        console.print(_domain_panel(d, quotes))
    parts: list[RenderableType] = []
    for name, causes, tips in f.to_do:
        parts.append(Text.assemble((f"{TO_DO}: ", "magenta"), (name, "bold")))
        for lack in causes:
            parts += _lack_parts(lack, 10 if verbose else 3)
        if tips:
            parts.append(_grid(_step_rows(tips, "  ")))
        parts.append(Text(""))
    if f.in_order:
        parts.append(Text.assemble((f"{IN_ORDER}: ", "green"), ", ".join(f.in_order)))
    console.print(Panel(Group(*parts), title=CHECKS, title_align="left", border_style="blue"))


# --------------------------------------------------------------------------- Markdown


def formative_markdown(report: Report) -> str:
    from assessor.render.markdown import md

    f = feedback(report)
    out = [f"# {f.title}\n", f"**Dossier:** `{f.path}`\n", f"_{INTRO}_\n"]
    out += [f"> **Let op:** {md(w)}\n" for w in report.dossier.warnings]
    out.append(f"**{md(headline(f))}**\n")
    if f.placeholders:
        out.append(f"## {OPEN}\n")
        out.append("\n".join(f"- _{md(place)}_: {md(', '.join(texts))}" for place, texts in f.placeholders) + "\n")
    if f.unwritten:
        out.append(f"## {UNWRITTEN}\n")
        out.append("\n".join(f"- **{md(h)}** (_{md(place)}_): {UNWRITTEN_LINE}" for h, place in f.unwritten) + "\n")

    def lack_md(lack: Lack) -> list[str]:
        lines = [f"- **{md(lack.title)}**"]
        if lack.detail and lack.detail != lack.title:
            lines.append(f"  {md(lack.detail)}")
        lines += [f"  {SHOWN_IN}: “{md(e.quote)}” (_{md(where(e))}_)" for e in lack.evidence[:1]]
        lines += [f"  {NEXT if i == 0 else ALSO}: {md(s)}" for i, s in enumerate(lack.steps)]
        return ["  \n".join(lines)]

    for d in f.domains:
        out.append(f"## {md(d.title)}\n")
        out.append(f"### {HAVE}\n")
        if d.have:
            out.append("\n".join(f"- {md(t)}" + (f"  \n  “{md(e.quote)}” (_{md(where(e))}_)" if e else "") for t, e in d.have) + "\n")
        else:
            out.append(f"{NOTHING_YET}\n")
        out.append(f"### {LACK}\n")
        lines = [x for lack in d.lacks for x in lack_md(lack)]
        out.append(("\n".join(lines) if lines else NOTHING_MISSING) + "\n")
        if d.steps:
            out.append("\n".join(f"**{NEXT if i == 0 else ALSO}:** {md(s)}  " for i, s in enumerate(d.steps)) + "\n")
        if d.open_places:
            out.append(f"_{d.open_places} {'plek' if d.open_places == 1 else 'plekken'} in dit domein nog in te vullen._\n")
        if d.questions:
            out.append(f"### {QUESTIONS}\n")
            out.append("\n".join(f"- {md(q)}" for q in d.questions) + "\n")
    out.append(f"## {CHECKS}\n")
    for name, causes, tips in f.to_do:
        out.append(f"### {TO_DO}: {md(name)}\n")
        out.append("\n".join(x for lack in causes for x in lack_md(lack)) + "\n")
        if tips:
            out.append("\n".join(f"**{NEXT if i == 0 else ALSO}:** {md(t)}  " for i, t in enumerate(tips)) + "\n")
    if f.in_order:
        out.append(f"**{IN_ORDER}:** {md(', '.join(f.in_order))}\n")
    return "\n".join(out)


def render_formative_markdown(results) -> str:
    from assessor.render.markdown import render_many

    return render_many(results, formative_markdown, TITLE["final"])
