"""The record, opened: the one way the app and the command line (and, later, a notebook) read the facts, the
GeoPackage, the claims ledger and what is computed from them.

`open_record()` reads and checks the facts file at once; the GeoPackage, the ledger, the lengths, the located parts,
the map base and the data version are read or computed when first asked for, and kept, as are the maps of the last
days asked for (`Record.view`); the same files with the same contents give the record already open. A command reads
only what it uses, in the order it asks; the geometry libraries are imported when first needed, so a command that
reads the facts alone (`atlas status`) starts at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from geo import settings
from geo.claims import CheckedClaim, Ledger, load_claims, verdicts
from geo.errors import AtlasError
from geo.facts import Facts, load_facts
from geo.kept import K, Kept, V
from geo.provenance import data_version, sha256
from geo.reach import Reach, reach

if TYPE_CHECKING:  # imported where used: GeoPandas and the geometry code take seconds to import
    from collections.abc import Callable

    import geopandas as gpd
    import pandas as pd

    from geo.borders import BorderLength
    from geo.gpkg import GeoPackage
    from geo.parts import LocatedPart
    from geo.scales import BorderScales
    from geo.view import MapBase, MapView

VIEWS_KEPT = 64  # the maps of this many days are kept (the last asked for)


@dataclass(frozen=True, eq=False)
class Record:
    """The facts of one file, and what is read or computed from them, their GeoPackage and their claims ledger."""

    facts: Facts
    facts_path: Path
    gpkg_path: Path
    claims_path: Path | None  # None: opened without a claims ledger (maps carry no verdicts)
    gpkg_key: str | None = None  # the GeoPackage's path and SHA-256 when opened (its layers are shared by that key)
    _views: Kept[dt.date, MapView] = field(default_factory=lambda: Kept(VIEWS_KEPT), init=False, repr=False)

    @cached_property
    def gpkg(self) -> GeoPackage:
        """The GeoPackage's layers (AtlasError for a missing, damaged or wrong file): those another record already read
        when the file has the same contents, with what they have made for drawing.
        """
        return _geopackage(self.gpkg_path, self.gpkg_key)

    @cached_property
    def _ledger(self) -> Ledger | AtlasError | None:
        """The ledger, or why it cannot be read (kept, so a bad file is read once), or None when opened without one."""
        if self.claims_path is None:
            return None
        try:
            return load_claims(self.claims_path, facts=self.facts)
        except AtlasError as error:
            return error

    @property
    def ledger(self) -> Ledger | None:
        """The claims ledger checked against the facts (None when opened without one); AtlasError when it is missing
        or bad.
        """
        found = self._ledger
        if isinstance(found, AtlasError):
            raise AtlasError(found.file, found.field, found.value, found.problem)
        return found

    @property
    def ledger_error(self) -> AtlasError | None:
        """Why the claims ledger cannot be read (None when it can, or when opened without one)."""
        found = self._ledger
        return found if isinstance(found, AtlasError) else None

    @cached_property
    def _lengths(self) -> tuple[BorderLength, ...]:
        from geo.borders import border_lengths

        return tuple(border_lengths(self.gpkg, self.facts))

    def lengths(self) -> list[BorderLength]:
        """Every border of the GeoPackage, main pairs first: its computed lengths beside each official figure."""
        return list(self._lengths)

    def scales(self) -> list[BorderScales]:
        """Every border's length from each source and scale, and its divider series (geo.scales), in the order of
        lengths(); empty when the GeoPackage holds no border_scales table.
        """
        from geo.scales import border_scales

        return border_scales(self.gpkg.border_scales, [b.pair for b in self._lengths])

    def computed_km(self) -> dict[str, float]:
        """Each border's computed length (land and inland water), by pair."""
        return {b.pair: b.computed_km for b in self._lengths}

    def checked_claims(self) -> list[CheckedClaim]:
        """Every claim of the ledger with its verdict against the facts (AtlasError when the ledger is bad)."""
        ledger = self.ledger
        return verdicts(ledger, self.facts, self.computed_km()) if ledger is not None else []

    @cached_property
    def _parts(self) -> tuple[LocatedPart, ...]:
        from geo.parts import located_parts

        return located_parts(self.facts, self.gpkg.borders, self.gpkg.places, str(self.gpkg_path))

    def parts(self) -> tuple[LocatedPart, ...]:
        """Every located part of every plan, with its geometry on the full-resolution border."""
        return self._parts

    @cached_property
    def base(self) -> MapBase:
        """What every map of this record shows whatever the day (without verdicts when the ledger is bad)."""
        from geo.view import map_base

        found = self._ledger
        return map_base(self.gpkg, self.facts, found if isinstance(found, Ledger) else None)

    def ready(self) -> Record:
        """The record with its GeoPackage read, its ledger checked and its map base computed now (not at first use)."""
        self.base  # noqa: B018  # a cached property: computed here
        return self

    def view(self, day: dt.date) -> MapView:
        """The map of one day: statuses, plans at their stage, display geometry, lengths, verdicts."""
        from geo.view import map_view

        kept = self._views.get(day)
        if kept is not None:
            return kept
        made = map_view(self.gpkg, self.facts, day, base=self.base)
        self._views.put(day, made)
        return made

    # ------------------------------------------------------------------ for notebooks (docs/api.md): typed frames

    def status(self, day: dt.date) -> gpd.GeoDataFrame:
        """Every country on `day`: iso3, name, part, as_of (a date), status (a code of layers.style.STATUS_LABELS, empty
        for a context country) and the explanation with its dates, and the country's geometry (lon/lat).
        """
        from geo.gis import countries_frame, typed

        return typed(countries_frame(self.gpkg, self.view(day)))

    def plans(self, day: dt.date) -> pd.DataFrame:
        """Every plan known on `day` at its stage (stage in words, stage_code, since_day a date), with its amounts,
        quantities, chronology and sources, one row each.
        """
        import pandas as pd

        from geo.gis import typed
        from geo.rows import PLAN_GIS_COLUMNS, PlanRow

        rows = [PlanRow.of(stage).gis_columns() for stage in self.view(day).plans]
        return typed(pd.DataFrame(rows, columns=PLAN_GIS_COLUMNS))

    def length_table(self) -> pd.DataFrame:
        """Every border's computed lengths by kind of section (km, floats) beside each official figure, one row per
        figure, with its sources.
        """
        from geo.gis import typed
        from geo.tables import border_table

        return typed(border_table(self._lengths))

    def layers(self, day: dt.date, layers: tuple[str, ...] = tuple(settings.LAYERS)) -> dict[str, gpd.GeoDataFrame]:
        """The GIS layers of the map of `day` (the app's GIS downloads), by name: full-resolution geometry, typed
        columns (dates as dates, km as floats); plan parts with their OpenStreetMap tags and TDS/GGDM codes.
        """
        from geo.gis import layer_frames, typed

        return {name: typed(frame) for name, frame in layer_frames(self.gpkg, self.view(day), layers).items()}

    @cached_property
    def data_version(self) -> str:
        """The data version figures and packs carry: a hash of the facts file and the GeoPackage."""
        return data_version(self.facts_path, self.gpkg_path)

    @property
    def reach(self) -> Reach:
        """How far the record reaches: when it was last verified, its latest event."""
        return reach(self.facts)


