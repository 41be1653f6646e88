"""Dutch text handling: normalisation, sentences, clauses, negation scope and time frame.

Why not keywords: applicants negate ("niet langer"), contrast ("niet alleen ... maar
ook", "in plaats van") and tell history ("in 2021 rustte alles op twee coördinatoren;
nu ..."). A theme found in a negated clause or in a past clause is not current practice.
Stems come from the Snowball Dutch stemmer (PyStemmer, offline), used to recognise
past-tense verbs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from rubric.schema import Time  # one definition, shared with the rubric

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "bijv", "bv", "o.a", "i.p.v", "m.b.v", "e.d", "d.w.z", "t.b.v", "m.n", "z.g.a", "etc", "nr",
    "ca", "incl", "excl", "mr", "drs", "dr", "ir", "ing", "prof", "dhr", "mevr", "vs", "t.a.v",
    "m.b.t", "i.s.m", "o.l.v", "a.s", "jl", "blz", "p", "e.a", "resp", "evt", "max", "min",
)
_ABBREV_RE = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")\.$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9ÀÁÂÄÈÉÊËÍÏÓÖÚÜ])|(?<=[.!?])\s*\n+|\n{2,}")

# Clause boundaries: semicolons, and a comma or dash before a conjunction. Colons only in
# running text before a new clause (_COLON_BREAK): mostly they introduce lists and
# predicates ("Een opleidingsplan: nog uit te werken").
_CLAUSE_BREAK = re.compile(
    r";|\s[-–]\s(?!(?:volgt|volgen|nog|pm|p\.m\.)\b)|,\s*(?=(?:maar|terwijl|want|omdat|zodat|waardoor|waarbij|doch|nu|inmiddels|sindsdien|en nu)\b)"
    r"|\s(?=maar\b)"
    # "als de begeleiding niet goed loopt, spreken we per situatie af": a comma before an
    # inverted main clause (verb + subject pronoun, or "dan ...") ends the subordinate clause
    r"|,\s*(?=\w+ (?:we|wij|ze|zij|ik|hij|het|er|u)\b|dan\b)"
    # an example or condition after a comma has its own time: "de hogeschool wordt
    # uitgenodigd, bijvoorbeeld als er afspraken gemaakt moeten worden" is present
    r"|,\s*(?=(?:en )?(?:bijvoorbeeld|zoals|als|wanneer|indien)\b)|\s(?=(?:wanneer|indien|zodra)\b)"
    # a bracketed note is a clause of its own: "De visie is opgesteld door de schoolleiding.
    # [Noot: de opleidingen hebben deze tekst nog niet gezien.]" does not negate the first
    r"|\s(?=\[)"
    # a purpose has its own negation: "we legden het kader naast onze doelen om te zien of
    # we niets missen" does not negate the laying
    r"|\s(?=om (?:te|na te|vast te|in te|uit te|aan te|zeker te) \w+)"
    # what is set against it has its own negation: "... samen verantwoordelijk zijn, en
    # niet dat de hogeschool opleidt en wij een stageplek leveren"
    r"|,\s*(?=(?:en )?(?:niet|geen) (?:dat|om|omdat|alleen|meer|langer)\b)"
    # a condition without a comma is a clause of its own too: "studenten bellen Anneke als
    # de boot niet vaart" does not negate what the sentence says before it
    r"|\s(?=als (?:de|het|een|er|ze|zij|hij|we|wij|je|u)\b)"
)
_NEGATOR = re.compile(
    # "niet meer dan dat" is "no more than", no negation
    r"\b(?:niet(?! (?:meer|minder|langer) dan\b)|geen|nooit|nergens|niets|niemand|noch|zonder|ontbreekt|ontbreken|ontbrak|ontbraken"
    r"|nauwelijks|amper|weinig|allerminst|evenmin|nog (?:uit te werken|te ontwikkelen|op te stellen|te maken|in te vullen))\b"
)
# "niet alleen X maar ook Y", "niet uitsluitend": additive, not a negation of X.
_NOT_ONLY = re.compile(
    r"\b(?:niet|geenszins|meer dan) (?:\w+ ){0,2}?(?:alleen|enkel|uitsluitend|slechts|louter)\b"
    r"|\bbeperk\w* (?:zich |ons )?(?:\w+ )?niet tot\b"
)
# "in plaats van X", "anders dan X": X is rejected, up to the next comma.
# Without a comma, the rejected part is the next few words ("in plaats van losse cursussen").
_REJECTS_FOLLOWING = re.compile(
    # ... up to a comma, or to the main clause it opens ("in plaats van een veelheid aan
    # instrumenten kiezen we vier indicatoren": what is chosen is not rejected)
    r"\b(?:in plaats van|i\.p\.v\.?|anders dan|in tegenstelling tot)\b(?:[^,;]*?(?=,| [a-z]+ (?:we|wij|ze|zij)\b)|(?: [^ ,;]+){1,3})"
    # "zo voorkomen we dat het op een paar mensen rust": what is prevented is not the case
    r"|\b(?:voorkom\w*|vermijd\w*)(?: \w+){0,2}? dat\b[^,;]*"
    # "het zou makkelijk zijn om alleen de mentoren een cursus te geven": a road not taken
    r"|\bhet zou (?:\w+ )?(?:makkelijk|makkelijker|gemakkelijk|eenvoudig|eenvoudiger|verleidelijk|logisch)\w* zijn\b[^,;]*"
    # "een opleidingsschool is voor ons meer dan een stageplaatsenbureau": that is not what it is
    r"|\b(?:is|zijn|wordt|worden|blijft)(?: \w+){0,3}? meer dan (?:een |het |de |alleen |enkel )?(?![0-9])[^ ,;]+(?: [^ ,;0-9]+)?"
    # "van 'stageplekken leveren' naar samen verantwoordelijk zijn": the quoted start is left behind
    r"|\bvan ['\"\u2018\u201c][^'\"\u2019\u201d]{1,60}['\"\u2019\u201d] naar\b"
    # "doorgroeien van drie besturen die samen stageplaatsen regelen naar één partnerschap"
    r"|\b(?:doorgroeien|groeien|doorontwikkelen|ontwikkelen|bewegen|gaan|komen) van\b[^,;]{0,80}?(?= naar\b)"
)

_PAST_MARKER = re.compile(
    r"\b(?:vroeger|destijds|voorheen|aanvankelijk|oorspronkelijk|in het verleden|tot voor kort"
    r"|in de beginjaren|in de begintijd|in het begin|de eerste jaren|toentertijd|indertijd|niet langer(?! dan)|niet meer(?! dan)"
    # an origin story: "is ontstaan uit twee losse samenwerkingen"
    r"|ontstaan uit|voortgekomen uit|kwam voort uit|begonnen als"
    # a belief held for long, now given up: "lang dachten sommige collega's dat ..."
    r"|lang (?:dachten|dacht|werd gedacht|gingen we ervan uit|was het beeld))\b"
)
_PRESENT_MARKER = re.compile(
    r"\b(?:nu|inmiddels|tegenwoordig|momenteel|op dit moment|thans|sindsdien|sinds|huidige|actueel|dit schooljaar)\b"
)
_FUTURE_MARKER = re.compile(
    # "gaan" is future only before an infinitive ("we gaan de rollen vastleggen"), not in "hoe het gaat"
    r"\b(?:(?:gaan|gaat)(?=(?: [a-z]+){0,4} [a-z]+en\b)|zullen|zal|zult|willen|wil(?! zeggen\b)|streven|streeft|beogen|beoogt|ambieren|ambieert"
    r"|komend|komende|volgend|volgende|toekomst|gepland|planning|voornemen|voornemens|van plan"
    r"|uiterlijk|vanaf|moet nog|moeten nog|nog te|nog uit te|(?<!van de )(?<!bij de )(?<!aan de )(?<!op de )(?<!met de )(?<!naast de )(?<!naast onze )(?<!van onze )(?<!bij onze )(?<!aan onze )(?<!met onze )(?<!op onze )(?:doel\w*|ambitie\w*)|streef\w*|beoogd\w*|gewenste situatie"
    # work still to be done: "opdracht: uitwerken praktijkcurriculum", "in voorbereiding"
    r"|uitwerken|uit te werken|op te stellen|in voorbereiding|in ontwikkeling)\b"
    # "het praktijkprogramma wordt in 2025 uitgewerkt door een werkgroep": still to be made
    r"|\b(?:wordt|worden) (?:in (?:(?:het )?schooljaar )?(?:20\d\d(?: ?[-/] ?(?:20)?\d\d)?|het (?:komende|volgende) (?:jaar|schooljaar))|nog|later|binnenkort|dit jaar|volgend jaar)"
    r"(?: \w+){0,6}? (?:uitgewerkt|ontwikkeld|opgesteld|gemaakt|geschreven|ontworpen|opgepakt|opgestart|opgezet|ingericht|ingevoerd)\b"
    # "het opleidingsplan volgt later, als de aanvraag is toegekend": not there yet
    r"|\b(?:volgt|volgen) (?:later|nog|binnenkort|na\b|in (?:20\d\d|de volgende|het volgende|een volgende|een latere))"
    r"|(?:plan|programma|curriculum|overzicht|uitwerking|planning|begroting|versie|tekst|visie)\w* (?:[-–:] )?(?:volgt|volgen)\W*$"
    # musing and wishing: "ik denk aan een soort leerlijn", "het zou mooi zijn als ..."
    r"|\bzou(?:den)?\b|\b(?:ik|we|wij) denk(?:en)? aan\b|\bhet idee is\b"
)
_IRREGULAR_PAST = frozenset(
    "was waren had hadden lag lagen ging gingen kwam kwamen zag zagen deed deden werd werden bleef "
    "bleven kon konden moest moesten wilde wilden zat zaten stond stonden hield hielden nam namen gaf "
    "gaven vond vonden liep liepen sprak spraken droeg droegen koos kozen schreef schreven bracht "
    "brachten dacht dachten zocht zochten kreeg kregen begon begonnen wist wisten mocht mochten leek "
    "leken keek keken bleek bleken hielp hielpen liet lieten zei zeiden vroegen sloot sloten trok trokken "
    "verliep verliepen ontstond ontstonden besloot besloten verscheen verschenen groeide groeiden zocht vond "
    "bood boden koos kozen las lazen dronk zong ving vingen gold golden won wonnen hing hingen viel vielen "
    "draaide draaiden".split()
)
_STEMMER = Stemmer.Stemmer("dutch")
_UNTIL_YEAR = re.compile(r"\b(?:tot|t/m|tot en met|voor) (?:(?:het )?(?:schooljaar )?)?((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:in|sinds|tot|vanaf|per|voor|na|eind|begin|medio)? ?((?:19|20)\d\d)\b")
_RANGE_END = re.compile(r"(?<=\b(?:19|20)\d\d)(?: ?[-/] ?|-)(?:(?:19|20)\d\d|\d\d)\b")
_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower-case and strip accents: 'geïnformeerd' -> 'geinformeerd'."""
    text = unicodedata.normalize("NFKD", text.lower())
    if text.isascii():  # nothing to strip: most sentences (same result, without a loop per character)
        return text
    drop = {ord(c): None for c in set(text) if unicodedata.combining(c)}
    return text.translate(drop) if drop else text


