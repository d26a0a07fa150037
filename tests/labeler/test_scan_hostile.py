"""Scans never abort on one file: a decompression-bomb image, an image too wide for any
record, a file or folder name that is not UTF-8. Each is listed as a problem with its reason
(or indexed), and every other file of the folder is indexed, by `labeler init` and `scan`."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from labeler.cli import main
from labeler.images import BAD_NAME, read_header
from labeler.project import Project
from tests.conftest import TAXONOMY_TEXT, make_images


def png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG that declares ``width`` x ``height`` (a few hundred bytes on disk: its pixels
    would expand to gigabytes, which is the attack)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def hostile_folder(folder: Path) -> None:
    make_images(folder, 4)
    png_header_only(folder / "bomb.png", 30000, 30000)  # past Pillow's hard limit: an error
    png_header_only(folder / "big.png", 10000, 10000)  # past its warning: still too large
    png_header_only(folder / "strip.png", 200_000, 8)  # few pixels, but no record may be so wide
    good = (folder / "img_00000.jpg").read_bytes()
    raw = os.fsencode(folder) + b"/caf\xe9.jpg"  # Latin-1 bytes from an old Windows copy
    with open(raw, "wb") as f:
        f.write(good)
    os.mkdir(os.fsencode(folder) + b"/d\xe9p\xf4t")
    with open(os.fsencode(folder) + b"/d\xe9p\xf4t/inside.jpg", "wb") as f:
        f.write(good)


def test_read_header_names_the_size_of_a_bomb(tmp_path: Path) -> None:
    png_header_only(tmp_path / "bomb.png", 30000, 30000)
    try:
        read_header(tmp_path / "bomb.png")
    except ValueError as exc:
        assert str(exc) == "too large to open safely: 30000x30000"
    else:
        raise AssertionError("a bomb was read as an image")


def test_init_and_scan_list_hostile_files_and_index_the_rest(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    images = tmp_path / "images"
    hostile_folder(images)
    tax = tmp_path / "labels.txt"
    tax.write_text(TAXONOMY_TEXT, encoding="utf-8")
    path = tmp_path / "forest.hitl"
    assert main(["init", str(path), "--images", str(images), "--taxonomy", str(tax)]) == 0
    with Project.open(path) as p:
        problems = {r["path"]: r["problem"] for r in p.index.problems()}
        assert problems == {
            "bomb.png": "too large to open safely: 30000x30000",
            "big.png": "too large to open safely: 10000x10000",
            "strip.png": "too large to open safely: 200000x8",
            "caf\\xe9.jpg": BAD_NAME,
            "d\\xe9p\\xf4t/inside.jpg": BAD_NAME,
        }
        assert p.queue.counts()["todo"] == 4  # every readable image is in the queue
    capsys.readouterr()
    # a second scan changes nothing and says so; more files join as usual
    make_images(images, 2, start=10)
    assert main(["scan", "-p", str(path)]) == 0
    assert "2 new" in capsys.readouterr().out
    assert main(["doctor", "-p", str(path)]) == 0
    report = capsys.readouterr().out
    assert "bomb.png: too large to open safely: 30000x30000" in report
    assert "caf\\xe9.jpg: the file name is not valid text (UTF-8)" in report


def test_the_scan_command_in_its_own_process(tmp_path: Path) -> None:
    """As a centre runs it: exit 0, no traceback, the summary counts the problems."""
    images = tmp_path / "images"
    hostile_folder(images)
    tax = tmp_path / "labels.txt"
    tax.write_text(TAXONOMY_TEXT, encoding="utf-8")
    path = tmp_path / "p.hitl"
    done = subprocess.run(
        [sys.executable, "-m", "labeler.cli", "init", str(path), "--images", str(images),
         "--taxonomy", str(tax)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "5 problems" in done.stdout
