"""Per-user folders, in each platform's proper place (platformdirs).

``HITL_LABELER_HOME`` overrides them all (tests, portable installs, the frozen self-test):
everything then lives under that one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "hitl-labeler"
_dirs = PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    value = os.environ.get("HITL_LABELER_HOME")
    return Path(value) if value else None


def _ensure(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def data_dir() -> Path:
    """Sample project and other data the program makes for the user."""
    home = _home()
    return _ensure(home / "data" if home else Path(_dirs.user_data_dir))


def config_dir() -> Path:
    """Settings and recent projects."""
    home = _home()
    return _ensure(home / "config" if home else Path(_dirs.user_config_dir))


def log_dir() -> Path:
    """Log files and crash reports a supervisor can send."""
    home = _home()
    return _ensure(home / "logs" if home else Path(_dirs.user_log_dir))


def keys_dir() -> Path:
    """Device secrets from enrollment; never inside a project file, so a copied project
    does not carry its PC's identity."""
    home = _home()
    p = _ensure(home / "keys" if home else Path(_dirs.user_data_dir) / "keys")
    if os.name == "posix":
        os.chmod(p, 0o700)
    return p
