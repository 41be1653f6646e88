"""The overview of a round as one self-contained HTML page with inline SVG charts.

No external resources (a Content-Security-Policy forbids them; no fonts, scripts or
images to fetch): the page can be mailed, opened offline and printed. Charts: how often
each concern occurs, the levels per domain (stacked), the failed checks. Then the
dossier x concern matrix, the dossiers to look at first and those that could not be read.
"""

from __future__ import annotations

from html import escape

from assessor.overview import Overview
from assessor.render.common import LEVEL_COLOURS

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root { --ink: #1f2937; --muted: #6b7280; --line: #d1d5db; --soft: #f3f4f6; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); max-width: 75rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin: 0; }
svg.chart { width: 100%; max-width: 56rem; height: auto; display: block; margin: .5rem 0 1rem; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { padding: .25rem .45rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); }
table.matrix th.c, table.matrix td.c { text-align: center; padding: .2rem .15rem; min-width: 1.8rem; }
table.matrix th.c { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 600; }
td.on { color: #b91c1c; font-weight: 700; } td.off { color: #d1d5db; }
.lv { display: inline-block; min-width: 1.5em; border-radius: .25em; color: #fff; text-align: center; margin-right: .15em; }
.err { color: #b91c1c; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } table, svg { break-inside: avoid; } }
"""

_DOMAIN_COLOURS = ("#1d4ed8", "#7c3aed", "#0f766e", "#b45309", "#be185d", "#4b5563")


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _bars(rows: list[tuple[str, str, int, int, str]], label_width: int = 210, width: int = 860) -> str:
    """Horizontal bars: (label, tooltip, count, of, colour)."""
    bar_h, gap, top = 18, 6, 4
    height = top + len(rows) * (bar_h + gap) + 4
    span = width - label_width - 110
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img">']
    for i, (label, tip, count, of, colour) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = round(span * count / of, 1) if of else 0
        out.append(f'<g><title>{e(tip)}</title>'
                   f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{e(label)}</text>'
                   f'<rect x="{label_width}" y="{y}" width="{span}" height="{bar_h}" fill="#f3f4f6"/>'
                   f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"/>'
                   f'<text x="{label_width + span + 8}" y="{y + 13}">{count} van {of}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _stacked(ov: Overview, label_width: int = 210, width: int = 860) -> str:
    bar_h, gap, top = 22, 8, 4
    height = top + len(ov.domains) * (bar_h + gap) + 4
    span = width - label_width - 20
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img">']
    for i, d in enumerate(ov.domains):
        y = top + i * (bar_h + gap)
        total = sum(d.levels.values())
        out.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{e(d.name or d.code)}</text>')
        x = float(label_width)
        for lv in (1, 2, 3, 4):
            n = d.levels.get(lv, 0)
            if not n or not total:
                continue
            w = span * n / total
            out.append(f'<g><title>{e(d.name or d.code)}: niveau {lv} bij {n} van {total} dossiers</title>'
                       f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#{LEVEL_COLOURS[lv]}"/>')
            if w > 22:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" style="fill:#fff">{n}</text>')
            out.append("</g>")
            x += w
    out.append("</svg>")
    return "".join(out)


def render_overview_html(ov: Overview) -> str:
    colours = {d.code: _DOMAIN_COLOURS[i % len(_DOMAIN_COLOURS)] for i, d in enumerate(ov.domains)}
    domain_names = {d.code: d.name or d.code for d in ov.domains}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Overzicht van de ronde</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Overzicht van de ronde</h1>",
        f'<p class="meta">{ov.dossiers} dossiers, {ov.assessed} beoordeeld'
        + (f', <span class="err">{ov.failed} niet te lezen</span>' if ov.failed else "")
        + (f"; rubric {e(ov.rubric)}" if ov.rubric else "") + "</p>",
        "<h2>Zorgpunten</h2>",
        '<p class="legend">' + "".join(f'<span><i style="background:{colours[d.code]}"></i>{e(domain_names[d.code])}</span>'
                                       for d in ov.domains) + "</p>",
        _bars([(f"{c.code} {c.title}"[:34], f"{c.code}: {c.count} van {c.of} dossiers", c.count, c.of,
                colours.get(c.domain, "#4b5563")) for c in ov.concerns]),
        "<h2>Niveaus per domein</h2>",
        '<p class="legend">' + "".join(f'<span><i style="background:#{LEVEL_COLOURS[lv]}"></i>niveau {lv}</span>'
                                       for lv in (1, 2, 3, 4)) + "</p>",
        _stacked(ov),
        "<table><tr><th>Domein</th>" + "".join(f"<th>niveau {lv}</th>" for lv in (1, 2, 3, 4))
        + "<th>te weinig tekst</th></tr>"
        + "".join(f"<tr><td>{e(d.name or d.code)}</td>" + "".join(f"<td>{d.levels.get(lv, 0)}</td>" for lv in (1, 2, 3, 4))
                  + f"<td>{d.insufficient}</td></tr>" for d in ov.domains) + "</table>",
        "<h2>Checks</h2>",
        _bars([(k.name or k.code, f"{k.name or k.code}: voldoet niet bij {k.failed} van {k.of} dossiers", k.failed, k.of,
                "#b91c1c") for k in ov.checks]),
    ]
    if ov.attention:
        parts += ["<h2>Eerst bekijken</h2>", "<table><tr><th>Dossier</th><th>Punten</th><th>Waarom</th></tr>"]
        parts += [f"<tr><td>{e(r.name)}</td><td>{r.score}</td><td>{e('; '.join(r.reasons))}</td></tr>" for r in ov.attention]
        parts.append("</table>")
        parts.append('<p class="meta">Punten: 3 per domein op niveau 1, 1 per domein op niveau 2, 1 per zorgpunt, '
                     "2 per check die niet voldoet.</p>")
    parts += ["<h2>Dossier × zorgpunt</h2>", '<table class="matrix"><tr><th>Dossier</th>']
    parts += [f'<th title="{e(domain_names[c])}">{e(domain_names[c][:5])}</th>' for c in ov.domain_codes]
    parts += [f'<th class="c" title="{e(c.title)}">{e(c.code)}</th>' for c in ov.concerns]
    parts.append("<th>Checks niet gehaald</th></tr>")
    for row in ov.rows:
        if row.error is not None:
            span = len(ov.domain_codes) + len(ov.concerns) + 1
            parts.append(f'<tr><td>{e(row.name)}</td><td colspan="{span}" class="err">niet te lezen: {e(row.error)}</td></tr>')
            continue
        cells = [f"<tr><td>{e(row.name)}</td>"]
        for code in ov.domain_codes:
            lv = row.levels.get(code)
            cells.append(f'<td><span class="lv" style="background:#{LEVEL_COLOURS.get(lv, "9ca3af")}">{lv or "-"}</span></td>')
        for c in ov.concern_codes:
            cells.append('<td class="c on" title="%s">●</td>' % e(c) if c in row.concerns else '<td class="c off">·</td>')
        cells.append(f"<td>{e(', '.join(row.failed_checks)) or '-'}</td></tr>")
        parts.append("".join(cells))
    parts.append("</table>")
    failed = [r for r in ov.rows if r.error is not None]
    if failed:
        parts += ["<h2>Niet te lezen</h2>", "<table><tr><th>Dossier</th><th>Reden</th></tr>"]
        parts += [f"<tr><td>{e(r.path)}</td><td>{e(r.error)}</td></tr>" for r in failed]
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
