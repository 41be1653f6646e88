"""The rubric's documentation, generated from the YAML: `assess rubric docs` (Markdown)
and `assess rubric explain CODE` (plain text for one concern, check, domain, criterion
or theme).

The rubric's own text (level descriptions, panel wording, zorg, tips, examples) is
Dutch, and so are the headings around it. Theme descriptions and the check kinds'
docstrings are quoted as they are written (English, for maintainers). The output is
deterministic (no dates, no absolute paths), so docs/rubric.md can be checked in and a
test can say when it is stale.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from rubric.schema import CheckSpec, ConcernSpec, Criterion, CriterionBase, DomainSpec, LevelRule, Rubric, Strength

# criterion, example text -> does it fire? (None: not run)
Runner = Callable[[CriterionBase, str], "bool | None"]

_TIME = {"former": "voorbij (vroeger, tot 2022)", "past": "verleden", "present": "heden", "future": "toekomst"}
_FIELD_NL = {
    "theme": "thema",
    "alternatives": "alternatieven",
    "within": "alleen in zinnen met",
    "within_any": "in een doel alleen in zinnen met een van",
    "alternatives_unless": "alternatieven tellen niet in zinnen met",
    "explicit": "expliciete beperking",
    "unless": "tenzij",
    "versus": "tegenover",
    "owners": "eigenaren",
    "terms": "begrippen",
    "definitions": "definities",
    "concepts": "begrippen",
    "practice": "praktijk",
    "themes": "thema's",
    "source": "bron",
    "targets": "doelen",
    "times": "tijd",
    "min_hits": "minimaal aantal zinnen",
    "below": "onder",
    "min_fraction": "minimale fractie",
    "at_least": "minstens",
    "ratio": "verhouding",
    "min_total": "minimaal totaal",
    "goals": "doelen",
    "strategies": "groeiroutes",
    "requires": "vereist",
    "horizon": "horizon",
    "tolerance": "marge",
    "national": "landelijk cijfer",
    "domains": "domeinen",
    "min_sentences": "minimaal aantal zinnen",
    "chapters": "ook lege hoofdstukken",
}
_BASE_FIELDS = set(CriterionBase.model_fields) | {"kind"}


# --- shared helpers ----------------------------------------------------------------------


def criterion_kinds() -> dict[str, type[BaseModel]]:
    """kind -> its pydantic model, from the discriminated union `Criterion` in the schema."""
    union = typing.get_args(Criterion)[0]  # Annotated[Union[...], Field(discriminator=...)]
    return {typing.get_args(m.model_fields["kind"].annotation)[0]: m for m in typing.get_args(union)}


def kind_doc(kind: str) -> str:
    """The docstring of the module that implements a kind (yamllint: the docstring is the doc)."""
    from assessor import kinds

    runner = kinds.REGISTRY.get(kind)
    module = sys.modules.get(runner.__module__) if runner else None
    return ((module.__doc__ if module else "") or "").strip()


def kind_summary(kind: str) -> str:
    first = kind_doc(kind).split("\n\n")[0].replace("\n", " ")
    return first.split(": ", 1)[1] if first.startswith(f"`{kind}`: ") else first


def theme_refs(c: CriterionBase, rubric: Rubric) -> list[str]:
    """The themes a criterion uses: every value of its own fields that names a theme."""
    names: list[str] = []
    for field in type(c).model_fields:
        if field in _BASE_FIELDS:
            continue
        value = getattr(c, field)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v in rubric.themes and v not in names:
                names.append(v)
    return names


def _times(times: list[str]) -> str:
    return ", ".join(_TIME.get(t, t) for t in times)


def _scope(scope: list[str] | str, rubric: Rubric) -> str:
    if scope == "any":
        return "het hele dossier"
    names = {d.code: d.name for d in rubric.domains}
    return ", ".join(f"{names.get(d, d)} ({d})" for d in scope)


def _parameters(c: CriterionBase, rubric: Rubric, code: Callable[[str], str]) -> list[tuple[str, str]]:
    """(label, value) pairs of a criterion's own fields, in schema order."""
    rows: list[tuple[str, str]] = []
    for name in type(c).model_fields:
        if name in _BASE_FIELDS:
            continue
        value = getattr(c, name)
        if value is None or value == []:
            continue
        label = _FIELD_NL.get(name, name)
        if name == "times":
            rows.append((label, _times(value)))
        elif isinstance(value, str):
            rows.append((label, code(value)))
        elif isinstance(value, list):
            rows.append((label, ", ".join(code(v) for v in value)))
        elif isinstance(value, BaseModel):
            rows.append((label, "; ".join(f"{k}: {v}" for k, v in value.model_dump().items() if v not in ("", None))))
        else:
            rows.append((label, str(value)))
    rows.append(("zoekt in", _scope(c.scope, rubric)))
    return rows


