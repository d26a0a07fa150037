"""The supervisor's review queue: which revisions wait for her, and why.

One pass over the station's collected work picks the spot-check sample, everything flagged
or proposed, overlap disagreements and failed gold images (``Station.queue``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from labeler.errors import NotFoundError
from labeler.quality.flags import flags_of, open_flags
from labeler.quality.sampling import Candidate, spot_checks

if TYPE_CHECKING:
    from labeler.quality.collect import CollectedSubmission
    from labeler.quality.records import GoldAnswer
    from labeler.quality.station import Station


class QueueItem:
    """One revision waiting for the supervisor, and why it is there. What the list shows is
    read with the queue; the work itself (shapes), and the proposals, the second opinion or
    the gold answer beside it, are read when first asked for: a big centre's queue holds
    thousands of items and the supervisor looks at one at a time."""

    def __init__(
        self,
        station: Station,
        row: dict[str, Any],
        origin: str,
        other: str | None,
        *,
        flag_only: bool = False,
    ):
        self._station = station
        self.flag_only = flag_only  # a flagged image with no work yet: ``uuid`` is the flag's
        self.uuid: str = row["uuid"]
        self.worker: str = row["worker"]
        self.image_sha256: str = row["image_sha256"]
        self.image_path: str = row["image_path"]
        self.origin = origin
        self._other_uuid = other

    @cached_property
    def flags(self) -> list[dict[str, Any]]:
        """The workers' flags on this image, with their notes (``flags.flags_of``)."""
        if self.origin != "flagged":
            return []
        return flags_of(self._station.store, self.image_sha256)

    @cached_property
    def work(self) -> CollectedSubmission:
        if self.flag_only:
            raise NotFoundError(f"{self.image_path}: flagged, not labeled yet")
        found = self._station.collected.submission(self.uuid)
        if found is None:  # collected rows are never deleted
            raise NotFoundError(f"no collected work {self.uuid}")
        return found

    @cached_property
    def proposals(self) -> list[dict[str, Any]]:
        if self.origin != "proposed":
            return []
        return self._station.store.query(
            "SELECT uuid, name, reason, worker, created_at FROM collected_proposals"
            " WHERE image_sha256 = ? ORDER BY created_at",
            (self.image_sha256,),
        )

    @cached_property
    def other(self) -> CollectedSubmission | None:
        """The second worker's work on this image (overlap)."""
        return self._station.collected.submission(self._other_uuid) if self._other_uuid else None

    @cached_property
    def gold(self) -> GoldAnswer | None:
        return self._station.gold_answer(self.image_sha256) if self.origin == "gold" else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QueueItem) and (self.uuid, self.origin) == (
            other.uuid,
            other.origin,
        )

    def __hash__(self) -> int:
        return hash((self.uuid, self.origin))

    def __repr__(self) -> str:
        return f"QueueItem({self.uuid!r}, {self.origin!r}, worker={self.worker!r})"


_ORIGIN_ORDER = {"proposed": 0, "flagged": 1, "overlap": 2, "gold": 3, "spot": 4}


def build_queue(station: Station, reviewer: str, *, limit: int | None = None) -> list[QueueItem]:
    """What waits for ``reviewer``: the spot-check sample, everything flagged or proposed,
    overlap disagreements and failed gold images; never her own work, never a revision
    that was reviewed or superseded since. Ordered proposed, overlap, gold, spot; then by
    time."""
    settings = station.settings
    gold = station.gold_shas()
    # one pass over the collected work (a big centre: 100,000 rows, read as tuples). The
    # sample is drawn over all of each worker's day, reviewed or not, so reviewing it
    # never pulls the next-lowest submission of that day in; ``open``: not reviewed, not
    # superseded since.
    everyone = (
        station.store.reader()
        .execute(
            "SELECT c.uuid, c.worker, c.image_sha256, c.image_path, c.submitted_at,"
            " NOT EXISTS (SELECT 1 FROM reviews r WHERE r.submission_uuid = c.uuid)"
            " AND NOT EXISTS (SELECT 1 FROM collected n WHERE n.supersedes = c.uuid)"
            " AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.supersedes = c.uuid)"
            " FROM collected c WHERE c.worker != ?",
            (reviewer,),
        )
        .fetchall()
    )
    candidates = (Candidate(r[0], r[1], r[4][:10]) for r in everyone if r[2] not in gold)
    sample = spot_checks(candidates, settings.spot_share, settings.seed)
    proposed = {
        r["image_sha256"]
        for r in station.store.query("SELECT DISTINCT image_sha256 FROM collected_proposals")
    }
    disagree = {
        r["submission_a"]: r["submission_b"]
        for r in station.store.query(
            "SELECT submission_a, submission_b FROM agreements WHERE agree = 0"
        )
    }
    disagree.update({b: a for a, b in list(disagree.items())})
    failed = {
        r["submission_uuid"]
        for r in station.store.query("SELECT submission_uuid FROM gold_scores WHERE passed = 0")
    }
    flagged: dict[str, dict[str, Any]] = {}
    for f in open_flags(station.store, reviewer):
        flagged.setdefault(f["image_sha256"], f)
    chosen: list[tuple[int, str, tuple]] = []
    for r in everyone:
        if not r[5]:
            continue
        if r[2] in proposed:
            origin = "proposed"
        elif r[2] in flagged:
            origin = "flagged"
        elif r[0] in disagree:
            origin = "overlap"
        elif r[0] in failed:
            origin = "gold"
        elif r[0] in sample:
            origin = "spot"
        else:
            continue
        chosen.append((_ORIGIN_ORDER[origin], origin, r))
    with_work = {c[2][2] for c in chosen}
    for sha, f in flagged.items():  # flagged, with no open work on the image: the flag alone
        if sha not in with_work:
            row = (f["uuid"], f["worker"], sha, f["image_path"], f["flagged_at"], True)
            chosen.append((_ORIGIN_ORDER["flagged"], "flagged", row))
    del everyone
    chosen.sort(key=lambda c: (c[0], c[2][4], c[2][0]))
    if limit is not None:
        chosen = chosen[:limit]
    keys = ("uuid", "worker", "image_sha256", "image_path", "submitted_at")
    flag_uuids = {f["uuid"] for f in flagged.values()}
    return [
        QueueItem(
            station,
            dict(zip(keys, r[:5], strict=True)),
            origin,
            disagree.get(r[0]),
            flag_only=r[0] in flag_uuids,
        )
        for _o, origin, r in chosen
    ]
