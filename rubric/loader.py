"""Load and validate a rubric file, reporting every problem as `file:line:col: message`.

pyyaml records a position for every node; pydantic reports each error with a `loc`
path. We walk the node tree along that path to turn each error into a line and column
(Vale's `Invalid value [criteria.yaml:LINE:COL]`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from pydantic import ValidationError

from assessor.errors import RubricError
from rubric.schema import CriterionBase, Rubric, compiled_pattern, pattern_error

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
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster

#: A rubric is user input: bounds on its size, its nesting and its size with aliases expanded.
MAX_RUBRIC_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_NODES = 500_000


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading; a value that cannot be constructed (``2024-13-45`` as a date) is an
    error at its own position, not a traceback."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # pyyaml's constructors fail in many ways: '!!int ' is an IndexError
            detail = str(exc) or type(exc).__name__
            raise yaml.constructor.ConstructorError(None, None, f"invalid value ({detail})", node.start_mark) from None


def _check_structure(text: str, path: Path) -> None:
    """Refuse nesting deeper than MAX_DEPTH (libyaml's composer recurses in C) before
    composing: the event stream is flat."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                m = event.start_mark
                raise RubricError([f"{path}:{m.line + 1}:{m.column + 1}: nested more than {MAX_DEPTH} levels deep"])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_aliases(root: yaml.Node, path: Path) -> None:
    """Refuse a node that contains itself through an alias, and aliases that expand the
    tree beyond MAX_NODES nodes ("billion laughs")."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[key] > MAX_NODES:
                m = node.start_mark
                raise RubricError([f"{path}:{m.line + 1}:{m.column + 1}: aliases expand this to more than {MAX_NODES} values"])
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            m = node.start_mark
            raise RubricError([f"{path}:{m.line + 1}:{m.column + 1}: an alias makes this value contain itself"])
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children)


class _Source:
    """A parsed YAML file: its data and the node tree that knows every position."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            if path.stat().st_size > MAX_RUBRIC_BYTES:
                raise RubricError([f"{path}: rubric file is larger than {MAX_RUBRIC_BYTES // 2**20} MB"])
            raw = path.read_bytes()
        except FileNotFoundError:
            raise RubricError([f"{path}: rubric file not found"]) from None
        except OSError as exc:
            raise RubricError([f"{path}: cannot read rubric ({exc.strerror or exc.__class__.__name__})"]) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start].decode("utf-8", "replace")
            line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            raise RubricError([f"{path}:{line}:{col}: not UTF-8 text (byte 0x{raw[exc.start]:02x})"]) from None
        loader = _Loader(text)
        try:
            _check_structure(text, path)
            # one parse: the node tree keeps positions, the data is constructed from it
            self.node = loader.get_single_node()
            if self.node is not None:
                _check_aliases(self.node, path)
            self.data = loader.construct_document(self.node) if self.node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = "YAML error" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
            raise RubricError([f"{path}:{line}:{col}: {what}: {exc.problem}"]) from None
        except yaml.reader.ReaderError as exc:
            before = text[: exc.position]
            line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            raise RubricError([f"{path}:{line}:{col}: YAML error: {exc.reason} (character {exc.character!r})"]) from None
        except yaml.YAMLError as exc:
            raise RubricError([f"{path}:1:1: YAML error: {' '.join(str(exc).split())}"]) from None
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


_POSITION = re.compile(r"^(.*?):(\d+):(\d+): ")


def _line_order(problem: str) -> tuple[int, int]:
    """Sort key of a `file:line:col: message` line (messages may hold colons too)."""
    m = _POSITION.match(problem)
    return (int(m.group(2)), int(m.group(3))) if m else (0, 0)


def _in_order(problems: list[str]) -> list[str]:
    """Unique problems by line and column, file by file in order of first mention (the
    extending file before its base)."""
    files: dict[str, list[str]] = {}
    for problem in dict.fromkeys(problems):
        m = _POSITION.match(problem)
        files.setdefault(m.group(1) if m else problem.split(":")[0], []).append(problem)
    return [p for group in files.values() for p in sorted(group, key=_line_order)]


def precedents_path(file: str) -> Path:
    """A rubric's precedents file: relative paths are in the rubric package."""
    path = Path(file)
    return path if path.is_absolute() else Path(__file__).resolve().parent / path


def refresh_precedents_digest(rubric: Rubric) -> bool:
    """Set `precedents.digest` from the file as it is now (it is part of the report
    cache's key); False when the file is missing."""
    file = precedents_path(rubric.precedents.file)
    if not file.is_file():
        return False
    rubric.precedents.digest = hashlib.sha256(file.read_bytes()).hexdigest()
    return True