def rule_text(rule: LevelRule | None, level: int) -> str:
    """A level rule in words."""
    if rule is None:
        return "als geen hogere regel geldt" if level == 1 else "geen regel (niveau wordt niet gegeven)"
    parts: list[str] = []
    if rule.none_of == "all":
        parts.append("geen enkele zorg in dit domein")
    elif rule.none_of:
        parts.append("geen van " + ", ".join(rule.none_of))
    if rule.not_together:
        parts.append("niet samen " + " of ".join("+".join(g) for g in rule.not_together))
    if rule.max_concerns is not None:
        parts.append(f"hoogstens {rule.max_concerns} {'zorg' if rule.max_concerns == 1 else 'zorgen'}")
    if rule.checks:
        parts.append(("check " if len(rule.checks) == 1 else "checks ") + ", ".join(rule.checks) + " geslaagd")
    if rule.min_sentences:
        parts.append(f"minstens {rule.min_sentences} zinnen")
    if rule.requires:
        parts.append("thema " + ", ".join(rule.requires) + " aanwezig")
    if rule.weak_counts != "all":
        counted = ", ".join(rule.weak_counts) or "geen"
        parts.append(f"zorgen die alleen op stilte of gelijkenis gemeld zijn tellen niet mee (behalve: {counted})")
    return "; ".join(parts) or "altijd"


def themes_used(rubric: Rubric) -> dict[str, list[str]]:
    """theme -> where it is used (criterion ids, domain vocabularies, level rules, draft)."""
    used: dict[str, list[str]] = {name: [] for name in rubric.themes}
    for c in rubric.criteria():
        for name in theme_refs(c, rubric):
            used.setdefault(name, []).append(c.id)
    for d in rubric.domains:
        used.setdefault(d.vocabulary, []).append(f"woordenschat {d.code}")
        for level, rule in sorted(d.levels.items(), reverse=True):
            for name in rule.requires:
                used.setdefault(name, []).append(f"niveau {level} {d.code}")
    for name in rubric.draft_themes:
        used.setdefault(name, []).append("concept-herkenning")
    for name in rubric.placeholder_themes:
        used.setdefault(name, []).append("open plekken")
    return used


def owner_of(rubric: Rubric) -> dict[str, tuple[str, str]]:
    """criterion id -> (kind of parent, parent code)."""
    out: dict[str, tuple[str, str]] = {}
    for d in rubric.domains:
        for s in d.strengths:
            out[s.criterion.id] = ("sterk punt", s.code)
    for c in rubric.concerns:
        for cr in c.raised_when:
            out[cr.id] = ("zorg", c.code)
    for k in rubric.checks:
        for cr in k.fails_when:
            out[cr.id] = ("check", k.code)
    return out


# --- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_", "`": "\\`", "<": "&lt;", "|": "\\|"})


def _md(text: str) -> str:
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _code(text: str) -> str:
    tick = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{tick}{pad}{text}{pad}{tick}"


def _anchor(prefix: str, code: str) -> str:
    return f"{prefix}-" + "".join(ch if ch.isalnum() else "-" for ch in code.lower())


def _theme_link(name: str) -> str:
    return f"[{_code(name)}](#{_anchor('thema', name)})"


def _example_md(text: str) -> str:
    """A one-line rendering: headings of a multi-section example shown as [kop: ...]."""
    parts = []
    for line in (l.strip() for l in text.splitlines() if l.strip()):
        if line.startswith("#"):
            parts.append(f"*[kop: {_md(line.lstrip('#').strip())}]*")
        else:
            parts.append(f"«{_md(line)}»")
    return " ".join(parts)


def _criterion_md(c: CriterionBase, rubric: Rubric, heading: str, fire_word: str) -> list[str]:
    out = [f"{heading} {_code(c.id)}", ""]
    if c.description:
        out += [_md(c.description), ""]
    out.append(f"- soort: [{_code(c.kind)}](#{_anchor('soort', c.kind)}): {_md(kind_summary(c.kind))}")
    for label, value in _parameters(c, rubric, lambda n: _theme_link(n) if n in rubric.themes else _code(n)):
        out.append(f"- {label}: {value}")
    out.append("")
    if c.examples.trigger:
        out += [f"Voorbeelden waarbij het criterium {fire_word}:", ""]
        out += [f"- {_example_md(t)}" for t in c.examples.trigger] + [""]
    if c.examples.no_trigger:
        out += ["Voorbeelden waarbij het dat niet doet:", ""]
        out += [f"- {_example_md(t)}" for t in c.examples.no_trigger] + [""]
    return out


