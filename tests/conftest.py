"""Shared fixtures: the real facts file, loaded once."""

from __future__ import annotations

import pytest

from geo.facts import Facts, load_facts


@pytest.fixture(scope="session")
def facts() -> Facts:
    """The loaded data/facts.yaml."""
    return load_facts()


@pytest.fixture(scope="session")
def atlas():  # type: ignore[no-untyped-def]
    """The committed data/atlas.gpkg, loaded once."""
    from geo.atlas import load_atlas

    return load_atlas()
