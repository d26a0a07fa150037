"""Per-worker settings in the project file, and the per-user app state file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from labeler.project import Project
from ui.settings import MAX_RECENT, AppState, WorkerSettings


def test_worker_settings_round_trip_through_the_project(project: Project) -> None:
    project.add_worker("Asha")
    s = WorkerSettings(language="hi", large_text=True, high_contrast=True, last_image_id=7)
    s.save(project, "Asha")
    reopened = Project.open(project.path)
    try:
        assert WorkerSettings.load(reopened, "Asha") == s
    finally:
        reopened.close()


def test_unknown_worker_is_added_with_defaults(project: Project) -> None:
    assert WorkerSettings.load(project, "Ravi") == WorkerSettings()
    assert "Ravi" in project.workers()
    WorkerSettings(language="hi").save(project, "Meena")  # saving adds the worker too
    assert WorkerSettings.load(project, "Meena").language == "hi"


def test_unknown_and_mistyped_keys_are_tolerated_and_kept(project: Project) -> None:
    project.add_worker("Asha")
    project.set_worker_settings(
        "Asha",
        {"language": "hi", "large_text": "yes", "last_image_id": "x", "zoom": 2, "keymap": "a"},
    )
    s = WorkerSettings.load(project, "Asha")
    assert s == WorkerSettings(language="hi")  # wrong types fall back to defaults
    s.high_contrast = True
    s.save(project, "Asha")
    stored = project.worker_settings("Asha")
    assert stored["zoom"] == 2 and stored["keymap"] == "a"  # other parts' keys survive
    assert stored["high_contrast"] is True


def test_app_state_round_trip_and_recent_order(tmp_path: Path) -> None:
    files = []
    for i in range(MAX_RECENT + 3):
        f = tmp_path / f"p{i}.hitl"
        f.write_bytes(b"x")
        files.append(f)
    state = AppState.load()
    assert state == AppState()
    for f in files:
        state.add_recent(f)
    state.add_recent(files[2])  # opened again: moves to the top, not listed twice
    state.last_worker = "Asha"
    state.language = "hi"
    state.save()

    loaded = AppState.load()
    assert loaded.language == "hi"
    assert loaded.recent_projects[0] == str(files[2].resolve())
    assert len(loaded.recent_projects) == MAX_RECENT
    assert len(set(loaded.recent_projects)) == MAX_RECENT
    assert loaded.recent_projects[1] == str(files[-1].resolve())
    assert loaded.last_project == str(files[2].resolve())
    assert loaded.last_worker == "Asha"


def test_app_state_drops_projects_that_are_gone(tmp_path: Path) -> None:
    kept, gone = tmp_path / "kept.hitl", tmp_path / "gone.hitl"
    kept.write_bytes(b"x")
    gone.write_bytes(b"x")
    state = AppState()
    state.add_recent(kept)
    state.add_recent(gone)
    state.save()
    gone.unlink()
    loaded = AppState.load()
    assert loaded.recent_projects == [str(kept.resolve())]
    assert loaded.last_project is None  # the last one is gone: show the start screen


@pytest.mark.parametrize("text", ["{not json", "", "[1, 2]", '{"recent_projects": 5}', "\x00\xff"])
def test_damaged_app_state_gives_defaults_not_a_crash(text: str) -> None:
    path = AppState.path()
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert AppState.load() == AppState()


def test_app_state_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project_file = tmp_path / "a.hitl"
    project_file.write_bytes(b"x")
    state = AppState(last_worker="Asha")
    state.add_recent(project_file)
    state.save()
    before = AppState.path().read_text(encoding="utf-8")

    def power_cut(*_args: object) -> None:
        raise OSError("disk full")

    state.last_worker = "Ravi"
    with monkeypatch.context() as m:
        m.setattr(os, "replace", power_cut)
        with pytest.raises(OSError):
            state.save()
    assert AppState.path().read_text(encoding="utf-8") == before  # old file intact
    assert json.loads(before)["last_worker"] == "Asha"
    assert [p.name for p in AppState.path().parent.iterdir()] == [AppState.path().name]
