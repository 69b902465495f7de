"""`python -m geo`: the atlas's command line."""

import sys

from geo.cli import main

sys.exit(main())
