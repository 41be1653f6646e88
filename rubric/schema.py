"""Pydantic models of a rubric file (criteria.yaml).

A rubric declares themes (named pattern sets), domains with their level rules, concerns
and checks. Concerns and checks are decided by criteria, each of one *kind* from a small
closed set implemented in `assessor/kinds/` (Vale's `extends:`, pydantic's discriminated
unions). Cross-references are validated in `rubric.loader` so that every problem can be
reported at its line and column.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Time = Literal["former", "past", "present", "future"]
LevelNo = Literal[1, 2, 3, 4]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Examples(Strict):
    """Sentences that must and must not make a criterion fire; they run as tests."""

    trigger: list[str] = []
    no_trigger: list[str] = []


class Theme(Strict):
    """A named set of regular expressions over normalised Dutch text.

    Text is lower-cased, accents are folded and hyphenated compounds are joined
    ("werkplek-begeleider" -> "werkplekbegeleider"). Patterns match anywhere, also
    inside compounds ("tevreden" finds "studenttevredenheid"); anchor with \\b where
    a word must start.
    """

    description: str = ""
    label: str = Field("", description="Dutch words for the theme in a report ('een koppeling met het HR-beleid')")
    patterns: list[str] = Field(min_length=1)
    reads_notes: bool = Field(False, description="also count matches in placeholders and authors' notes (a role left '[invullen]' is a role not yet clear)")

    @field_validator("patterns")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            error = pattern_error(p)
            # a pattern that fails only inside the theme's alternation ("(?i)abc") is
            # reported by rubric.loader, at its line and column
            if error and error[1]:
                raise ValueError(f"invalid pattern {p!r}: {error[0]}")
        return patterns


@lru_cache(maxsize=None)
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern as the engine joins it into its theme's alternation, compiled once per
    process (schema and loader both check it; long patterns are slow to parse)."""
    return re.compile(f"(?:{pattern})")


def pattern_error(pattern: str) -> tuple[str, bool] | None:
    """Why a pattern does not compile as the engine joins it, and whether it fails on its
    own too; None when it compiles. Its own error comes first: positions in that
    message are the pattern's."""
    try:
        compiled_pattern(pattern)
        return None
    except re.error as joined:
        try:
            re.compile(pattern)
        except re.error as exc:
            return str(exc), True
        return str(joined), False


