"""The image index on real folders: formats, headers, EXIF, bad files, duplicates, rescans."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import threading
from pathlib import Path

from PIL import Image

from labeler.images import read_header
from labeler.project import Project
from labeler.queue import Status
from labeler.taxonomy import Taxonomy
from tests.conftest import make_images


def new_project(tmp_path: Path, images: Path, tax: Taxonomy, kind: str = "boxes") -> Project:
    return Project.create(tmp_path / "p.hitl", name="t", image_root=images, kind=kind, taxonomy=tax)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def jpeg_bytes(size: tuple[int, int] = (40, 30), colour: tuple = (200, 10, 10), **kw) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", **kw)
    return buf.getvalue()


def test_scan_finds_every_format_recursively_and_reads_sizes(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 2, size=(64, 48), fmt="jpg")
    make_images(root / "sub" / "deeper", 1, size=(30, 20), fmt="png", start=10)
    make_images(root / "sub", 1, size=(17, 9), fmt="webp", start=20)
    make_images(root, 1, size=(8, 8), fmt="bmp", start=30)
    make_images(root, 1, size=(12, 7), fmt="tiff", start=40)
    Image.new("RGB", (5, 5)).save(root / "UPPER.JPEG", "JPEG")
    (root / "notes.txt").write_text("not an image")
    (root / ".hidden.jpg").write_bytes(jpeg_bytes())
    (root / ".cache").mkdir()
    Image.new("RGB", (5, 5)).save(root / ".cache" / "thumb.jpg")
    with new_project(tmp_path, root, tax) as p:
        report = p.index.scan()
        assert report.seen == 7 and report.added == 7 and report.problems == 0
        sizes = {r.path: (r.width, r.height, r.format) for r in p.queue.page()}
        assert sizes["img_00000.jpg"] == (64, 48, "JPEG")
        assert sizes["sub/deeper/img_00010.png"] == (30, 20, "PNG")
        assert sizes["sub/img_00020.webp"] == (17, 9, "WEBP")
        assert sizes["img_00030.bmp"] == (8, 8, "BMP")
        assert sizes["img_00040.tiff"] == (12, 7, "TIFF")
        assert sizes["UPPER.JPEG"] == (5, 5, "JPEG")


def test_natural_order_and_new_files_appended(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    for name in ("img10.jpg", "img2.jpg", "img1.jpg"):
        (root).mkdir(exist_ok=True)
        (root / name).write_bytes(jpeg_bytes(colour=(len(name), 0, ord(name[3]))))
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        assert [r.path for r in p.queue.page()] == ["img1.jpg", "img2.jpg", "img10.jpg"]
        (root / "img0.jpg").write_bytes(jpeg_bytes(colour=(9, 9, 9)))
        p.index.scan()
        # a new file joins the end: the order workers already followed does not shift
        assert [r.path for r in p.queue.page()][-1] == "img0.jpg"


def test_exif_orientation_swaps_width_and_height(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    root.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (80, 20), (1, 2, 3)).save(root / "rotated.jpg", "JPEG", exif=exif.tobytes())
    Image.new("RGB", (80, 20), (3, 2, 1)).save(root / "plain.jpg", "JPEG")
    info = read_header(root / "rotated.jpg")
    assert (info.width, info.height, info.orientation) == (20, 80, 6)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        rotated = p.queue.by_path("rotated.jpg")
        plain = p.queue.by_path("plain.jpg")
        assert rotated is not None and (rotated.width, rotated.height) == (20, 80)
        assert rotated.orientation == 6
        assert plain is not None and (plain.width, plain.height) == (80, 20)
        # geometry is in displayed pixels: a box 20 wide and 80 tall fits the rotated image
        from labeler.annotations import Shape

        p.work.submit(rotated.id, [Shape.box("tree", 0, 0, 20, 80)], "Asha")


def test_bad_files_are_problems_with_reasons_and_never_stop_the_scan(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 3)
    full = jpeg_bytes((200, 200))
    (root / "truncated.jpg").write_bytes(full[: len(full) // 2])
    (root / "letter.jpg").write_text("Dear supervisor, this is not a photo.")
    (root / "empty.jpg").write_bytes(b"")
    Image.new("RGB", (1, 1), (5, 5, 5)).save(root / "one_pixel.png")
    png = io.BytesIO()
    Image.new("RGB", (50, 50)).save(png, "PNG")
    (root / "cut.png").write_bytes(png.getvalue()[:-20])
    Image.new("RGB", (4, 4)).save(root / "actually_gif.jpg", "GIF")
    with new_project(tmp_path, root, tax) as p:
        report = p.index.scan()
        assert report.seen == 9 and report.problems == 5
        problems = {r["path"]: r["problem"] for r in p.index.problems()}
        assert "truncated" in problems["truncated.jpg"]
        assert "truncated" in problems["cut.png"]
        assert "not an image" in problems["letter.jpg"]
        assert "empty" in problems["empty.jpg"] and "0 bytes" in problems["empty.jpg"]
        assert "unsupported" in problems["actually_gif.jpg"]
        one = p.queue.by_path("one_pixel.png")
        assert one is not None and one.problem is None and (one.width, one.height) == (1, 1)
        # problems are left out of the queue, and hashing them does no harm
        assert p.queue.count() == 4
        assert p.queue.count("problems") == 5
        p.index.hash_pending()
        assert p.index.unhashed_count() == 0
        from labeler.annotations import Shape

        p.work.submit(one.id, [Shape.box("tree", 0, 0, 1, 1)], "Asha")


def _make_unlistable_folder(parent: Path) -> Path:
    """A folder os.scandir cannot list, even for root: its full path is longer than the
    system allows (PATH_MAX), built one component at a time through directory handles."""
    name = "d" * 250
    fd = os.open(parent, os.O_RDONLY)
    depth = 0
    try:
        while len(str(parent)) + depth * 251 < 4200:
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
            depth += 1
        jpg = os.open("deep.jpg", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(jpg, jpeg_bytes())
        os.close(jpg)
    finally:
        os.close(fd)
    return parent / name


def test_unreadable_folder_is_reported_and_the_rest_is_scanned(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 2)
    _make_unlistable_folder(root)
    with new_project(tmp_path, root, tax) as p:
        report = p.index.scan()
        assert report.seen == 2 and report.added == 2
        assert report.errors and any("too long" in e.lower() for e in report.errors)
        assert "could not be read" in str(report)


def test_folder_without_permission(tmp_path: Path, tax) -> None:
    """chmod 000 blocks an ordinary user but not root (CI runs as root): either way the scan
    must finish, list what it can read, and name what it could not."""
    root = tmp_path / "images"
    make_images(root, 2)
    locked = root / "locked"
    make_images(locked, 1, start=50)
    locked.chmod(0)
    try:
        denied = not os.access(locked, os.R_OK | os.X_OK)
        with new_project(tmp_path, root, tax) as p:
            report = p.index.scan()
            if denied:
                assert report.seen == 2
                assert report.errors and str(locked) in report.errors[0]
            else:  # root reads it anyway: its image is indexed like any other
                assert report.seen == 3 and not report.errors
                assert p.queue.by_path("locked/img_00050.jpg") is not None
    finally:
        locked.chmod(stat.S_IRWXU)


def test_image_folder_missing_or_a_file(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 1)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        (root / "img_00000.jpg").unlink()
        root.rmdir()
        root.write_text("a file where the image folder should be")
        report = p.index.scan()
        assert report.errors and "not found" in report.errors[0]
        assert report.missing == 0  # a missing drive does not mark every image missing
        assert p.queue.count() == 1


def test_duplicates_are_labeled_once(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 3)
    (root / "z_copies").mkdir()
    (root / "z_copies" / "again.jpg").write_bytes((root / "img_00001.jpg").read_bytes())
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        p.index.hash_pending()
        assert p.index.duplicates() == [{"path": "z_copies/again.jpg", "same_as": "img_00001.jpg"}]
        assert p.queue.count() == 3 and p.queue.counts()["duplicates"] == 1
        seen = []
        rec = p.queue.next_todo()
        while rec is not None:
            seen.append(rec.path)
            from labeler.annotations import Shape

            p.work.submit(rec.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
            rec = p.queue.next_todo(rec.seq)
        assert "z_copies/again.jpg" not in seen and len(seen) == 3
        dup = p.queue.by_path("z_copies/again.jpg")
        assert dup is not None
        # the work done on the original shows on the copy: same bytes, same image
        latest = p.work.latest_for_image(dup.id)
        assert latest is not None and latest.image_path == "img_00001.jpg"


def test_incremental_rescan_rehashes_only_changed_files(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    files = make_images(root, 5)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        assert p.index.hash_pending() == 5
        before = {r.path: r.sha256 for r in p.queue.page()}
        report = p.index.scan()
        assert (report.unchanged, report.added, report.changed) == (5, 0, 0)
        assert p.index.unhashed_count() == 0
        # change one file's content (and size); delete another; add a new one
        Image.new("RGB", (99, 77), (0, 255, 0)).save(files[2])
        kept = tmp_path / "kept.jpg"
        files[4].replace(kept)
        make_images(root, 1, start=9)
        report = p.index.scan()
        assert (report.unchanged, report.changed, report.added, report.missing) == (3, 1, 1, 1)
        changed = p.queue.by_path("img_00002.jpg")
        assert changed is not None and (changed.width, changed.height) == (99, 77)
        assert changed.sha256 is None  # hashed again, behind
        assert p.index.hash_pending() == 2
        changed = p.queue.by_path("img_00002.jpg")
        assert changed is not None and changed.sha256 == sha(files[2]) != before["img_00002.jpg"]
        assert p.queue.counts()["missing"] == 1
        # the deleted file comes back unchanged (a copy keeping its time): hash kept
        shutil.copy2(kept, files[4])
        report = p.index.scan()
        assert report.missing == 0 and p.queue.counts()["missing"] == 0
        back = p.queue.by_path("img_00004.jpg")
        assert back is not None and back.sha256 == before["img_00004.jpg"]


def test_hashing_reports_progress_and_stops_when_asked(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    files = make_images(root, 6)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        stop = threading.Event()
        seen: list[tuple[int, int]] = []

        def progress(done: int, total: int) -> None:
            seen.append((done, total))
            if done == 2:
                stop.set()

        assert p.index.hash_pending(progress, stop) == 2
        assert seen == [(1, 6), (2, 6)]
        assert p.index.unhashed_count() == 4
        assert p.index.hash_pending() == 4  # resumes where it stopped
        assert {r.sha256 for r in p.queue.page()} == {sha(f) for f in files}


def test_add_file_and_mark_missing(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    make_images(root, 2)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        new = make_images(root / "day2", 2, start=20)
        first = p.index.add_file(new[0])
        assert first is not None and p.index.add_file(new[0]) == first  # unchanged: same row
        assert p.index.add_file(root / "notes.txt") is None
        assert p.index.add_file(tmp_path / "elsewhere.jpg") is None
        p.index.add_file(new[1])
        assert p.queue.count() == 4
        assert sorted(p.index.mark_missing(root / "day2")) == [
            "day2/img_00020.jpg",
            "day2/img_00021.jpg",
        ]
        assert p.queue.count() == 2
        assert p.index.add_file(new[0]) == first and p.queue.count() == 3


def test_renamed_and_moved_files_keep_their_place_and_work(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    files = make_images(root, 4)
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        p.index.hash_pending()
        done = p.queue.by_path("img_00000.jpg")
        assert done is not None
        from labeler.annotations import Shape

        p.work.submit(done.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
        # a supervisor tidies up: the labeled file moves to a folder, another is renamed
        (root / "done").mkdir()
        files[0].rename(root / "done" / "img_00000.jpg")
        files[1].rename(root / "renamed.jpg")
        p.index.scan()
        p.index.hash_pending()
        moved = p.queue.by_path("done/img_00000.jpg")
        renamed = p.queue.by_path("renamed.jpg")
        assert moved is not None and renamed is not None
        assert moved.status is Status.SUBMITTED  # its work came with its bytes
        assert renamed.status is Status.TODO
        assert p.queue.count() == 4 and p.queue.counts()["duplicates"] == 0
        assert p.queue.counts()["missing"] == 2


def test_a_copy_takes_over_when_the_original_is_deleted(tmp_path: Path, tax) -> None:
    root = tmp_path / "images"
    files = make_images(root, 2)
    copy = root / "z_copy.jpg"
    copy.write_bytes(files[1].read_bytes())
    with new_project(tmp_path, root, tax) as p:
        p.index.scan()
        p.index.hash_pending()
        assert p.queue.count() == 2 and p.queue.counts()["duplicates"] == 1
        files[1].unlink()
        p.index.scan()
        assert p.queue.count() == 2 and p.queue.counts()["duplicates"] == 0
        assert p.queue.by_path("z_copy.jpg") in p.queue.page()
        # the original comes back: first in queue order, it is labeled again, the copy waits
        files[1].write_bytes(copy.read_bytes())
        p.index.scan()
        p.index.hash_pending()
        assert p.index.duplicates() == [{"path": "z_copy.jpg", "same_as": "img_00001.jpg"}]
