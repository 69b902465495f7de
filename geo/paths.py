"""Where the atlas finds its data files."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
FACTS_PATH = DATA_DIR / "facts.yaml"
GPKG_PATH = DATA_DIR / "atlas.gpkg"
