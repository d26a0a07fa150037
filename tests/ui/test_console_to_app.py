"""The taxonomy loop closed end to end: a worker's "none of these fit" reaches the server,
the admin accepts it in the console (a real Chromium), and the label appears in the open
app (a real window, pytest-qt) at its next sync, with the answer shown to the worker."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from sync.enrollment import enroll
from tests.browser import Browser
from tests.sync.conftest import RunningServer
from tests.ui.window_helpers import OpenWindow, new_project
from ui.error_label import ON_LIGHT
from ui.sync_hook import SyncHook


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = RunningServer(tmp_path / "server-data")
    running.start()
    try:
        yield running
    finally:
        running.close()


def test_an_accepted_proposal_appears_in_the_open_app(
    qtbot,
    open_window: OpenWindow,
    server: RunningServer,
    chromium,
    tmp_path: Path,
) -> None:
    info = server.create_project(kind="boxes")
    project = new_project(tmp_path / "pc", 3)
    path = tmp_path / "pc.hitl-enroll"
    path.write_text(json.dumps(server.enroll_device(info.id, "Village A")), encoding="utf-8")
    enroll(project, path)
    window = open_window(project, "Asha")
    hook = window.sync_hook or SyncHook(window, interval_s=30)
    assert "bullock_cart" not in window.palette.buttons
    window.session.propose("Bullock cart", "carts pulled by oxen", None)
    hook.run_now()
    qtbot.waitUntil(lambda: hook.worker.state.pending == 0, timeout=20_000)
    assert server.registry.project(info.id).taxonomy_version == 1

    browser = Browser(chromium, server.url)
    try:
        browser.sign_in(server.admin_token, "/admin/proposals")
        form = browser.page.locator("form.decide")
        form.locator("input[name=name_hi]").fill("बैलगाड़ी")
        form.locator("select[name=key]").select_option("7")
        form.locator("textarea[name=reply]").fill("Thank you!")
        form.locator("button[type=submit]").click()
        assert "Added the label bullock_cart" in browser.page.inner_text("p.notice")
    finally:
        browser.close()

    hook.run_now()  # the PC's next sync fetches the new signed pack
    qtbot.waitUntil(lambda: "bullock_cart" in window.palette.buttons, timeout=20_000)
    button = window.palette.buttons["bullock_cart"]
    assert button.isVisible() and button.text().startswith("7")
    assert "Bullock cart" in button.text() and "बैलगाड़ी" in button.text()
    assert "bullock_cart" in window.label_shortcuts  # its key works without a restart
    notice = window.notice  # news, not the red line of mistakes
    assert "was accepted" in notice.text.text() and "Thank you!" in notice.text.text()
    assert notice.isVisible() and not window.message.isVisible()
    shown = notice.text.palette().color(notice.text.foregroundRole()).name()
    assert shown == QApplication.palette().color(QPalette.ColorRole.WindowText).name()
    assert shown != ON_LIGHT.lower()
    window.session.next()  # the answer stays while she works on
    assert notice.isVisible()
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    window.label_shortcuts["bullock_cart"].activated.emit()
    assert window.canvas.current_label == "bullock_cart"


def test_an_accepted_proposal_arrives_by_usb_in_the_open_app(
    qtbot,
    open_window: OpenWindow,
    server: RunningServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The other way a PC hears back: a drive. The worker's proposal leaves on the drive, the
    admin adds the label, the supervisor pushes the drive again (fresh signed pack on it), and
    the worker's *Import receipts* shows the label and the answer without a restart."""
    from labeler.taxonomy import Label
    from sync.server.proposal_decisions import decide
    from sync.usb.export import export_to_drive
    from sync.usb.push import push_drive
    from tests.sync.usb_support import relay_of
    from ui.usb_hook import UsbHook

    media = tmp_path / "media"
    drive = media / "STICK"
    (drive / "HITL").mkdir(parents=True)
    monkeypatch.setenv("HITL_USB_ROOTS", str(media))
    info = server.create_project(kind="boxes")
    relay = relay_of(server, info.id)
    project = new_project(tmp_path / "pc", 3)
    path = tmp_path / "pc.hitl-enroll"
    path.write_text(json.dumps(server.enroll_device(info.id, "Village A")), encoding="utf-8")
    enroll(project, path)
    window = open_window(project, "Asha")
    hook = window.usb_hook or UsbHook(window)
    proposal = project.work.propose(1, "Bullock cart", "carts pulled by oxen", "Asha")
    assert export_to_drive(project, drive).ok
    assert len(push_drive(drive, [relay]).delivered) == 1
    decide(
        server.storage,
        info.id,
        [proposal.uuid],
        "added",
        new_label=Label("bullock_cart", {"en": "Bullock cart"}, "#8d6e63", "7"),
        reply="Good idea.",
    )
    push_drive(drive, [relay])  # the relay puts the new signed pack on the drive
    hook.panel.watcher.rescan()
    qtbot.waitUntil(
        lambda: hook.panel.drive == drive and hook.panel.import_btn.isEnabled(), timeout=20_000
    )
    assert "bullock_cart" not in window.palette.buttons
    hook.panel.import_btn.click()
    qtbot.waitUntil(lambda: "bullock_cart" in window.palette.buttons, timeout=20_000)
    assert window.palette.buttons["bullock_cart"].text().startswith("7")
    assert "bullock_cart" in window.label_shortcuts
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=5_000)
    assert "was accepted" in window.notice.text.text() and "Good idea." in window.notice.text.text()
    hook.stop()
