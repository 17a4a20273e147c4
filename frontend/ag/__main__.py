"""python3 -m ag: ag's command line (dump-ir, bench, cache, doctor); see ag._cli."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
