"""The one document model that every extractor produces and everything downstream reads.

A dossier is an ordered list of blocks. Each block knows where it stands: the page
(PDF, 1-based), the paragraph number (DOCX/text, 1-based) and the heading path above it.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class BlockKind(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"


class Block(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: BlockKind
    text: str
    level: int | None = Field(None, description="heading level, 1 = chapter")
    page: int | None = Field(None, description="1-based page (PDF only)")
    paragraph: int | None = Field(None, description="1-based paragraph number (DOCX, text)")
    section: tuple[str, ...] = Field((), description="heading path above this block")
    cells: tuple[tuple[str, ...], ...] | None = Field(None, description="table rows")

    @property
    def section_title(self) -> str | None:
        return self.section[-1] if self.section else None


class Document(BaseModel):
    path: str
    sha256: str
    format: str = Field(description="pdf, docx, md or txt")
    pages: int | None = None
    blocks: list[Block] = []
    warnings: list[str] = []

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.heading]


class SectionTracker:
    """Keeps the heading path while an extractor walks a document in reading order."""

    def __init__(self) -> None:
        self._path: list[tuple[int, str]] = []

    def heading(self, level: int, title: str) -> tuple[str, ...]:
        """Register a heading; returns the path *above* it (its own section)."""
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        above = self.path
        self._path.append((level, title))
        return above

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(t for _, t in self._path)
