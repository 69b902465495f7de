"""Border pairs: the one order of the two codes in a pair name ('FIN-RUS', never 'RUS-FIN')."""

from __future__ import annotations

# Codes in the order pairs are written, so that pairs read as the atlas's users know them (FIN-RUS, POL-LTU);
# other codes come after these, alphabetically.
PAIR_ORDER = ("FIN", "POL", "EST", "LVA", "LTU", "NOR", "SWE", "UKR", "RUS", "BLR")


def pair_name(a: str, b: str) -> str:
    """The canonical name of the border of two countries: 'FIN-RUS' for RUS and FIN."""
    first, second = sorted((a, b), key=lambda code: (PAIR_ORDER.index(code) if code in PAIR_ORDER else 99, code))
    return f"{first}-{second}"


def canonical(pair: str) -> str:
    """A pair written either way ('RUS-FIN', 'rus-fin') in its canonical form ('FIN-RUS'); other text as it is."""
    a, sep, b = pair.upper().partition("-")
    return pair_name(a, b) if sep and a and b else pair


def codes(pair: str) -> tuple[str, str]:
    """The two country codes of a pair."""
    a, _, b = pair.partition("-")
    return a, b
