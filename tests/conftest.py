"""Shared fixtures: the sample corpus, the default rubric, and the report contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CONTRACT = json.loads((Path(__file__).parent / "contract_schema.json").read_text(encoding="utf-8"))


def sample_ids() -> list[str]:
    return sorted(p.name.removesuffix(".labels.yaml") for p in SAMPLES.glob("*.labels.yaml"))


@pytest.fixture(scope="session")
def rubric():
    from rubric import load_rubric

    return load_rubric()


def validate_contract(report: dict) -> None:
    """Raise if a report breaks the stable part of the JSON contract."""
    import jsonschema

    jsonschema.validate(report, CONTRACT)
    assert [d["code"] for d in report["domains"]] == ["visie", "samenwerking", "professionalisering", "kwaliteitszorg"]
    codes = [c["code"] for c in report["checks"]]
    for code in ("basis", "congruentie", "smart", "samen"):
        assert codes.count(code) == 1, code


def needs(program: str, install: str):
    return pytest.mark.skipif(shutil.which(program) is None, reason=f"{program} not found: {install}")
