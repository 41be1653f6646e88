"""JSON: the report contract (../shared/report-contract.md), one object or an array."""

from __future__ import annotations

import json

from pydantic import BaseModel


def render_json(items: BaseModel | list[BaseModel]) -> str:
    if isinstance(items, list):
        return json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2) + "\n"
    return items.model_dump_json(indent=2) + "\n"