def _tips_md(tips: list[str]) -> list[str]:
    return (["**Tips:**", ""] + [f"- {_md(t)}" for t in tips] + [""]) if tips else []


def _domain_md(d: DomainSpec, rubric: Rubric) -> list[str]:
    out = [f"### {d.code}: {_md(d.name)}", ""]
    out += ["| niveau | beschrijving | regel |", "|---|---|---|"]
    for level in sorted(d.level_descriptions, reverse=True):
        out.append(f"| {level} | {_md(d.level_descriptions[level])} | {_md(rule_text(d.levels.get(level), level))} |")
    out.append("")
    out.append(f"Minder dan {d.min_sentences} zinnen over dit domein: te weinig om te beoordelen. "
               f"Hoofdstukken worden herkend aan hun kop of aan de woordenschat {_theme_link(d.vocabulary)}.")
    out.append("")
    out.append("Herkende koppen: " + ", ".join(_code(h) for h in d.headings))
    out.append("")
    if d.zorg:
        out += [f"**Zorg:** {_md(d.zorg)}", ""]
    out += _tips_md(d.tips)
    concerns = [c for c in rubric.concerns if c.domain == d.code]
    if concerns:
        out += ["Zorgen in dit domein: " + ", ".join(f"[{c.code}](#{_anchor('zorg', c.code)})" for c in concerns), ""]
    out += _questions_md(d)
    for s in d.strengths:
        out += [f"#### Sterk punt {_code(s.code)}: {_md(s.title)}", ""]
        out += _strength_md(s, rubric)
    return out


def _questions_md(d: DomainSpec) -> list[str]:
    """The reflection questions, each with what makes the report ask it."""
    if not d.reflection_questions:
        return []
    out = ["**Reflectievragen voor aanvragers** (gesteld als het genoemde gevonden is):", ""]
    for q in d.reflection_questions:
        out.append(f"- {_md(q.text)} *({q.source}; bij {', '.join(_code(c) for c in q.when)})*")
    return out + [""]


def _strength_md(s: Strength, rubric: Rubric) -> list[str]:
    body = _criterion_md(s.criterion, rubric, "#####", "afgaat")
    return [f"Criterium {_code(s.criterion.id)}", ""] + body[2:]


def _concern_md(c: ConcernSpec, rubric: Rubric) -> list[str]:
    domain = next((d.name for d in rubric.domains if d.code == c.domain), c.domain)
    out = [f'<a id="{_anchor("zorg", c.code)}"></a>', "", f"### {c.code}: {_md(c.title)}", ""]
    out += [f"Domein: {_md(domain)} ({c.domain})", ""]
    if c.zorg:
        out += [f"**Zorg:** {_md(c.zorg)}", ""]
    out += _tips_md(c.tips)
    out += [f"**Als er niets te citeren is:** {_md(c.missing)}", ""]
    out += ["De zorg wordt gemeld als één van deze criteria afgaat:", ""]
    for cr in c.raised_when:
        out += _criterion_md(cr, rubric, "####", "afgaat (de zorg gemeld wordt)")
    return out


def _check_md(k: CheckSpec, rubric: Rubric) -> list[str]:
    out = [f'<a id="{_anchor("check", k.code)}"></a>', "", f"### {k.code}: {_md(k.name)}", ""]
    if k.description:
        out += [_md(k.description), ""]
    if k.optional:
        out += ["Deze check is optioneel (een projectcode, geen onderdeel van het panelkader).", ""]
    out += _tips_md(k.tips)
    out += [f"**Als er niets te citeren is:** {_md(k.missing)}", ""]
    out += ["De check faalt als één van deze criteria afgaat:", ""]
    for cr in k.fails_when:
        out += _criterion_md(cr, rubric, "####", "afgaat (de check faalt)")
    return out


