"""The atlas's front ends on top of `geo` and `layers`: the command line (atlas.cli) and the app's view state (atlas.viewstate)."""
