"""The app's view state, pure: what a link asks for (query string in and out, defaults), the treaty-event quick picks.

No streamlit here, so every rule is unit-tested; app.py only reads and writes widgets and the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geo.dates import day_text, parse_day
from geo.errors import AtlasError
from geo.facts import EVENT_LABELS
from geo.settings import LAYERS, MAX_ZOOM, MIN_ZOOM
from geo.treaty import TimelineEvent
from geo.view import MapView, parse_layers
from layers.web.basemaps import NONE, OFFERED

BASEMAPS = (NONE, *OFFERED)


def parse_position(text: str, field: str = "map") -> str:
    """A map position 'zoom/latitude/longitude' (as OpenStreetMap's links write it), checked and written the one
    way the map writes it back ('6.25/57.1234/24.5678'); AtlasError naming the field otherwise.
    """
    pieces = text.strip().split("/")
    try:
        zoom, lat, lon = (float(p) for p in pieces) if len(pieces) == 3 else (float("nan"),) * 3
    except ValueError:
        zoom = lat = lon = float("nan")
    if not (MIN_ZOOM <= zoom <= MAX_ZOOM and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise AtlasError(
            None, field, text, f"not a map position zoom/latitude/longitude with zoom {MIN_ZOOM}-{MAX_ZOOM}"
        )
    return f"{round(zoom, 2):g}/{lat:.4f}/{lon:.4f}"


@dataclass
class ViewState:
    """What the page shows: the date, the layers, the basemap, the country it zooms to ('' for the whole region)
    and where the reader has moved the map ('' for where it opens: the region or the country).
    """

    day: dt.date
    layers: tuple[str, ...] = tuple(LAYERS)
    basemap: str = NONE
    country: str = ""
    position: str = ""  # 'zoom/latitude/longitude' (parse_position)
    warnings: list[str] = field(default_factory=list)

    def query(self) -> dict[str, str]:
        """The URL parameters that reopen this view."""
        params = {"date": self.day.isoformat(), "layers": ",".join(self.layers), "basemap": self.basemap}
        params |= {"country": self.country} if self.country else {}
        return params | ({"map": self.position} if self.position else {})


def state_from_query(
    params: dict[str, str], today: dt.date, countries: list[str], last: dt.date | None = None
) -> ViewState:
    """The view a link asks for; each bad value falls back to its default with a one-line warning. `last`: the last
    day of the map's time (geo.model.MapModel.last), which the app's date widget shares.
    """
    state = ViewState(today)

    def ignored(error: AtlasError, fallback: str) -> None:
        state.warnings.append(f"Ignored from the link: {error.line()}; showing {fallback}.")

    if "date" in params:
        try:
            day = parse_day(params["date"].strip(), "date", today)
            if last is not None and day > last:
                after = f"after {last.isoformat()}, where the map's time ends"
                raise AtlasError(None, "date", params["date"].strip(), after)
            state.day = day
        except AtlasError as error:
            ignored(error, f"today ({day_text(today)})")
    if "layers" in params:
        try:
            raw = params["layers"].strip()
            state.layers = parse_layers([raw], "layers") if raw else ()  # an empty value: no layer
        except AtlasError as error:
            ignored(error, "every layer")
    if "basemap" in params:
        wanted = next((b for b in BASEMAPS if b.lower() == params["basemap"].strip().lower()), None)
        if wanted is None:
            ignored(
                AtlasError(None, "basemap", params["basemap"], f"unknown basemap; choose from {', '.join(BASEMAPS)}"),
                "no basemap",
            )
        else:
            state.basemap = wanted
    if params.get("country", "").strip():
        code = params["country"].strip().upper()
        if code in countries:
            state.country = code
        else:
            ignored(
                AtlasError(None, "country", params["country"], f"not on the map; choose from {', '.join(countries)}"),
                "the whole region",
            )
    if params.get("map", "").strip():
        try:
            state.position = parse_position(params["map"])
        except AtlasError as error:
            ignored(error, "the whole map")
    return state


def grouped_events(events: list[TimelineEvent]) -> dict[str, str]:
    """Quick picks, latest first: each event date (ISO) with what happened on it,
    e.g. '27 Dec 2025 — withdrawal effective: Estonia, Latvia, Lithuania'.
    """
    by_day: dict[dt.date, dict[str, list[str]]] = {}
    for e in events:
        by_day.setdefault(e.date, {}).setdefault(EVENT_LABELS[e.kind], []).append(e.country)
    return {
        day.isoformat(): f"{day_text(day)} — "
        + "; ".join(f"{kind}: {', '.join(sorted(names))}" for kind, names in kinds.items())
        for day, kinds in sorted(by_day.items(), reverse=True)
    }


def country_choices(view: MapView) -> dict[str, str]:
    """'' (the whole region), then the focus countries, then the others on the map, by name."""
    names = view.names
    focus = view.focus
    ordered = sorted(names, key=lambda iso3: (iso3 not in focus, names[iso3]))
    return {"": "The whole region"} | {iso3: f"{names[iso3]} ({iso3})" for iso3 in ordered}
