"""Theme patterns matched fast, with exactly the results of the one big alternation.

A theme is ``(?:p1)|(?:p2)|...`` over a dossier's whole normalised text. Python's
regex engine finds no literal prefix in such an alternation (most patterns begin with
``\\b`` or a group), so it tries every alternative at every one of ~100,000 positions:
profiling a 43-page dossier put 1.4 s of its 1.6 s in ``finditer`` of the themes.

Most patterns can only match where one of a few literal strings begins ("hogeschool",
"pabo", "stage"): the *prefixes* computed here from the parsed pattern. `ThemeMatcher`
finds those strings with ``str.find`` and, at each such position in increasing order,
tries the alternatives that have a prefix there, in their rubric order, with
``pattern.match(text, pos)`` (which sees the text before ``pos``, so ``\\b`` and
look-behinds behave as in a scan). That is the same leftmost-first, non-overlapping
sequence of matches ``finditer`` of the alternation yields: a position where no
alternative has a prefix is one where none can match. A theme with an alternative that
has no literal prefix (``\\w+ ...``), flags, back-references or a possible empty match
keeps the plain alternation.

`compile_theme` caches by pattern list, so each process compiles a theme once, not
once per dossier. `export_state` / `import_state` carry the prefix tables and the
compiled regex programs to the next process (assessor/cache.py keeps them with the
rubric): compiling ~600 patterns is ~0.3-0.5 s of pure Python per process, loading
their programs with ``_sre.compile`` is a few milliseconds. That is CPython's own
internal step of ``re.compile``; the programs are keyed by the exact Python version and
anything unexpected falls back to ``re.compile``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

#: Most prefix strings one alternative may have before we stop extending them.
_MAX_PREFIXES = 256
#: Prefixes are cut to this length (measured on 40-page dossiers: 12 is fastest once
#: one trie scan finds them all; 5 was best with a str.find pass per prefix).
PREFIX_LEN = 12
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


def _literal_set(op, av) -> set[str] | None:
    """The finite set of strings one parsed item matches, or None."""
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        out: set[str] = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                out.add(chr(iav))
            elif iop is C.RANGE and iav[1] - iav[0] < 16:
                out.update(chr(c) for c in range(iav[0], iav[1] + 1))
            else:
                return None
        return out
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _sequence_set(sub)
    if op is C.BRANCH:
        out = set()
        for branch in av[1]:
            s = _sequence_set(branch)
            if s is None:
                return None
            out |= s
            if len(out) > _MAX_PREFIXES:
                return None
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        if lo == 0 and hi == 1:
            s = _sequence_set(sub)
            return None if s is None else s | {""}
    return None


def _sequence_set(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        s = _literal_set(op, av)
        if s is None:
            return None
        out = {a + b for a in out for b in s}
        if len(out) > _MAX_PREFIXES:
            return None
    return out


def _prefixes(items) -> set[str]:
    """Strings one of which every match of the sequence starts with ({""}: unknown)."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the match still starts at the next item
        s = _literal_set(op, av)
        if s is not None:
            extended = {a + b for a in out for b in s}
            if len(extended) > _MAX_PREFIXES:
                return out
            out = extended
            continue
        # not a finite set: its own prefixes end the walk
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            inner = _prefixes(av[3])
        elif op is C.BRANCH:
            inner = set()
            for branch in av[1]:
                inner |= _prefixes(branch)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            inner = _prefixes(av[2])
        else:
            inner = {""}
        extended = {a + b for a in out for b in inner}
        return extended if len(extended) <= _MAX_PREFIXES else out
    return out


def _parse(pattern: str):
    try:
        return P.parse(pattern)
    except re.error:
        return None


def prefixes(pattern: str) -> set[str] | None:
    """Literal prefixes of a pattern, or None when a match may start anywhere."""
    parsed = _parse(pattern)
    return None if parsed is None else _prefixes_of(parsed)


def _prefixes_of(parsed) -> set[str] | None:
    if parsed.state.flags & ~re.UNICODE:
        return None
    found = _prefixes(list(parsed))
    if not found or "" in found:
        return None
    return _shortest(found)


def _shortest(found: set[str]) -> set[str]:
    """Cut to PREFIX_LEN characters and drop strings that extend another one ('de'
    covers 'de school'); sorted, a string's prefixes come right before it. Fewer,
    shorter strings: fewer scans of the text, a few more positions to try."""
    keep: list[str] = []
    for p in sorted({p[:PREFIX_LEN] for p in found}):
        if not keep or not p.startswith(keep[-1]):
            keep.append(p)
    return set(keep)


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


