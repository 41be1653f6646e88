"""Load and validate a rubric file, reporting every problem as `file:line:col: message`.

pyyaml records a position for every node; pydantic reports each error with a `loc`
path. We walk the node tree along that path to turn each error into a line and column
(Vale's `Invalid value [criteria.yaml:LINE:COL]`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from assessor.errors import RubricError
from rubric.schema import Rubric

DEFAULT_RUBRIC = Path(__file__).resolve().parent.parent / "criteria.yaml"
BUILTIN_DIR = Path(__file__).resolve().parent / "variants"

# The public contract of ../shared/catalogue.md: a rubric may add codes, never drop these.
CATALOGUE_DOMAINS = ("visie", "samenwerking", "professionalisering", "kwaliteitszorg")
CATALOGUE_CONCERNS = tuple(
    [f"V{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 7)]
    + [f"P{i}" for i in range(1, 6)] + [f"K{i}" for i in range(1, 6)]
)
CATALOGUE_CHECKS = ("basis", "congruentie", "smart", "samen")

Loc = tuple[Any, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


class _Source:
    """A parsed YAML file: its data and the node tree that knows every position."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RubricError([f"{path}: rubric file not found"]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RubricError([f"{path}: cannot read rubric ({exc.__class__.__name__})"]) from None
        loader = _Loader(text)
        try:
            # one parse: the node tree keeps positions, the data is constructed from it
            self.node = loader.get_single_node()
            self.data = loader.construct_document(self.node) if self.node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise RubricError([f"{path}:{line}:{col}: YAML syntax error: {exc.problem}"]) from None
        except yaml.YAMLError as exc:
            raise RubricError([f"{path}:1:1: YAML error: {exc}"]) from None
        finally:
            loader.dispose()

    def where(self, loc: Loc) -> str:
        node = self.node
        for part in loc:
            node = _child(node, part) or node
        mark = node.start_mark if node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return f"{self.path}:{line}:{col}"

    def duplicate_keys(self) -> list[str]:
        problems: list[str] = []
        stack = [self.node] if self.node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    if key.value in seen:
                        m = key.start_mark
                        problems.append(f"{self.path}:{m.line + 1}:{m.column + 1}: duplicate key {key.value!r}")
                    seen.add(key.value)
                    stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return sorted(problems, key=_line_order)


