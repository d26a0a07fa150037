"""Who and what the server knows: projects and their taxonomy versions, devices, relays, admin.

Also makes the signed documents those identities carry: the project pack and the
enrollment file of a device (PROTOCOL.md), and the relay credentials of a supervisor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import bindparam, func, or_, select

from labeler.annotations import AnnotationKind
from labeler.errors import LabelerError
from labeler.taxonomy import Taxonomy
from sync import gold_seal
from sync.server import answers, gold, quality
from sync.server import storage as db
from sync.server.credentials import (
    ADMIN_ID,
    DEVICE_PREFIX,
    PROJECT_PREFIX,
    RELAY_PREFIX,
    ServerKey,
    new_id,
    new_secret,
    same_secret,
    token_sha256,
)
from sync.server.errors import ForbiddenError, NotFoundError, ServerError, UnauthorizedError
from sync.server.keyring import SEALED_PREFIX, MasterKey, is_sealed
from sync.server.storage import Storage, utcnow
from sync.signing import sign_json

ADMIN_TOKEN_KEY = "admin_token_sha256"
Role = Literal["device", "relay", "admin"]
Reader = Literal["worker", "station", "relay"]  # who a project pack is made for


@dataclass(frozen=True)
class Principal:
    """The caller of a request, after its credentials were checked."""

    role: Role
    id: str
    project_id: str | None = None  # None for the admin (all projects)
    # a device's stored row as read to check its credentials: the upload that follows
    # checks the bundle's signature with it rather than reading it again
    device: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ProjectInfo:
    id: str
    name: str
    kind: str
    instructions: str
    taxonomy_version: int
    taxonomy: Taxonomy


class Registry:
    """Projects, devices, relays and the admin token, over one ``Storage``."""

    def __init__(self, storage: Storage, key: ServerKey, master: MasterKey) -> None:
        self.storage = storage
        self.key = key
        self.master = master

    # ---------------------------------------------------------------- admin token
    def set_admin_token(self) -> str:
        """Make a new admin token; only its hash is stored. Returns the bearer credential."""
        secret = new_secret()
        self.storage.set_meta(ADMIN_TOKEN_KEY, token_sha256(secret))
        return f"{ADMIN_ID}.{secret}"

    # ---------------------------------------------------------------- projects
    def create_project(
        self, name: str, taxonomy: Taxonomy, kind: str, instructions: str = ""
    ) -> ProjectInfo:
        name = name.strip()
        if not name:
            raise ServerError("give the project a name")
        try:
            parsed = AnnotationKind.parse(kind)
        except LabelerError as exc:
            raise ServerError(f"annotation kind {kind!r}: {exc}") from None
        stamp = utcnow()
        pid = new_id(PROJECT_PREFIX)
        with self.storage.write() as conn:
            if conn.execute(select(db.projects.c.id).where(db.projects.c.name == name)).first():
                raise ServerError(f"a project named {name!r} exists already; choose another name")
            conn.execute(
                db.projects.insert().values(
                    id=pid,
                    name=name,
                    kind=str(parsed),
                    instructions=instructions,
                    created_at=stamp,
                )
            )
            conn.execute(
                db.taxonomies.insert().values(
                    project_id=pid, version=1, taxonomy=taxonomy.to_json(), created_at=stamp
                )
            )
        return self.project(pid)

    def update_taxonomy(self, project_ref: str, taxonomy: Taxonomy) -> ProjectInfo:
        """A new taxonomy version; labels it drops stay as retired (old work keeps meaning)."""
        current = self.project(project_ref)
        merged = current.taxonomy.merged_with(taxonomy)
        with self.storage.write() as conn:
            conn.execute(
                db.taxonomies.insert().values(
                    project_id=current.id,
                    version=current.taxonomy_version + 1,
                    taxonomy=merged.to_json(),
                    created_at=utcnow(),
                )
            )
        return self.project(current.id)

    def project(self, ref: str) -> ProjectInfo:
        """A project by id or by name."""
        p, t = db.projects, db.taxonomies
        with self.storage.read() as conn:
            row = conn.execute(select(p).where(or_(p.c.id == ref, p.c.name == ref))).first()
            if row is None:
                raise NotFoundError(
                    f"no project {ref!r}; `labeler-server create-project` makes one"
                )
            tax = conn.execute(
                select(t.c.version, t.c.taxonomy)
                .where(t.c.project_id == row.id)
                .order_by(t.c.version.desc())
                .limit(1)
            ).one()
        return _project_info(row, tax.version, tax.taxonomy)

    def taxonomy(self, project_id: str, version: int | None = None) -> Taxonomy:
        t = db.taxonomies
        query = select(t.c.taxonomy).where(t.c.project_id == project_id)
        if version is not None:
            query = query.where(t.c.version == version)
        with self.storage.read() as conn:
            text = conn.execute(query.order_by(t.c.version.desc()).limit(1)).scalar()
        if text is None:
            raise NotFoundError(f"project {project_id} has no taxonomy version {version}")
        return Taxonomy.from_json(text)

    def projects(self) -> list[ProjectInfo]:
        """Every project with its latest taxonomy, oldest first: one query however many."""
        p, t = db.projects, db.taxonomies
        latest = (
            select(t.c.project_id, func.max(t.c.version).label("version"))
            .group_by(t.c.project_id)
            .subquery()
        )
        query = (
            select(p, t.c.version.label("tax_version"), t.c.taxonomy.label("tax_text"))
            .join(latest, latest.c.project_id == p.c.id)
            .join(t, (t.c.project_id == p.c.id) & (t.c.version == latest.c.version))
            .order_by(p.c.created_at)
        )
        with self.storage.read() as conn:
            rows = conn.execute(query).all()
        return [_project_info(r, r.tax_version, r.tax_text) for r in rows]

    def default_project(self, ref: str | None) -> ProjectInfo:
        """``ref``, or the only project when there is just one."""
        if ref:
            return self.project(ref)
        with self.storage.read() as conn:
            ids = conn.execute(select(db.projects.c.id).limit(2)).scalars().all()
        if len(ids) != 1:
            raise ServerError(
                "name the project (--project NAME, or ?project= in the API)"
                if ids
                else "there is no project yet; `labeler-server create-project` makes one"
            )
        return self.project(ids[0])

    def pack(self, project_id: str, *, reader: Reader = "worker") -> dict[str, Any]:
        """The signed project pack of PROTOCOL.md, for ``reader``: gold answers the admin
        marked go to a supervisor ``station`` in the clear, with the project's gold key; to a
        ``relay`` sealed (``gold_sealed``: its pack is written onto drives that go round the
        workers' PCs); a ``worker`` PC learns their version only."""
        info = self.project(project_id)
        pack = {
            "format": "hitl-project-pack",
            "project_id": info.id,
            "name": info.name,
            "kind": info.kind,
            "taxonomy_version": info.taxonomy_version,
            "taxonomy": json.loads(info.taxonomy.to_json()),
            "instructions": info.instructions,
            "server_public_key": self.key.public,
            "model": self._active_model(info.id),
            "answers_version": answers.version(self.storage, info.id),
            "answers": answers.for_pack(self.storage, info.id),
        }
        stations = quality.supervisors(self.storage, info.id)
        if stations:  # packs of projects without a station stay as they were
            pack["supervisors"] = stations
        with self.storage.read() as conn:  # gold the admin marked (issue 12); else unchanged
            gold_version = gold.version(conn, info.id)
            if gold_version:
                pack["gold_version"] = gold_version
                if reader == "station":
                    pack["gold"] = gold.for_pack(conn, info.id)
                elif reader == "relay":
                    pack["gold_sealed"] = gold_seal.seal(
                        self.gold_key(info.id), info.id, gold_version, gold.for_pack(conn, info.id)
                    )
        if reader == "station":  # even before any gold: a USB-only station needs it later
            pack["gold_key"] = gold_seal.encode_key(self.gold_key(info.id))
        return {"pack": pack, "signature": sign_json(pack, self.key.private)}

    def gold_key(self, project_id: str) -> bytes:
        """The key sealing the project's gold answers for its stations (derived from the
        master key: the same on every host, nothing stored)."""
        return self.master.derive(f"gold-key:{project_id}")

    def _active_model(self, project_id: str) -> dict[str, Any] | None:
        """The pack's ``model``: the active model's settings, SHA-256 and size (issue 15)."""
        m = db.models
        with self.storage.read() as conn:
            row = conn.execute(
                select(m.c.spec, m.c.size).where(m.c.project_id == project_id, m.c.active == 1)
            ).first()
        return None if row is None else {**json.loads(row.spec), "size": row.size}

    # ---------------------------------------------------------------- devices and relays
    def enroll_device(
        self, project_ref: str, centre: str, server_url: str, supervisor: str | None = None
    ) -> dict[str, Any]:
        """Register a PC; returns the enrollment file's content (holds the device secret).
        With ``supervisor`` (her name) the PC is a supervisor station: it gets a signing key
        (in the file only) and the project pack lists it."""
        info = self.project(project_ref)
        centre = centre.strip()
        if not centre:
            raise ServerError("name the centre the PC is in (--centre NAME)")
        device_id, secret = new_id(DEVICE_PREFIX), new_secret()
        with self.storage.write() as conn:
            conn.execute(
                db.devices.insert().values(
                    id=device_id,
                    project_id=info.id,
                    centre=centre,
                    secret=self.master.seal(secret, _device_context(device_id)),
                    created_at=utcnow(),
                )
            )
        station_key = (
            quality.add_supervisor(self.storage, device_id, info.id, supervisor)
            if supervisor is not None
            else None
        )
        doc = {
            "format": "hitl-enrollment",
            "version": 1,
            "server_url": server_url,
            "project_id": info.id,
            "centre": centre,
            "device_id": device_id,
            "device_secret": secret,
            "server_public_key": self.key.public,
            "pack": self.pack(info.id, reader="station" if supervisor is not None else "worker"),
        }
        if station_key:
            doc["station_key"] = station_key
        return doc

    def enroll_relay(self, project_ref: str, name: str, server_url: str) -> dict[str, Any]:
        """Credentials a supervisor's machine uses to upload bundles of any device of a project."""
        info = self.project(project_ref)
        relay_id, secret = new_id(RELAY_PREFIX), new_secret()
        with self.storage.write() as conn:
            conn.execute(
                db.relays.insert().values(
                    id=relay_id,
                    project_id=info.id,
                    name=name.strip() or "supervisor",
                    token_sha256=token_sha256(secret),
                    created_at=utcnow(),
                )
            )
        return {
            "format": "hitl-relay",
            "version": 1,
            "server_url": server_url,
            "project_id": info.id,
            "relay_id": relay_id,
            "token": f"{relay_id}.{secret}",
            "server_public_key": self.key.public,
        }

    def revoke_device(self, device_id: str) -> None:
        with self.storage.write() as conn:
            done = conn.execute(
                db.devices.update()
                .where(db.devices.c.id == device_id, db.devices.c.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            if done.rowcount == 0:
                exists = conn.execute(
                    select(func.count()).where(db.devices.c.id == device_id)
                ).scalar()
                if not exists:
                    raise NotFoundError(f"no device {device_id!r}")

    def revoke_relay(self, relay_id: str) -> None:
        with self.storage.write() as conn:
            done = conn.execute(
                db.relays.update().where(db.relays.c.id == relay_id).values(revoked_at=utcnow())
            )
            if done.rowcount == 0:
                raise NotFoundError(f"no relay {relay_id!r}")

    def device(self, device_id: str) -> Any:
        """The stored row of a device (id, project_id, centre, secret, revoked_at), or None.

        ``secret`` is sealed; ``device_secret(row)`` opens it."""
        with self.storage.lookup() as conn:
            return conn.execute(_DEVICE, {"id": device_id}).first()

    def device_secret(self, row: Any) -> str:
        """The device's secret as enrolled (it keys the HMAC of its bundles)."""
        if is_sealed(row.secret):
            return self.master.open(row.secret, _device_context(row.id))
        return row.secret  # stored before secrets were sealed; `seal_clear_secrets` seals it

    def seal_clear_secrets(self) -> int:
        """Seal device secrets stored in the clear by an older server; returns how many."""
        d = db.devices
        with self.storage.write() as conn:
            rows = conn.execute(
                select(d.c.id, d.c.secret).where(~d.c.secret.startswith(SEALED_PREFIX))
            )
            clear = rows.all()
            for row in clear:
                sealed = self.master.seal(row.secret, _device_context(row.id))
                conn.execute(d.update().where(d.c.id == row.id).values(secret=sealed))
        return len(clear)

    # ---------------------------------------------------------------- authentication
    def authenticate(self, principal_id: str, secret: str) -> Principal:
        """The caller these credentials belong to; ``UnauthorizedError`` otherwise."""
        refused = UnauthorizedError(
            "these credentials are not valid here; use the ones from your enrollment file"
        )
        if principal_id == ADMIN_ID:
            stored = self.storage.get_meta(ADMIN_TOKEN_KEY)
            if stored and same_secret(secret, stored):
                return Principal("admin", ADMIN_ID)
            raise refused
        if principal_id.startswith(RELAY_PREFIX):
            with self.storage.lookup() as conn:
                row = conn.execute(select(db.relays).where(db.relays.c.id == principal_id)).first()
            if row is None or not same_secret(secret, row.token_sha256):
                raise refused
            if row.revoked_at:
                raise ForbiddenError("these relay credentials were revoked; ask the admin")
            return Principal("relay", row.id, row.project_id)
        if principal_id.startswith(DEVICE_PREFIX):
            row = self.device(principal_id)
            if row is None or not same_secret(secret, token_sha256(self.device_secret(row))):
                raise refused
            if row.revoked_at:
                raise ForbiddenError(
                    "this PC was revoked by the admin; it can no longer send work", "revoked_device"
                )
            return Principal("device", row.id, row.project_id, device=row)
        raise refused


_DEVICE = select(db.devices).where(db.devices.c.id == bindparam("id"))  # every request: built once


def _device_context(device_id: str) -> str:
    return f"device:{device_id}"


def _project_info(row: Any, version: int, taxonomy: str) -> ProjectInfo:
    """A ``projects`` row and its latest taxonomy (version, JSON) as a ``ProjectInfo``."""
    return ProjectInfo(
        row.id, row.name, row.kind, row.instructions, version, Taxonomy.from_json(taxonomy)
    )