_HYPHEN_COMPOUND = re.compile(r"(?<=[a-z])-(?=[a-z])")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form patterns are matched against: folded, compounds joined, spaces collapsed.

    'Werkplek-begeleiders' -> 'werkplekbegeleiders', so one pattern finds both spellings.
    """
    return _SPACES.sub(" ", _HYPHEN_COMPOUND.sub("", fold(text))).strip()


def split_sentences(text: str) -> list[str]:
    """Split a block's text into sentences, keeping abbreviations such as 'bijv.' intact."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        candidate = text[start : m.start()].strip()
        # "besproken in de MR. [Noot: ...]": an author's note after it ends the sentence
        if candidate and _ABBREV_RE.search(candidate) and not text.startswith("[", m.end()):
            continue
        if candidate:
            pieces.append(candidate)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


# Words after which a -de/-te form is an adjective ("van bevoegde docenten"), not a past tense.
_ADJECTIVE_CONTEXT = frozenset(
    "de het een van voor met aan op bij door naar zeer goed meer minder heel onze hun haar zijn alle elke iedere deze".split()
)


def _has_past_verb(clause: str) -> bool:
    words = _WORD.findall(clause)
    return any(_is_past_verb(w) and (i == 0 or words[i - 1] not in _ADJECTIVE_CONTEXT) for i, w in enumerate(words))


