"""FolderWatch on a real folder: images copied in, still being copied, changed, removed."""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from labeler.errors import NotFoundError
from labeler.project import Project
from labeler.watch import FolderWatch
from tests.conftest import make_images


def wait_for(cond: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        threading.Event().wait(0.02)


class Seen:
    """Collects what the watch reports, from its thread."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.removed: list[str] = []
        self.lock = threading.Lock()

    def images(self, ids: list[int]) -> None:
        with self.lock:
            self.ids += ids

    def gone(self, paths: list[str]) -> None:
        with self.lock:
            self.removed += paths


@pytest.fixture
def watched(project: Project) -> Iterator[tuple[Project, FolderWatch, Seen]]:
    seen = Seen()
    watch = FolderWatch(project.index, seen.images, on_removed=seen.gone, settle_s=0.2, poll_s=0.02)
    watch.start()
    yield project, watch, seen
    watch.stop()
    assert not watch.running


def test_new_images_are_indexed_and_hashed(watched, tmp_path: Path) -> None:
    project, watch, seen = watched
    new = make_images(tmp_path / "incoming", 2, start=100)
    shutil.copy(new[0], project.image_root / "arrived.jpg")
    (project.image_root / "day2").mkdir()
    shutil.copy(new[1], project.image_root / "day2" / "b.png")
    (project.image_root / "notes.txt").write_text("ignored")
    wait_for(lambda: len(seen.ids) >= 2)
    paths = {project.queue.get(i).path for i in seen.ids}
    assert paths == {"arrived.jpg", "day2/b.png"}
    rec = project.queue.by_path("arrived.jpg")
    assert rec is not None and rec.sha256 == hashlib.sha256(new[0].read_bytes()).hexdigest()
    assert project.queue.count() == 14 and not watch.errors


def test_a_file_still_being_copied_waits_until_complete(project: Project) -> None:
    seen = Seen()
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    target = project.image_root / "slow.jpg"
    with FolderWatch(project.index, seen.images, settle_s=1.0, poll_s=0.02):
        # a slow USB copy: a chunk every 50 ms, far less than the settle time
        pace = threading.Event()
        with open(target, "wb") as f:
            for at in range(0, len(data), len(data) // 10):
                f.write(data[at : at + len(data) // 10])
                f.flush()
                assert not seen.ids, "indexed before the copy finished"
                pace.wait(0.05)
        wait_for(lambda: seen.ids)
    assert len(seen.ids) == 1
    rec = project.queue.get(seen.ids[0])
    assert rec.problem is None and (rec.width, rec.height) == (400, 300)
    assert rec.sha256 == hashlib.sha256(data).hexdigest()


def test_bad_files_are_recorded_as_problems(watched) -> None:
    project, _watch, seen = watched
    (project.image_root / "letter.jpg").write_text("not an image")
    (project.image_root / "empty.png").write_bytes(b"")
    wait_for(lambda: len(seen.ids) >= 2)
    problems = {r["path"]: r["problem"] for r in project.index.problems()}
    assert "not an image" in problems["letter.jpg"] and "empty" in problems["empty.png"]
    assert project.queue.count() == 12


def test_changed_file_is_rehashed_and_removed_files_marked_missing(watched) -> None:
    project, _watch, seen = watched
    target = project.image_root / "img_00003.jpg"
    old = project.queue.by_path("img_00003.jpg")
    assert old is not None
    Image.new("RGB", (30, 30), (1, 250, 1)).save(target)
    wait_for(lambda: old.id in seen.ids)
    rec = project.queue.get(old.id)
    assert (rec.width, rec.height) == (30, 30)
    assert rec.sha256 == hashlib.sha256(target.read_bytes()).hexdigest() != old.sha256
    (project.image_root / "img_00004.jpg").unlink()
    wait_for(lambda: "img_00004.jpg" in seen.removed)
    assert project.queue.counts()["missing"] == 1


def test_folders_moved_in_and_out(watched, tmp_path: Path) -> None:
    project, _watch, seen = watched
    make_images(tmp_path / "batch" / "inner", 3, start=200)
    shutil.move(str(tmp_path / "batch"), str(project.image_root / "batch"))
    wait_for(lambda: len(seen.ids) >= 3)
    assert project.queue.count() == 15
    shutil.move(str(project.image_root / "batch"), str(tmp_path / "away"))
    wait_for(lambda: len(seen.removed) >= 3)
    assert sorted(seen.removed) == [f"batch/inner/img_{i:05d}.jpg" for i in (200, 201, 202)]
    assert project.queue.count() == 12


def test_a_failing_listener_does_not_stop_the_watch(project: Project) -> None:
    calls: list[list[int]] = []

    def bad(ids: list[int]) -> None:
        calls.append(ids)
        raise RuntimeError("listener bug")

    with FolderWatch(project.index, bad, settle_s=0.1, poll_s=0.02) as watch:
        make_images(project.image_root, 1, start=300)
        wait_for(lambda: calls)
        make_images(project.image_root, 1, start=301)
        wait_for(lambda: len(calls) >= 2)
        assert watch.running and "listener bug" in watch.errors[0]


def test_missing_folder_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    project.set_image_root(tmp_path / "unplugged")
    watch = FolderWatch(project.index)
    with pytest.raises(NotFoundError, match="image folder not found"):
        watch.start()
    assert not watch.running
    watch.stop()  # harmless when never started
