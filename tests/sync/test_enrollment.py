"""Enrolling a PC: the file is checked, the secret stays out of the project file, work is kept."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from labeler.annotations import Shape
from labeler.project import Project
from labeler.taxonomy import Taxonomy, from_names
from sync.enrollment import enroll, read_enrollment
from sync.errors import EnrollmentError, NotEnrolledError
from sync.identity import is_enrolled, load_identity, secret_path
from sync.outbox import Outbox
from tests.sync.support import FakeServerKey


def test_standalone_project_enrolls_and_keeps_its_work(
    project: Project, tmp_path: Path, tax: Taxonomy
) -> None:
    image_id = int(project.store.scalar("SELECT min(id) FROM images"))
    project.work.submit(image_id, [Shape.box("tree", 1, 1, 20, 20)], "asha")
    with pytest.raises(NotEnrolledError):
        load_identity(project)
    key = FakeServerKey()
    server_tax = from_names(["tree", "house", "cattle", "goat"])
    path = key.enrollment(tmp_path, server_tax)
    e = enroll(project, path)
    assert is_enrolled(project)
    ident = load_identity(project)
    assert (ident.device_id, ident.project_id, ident.server_public_key) == (
        e.device_id,
        "srv-proj-1",
        key.public,
    )
    # the secret is in the per-user keys folder, private, and not in the project file
    sp = secret_path(e.device_id)
    assert sp.read_text().strip() == e.device_secret
    if os.name == "posix":
        assert stat.S_IMODE(sp.stat().st_mode) == 0o600
    assert e.device_secret.encode() not in Path(project.path).read_bytes()
    # the pack's taxonomy is the new version; the old work is still there and now pending
    assert "goat" in project.taxonomy.ids()
    assert project.taxonomy_version == 2
    assert project.store.get_meta("instructions") == "Draw a box around every tree."
    counts = Outbox(project).counts()
    assert (counts.pending, counts.unbundled, counts.delivered) == (1, 1, 0)
    # enrolling again with the same file changes nothing
    enroll(project, path)
    assert project.taxonomy_version == 2


def bad_file(tmp_path: Path, doc: object, name: str = "bad.hitl-enroll") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return p


def test_bad_enrollment_files_are_refused(project: Project, tmp_path: Path, tax: Taxonomy) -> None:
    key = FakeServerKey()
    good = json.loads(key.enrollment(tmp_path, tax).read_text())
    cases = {
        "not json": "{{{",
        "other format": {**good, "format": "zip"},
        "newer version": {**good, "version": 9},
        "no secret": {**good, "device_secret": ""},
        "bad url": {**good, "server_url": "ftp://x"},
        "forged pack": {
            **good,
            "pack": {**good["pack"], "pack": {**good["pack"]["pack"], "name": "x"}},
        },
        "pack by another key": {**good, "server_public_key": FakeServerKey().public},
        "pack for another project": {**good, "project_id": "other"},
    }
    for why, doc in cases.items():
        with pytest.raises(EnrollmentError) as exc:
            enroll(project, bad_file(tmp_path, doc))
        assert "bad.hitl-enroll" in str(exc.value), why
    with pytest.raises(EnrollmentError):
        read_enrollment(tmp_path / "missing.hitl-enroll")
    assert not is_enrolled(project)
    assert project.taxonomy_version == 1


def test_kind_mismatch_with_existing_work_is_refused(
    project: Project, tmp_path: Path, tax: Taxonomy
) -> None:
    image_id = int(project.store.scalar("SELECT min(id) FROM images"))
    project.work.submit(image_id, [Shape.box("tree", 1, 1, 20, 20)], "asha")
    path = FakeServerKey().enrollment(tmp_path, tax, kind="classification")
    with pytest.raises(EnrollmentError, match="classification"):
        enroll(project, path)
    assert not is_enrolled(project)


def test_a_plain_http_server_elsewhere_is_refused_unless_allowed(
    project: Project, tmp_path: Path, tax: Taxonomy
) -> None:
    """A device secret must not cross a network in clear text by accident."""
    from sync.enrollment import plain_http_elsewhere

    key = FakeServerKey()
    for url, refused in (
        ("http://203.0.113.5:8000", True),
        ("http://hitl.example.org", True),
        ("https://hitl.example.org", False),
        ("http://127.0.0.1:8000", False),
        ("http://localhost:8000", False),
        ("http://[::1]:8000", False),
    ):
        assert plain_http_elsewhere(url) is refused, url
    path = key.enrollment(tmp_path, tax, url="http://203.0.113.5:8000")
    with pytest.raises(EnrollmentError, match=r"plain http.*--allow-insecure-http"):
        enroll(project, path)
    assert not is_enrolled(project)
    e = enroll(project, path, allow_insecure_http=True)  # said explicitly: a closed network
    assert is_enrolled(project) and e.server_url == "http://203.0.113.5:8000"
