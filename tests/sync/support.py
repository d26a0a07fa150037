"""Test support for the PC side: enrollment files and receipts signed like the server signs them.

Only for unit tests of the outbox and enrollment; the end-to-end tests use the real server.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from labeler.project import Project
from labeler.store import now
from labeler.taxonomy import Taxonomy
from sync.bundle import encode_secret, read_bundle
from sync.enrollment import enroll
from sync.signing import generate_private_key, public_key_of, sign_json


class FakeServerKey:
    """A server signing key, as ``labeler-server init`` makes one."""

    def __init__(self) -> None:
        self.private = generate_private_key()
        self.public = public_key_of(self.private)

    def pack(self, project_id: str, taxonomy: Taxonomy, kind: str, version: int = 1) -> dict:
        body = {
            "format": "hitl-project-pack",
            "project_id": project_id,
            "name": "Server project",
            "kind": kind,
            "taxonomy_version": version,
            "taxonomy": json.loads(taxonomy.to_json()),
            "instructions": "Draw a box around every tree.",
            "server_public_key": self.public,
        }
        return {"pack": body, "signature": sign_json(body, self.private)}

    def enrollment(
        self,
        folder: Path,
        taxonomy: Taxonomy,
        *,
        kind: str = "boxes+polygons+points+polylines+multilabel",
        project_id: str = "srv-proj-1",
        device_id: str = "dev-0001",
        url: str = "http://127.0.0.1:9",
    ) -> Path:
        doc = {
            "format": "hitl-enrollment",
            "version": 1,
            "server_url": url,
            "project_id": project_id,
            "centre": "Centre A",
            "device_id": device_id,
            "device_secret": encode_secret(os.urandom(32)),
            "server_public_key": self.public,
            "pack": self.pack(project_id, taxonomy, kind),
        }
        path = folder / f"{device_id}.hitl-enroll"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    def receipt(self, data: bytes, secret: bytes, *, rejected: tuple[str, ...] = ()) -> dict:
        """What the server answers for a bundle: everything accepted except ``rejected``."""
        b = read_bundle(data, secret_for=lambda _d: secret)
        uuids = [r["uuid"] for r in b.submissions + b.proposals + b.feedback]
        uuids += [r["uuid"] for records in b.quality.values() for r in records]
        body: dict[str, Any] = {
            "project_id": b.project_id,
            "device_id": b.device_id,
            "seq": b.seq,
            "bundle_sha256": b.sha256,
            "received_at": now(),
            "accepted": [u for u in uuids if u not in rejected],
            "duplicates": [],
            "rejected": [{"uuid": u, "reason": "label not in taxonomy"} for u in rejected],
        }
        return {"receipt": body, "signature": sign_json(body, self.private)}


def image_ids(project: Project) -> list[int]:
    """The project's image ids in queue order."""
    return [r["id"] for r in project.store.query("SELECT id FROM images ORDER BY seq")]


def make_pc(
    folder: Path,
    enrollment: dict | None,
    n_images: int,
    *,
    start: int = 0,
    kind: str = "boxes+multilabel",
) -> Project:
    """A PC: a project over ``n_images`` real images, enrolled with ``enrollment`` if given."""
    from labeler import taxonomy
    from tests.conftest import TAXONOMY_TEXT, make_images

    make_images(folder / "images", n_images, start=start)
    project = Project.create(
        folder / "pc.hitl",
        name="PC project",
        image_root=folder / "images",
        kind=kind,
        taxonomy=taxonomy.parse(TAXONOMY_TEXT),
    )
    project.index.scan()
    project.index.hash_pending()
    if enrollment is not None:
        path = folder / "pc.hitl-enroll"
        path.write_text(json.dumps(enrollment), encoding="utf-8")
        enroll(project, path)
    return project


def label_all(project: Project, worker: str = "asha") -> list[str]:
    """Submit every to-do image with a box or two and a tag; returns the submission uuids."""
    from labeler.annotations import Shape

    ids = [r["id"] for r in project.store.query("SELECT id FROM images ORDER BY seq")]
    out = []
    for k, image_id in enumerate(ids):
        shapes = [Shape.box("tree", 1.5 + k % 20, 2.25, 30.125, 40.5), Shape.tag("house")]
        if k % 3 == 0:
            shapes.append(Shape.box("cattle", 5, 5, 60, 44.75))
        out.append(project.work.submit(image_id, shapes, worker).uuid)
    return out
