"""A proposal is committed at once; its picture is cut afterwards and set once
(``labeler.proposal_pictures``), and the outbox never packs one before its picture is made
or given up."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from labeler import proposal_pictures as pictures
from labeler.annotations import Shape
from labeler.project import Project
from labeler.store import Store
from tests.labeler.test_crops import photo_project  # noqa: F401 (a fixture)


def test_a_proposal_is_kept_before_its_picture_is_cut(photo_project: Project) -> None:  # noqa: F811
    """What a kill right after "propose" leaves: the proposal on disk, its picture pending;
    the next pack cuts the picture first."""
    p = photo_project
    rec = p.queue.by_path("big.jpg")
    assert rec is not None
    region = Shape.box("proposed", 100, 50, 200, 150)
    prop = p.work.propose(rec.id, "Bullock cart", "carts", "asha", region, picture_later=True)
    assert prop.crop is None
    # another connection (the app after a restart) sees it committed, picture pending
    other = Store.open(p.store.path, check=False)
    try:
        [row] = other.query("SELECT name, crop, crop_state FROM proposals")
    finally:
        other.close()
    assert row == {"name": "Bullock cart", "crop": None, "crop_state": "pending"}
    assert pictures.pending(p) == [prop.uuid]
    assert pictures.settle(p) == 1
    [stored] = p.work.proposals()
    assert stored.crop is not None and stored.crop.startswith(b"\xff\xd8\xff")
    assert pictures.pending(p) == [] and pictures.settle(p) == 0
    assert pictures.make(p, prop.uuid) == stored.crop  # a second cut changes nothing
    p.close()


def test_a_picture_whose_image_went_away_is_given_up(photo_project: Project) -> None:  # noqa: F811
    p = photo_project
    rec = p.queue.by_path("big.jpg")
    assert rec is not None
    prop = p.work.propose(rec.id, "cart", "carts", "asha", picture_later=True)
    os.remove(p.index.abspath("big.jpg"))
    assert pictures.make(p, prop.uuid) is None
    [row] = p.store.query("SELECT crop, crop_state FROM proposals")
    assert row == {"crop": None, "crop_state": "none"}
    p.close()


def test_the_proposal_stays_immutable_and_its_picture_is_set_once(
    photo_project: Project,  # noqa: F811
) -> None:
    p = photo_project
    rec = p.queue.by_path("big.jpg")
    assert rec is not None
    prop = p.work.propose(rec.id, "cart", "carts", "asha")
    assert prop.crop is not None
    immutable = pytest.raises(sqlite3.DatabaseError, match="a proposal is immutable")
    with immutable, p.store.write() as db:
        db.execute("UPDATE proposals SET name = 'other' WHERE uuid = ?", (prop.uuid,))
    once = pytest.raises(sqlite3.DatabaseError, match="picture is set once")
    with once, p.store.write() as db:
        db.execute("UPDATE proposals SET crop = NULL WHERE uuid = ?", (prop.uuid,))
    assert p.work.proposals()[0].crop == prop.crop
    p.close()


KILLED_AFTER_PROPOSING = textwrap.dedent(
    """
    import os, signal, sys
    from labeler.project import Project

    p = Project.open(sys.argv[1])
    rec = p.queue.by_path("big.jpg")
    p.work.propose(rec.id, "cart", "carts", "asha", picture_later=True)
    os.kill(os.getpid(), signal.SIGKILL)  # before anyone cuts the picture
    """
)


def test_a_kill_right_after_proposing_keeps_the_proposal(photo_project: Project) -> None:  # noqa: F811
    """The app dies between "propose" and its picture: the proposal is there at the next
    start, its picture pending, and cut then (the outbox does it before packing)."""
    path = photo_project.store.path
    photo_project.close()
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_PROPOSING, path], env=env, timeout=60, check=False
    )
    assert child.returncode == -9
    with Project.open(path) as p:
        [prop] = p.work.proposals()
        assert prop.name == "cart" and prop.crop is None
        assert pictures.pending(p) == [prop.uuid]
        assert pictures.settle(p) == 1
        assert p.work.proposals()[0].crop is not None