class ThemeMatcher:
    """`finditer`, `search` and `findall` of ``(?:p1)|(?:p2)|...``, found faster."""

    __slots__ = ("patterns", "_alts", "_groups", "_total_groups", "_by_prefix", "_slow", "_plain", "fast", "_any")

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.patterns = tuple(patterns)
        self._plain: re.Pattern[str] | None = None
        self._any: re.Pattern[str] | None = None
        self._alts: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        self._by_prefix: dict[str, tuple[int, ...]] = {}
        #: alternatives without a literal prefix: every position where one matches is
        #: found by a scan with a look-ahead, (?=p), which matches (empty) at each
        self._slow: dict[int, re.Pattern[str] | None] = {}
        self.fast = bool(self.patterns) and not any(_BACKREF.search(p) for p in self.patterns)
        if self.fast:
            by_prefix: dict[str, set[int]] = {}
            parsed = [_parse(p) for p in self.patterns]
            for k, p in enumerate(parsed):
                found = None if p is None else _prefixes_of(p)
                if found is None:
                    self._slow[k] = None
                    continue
                for prefix in found:
                    by_prefix.setdefault(prefix, set()).add(k)
            self._by_prefix = {p: tuple(sorted(ks)) for p, ks in by_prefix.items()}
            # all slow: the plain alternation is as good
            self.fast = len(self._slow) < len(self.patterns)
        if self.fast:
            self._groups = [p.state.groups - 1 for p in parsed]
            self._total_groups = sum(self._groups)
        else:
            self._groups, self._total_groups = [], 0

    @property
    def plain(self) -> re.Pattern[str]:
        if self._plain is None:
            self._plain = compile_pattern("|".join(f"(?:{p})" for p in self.patterns))
        return self._plain

    @property
    def pattern(self) -> str:
        return self.plain.pattern

    def _alt(self, k: int) -> re.Pattern[str]:
        compiled = self._alts[k]
        if compiled is None:
            compiled = self._alts[k] = compile_pattern(self.patterns[k])
        return compiled

    def _lookahead(self, k: int) -> re.Pattern[str]:
        compiled = self._slow.get(k)
        if compiled is None:
            compiled = self._slow[k] = compile_pattern(f"(?=(?:{self.patterns[k]}))")
        return compiled

    def any_prefix_pattern(self) -> str:
        return "|".join(re.escape(p) for p in sorted(self._by_prefix))

    def _has_prefix(self, text: str) -> bool:
        """Does any prefix occur in `text`? One C scan; for the many short texts (a
        sentence, a heading) that hold none, the per-prefix search is skipped (measured:
        ~4,000 such calls per dossier, ~20 us each before)."""
        if self._any is None:
            self._any = compile_pattern(self.any_prefix_pattern())
        return self._any.search(text) is not None

    def _iter(self, text: str, first_only: bool = False) -> Iterator[tuple[int, re.Match[str]]]:
        candidates: dict[int, tuple[int, ...] | set[int]] = {}
        positions = _positions(text)
        use_prefixes = len(text) >= BIG_TEXT or self._has_prefix(text)
        for prefix, alts in self._by_prefix.items() if use_prefixes else ():
            for i in positions(prefix):
                have = candidates.get(i)
                if have is None:
                    candidates[i] = alts
                elif have is not alts:
                    candidates[i] = set(have) | set(alts)
        for k in self._slow:
            single = (k,)
            for m in self._lookahead(k).finditer(text):
                i = m.start()
                have = candidates.get(i)
                candidates[i] = single if have is None else set(have) | {k}
        end = 0
        for pos in sorted(candidates):
            if pos < end:
                continue
            alts = candidates[pos]
            for k in (sorted(alts) if isinstance(alts, set) else alts):
                m = self._alt(k).match(text, pos)
                if m is not None:
                    if m.end() == pos:  # cannot happen with a literal prefix; stay exact anyway
                        raise _Empty
                    yield k, m
                    if first_only:
                        return
                    end = m.end()
                    break

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.fast:
            return self.plain.finditer(text)
        try:
            return iter([m for _, m in self._iter(text)])
        except _Empty:
            return self.plain.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        if not self.fast:
            return self.plain.search(text)
        try:
            for _, m in self._iter(text, first_only=True):
                return m
        except _Empty:
            return self.plain.search(text)
        return None

    def findall(self, text: str) -> list:
        """As `re.findall` of the alternation: strings, or tuples of its groups."""
        if not self.fast:
            return self.plain.findall(text)
        try:
            found = list(self._iter(text))
        except _Empty:
            return self.plain.findall(text)
        total = self._total_groups
        if total == 0:
            return [m.group(0) for _, m in found]
        out = []
        for k, m in found:
            before = sum(self._groups[:k])
            groups = ("",) * before + tuple(g or "" for g in m.groups()) + ("",) * (total - before - self._groups[k])
            out.append(groups[0] if total == 1 else groups)
        return out


