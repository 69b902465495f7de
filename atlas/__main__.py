"""`python -m atlas`: the atlas's command line."""

import os
import sys
import threading

from atlas.cli import main

code = main()
if any(t.name == "worker" and t.is_alive() for t in threading.enumerate()):
    # a render given up on (ATLAS_RENDER_TIMEOUT) is still drawing: it ends with the process now, not while the
    # interpreter shuts down under it (which may crash the process with SIGSEGV instead of exiting with the code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
