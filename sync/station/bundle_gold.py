"""A station's own gold answers leave it sealed (PROTOCOL.md, "Quality records in bundles").

Gold a station imports at the centre (``labeler station gold``) travels to the server in the
station's bundles, and those sit on the USB drive that goes round the workers' PCs. So the
outbox never packs them in the clear: each answer goes out as a ``gold_sealed`` record, sealed
under the project's gold key (``sync.gold_seal.seal_record``) that the station holds from its
enrollment file or a network sync. A station without that key keeps its gold answers back
(they wait, counted and said, until it has the key) rather than send them readable.
"""

from __future__ import annotations

from typing import Any

from sync.gold_seal import decode_key, seal_record
from sync.station.keys import load_gold_key


def gold_key_of(device_id: str) -> bytes | None:
    """The gold key this station holds, or None (none kept, or the file is damaged)."""
    text = load_gold_key(device_id)
    try:
        return decode_key(text) if text else None
    except ValueError:
        return None


def sealed(key: bytes, project_id: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bundle's ``gold_sealed`` records for gold answers (``GoldAnswer.to_dict()``)."""
    return [seal_record(key, project_id, r) for r in records]


def waiting_words(n: int) -> str:
    """What a station without the gold key says of the gold answers it keeps back."""
    return (
        f"{n} gold answers wait on this station: it holds no gold key yet, and they never"
        " leave it readable; sync it with the server once (or enroll it again with a new"
        " enrollment file), then they go out sealed"
    )
