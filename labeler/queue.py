"""The work queue: a stable order of images, each with a status, and instant "next to do".

The order is the scan order (natural path order, new files appended), kept in ``images.seq``.
An index on (status, seq) makes "next to do after here" one B-tree step on any project size.
Images with a problem, duplicates of another image, and missing files are not in the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from labeler.errors import NotFoundError
from labeler.store import Store


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    SKIPPED = "skipped"
    FLAGGED = "flagged"


OPEN = (Status.TODO, Status.IN_PROGRESS)

# Filters the UI and CLI offer; each is a WHERE clause over images.
_QUEUED = "problem IS NULL AND duplicate_of IS NULL AND missing = 0"
FILTERS: dict[str, str] = {
    "all": _QUEUED,
    "todo": f"{_QUEUED} AND status IN ('todo', 'in_progress')",
    "submitted": f"{_QUEUED} AND status = 'submitted'",
    "skipped": f"{_QUEUED} AND status = 'skipped'",
    "flagged": f"{_QUEUED} AND status = 'flagged'",
    "problems": "problem IS NOT NULL AND missing = 0",
}
_COLUMNS = "id, path, seq, width, height, orientation, format, sha256, status, status_note, problem"


@dataclass(frozen=True)
class ImageRecord:
    """One image as the queue knows it. ``width``/``height`` are as displayed."""

    id: int
    path: str
    seq: int
    width: int | None
    height: int | None
    orientation: int
    format: str | None
    sha256: str | None
    status: Status
    status_note: str | None
    problem: str | None


def _record(row: tuple) -> ImageRecord:
    return ImageRecord(*row[:8], Status(row[8]), row[9], row[10])  # type: ignore[arg-type]


class WorkQueue:
    """Navigation over a project's images. Reads only; ``Work`` changes statuses."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _one(self, sql: str, params: tuple = ()) -> ImageRecord | None:
        conn = self.store.reader()
        row = conn.execute(sql, params).fetchone()
        return None if row is None else _record(row)

    def get(self, image_id: int) -> ImageRecord:
        rec = self._one(f"SELECT {_COLUMNS} FROM images WHERE id = ?", (image_id,))
        if rec is None:
            raise NotFoundError(f"image {image_id} is not in this project")
        return rec

    def by_path(self, path: str) -> ImageRecord | None:
        return self._one(f"SELECT {_COLUMNS} FROM images WHERE path = ?", (path,))

    def next_todo(self, after_seq: int = 0) -> ImageRecord | None:
        """The first open image after ``after_seq``, wrapping to the start; None when all done."""
        sql = (
            f"SELECT {_COLUMNS} FROM images INDEXED BY images_queue"
            f" WHERE status = ? AND seq > ? AND {_QUEUED} ORDER BY seq LIMIT 1"
        )
        best: ImageRecord | None = None
        for start in (after_seq, 0):
            for status in OPEN:
                rec = self._one(sql, (str(status), start))
                if rec is not None and (best is None or rec.seq < best.seq):
                    best = rec
            if best is not None:
                return best
        return None

    def next_todos(self, after_seq: int, count: int) -> list[ImageRecord]:
        """The next ``count`` open images after ``after_seq`` in queue order (no wrap): what
        the worker will see next, for decoding or predicting ahead."""
        out: list[ImageRecord] = []
        seq = after_seq
        while len(out) < count:
            rec = self.step(seq, True, "todo")
            if rec is None:
                break
            out.append(rec)
            seq = rec.seq
        return out

    def step(self, seq: int, forward: bool = True, filter: str = "all") -> ImageRecord | None:
        """The neighbour of position ``seq`` within a filter (next/previous image keys)."""
        op, order = (">", "ASC") if forward else ("<", "DESC")
        return self._one(
            f"SELECT {_COLUMNS} FROM images WHERE seq {op} ? AND {FILTERS[filter]}"
            f" ORDER BY seq {order} LIMIT 1",
            (seq,),
        )

    def count(self, filter: str = "all") -> int:
        return int(self.store.scalar(f"SELECT count(*) FROM images WHERE {FILTERS[filter]}"))

    def page(self, filter: str = "all", offset: int = 0, limit: int = 200) -> list[ImageRecord]:
        """A window of the filtered list, for a virtual list view."""
        conn = self.store.reader()
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM images WHERE {FILTERS[filter]} ORDER BY seq LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [_record(r) for r in rows]

    def position(self, image_id: int, filter: str = "all") -> int | None:
        """0-based row of an image within a filter, or None if the filter excludes it."""
        rec = self.get(image_id)
        inside = self.store.scalar(
            f"SELECT 1 FROM images WHERE id = ? AND {FILTERS[filter]}", (image_id,)
        )
        if not inside:
            return None
        return int(
            self.store.scalar(
                f"SELECT count(*) FROM images WHERE seq < ? AND {FILTERS[filter]}", (rec.seq,)
            )
        )

    def counts(self) -> dict[str, int]:
        """Images by status, plus problems, duplicates and missing files."""
        out = {str(s): 0 for s in Status}
        for status, n in self.store.reader().execute(
            f"SELECT status, count(*) FROM images WHERE {_QUEUED} GROUP BY status"
        ):
            out[status] = n
        row = (
            self.store.reader()
            .execute(
                "SELECT"
                " sum(problem IS NOT NULL AND missing = 0),"
                " sum(duplicate_of IS NOT NULL AND problem IS NULL AND missing = 0),"
                " sum(missing), count(*) FROM images"
            )
            .fetchone()
        )
        out["problems"], out["duplicates"], out["missing"], out["files"] = (
            int(v or 0) for v in row
        )
        out["total"] = sum(out[str(s)] for s in Status)
        return out
