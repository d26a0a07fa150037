"""The main window's sync controls: no thread until enrolled; after enrollment, submits reach
the server in the background and the status bar says so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.enrollment import enroll
from tests.sync.conftest import RunningServer
from tests.ui.app_look import restore_look_fixture  # noqa: F401  (the fixture)
from tests.ui.window_helpers import OpenWindow, new_project, settled
from ui.sync_hook import SyncHook


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


def test_hook_enrolls_and_delivers_submits(
    qtbot, open_window: OpenWindow, server: RunningServer, tmp_path: Path
) -> None:
    project = new_project(tmp_path / "pc", 4)
    window = open_window(project)
    hook = getattr(window, "sync_hook", None) or SyncHook(window, interval_s=30)
    assert hook.worker is None  # not enrolled: no thread, no network
    assert hook.sync_now in window.menus["file"].actions()
    assert hook.enroll.text() == "Join the central server…"
    info = server.create_project(kind="boxes")
    path = tmp_path / "pc.hitl-enroll"
    path.write_text(json.dumps(server.enroll_device(info.id)), encoding="utf-8")
    enroll(project, path)
    hook.after_enroll()
    assert hook.worker is not None and hook.enroll.text() == "Join the central server again…"
    for _ in range(4):
        qtbot.waitUntil(lambda: settled(window), timeout=10_000)
        if window.session.current is None:
            break
        window.session.submit(allow_empty=True)  # nothing here, on purpose
    hook.run_now()
    qtbot.waitUntil(lambda: hook.worker.state.delivered == 4, timeout=20_000)
    qtbot.waitUntil(lambda: "4 delivered" in window.status.sync.text(), timeout=5_000)
    assert "online" in window.status.sync.text()
    assert hook.page.values[1].text() == "4 images"  # the transfer window's sync page
    hook.stop()
    assert not hook.worker.is_running()


def test_the_status_says_when_a_restored_pc_was_put_right(
    qtbot, open_window: OpenWindow, server: RunningServer, tmp_path: Path, restore_look
) -> None:
    """A PC restored from an older copy: the app's background sync recovers, and the status
    bar and the sync page say what happened, in English and Hindi."""
    import shutil
    from dataclasses import replace

    from labeler.annotations import Shape
    from labeler.project import Project
    from sync.client import SyncClient

    project = new_project(tmp_path / "pc", 4)
    info = server.create_project(kind="boxes")
    enrollment = tmp_path / "pc.hitl-enroll"
    enrollment.write_text(json.dumps(server.enroll_device(info.id)), encoding="utf-8")
    enroll(project, enrollment)
    path = Path(project.path)
    ids = [r.id for r in project.queue.page()]
    project.work.submit(ids[0], [Shape.box("tree", 1, 1, 9, 9)], "Asha")
    copy = tmp_path / "backup.hitl"
    project.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, copy)  # the copy: one submission, never sent
    client = SyncClient(project)
    client.sync_once()  # bundle 1 reaches the server
    client.close()
    project.close()
    for extra in path.parent.glob(path.name + "-*"):
        extra.unlink()
    shutil.copy2(copy, path)
    shutil.rmtree(path.with_name(path.stem + ".bundles"))
    restored = Project.open(path)
    restored.work.submit(ids[1], [Shape.box("tree", 2, 2, 9, 9)], "Asha")  # after the restore
    window = open_window(restored)
    hook = getattr(window, "sync_hook", None) or SyncHook(window, interval_s=30)
    hook.run_now()
    qtbot.waitUntil(lambda: "restored from a copy" in window.status.sync.text(), timeout=20_000)
    assert "1 image to send again" in window.status.sync.text() or hook.worker.state.pending == 0
    assert "restored from an older copy" in hook.page.error.text()
    assert "The server already had 1 of its images" in hook.page.error.text()
    window.apply_settings(replace(window.settings, language="hi"))
    qtbot.waitUntil(lambda: "पुरानी कॉपी" in window.status.sync.text(), timeout=3000)
    assert "पुरानी कॉपी से वापस लाया गया" in hook.page.error.text()
    hook.stop()


def test_a_revoked_pc_is_told_so_in_hindi(
    qtbot, open_window: OpenWindow, server: RunningServer, tmp_path: Path, restore_look
) -> None:
    """The server's refusal of a revoked PC reaches a Hindi window in Hindi, in plain words
    (what happened, that the work is kept, whom to ask); the English original stays in the
    tooltip for the supervisor."""
    from dataclasses import replace

    from ui.messages import ORIGINAL

    project = new_project(tmp_path / "pc", 2)
    info = server.create_project(kind="boxes")
    enrollment = server.enroll_device(info.id)
    path = tmp_path / "pc.hitl-enroll"
    path.write_text(json.dumps(enrollment), encoding="utf-8")
    enroll(project, path)
    server.registry.revoke_device(enrollment["device_id"])
    window = open_window(project)
    window.apply_settings(replace(window.settings, language="hi"))
    hook = getattr(window, "sync_hook", None) or SyncHook(window, interval_s=30)
    qtbot.waitUntil(lambda: settled(window), timeout=10_000)
    window.session.submit(allow_empty=True)
    hook.run_now()
    qtbot.waitUntil(lambda: bool(hook.worker.state.last_error), timeout=20_000)
    qtbot.waitUntil(lambda: "एडमिन ने इस कंप्यूटर" in hook.page.error.text(), timeout=5_000)
    assert "revoked" not in hook.page.error.text()
    status = window.status.sync
    assert "revoked" in status.toolTip() and status.property(ORIGINAL)
    assert hook.worker.state.pending == 1  # nothing was lost
    hook.stop()


def test_what_the_server_answers_is_said_in_hindi(qapp, restore_look) -> None:
    """The refusals ``sync.http`` makes of a server's answers, in the worker's language."""
    from sync.http import ServerRefused, ServerUnavailable
    from ui.i18n import install_language
    from ui.messages import localize

    install_language(qapp, "hi")
    for exc, words in (
        (ServerRefused(401, "unauthorized", "these credentials are not valid here"), "नामांकन"),
        (ServerUnavailable(502, "bad gateway"), "त्रुटि 502"),
    ):
        said = localize(str(exc))
        assert words in said.text and said.original == str(exc)
