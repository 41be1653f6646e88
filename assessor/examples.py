"""Run a criterion's example sentences: each 'trigger' must make it fire, each
'no_trigger' must not (sqlfluff's YAML rule cases, proselint's example checks).

An example is a sentence, or a small Markdown text with '# Heading' lines when a
criterion needs sections. A bare sentence is placed under a heading of the criterion's
first scope domain, so scoped criteria see it where they look.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor import kinds
from assessor.analysis import Analysis
from assessor.document import Block, BlockKind, Document, SectionTracker
from rubric.schema import CriterionBase, Rubric


@dataclass(frozen=True)
class ExampleFailure:
    criterion: str
    expected: bool
    text: str

    def __str__(self) -> str:
        want = "fire" if self.expected else "not fire"
        return f"{self.criterion}: should {want} on {self.text!r}"


def example_document(text: str, criterion: CriterionBase, rubric: Rubric) -> Document:
    if not text.lstrip().startswith("#"):
        scope = criterion.scope if criterion.scope != "any" else []
        heading = next((d.name for d in rubric.domains if d.code in scope), "Inleiding")
        text = f"# {heading}\n{text}"
    tracker = SectionTracker()
    blocks: list[Block] = []
    for n, line in enumerate(l.strip() for l in text.splitlines() if l.strip()):
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line.lstrip("#").strip()
            blocks.append(Block(kind=BlockKind.heading, text=title, level=level, paragraph=n + 1,
                                section=tracker.heading(level, title)))
        else:
            blocks.append(Block(kind=BlockKind.paragraph, text=line, paragraph=n + 1, section=tracker.path))
    return Document(path="<example>", sha256="", format="md", blocks=blocks)


def run_example(criterion: CriterionBase, text: str, rubric: Rubric) -> bool:
    """Does the criterion fire on this example?"""
    return kinds.run(criterion, Analysis(example_document(text, criterion, rubric), rubric)).fired


def check_examples(rubric: Rubric) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for c in rubric.criteria():
        for expected, texts in ((True, c.examples.trigger), (False, c.examples.no_trigger)):
            for text in texts:
                if run_example(c, text, rubric) is not expected:
                    failures.append(ExampleFailure(c.id, expected, text))
    return failures
