"""Score find_time_expressions on MEANTIME; the scorer lives in newsledger.evaluation.timeml.

Usage: python benchmarks/timex_meantime.py [path-to-meantime] [--errors]
"""

from __future__ import annotations

import sys

from newsledger.evaluation.timeml import main

if __name__ == "__main__":
    sys.exit(main())