_records: Kept[tuple[str, ...], Record] = Kept(4)  # the records of the last four sets of inputs, kept open
_facts: Kept[tuple[str, ...], Facts] = Kept(2)  # the last two facts files (with the seeds they quote), kept read
_geopackages: Kept[str, GeoPackage] = Kept(2)  # the layers of the last two GeoPackages, kept read


def open_record(
    facts_path: Path | str | None = None,
    gpkg_path: Path | str | None = None,
    claims_path: Path | str | None = None,
    *,
    ledger: bool = True,
) -> Record:
    """The record of a facts file, a GeoPackage and a claims ledger (default data/facts.yaml, data/atlas.gpkg,
    data/claims.yaml); the facts are read and checked now (AtlasError for a bad file), the rest when first used.
    `ledger=False` opens it without a claims ledger: its maps carry no verdicts.

    The record already open for the same files with the same contents (and the same seeds) is returned as it is, with
    what it has computed; a file whose content changed is read again.
    """
    facts_file = Path(facts_path) if facts_path is not None else settings.FACTS_PATH
    gpkg_file = Path(gpkg_path) if gpkg_path is not None else settings.GPKG_PATH
    claims_file = (Path(claims_path) if claims_path is not None else settings.CLAIMS_PATH) if ledger else None
    facts_key = _contents_key([facts_file, *_seed_files()])
    rest_key = _contents_key([gpkg_file, *([claims_file] if claims_file else [])])
    key = facts_key + rest_key if facts_key is not None and rest_key is not None else None
    kept = _records.get(key) if key is not None else None
    if kept is not None:
        return kept
    facts = _read_once(_facts, facts_key, facts_key[0] if facts_key else None, facts_file, load_facts)
    record = Record(facts, Path(facts.path or facts_file), gpkg_file, claims_file, rest_key[0] if rest_key else None)
    if key is not None and facts_key is not None and _facts.get(facts_key) is facts:  # kept by _read_once: the facts
        _records.put(key, record)  # read were those the key names
    return record


def _geopackage(path: Path, key: str | None) -> GeoPackage:
    """The GeoPackage's layers, read once for each content (`key`, its path and SHA-256; None: read afresh)."""
    from geo.gpkg import load_geopackage

    return _read_once(_geopackages, key, key, path, load_geopackage)


def _read_once(kept: Kept[K, V], key: K | None, content: str | None, path: Path, read: Callable[[Path], V]) -> V:
    """`read(path)`, once for each `key` (None: read afresh): what is read is kept under it only when the file, after
    the read, still has the `content` the key names (its path and SHA-256), so a file changed meanwhile is read again.
    """
    found = kept.get(key) if key is not None else None
    if found is not None:
        return found
    value = read(path)
    if key is not None and _contents_key([path]) == (content,):
        kept.put(key, value)
    return value


def _seed_files() -> list[Path]:
    """The seed files the facts' quotes are checked against (none when the folder cannot be listed)."""
    try:
        return sorted(settings.SEEDS_DIR.iterdir())
    except OSError:
        return []


def _contents_key(files: list[Path]) -> tuple[str, ...] | None:
    """Each file by path and SHA-256 of its content (geo.provenance.sha256); None when one cannot be read (the record
    is then opened afresh and says why).
    """
    try:
        return tuple(f"{file.resolve()}:{sha256(file)}" for file in files)
    except AtlasError:
        return None
