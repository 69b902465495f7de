"""Colours and labels: the Okabe–Ito palette, safe for the common forms of colour blindness."""

from __future__ import annotations

from geo.plans import Stage

STATUS_LABELS = {
    "party": "Party",
    "signatory": "Signatory (not yet bound)",
    "withdrawal_notified": "Withdrawal notified",
    "withdrawn": "Withdrawn",
    "suspended": "Suspension declared (not a withdrawal)",
    "non_party": "Not a party",
    "": "No treaty data (context)",
}
STATUS_COLOURS = {
    "party": "#0072B2",  # blue
    "signatory": "#56B4E9",  # sky blue
    "withdrawal_notified": "#E69F00",  # orange
    "withdrawn": "#D55E00",  # vermillion
    "suspended": "#CC79A7",  # reddish purple
    "non_party": "#7f7f7f",  # grey
    "": "#e6e6e6",  # light grey: a context country without treaty facts
}
# a status shows the basemap through a little; a context country (no treaty data) is filled almost solid
STATUS_FILL_OPACITY = {status: 0.75 if status else 0.9 for status in STATUS_COLOURS}
LAND = "#ece6d8"  # the land, when treaty status is not shown
COUNTRY_OUTLINE: dict[str, object] = {"color": "#ffffff", "weight": 0.8}  # every country's outline


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def readable_on(colour: str) -> str:
    """Black or white, whichever contrasts more with the colour (WCAG contrast ratio)."""
    light = _luminance(colour)
    return "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#ffffff"


STATUS_TEXT = {status: readable_on(colour) for status, colour in STATUS_COLOURS.items()}  # badge text
NEIGHBOUR_LABELS = {"RUS": "Border with Russia", "BLR": "Border with Belarus", "": "Other border"}
NEIGHBOUR_COLOURS = {"RUS": "#000000", "BLR": "#009E73", "": "#555555"}  # black, bluish green
# a main border (a focus country's with Russia or Belarus) bold; the others thin, and dashed where they touch Russia or
# Belarus (Russia–Belarus, Russia–Ukraine: context)
BORDER_STYLES: dict[str, dict[str, object]] = {
    "main": {"weight": 4, "opacity": 0.95},
    "other": {"weight": 1.5, "opacity": 0.7},
    "context": {"weight": 1.5, "opacity": 0.7, "dashArray": "6 4"},
}
PLAN_COLOUR = "#F0E442"  # yellow band along a border a plan names without locating it
# how a not-located plan's band says its stage (geo.plans): always broken, since where it runs is not known; denser
# and stronger the more has been done
PLAN_STAGE_STYLES: dict[Stage, dict[str, object]] = {
    "reported": {"weight": 6, "opacity": 0.5, "dashArray": "1 11"},
    "stated": {"weight": 6, "opacity": 0.6, "dashArray": "2 10"},
    "decided": {"weight": 7, "opacity": 0.65, "dashArray": "3 8"},
    "under_construction": {"weight": 8, "opacity": 0.75, "dashArray": "4 6"},
    "complete": {"weight": 8, "opacity": 0.8, "dashArray": "6 4"},
}
# located parts (geo.parts): the colour says the kind, the line or dot says the stage
PART_KIND_LABELS: dict[str, str] = {
    "fence": "Fence",
    "bunkers": "Bunkers",
    "anti_tank_obstacles": "Anti-tank obstacles",
    "fortification_belt": "Fortification belt",
    "minefield": "Minefield or mine storage",
    "mine_production": "Mine production site",
    "closed_crossing": "Closed border crossing",
    "surveillance": "Surveillance",
    "depot": "Engineering depot",
}
PART_KIND_COLOURS: dict[str, str] = {
    "fence": "#B2182B",  # dark red
    "bunkers": "#542788",  # dark purple
    "anti_tank_obstacles": "#8C510A",  # brown
    "fortification_belt": "#542788",
    "minefield": "#D6604D",
    "mine_production": "#4D4D4D",
    "closed_crossing": "#1A1A1A",  # near black
    "surveillance": "#2166AC",
    "depot": "#01665E",
}
# planned parts faint and dashed, parts under construction bold and dashed, built parts solid
PART_LINE_STYLES: dict[str, dict[str, object]] = {
    "planned": {"weight": 3, "opacity": 0.6, "dashArray": "4 6"},
    "under_construction": {"weight": 6, "opacity": 0.95, "dashArray": "10 5"},
    "complete": {"weight": 6, "opacity": 1.0},
}
PART_POINT_STYLES: dict[str, dict[str, object]] = {
    "planned": {"radius": 5, "weight": 2, "opacity": 0.7, "fillOpacity": 0.15, "dashArray": "2 2"},
    "under_construction": {"radius": 6, "weight": 2, "opacity": 1.0, "fillOpacity": 0.45, "dashArray": "3 2"},
    "complete": {"radius": 6, "weight": 2, "opacity": 1.0, "fillOpacity": 0.95},
}
CLOSED_CROSSING_STYLE: dict[str, object] = {"fillColor": "#ffffff", "fillOpacity": 1.0, "weight": 3, "radius": 6}
PART_STAGE_GROUP: dict[Stage, str] = {
    "reported": "planned",
    "stated": "planned",
    "decided": "planned",
    "under_construction": "under_construction",
    "complete": "complete",
    "cancelled": "planned",
}
PART_STAGE_GROUP_LABELS = {
    "planned": "planned",
    "under_construction": "under construction",
    "complete": "built or in force",
}
# the corridor: a dashed outline with no fill (no status colour is read into it); hatched in print
SUWALKI_COLOUR = "#000000"
SUWALKI_CORRIDOR_STYLE: dict[str, object] = {"weight": 2.5, "fill": True, "fillOpacity": 0, "dashArray": "7 4"}
SUWALKI_NARROWEST_STYLE: dict[str, object] = {"weight": 3, "dashArray": "2 5"}
BACKGROUND = "#cfe3f0"  # sea, when no basemap is drawn
# the sources of a border's lengths at several scales (geo.scales), named and coloured alike in the app's chart and
# the report pack's figure
SCALE_SOURCE_LABELS = {
    "atlas": "the atlas's line",
    "divider": "divider on the atlas's line",
    "dcw": "Digital Chart of the World",
    "natural-earth": "Natural Earth",
}
SCALE_SOURCE_COLOURS = {"atlas": "#000000", "divider": "#0072B2", "dcw": "#E69F00", "natural-earth": "#009E73"}
OFFICIAL_COLOUR = "#D55E00"  # an official or stated figure, beside what the atlas computes
