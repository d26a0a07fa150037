"""``--self-test`` passes on a good installation and fails, with the reason, on a damaged one.

Run as a user would: ``python -m ui --self-test`` in a child process (the frozen build runs
the same code; CI runs it from the built folder in its own step, see ``.ci/run``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import labeler
from labeler.resources import resource
from labeler.sample import create_sample_project

ROOT = Path(__file__).resolve().parents[2]


def run_app(
    *args: str, env_home: Path, keep_home_var: bool = False, platform: str | None = "offscreen"
) -> subprocess.CompletedProcess:
    """The app in a child process whose home, user folders and temp folder are all under
    ``env_home``, so the test sees every file it writes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HITL_LABELER"))}
    if keep_home_var:
        env["HITL_LABELER_HOME"] = str(env_home / "labeler-home")
    for name in ("home", "tmp"):
        (env_home / name).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(env_home / "home"), TMPDIR=str(env_home / "tmp"))
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    return subprocess.run(
        [sys.executable, "-m", "ui", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_self_test_passes_prints_one_line_and_leaves_nothing_behind(tmp_path: Path) -> None:
    proc = run_app("--self-test", env_home=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith(f"self-test ok: hitl-labeler {labeler.__version__}, ")
    assert "sample project opened (36 images)" in line
    assert "1 image submitted" in line
    assert "bundle 1 (" in line and "bytes) verified" in line
    # nothing in the user's home, and its temporary folder was removed
    assert files_under(tmp_path / "home") == []
    assert files_under(tmp_path / "tmp") == []


def test_self_test_runs_offscreen_even_without_a_display(tmp_path: Path) -> None:
    proc = run_app("--self-test", env_home=tmp_path, platform=None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("self-test ok")


def test_self_test_with_a_user_home_set_writes_only_there(tmp_path: Path) -> None:
    proc = run_app("--self-test", env_home=tmp_path, keep_home_var=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert files_under(tmp_path / "home") == []
    assert files_under(tmp_path / "tmp") == []
    written = files_under(tmp_path / "labeler-home")
    assert "logs/hitl-labeler.log" in written
    assert not [f for f in written if "crash-" in f]


def broken_sample(tmp_path: Path) -> Path:
    sample = tmp_path / "sample"
    shutil.copytree(resource("sample"), sample)
    return sample


def test_a_truncated_sample_image_fails_naming_the_image(tmp_path: Path) -> None:
    sample = broken_sample(tmp_path)
    image = sample / "images" / "village_05.jpg"
    image.write_bytes(image.read_bytes()[: image.stat().st_size // 3])
    proc = run_app("--self-test", "--self-test-sample", str(sample), env_home=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("self-test FAILED: sample image village_05.jpg cannot be read")


def test_a_missing_taxonomy_fails(tmp_path: Path) -> None:
    sample = broken_sample(tmp_path)
    (sample / "taxonomy.txt").unlink()
    proc = run_app("--self-test", "--self-test-sample", str(sample), env_home=tmp_path)
    assert proc.returncode == 1
    assert "self-test FAILED: sample folder" in proc.stdout
    assert "has no taxonomy.txt" in proc.stdout


def test_a_truncated_project_file_fails(tmp_path: Path) -> None:
    folder = tmp_path / "ready"
    project_file = create_sample_project(folder)
    data = project_file.read_bytes()
    project_file.write_bytes(data[: len(data) // 2])
    proc = run_app("--self-test", "--self-test-sample", str(folder), env_home=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("self-test FAILED: sample project in")
    assert "cannot be used" in proc.stdout


def test_a_sample_with_nothing_left_to_label_fails(tmp_path: Path) -> None:
    sample = broken_sample(tmp_path)
    for image in (sample / "images").iterdir():
        image.unlink()
    proc = run_app("--self-test", "--self-test-sample", str(sample), env_home=tmp_path)
    assert proc.returncode == 1
    assert "has no image left to label" in proc.stdout


def test_version_answers_without_a_display(tmp_path: Path) -> None:
    started = time.monotonic()
    env_home = tmp_path
    proc = subprocess.run(
        [sys.executable, "-m", "ui", "--version"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "no-such-platform", "HOME": str(env_home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"hitl-labeler {labeler.__version__}"
    assert time.monotonic() - started < 10


def test_help_lists_the_modes(tmp_path: Path) -> None:
    proc = run_app("--help", env_home=tmp_path)
    assert proc.returncode == 0
    for option in ("--version", "--self-test", "--self-test-sample", "--measure-startup"):
        assert option in proc.stdout


def test_measure_startup_reports_paint_times(tmp_path: Path) -> None:
    project_file = create_sample_project(tmp_path / "sample")
    launched = time.time()
    proc = run_app(
        str(project_file),
        "--worker",
        "asha",
        "--measure-startup",
        env_home=tmp_path,
        keep_home_var=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = next(s for s in proc.stdout.splitlines() if s.startswith("startup "))
    marks = json.loads(line.removeprefix("startup "))
    assert launched < marks["window_painted"] <= marks["image_painted"] <= marks["interactive"]
