"""HTML report (--format html): one self-contained page a panel can mail, open and print.

No external resources at all (a Content-Security-Policy forbids them), so the page works
offline and leaks nothing. The four levels are an inline SVG bar chart; quotes sit in
<details> so the page stays short on screen, and are opened for print.
"""

from __future__ import annotations

from html import escape

from assessor.render.common import (
    CHECKS_TITLE,
    LEVEL_COLOURS,
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

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

_CSS = """
:root { --ink: #1f2937; --muted: #6b7280; --line: #d1d5db; --soft: #f3f4f6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.meta { color: var(--muted); margin: 0; } .warning { background: #fef3c7; padding: .4rem .7rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); } td.level { text-align: center; font-weight: 700; }
.badge { display: inline-block; min-width: 1.8em; padding: 0 .4em; border-radius: .3em; color: #fff; text-align: center; }
.pass { color: #15803d; } .fail { color: #b91c1c; font-weight: 600; }
svg.levels { width: 100%; max-width: 40rem; height: auto; display: block; margin: .5rem 0 1rem; }
svg.levels text { font: 13px system-ui, sans-serif; fill: var(--ink); }
.rationale { font-style: italic; color: var(--muted); }
article.concern, article.check { border-left: 4px solid var(--line); padding: .1rem 0 .3rem 1rem; margin: 1rem 0; }
article.check.failed, article.concern { border-left-color: #b91c1c; }
details { margin: .3rem 0; } summary { cursor: pointer; color: #1d4ed8; }
blockquote { margin: .4rem 0 .4rem 1rem; padding-left: .7rem; border-left: 3px solid var(--line); }
blockquote cite { display: block; color: var(--muted); font-size: .9em; font-style: normal; }
.label { font-weight: 700; } p.label { margin-bottom: 0; } ul.tips { margin-top: .2rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  details::details-content { content-visibility: visible; display: block; }
  summary { display: none; }
  a { color: inherit; text-decoration: none; }
  article, tr, blockquote, svg.levels { break-inside: avoid; }
  article.report + article.report { break-before: page; }
  h2, h3 { break-after: avoid; }
}
"""

# Older browsers without ::details-content still print every quote.
_SCRIPT = "window.addEventListener('beforeprint',()=>document.querySelectorAll('details').forEach(d=>d.open=true));"


def e(text: object) -> str:
    return escape(str(text), quote=True)


def level_chart(report: Report, p: str = "") -> str:
    """Horizontal bars, one per domain, on a 1-4 axis: the judgement at a glance."""
    label_w, bar_w, row_h, top = 210, 360, 34, 10
    height = top + row_h * len(report.domains) + 28
    parts = [
        f'<svg class="levels" role="img" viewBox="0 0 {label_w + bar_w + 30} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{p}chart-title">',
        f'<title id="{p}chart-title">Niveau per domein (1 tot en met 4)</title>',
    ]
    axis_y = top + row_h * len(report.domains)
    for level in range(0, 5):
        x = label_w + bar_w * level / 4
        parts.append(f'<line x1="{x:.0f}" y1="{top - 4}" x2="{x:.0f}" y2="{axis_y}" stroke="#d1d5db"/>')
        parts.append(f'<text x="{x:.0f}" y="{axis_y + 18}" text-anchor="middle">{level}</text>')
    for i, d in enumerate(report.domains):
        y = top + i * row_h
        width = bar_w * d.level / 4
        colour = LEVEL_COLOURS.get(d.level, "6B7280")
        parts.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end">{e(domain_title(d))}</text>')
        parts.append(
            f'<rect class="bar" data-level="{d.level}" x="{label_w}" y="{y + 5}" width="{width:.0f}" '
            f'height="{row_h - 12}" rx="3" fill="#{colour}"><title>{e(domain_title(d))}: {e(level_text(d))}</title></rect>'
        )
        parts.append(f'<text x="{label_w + width - 8:.0f}" y="{y + 20}" text-anchor="end" fill="#fff" style="fill:#fff;font-weight:700">{d.level}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _quotes(evidence: list[Evidence], what: str = "Citaten") -> str:
    if not evidence:
        return ""
    items = "".join(f"<blockquote>“{e(q.quote)}”<cite>{e(where(q))}</cite></blockquote>" for q in evidence)
    return f"<details><summary>{what} ({len(evidence)})</summary>{items}</details>"


def _labelled(label: str, text: str | None, cls: str) -> str:
    return f'<p class="{cls}"><span class="label">{label}:</span> {e(text)}</p>' if text else ""


def _tips(tips: list[str]) -> str:
    if not tips:
        return ""
    return f'<p class="label">{TIP}s:</p><ul class="tips">{"".join(f"<li>{e(t)}</li>" for t in tips)}</ul>'


def _concern(c: Concern, p: str) -> str:
    return (
        f'<article class="concern" id="{p}{e(c.code)}"><h3>{e(concern_title(c))}</h3>{_quotes(c.evidence)}'
        f'{_labelled(MISSING, c.missing, "missing")}{_labelled(RESEMBLES, precedent_note(c), "missing")}'
        f'{_labelled(ZORG, c.zorg, "zorg")}{_tips(c.tips)}</article>'
    )


def _domain(d: Domain, p: str) -> str:
    colour = LEVEL_COLOURS.get(d.level, "6B7280")
    out = [
        f'<section class="domain" id="{p}domein-{e(d.code)}"><h2>{e(domain_title(d))} '
        f'<span class="badge" style="background:#{colour}">{d.level}</span></h2>',
        f'<p class="rationale">{e(d.rationale or level_text(d))}</p>',
    ]
    out.append(_labelled(MISSING, domain_missing(d), "missing"))
    out += [_concern(c, p) for c in d.concerns]
    if d.strengths:
        out.append(f"<h3>{STRENGTHS_TITLE}</h3><ul>")
        out += [f"<li>{e(s.title)}{_quotes(s.evidence, 'Citaat' if len(s.evidence) == 1 else 'Citaten')}</li>" for s in d.strengths]
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _check(c: Check, p: str) -> str:
    cls = "check" if c.passed else "check failed"
    body = f'<p class="rationale">{e(c.title)}</p>' if c.title else ""
    if c.summary:
        body += "<ul>" + "".join(f"<li>{e(line)}</li>" for line in c.summary) + "</ul>"
    body += _quotes(c.evidence)
    if not c.passed:
        body += _labelled(MISSING, c.missing, "missing") + _tips(c.tips)
    status = f'<span class="{"pass" if c.passed else "fail"}">{verdict(c.passed)}</span>'
    return f'<article class="{cls}" id="{p}check-{e(c.code)}"><h3>{e(check_title(c))}: {status}</h3>{body}</article>'


def _summary(report: Report, p: str) -> str:
    rows = "".join(
        f'<tr><td><a href="#{p}domein-{e(d.code)}">{e(domain_title(d))}</a></td><td class="level">{d.level}</td>'
        f"<td>{e(d.level_label)}{' (te weinig tekst)' if d.insufficient_evidence else ''}</td>"
        f"<td>{e(', '.join(c.code for c in d.concerns) or '–')}</td></tr>"
        for d in report.domains
    )
    checks = "".join(
        f'<tr><td><a href="#{p}check-{e(c.code)}">{e(check_title(c))}</a></td>'
        f'<td class="{"pass" if c.passed else "fail"}">{verdict(c.passed)}</td></tr>'
        for c in report.checks
    )
    return (
        f"<h2>{SUMMARY_TITLE}</h2>{level_chart(report, p)}"
        f"<table><thead><tr><th>Domein</th><th>Niveau</th><th>Betekenis</th><th>Zorgpunten</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<h2>{CHECKS_TITLE}</h2><table><thead><tr><th>Check</th><th>Oordeel</th></tr></thead><tbody>{checks}</tbody></table>"
    )


def report_html(report: Report, p: str = "") -> str:
    """One report as an <article>; several fit on one page, their ids kept apart by prefix `p`."""
    warnings = "".join(f'<p class="warning"><strong>Let op:</strong> {e(w)}</p>' for w in report.dossier.warnings)
    return (
        f'<article class="report"><header><h1>{REPORT_TITLE}</h1>'
        f'<p class="meta">{e(report.dossier.path)} ({e(dossier_line(report))})</p>'
        f'<p class="meta">{e(rubric_line(report))}</p>{warnings}</header>'
        f"{_summary(report, p)}{''.join(_domain(d, p) for d in report.domains)}"
        f"<h2>{CHECKS_TITLE} toegelicht</h2>{''.join(_check(c, p) for c in report.checks)}</article>"
    )


def render_html(results: list[Report | FailedDossier]) -> str:
    body = "".join(
        report_html(r, f"d{i}-" if len(results) > 1 else "")
        if isinstance(r, Report)
        else f'<article class="report"><h1>{REPORT_TITLE}</h1><p class="meta">{e(r.dossier.path)}</p><p class="warning">{e(failed_text(r.error))}</p></article>'
        for i, r in enumerate(results)
    )
    title = REPORT_TITLE + (f" – {results[0].dossier.path}" if len(results) == 1 else "")
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{e(title)}</title><style>{_CSS}</style></head>'
        f"<body>{body}<script>{_SCRIPT}</script></body></html>\n"
    )
