"""An open drive: its HITL folder, the files in transit on it, and its index.

Every write goes through ``sync.usb.files`` (atomic). A bundle file on the drive is never
overwritten by a different one: the same name with the same bytes is "already there", a
different file under the same name is a conflict the caller reports.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labeler.store import now
from sync.usb import files
from sync.usb.errors import DriveError
from sync.usb.index import (
    DeviceStatus,
    device_statuses,
    empty_index,
    parse_index,
    render_text,
)
from sync.usb.layout import (
    OUTGOING,
    PACKS,
    RECEIPTS,
    REJECTED,
    STATION,
    TOP,
    Layout,
    bundle_seq,
    is_id,
    receipt_seq,
)

DRIVE_FORMAT = "hitl-usb-drive"
MAX_RECEIPT_BYTES = 16 * 1024 * 1024
MAX_PACK_BYTES = 16 * 1024 * 1024

README = """\
This folder carries labeling work between offline PCs and the HITL server.
Made by HITL Labeler. Do not rename, edit or delete files here by hand:
a half-copied or changed file is refused, and work is only marked delivered
from a receipt the server signed. Read INDEX.txt to see each PC's state.

  outgoing/  bundles of finished work, one folder per project and PC
  receipts/  the server's signed receipts, waiting for their PC
  rejected/  bundles the server refused (the reason is in INDEX.txt)
  packs/     project packs (taxonomy updates) for the PCs
