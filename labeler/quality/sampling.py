"""The spot-check sample: a share of each worker's submissions per day, random but
reproducible.

Each submission gets a number in [0, 1) from SHA-256 of the station's seed and the
submission's uuid; it is in the sample when that number is below the share. The same seed
and share always pick the same submissions (on any PC, in any order of arrival), a pick never
changes as more work arrives, and a worker cannot predict it. So that every worker is checked
every day she worked, the submission with the smallest number of each worker's day is always
in the sample.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import NamedTuple

DEFAULT_SHARE = 0.10


def drawer(seed: str) -> Callable[[str], float]:
    """``draw`` with the seed hashed once (a big centre draws 100,000 numbers at a time)."""
    prefix = hashlib.sha256(f"{seed}\x00".encode())

    def one(key: str) -> float:
        h = prefix.copy()
        h.update(key.encode())
        return int.from_bytes(h.digest()[:8], "big") / 2**64

    return one


def draw(seed: str, key: str) -> float:
    """A reproducible number in [0, 1) for ``key`` under ``seed``: SHA-256 of seed, NUL, key."""
    return drawer(seed)(key)


class Candidate(NamedTuple):
    uuid: str
    worker: str
    day: str  # YYYY-MM-DD of submitted_at


def spot_checks(candidates: Iterable[Candidate], share: float, seed: str) -> set[str]:
    """The uuids in the sample (see the module docstring)."""
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"the spot-check share must be between 0 and 1, not {share}")
    number = drawer(seed)
    picked: set[str] = set()
    lowest: dict[tuple[str, str], tuple[float, str]] = {}
    for uuid, worker, day in candidates:
        value = number(uuid)
        if value < share:
            picked.add(uuid)
        key = (worker, day)
        if share > 0 and (key not in lowest or value < lowest[key][0]):
            lowest[key] = (value, uuid)
    picked.update(uuid for _v, uuid in lowest.values())
    return picked
