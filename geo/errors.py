"""The one error type the atlas raises for bad input: it renders as a single line."""

from __future__ import annotations

from pathlib import Path


class AtlasError(ValueError):
    """Bad input: names the file, the field and the offending value in one line."""

    def __init__(self, file: str | Path | None, field: str | None, value: object, problem: str) -> None:
        self.file = str(file) if file is not None else None
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line message: 'FILE: FIELD = VALUE: PROBLEM' (parts that are unknown are left out)."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.field:
            parts.append(f"{self.field} = {short_repr(self.value)}")
        elif self.value is not None:
            parts.append(short_repr(self.value))
        head = ": ".join(parts)
        text = f"{head}: {self.problem}" if head else self.problem
        return " ".join(text.split())


def short_repr(value: object, limit: int = 80) -> str:
    """repr() of a value, on one line and cut to `limit` characters."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
