"""The Linux package's install.sh: per user, no root, menu entry, removal keeps user data."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def unpacked_package(folder: Path) -> Path:
    """A folder laid out like the tarball, with a stand-in for the frozen program."""
    pkg = folder / "hitl-labeler"
    pkg.mkdir(parents=True)
    program = pkg / "hitl-labeler"
    program.write_text("#!/bin/sh\necho 'hitl-labeler 9.9.9'\n")
    program.chmod(0o755)
    shutil.copy(ROOT / "packaging" / "hitl-labeler.desktop", pkg / "hitl-labeler.desktop")
    shutil.copy(ROOT / "resources" / "icons" / "hitl-labeler-256.png", pkg / "hitl-labeler.png")
    shutil.copy(ROOT / "packaging" / "INSTALL-linux.txt", pkg / "INSTALL.txt")
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", pkg / "install.sh")
    (pkg / "install.sh").chmod(0o755)
    return pkg


def sh(script: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HITL_"))}
    env["HOME"] = str(home)
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_install_update_and_remove_for_one_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    pkg = unpacked_package(tmp_path / "usb")

    proc = sh(pkg / "install.sh", home=home)
    assert proc.returncode == 0, proc.stderr
    prefix = home / ".local" / "opt" / "hitl-labeler"
    launcher = home / ".local" / "bin" / "hitl-labeler"
    run = subprocess.run([str(launcher)], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "hitl-labeler 9.9.9"

    entry = configparser.ConfigParser(interpolation=None)
    entry.read(home / ".local/share/applications/hitl-labeler.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"] == f"{prefix}/hitl-labeler %f"
    assert (home / ".local/share/icons/hicolor/256x256/apps/hitl-labeler.png").is_file()

    # the worker's data and a project beside it, then an update over the top
    data = home / ".local" / "share" / "hitl-labeler"
    (data / "keys").mkdir(parents=True)
    (data / "keys" / "device.key").write_text("secret")
    project = home / "work" / "village.hitl"
    project.parent.mkdir()
    project.write_text("project")
    (pkg / "hitl-labeler").write_text("#!/bin/sh\necho 'hitl-labeler 10.0.0'\n")
    assert sh(pkg / "install.sh", home=home).returncode == 0
    run = subprocess.run([str(launcher)], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "hitl-labeler 10.0.0"

    proc = sh(prefix / "install.sh", "--remove", home=home)
    assert proc.returncode == 0, proc.stderr
    assert not prefix.exists() and not launcher.exists()
    assert not (home / ".local/share/applications/hitl-labeler.desktop").exists()
    assert (data / "keys" / "device.key").read_text() == "secret"
    assert project.read_text() == "project"
