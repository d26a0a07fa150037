"""Sync by USB drive: a supervisor carries bundles out of offline PCs and receipts back.

``layout`` names the files on the drive, ``files`` writes them atomically, ``drive`` opens a
drive and keeps its index, ``export``/``receive`` run on a worker PC, ``push`` on a connected
machine, ``detect`` notices drives that carry the HITL folder. Nothing here imports Qt.
"""
