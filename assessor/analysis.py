"""The analysed dossier: sentences with location, domain, clauses and theme hits.

Built once per dossier from the document model; every check kind reads it. Theme
patterns run once over the whole normalised text and their offsets are mapped back to
sentences with a bisect (proselint's offsets-to-location, done in one place).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from assessor.document import Block, BlockKind, Document
from assessor.fastmatch import ThemeMatcher, compile_theme
from assessor.nlp import Clause, Time, clauses, fold, normalize, own_in_match, own_negators, split_sentences, stems
from assessor.result import Evidence
from rubric.schema import Rubric

_QUOTE_LIMIT = 300
# sentences about the document: its chapters, its annexes, who wrote or read it
_META = re.compile(
    r"\b(?:hoofdstuk(?:ken)? \d|paragraaf \d|in dit (?:hoofdstuk|document|dossier)|deze aanvraag|leeswijzer"
    r"|meegelezen|schrijfgroep|(?:gele|gemarkeerde) (?:stukken|passages|tekst))|\(bijlage \d+\)[^.]{0,80}\(bijlage \d+\)"
)
GENERAL = "algemeen"  # scope name for chapters that belong to no domain
_YEAR = re.compile(r"\b(20[0-4]\d)\b")


@dataclass(slots=True)
class Sentence:
    index: int
    text: str
    norm: str
    block: int
    domain: str | None
    clauses: list[Clause]

    def clause_at(self, pos: int) -> Clause:
        for c in self.clauses:
            if c.start <= pos < c.end:
                return c
        return self.clauses[-1]


@dataclass(slots=True, frozen=True)
class Hit:
    sentence: int
    start: int
    end: int
    match: str
    negated: bool
    not_only: bool
    time: Time

    @property
    def affirmed(self) -> bool:
        return not self.negated


class Analysis:
    """A dossier read for judgement. Construct with `Analysis(document, rubric)`."""

    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.document = document
        self.rubric = rubric
        self._compiled = {name: _compile(t.patterns) for name, t in rubric.themes.items()}
        # themes that also count in placeholders and notes: the draft markers themselves,
        # and those whose subject a placeholder is evidence of ("Wie: [invullen]")
        self._reads_notes = (
            set(rubric.draft_themes) | set(rubric.placeholder_themes) | {n for n, t in rubric.themes.items() if t.reads_notes}
        )
        self._own_negators = {name: own_negators(tuple(t.patterns)) for name, t in rubric.themes.items()}
        self._future_headings = _compile(rubric.future_headings) if rubric.future_headings else None
        self.block_domains = self._map_sections()
        self.reference_year = _reference_year(document)
        self.sentences = self._sentences()
        self._offsets: list[int] = []
        parts: list[str] = []
        pos = 0
        for s in self.sentences:
            self._offsets.append(pos)
            parts.append(s.norm)
            pos += len(s.norm) + 1
        self.text = "\n".join(parts)
        self._hits: dict[str, list[Hit]] = {}

    # -- sections to domains -------------------------------------------------------
    def _map_sections(self) -> list[str | None]:
        """Each block's domain: by its nearest heading that names a domain, else by content.

        Headings of the author's own ("Waar wij voor staan") are matched by the domain's
        heading patterns; a heading that matches none takes the domain whose vocabulary
        dominates the text beneath it.
        """
        blocks = self.document.blocks
        spans = self.heading_spans
        out: list[str | None] = []
        stack: list[tuple[int, str | None]] = []  # (level, domain) of the open headings
        for i, b in enumerate(blocks):
            if b.kind is BlockKind.heading:
                level = b.level or 1
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = next((d for _, d in reversed(stack) if d), None)
                # a subsection stays in its chapter's domain; a general chapter
                # ("Ontwikkelplan") hands its subsections their own domain
                stack.append((level, parent or self._domain_of_section(b.text, blocks, spans[i])))
            out.append(next((d for _, d in reversed(stack) if d), None))
        return self._fill_missing_domains(self._adopt_child_domain(out, spans), spans)

    def _adopt_child_domain(self, out: list[str | None], spans: dict[int, tuple[int, int]]) -> list[str | None]:
        """A chapter of the author's own ("B. Het kompas") whose recognised sections all
        belong to one domain ("B.1 Onze gezamenlijke visie") is that domain's chapter."""
        blocks = self.document.blocks
        for i, b in enumerate(blocks):
            if b.kind is not BlockKind.heading or out[i] is not None:
                continue
            if self._is_general(b.text):
                continue
            start, end = spans[i]
            inside = {out[j] for j in range(start, end)} - {None}
            if len(inside) == 1:
                domain = inside.pop()
                if self._has_own_chapter(domain, out, spans, i):
                    continue  # "Het partnerschap zelf" under "Klopt het wat we doen?"
                for j in range(i, end):
                    out[j] = domain
        return out

    def _has_own_chapter(self, domain: str, out: list[str | None], spans: dict[int, tuple[int, int]], i: int) -> bool:
        """Whether a heading outside chapter `i`, at its level or above, already holds `domain`."""
        blocks = self.document.blocks
        level = blocks[i].level or 1
        start, end = spans[i]
        return any(
            out[k] == domain and (b.level or 1) <= level
            for k, b in enumerate(blocks)
            if b.kind is BlockKind.heading and not i <= k < end
        )

    def _fill_missing_domains(self, out: list[str | None], spans: dict[int, tuple[int, int]]) -> list[str | None]:
        """A dossier covers all four domains. When one has no chapter, the unplaced
        chapter (not a general one such as Inleiding) whose vocabulary fits it best is
        that domain's chapter, even if its heading and content vote were not decisive."""
        blocks = self.document.blocks
        present = {d for d in out if d}
        missing = [d for d in self.rubric.domains if d.code not in present]
        candidates = [
            i for i, b in enumerate(blocks)
            if b.kind is BlockKind.heading and out[i] is None
            and not self._is_general(b.text)
            # nothing beneath it is placed, save sections of a domain that has its own chapter
            and all(self._has_own_chapter(d, out, spans, i) for d in {out[j] for j in range(*spans[i])} - {None})
        ]
        for d in missing:
            scored = []
            for i in candidates:
                start, end = spans[i]
                text = normalize(" ".join(b.text for b in blocks[i:end]))
                scored.append((len(self._compiled[d.vocabulary].findall(text)), -i, i))
            if scored and max(scored)[0] >= 2:
                _, _, best = max(scored)
            elif (best := self._chapter_in_order_gap(d.code, out, candidates)) is None:
                continue
            candidates = [i for i in candidates if not (spans[best][0] - 1 <= i < spans[best][1])]
            for j in range(best, spans[best][1]):
                out[j] = d.code
        return out

    def _chapter_in_order_gap(self, domain: str, out: list[str | None], candidates: list[int]) -> int | None:
        """Dossiers follow the domains' order (visie, samenwerking, ...): the one unplaced
        chapter between the previous domain's chapter and the next one's is the missing one."""
        order = [d.code for d in self.rubric.domains]
        k = order.index(domain)
        first = {d: min((i for i, x in enumerate(out) if x == d), default=None) for d in order}
        before = [first[d] for d in order[:k] if first[d] is not None]
        after = [first[d] for d in order[k + 1 :] if first[d] is not None]
        lo, hi = max(before, default=-1), min(after, default=len(out))
        top = min((self.document.blocks[i].level or 1 for i in candidates), default=1)
        inside = [i for i in candidates if lo < i < hi and (self.document.blocks[i].level or 1) == top]
        return inside[0] if len(inside) == 1 else None

    def _domain_of_section(self, title: str, blocks: list[Block], span: tuple[int, int]) -> str | None:
        if self._is_general(title):
            return None
        return self._domain_of_heading(title) or self._domain_by_content(blocks[span[0] : span[1]])

    def _is_general(self, title: str) -> bool:
        """A chapter of no single domain (Inleiding, Ontwikkelplan, Bijlagen), unless a
        domain is named first ("Missie en doelstellingen" is the vision's chapter)."""
        general = self._first_match(title, self.rubric.general_headings)
        if general is None:
            return False
        named = self._named_domain(title)
        return named is None or general <= named[0]

    def _domain_of_heading(self, title: str) -> str | None:
        """The domain named earliest in the heading ("Kwaliteit van de samenwerking": kwaliteitszorg)."""
        named = self._named_domain(title)
        return named[1] if named else None

    def _named_domain(self, title: str) -> tuple[int, str] | None:
        norm = normalize(title)
        found = [(m.start(), i, d.code) for i, d in enumerate(self.rubric.domains) for p in d.headings if (m := re.search(p, norm))]
        if not found:
            return None
        start, _, code = min(found)
        return start, code

    @staticmethod
    def _first_match(title: str, patterns: list[str]) -> int | None:
        norm = normalize(title)
        return min((m.start() for p in patterns if (m := re.search(p, norm))), default=None)

    def _domain_by_content(self, blocks: list[Block]) -> str | None:
        text = normalize(" ".join(b.text for b in blocks))
        votes = {d.code: len(self._compiled[d.vocabulary].findall(text)) for d in self.rubric.domains}
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        best, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return best if n >= 4 and n >= 2 * runner_up else None

    # -- sentences -----------------------------------------------------------------
    def _sentences(self) -> list[Sentence]:
        """Sentences, table rows and headings, each with its block and domain.

        Headings count as sentences too: "Alle docenten" or "Hoe tevreden zijn onze
        studenten?" say what the text beneath is about. Sections whose heading announces
        plans ("Ontwikkelplan", "Plannen") read as future unless a clause says otherwise.
        """
        out: list[Sentence] = []
        future_section = False
        for bi, block in enumerate(self.document.blocks):
            if block.kind is BlockKind.heading:
                pieces = [block.text]
                future_section = bool(self._future_headings and self._future_headings.search(normalize(block.text)))
            elif block.kind is BlockKind.table and block.cells:
                pieces = _table_rows(block.cells)
            else:
                pieces = split_sentences(block.text)
            for text in pieces:
                norm = normalize(text)
                if len(norm) < 3:
                    continue
                cls = clauses(norm, self.reference_year)
                plan_row = block.kind is BlockKind.table and _PLAN_ROW.search(norm) and not _NOW_CELL.search(norm)
                if (future_section or plan_row) and block.kind is not BlockKind.heading:
                    for c in cls:
                        c.time = "future" if c.time == "present" else c.time
                out.append(Sentence(len(out), text, norm, bi, self.block_domains[bi], cls))
        return out

    def in_scope(self, sentence: Sentence, scope: list[str] | str) -> bool:
        """'any' is the whole dossier; 'algemeen' the chapters of no domain (Inleiding)."""
        return scope == "any" or sentence.domain in scope or (sentence.domain is None and GENERAL in scope)

    @cached_property
    def domain_sentence_counts(self) -> Counter[str | None]:
        """Sentences of running text per domain. Headings, placeholders ("nog
        invullen", "TODO") and chapters of notes only do not make a chapter written."""
        blocks = self.document.blocks
        unwritten = self.unwritten_sentences
        spans = self.heading_spans
        notes_only = {j for i in self.unwritten_chapters for j in range(*spans[i])}
        return Counter(
            s.domain
            for s in self.sentences
            if blocks[s.block].kind is not BlockKind.heading and s.index not in unwritten and s.block not in notes_only
        )

    # -- drafts --------------------------------------------------------------------
    @cached_property
    def unwritten_sentences(self) -> set[int]:
        """Sentences that are no dossier text yet: those holding a placeholder or draft
        marker (also where one runs on over several sentences) and the author's notes
        in square brackets ("[Joost: ik vraag de cijfers op. Die heb ik eind mei.]")."""
        out: set[int] = set()
        for theme in dict.fromkeys(self.rubric.draft_themes + self.rubric.placeholder_themes):
            for h in self.hits(theme):
                out.add(h.sentence)
                end = self._offsets[h.sentence] + h.end
                j = h.sentence + 1
                while j < len(self.sentences) and self._offsets[j] < end:
                    out.add(j)
                    j += 1
        notes = {i for i, b in enumerate(self.document.blocks) if _is_note(b)}
        out.update(s.index for s in self.sentences if s.block in notes)
        return out

    def placeholder_hits(self) -> list[Hit]:
        """Every placeholder in reading order, overlapping matches of several themes once."""
        found = sorted(
            {h for t in self.rubric.placeholder_themes for h in self.hits(t)}, key=lambda h: (h.sentence, h.start, -h.end)
        )
        out: list[Hit] = []
        for h in found:
            if out and out[-1].sentence == h.sentence and h.start < out[-1].end:
                continue
            out.append(h)
        return out

    def original(self, hit: Hit) -> str:
        """The matched text as the dossier writes it ("[Aantal studenten invullen]", "…")."""
        text = self.document.blocks[self.sentences[hit.sentence].block].text  # a match may run over sentences
        folded, where = [], []
        for i, ch in enumerate(text):
            for f in fold(ch):
                folded.append(f)
                where.append(i)
        pattern = "".join(r"\s+" if ch.isspace() else re.escape(ch) + "-?" for ch in hit.match.rstrip())
        m = re.search(pattern, "".join(folded))
        if not m or m.end() == m.start():
            return " ".join(hit.match.split())
        return " ".join(text[where[m.start()] : where[m.end() - 1] + 1].rstrip("-").split())

    @cached_property
    def _not_said(self) -> set[int]:
        """Sentences that say nothing the dossier stands for: placeholders and notes, and
        the headings of unwritten chapters ("6.3 Evaluatie van het partnerschap" over
        "[invullen]" names a topic, it does not say the partnership is evaluated)."""
        empty = set(self.unwritten_chapters)
        return self.unwritten_sentences | {s.index for s in self.sentences if s.block in empty}

    @cached_property
    def unwritten_chapters(self) -> list[int]:
        """Headings of chapters that are empty or hold only notes: nothing at all, or a
        placeholder or note and no sentence of running text (a paragraph or table row of
        six words or more that is no placeholder), and no more full list items than
        placeholders and notes ("- doelen per domein (flappen liggen bij Joost)" is a
        note). A chapter inside one already listed is not listed again; headings before
        the first text, and the title repeated on the title page, are no chapters."""
        blocks = self.document.blocks
        first_text = next((i for i, b in enumerate(blocks) if b.kind is not BlockKind.heading), len(blocks))
        unwritten = self.unwritten_sentences
        per_block: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            per_block.setdefault(s.block, []).append(s)
        out: list[int] = []
        covered_until = -1
        title = next((normalize(b.text) for b in blocks if b.kind is BlockKind.heading), "")
        title_words = set(title.split())
        for i, (start, end) in sorted(self.heading_spans.items()):
            if i < first_text or i < covered_until:
                continue
            words = normalize(blocks[i].text).split()
            if i < 12 and words and sum(w in title_words for w in words) * 3 >= len(words) * 2:
                continue  # the title (or most of it) repeated in bold on the title page, no chapter
            content = [j for j in range(start, end) if blocks[j].kind is not BlockKind.heading]
            sentences = [s for j in content for s in per_block.get(j, [])]
            prose = [s for s in sentences if s.index not in unwritten and len(s.text.split()) >= 6]
            running = [s for s in prose if blocks[s.block].kind is not BlockKind.list_item]
            items = [s for s in prose if blocks[s.block].kind is BlockKind.list_item and not _note_like(s.text)]
            noted = sum(s.index in unwritten for s in sentences)
            if not content or (noted and not running and len(items) <= noted):
                out.append(i)
                covered_until = end
        return out

    # -- themes --------------------------------------------------------------------
    def hits(self, theme: str) -> list[Hit]:
        """Every match of a theme, with negation and time of the clause it stands in."""
        if theme not in self._hits:
            found: list[Hit] = []
            for m in self._compiled[theme].finditer(self.text):
                si = bisect_right(self._offsets, m.start()) - 1
                s = self.sentences[si]
                pos = m.start() - self._offsets[si]
                end = m.end() - self._offsets[si]
                c = s.clause_at(pos)
                own = own_in_match(self._own_negators[theme], m.group(0))
                # a match running on into a later clause is negated there too: "hoe de
                # samenwerking zelf loopt, evalueren we niet apart"
                negated = any(cl.negates(pos, end, own, s.norm) for cl in s.clauses if cl.start < end and cl.end > pos)
                found.append(Hit(si, pos, end, m.group(0), negated, c.not_only, c.time))
            self._hits[theme] = found
        return self._hits[theme]

    def affirmed(
        self, theme: str, scope: list[str] | str = "any", times: list[Time] | None = None, unless: str | None = None
    ) -> list[Hit]:
        """Hits that count as what the dossier says: not negated, in an accepted time
        frame, in scope, and not in a placeholder or an author's note ("[Hans: PDCA?]").
        With `unless`, not in a sentence that also matches that theme either."""
        notes = self._not_said if theme not in self._reads_notes else ()
        elsewhere = self.sentences_with(unless) if unless else ()
        return [
            h
            for h in self.hits(theme)
            if h.affirmed
            and h.sentence not in elsewhere
            and (times is None or h.time in times)
            and h.sentence not in notes
            and self.in_scope(self.sentences[h.sentence], scope)
        ]

    def sentences_with(self, theme: str, scope: list[str] | str = "any") -> set[int]:
        return {h.sentence for h in self.hits(theme) if self.in_scope(self.sentences[h.sentence], scope)}

    def sentences_with_any(self, themes: list[str]) -> set[int]:
        """Sentences that match one of several themes (an indicator, a norm, an instrument)."""
        return set().union(*(self.sentences_with(t) for t in themes))

    def distinctive_stems(self, domain: str, n: int) -> list[str]:
        """The stems a domain's text uses far more than the rest of the dossier: the
        author's own key terms ("beroepspraktijk", "vakmanschap"), whatever they are."""
        inside: Counter[str] = Counter()
        everywhere: Counter[str] = Counter()
        blocks = self.document.blocks
        for s in self.sentences:
            if blocks[s.block].kind is not BlockKind.paragraph and blocks[s.block].kind is not BlockKind.list_item:
                continue  # table labels and headings repeat without being the author's terms
            words = set(stems(s.norm))
            everywhere.update(words)
            if s.domain == domain:
                inside.update(words)
        score = {w: c * c / everywhere[w] for w, c in inside.items() if c >= 2}
        return sorted(score, key=lambda w: (-score[w], w))[:n]

    def stems_in(self, domain: str) -> set[str]:
        return {w for s in self.sentences if s.domain == domain for w in stems(s.norm)}

    def is_heading(self, sentence: int) -> bool:
        return self.document.blocks[self.sentences[sentence].block].kind is BlockKind.heading

    @cached_property
    def heading_spans(self) -> dict[int, tuple[int, int]]:
        """For every heading block, the blocks of its section (see _heading_spans)."""
        return _heading_spans(self.document.blocks)

    def under_heading(self, theme: str, sentence: int) -> bool:
        """Does the heading a sentence stands under match the theme ("3.4 Begrippen")?"""
        title = self.document.blocks[self.sentences[sentence].block].section_title
        return bool(title and self._compiled[theme].search(normalize(title)))

    def matches(self, theme: str, sentence: int) -> bool:
        return bool(self._compiled[theme].search(self.sentences[sentence].norm))

    # -- evidence ------------------------------------------------------------------
    def evidence(self, sentence: int) -> Evidence:
        s = self.sentences[sentence]
        b = self.document.blocks[s.block]
        quote = s.text if len(s.text) <= _QUOTE_LIMIT else s.text[: _QUOTE_LIMIT - 1].rstrip() + "…"
        return Evidence(quote=quote, page=b.page, section=b.section_title, paragraph=b.paragraph, block=s.block)

    def evidence_for(self, hits: list[Hit] | list[int], limit: int = 3) -> list[Evidence]:
        """Quotes for hits, each sentence once: running text before headings, which say
        little on their own, and before sentences about the dossier itself ("In
        hoofdstuk 3 beschrijven we ...", a list of annexes), which only announce."""
        ranked: dict[int, int] = {}
        for h in hits:
            si = h if isinstance(h, int) else h.sentence
            rank = 2 if self.is_meta(si) else 0
            if self.is_heading(si):
                # a heading ("2 Beginsituatie") is shown by the first sentence beneath it
                si, rank = self._first_text_under(si), 1
                if si is None:
                    continue
            ranked[si] = min(rank, ranked.get(si, rank))
        order = sorted(ranked, key=lambda si: ranked[si])  # stable: reading order within a rank
        if not order:  # only headings with nothing beneath them
            order = list(dict.fromkeys(h if isinstance(h, int) else h.sentence for h in hits))
        return [self.evidence(si) for si in order[:limit]]

    def _first_text_under(self, heading: int) -> int | None:
        """The first sentence of running text in a heading's section, if it has any."""
        blocks = self.document.blocks
        rank = blocks[self.sentences[heading].block].level or 1
        for j in range(heading + 1, min(heading + 8, len(self.sentences))):
            b = blocks[self.sentences[j].block]
            if b.kind is BlockKind.heading:
                if (b.level or 1) <= rank:
                    return None  # the next section of the same rank: this one is empty
                continue  # "2 Beginsituatie" opens with "2.1 Wat er al staat"
            if j not in self.unwritten_sentences:
                return j
        return None

    def is_meta(self, sentence: int) -> bool:
        """Does a sentence talk about the dossier rather than the partnership?"""
        return bool(_META.search(self.sentences[sentence].norm))


