"""Walking the record: every model, list item and mapping value, with its dotted path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every model, list item and mapping value under obj, with its dotted path."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk(item, f"{path}.{key}" if path else str(key))


def values_under(obj: Any) -> Iterator[Any]:
    """What walk() yields, in its order, without the paths (about twice as fast: for a search by type)."""
    stack = [obj]
    while stack:
        obj = stack.pop()
        yield obj
        if isinstance(obj, BaseModel):
            stack.extend([getattr(obj, name) for name in reversed(type(obj).model_fields)])
        elif isinstance(obj, list):
            stack.extend(reversed(obj))
        elif isinstance(obj, dict):
            stack.extend(reversed(obj.values()))


def entries(root: Any) -> dict[str, Any]:
    """Every entry under root by its id and by its dotted path (e.g. 'treaty.withdrawal_rule'), the first in the
    record's order where two share one: looked up once per claim, so the record is walked once, not once a claim.
    """
    found: dict[str, Any] = {}
    for path, obj in walk(root):
        found.setdefault(path, obj)
        ident = getattr(obj, "id", None)
        if isinstance(ident, str):
            found.setdefault(ident, obj)
    return found