class _Empty(Exception):
    pass


#: Texts at least this long get one scan for every prefix of every theme (below).
BIG_TEXT = 4096
_SMALL: dict[str, list[int]] = {}
_SMALL_TEXT: list[str] = [""]
_BIG: dict[int, tuple[str, dict[str, list[int]]]] = {}  # id(text) -> (text, prefix -> positions)


def _positions(text: str):
    """Where a literal occurs in `text` (overlapping), shared by every theme: many
    themes look for the same words ("hogeschool", "opleiding").

    A dossier's text (~100,000 characters) is scanned once for all ~750 prefixes of all
    themes with one regex shaped as a trie (`_trie_regex`), instead of ~750 `str.find`
    passes (measured: 86 -> ~25 ms per 40-page dossier). Short texts (a sentence, a
    heading) use `str.find` per prefix, on demand."""
    if len(text) >= BIG_TEXT:
        entry = _BIG.get(id(text))
        if entry is None or entry[0] is not text:
            index = _trie_index(text)
            if index is not None:
                if len(_BIG) >= 3:
                    _BIG.pop(next(iter(_BIG)))
                _BIG[id(text)] = entry = (text, index)
        if entry is not None and entry[0] is text:
            occurrences = entry[1]
            return lambda literal: occurrences.get(literal, ())
    if _SMALL_TEXT[0] is not text:
        _SMALL.clear()
        _SMALL_TEXT[0] = text

    def find_all(literal: str) -> list[int]:
        found = _SMALL.get(literal)
        if found is None:
            found = []
            find = text.find
            i = find(literal)
            while i != -1:
                found.append(i)
                i = find(literal, i + 1)
            _SMALL[literal] = found
        return found

    return find_all


_TRIE: dict = {"key": None, "regex": None, "nested": {}}
_TRIE_SOURCE: dict[frozenset[str], str] = {}  # building the source takes ~80 ms: kept with the rubric


def _all_prefixes() -> frozenset[str]:
    return frozenset(p for m in _CACHE.values() for p in m._by_prefix)


def _trie_regex(prefixes: frozenset[str]) -> str:
    """A regex matching, at a position, the longest string of `prefixes` that starts
    there: a trie of alternatives whose first characters differ, a terminal node's
    continuation optional (greedy, so longer first; on failure it backtracks to it)."""
    root: dict = {}
    for p in prefixes:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body + "?") if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
        return body

    return build(root)


def _trie_index(text: str) -> dict[str, list[int]] | None:
    """Every position of every prefix in `text`: one regex search per position where
    some prefix starts, each reporting the longest; the shorter ones there follow."""
    prefixes = _all_prefixes()
    if not prefixes:
        return None
    if _TRIE["key"] != prefixes:
        try:
            source = _TRIE_SOURCE.get(prefixes) or _TRIE_SOURCE.setdefault(prefixes, _trie_regex(prefixes))
            regex = compile_pattern(source)
        except (re.error, RecursionError):
            return None
        # for each prefix, itself and the shorter prefixes it starts with
        nested = {p: tuple(p[:n] for n in range(1, len(p) + 1) if p[:n] in prefixes) for p in prefixes}
        _TRIE.update(key=prefixes, regex=regex, nested=nested)
    search = _TRIE["regex"].search
    nested = _TRIE["nested"]
    out: dict[str, list[int]] = {p: [] for p in prefixes}
    m = search(text)
    while m is not None:
        i = m.start()
        for head in nested[m.group()]:
            out[head].append(i)
        m = search(text, i + 1)
    return out


_CACHE: dict[tuple[str, ...], ThemeMatcher] = {}


