"""What the app remembers: per worker (in the project file) and per PC user (a JSON file).

A worker's language, text size and contrast travel with the project, so a shift change on one
PC brings each worker their own settings. The recent projects list belongs to the PC user and
lives in the per-user config folder. Neither may ever stop the app from starting: anything
unreadable falls back to defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from labeler.appdirs import config_dir
from labeler.atomic_file import write_atomic
from labeler.errors import NotFoundError
from labeler.project import Project

MAX_RECENT = 10
APP_STATE_FILE = "app_state.json"


@dataclass
class WorkerSettings:
    """One worker's display preferences and where they stopped."""

    language: str = "en"
    large_text: bool = False
    high_contrast: bool = False
    last_image_id: int | None = None
    tool: str | None = None  # the drawing tool last used ("box", "select", …)
    submitted: int = 0  # images submitted in the app (the start hint goes after a few)

    @classmethod
    def from_dict(cls, data: Any) -> WorkerSettings:
        """Known keys of the right type are taken; anything else is ignored."""
        out = cls()
        if not isinstance(data, dict):
            return out
        if isinstance(data.get("language"), str) and data["language"]:
            out.language = data["language"]
        for key in ("large_text", "high_contrast"):
            if isinstance(data.get(key), bool):
                setattr(out, key, data[key])
        image_id = data.get("last_image_id")
        if isinstance(image_id, int) and not isinstance(image_id, bool):
            out.last_image_id = image_id
        if isinstance(data.get("tool"), str):
            out.tool = data["tool"]
        submitted = data.get("submitted")
        if isinstance(submitted, int) and not isinstance(submitted, bool) and submitted >= 0:
            out.submitted = submitted
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def load(cls, project: Project, worker: str) -> WorkerSettings:
        try:
            return cls.from_dict(project.worker_settings(worker))
        except NotFoundError:
            if not project.store.readonly:  # a read-only project is only looked at
                project.add_worker(worker)
            return cls()
        except ValueError:  # unreadable JSON in the column: start from defaults
            return cls()

    def save(self, project: Project, worker: str) -> None:
        """Merge into the stored dict, so keys other parts of the app keep are not lost."""
        if project.store.readonly:
            return  # open for viewing: the settings last for this session only
        try:
            stored = project.worker_settings(worker)
        except NotFoundError:
            project.add_worker(worker)
            stored = {}
        except ValueError:
            stored = {}
        if not isinstance(stored, dict):
            stored = {}
        stored.update(self.to_dict())
        project.set_worker_settings(worker, stored)


@dataclass
class AppState:
    """Recent projects, who worked last and the language of the first screens, for this PC
    user (a worker's own language is in ``WorkerSettings``)."""

    recent_projects: list[str] = field(default_factory=list)
    last_project: str | None = None
    last_worker: str | None = None
    language: str | None = None

    @staticmethod
    def path() -> Path:
        return config_dir() / APP_STATE_FILE

    @classmethod
    def load(cls) -> AppState:
        """Read the state file; a missing or damaged file gives defaults, never an error."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        state = cls()
        recent = data.get("recent_projects")
        if isinstance(recent, list):
            state.recent_projects = [p for p in recent if isinstance(p, str) and Path(p).is_file()][
                :MAX_RECENT
            ]
        for key in ("last_project", "last_worker", "language"):
            value = data.get(key)
            if isinstance(value, str) and value:
                setattr(state, key, value)
        if state.last_project and not Path(state.last_project).is_file():
            state.last_project = None
        return state

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent list and make it the project to reopen."""
        p = str(Path(path).resolve())
        self.recent_projects = [p, *(r for r in self.recent_projects if r != p)][:MAX_RECENT]
        self.last_project = p

    def save(self) -> None:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        write_atomic(self.path(), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
