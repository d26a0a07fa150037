"""The sync client against the real server: receipts it must not trust, updates, state, files."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from labeler import __version__, taxonomy
from labeler.project import Project
from sync.client import SyncClient, SyncState
from sync.enrollment import enroll
from sync.errors import NotEnrolledError, ReceiptError, SyncError
from sync.http import HttpSession, ServerRefused
from sync.outbox import Outbox, PackPolicy
from sync.signing import sign_json
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer
from tests.sync.support import FakeServerKey, label_all, make_pc


def test_receipt_signed_by_another_key_marks_nothing(server: RunningServer, tmp_path: Path) -> None:
    """A PC enrolled with another server key (an impostor's file) never trusts these receipts."""
    info = server.create_project()
    doc = server.enroll_device(info.id)
    impostor = FakeServerKey()
    pack = dict(doc["pack"]["pack"], server_public_key=impostor.public)
    doc = {
        **doc,
        "server_public_key": impostor.public,
        "pack": {"pack": pack, "signature": sign_json(pack, impostor.private)},
    }
    pc = make_pc(tmp_path / "pc", doc, 5)
    try:
        label_all(pc)
        client = SyncClient(pc)
        with pytest.raises(ReceiptError):
            client.sync_once()
        c = Outbox(pc).counts()
        assert (c.delivered, c.pending) == (0, 5)
        assert "not signed by this project's server" in (Outbox(pc).bundles()[0].last_error or "")
        assert "not signed" in (client.state.last_error or "")
        client.close()
    finally:
        pc.close()


def test_taxonomy_update_arrives_with_sync(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 2)
    try:
        client = SyncClient(pc)
        assert client.sync_once().taxonomy_updated is False
        server.registry.update_taxonomy(
            info.id, taxonomy.parse(TAXONOMY_TEXT + "goat | Goat | बकरी | | 4 |\n")
        )
        assert client.sync_once().taxonomy_updated is True
        assert "goat" in pc.taxonomy.ids()
        assert pc.store.get_meta("server_taxonomy_version") == "2"
        assert client.sync_once().taxonomy_updated is False
        client.close()
    finally:
        pc.close()


def test_state_is_observable_while_sending(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 20)
    try:
        label_all(pc)
        seen: list[SyncState] = []
        client = SyncClient(
            pc, outbox=Outbox(pc, policy=PackPolicy(target_bytes=700)), on_state=seen.append
        )
        client.refresh_counts()
        assert (client.state.pending, client.state.delivered) == (20, 0)
        assert client.probe() is True
        client.sync_once()
        assert any(s.sending > 0 for s in seen)
        delivered = [s.delivered for s in seen]
        assert delivered == sorted(delivered) and delivered[-1] == 20
        final = client.state
        assert (final.pending, final.sending, final.online, final.last_error) == (0, 0, True, None)
        assert final.last_sync and final.summary.startswith("0 pending, 20 delivered, online")
        client.close()
    finally:
        pc.close()


def test_a_damaged_bundle_file_is_repacked(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 6)
    try:
        uuids = label_all(pc)
        outbox = Outbox(pc)
        [b1] = outbox.pack()
        b1.path.write_bytes(b"damaged")
        client = SyncClient(pc, outbox=outbox)
        client.sync_once()
        states = {b.seq: b.state for b in outbox.bundles()}
        assert states == {1: "rejected", 2: "delivered"}
        assert "damaged" in (outbox.bundles(("rejected",))[0].last_error or "")
        assert outbox.counts().delivered == 6 and len(uuids) == 6
        client.close()
    finally:
        pc.close()


def test_credentials_and_enrollment_errors_are_plain(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", None, 2)
    try:
        with pytest.raises(NotEnrolledError, match="labeler enroll"):
            SyncClient(pc).sync_once()
        doc = server.enroll_device(info.id)
        doc["device_secret"] = doc["device_secret"][::-1]  # a secret the server does not know
        path = tmp_path / "wrong.hitl-enroll"
        path.write_text(json.dumps(doc), encoding="utf-8")
        enroll(pc, path)
        with pytest.raises(SyncError) as exc:
            SyncClient(pc).probe()
        assert isinstance(exc.value, ServerRefused) and exc.value.status == 401
    finally:
        pc.close()


def test_http_session_defaults() -> None:
    s = HttpSession("http://127.0.0.1:9/", "Bearer x.y")
    assert s.session.headers["User-Agent"] == f"hitl-labeler/{__version__} (+sync)"
    assert s.timeouts.connect <= 10 and s.timeouts.read <= 60
    assert s.base_url == "http://127.0.0.1:9"
    s.close()


def test_watch_runs_until_stopped(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 3)
    try:
        label_all(pc)
        stop = threading.Event()
        delivered = threading.Event()
        client = SyncClient(pc, on_state=lambda s: delivered.set() if s.delivered == 3 else None)
        t = threading.Thread(target=client.run_forever, args=(stop,), kwargs={"interval_s": 0.05})
        t.start()
        assert delivered.wait(20)
        stop.set()
        t.join(10)
        assert not t.is_alive()
        client.close()
    finally:
        pc.close()


def test_second_project_handle_sees_delivery(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 3)
    try:
        label_all(pc)
        with Project.open(pc.path) as other:
            SyncClient(other).sync_once()
        assert Outbox(pc).counts().delivered == 3
    finally:
        pc.close()


def test_a_sent_bundle_is_asked_about_before_it_is_sent_again(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project()
    doc = server.enroll_device(info.id)
    pc = make_pc(tmp_path / "pc", doc, 4)
    try:
        label_all(pc)
        outbox = Outbox(pc)
        [b1] = outbox.pack()
        outbox.mark_sent(b1)  # it left (by network or drive); the answer never came back
        assert server.upload(outbox.read_bytes(b1), server.device_headers(doc)).ok
        b1.path.unlink()  # and the file is gone here: the receipt alone settles it
        client = SyncClient(pc)
        client.sync_once()
        assert [b.state for b in outbox.bundles()] == ["delivered"]
        assert outbox.counts().delivered == 4
        client.close()
    finally:
        pc.close()


def test_a_hotspot_login_page_is_not_taken_for_the_server(tmp_path: Path) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Portal(BaseHTTPRequestHandler):
        def _page(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = b"<html>Please log in to the hotspot</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _page

        def log_message(self, *args: object) -> None:
            pass

    portal = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    key = FakeServerKey()
    pc = make_pc(tmp_path / "pc", None, 2)
    try:
        enroll(
            pc,
            key.enrollment(
                tmp_path,
                taxonomy.parse(TAXONOMY_TEXT),
                kind="boxes+multilabel",
                url=f"http://127.0.0.1:{portal.server_port}",
            ),
        )
        label_all(pc)
        with pytest.raises(SyncError, match="not from the HITL server"):
            SyncClient(pc).sync_once()
        assert Outbox(pc).counts().delivered == 0
    finally:
        portal.shutdown()
        portal.server_close()
        pc.close()


def test_a_busy_server_is_waited_for_not_counted_as_a_failure(tmp_path: Path) -> None:
    """503 + Retry-After: the PC waits (with jitter) and sends again, with no attempt used."""
    from sync.client import RetryPolicy
    from tests.sync.server.held import hold_upload, wait_until

    server = RunningServer(tmp_path / "server-data", max_uploads=1)
    server.start()
    info = server.create_project()
    enrollment = server.enroll_device(info.id)
    pc = make_pc(tmp_path / "pc", enrollment, 3)
    held = hold_upload(server.port, server.device_headers(enrollment)["Authorization"])
    seen: list[str] = []

    def on_state(state: SyncState) -> None:
        if state.last_error and "busy" in state.last_error and not seen:
            seen.append(state.last_error)
            held.close()  # the stalled upload gives up: room for this PC

    try:
        wait_until(lambda: server.app.state.gate.in_flight == 1)
        label_all(pc)
        client = SyncClient(pc, retry=RetryPolicy(attempts=1), on_state=on_state)
        report = client.sync_once()  # one attempt only: a busy answer must not use it up
        assert report.delivered_bundles == 1 and seen
        assert "again in" in seen[0]
        assert Outbox(pc).counts().delivered == 3
        client.close()
    finally:
        held.close()
        pc.close()
        server.close()
