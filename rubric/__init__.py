"""The rubric: its schema (pydantic) and its loader (YAML with file:line:col errors).

The rubric is data; the engine in `assessor/` applies it and knows nothing of its content.
"""

from rubric.loader import DEFAULT_RUBRIC, load_rubric
from rubric.schema import Rubric

__all__ = ["DEFAULT_RUBRIC", "Rubric", "load_rubric"]
