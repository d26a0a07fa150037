"""``python -m sync.server.export_worker JOB``: run one export job (``export_jobs.py``)."""

from __future__ import annotations

import sys

from sync.server.export_jobs import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
