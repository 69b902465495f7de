"""Loading data/facts.yaml: read, resolve source ids, validate against the schema, then check across fields."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geo._yaml import MAX_BYTES, read_yaml, validation_error
from geo.errors import AtlasError
from geo.facts.checks import problems
from geo.facts.schema import Facts
from geo.settings import FACTS_PATH, SEEDS_DIR


def load_facts(path: Path | str | None = None, seeds_dir: Path | None = None) -> Facts:
    """Load, validate and source-check facts.yaml; any problem raises a one-line AtlasError."""
    path = Path(path) if path is not None else FACTS_PATH
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
    data = read_yaml(path)
    try:
        data, uncited = _resolve_source_ids(data)
        facts = Facts.model_validate(data)
    except _Problem as p:
        raise AtlasError(path, p.field, p.value, p.problem) from None
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    for field, value, problem in problems(facts, seeds_dir):
        raise AtlasError(path, field, value, problem)
    facts._path = str(path)
    facts._uncited = uncited
    return facts


class _Problem(Exception):
    """A problem found before validation, located by field path."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(problem)
        self.field, self.value, self.problem = field, value, problem


def _resolve_source_ids(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Replace source ids (strings in any 'sources' list) by the entries of the top-level sources map, and list the
    entries no fact cites (`uncited`).
    """
    table = data.get("sources") or {}
    if not isinstance(table, dict):
        raise _Problem("sources", table, "must be a mapping of source id to source")
    used: set[str] = set()

    def fix(obj: Any, path: str) -> Any:
        if isinstance(obj, dict):
            return {
                k: fix(v, f"{path}.{k}" if path else str(k)) if k != "sources" or path else v for k, v in obj.items()
            }
        if isinstance(obj, list):
            if path.endswith("sources"):
                cited: set[str] = set()
                for i, item in enumerate(obj):
                    if isinstance(item, str):
                        if item in cited:
                            raise _Problem(f"{path}[{i}]", item, "this source is already cited in the list")
                        cited.add(item)
                used.update(cited)
                return [lookup(item, f"{path}[{i}]") for i, item in enumerate(obj)]
            return [fix(item, f"{path}[{i}]") for i, item in enumerate(obj)]
        return obj

    def lookup(item: Any, path: str) -> Any:
        if not isinstance(item, str):
            return item
        if item not in table:
            raise _Problem(path, item, "unknown source id (not in the top-level sources map)")
        if isinstance(table[item], str):
            raise _Problem(f"sources.{item}", table[item], "a source entry cannot be another source id")
        return table[item]

    resolved: dict[str, Any] = fix(data, "")
    return resolved, [key for key in table if key not in used]


def fingerprint(path: Path) -> str:
    """A key that changes when the file's content does (its first MAX_BYTES + 1 bytes: a longer file is refused)."""
    try:
        with path.open("rb") as handle:
            return hashlib.sha256(handle.read(MAX_BYTES + 1)).hexdigest()
    except OSError as error:
        return f"unreadable: {error.strerror}"