def resolve_rubric_path(name_or_path: str | Path | None) -> Path:
    """A file path, or the name of a built-in rubric (`onderwijsregio`, `mbo`)."""
    if name_or_path is None:
        return DEFAULT_RUBRIC
    path = Path(name_or_path)
    if _exists(path) or path.suffix in (".yaml", ".yml"):
        return path
    builtin = BUILTIN_DIR / f"{name_or_path}.yaml"
    return builtin if _exists(builtin) else path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


Where = Callable[[Loc], str]


@dataclass(frozen=True)
class LoadedRubric:
    """A validated rubric and the way back from any `loc` in it to `file:line:col`.

    For a rubric that `extends:` another, a loc points into the file the item came from:
    the child's own items into the child, inherited ones into the base.
    """

    rubric: Rubric
    path: Path
    where: Where
    data: dict[str, Any]


def base_path_of(path: str | Path, extends: str) -> Path:
    """The file an `extends:` names: relative to the extending file, else a built-in name."""
    try:
        base = (Path(path).parent / extends).resolve()
        return base if _exists(base) else resolve_rubric_path(extends).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops and other unusable names
        return Path(path).parent / extends


def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """Load, merge (`extends:`) and validate a rubric; raise RubricError with every problem."""
    return load_located(name_or_path).rubric


def load_located(name_or_path: str | Path | None = None) -> LoadedRubric:
    """Like `load_rubric`, keeping the positions (for `assess rubric check` and its examples)."""
    return _load(resolve_rubric_path(name_or_path), chain=())


def _load(path: Path, chain: tuple[Path, ...]) -> LoadedRubric:
    source = _Source(path)
    problems = source.duplicate_keys()
    if not isinstance(source.data, dict):
        raise RubricError(problems + [f"{source.where(())}: a rubric must be a mapping of keys to values"])
    data, where = _merged(source, problems, chain)
    if data is None:
        raise RubricError(_in_order(problems))
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems += [f"{where(e['loc'])}: {_message(e)}" for e in exc.errors()]
        raise RubricError(_in_order(problems)) from None
    problems += [f"{where(loc)}: {msg}" for loc, msg in _cross_references(rubric)]
    if rubric.precedents is not None and not refresh_precedents_digest(rubric):
        file = precedents_path(rubric.precedents.file)
        problems.append(f"{where(('precedents', 'file'))}: precedents.file: no such file: {file}")
    if problems:
        raise RubricError(_in_order(problems))
    return LoadedRubric(rubric, path, where, data)


def _message(error: dict[str, Any]) -> str:
    field = ".".join(str(p) for p in error["loc"])
    msg = error["msg"].removeprefix("Value error, ")
    return f"{field}: {msg}" if field else msg


# Items merged by code, and the list of criteria each kind of item carries.
_CRITERIA_KEY = {"domains": "strengths", "concerns": "raised_when", "checks": "fails_when"}


def _merged(source: _Source, problems: list[str], chain: tuple[Path, ...]) -> tuple[dict[str, Any] | None, Where]:
    """Apply `extends:`: the base's items, overridden or extended by this file's, by code.

    An item whose code the base has replaces the base's item. An item with
    `merge: add_criteria` appends its criteria (raised_when, fails_when, strengths) to
    the base's item and replaces only the other fields it gives (tips, zorg, ...).
    Themes are replaced by name. Returns the merged data and its loc -> position map;
    None when the base cannot be loaded.
    """
    data = dict(source.data)
    base_name = data.get("extends")
    if not base_name:
        return data, source.where
    here = source.where(("extends",))
    if not isinstance(base_name, str) or "\x00" in base_name or len(base_name) > 1000:
        problems.append(f"{here}: extends must be the file name or built-in name of a rubric")
        return None, source.where
    base_path = base_path_of(source.path, base_name)
    chain = chain + (source.path.resolve(),)
    if base_path in chain:
        what = "itself" if base_path == chain[-1] else "a rubric that extends it"
        problems.append(f"{here}: a rubric cannot extend {what} ({base_name!r})")
        return None, source.where
    try:
        base = _load(base_path, chain)
    except RubricError as exc:
        problems.append(f"{here}: base rubric {base_name!r} is invalid")
        problems.extend(exc.problems)
        return None, source.where

    merged: dict[str, Any] = {**base.data, **{k: v for k, v in data.items() if k not in ("themes", *_CRITERIA_KEY)}}
    child_themes = data.get("themes") if isinstance(data.get("themes"), dict) else {}
    merged["themes"] = {**base.data.get("themes", {}), **child_themes}
    origins: dict[str, list[tuple[Any, ...]]] = {}
    for key in _CRITERIA_KEY:
        extra = data.get(key)
        if key in data and not isinstance(extra, list):
            merged[key] = extra  # let the schema say it must be a list, at the child's line
            origins[key] = []
            continue
        merged[key], origins[key] = _merge_by_code(key, base.data.get(key, []), extra or [], problems, source.where)

    def where(loc: Loc) -> str:
        loc = tuple(loc)
        if len(loc) >= 2 and loc[0] in origins and isinstance(loc[1], int) and loc[1] < len(origins[loc[0]]):
            return _where_item(loc, origins[loc[0]][loc[1]], base.where, source.where)
        if len(loc) >= 2 and loc[0] == "themes":
            return source.where(loc) if loc[1] in child_themes else base.where(loc)
        if len(loc) >= 2 and loc[0] not in data:
            return base.where(loc)
        return source.where(loc)

    return merged, where


