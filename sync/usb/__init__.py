"""Sync by USB drive: a supervisor carries bundles out of offline PCs and receipts back.

``layout`` names the files on the drive, ``files`` writes them atomically, ``drive`` opens a
drive and keeps its ``index`` (INDEX.txt for a person); ``export``/``receive`` run on a
worker PC (``pcstate`` is its view of what was carried), ``push`` on a connected machine
with ``relay`` credentials; ``detect`` notices drives that carry the HITL folder. The file
contract is in ``sync/PROTOCOL.md`` ("USB drive"). Nothing here imports Qt.
"""
