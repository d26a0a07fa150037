"""Where things live on a drive. Several PCs and several projects share one drive.

```
<drive>/HITL/
    README.txt                                   what this folder is, for a person
    drive.json                                   {"format": "hitl-usb-drive", "drive_id", ...}
    INDEX.txt, index.json                        per PC: exported, pushed, receipts waiting,
                                                 rejected with reasons, with times
    outgoing/<project_id>/<device_id>/<seq>.hitlb       bundles going to the server
    receipts/<project_id>/<device_id>/<seq>.json        signed receipts coming back
    rejected/<project_id>/<device_id>/<seq>-<sha12>.hitlb   bundles the server refused
    packs/<project_id>/pack.json                        signed project pack (taxonomy updates)
    station/<project_id>/<device_id>/<seq>.json         signed messages from the supervisor's
                                                        station to one PC (rework, tasks)
    station/<project_id>/<device_id>/images/<sha256><ext>   images a message names (gold, overlap)
```

``<seq>`` is written with 8 digits so names sort in order. Names that do not match exactly
(temp files, ``._x`` files other systems leave) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TOP = "HITL"
DRIVE_FILE = "drive.json"
INDEX_JSON = "index.json"
INDEX_TXT = "INDEX.txt"
README_TXT = "README.txt"
OUTGOING = "outgoing"
RECEIPTS = "receipts"
REJECTED = "rejected"
PACKS = "packs"
PACK_FILE = "pack.json"
STATION = "station"
STATION_IMAGES = "images"
BUNDLE_SUFFIX = ".hitlb"

_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
_BUNDLE_NAME = re.compile(r"^(\d{8})\.hitlb$")
_RECEIPT_NAME = re.compile(r"^(\d{8})\.json$")
_STATION_IMAGE = re.compile(r"^([0-9a-f]{64})(\.[a-z0-9]{1,5})?$")


def is_id(text: str) -> bool:
    """A project or device id that is safe as one folder name on any file system."""
    return bool(_ID.match(text)) and ".." not in text


def seq_name(seq: int, suffix: str) -> str:
    return f"{seq:08d}{suffix}"


def bundle_seq(name: str) -> int | None:
    """The sequence number of a finished bundle file name, or None for anything else."""
    m = _BUNDLE_NAME.match(name)
    return int(m.group(1)) if m else None


def station_image_sha(name: str) -> str | None:
    """The SHA-256 an image file on the drive is named by, or None for any other name."""
    m = _STATION_IMAGE.match(name)
    return m.group(1) if m else None


def receipt_seq(name: str) -> int | None:
    m = _RECEIPT_NAME.match(name)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Layout:
    """The paths of one drive's HITL folder."""

    top: Path

    @classmethod
    def of(cls, drive: str | Path) -> Layout:
        """The layout on a drive, given the drive (mount point) or its HITL folder itself."""
        p = Path(drive)
        return cls(p if p.name == TOP else p / TOP)

    @property
    def drive_file(self) -> Path:
        return self.top / DRIVE_FILE

    @property
    def index_json(self) -> Path:
        return self.top / INDEX_JSON

    @property
    def index_txt(self) -> Path:
        return self.top / INDEX_TXT

    @property
    def readme(self) -> Path:
        return self.top / README_TXT

    def outgoing_dir(self, project_id: str, device_id: str) -> Path:
        return self.top / OUTGOING / project_id / device_id

    def bundle(self, project_id: str, device_id: str, seq: int) -> Path:
        return self.outgoing_dir(project_id, device_id) / seq_name(seq, BUNDLE_SUFFIX)

    def receipts_dir(self, project_id: str, device_id: str) -> Path:
        return self.top / RECEIPTS / project_id / device_id

    def receipt(self, project_id: str, device_id: str, seq: int) -> Path:
        return self.receipts_dir(project_id, device_id) / seq_name(seq, ".json")

    def rejected(self, project_id: str, device_id: str, seq: int, sha256: str) -> Path:
        return (
            self.top / REJECTED / project_id / device_id / f"{seq:08d}-{sha256[:12]}{BUNDLE_SUFFIX}"
        )

    def station_dir(self, project_id: str, device_id: str) -> Path:
        return self.top / STATION / project_id / device_id

    def station_message(self, project_id: str, device_id: str, seq: int) -> Path:
        return self.station_dir(project_id, device_id) / seq_name(seq, ".json")

    def station_image(self, project_id: str, device_id: str, sha256: str, suffix: str) -> Path:
        return self.station_dir(project_id, device_id) / STATION_IMAGES / f"{sha256}{suffix}"

    def pack(self, project_id: str) -> Path:
        return self.top / PACKS / project_id / PACK_FILE

    def device_dirs(self, area: str) -> list[tuple[str, str, Path]]:
        """``(project_id, device_id, folder)`` of every device folder under ``area``."""
        out: list[tuple[str, str, Path]] = []
        base = self.top / area
        for pdir in _subdirs(base):
            for ddir in _subdirs(pdir):
                out.append((pdir.name, ddir.name, ddir))
        return out

    def project_ids(self, area: str) -> list[str]:
        return [p.name for p in _subdirs(self.top / area)]


def _subdirs(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and is_id(p.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        from sync.usb.errors import DriveError

        raise DriveError(
            f"{folder}: cannot list ({exc.strerror}); is the drive still plugged in?"
        ) from exc
