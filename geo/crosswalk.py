"""The crosswalk from the atlas's kinds of plan part to the codes other GIS tools use (data/crosswalk.yaml): each
kind's OpenStreetMap tags and its TDS/GGDM feature code where the schema has one, each with its source.

Read once per process (`crosswalk()`); a missing kind, a malformed code or an unknown source is one AtlasError line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from geo import settings
from geo._yaml import read_yaml, validation_error
from geo.facts.schema import PartKind

_FCODE = re.compile(r"[A-Z]{2}\d{3}")  # a TDS/GGDM feature code: two letters, three digits (AL070)
_TAG = re.compile(r"[a-z_:]+")  # an OpenStreetMap key or value as the crosswalk writes them


class CrosswalkSource(BaseModel):
    """Where a row of the crosswalk comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    publisher: str
    title: str
    url: str = Field(pattern=r"^https://")


class KindCodes(BaseModel):
    """One kind's OpenStreetMap tags and TDS/GGDM feature code (None where the schema has none)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    osm: dict[str, str] = Field(min_length=1)
    fcode: str | None = None
    fcode_name: str | None = None
    source: str
    note: str = ""

    @field_validator("osm")
    @classmethod
    def _tags(cls, tags: dict[str, str]) -> dict[str, str]:
        bad = [f"{k}={v}" for k, v in tags.items() if not (_TAG.fullmatch(k) and _TAG.fullmatch(v))]
        if bad:
            raise ValueError(f"not an OpenStreetMap tag: {bad[0]}")
        return tags

    @field_validator("fcode")
    @classmethod
    def _fcode(cls, code: str | None) -> str | None:
        if code is not None and not _FCODE.fullmatch(code):
            raise ValueError(f"not a TDS/GGDM feature code (two letters, three digits): {code}")
        return code

    @model_validator(mode="after")
    def _named(self) -> KindCodes:
        if (self.fcode is None) != (self.fcode_name is None):
            raise ValueError("a feature code and its name go together")
        return self

    @property
    def osm_tags(self) -> str:
        """The tags as OpenStreetMap writes them in a list: 'barrier=fence', several joined by ';'."""
        return ";".join(f"{key}={value}" for key, value in self.osm.items())


class Crosswalk(BaseModel):
    """Every kind of part with its codes, and the sources they come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sources: dict[str, CrosswalkSource]
    kinds: dict[PartKind, KindCodes]

    @field_validator("kinds")
    @classmethod
    def _complete(cls, kinds: dict[PartKind, KindCodes], info: ValidationInfo) -> dict[PartKind, KindCodes]:
        missing = [kind for kind in get_args(PartKind) if kind not in kinds]
        if missing:
            raise ValueError(f"no codes for the kind {missing[0]}")
        sources = info.data.get("sources", {})
        unknown = [kind for kind, codes in kinds.items() if codes.source not in sources]
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown source {kinds[unknown[0]].source}")
        return kinds


def load_crosswalk(path: Path) -> Crosswalk:
    """The crosswalk of a file (AtlasError naming the file, field and value for a bad one)."""
    data = read_yaml(path)
    try:
        return Crosswalk.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc) from None


@cache
def crosswalk() -> Crosswalk:
    """The atlas's crosswalk (data/crosswalk.yaml), read once."""
    return load_crosswalk(settings.CROSSWALK_PATH)