def _merge_by_code(
    key: str, base: list[Any], extra: list[Any], problems: list[str], child_where: Where
) -> tuple[list[Any], list[tuple[Any, ...]]]:
    """Merge one list by code; each merged item keeps its origin for `where`.

    Origins: ("base", i), ("child", j), or ("add", i, j, {criteria key: base length},
    keys the child gave).
    """
    out = list(base)
    origins: list[tuple[Any, ...]] = [("base", i) for i in range(len(base))]
    index = {item.get("code"): i for i, item in enumerate(base) if isinstance(item, dict)}
    criteria_key = _CRITERIA_KEY[key]
    for j, item in enumerate(extra):
        code = item.get("code") if isinstance(item, dict) else None
        at = index.get(code) if isinstance(code, str) else None
        untouched = at is not None and origins[at][0] == "base"  # a second item with one code is a duplicate
        if not isinstance(item, dict) or "merge" not in item:
            if untouched:
                out[at], origins[at] = item, ("child", j)
            else:
                out.append(item)
                origins.append(("child", j))
            continue
        if item["merge"] != "add_criteria":
            problems.append(f"{child_where((key, j, 'merge'))}: unknown merge {item['merge']!r} (the only one is 'add_criteria')")
            continue
        if not untouched:
            what = "the base rubric has no such code" if at is None else "this file changed that item already"
            problems.append(f"{child_where((key, j, 'code'))}: merge: add_criteria on {code!r}: {what}")
            continue
        added = item.get(criteria_key, [])
        if not isinstance(added, list):
            problems.append(f"{child_where((key, j, criteria_key))}: {criteria_key} must be a list")
            continue
        merged = {**out[at], **{k: v for k, v in item.items() if k not in ("code", "merge", criteria_key)}}
        base_criteria = list(out[at].get(criteria_key) or [])
        merged[criteria_key] = base_criteria + added
        out[at] = merged
        origins[at] = ("add", at, j, {criteria_key: len(base_criteria)}, frozenset(item) - {criteria_key})
    return out, origins


def _where_item(loc: Loc, origin: tuple[Any, ...], base_where: Where, child_where: Where) -> str:
    key, rest = loc[0], loc[2:]
    if origin[0] == "base":
        return base_where((key, origin[1], *rest))
    if origin[0] == "child":
        return child_where((key, origin[1], *rest))
    _, i, j, lengths, child_keys = origin
    if rest and rest[0] in lengths:
        n = lengths[rest[0]]
        if len(rest) >= 2 and isinstance(rest[1], int):
            if rest[1] < n:
                return base_where((key, i, *rest))
            return child_where((key, j, rest[0], rest[1] - n, *rest[2:]))
        return child_where((key, j, *rest))
    if rest and rest[0] in child_keys:
        return child_where((key, j, *rest))
    return base_where((key, i, *rest))


def where_in_file(path: str | Path, loc: Loc) -> str:
    """`file:line:col` of a loc path in one YAML file, e.g. ('concerns', 3, 'raised_when',
    0, 'examples', 'trigger', 1); the nearest existing parent when the path stops early."""
    return _Source(Path(path)).where(tuple(loc))