@lru_cache(maxsize=65536)
def _is_past_verb(word: str) -> bool:
    """A past-tense verb: irregular forms from a list, weak forms as stem + te/de(n).
    'vroeg' is left out: in dossiers it is "early" ("studenten vroeg aan ons binden").

    The Snowball stem of 'rustte' is 'rust', of 'leerde' 'leer': the word is that stem
    plus a past ending. 'gehouden' (stem 'houd') and 'verbonden' are participles, and
    'grote' (stem 'grote') is no verb at all.
    """
    if word in _IRREGULAR_PAST:
        return True
    if len(word) < 5 or not word.endswith(("te", "de", "ten", "den")):
        return False
    if word.endswith(_NOT_PAST_SUFFIXES):
        return False
    stem = _STEMMER.stemWord(word)
    ending = word[len(stem):]
    if not word.startswith(stem) or ending not in ("te", "de", "ten", "den"):
        return False
    # 'zetten', 'zitten': infinitive with a doubled consonant after a short vowel
    if ending in ("ten", "den") and stem[-1] == ending[0] and len(stem) > 1 and stem[-2] in "aeiou":
        return False
    return True


# Nouns, ordinals and present forms that look like weak past tenses.
_NOT_PAST_SUFFIXES = (
    "worden", "waarde", "waarden", "woorden", "zelfde", "beelden", "derde", "vierde", "vijfde", "zesde",
    "zevende", "achtste", "negende", "tiende", "werelden", "gelden", "liefde", "ziekte", "behoefte",
    "grootte", "vreemde", "noorden", "zuiden", "leeuwarden", "bepaalde", "beoogde", "namen",
    "belofte", "beloften", "harde", "standaarden", "schriften", "twaalfde", "krapte", "melden", "zelden",
    "behoeften", "bevoegde", "bevoegden", "volgorde", "tenslotte", "sterkte", "witte", "verantwoorde",
    "onderbouwde", "bevolkte", "vervulde",
    # place names the normalised text no longer capitalises
    "schelde", "wolde", "walden", "leusden", "voorde", "lotte", "haaften",
)


