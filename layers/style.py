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
NEIGHBOUR_LABELS = {"RUS": "Border with Russia", "BLR": "Border with Belarus", "": "Other border"}
NEIGHBOUR_COLOURS = {"RUS": "#000000", "BLR": "#009E73", "": "#555555"}  # black, bluish green
PLAN_COLOUR = "#F0E442"  # yellow halo along a border a plan applies to
# how a plan's halo says its stage (geo.plans): fainter and more broken the less has been done, solid once complete
PLAN_STAGE_STYLES: dict[Stage, dict[str, object]] = {
    "reported": {"weight": 6, "opacity": 0.55, "dashArray": "2 10"},
    "stated": {"weight": 8, "opacity": 0.6, "dashArray": "6 10"},
    "decided": {"weight": 10, "opacity": 0.7, "dashArray": "14 8"},
    "under_construction": {"weight": 12, "opacity": 0.85, "dashArray": "24 6"},
    "complete": {"weight": 12, "opacity": 0.9},
}
SUWALKI_COLOUR = "#CC79A7"
BACKGROUND = "#cfe3f0"  # sea, when no basemap is drawn