def _table_rows(cells: tuple[tuple[str, ...], ...]) -> list[str]:
    """Each data row as one 'sentence', its cells labelled by the header row, so that
    'Doel: ... | Jaar: 2026 | Eigenaar: stuurgroep' reads as one goal."""
    if len(cells) < 2:
        return [" | ".join(c for c in row if c) for row in cells]
    header = [h.strip() for h in cells[0]]
    out = []
    for row in cells[1:]:
        parts = [f"{h}: {c}" if h and h != c else c for h, c in zip(header, row) if c.strip()]
        out.append(" | ".join(parts))
    return out


def _compile(patterns: list[str]) -> ThemeMatcher:
    """The alternation of a theme's patterns; same matches as re.compile("|".join(...)),
    found from the patterns' literal prefixes and compiled once per process (fastmatch).

    Sentences are joined by newlines: "anything but a full stop" ([^.]) must not run on
    into the next sentence, heading or table row either, and ^ / $ are a sentence's
    start and end, not only the dossier's."""
    return compile_theme(tuple(_ANCHOR_END.sub(r"(?![^\n])", _ANCHOR_START.sub(r"(?<![^\n])", p.replace("[^.]", "[^.\n]"))) for p in patterns))


# a row of a goals table: it has a deadline ("Wanneer: schooljaar 2025-2026") and no
# cell for the current state ("Nu: 55%")
_PLAN_ROW = re.compile(r"(?:^|\| )(?:wanneer|gereed|deadline|termijn|uiterlijk|klaar|streefdatum|datum gereed|tijdpad|planning)[^:|]{0,15}: ")
_NOW_CELL = re.compile(r"(?:^|\| )(?:nu|huidig\w*|nulmeting|beginsituatie|stand|startsituatie|uitgangssituatie)\b[^:|]{0,15}: ")
_ANCHOR_START = re.compile(r"(?<![\[\\])\^")
_ANCHOR_END = re.compile(r"(?<!\\)\$")


