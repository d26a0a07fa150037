"""A zip file written entry by entry, in memory that does not grow with the number of entries.

Python's ``zipfile`` keeps a ``ZipInfo`` for every entry until it closes (about 0.5 KB each:
half a gigabyte for the million label files of a large YOLO export). Here each entry's
central directory record is written to a temporary file as soon as the entry is done and
copied to the end of the archive on ``close``. Zip64 records are added only where the
numbers need them (more than 65,535 entries, an archive past 4 GiB), as APPNOTE 6.3 says,
so small archives stay plain zip for old readers. Names are UTF-8 (flag bit 11).
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import zlib
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_ZIP64_END = struct.Struct("<IQHHIIQQQQ")
_ZIP64_LOCATOR = struct.Struct("<IIQI")
_END = struct.Struct("<IHHHHIIH")
_UTF8 = 0x0800
_STORED, _DEFLATED = 0, 8
_MAX32, _MAX16 = 0xFFFFFFFF, 0xFFFF
_MADE_BY = (3 << 8) | 45  # Unix, zip 4.5 (zip64)
_FILE_MODE = 0o100644 << 16
_FOLDER_MODE = (0o40755 << 16) | 0x10  # Unix mode, and MS-DOS's directory bit
COPY_CHUNK = 1024 * 1024


def _dos_time(when: datetime) -> tuple[int, int]:
    date = ((max(when.year, 1980) - 1980) << 9) | (when.month << 5) | when.day
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    return time, date


class ZipWriter:
    """Entries appended to a seekable binary file ``out``; ``close`` writes the directory."""

    def __init__(self, out: BinaryIO, when: datetime | None = None) -> None:
        self._out = out
        self._pos = out.tell()
        self._time, self._date = _dos_time(when or datetime.now())
        self._directory = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._entries = 0
        self._closed = False

    def write(self, name: str, data: bytes, *, compress: bool = True) -> None:
        """One entry whose bytes are in hand (a label file): written in one go, no seeks."""
        crc = zlib.crc32(data)
        body = data
        method = _STORED
        if compress and len(data) > 64:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = packer.compress(data) + packer.flush()
            if len(packed) < len(data):
                body, method = packed, _DEFLATED
        self._entry(name, method, crc, len(body), len(data), body)

    def folder(self, name: str) -> None:
        """A folder entry (``name/``), so an empty folder is there when unpacked."""
        self._entry(name.rstrip("/") + "/", _STORED, 0, 0, 0, b"", _FOLDER_MODE)

    def write_file(self, name: str, source: Path, *, compress: bool = False) -> None:
        """One entry copied from the file ``source`` (stored: images do not compress)."""
        with open(source, "rb") as f:
            self.write_stream(name, f, compress=compress)

    def write_stream(self, name: str, source: BinaryIO, *, compress: bool = False) -> None:
        """One entry copied from ``source`` in chunks: the header is written first with
        zeros and filled in once the size and checksum are known (``out`` is seekable)."""
        start = self._pos
        encoded = name.encode("utf-8")
        method = _DEFLATED if compress else _STORED
        self._out.write(self._local(encoded, method, 0, 0, 0))
        crc = size = written = 0
        packer = zlib.compressobj(6, zlib.DEFLATED, -15) if compress else None
        while chunk := source.read(COPY_CHUNK):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            body = packer.compress(chunk) if packer else chunk
            self._out.write(body)
            written += len(body)
        if packer:
            tail = packer.flush()
            self._out.write(tail)
            written += len(tail)
        if size > _MAX32 or written > _MAX32:
            raise ValueError(f"{name}: an entry of 4 GiB or more is not supported here")
        end = self._out.tell()
        self._out.seek(start)
        self._out.write(self._local(encoded, method, crc, written, size))
        self._out.seek(end)
        self._record(encoded, method, crc, written, size, start)
        self._pos = end

    def _local(self, encoded: bytes, method: int, crc: int, csize: int, usize: int) -> bytes:
        header = _LOCAL.pack(
            0x04034B50,
            20,
            _UTF8,
            method,
            self._time,
            self._date,
            crc,
            csize,
            usize,
            len(encoded),
            0,
        )
        return header + encoded

    def _entry(
        self,
        name: str,
        method: int,
        crc: int,
        csize: int,
        usize: int,
        body: bytes,
        mode: int = _FILE_MODE,
    ) -> None:
        encoded = name.encode("utf-8")
        local = self._local(encoded, method, crc, csize, usize)
        self._out.write(local)
        self._out.write(body)
        self._record(encoded, method, crc, csize, usize, self._pos, mode)
        self._pos += len(local) + len(body)

    def _record(
        self,
        encoded: bytes,
        method: int,
        crc: int,
        csize: int,
        usize: int,
        offset: int,
        mode: int = _FILE_MODE,
    ) -> None:
        """The central directory record of the entry at ``offset``, into the spill file."""
        extra = b""
        if offset >= _MAX32:
            extra = struct.pack("<HHQ", 0x0001, 8, offset)
        self._directory.write(
            _CENTRAL.pack(
                0x02014B50,
                _MADE_BY,
                45 if extra else 20,
                _UTF8,
                method,
                self._time,
                self._date,
                crc,
                csize,
                usize,
                len(encoded),
                len(extra),
                0,
                0,
                0,
                mode,
                min(offset, _MAX32),
            )
            + encoded
            + extra
        )
        self._entries += 1

    def close(self) -> None:
        """Copy the central directory after the entries and end the archive."""
        if self._closed:
            return
        self._closed = True
        start = self._pos
        size = self._directory.tell()
        self._directory.seek(0)
        shutil.copyfileobj(self._directory, self._out, COPY_CHUNK)
        self._directory.close()
        n = self._entries
        if n >= _MAX16 or start >= _MAX32 or size >= _MAX32:
            end64 = start + size
            self._out.write(
                _ZIP64_END.pack(
                    0x06064B50, _ZIP64_END.size - 12, _MADE_BY, 45, 0, 0, n, n, size, start
                )
            )
            self._out.write(_ZIP64_LOCATOR.pack(0x07064B50, 0, end64, 1))
        self._out.write(
            _END.pack(
                0x06054B50,
                0,
                0,
                min(n, _MAX16),
                min(n, _MAX16),
                min(size, _MAX32),
                min(start, _MAX32),
                0,
            )
        )
        self._out.flush()

    def abandon(self) -> None:
        """Drop the spill file without ending the archive (the export failed)."""
        self._closed = True
        self._directory.close()
