"""The model report card at the station: the PCs' model feedback is kept when collecting (by
drive and by network) and the card is built with the same report code as the PC's and the
server's (``labeler.models.report``)."""

from __future__ import annotations

from pathlib import Path

import requests

from labeler.annotations import Shape
from labeler.models.outcomes import from_suggestion, submit_with_suggestions
from labeler.models.predictions import Prediction
from labeler.models.report import report_card, station_items
from sync.client import SyncClient
from sync.station.collect import collect_from_drive
from sync.station.network import collect_from_server
from sync.usb.export import export_to_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import image_ids

MODEL = "ab" * 32


def label_with_model(pc) -> None:  # type: ignore[no-untyped-def]
    """Image 1: the tree suggestion accepted, the house one rejected; image 2: the tree
    suggestion relabeled a house; image 3: a tree the model missed, drawn by hand."""
    ids = image_ids(pc)
    tree = Prediction(Shape.box("tree", 2, 2, 30, 40), 0.9)
    house = Prediction(Shape.box("house", 40, 5, 60, 30), 0.6)
    submit_with_suggestions(
        pc, ids[0], [from_suggestion(tree, 0)], "asha", model_sha256=MODEL,
        predictions=[tree, house], rejected={1},
    )  # fmt: skip
    relabeled = Shape("box", "house", tree.shape.points, {"suggestion": 0})
    submit_with_suggestions(pc, ids[1], [relabeled], "asha", model_sha256=MODEL, predictions=[tree])
    submit_with_suggestions(
        pc, ids[2], [Shape.box("tree", 3, 3, 20, 20)], "asha", model_sha256=MODEL,
        predictions=[house], rejected={0},
    )  # fmt: skip


def test_the_station_keeps_the_pcs_feedback_and_builds_the_card(
    server: RunningServer, centre, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info, asha_pc, station_pc = centre
    label_with_model(asha_pc)
    drive = tmp_path / "drive"
    drive.mkdir()
    export_to_drive(asha_pc, drive)
    collect_from_drive(station_pc, drive)
    items = station_items(station_pc)
    assert len(items) == 3 and {i.worker for i in items} == {"asha"}
    card = report_card(items)[MODEL]
    tree, house = card.labels["tree"], card.labels["house"]
    assert (tree.tp, tree.fp, tree.fn) == (1, 1, 1)  # right once, relabeled once, missed once
    assert (house.tp, house.fp, house.fn) == (0, 2, 1)
    assert card.images == 3 and len(card.hard) == 3
    collect_from_drive(station_pc, drive)
    assert len(station_items(station_pc)) == 3  # kept once

    # the same card the server makes from what it received (one report code)
    SyncClient(asha_pc).sync_once()
    got = requests.get(
        f"{server.url}/v1/models/report",
        params={"project": info.id},
        headers=server.admin_headers,
        timeout=10,
    ).json()
    (server_card,) = [c for c in got["models"] if c["model_sha256"] == MODEL]
    assert server_card["labels"] == card.to_dict()["labels"]


def test_a_station_with_a_link_collects_the_feedback_too(server: RunningServer, centre) -> None:  # type: ignore[no-untyped-def]
    _info, asha_pc, station_pc = centre
    label_with_model(asha_pc)
    SyncClient(asha_pc).sync_once()
    collect_from_server(station_pc, SyncClient(station_pc).http)
    assert report_card(station_items(station_pc))[MODEL].images == 3