@dataclass(slots=True)
class Clause:
    """A stretch of a sentence between clause boundaries, with its negation and time."""

    start: int
    end: int
    negators: list[int]
    """Positions (in the sentence) of negating words outside a 'niet alleen'."""
    not_only: bool
    time: Time
    rejected: list[tuple[int, int]] = field(default_factory=list)

    def negates(self, start: int, end: int, own: frozenset[str] = frozenset(), text: str = "") -> bool:
        """Is a match at [start, end) negated? A negator inside the match that the theme
        itself names ("nog geen convenant") is part of what it says, not a negation."""
        for n in self.negators:
            if start <= n < end and _WORD.match(text, n) and _WORD.match(text, n).group(0) in own:
                continue
            return True
        return any(a <= start < b for a, b in self.rejected)


NEGATOR_WORDS = frozenset(
    "niet geen nooit nergens niets niemand noch zonder ontbreekt ontbreken ontbrak ontbraken nauwelijks amper weinig allerminst evenmin nog".split()
)


@lru_cache(maxsize=256)
def own_negators(patterns: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The negating words a theme's patterns name themselves, each with the patterns
    that name it: a "niet" inside a match is the theme's own only when a pattern that
    names "niet" matches it ("niet duidelijk wie"), not when another pattern's gap
    happens to span it ("hangt niet af van ...")."""
    out: dict[str, list[str]] = {}
    for p in patterns:
        # drop regex escapes first: in "\\bgeen" the word is "geen", not "bgeen"
        for w in set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", p))) & NEGATOR_WORDS:
            out.setdefault(w, []).append(p)
    return {w: tuple(ps) for w, ps in out.items()}


@lru_cache(maxsize=1024)
def _naming(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def own_in_match(own: dict[str, tuple[str, ...]], match: str) -> frozenset[str]:
    """The negators inside a match that a pattern naming them accounts for (compiled
    only when a match holds a negator: most never do)."""
    if not own:
        return frozenset()
    return frozenset(w for w in set(_WORD.findall(match)) & own.keys() if _naming(own[w]).search(match))


def time_frame(clause: str, reference_year: int | None) -> Time:
    """Former, past, present or future for one clause. Explicit 'now' markers beat past verbs.

    "former" is a past the text itself marks as over ("tot 2022", "vroeger", "niet langer"):
    what held then does not hold now. "past" is a plain past tense ("de visie werd in
    2023 opgesteld"), often how a current state came about."""
    if _PRESENT_MARKER.search(clause):
        return "present"
    # both year patterns need a 19xx/20xx: most clauses have none (same result, less scanning)
    has_year = "19" in clause or "20" in clause
    # a school year "2024-2025" is current in the dossier's year 2024: count its start only
    years = [int(y) for y in _YEAR.findall(_RANGE_END.sub("", clause))] if has_year else []
    until = _UNTIL_YEAR.search(clause) if has_year else None
    if reference_year and until and int(until.group(1)) <= reference_year:
        return "former"  # "tot 2022 keken we alleen naar tevredenheid"
    past_verb = None
    if reference_year and years:
        if max(years) > reference_year:
            return "future"
        if max(years) < reference_year - 0:
            past_verb = _has_past_verb(clause)
            if past_verb:
                return "past"
    if _PAST_MARKER.search(clause):
        return "former"
    if past_verb is None:
        past_verb = _has_past_verb(clause)
    if past_verb:
        return "past"
    if _FUTURE_MARKER.search(clause):
        return "future"
    return "present"


# in running text (not a table row of "label: value" cells) a colon before a new clause
# ends the one before it: "het is niet zo dat ... alleen voor onze mensen is: de twee
# stagedocenten volgen ..." does not negate what follows the colon
_COLON_BREAK = re.compile(r":\s(?=(?:de|het|een|onze|ons|alle|elke|elk|iedere|ieder|twee|drie|wij|we|zij|ze|ik)\b)")
# a clause that opens with a condition ("als de starters ...")
_CONDITION = re.compile(r"\s*(?:als|wanneer|indien|zodra)\b")


def clauses(norm: str, reference_year: int | None = None) -> list[Clause]:
    """Cut a normalised sentence into clauses and mark negation, 'not only' and time."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(norm)]
    colons = {m.end() for m in _COLON_BREAK.finditer(norm)} if "|" not in norm else set()
    breaks = sorted(set(breaks) | colons)
    bounds = [0] + breaks + [len(norm)]
    out: list[Clause] = []
    for start, end in zip(bounds, bounds[1:]):
        if end <= start:
            continue
        text = norm[start:end]
        not_only = bool(_NOT_ONLY.search(text))
        scrubbed = _NOT_ONLY.sub(lambda m: " " * len(m.group(0)), text) if not_only else text
        rejected = [(start + m.start(), start + m.end()) for m in _REJECTS_FOLLOWING.finditer(text)]
        out.append(
            Clause(
                start=start,
                end=end,
                negators=[start + m.start() for m in _NEGATOR.finditer(scrubbed)],
                not_only=not_only,
                time=time_frame(text, reference_year),
                rejected=rejected,
            )
        )
    # "tot 2022 deden de docenten niet mee; zij kwamen op bezoek, maar leerden niet mee":
    # the past tenses after a past marked as over belong to that same past
    for prev, clause in zip(out, out[1:]):
        if prev.time == "former" and clause.time == "past":
            clause.time = "former"
        # what follows a colon is told in the time before it, unless it says its own
        # ("tot 2022 keken we alleen naar tevredenheid: een vragenlijst onder studenten")
        elif clause.start in colons and clause.time == "present" and not _PRESENT_MARKER.search(norm, clause.start, clause.end):
            clause.time = prev.time
        # the condition of a wish or a plan is not yet so: "het zou mooi zijn als de
        # starters een inwerkprogramma krijgen"
        elif prev.time == "future" and clause.time == "present" and _CONDITION.match(norm, clause.start):
            clause.time = "future"
    return out


# Words too common in any dossier to mark a vision's own terms.
_COMMON = frozenset(
    "student studenten school scholen opleiding opleidingen opleidingsschool partnerschap samen opleiden "
    "leraar leraren docent docenten leerling leerlingen onderwijs praktijk samenwerking hogeschool pabo "
    "werkplekbegeleider werkplekbegeleiders schoolopleider schoolopleiders instituutsopleider "
    "instituutsopleiders visie kwaliteit professionalisering daarom daarbij waarin waarbij zodat "
    "hebben worden wordt kunnen moeten willen tussen binnen andere eigen iedere elke alle begeleider "
    "begeleiders begeleiding daarna daarvoor waarop zoals omdat wanneer steeds echter".split()
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(norm: str) -> list[str]:
    """Stems of the content words (6+ letters, not common to every dossier)."""
    return [_stem(w) for w in _WORD.findall(norm) if len(w) >= 6 and w not in _COMMON]


def guess_language(text: str) -> str:
    """'nl', 'en', 'de' or 'unknown', from the share of common function words."""
    words = _WORD.findall(fold(text[:20000]))
    if len(words) < 20:
        return "unknown"
    counts = {
        lang: sum(1 for w in words if w in vocab) / len(words)
        for lang, vocab in _FUNCTION_WORDS.items()
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] > 0.08 else "unknown"


_FUNCTION_WORDS = {
    "nl": frozenset("de het een en van is dat op te in voor met niet zijn wij we ook door bij naar worden wordt onze als".split()),
    "en": frozenset("the and of to is that on in for with not are we our by at be this as".split()),
    "de": frozenset("der die das und von ist dass auf zu in fur mit nicht sind wir ein eine den dem auch".split()),
}
