"""Terminal rendering of a Comparison (assessor/compare.py): what changed between two
versions of a dossier. Only reads the comparison.

`print_comparison` is `assess compare`: the whole picture, per domain, including what
did not change. `print_changes` is what watch mode prints after a save: only what
changed, or one line saying nothing did. With `formative`, levels are not shown as
numbers (the applicant's wording: stronger, weaker), as in --voor-aanvrager.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assessor.compare import Comparison, ConcernChange, DomainChange
from assessor.render.common import KIND, verdict, where
from assessor.render.formative import placeholder_groups

TITLE = "Vergelijking van twee versies"
NO_CHANGE = "Geen verandering in de beoordeling."
IDENTICAL = "De twee bestanden zijn gelijk."


def _level(d: DomainChange, formative: bool) -> str:
    if formative:
        if d.level_change > 0:
            return "sterker geworden"
        if d.level_change < 0:
            return "zwakker geworden"
        return "gelijk gebleven"
    if d.level_change:
        return f"niveau {d.level_old} → {d.level_new}"
    return f"niveau {d.level_new} (gelijk)"


def _check_state(passed: bool | None, formative: bool) -> str:
    if passed is None:
        return "nieuw"
    if formative:
        return "op orde" if passed else "nog te doen"
    return verdict(passed)


def _concern_line(prefix: str, c: ConcernChange, style: str) -> Text:
    text = Text.assemble((prefix, style), (f"{c.code} {c.title}".strip(), "bold"))
    if c.evidence:
        e = c.evidence[0]
        text.append(f"\n      “{e.quote}” ", style="dim")
        text.append(f"({where(e)})", style="cyan")
    elif c.missing:
        text.append(f"\n      {c.missing}", style="dim")
    return text


def _header(cmp: Comparison, console: Console) -> None:
    console.print(Text(TITLE, style="bold"))
    old, new = cmp.old, cmp.new
    console.print(Text.assemble("  oud:   ", (old.path, "bold"), f"  ({KIND.get(old.kind, old.kind)}, {old.words or 0} woorden)"))
    console.print(Text.assemble("  nieuw: ", (new.path, "bold"), f"  ({KIND.get(new.kind, new.kind)}, {new.words or 0} woorden)"))
    if cmp.identical:
        console.print(IDENTICAL, style="dim")


def _domain_lines(d: DomainChange, formative: bool) -> list[Text]:
    out = [Text.assemble((d.name or d.code, "bold"), ": ", _level(d, formative))]
    if d.insufficient_old and not d.insufficient_new:
        out.append(Text("  + nu genoeg tekst om te beoordelen", style="green"))
    if d.insufficient_new and not d.insufficient_old:
        out.append(Text("  - nu te weinig tekst om te beoordelen", style="red"))
    out += [_concern_line("  + opgelost: ", c, "green") for c in d.concerns_resolved]
    out += [_concern_line("  - nieuw:    ", c, "red") for c in d.concerns_new]
    return out


def _placeholder_lines(cmp: Comparison, list_left: bool) -> list[Text]:
    ph = cmp.placeholders
    out: list[Text] = []
    if ph.resolved or ph.new or list_left:
        out.append(Text.assemble(("Open plekken: ", "bold"),
                                 f"{len(ph.resolved)} ingevuld, {len(ph.new)} nieuw, {len(ph.left)} nog open"))
    for place, texts in placeholder_groups(ph.resolved):
        out.append(Text.assemble(("  + ingevuld: ", "green"), ", ".join(texts), (f"  (was {place})", "cyan")))
    for place, texts in placeholder_groups(ph.new):
        out.append(Text.assemble(("  - nieuw:    ", "red"), ", ".join(texts), (f"  ({place})", "cyan")))
    if list_left:
        for place, texts in placeholder_groups(ph.left):
            out.append(Text.assemble(("    nog open: ", "yellow"), ", ".join(texts), (f"  ({place})", "cyan")))
    return out


def _unwritten_lines(cmp: Comparison, list_left: bool) -> list[Text]:
    out = [Text.assemble(("  + uitgeschreven: ", "green"), h) for h in cmp.unwritten_resolved]
    out += [Text.assemble(("  - nu leeg of alleen aantekeningen: ", "red"), h) for h in cmp.unwritten_new]
    if list_left:
        out += [Text.assemble(("    nog niet uitgeschreven: ", "yellow"), h) for h in cmp.unwritten_left]
    return [Text("Hoofdstukken", style="bold"), *out] if out else []


def print_comparison(cmp: Comparison, console: Console, formative: bool = False) -> None:
    """The whole comparison (assess compare)."""
    _header(cmp, console)
    table = Table(title="Per domein", title_justify="left")
    table.add_column("Domein")
    table.add_column("Oordeel" if not formative else "Richting", no_wrap=True)
    table.add_column("Opgelost")
    table.add_column("Nieuw")
    table.add_column("Open plekken", justify="right")
    for d in cmp.domains:
        table.add_row(
            d.name or d.code,
            _level(d, formative),
            ", ".join(c.code for c in d.concerns_resolved) or "-",
            ", ".join(c.code for c in d.concerns_new) or "-",
            str(d.placeholders_left),
        )
    console.print(table)
    for d in cmp.domains:
        if d.concerns_resolved or d.concerns_new or d.insufficient_old != d.insufficient_new:
            for line in _domain_lines(d, formative):
                console.print(line)
    _print_checks(cmp, console, formative, always=True)
    for line in _placeholder_lines(cmp, list_left=True) + _unwritten_lines(cmp, list_left=True):
        console.print(line)
    if not cmp.changed:
        console.print(NO_CHANGE, style="dim")


def _print_checks(cmp: Comparison, console: Console, formative: bool, always: bool) -> None:
    if cmp.checks_flipped:
        console.print(Text("Checks die omsloegen", style="bold"))
        for c in cmp.checks_flipped:
            good = bool(c.passed_new)
            console.print(Text.assemble(("  + " if good else "  - ", "green" if good else "red"), (c.name or c.code, "bold"),
                                        f": {_check_state(c.passed_old, formative)} → {_check_state(c.passed_new, formative)}"))
    elif always:
        console.print(Text("Geen checks omgeslagen.", style="dim"))


def print_changes(cmp: Comparison, console: Console, formative: bool = False, stamp: str = "") -> None:
    """Only what changed (watch mode): one line when nothing did."""
    head = f"[{stamp}] " if stamp else ""
    if not cmp.changed:
        console.print(Text(head + (IDENTICAL if cmp.identical else NO_CHANGE), style="dim"))
        return
    console.print(Text(head + "Wat er veranderde:", style="bold"))
    if cmp.old.kind != cmp.new.kind:
        console.print(f"  {KIND.get(cmp.old.kind, cmp.old.kind)} → {KIND.get(cmp.new.kind, cmp.new.kind)}")
    for d in cmp.domains:
        if d.changed:
            for line in _domain_lines(d, formative):
                console.print(line)
    _print_checks(cmp, console, formative, always=False)
    for line in _placeholder_lines(cmp, list_left=False) + _unwritten_lines(cmp, list_left=False):
        console.print(line)
    if cmp.placeholders.left and not (cmp.placeholders.resolved or cmp.placeholders.new):
        console.print(Text(f"Open plekken: nog {len(cmp.placeholders.left)} open.", style="dim"))
