"""Every criterion's example sentences, as parametrised tests (sqlfluff's YAML rule cases),
for criteria.yaml and every built-in variant; and the meta-test (proselint's
test_check_examples_exist): a criterion without examples fails.

Test ids are criterion ids (`V1.misconceptie`), prefixed with the variant's name for the
variants (`mbo/V5.mbo-geen-bpv-expertise`): `pytest -k V1.` runs one concern's cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.errors import RubricError
from assessor.examples import run_example
from rubric.docs import iter_builtin_variants
from rubric.loader import DEFAULT_RUBRIC, LoadedRubric, criteria_with_loc, load_located

RUBRICS = [DEFAULT_RUBRIC, *iter_builtin_variants()]


def _label(path: Path) -> str:
    return "" if path == DEFAULT_RUBRIC else f"{path.stem}/"


def _load(path: Path) -> LoadedRubric | RubricError:
    try:
        return load_located(path)
    except RubricError as exc:  # reported by the test, not as a collection error
        return exc


LOADED = {path: _load(path) for path in RUBRICS}


def _cases():
    for path, loaded in LOADED.items():
        if isinstance(loaded, RubricError):
            yield pytest.param(loaded, None, None, id=f"{_label(path)}<rubric does not load>")
            continue
        for loc, criterion in criteria_with_loc(loaded.rubric):
            yield pytest.param(loaded, loc, criterion, id=f"{_label(path)}{criterion.id}")


def test_there_is_at_least_one_variant():
    assert any(p.stem == "mbo" for p in RUBRICS[1:])


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.stem)
def test_every_criterion_has_examples(path):
    """A criterion without a sentence that must fire it and one that must not is untested."""
    loaded = LOADED[path]
    assert not isinstance(loaded, RubricError), "\n".join(loaded.problems)
    missing = [
        f"{loaded.where(loc + ('id',))}: {c.id}"
        for loc, c in criteria_with_loc(loaded.rubric)
        if not c.examples.trigger or not c.examples.no_trigger
    ]
    assert missing == [], "criteria without trigger and no_trigger examples:\n" + "\n".join(missing)


@pytest.mark.parametrize("loaded, loc, criterion", list(_cases()))
def test_examples(loaded, loc, criterion):
    assert not isinstance(loaded, RubricError), "\n".join(loaded.problems)
    failures = []
    for key, expected in (("trigger", True), ("no_trigger", False)):
        for k, text in enumerate(getattr(criterion.examples, key)):
            if run_example(criterion, text, loaded.rubric) is not expected:
                want = "fire" if expected else "not fire"
                failures.append(f"{loaded.where(loc + ('examples', key, k))}: should {want}: {text!r}")
    assert failures == [], f"{criterion.id}:\n" + "\n".join(failures)
