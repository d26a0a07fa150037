"""The Quality page from real station records: two PCs' work on a drive, a supervisor
station collects and reviews it (overlap images give agreement), the drive is pushed to the
server, and the console (a real Chromium, in Hindi) shows the figures per centre, week and
worker; with no station records it says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from labeler.annotations import Shape
from labeler.project import Project
from labeler.quality.station import Station
from sync.server.console.quality import figures
from sync.station.collect import collect_from_drive
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from tests.browser import Browser
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc
from tests.sync.usb_support import relay_of

N = 4


def submit(pc: Project, worker: str, *, skip_first: int = 0) -> list[str]:
    ids = [r["id"] for r in pc.store.query("SELECT id FROM images ORDER BY seq")]
    return [
        pc.work.submit(i, [Shape.box("tree", 2, 2, 30, 40)], worker).uuid for i in ids[skip_first:]
    ]


@pytest.fixture
def reviewed(server: RunningServer, tmp_path: Path) -> Iterator[Any]:
    """Asha (4 images) and Ravi (the last 2 of them too) at Village A; Meena's station
    accepts two of Asha's, sends one back, and accepts one of Ravi's."""
    info = server.create_project("Forest", kind="boxes+multilabel")
    asha = make_pc(tmp_path / "asha", server.enroll_device(info.id, "Village A"), N)
    ravi = make_pc(tmp_path / "ravi", server.enroll_device(info.id, "Village A"), N)
    doc = server.registry.enroll_device(info.id, "Village A", server.url, supervisor="Meena")
    station_pc = make_pc(tmp_path / "station", doc, N)
    drive = tmp_path / "drive"
    drive.mkdir()
    asha_work = submit(asha, "asha")
    ravi_work = submit(ravi, "ravi", skip_first=2)
    for pc in (asha, ravi):
        export_to_drive(pc, drive)
    collect_from_drive(station_pc, drive)
    station = Station(station_pc)
    station.decide(asha_work[0], "Meena", "accept")
    station.decide(asha_work[1], "Meena", "accept")
    station.decide(asha_work[2], "Meena", "reject", reason="loose_box", note="tighter")
    station.decide(ravi_work[0], "Meena", "accept")
    export_to_drive(station_pc, drive)
    assert not push_drive(drive, [relay_of(server, info.id)]).rejected
    yield SimpleNamespace(
        id=info.id,
        accepted_sha=asha.work.submission(asha_work[0]).image_sha256,
        unreviewed_sha=asha.work.submission(asha_work[3]).image_sha256,
    )
    for pc in (asha, ravi, station_pc):
        pc.close()


def test_quality_per_centre_week_and_worker(
    chromium: Any, server: RunningServer, reviewed: Any
) -> None:
    rows = {r.worker: r for r in figures(server.storage, reviewed.id)}
    assert set(rows) == {"asha", "ravi"} and {r.centre for r in rows.values()} == {"Village A"}
    asha, ravi = rows["asha"], rows["ravi"]
    assert (asha.images, asha.reviewed, asha.accepted) == (N, 3, 2)
    assert (ravi.reviewed, ravi.accepted, ravi.agreement) == (1, 1, 1.0)
    assert asha.gold_scored == 0  # no gold image yet: no figure, not 0%

    browser = Browser(chromium, server.url, locale="hi-IN")
    try:
        browser.sign_in(server.admin_token, "/admin/quality")
        page = browser.page
        assert page.locator("p.empty").count() == 0
        row = page.locator("table.quality tr", has_text="asha").inner_text()
        assert "67% (2/3)" in row and "—" in row and "Village A" in row
        assert "1.00" in page.locator("table.quality tr", has_text="ravi").inner_text()
        assert "गुणवत्ता" in page.inner_text("h1")
        # agreement per pair of workers, with kappa (boxes only here: no image classes)
        pair = page.locator("table.pairs tbody tr").inner_text()
        assert "asha · ravi" in pair and "1.00" in pair and "—" in pair
        assert "कप्पा" in page.inner_text("table.pairs thead")
    finally:
        browser.close()


def test_no_station_records_yet_is_said_plainly(chromium: Any, server: RunningServer) -> None:
    server.create_project("Forest")
    browser = Browser(chromium, server.url, locale="hi-IN")
    try:
        browser.sign_in(server.admin_token, "/admin/quality")
        assert "अभी समीक्षा का कोई डेटा नहीं" in browser.page.inner_text("p.empty")
        assert browser.page.title().endswith("— HITL Labeler") and "<" not in browser.page.title()
    finally:
        browser.close()


def test_the_admin_marks_a_gold_image_from_the_quality_page(
    chromium: Any, server: RunningServer, reviewed: Any
) -> None:
    browser = Browser(chromium, server.url, locale="hi-IN")
    try:
        browser.sign_in(server.admin_token, "/admin/quality")
        page = browser.page
        page.fill("input[name=image]", reviewed.accepted_sha)
        page.click("form[action$='/quality/gold'] button")
        assert "अब जाँच-चित्र है" in page.inner_text("p.notice")
        assert reviewed.accepted_sha[:12] in page.inner_text("table.gold")
        # again: refused, said in Hindi, the server's words under it
        page.fill("input[name=image]", reviewed.accepted_sha)
        page.click("form[action$='/quality/gold'] button")
        notice = page.inner_text("p.notice.refused")
        assert "पहले से जाँच-चित्र है" in notice and "gold already" in notice
        # nobody reviewed that image's work: no answer to take
        page.fill("input[name=image]", reviewed.unreviewed_sha)
        page.click("form[action$='/quality/gold'] button")
        assert "स्टेशन पर इसकी जाँच करें" in page.inner_text("p.notice.refused")
        assert page.locator("table.gold tbody tr").count() == 1
    finally:
        browser.close()
    pack = server.registry.pack(reviewed.id, reader="station")["pack"]
    assert [g["image_sha256"] for g in pack["gold"]] == [reviewed.accepted_sha]