def _type_text(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return " of ".join(repr(a) for a in args)
    if origin in (list, tuple):
        return "lijst van " + (_type_text(args[0]) if args else "waarden")
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", ())):
        named = [_type_text(a) for a in args if a is not type(None)]
        return " of ".join(named) + (" (of leeg)" if type(None) in args else "")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object met " + ", ".join(annotation.model_fields)
    return {str: "tekst", int: "geheel getal", float: "getal", bool: "ja/nee"}.get(annotation, str(annotation))


def _kinds_md() -> list[str]:
    out = ["## Soorten criteria", "",
           "Elk criterium is van één soort uit een gesloten verzameling; elke soort is een kleine module in "
           "`assessor/kinds/`, en haar docstring is haar documentatie (hieronder letterlijk).", "",
           "Velden die elk criterium heeft: `id`, `description`, `scope` (domeinen waarin gezocht wordt; "
           "`any` is het hele dossier) en `examples` (`trigger`: zinnen waarop het criterium moet afgaan; "
           "`no_trigger`: zinnen waarop het dat niet mag). De voorbeelden draaien als tests.", ""]
    for kind, model in criterion_kinds().items():
        out += [f'<a id="{_anchor("soort", kind)}"></a>', "", f"### {kind}", ""]
        rows = []
        for name, field in model.model_fields.items():
            if name in _BASE_FIELDS:
                continue
            default = "verplicht" if field.default is PydanticUndefined else _code(repr(field.default))
            rows.append(f"| {_code(name)} | {_md(_type_text(field.annotation))} | {default} | {_md(field.description or '')} |")
        if rows:
            out += ["| veld | type | standaard | uitleg |", "|---|---|---|---|", *rows, ""]
        doc = kind_doc(kind)
        if doc:
            out += ["```text", doc, "```", ""]
    return out


def _themes_md(rubric: Rubric) -> list[str]:
    used = themes_used(rubric)
    out = ["## Thema's", "",
           "Een thema is een verzameling reguliere expressies over genormaliseerde tekst (kleine letters, "
           "accenten weg, koppeltekens in samenstellingen weg). Ze vinden ook delen van woorden; `\\b` zet "
           "een woordgrens.", ""]
    for name, theme in rubric.themes.items():
        out += [f'<a id="{_anchor("thema", name)}"></a>', "", f"### {_code(name)}", ""]
        if theme.description:
            out += [_md(theme.description), ""]
        if used.get(name):
            out += ["Gebruikt door: " + ", ".join(_code(u) for u in used[name]), ""]
        else:
            out += ["Niet gebruikt.", ""]
        out += ["```text", *theme.patterns, "```", ""]
    return out


def _changes_md(rubric: Rubric, base: Rubric, extends: str) -> list[str]:
    out = ["## Wijzigingen", "", f"Ten opzichte van {_code(extends)}:", ""]
    lines: list[str] = []
    for attr, label in (("domains", "domein"), ("concerns", "zorg"), ("checks", "check")):
        before = {x.code: x for x in getattr(base, attr)}
        for item in getattr(rubric, attr):
            old = before.get(item.code)
            if old is None:
                lines.append(f"- nieuw {label} {_code(item.code)}")
            elif old != item:
                old_ids = {c.id for c in _criteria_of(old)}
                added = [c.id for c in _criteria_of(item) if c.id not in old_ids]
                changed = [f for f in type(item).model_fields if getattr(old, f) != getattr(item, f)]
                text = f"- {label} {_code(item.code)}: "
                text += ", ".join(f"criterium {_code(i)} toegevoegd" for i in added) if added else ""
                rest = [f for f in changed if f not in ("raised_when", "fails_when", "strengths") or not added]
                if rest:
                    text += ("; " if added else "") + "gewijzigd: " + ", ".join(_code(f) for f in rest)
                lines.append(text)
    for name, theme in rubric.themes.items():
        if name not in base.themes:
            lines.append(f"- nieuw thema {_theme_link(name)}")
        elif base.themes[name] != theme:
            lines.append(f"- thema {_theme_link(name)} gewijzigd")
    return out + (lines or ["Geen inhoudelijke wijzigingen."]) + [""]


def _criteria_of(item: DomainSpec | ConcernSpec | CheckSpec) -> list[CriterionBase]:
    if isinstance(item, DomainSpec):
        return [s.criterion for s in item.strengths]
    return list(item.raised_when if isinstance(item, ConcernSpec) else item.fails_when)


def render_markdown(rubric: Rubric, source_name: str, base: Rubric | None = None) -> str:
    """The whole rubric as Markdown: domains, concerns, checks, themes and check kinds."""
    n_examples = sum(len(c.examples.trigger) + len(c.examples.no_trigger) for c in rubric.criteria())
    out = [
        f"<!-- Gegenereerd met `assess rubric docs` uit {source_name}; niet met de hand bewerken. -->",
        "",
        f"# Rubric {rubric.name} (versie {_md(rubric.version)})",
        "",
    ]
    if rubric.description:
        out += [_md(rubric.description), ""]
    if rubric.extends:
        out += [f"Deze rubric breidt {_code(rubric.extends)} uit: wat hier niet anders staat, komt daarvandaan.", ""]
    out += [f"{len(rubric.domains)} domeinen, {len(rubric.concerns)} zorgen, {len(rubric.checks)} checks, "
            f"{len(rubric.criteria())} criteria met {n_examples} voorbeeldzinnen, {len(rubric.themes)} thema's.", ""]
    changes = ["- [Wijzigingen](#wijzigingen)"] if base is not None and rubric.extends else []
    out += ["## Inhoud", "", *changes, "- [Niveaus](#niveaus)", "- [Domeinen](#domeinen)", "- [Zorgen](#zorgen)",
            "- [Checks](#checks)", "- [Thema's](#themas)", "- [Soorten criteria](#soorten-criteria)", ""]
    if base is not None and rubric.extends:
        out += _changes_md(rubric, base, rubric.extends)
    out += ["## Niveaus", "", "Elk domein krijgt een niveau: het hoogste niveau waarvan de regel geldt.", "",
            "| niveau | betekenis |", "|---|---|"]
    out += [f"| {level} | {_md(label)} |" for level, label in sorted(rubric.level_labels.items())] + [""]
    out += ["## Domeinen", ""]
    for d in rubric.domains:
        out += _domain_md(d, rubric)
    out += ["## Zorgen", "",
            "De bevindingen van het panel, per domein. De titel is de formulering van het panel; het rapport "
            "citeert de zorg en de tips waar de zorg gemeld wordt.", "",
            "| code | domein | zorg |", "|---|---|---|"]
    out += [f"| [{c.code}](#{_anchor('zorg', c.code)}) | {c.domain} | {_md(c.title)} |" for c in rubric.concerns]
    out.append("")
    if rubric.precedents is not None:
        p = rubric.precedents
        out += [f"Naast de criteria leest de engine ook op gelijkenis ({_code(p.file)}, gemaakt met "
                "`assess rubric precedents samples`): een zorg die geen criterium meldt, wordt toch gemeld als een "
                f"zin van het dossier sterk lijkt op de citaten waarmee labelaars haar gaven (score boven {p.raise_above}: "
                f"het gemiddelde van de {p.neighbours} meest gelijkende citaten min dat van de {p.neighbours} meest "
                "gelijkende passages zonder die zorg). Zo'n zorg citeert de zin en het voorbeeld; zij houdt het domein "
                "onder niveau 4, maar verlaagt het niet verder.", ""]
    for c in rubric.concerns:
        out += _concern_md(c, rubric)
    out += ["## Checks", "", "De vier tips van het panel als checks die slagen of falen.", ""]
    for k in rubric.checks:
        out += _check_md(k, rubric)
    out += _themes_md(rubric)
    out += _kinds_md()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# --- explain (plain text) ----------------------------------------------------------------


def _wrap(text: str, indent: str) -> str:
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def _criterion_text(c: CriterionBase, rubric: Rubric, runner: Runner | None) -> list[str]:
    out = [f"  {c.id}  [{c.kind}: {kind_summary(c.kind)}]"]
    if c.description:
        out.append(_wrap(c.description, "    "))
    for label, value in _parameters(c, rubric, str):
        out.append(f"    {label}: {value}")
    for name in theme_refs(c, rubric):
        theme = rubric.themes[name]
        out.append(f"    patronen van {name}" + (f" ({theme.description})" if theme.description else "") + ":")
        out += [f"      {p}" for p in theme.patterns]
    for expected, label, texts in ((True, "gaat af op", c.examples.trigger), (False, "gaat niet af op", c.examples.no_trigger)):
        if not texts:
            out.append(f"    {label}: (geen voorbeelden)")
            continue
        out.append(f"    {label}:")
        for t in texts:
            result = runner(c, t) if runner else None
            mark = "" if result is None or result is expected else "   << klopt niet: het criterium " + (
                "gaat hier niet af" if expected else "gaat hier wel af")
            lines = [l.strip() for l in t.splitlines() if l.strip()]
            out.append(f"      {'+' if expected else '-'} {lines[0]}{mark if len(lines) == 1 else ''}")
            out += [f"        {l}" for l in lines[1:]]
            if len(lines) > 1 and mark:
                out.append(f"       {mark.strip()}")
    return out


def _tips_text(tips: list[str]) -> list[str]:
    return (["Tips:"] + ["  - " + " ".join(t.split()) for t in tips]) if tips else []


def explain_codes(rubric: Rubric) -> list[str]:
    """Every code `explain` understands, for suggestions."""
    return ([c.code for c in rubric.concerns] + [k.code for k in rubric.checks] + [d.code for d in rubric.domains]
            + [s.code for d in rubric.domains for s in d.strengths] + [c.id for c in rubric.criteria()]
            + list(rubric.themes))


def render_explain(rubric: Rubric, code: str, runner: Runner | None = None) -> str | None:
    """What raises a concern or fails a check, with its examples, zorg and tips; also
    for a domain, a strength, one criterion or a theme. None for an unknown code."""
    head = [f"Rubric: {rubric.name} {rubric.version}", ""]
    concern = next((c for c in rubric.concerns if c.code.lower() == code.lower()), None)
    check = next((k for k in rubric.checks if k.code.lower() == code.lower()), None)
    domain = next((d for d in rubric.domains if d.code.lower() == code.lower()), None)
    strength = next((s for d in rubric.domains for s in d.strengths if s.code == code), None)
    criterion = next((c for c in rubric.criteria() if c.id == code), None)
    out: list[str]
    if concern is not None:
        domain_name = next((d.name for d in rubric.domains if d.code == concern.domain), concern.domain)
        out = [f"Zorg {concern.code}: {concern.title}", f"Domein: {domain_name} ({concern.domain})", ""]
        out += ["Wordt gemeld als één van deze criteria afgaat:"]
        for c in concern.raised_when:
            out += _criterion_text(c, rubric, runner) + [""]
        out += [f"Zorg: {concern.zorg}"] if concern.zorg else []
        out += _tips_text(concern.tips)
        out += [f"Als er niets te citeren is: {concern.missing}"]
    elif check is not None:
        out = [f"Check {check.code}: {check.name}" + (" (optioneel)" if check.optional else "")]
        out += [check.description, ""] if check.description else [""]
        out += ["Faalt als één van deze criteria afgaat:"]
        for c in check.fails_when:
            out += _criterion_text(c, rubric, runner) + [""]
        out += _tips_text(check.tips)
        out += [f"Als er niets te citeren is: {check.missing}"]
    elif domain is not None:
        out = [f"Domein {domain.code}: {domain.name}", ""]
        for level in sorted(domain.level_descriptions, reverse=True):
            out.append(f"  {level}  {domain.level_descriptions[level]}")
            out.append(f"     regel: {rule_text(domain.levels.get(level), level)}")
        out += ["", "Zorgen: " + ", ".join(c.code for c in rubric.concerns if c.domain == domain.code)]
        if domain.strengths:
            out += ["", "Sterke punten (afgaan is goed):"]
            for s in domain.strengths:
                out += [f" {s.code}: {s.title}"] + _criterion_text(s.criterion, rubric, runner) + [""]
        out += [f"Zorg: {domain.zorg}"] if domain.zorg else []
        out += _tips_text(domain.tips)
        if domain.reflection_questions:
            out += ["Reflectievragen voor aanvragers:"]
            out += [f"  - {q.text} ({q.source}; bij {', '.join(q.when)})" for q in domain.reflection_questions]
    elif strength is not None:
        out = [f"Sterk punt {strength.code}: {strength.title}", ""] + _criterion_text(strength.criterion, rubric, runner)
    elif criterion is not None:
        kind, parent = owner_of(rubric)[criterion.id]
        out = [f"Criterium {criterion.id} ({kind} {parent}; zie ook: assess rubric explain {parent})", ""]
        out += _criterion_text(criterion, rubric, runner)
    elif code in rubric.themes:
        theme = rubric.themes[code]
        out = [f"Thema {code}" + (f": {theme.description}" if theme.description else "")]
        out += ["Gebruikt door: " + (", ".join(themes_used(rubric).get(code, [])) or "niets"), "Patronen:"]
        out += [f"  {p}" for p in theme.patterns]
    else:
        return None
    return "\n".join(head + out).rstrip() + "\n"


def source_label(path: Path) -> str:
    """How the docs name the file they come from: a path inside the project, else the name."""
    root = Path(__file__).resolve().parent.parent
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def iter_builtin_variants() -> Iterable[Path]:
    from rubric.loader import BUILTIN_DIR

    return sorted(BUILTIN_DIR.glob("*.yaml"))
