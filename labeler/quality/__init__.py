"""Quality control at the centre, with no Qt and no network: the supervisor station's rules.

``geometry`` and ``matching`` compare shapes (IoU, one-to-one matching); ``gold`` scores work
on reference images; ``agreement`` compares two workers on one image; ``sampling`` picks the
reproducible spot-check share; ``records`` are the immutable review, gold-score and agreement
records that travel in bundles; ``collect`` keeps the centre's work a station read from
drives or the server; ``review`` is the station's queue and decisions; ``rework`` and
``tasks`` are what a worker PC receives back; ``reports`` turns recorded facts into per-worker
figures. The app, the CLI, the server and the tests all use these modules.
"""
