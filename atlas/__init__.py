"""The front ends over `geo` and `layers`: the command line (atlas.cli) and the app's view state (atlas.viewstate)."""
