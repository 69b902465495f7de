"""`python -m atlas`: the atlas's command line."""

import sys

from atlas.cli import main

sys.exit(main())
