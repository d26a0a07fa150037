"""The ``labeler`` command line as a supervisor uses it: real folders, real project files."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from labeler.annotations import Shape
from labeler.cli import ProgressLine, main
from labeler.project import Project
from labeler.schema import SCHEMA_VERSION
from tests.conftest import TAXONOMY_TEXT, make_images

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def centre(tmp_path: Path, monkeypatch) -> Path:
    """A centre's folder: 6 images, a taxonomy file; commands run from inside it."""
    make_images(tmp_path / "photos", 6)
    (tmp_path / "labels.txt").write_text(TAXONOMY_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def init(capsys, *extra: str) -> tuple[int, str, str]:
    return run(
        capsys,
        "init",
        "forest",
        "--images",
        "photos",
        "--taxonomy",
        "labels.txt",
        "--kind",
        "boxes+multilabel",
        "--name",
        "Forest survey",
        *extra,
    )


def test_init_scans_hashes_and_status_counts(centre: Path, capsys) -> None:
    code, out, err = init(capsys)
    assert code == 0, err
    assert "created forest.hitl" in out and "6 new" in out and "hashed 6 images" in out
    assert not list(centre.glob("*.partial*"))
    with Project.open(centre / "forest.hitl") as p:
        assert p.name == "Forest survey" and str(p.kind) == "boxes+multilabel"
        assert p.index.unhashed_count() == 0
        rec = p.queue.next_todo()
        assert rec is not None
        p.work.submit(rec.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
        p.work.skip(p.queue.next_todo(rec.seq).id, "dark")  # type: ignore[union-attr]
    code, out, _ = run(capsys, "status")  # the only *.hitl here is found by itself
    assert code == 0
    assert "6 images: 4 to do, 0 in progress, 1 submitted, 1 skipped, 0 flagged" in out
    assert "1 submissions and 0 proposals pending" in out


def test_init_mistakes_are_one_line_each(centre: Path, capsys) -> None:
    assert init(capsys)[0] == 0
    code, _out, err = init(capsys)
    expected = "error: forest.hitl: a project file already exists; open it or choose another name"
    assert code == 1 and err == expected + "\n"
    code, _, err = run(capsys, "init", "x.hitl", "--images", "nowhere", "--taxonomy", "labels.txt")
    assert code == 1 and "nowhere: image folder not found" in err
    (centre / "bad.txt").write_text("tree | Tree\nhouse | House | घर | red\n", encoding="utf-8")
    code, _, err = run(capsys, "init", "x.hitl", "--images", "photos", "--taxonomy", "bad.txt")
    assert code == 1 and err.startswith("error: bad.txt, line 2: colour 'red'")
    code, _, err = run(
        capsys, "init", "x", "--images", "photos", "--taxonomy", "labels.txt", "--kind", "circles"
    )
    assert code == 1 and "unknown annotation kind 'circles'" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (centre / "x.hitl").exists() and not list(centre.glob("*.partial*"))


def test_init_from_predefined_classes_without_hashing(centre: Path, capsys) -> None:
    (centre / "predefined_classes.txt").write_text("dog\ncat\n", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "init",
        "pets.hitl",
        "--images",
        "photos",
        "--taxonomy",
        "predefined_classes.txt",
        "--no-hash",
    )
    assert code == 0 and "2 labels" in out and "hashed" not in out
    code, out, _ = run(capsys, "scan", "-p", "pets.hitl")
    assert code == 0 and "6 unchanged" in out and "hashed 6 images" in out


def test_scan_reports_new_changed_and_problem_files(centre: Path, capsys) -> None:
    init(capsys)
    make_images(centre / "photos", 2, start=50)
    (centre / "photos" / "broken.jpg").write_text("oops")
    code, out, _ = run(capsys, "scan")
    assert code == 0
    assert "9 images: 3 new, 0 changed, 6 unchanged, 0 missing, 1 problems" in out
    assert "1 files are not readable images" in out and "hashed 3 images" in out


def test_workers_list_and_add(centre: Path, capsys) -> None:
    init(capsys)
    code, out, _ = run(capsys, "workers")
    assert code == 0 and "no workers yet" in out
    assert run(capsys, "workers", "add", "Asha Devi")[1] == "added worker Asha Devi\n"
    assert run(capsys, "workers", "add", "Asha Devi", "-p", "forest.hitl")[1] == (
        "Asha Devi is already a worker\n"
    )
    with Project.open(centre / "forest.hitl") as p:
        for rec in p.queue.page()[:2]:
            p.work.submit(rec.id, [Shape.tag("tree")], "Asha Devi")
    code, out, _ = run(capsys, "workers", "-p", "forest.hitl")
    row = next(line for line in out.splitlines() if "Asha Devi" in line)
    assert row.split()[2:4] == ["2", "2"]


def test_taxonomy_show_update_versions(centre: Path, capsys) -> None:
    init(capsys)
    code, out, _ = run(capsys, "taxonomy")
    assert code == 0 and "taxonomy version 1" in out and "पेड़" in out
    code, as_file, _ = run(capsys, "taxonomy", "show", "--as-file")
    assert code == 0 and as_file.startswith("languages: en hi")
    edited = as_file.replace("cattle", "goat").replace("Cattle", "Goat")
    (centre / "v2.txt").write_text(edited, encoding="utf-8")
    code, out, _ = run(capsys, "taxonomy", "update", "v2.txt")
    assert code == 0 and "taxonomy version 2 (was 1)" in out
    assert "new: goat" in out and "retired: cattle" in out
    code, out, _ = run(capsys, "taxonomy", "update", "v2.txt")
    assert "no change" in out
    code, out, _ = run(capsys, "taxonomy", "versions")
    assert "version 1" in out and "version 2" in out and "from v2.txt" in out
    code, _, err = run(capsys, "taxonomy", "update", "missing.txt")
    assert code == 1 and "missing.txt: file not found" in err


def test_doctor_reports_in_plain_words(centre: Path, capsys) -> None:
    init(capsys)
    shutil.copy(centre / "photos" / "img_00001.jpg", centre / "photos" / "zz_copy.jpg")
    (centre / "photos" / "broken.jpg").write_text("oops")
    run(capsys, "scan")
    with Project.open(centre / "forest.hitl") as p:
        recs = p.queue.page()
        p.work.save_draft(recs[0].id, [Shape.box("tree", 1, 1, 5, 5)], "Asha")
        p.work.submit(recs[1].id, [Shape.tag("tree")], "Asha")
        p.work.propose(recs[2].id, "goat", "no goat label", "Asha")
    (centre / "photos" / "img_00005.jpg").unlink()
    code, out, _ = run(capsys, "doctor")
    assert code == 0
    assert "integrity     ok" in out and f"version {SCHEMA_VERSION} (this program writes" in out
    assert "problems      1 files" in out and "broken.jpg: not an image" in out
    assert "zz_copy.jpg is the same image as img_00001.jpg" in out
    assert "gone          1 files" in out and "img_00005.jpg" in out
    assert "drafts        1 images" in out and "by Asha" in out
    assert "1 submissions and 1 proposals not yet delivered" in out
    assert "unhashed      none" in out


def test_doctor_on_a_damaged_file_exits_non_zero(centre: Path, capsys) -> None:
    (centre / "damaged.hitl").write_bytes(b"SQLite format 3\x00" + b"\x13" * 9000)
    code, out, err = run(capsys, "doctor", "-p", "damaged.hitl")
    assert code == 1 and "integrity     DAMAGED" in out and "Copy the file" in out
    assert not err
    code, _, err = run(capsys, "doctor", "-p", "absent.hitl")
    assert code == 1 and "no project file here" in err


def test_export_and_import_are_wired(centre: Path, capsys) -> None:
    init(capsys)
    with Project.open(centre / "forest.hitl") as p:
        rec = p.queue.next_todo()
        assert rec is not None
        p.work.submit(rec.id, [Shape.box("tree", 2, 3, 20, 30)], "Asha")
    code, _, err = run(capsys, "export", "--format", "nonsense", "--out", "x")
    assert code == 1 and "unknown export format 'nonsense'" in err and "coco" in err
    code, out, err = run(capsys, "export", "--format", "COCO", "--out", "out.json")
    assert code == 0, err
    assert "exported coco" in out and (centre / "out.json").exists()
    code, _, err = run(
        capsys, "import-annotations", "--format", "nonsense", "--worker", "A", "out.json"
    )
    assert code == 1 and "unknown import format" in err
    code, _, err = run(capsys, "import-annotations", "--format", "coco", "--worker", "A", "nope")
    assert code == 1 and "nope: nothing to import here" in err


def test_no_command_prints_help_and_project_must_be_named(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys)
    assert code == 2 and "init" in out and "doctor" in out
    code, _, err = run(capsys, "status")
    assert code == 1 and "name the project file" in err


def test_demo_creates_the_sample_project(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "demo", str(tmp_path / "demo"))
    assert code == 0 and out.strip().endswith("sample.hitl")
    with Project.open(out.strip()) as p:
        assert p.queue.count() >= 30


def test_scan_watch_indexes_new_images_and_stops_cleanly_on_ctrl_c(centre: Path, capsys):
    init(capsys)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "labeler.cli", "scan", "--watch", "--settle", "0.2"],
        cwd=centre,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    lines: list[str] = []

    def read() -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_line(prefix: str) -> None:
        deadline = time.monotonic() + 20
        while not any(line.startswith(prefix) for line in lines):
            assert child.poll() is None, child.stderr.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, lines
            threading.Event().wait(0.02)

    try:
        wait_line("watching")
        make_images(centre / "photos" / "evening", 1, start=70)
        wait_line("added evening/img_00070.jpg")
        (centre / "photos" / "img_00000.jpg").unlink()
        wait_line("gone img_00000.jpg")
        child.send_signal(signal.SIGINT)
        assert child.wait(20) == 0
    finally:
        if child.poll() is None:
            child.kill()
        reader.join(5)
        child.stderr.close()  # type: ignore[union-attr]
    assert lines[-1].startswith("stopped watching")
    with Project.open(centre / "forest.hitl") as p:
        rec = p.queue.by_path("evening/img_00070.jpg")
        assert rec is not None and rec.sha256 is not None
        assert p.queue.counts()["missing"] == 1
        p.store.check_integrity(quick=False)


def test_status_says_when_the_image_folder_is_gone(centre: Path, capsys) -> None:
    init(capsys)
    (centre / "photos").rename(centre / "unplugged")
    code, out, _ = run(capsys, "status")
    assert code == 0 and "not found: is the drive connected?" in out
    code, _, err = run(capsys, "scan")
    assert code == 1 and "image folder not found" in err


def test_doctor_refuses_a_file_from_a_newer_program(centre: Path, capsys) -> None:
    init(capsys)
    with Project.open(centre / "forest.hitl") as p:
        p.store.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    code, out, err = run(capsys, "doctor")
    assert code == 1 and not out and "newer HITL Labeler" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_rewrites_itself_on_a_terminal_and_stays_quiet_in_logs() -> None:
    term = _Terminal()
    line = ProgressLine("hashing", term, interval_s=0)
    for i in range(1, 5):
        line(i, 4)
    line.finish()
    assert (
        term.getvalue().startswith("\rhashing 1/4  25%") and "\rhashing 4/4 100%" in term.getvalue()
    )
    assert term.getvalue().endswith("\r\033[K")
    log = io.StringIO()
    quiet = ProgressLine("hashing", log)
    quiet(1, 4)
    quiet.finish()
    assert log.getvalue() == ""
