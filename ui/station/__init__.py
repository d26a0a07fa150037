"""The supervisor station: its own top-level window (never a dock beside a worker's canvas).

``window`` assembles the pages: ``review_page`` (the keyboard review loop on the canvas),
``pcs_page`` (the centre's PCs and workers), ``drive_page`` (the USB drive and sync in plain
words) and ``reports_page`` (per-worker figures, chart, CSV, printable page). The rules are in
``labeler.quality``; the wire in ``sync.station``.
"""
