"""The image index: what images a project's folder holds, their sizes, hashes and problems.

Scanning lists the folder and reads each new or changed file's header (dimensions, EXIF
orientation) without decoding pixels, so 10,000 images index in seconds. Hashing (SHA-256,
the image's identity) reads every byte, so it runs behind, with progress, and is resumable:
it picks up whatever still has no hash. A file that is not a readable image is recorded with
its reason and never stops a scan.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from labeler.image_header import read_header
from labeler.store import Store, now

__all__ = ["BAD_NAME", "IMAGE_SUFFIXES", "ImageIndex", "read_header"]

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"})
HASH_CHUNK = 1 << 20
HASH_COMMIT_S = 0.5  # hashes found are committed at least this often (a crash loses no more)
BAD_NAME = "the file name is not valid text (UTF-8); rename the file, then scan again"

_DIGITS = re.compile(r"(\d+)")

Progress = Callable[[int, int], None]


@dataclass
class ScanReport:
    """What a scan found: counts a person can read."""

    seen: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    problems: int = 0
    errors: list[str] | None = None  # folders that could not be read

    def __str__(self) -> str:
        s = (
            f"{self.seen} images: {self.added} new, {self.changed} changed,"
            f" {self.unchanged} unchanged, {self.missing} missing, {self.problems} problems"
        )
        if self.errors:
            s += f"; {len(self.errors)} folders could not be read"
        return s


def printable_name(rel: str) -> tuple[str, bool]:
    """A folder-relative path as text that can be stored, and whether it was already so.

    On Linux a file name is bytes; one that is not UTF-8 reaches Python with surrogate
    escapes, which no database or export can hold. Such a name is kept with its odd bytes
    written as ``\\xff`` (the file is listed as a problem: rename it)."""
    try:
        rel.encode("utf-8")
        return rel, True
    except UnicodeEncodeError:
        raw = rel.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace"), False


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _walk(root: Path, errors: list[str]) -> Iterator[tuple[str, os.stat_result]]:
    """Files under ``root`` with image suffixes, as (relative posix path, stat); never raises."""
    stack = [(str(root), "")]  # (folder, its path relative to root with a trailing "/")
    while stack:
        folder, rel = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            errors.append(f"{printable_name(folder)[0]}: {exc.strerror or exc}")
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append((e.path, f"{rel}{e.name}/"))
                elif os.path.splitext(e.name)[1].lower() in IMAGE_SUFFIXES:
                    yield rel + e.name, e.stat()
            except OSError as exc:
                errors.append(f"{printable_name(e.path)[0]}: {exc.strerror or exc}")


class ImageIndex:
    """The images of one project: scan, hash, find duplicates, look up."""

    def __init__(self, store: Store, root: str | Path) -> None:
        self.store = store
        self.root = Path(root)

    def abspath(self, rel: str) -> Path:
        return self.root / rel

    # ---------------------------------------------------------------- scanning
    def scan(self, progress: Progress | None = None) -> ScanReport:
        """Bring the index up to date with the folder: new, changed and missing files."""
        report = ScanReport(errors=[])
        if not self.root.is_dir():
            report.errors = [f"{self.root}: image folder not found (is the drive connected?)"]
            return report
        known = {
            r["path"]: r
            for r in self.store.query(
                "SELECT id, path, size, mtime_ns, missing, sha256 FROM images"
            )
        }
        found = sorted(_walk(self.root, report.errors), key=lambda t: _natural_key(t[0]))
        total = len(found)
        new_rows: list[dict] = []
        changed_rows: list[dict] = []
        seen: set[str] = set()
        regroup: set[str] = set()  # hashes whose set of present paths changes
        for i, (rel, st) in enumerate(found):
            key = printable_name(rel)[0]  # what the index holds (a non-UTF-8 name, escaped)
            seen.add(key)
            old = known.get(key)
            if old and old["size"] == st.st_size and old["mtime_ns"] == st.st_mtime_ns:
                report.unchanged += 1
                if old["missing"]:
                    changed_rows.append({"id": old["id"], "missing": 0})
                    regroup.add(old["sha256"])
            else:
                row = self._describe(rel, st)
                if row["problem"]:
                    report.problems += 1
                if old:
                    report.changed += 1
                    regroup.add(old["sha256"])
                    row["id"] = old["id"]
                    row["sha256"] = None
                    row["duplicate_of"] = None
                    changed_rows.append(row)
                else:
                    report.added += 1
                    new_rows.append(row)
            if progress and (i % 500 == 0 or i == total - 1):
                progress(i + 1, total)
        gone = [r for p, r in known.items() if p not in seen and not r["missing"]]
        regroup.update(r["sha256"] for r in gone)
        report.missing = len(gone)
        report.seen = total
        stamp = now()
        with self.store.write() as db:
            next_seq = (self.store.scalar("SELECT max(seq) FROM images") or 0) + 1
            for n, row in enumerate(new_rows):
                row.update(seq=next_seq + n, added_at=stamp)
            if new_rows:
                db["images"].insert_all(new_rows, batch_size=1000)
            for row in changed_rows:
                db["images"].update(row.pop("id"), row)
            if gone:
                db.conn.executemany(
                    "UPDATE images SET missing = 1 WHERE id = ?", [(r["id"],) for r in gone]
                )
            self._regroup(db, regroup)
        return report

    def _describe(self, rel: str, st: os.stat_result) -> dict:
        """The index row of one file; an unreadable one gets its ``problem``, never raises."""
        text, ok = printable_name(rel)
        row: dict = {
            "path": text,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "missing": 0,
            "problem": None,
            "width": None,
            "height": None,
            "orientation": 1,
            "format": None,
        }
        if not ok:
            row["problem"] = BAD_NAME
            return row
        try:
            info = read_header(self.root / rel, st.st_size)
            row.update(
                width=info.width,
                height=info.height,
                orientation=info.orientation,
                format=info.format,
            )
        except ValueError as exc:
            row["problem"] = str(exc)
        except OSError as exc:
            row["problem"] = f"cannot read file ({exc.strerror or exc})"
        return row

    def add_file(self, path: str | Path) -> int | None:
        """Index one file (from the watcher); returns its image id, or None if not an image file."""
        p = Path(path)
        try:
            rel = p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        if p.suffix.lower() not in IMAGE_SUFFIXES or p.name.startswith("."):
            return None
        try:
            st = p.stat()
        except OSError:
            return None
        known = self.store.query(
            "SELECT id, size, mtime_ns, missing, sha256 FROM images WHERE path = ?",
            (printable_name(rel)[0],),
        )
        if known and (known[0]["size"], known[0]["mtime_ns"]) == (st.st_size, st.st_mtime_ns):
            if known[0]["missing"]:  # back again, unchanged: keep its hash and work
                with self.store.write() as db:
                    db.execute("UPDATE images SET missing = 0 WHERE id = ?", (known[0]["id"],))
                    self._regroup(db, [known[0]["sha256"]])
            return int(known[0]["id"])
        row = self._describe(rel, st)
        with self.store.write() as db:
            if known:
                row.update(sha256=None, duplicate_of=None)
                db["images"].update(known[0]["id"], row)
                self._regroup(db, [known[0]["sha256"]])
                return int(known[0]["id"])
            row.update(
                seq=(self.store.scalar("SELECT max(seq) FROM images") or 0) + 1, added_at=now()
            )
            return int(db["images"].insert(row).last_pk)

    def mark_missing(self, path: str | Path) -> list[str]:
        """Mark a deleted file (or every file under a deleted folder) missing; returns the
        folder-relative paths marked. Work done on them is kept: it is tied to the hash."""
        p = Path(path)
        try:
            rel = printable_name(p.resolve().relative_to(self.root.resolve()).as_posix())[0]
        except ValueError:
            return []
        with self.store.write() as db:
            rows = db.execute(
                "SELECT id, path, sha256 FROM images WHERE missing = 0"
                " AND (path = ? OR substr(path, 1, ?) = ?)",
                (rel, len(rel) + 1, rel + "/"),
            ).fetchall()
            if rows:
                db.conn.executemany(
                    "UPDATE images SET missing = 1 WHERE id = ?", [(r[0],) for r in rows]
                )
                self._regroup(db, [r[2] for r in rows])
        return [r[1] for r in rows]

    # ---------------------------------------------------------------- hashing
    def unhashed_count(self) -> int:
        return int(
            self.store.scalar("SELECT count(*) FROM images WHERE sha256 IS NULL AND missing = 0")
        )

    def hash_pending(
        self, progress: Progress | None = None, stop: threading.Event | None = None
    ) -> int:
        """Hash every image that has no hash yet; mark duplicates. Safe to run in a thread."""
        rows = self.store.query(
            "SELECT id, path FROM images WHERE sha256 IS NULL AND missing = 0 ORDER BY seq"
        )
        done = 0
        batch: list[tuple[str, int]] = []
        saved_at = time.monotonic()
        for row in rows:
            if stop is not None and stop.is_set():
                break
            try:
                digest = sha256_file(self.root / row["path"])
            except OSError:
                continue  # vanished or unreadable: the next scan records it
            batch.append((digest, row["id"]))
            done += 1
            # each commit costs an fsync: commit by size or time, not per few files
            if len(batch) >= 2000 or time.monotonic() - saved_at >= HASH_COMMIT_S:
                self._store_hashes(batch)
                batch = []
                saved_at = time.monotonic()
            if progress:
                progress(done, len(rows))
        if batch:
            self._store_hashes(batch)
        return done

    def _store_hashes(self, batch: list[tuple[str, int]]) -> None:
        with self.store.write() as db:
            db.conn.executemany("UPDATE images SET sha256 = ? WHERE id = ?", batch)
            self._regroup(db, [digest for digest, _ in batch])

    def _regroup(self, db, hashes: Iterable[str | None]) -> None:  # type: ignore[no-untyped-def]
        """Re-decide duplicates for these hashes: of the paths present, the first in queue order
        is labeled and the others point to it (so a renamed or moved file, or a copy whose
        original was deleted, stays in the queue). An image whose bytes were already submitted
        counts as submitted: moving a folder does not undo its work."""
        unique = sorted({h for h in hashes if h})
        for at in range(0, len(unique), 500):
            chunk = unique[at : at + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(
                f"""
                UPDATE images SET duplicate_of = CASE WHEN missing THEN NULL ELSE (
                    SELECT o.id FROM images o
                    WHERE o.sha256 = images.sha256 AND o.missing = 0 AND o.seq < images.seq
                    ORDER BY o.seq LIMIT 1) END
                WHERE sha256 IN ({marks})
                """,
                chunk,
            )
            db.execute(
                f"UPDATE images SET status = 'submitted' WHERE sha256 IN ({marks})"
                " AND status = 'todo' AND EXISTS"
                " (SELECT 1 FROM submissions s WHERE s.image_sha256 = images.sha256)",
                chunk,
            )

    def ensure_hash(self, image_id: int) -> str:
        """The image's hash, computed now if the background hasher has not reached it."""
        row = self.store.query("SELECT path, sha256 FROM images WHERE id = ?", (image_id,))
        if not row:
            raise KeyError(image_id)
        if row[0]["sha256"]:
            return row[0]["sha256"]
        digest = sha256_file(self.root / row[0]["path"])
        self._store_hashes([(digest, image_id)])
        return digest

    # ---------------------------------------------------------------- look-ups
    def problems(self) -> list[dict]:
        return self.store.query(
            "SELECT id, path, problem FROM images WHERE problem IS NOT NULL AND missing = 0"
            " ORDER BY seq"
        )

    def duplicates(self) -> list[dict]:
        return self.store.query(
            "SELECT d.path AS path, o.path AS same_as FROM images d"
            " JOIN images o ON o.id = d.duplicate_of ORDER BY d.seq"
        )


def _natural_key(path: str) -> list:
    """img2.jpg before img10.jpg, as a person orders files."""
    return [int(t) if t.isdigit() else t.lower() for t in _DIGITS.split(path)]