def _child(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _line_order(problem: str) -> tuple[int, int]:
    parts = problem.split(":")
    try:
        return int(parts[-3]), int(parts[-2].split()[0])
    except (ValueError, IndexError):
        return (0, 0)


def resolve_rubric_path(name_or_path: str | Path | None) -> Path:
    """A file path, or the name of a built-in rubric (`onderwijsregio`, `mbo`)."""
    if name_or_path is None:
        return DEFAULT_RUBRIC
    path = Path(name_or_path)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    builtin = BUILTIN_DIR / f"{name_or_path}.yaml"
    return builtin if builtin.exists() else path


def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """Load, merge (`extends:`) and validate a rubric; raise RubricError with every problem."""
    source = _Source(resolve_rubric_path(name_or_path))
    problems = source.duplicate_keys()
    if not isinstance(source.data, dict):
        raise RubricError(problems + [f"{source.where(())}: a rubric must be a mapping of keys to values"])
    data = _merged(source, problems)
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems += [f"{source.where(e['loc'])}: {_message(e)}" for e in exc.errors()]
        raise RubricError(sorted(set(problems), key=_line_order)) from None
    problems += [f"{source.where(loc)}: {msg}" for loc, msg in _cross_references(rubric)]
    if problems:
        raise RubricError(sorted(set(problems), key=_line_order))
    return rubric


def _message(error: dict[str, Any]) -> str:
    field = ".".join(str(p) for p in error["loc"])
    msg = error["msg"].removeprefix("Value error, ")
    return f"{field}: {msg}" if field else msg


def _merged(source: _Source, problems: list[str]) -> dict[str, Any]:
    """Apply `extends:`: the base's items, overridden or extended by this file's, by code."""
    data = dict(source.data)
    base_name = data.get("extends")
    if not base_name:
        return data
    base_path = (source.path.parent / str(base_name)).resolve()
    if not base_path.exists():
        base_path = resolve_rubric_path(str(base_name))
    if base_path.resolve() == source.path.resolve():
        problems.append(f"{source.where(('extends',))}: a rubric cannot extend itself")
        return data
    try:
        base = load_rubric(base_path).model_dump(mode="json", exclude_none=True)
    except RubricError as exc:
        problems.append(f"{source.where(('extends',))}: base rubric {base_name!r} is invalid: {exc.problems[0]}")
        return data
    merged: dict[str, Any] = {**base, **{k: v for k, v in data.items() if k not in ("themes", "domains", "concerns", "checks")}}
    merged["extends"] = str(base_name)
    merged["themes"] = {**base.get("themes", {}), **(data.get("themes") or {})}
    for key in ("domains", "concerns", "checks"):
        merged[key] = _merge_by_code(base.get(key, []), data.get(key) or [])
    return merged


def _merge_by_code(base: list[dict[str, Any]], extra: list[Any]) -> list[Any]:
    out = {item["code"]: item for item in base}
    for item in extra:
        code = item.get("code") if isinstance(item, dict) else None
        if code in out and isinstance(item, dict) and item.get("merge") == "add_criteria":
            merged = dict(out[code])
            for key in ("raised_when", "fails_when"):
                if key in item:
                    merged[key] = list(merged.get(key, [])) + list(item[key])
            out[code] = merged
        else:
            out[code if code is not None else id(item)] = item
    return list(out.values())


def _cross_references(rubric: Rubric) -> Iterable[tuple[Loc, str]]:
    """Unknown codes, duplicate ids and dangling references, each with its location."""
    domain_codes = [d.code for d in rubric.domains]
    concern_codes = [c.code for c in rubric.concerns]
    check_codes = [c.code for c in rubric.checks]
    for key, codes, required in (
        ("domains", domain_codes, CATALOGUE_DOMAINS),
        ("concerns", concern_codes, CATALOGUE_CONCERNS),
        ("checks", check_codes, CATALOGUE_CHECKS),
    ):
        seen: set[str] = set()
        for i, code in enumerate(codes):
            if code in seen:
                yield (key, i, "code"), f"duplicate code {code!r}"
            seen.add(code)
        for code in required:
            if code not in seen:
                yield (key,), f"catalogue code {code!r} is missing (codes are a public contract)"

    ids: set[str] = set()
    for where, criterion in _criteria_with_loc(rubric):
        if criterion.id in ids:
            yield where + ("id",), f"duplicate criterion id {criterion.id!r}"
        ids.add(criterion.id)
        if criterion.scope != "any":
            for j, d in enumerate(criterion.scope):
                if d not in domain_codes:
                    yield where + ("scope", j), f"unknown domain {d!r}"
        for field in ("theme", "alternatives", "within", "unless", "versus", "owners", "terms", "explicit", "definitions"):
            name = getattr(criterion, field, None)
            if name and name not in rubric.themes:
                yield where + (field,), f"unknown theme {name!r}"
        for j, name in enumerate(getattr(criterion, "themes", []) or []):
            if name not in rubric.themes:
                yield where + ("themes", j), f"unknown theme {name!r}"
        for field in ("source",):
            d = getattr(criterion, field, None)
            if d and d not in domain_codes:
                yield where + (field,), f"unknown domain {d!r}"
        for j, d in enumerate(getattr(criterion, "targets", []) or []):
            if d not in domain_codes:
                yield where + ("targets", j), f"unknown domain {d!r}"

    for j, name in enumerate(rubric.draft_themes):
        if name not in rubric.themes:
            yield ("draft_themes", j), f"unknown theme {name!r}"
    for i, c in enumerate(rubric.concerns):
        if c.domain not in domain_codes:
            yield ("concerns", i, "domain"), f"unknown domain {c.domain!r}"
    for i, d in enumerate(rubric.domains):
        if rubric.themes.get(d.vocabulary) is None:
            yield ("domains", i, "vocabulary"), f"unknown theme {d.vocabulary!r}"
        for level, rule in d.levels.items():
            names = [] if rule.none_of == "all" else rule.none_of
            for j, code in enumerate(names):
                if code not in concern_codes:
                    yield ("domains", i, "levels", level, "none_of", j), f"unknown concern {code!r}"
            for j, code in enumerate(rule.checks):
                if code not in check_codes:
                    yield ("domains", i, "levels", level, "checks", j), f"unknown check {code!r}"
            for j, name in enumerate(rule.requires):
                if name not in rubric.themes:
                    yield ("domains", i, "levels", level, "requires", j), f"unknown theme {name!r}"


def _criteria_with_loc(rubric: Rubric) -> Iterable[tuple[Loc, Any]]:
    for i, d in enumerate(rubric.domains):
        for j, s in enumerate(d.strengths):
            yield ("domains", i, "strengths", j, "criterion"), s.criterion
    for i, c in enumerate(rubric.concerns):
        for j, cr in enumerate(c.raised_when):
            yield ("concerns", i, "raised_when", j), cr
    for i, k in enumerate(rubric.checks):
        for j, cr in enumerate(k.fails_when):
            yield ("checks", i, "fails_when", j), cr