def _cross_references(rubric: Rubric) -> Iterable[tuple[Loc, str]]:
    """Unknown codes, duplicate ids, dangling references and unusable patterns, each with its location."""
    yield from _pattern_problems(rubric)
    domain_codes = [d.code for d in rubric.domains]
    concern_codes = [c.code for c in rubric.concerns]
    check_codes = [c.code for c in rubric.checks]
    check_criteria = {cr.id for c in rubric.checks for cr in c.fails_when}
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
    for where, criterion in criteria_with_loc(rubric):
        if criterion.id in ids:
            yield where + ("id",), f"duplicate criterion id {criterion.id!r}"
        ids.add(criterion.id)
        for field in ("scope", "alternatives_scope"):
            names = getattr(criterion, field, None)
            for j, d in enumerate(names if isinstance(names, list) else []):
                if d not in domain_codes and d != "algemeen":
                    yield where + (field, j), f"unknown domain {d!r}"
        for field in ("theme", "alternatives", "within", "unless", "unless_affirmed", "versus", "owners", "terms", "explicit", "definitions", "practice", "links", "goals", "strategies"):
            name = getattr(criterion, field, None)
            if name and name not in rubric.themes:
                yield where + (field,), f"unknown theme {name!r}"
        for field in ("themes", "concepts", "within_any", "alternatives_unless"):
            for j, name in enumerate(getattr(criterion, field, None) or []):
                if name not in rubric.themes:
                    yield where + (field, j), f"unknown theme {name!r}"
        for field in ("source",):
            d = getattr(criterion, field, None)
            if d and d not in domain_codes:
                yield where + (field,), f"unknown domain {d!r}"
        for j, d in enumerate(getattr(criterion, "targets", []) or []):
            if d not in domain_codes:
                yield where + ("targets", j), f"unknown domain {d!r}"
        domains = getattr(criterion, "domains", None)
        for j, d in enumerate(domains if isinstance(domains, list) else []):
            if d not in domain_codes:
                yield where + ("domains", j), f"unknown domain {d!r}"

    for j, name in enumerate(rubric.draft_themes):
        if name not in rubric.themes:
            yield ("draft_themes", j), f"unknown theme {name!r}"
    for j, name in enumerate(rubric.placeholder_themes):
        if name not in rubric.themes:
            yield ("placeholder_themes", j), f"unknown theme {name!r}"
    for i, c in enumerate(rubric.concerns):
        if c.domain not in domain_codes:
            yield ("concerns", i, "domain"), f"unknown domain {c.domain!r}"
    askable = set(concern_codes) | set(check_codes) | ids
    for i, d in enumerate(rubric.domains):
        for j, q in enumerate(d.reflection_questions):
            for k, code in enumerate(q.when):
                if code not in askable:
                    yield ("domains", i, "reflection_questions", j, "when", k), f"unknown concern, check or criterion {code!r}"
        if rubric.themes.get(d.vocabulary) is None:
            yield ("domains", i, "vocabulary"), f"unknown theme {d.vocabulary!r}"
        own = {c.code for c in rubric.concerns if c.domain == d.code}
        for j, st in enumerate(d.strengths):
            if st.opposes and st.opposes not in own:
                yield ("domains", i, "strengths", j, "opposes"), f"not a concern of this domain {st.opposes!r}"
        for level, rule in d.levels.items():
            names = [] if rule.none_of == "all" else rule.none_of
            for j, code in enumerate(names):
                if code not in concern_codes:
                    yield ("domains", i, "levels", level, "none_of", j), f"unknown concern {code!r}"
            for j, group in enumerate(rule.not_together):
                for k, code in enumerate(group):
                    if code not in concern_codes:
                        yield ("domains", i, "levels", level, "not_together", j, k), f"unknown concern {code!r}"
            for j, code in enumerate(rule.checks):
                if code not in check_codes and code not in check_criteria:
                    yield ("domains", i, "levels", level, "checks", j), f"unknown check or check criterion {code!r}"
            for j, name in enumerate(rule.requires):
                if name not in rubric.themes:
                    yield ("domains", i, "levels", level, "requires", j), f"unknown theme {name!r}"


def _pattern_problems(rubric: Rubric) -> Iterable[tuple[Loc, str]]:
    """Patterns that compile alone but not as the engine uses them (one alternation per
    theme, so global flags such as (?i) must not appear), or that match empty text and
    so match everywhere. Heading patterns are compiled here too."""
    for name, theme in rubric.themes.items():
        for j, p in enumerate(theme.patterns):
            yield from _pattern_problem(("themes", name, "patterns", j), p)
    for i, d in enumerate(rubric.domains):
        for j, p in enumerate(d.headings):
            yield from _pattern_problem(("domains", i, "headings", j), p)
    for key in ("general_headings", "future_headings"):
        for j, p in enumerate(getattr(rubric, key, None) or []):
            yield from _pattern_problem((key, j), p)


def _pattern_problem(loc: Loc, pattern: str) -> Iterable[tuple[Loc, str]]:
    error = pattern_error(pattern)
    if error:
        yield loc, f"invalid pattern {pattern!r}: {error[0]}"
        return
    if compiled_pattern(pattern).search(""):
        yield loc, f"pattern {pattern!r} matches empty text, so it matches everywhere"


def criteria_with_loc(rubric: Rubric) -> Iterable[tuple[Loc, CriterionBase]]:
    """Every criterion with its loc in the (merged) rubric, in file order."""
    for i, d in enumerate(rubric.domains):
        for j, s in enumerate(d.strengths):
            yield ("domains", i, "strengths", j, "criterion"), s.criterion
    for i, c in enumerate(rubric.concerns):
        for j, cr in enumerate(c.raised_when):
            yield ("concerns", i, "raised_when", j), cr
    for i, k in enumerate(rubric.checks):
        for j, cr in enumerate(k.fails_when):
            yield ("checks", i, "fails_when", j), cr
