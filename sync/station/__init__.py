"""The supervisor station's side of the wire (``sync/PROTOCOL.md``, "Supervisor station").

``keys`` holds the station's Ed25519 signing key; ``roster`` reads which stations may review
from the signed project pack (or the owner's grant) on every PC; ``collect`` reads the centre's
bundles from a drive or the server into the station; ``messages`` signs what goes back to a
PC (rework, gold and overlap images) and, on the PC, verifies and applies it; ``drive_view``
says in plain words what a drive carries. The rules themselves live in ``labeler.quality``.
"""
