"""The one result model the engine produces; every renderer reads this and nothing else.

Its JSON form is the report contract (../shared/report-contract.md): the fields named
there keep their names, types and meaning. Everything else here is an addition.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"


class Evidence(BaseModel):
    """One quoted passage behind a judgement."""

    quote: str
    page: int | None = Field(None, description="1-based page for PDF, null otherwise")
    section: str | None = Field(None, description="the heading the passage stands under")
    paragraph: int | None = Field(None, description="1-based paragraph number (DOCX, text)")
    block: int | None = Field(None, description="index of the block in the document model")


class Placeholder(Evidence):
    """A place in a draft still to be filled in ("[aantal studenten invullen]", "XX", "TODO")."""

    text: str = Field(description="the placeholder itself, as it stands in the dossier")
    domain: str | None = Field(None, description="the domain of the chapter it stands in; null for general chapters")


class Finding(BaseModel):
    """A concern, a strength or a criterion outcome with the passages behind it."""

    code: str
    title: str = ""
    evidence: list[Evidence] = []
    missing: str | None = Field(None, description="what the dossier lacks, where no passage can show it")


class Concern(Finding):
    zorg: str = ""
    tips: list[str] = []
    criteria: list[str] = Field([], description="ids of the criteria that raised it")
    precedent: str | None = Field(
        None, description="raised by resemblance, not by a criterion: the labelled passage its evidence resembles"
    )


class Domain(BaseModel):
    code: str
    name: str = ""
    level: int = Field(ge=1, le=4)
    level_label: str = ""
    level_description: str = ""
    insufficient_evidence: bool = Field(
        False, description="the dossier says too little about this domain to judge it"
    )
    rationale: str = ""
    evidence: list[Evidence] = []
    missing: str | None = None
    concerns: list[Concern] = []
    strengths: list[Finding] = []
    reflection_questions: list[str] = Field(
        [], description="questions for the applicants that fit what was found (praatplaat, GROW)"
    )
    tips: list[str] = Field([], description="the rubric's tips for this domain: next steps for a draft")


class Check(Finding):
    passed: bool
    name: str = ""
    tips: list[str] = []
    details: dict[str, object] = {}
    summary: list[str] = Field([], description="what the check found, in Dutch sentences (figures, sums)")
    causes: list[Finding] = Field(
        [], description="a failed check: one finding per cause (criterion id, its description, where it shows)"
    )


class DossierInfo(BaseModel):
    path: str
    sha256: str | None = None
    format: str | None = None
    pages: int | None = None
    words: int | None = None
    language: str | None = None
    kind: Literal["draft", "final"] = "final"
    warnings: list[str] = []
    placeholders: list[Placeholder] = Field([], description="places still to be filled in, each with its location")
    unwritten: list[Evidence] = Field(
        [], description="chapters that are empty or hold only notes and placeholders (the heading's location)"
    )


class RubricInfo(BaseModel):
    name: str
    version: str
    path: str | None = None


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    engine_version: str = ""
    generated_at: str = Field("", description="the one field that differs between identical runs")
    dossier: DossierInfo
    rubric: RubricInfo
    domains: list[Domain]
    checks: list[Check]


class FailedDossier(BaseModel):
    """A dossier in a batch that could not be read: it keeps its place in the output."""

    dossier: DossierInfo
    error: str