def compile_theme(patterns: list[str] | tuple[str, ...]) -> ThemeMatcher:
    key = tuple(patterns)
    matcher = _CACHE.get(key)
    if matcher is None:
        matcher = _CACHE[key] = ThemeMatcher(key)
    return matcher


def rubric_matchers(rubric) -> list[ThemeMatcher]:
    """The matchers the engine builds for a rubric, built the engine's own way
    (assessor.analysis._compile may rewrite patterns before they come here)."""
    from assessor.analysis import _compile

    lists = [t.patterns for t in rubric.themes.values()]
    if rubric.future_headings:
        lists.append(rubric.future_headings)
    return [_compile(patterns) for patterns in lists]


def prepare(rubric, compile_all: bool = True) -> None:
    """Build every theme's matcher now (before forking workers, so they share it)."""
    matchers = rubric_matchers(rubric)
    if compile_all and matchers:
        _trie_index(" ")  # the prefix trie of all themes
    for m in matchers:
        if compile_all:
            if m.fast:
                for k in range(len(m.patterns)):
                    m._alt(k)
                for k in list(m._slow):
                    m._lookahead(k)
                m._has_prefix("")
            else:
                m.plain  # noqa: B018


# -- carrying compiled state to the next process -------------------------------------

_CODE: dict[str, tuple] = {}
CODE_VERSION = f"{sys.implementation.cache_tag}:{sys.version}"


def _compile_keeping_code(pattern: str) -> tuple[re.Pattern[str], tuple]:
    """re.compile(pattern), also returning the arguments of its final _sre.compile call
    (as CPython 3.11-3.13's re._compiler.compile makes them)."""
    import _sre
    from re import _compiler

    parsed = P.parse(pattern, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]  # named opcode constants do not pickle
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    args = (pattern, parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
    compiled = _sre.compile(*args)
    if compiled.pattern != pattern or compiled.groups != parsed.state.groups - 1:
        raise ValueError("unexpected compile result")
    return compiled, args


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """re.compile, from a program carried over by `import_state` when there is one."""
    args = _CODE.get(pattern)
    if args is not None:
        try:
            import _sre

            return _sre.compile(*args)
        except Exception:
            _CODE.pop(pattern, None)
    try:
        compiled, args = _compile_keeping_code(pattern)
    except Exception:
        return re.compile(pattern)
    _CODE[pattern] = args
    return compiled


def export_state(rubric) -> dict:
    """The prepared matchers of a rubric and their compiled programs, picklable."""
    prepare(rubric)
    matchers = {}
    code: dict[str, tuple] = {}
    trie = _TRIE_SOURCE.get(_TRIE["key"]) if _TRIE["regex"] is not None else None
    if trie is not None and trie in _CODE:
        code[trie] = _CODE[trie]
    for m in rubric_matchers(rubric):
        key = m.patterns
        matchers[key] = {"fast": m.fast, "by_prefix": m._by_prefix, "slow": list(m._slow), "groups": m._groups,
                         "total": m._total_groups}
        wanted = ([m.patterns[k] for k in range(len(m.patterns)) if k not in m._slow]
                  + [f"(?=(?:{m.patterns[k]}))" for k in m._slow]
                  + [m.any_prefix_pattern()]) if m.fast else ["|".join(f"(?:{p})" for p in m.patterns)]
        code.update({p: _CODE[p] for p in wanted if p in _CODE})
    return {"version": CODE_VERSION, "matchers": matchers, "code": code,
            "trie": (_TRIE["key"], trie) if trie is not None else None}


def import_state(state: dict) -> bool:
    """Install what `export_state` gave (in another process). False when it does not fit."""
    if not isinstance(state, dict) or state.get("version") != CODE_VERSION:
        return False
    for key, st in state["matchers"].items():
        if key in _CACHE:
            continue
        m = ThemeMatcher.__new__(ThemeMatcher)
        m.patterns = key
        m._plain = None
        m._any = None
        m._alts = [None] * len(key)
        m.fast = st["fast"]
        m._by_prefix = st["by_prefix"]
        m._slow = {k: None for k in st["slow"]}
        m._groups = st["groups"]
        m._total_groups = st["total"]
        _CACHE[key] = m
    for pattern, args in state["code"].items():
        _CODE.setdefault(pattern, args)
    if state.get("trie"):
        prefixes, source = state["trie"]
        _TRIE_SOURCE.setdefault(prefixes, source)
    return True