class CriterionBase(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    scope: list[str] | Literal["any"] = Field(
        "any", description="domains whose sections are searched; 'any' searches the whole dossier"
    )
    examples: Examples = Examples()


_UNLESS = (
    "a mention in a sentence that also matches this theme does not count "
    "(steering 'waar nodig', contact 'met andere partnerschappen')"
)


class Present(CriterionBase):
    """Fires when the theme is affirmed (not negated) in one of the accepted time frames."""

    kind: Literal["present"]
    theme: str
    times: list[Time] = ["present"]
    min_hits: int = 1
    not_only_defuses: bool = Field(False, description="'niet alleen X, maar ook Y' does not count: for a one-sided view, it says X is not all")
    unless_affirmed: str | None = Field(
        None, description="does not fire when this theme is affirmed in the criterion's `unless_scope` (a weak sign that a stronger one outweighs)"
    )
    unless_scope: list[str] | Literal["any"] = "any"
    unless: str | None = Field(None, description=_UNLESS)


class Absent(CriterionBase):
    """Fires when the theme is never affirmed; negated or past mentions become evidence."""

    kind: Literal["absent"]
    theme: str
    times: list[Time] = ["present", "future"]
    unless: str | None = Field(None, description=_UNLESS)


class Limited(CriterionBase):
    """Fires when a theme is limited to one group or aspect: it is there, its alternatives
    are not, or the dossier says so explicitly ("alleen voor werkplekbegeleiders")."""

    kind: Literal["limited"]
    theme: str
    alternatives: str
    within: str | None = Field(None, description="only sentences that also match this theme count")
    explicit: str | None = Field(None, description="theme of an explicit limitation (alleen, uitsluitend)")
    alternatives_scope: list[str] | Literal["any"] | None = Field(
        None, description="where alternatives count; default: the criterion's scope"
    )
    alternatives_unless: list[str] = Field(
        default_factory=list,
        description="an alternative in a sentence of one of these themes does not count (the institute's own programme, the school's general training plan)",
    )


class Share(CriterionBase):
    """Fires when the share of students trained in the partnership is below a threshold."""

    kind: Literal["share"]
    theme: str
    below: float = Field(gt=0, le=1)
    unless: str | None = Field(None, description="sentences matching this theme hold other shares (costs, drop-out)")
    within: str | None = Field(None, description="of two shares told for the same year, one in a sentence of this theme (trained within the partnership) is the one")


class Smart(CriterionBase):
    """Fires when too few goals are specific, measurable, dated and owned."""

    kind: Literal["smart"]
    theme: str
    owners: str
    min_fraction: float = Field(0.5, ge=0, le=1)


class DefinedTerms(CriterionBase):
    """Fires when key terms are used but none is defined."""

    kind: Literal["defined_terms"]
    terms: str
    definitions: str = Field(description="theme of a definition: 'onder ... verstaan wij'")
    min_uses: int = Field(3, description="a term used fewer times needs no definition")


class CarriedInto(CriterionBase):
    """Fires when themes of one domain (the vision) do not reappear in the others."""

    kind: Literal["carried_into"]
    themes: list[str] = Field(min_length=1)
    source: str
    targets: list[str] = Field(min_length=1)
    min_fraction: float = Field(0.5, ge=0, le=1)
    links: str | None = Field(None, description="a theme that, in a target, counts as carrying the vision ('vanuit onze visie')")
    own_terms: int = Field(0, ge=0, description="also carry the source's own N most distinctive words (its principles)")
    min_targets: int | None = Field(None, ge=1, description="targets that must carry it; default all")
    min_themes: int = Field(1, ge=1, description="vision themes needed to judge at all: one generic word ('vakmanschap') is too little")
    within_any: list[str] = Field(
        default_factory=list,
        description="in a target, a theme counts only in sentences that also match one of these themes (what is measured or steered on)",
    )


class Concretised(CriterionBase):
    """Fires when the concepts a domain names (eigenaarschap, onderzoekende houding) are
    never made concrete: no sentence joins a concept to practice."""

    kind: Literal["concretised"]
    concepts: list[str] = Field(min_length=1)
    practice: str
    min_fraction: float = Field(0.5, ge=0, le=1)
    min_concepts: int = Field(1, ge=1, description="concepts needed to judge at all: one generic word is too little")


class Count(CriterionBase):
    """Fires when a theme occurs in many distinct forms (e.g. instruments) without a choice."""

    kind: Literal["count"]
    theme: str
    at_least: int = Field(ge=1)
    unless: str | None = None
    times: list[Time] = Field(["present", "past", "future"], description="the time frames a form counts in ('in 2022 telden we nog elf vragenlijsten' is history)")


class Imbalance(CriterionBase):
    """Fires when one theme dominates another (schools vs. institutes acting)."""

    kind: Literal["imbalance"]
    theme: str
    versus: str
    ratio: float = Field(gt=0)
    min_total: int = 3


class NationalFigure(Strict):
    """A national figure shown beside a partnership's own, as context (seed 003: about
    39% of all student teachers trained via Samen Opleiden in 2021)."""

    share: float = Field(gt=0, le=1)
    year: int
    text: str = Field("", description="how the report states it, with its source")


GrowthPart = Literal["figures", "target", "path"]


class Growth(CriterionBase):
    """Fires when the growth ambition towards 100% Samen Opleiden lacks its figures, its
    dated target or its path (seed 003, GROW); reports the figures and what they imply."""

    kind: Literal["growth"]
    theme: str = Field(description="sentences about students (the figures' subject)")
    within: str = Field(description="theme saying a figure counts students trained within the partnership")
    goals: str = Field(description="theme of a goal or ambition ('willen', 'streven', 'ambitie')")
    strategies: str = Field(description="theme of growth strategies: new boards, kern-schil, sector-crossing, other partnerships")
    unless: str | None = Field(None, description="sentences matching this theme hold other shares (drop-out, costs, national figures)")
    requires: list[GrowthPart] = Field(["figures", "target", "path"], min_length=1, description="what must be there; fires when one is missing")
    below: float | None = Field(None, gt=0, le=1, description="fire only when the current share is known and below this")
    horizon: int = Field(2030, description="the year of the national ambition: 100% Samen Opleiden")
    tolerance: float = Field(0.01, ge=0, le=1, description="how far a computed share may lie from the stated one")
    small_gap: float = Field(0.0, ge=0, le=1, description="a gap to 100% this small needs no growth path")
    national: NationalFigure | None = Field(None, description="the national figure, shown as context")


class Unwritten(CriterionBase):
    """Fires when a domain is not written out (fewer sentences of running text than the
    domain's min_sentences, placeholders not counted) or a chapter is empty or holds only
    notes and placeholders."""

    kind: Literal["unwritten"]
    domains: list[str] | Literal["all"] = Field("all", description="domains that must be written out")
    min_sentences: int | None = Field(None, ge=1, description="default: each domain's own min_sentences")
    chapters: bool = Field(True, description="also fire on an empty or notes-only chapter")


Criterion = Annotated[
    Union[Present, Absent, Limited, Share, Smart, DefinedTerms, CarriedInto, Concretised, Count, Imbalance, Growth, Unwritten],
    Field(discriminator="kind"),
]


class LevelRule(Strict):
    """What a level requires; the engine gives the highest level whose rule holds."""

    none_of: list[str] | Literal["all"] = []
    not_together: list[list[str]] = Field([], description="sets of concerns that rule the level out only when all of a set are raised")
    max_concerns: int | None = None
    checks: list[str] = Field([], description="checks that must pass, or criteria of a check that must not fire ('congruentie.niveaus-los')")
    min_sentences: int = 0
    requires: list[str] = Field([], description="themes that must be affirmed in the domain")
    weak_counts: list[str] | Literal["all"] = Field(
        "all", description="concerns that count for this level even when raised on weak evidence: only because the "
        "dossier is silent (criteria of kind absent) or only by resemblance to precedents; the others then do not"
    )


class Strength(Strict):
    code: str
    title: str
    criterion: Criterion
    opposes: str | None = Field(
        None, description="the concern this strength is the opposite of: not reported when that concern is raised (a report does not say both)"
    )


class ReflectionQuestion(Strict):
    """A question for the applicants, asked at the end of a domain when what it names
    was found (seed 000's praatplaat "van samen opleiden naar samen leren"; GROW, seed 003)."""

    text: str = Field(min_length=1)
    when: list[str] = Field(min_length=1, description="codes of concerns, checks (asked when they fail) or criterion ids (when they fire)")
    source: Literal["praatplaat", "GROW"]


class DomainSpec(Strict):
    code: str
    name: str
    headings: list[str] = Field(min_length=1, description="patterns for headings of this domain")
    vocabulary: str = Field(description="theme whose hits say a section is about this domain")
    level_descriptions: dict[LevelNo, str]
    levels: dict[LevelNo, LevelRule]
    min_sentences: int = Field(3, description="below this the domain has insufficient evidence")
    strengths: list[Strength] = []
    zorg: str = ""
    tips: list[str] = []
    reflection_questions: list[ReflectionQuestion] = Field(
        [], description="questions for the applicants, asked when a concern, failed check or criterion they name was found"
    )


class ConcernSpec(Strict):
    code: str
    domain: str
    title: str
    zorg: str = ""
    tips: list[str] = []
    missing: str = Field(description="the sentence reported when no passage can show the concern")
    raised_when: list[Criterion] = Field(min_length=1)


class CheckSpec(Strict):
    code: str
    name: str
    description: str = ""
    missing: str
    tips: list[str] = []
    fails_when: list[Criterion] = Field(min_length=1)
    optional: bool = False


class PrecedentsSpec(Strict):
    """A second reading beside the criteria (assessor/precedents.py): a concern no
    criterion raised is raised all the same where a sentence of the dossier resembles
    the passages labellers quoted for it far more than passages where it was not raised."""

    file: str = Field(description="passages made by `assess rubric precedents`; relative paths are in the rubric package (rubric/)")
    neighbours: int = Field(5, ge=1, description="how many nearest passages of each side are averaged")
    raise_above: float = Field(0.07, description="the resemblance score above which the concern is raised")
    digest: str = Field("", description="sha256 of the file, set on loading (so a changed file changes the cache key)")


class Rubric(Strict):
    name: str
    version: str
    description: str = ""
    extends: str | None = None
    level_labels: dict[LevelNo, str]
    themes: dict[str, Theme]
    domains: list[DomainSpec] = Field(min_length=1)
    general_headings: list[str] = Field(
        [], description="patterns of headings that belong to no domain (Inleiding, Ontwikkelplan)"
    )
    future_headings: list[str] = Field(
        [], description="patterns of headings whose text describes plans (Ontwikkelplan): read as future"
    )
    concerns: list[ConcernSpec]
    checks: list[CheckSpec]
    draft_themes: list[str] = Field([], description="themes whose presence marks a draft (concept, placeholders)")
    placeholder_themes: list[str] = Field(
        [], description="themes of placeholders to fill in ('[aantal invullen]', 'XX'): listed with their place"
    )
    precedents: PrecedentsSpec | None = None

    def criteria(self) -> list[CriterionBase]:
        """Every criterion in the rubric, in file order."""
        out: list[CriterionBase] = []
        for d in self.domains:
            out += [s.criterion for s in d.strengths]
        for c in self.concerns:
            out += c.raised_when
        for k in self.checks:
            out += k.fails_when
        return out
