"""Terminal tables for an agreement run (assessor.evaluation.Scores)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from assessor.evaluation import LEVELS, Scores, per_case_rows


def print_agreement(scores: Scores, console: Console, details: bool = False, judge: str = "engine") -> None:
    files = sum(len(c.verdicts) for c in scores.cases)
    console.print(f"[bold]Overeenstemming[/bold] op {len(scores.cases)} dossiers ({files} bestanden)")
    t = Table(show_header=True)
    t.add_column("Maat")
    t.add_column("Waarde", justify="right")
    t.add_row("zorgpunten precisie", f"{scores.precision:.2f}")
    t.add_row("zorgpunten recall", f"{scores.recall:.2f}")
    t.add_row("zorgpunten F1", f"{scores.f1:.2f}")
    t.add_row("vallen (traps) ten onrechte gemeld", f"{scores.trap_hits} van {scores.traps}")
    t.add_row("niveau exact", f"{scores.level_exact:.2f}")
    t.add_row("niveau binnen één", f"{scores.level_within_one:.2f}")
    t.add_row("niveau QWK", f"{scores.qwk:.2f}")
    t.add_row("checks juist", f"{scores.check_accuracy:.2f} ({scores.check_right}/{scores.check_total})")
    t.add_row("concept/definitief juist", f"{scores.kind_right}/{files}")
    t.add_row("PDF-vs-DOCX verschillen", str(len(scores.format_disagreements)))
    console.print(t)
    if scores.format_disagreements:
        console.print("Verschil PDF/DOCX: " + ", ".join(scores.format_disagreements))
    for domain in sorted({d for d, _, _ in scores.level_pairs}):
        conf = scores.confusion(domain)
        ct = Table(title=f"{domain}: label (rij) × {judge} (kolom)", title_justify="left")
        ct.add_column("")
        for e in LEVELS:
            ct.add_column(str(e), justify="right")
        for g in LEVELS:
            ct.add_row(str(g), *[str(conf.get((g, e), "")) for e in LEVELS])
        console.print(ct)
    for e in scores.errors:
        console.print(f"[red]fout:[/red] {e}")
    if details:
        dt = Table(title="Per dossier", title_justify="left")
        for col in ("dossier", "gemist", "extra", f"niveaus/checks (label>{judge})"):
            dt.add_column(col)
        for row in per_case_rows(scores):
            dt.add_row(*row)
        console.print(dt)