def _note_like(text: str) -> bool:
    """A list item written as a note: lower case without a closing full stop, or a question."""
    t = text.strip()
    return t.endswith("?") or (t[:1].islower() and t[-1:] not in ".;:!")


def _is_note(block: Block) -> bool:
    """The author's note, not dossier text: a paragraph wholly in square brackets, or a
    question put to a co-author by name ("- Ahmed: kunnen de instituutsopleiders ook meedoen?"),
    or anything addressed to one with an @ ("@Ellen: moet hier nog iets bij? Volgens mij wel.")."""
    text = block.text.strip()
    if block.kind is BlockKind.heading:
        return False
    return (text.startswith("[") and text.endswith("]") and "]" not in text[1:-1]) or bool(_ADDRESSED_QUESTION.match(text))


_ADDRESSED_QUESTION = re.compile(r"@[A-Z][a-z]+\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?: [^\n]*\?$")


def _heading_spans(blocks: list[Block]) -> dict[int, tuple[int, int]]:
    """For every heading, the range of blocks up to the next heading of the same or higher rank."""
    spans: dict[int, tuple[int, int]] = {}
    open_: list[tuple[int, int]] = []  # (level, index)
    for i, b in enumerate(blocks):
        if b.kind is BlockKind.heading:
            level = b.level or 1
            while open_ and open_[-1][0] >= level:
                lvl, j = open_.pop()
                spans[j] = (j + 1, i)
            open_.append((level, i))
    for _, j in open_:
        spans[j] = (j + 1, len(blocks))
    return spans


_DATED = re.compile(
    r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) ((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _reference_year(document: Document) -> int | None:
    """The year the dossier is written in: the date on its title page ("Datum: 3 maart
    2025"), else the most frequent year it mentions (a table of school years 2021-2022 ...
    2024-2025 names every year but the last one twice)."""
    dated = [int(m.group(1)) for b in document.blocks[:40] for m in _DATED.finditer(b.text)]
    if dated:
        return dated[0]
    years = Counter(int(y) for b in document.blocks for y in _YEAR.findall(b.text))
    if not years:
        return None
    # the most mentioned year; on ties the earliest, since targets lie in the future
    return min(years, key=lambda y: (-years[y], y))