"""


@dataclass(frozen=True)
class DriveFile:
    """A finished file in transit on the drive."""

    project_id: str
    device_id: str
    seq: int
    path: Path

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class Drive:
    """The HITL folder of one drive. ``Drive.open(path)`` needs it to exist;
    ``Drive.open(path, create=True)`` makes it on a fresh drive."""

    def __init__(self, layout: Layout, drive_id: str) -> None:
        self.layout = layout
        self.drive_id = drive_id

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False) -> Drive:
        """``read_only`` never writes (to show a drive's state before anyone clicks)."""
        p = Path(path)
        if not p.exists():
            raise DriveError(f"{p}: no drive or folder here; is the drive plugged in?")
        if not p.is_dir():
            raise DriveError(f"{p}: not a folder; give the drive's folder (its mount point)")
        layout = Layout.of(p)
        if not layout.top.is_dir():
            if not create:
                raise DriveError(
                    f"{p}: this drive has no {TOP} folder; export from a worker PC first"
                    " (`labeler usb export`), which creates it"
                )
            files.ensure_dir(layout.top)
        drive_id = _read_drive_id(layout)
        if read_only:
            return cls(layout, drive_id or "?")
        if drive_id is None:  # a fresh folder, or its id file damaged: (re)make the id
            drive_id = secrets.token_hex(8)
            body = {"format": DRIVE_FORMAT, "version": 1, "drive_id": drive_id, "created_at": now()}
            files.write_atomic(layout.drive_file, json.dumps(body, indent=1).encode())
        if not layout.readme.exists():
            files.write_atomic(layout.readme, README.replace("\n", "\r\n").encode())
        return cls(layout, drive_id)

    @property
    def top(self) -> Path:
        return self.layout.top

    # ---------------------------------------------------------------- files in transit
    def bundles(
        self, project_id: str | None = None, device_id: str | None = None
    ) -> list[DriveFile]:
        """Finished bundle files waiting in ``outgoing/`` (temp and stray names ignored)."""
        return self._files(OUTGOING, bundle_seq, project_id, device_id)

    def receipts(
        self, project_id: str | None = None, device_id: str | None = None
    ) -> list[DriveFile]:
        return self._files(RECEIPTS, receipt_seq, project_id, device_id)

    def _files(
        self,
        area: str,
        parse: Callable[[str], int | None],
        project_id: str | None,
        device_id: str | None,
    ) -> list[DriveFile]:
        out: list[DriveFile] = []
        for pid, did, folder in self.layout.device_dirs(area):
            if (project_id and pid != project_id) or (device_id and did != device_id):
                continue
            try:
                names = sorted(folder.iterdir())
            except OSError as exc:
                raise DriveError(
                    f"{folder}: cannot list ({exc.strerror}); is the drive plugged in?"
                ) from exc
            for f in names:
                seq = parse(f.name)
                if seq is not None and f.is_file():
                    out.append(DriveFile(pid, did, seq, f))
        return sorted(out, key=lambda d: (d.project_id, d.device_id, d.seq))

    def put_bundle(self, project_id: str, device_id: str, seq: int, data: bytes) -> str:
        """Write a bundle into ``outgoing/``. Returns ``"written"``, ``"present"`` (the same
        bytes are already there) or ``"conflict"`` (a different file has that name; left
        untouched)."""
        _check_ids(project_id, device_id)
        path = self.layout.bundle(project_id, device_id, seq)
        if path.exists():
            same = sha256_file(path) == hashlib.sha256(data).hexdigest()
            return "present" if same else "conflict"
        files.write_atomic(path, data)
        return "written"

    def read(self, path: Path, limit: int) -> bytes:
        """A file's bytes, refusing anything larger than ``limit``."""
        try:
            size = path.stat().st_size
            if size > limit:
                raise DriveError(f"{path}: {size} bytes, more than the {limit} allowed")
            return path.read_bytes()
        except OSError as exc:
            raise DriveError(
                f"{path}: cannot read ({exc.strerror}); is the drive plugged in?"
            ) from exc

    def put_receipt(
        self, project_id: str, device_id: str, seq: int, receipt: dict[str, Any]
    ) -> None:
        _check_ids(project_id, device_id)
        data = json.dumps(receipt, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = self.layout.receipt(project_id, device_id, seq)
        if path.exists() and path.read_bytes() == data:
            return
        files.write_atomic(path, data)

    def read_json(self, path: Path, limit: int) -> Any:
        """A JSON file's value, or None when it is unreadable (a damaged copy is skipped)."""
        try:
            return json.loads(self.read(path, limit).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def put_pack(self, project_id: str, signed_pack: dict[str, Any]) -> bool:
        """Store the signed project pack for the PCs; False when the same one was there."""
        if not is_id(project_id):
            raise DriveError(f"project id {project_id!r} cannot be a folder name on a drive")
        data = json.dumps(signed_pack, ensure_ascii=False, indent=1).encode("utf-8")
        path = self.layout.pack(project_id)
        if path.exists() and path.read_bytes() == data:
            return False
        files.write_atomic(path, data)
        return True

    def station_messages(
        self, project_id: str | None = None, device_id: str | None = None
    ) -> list[DriveFile]:
        """Signed messages from the supervisor's station waiting for their PC."""
        return self._files(STATION, receipt_seq, project_id, device_id)

    def put_station_message(
        self, project_id: str, device_id: str, seq: int, document: dict[str, Any]
    ) -> Path:
        _check_ids(project_id, device_id)
        path = self.layout.station_message(project_id, device_id, seq)
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        files.write_atomic(path, data)
        return path

    def put_station_image(
        self, project_id: str, device_id: str, sha256: str, suffix: str, source: Path
    ) -> Path:
        """Copy an image for a PC (named by its SHA-256; one already there is kept)."""
        _check_ids(project_id, device_id)
        path = self.layout.station_image(project_id, device_id, sha256, suffix)
        if not path.exists() or sha256_file(path) != sha256:
            files.write_atomic(path, source.read_bytes())
        return path

    def pack(self, project_id: str) -> Any:
        path = self.layout.pack(project_id)
        return self.read_json(path, MAX_PACK_BYTES) if path.is_file() else None

    def sweep_temp(self) -> int:
        """Remove temp files a pulled drive or a killed program left behind (they were never
        taken as whole files); returns how many. Only one program writes a drive at a time."""
        n = 0
        for area in (OUTGOING, RECEIPTS, REJECTED, PACKS, STATION):
            for folder in [
                self.top / area,
                *(p for p in (self.top / area).rglob("*") if p.is_dir()),
            ]:
                n += _sweep(folder)
        return n + _sweep(self.top)

    # ---------------------------------------------------------------- index
    def index(self) -> dict[str, Any]:
        try:
            data = self.layout.index_json.read_bytes()
        except FileNotFoundError:
            return empty_index(self.drive_id)
        except OSError as exc:
            raise DriveError(f"{self.layout.index_json}: cannot read ({exc.strerror})") from exc
        return parse_index(data, self.drive_id)

    def update_index(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` to the index and write index.json and INDEX.txt (atomically)."""
        index = self.index()
        change(index)
        stamp = now()
        index["updated_at"] = stamp
        files.write_atomic(
            self.layout.index_json, json.dumps(index, ensure_ascii=False, indent=1).encode("utf-8")
        )
        text = render_text(index, self._statuses(index), stamp)
        files.write_atomic(self.layout.index_txt, text.encode("utf-8"))
        return index

    def statuses(self) -> list[DeviceStatus]:
        """Every PC's state on this drive: index history plus the files in transit now."""
        return self._statuses(self.index())

    def _statuses(self, index: dict[str, Any]) -> list[DeviceStatus]:
        on_drive: dict[tuple[str, str], list[int]] = {}
        for b in self.bundles():
            on_drive.setdefault((b.project_id, b.device_id), []).append(b.seq)
        receipts: dict[tuple[str, str], list[int]] = {}
        for r in self.receipts():
            receipts.setdefault((r.project_id, r.device_id), []).append(r.seq)
        statuses = device_statuses(index, on_drive, receipts)
        names: dict[str, str] = {}
        for st in statuses:  # the server's name of the project (its pack), when one is here
            if st.project_id not in names:
                names[st.project_id] = self._pack_name(st.project_id) or st.project_name
            st.project_name = names[st.project_id]
        return statuses

    def _pack_name(self, project_id: str) -> str:
        try:
            doc = self.pack(project_id)
        except DriveError:
            return ""
        pack = doc.get("pack") if isinstance(doc, dict) else None
        name = pack.get("name") if isinstance(pack, dict) else None
        return name if isinstance(name, str) else ""


def _sweep(folder: Path) -> int:
    n = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for p in entries:
        if p.name.startswith(".") and p.name.endswith(files.TEMP_SUFFIX) and p.is_file():
            files.remove(p)
            n += 1
    return n


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_ids(project_id: str, device_id: str) -> None:
    for what, value in (("project", project_id), ("device", device_id)):
        if not is_id(value):
            raise DriveError(f"{what} id {value!r} cannot be a folder name on a drive")


def _read_drive_id(layout: Layout) -> str | None:
    try:
        obj = json.loads(layout.drive_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if (
        isinstance(obj, dict)
        and obj.get("format") == DRIVE_FORMAT
        and is_id(str(obj.get("drive_id", "")))
    ):
        return str(obj["drive_id"])
    return None
