"""Enrollment: join a project on this PC to a project on the central server.

The supervisor brings an enrollment file (``*.hitl-enroll``, made by ``labeler-server
enroll-device``). ``enroll`` checks it (format, the project pack's signature by the server key
it names), stores the server URL, server project id, device id and server public key in the
project's meta, the device secret in the per-user keys folder (never in the project file), and
loads the pack's taxonomy as a new taxonomy version. A project that was used standalone keeps
all its work, which simply becomes pending for the outbox.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from labeler.annotations import AnnotationKind
from labeler.errors import LabelerError
from labeler.project import Project
from labeler.proposal_answers import store_answers
from labeler.store import now
from labeler.taxonomy import Taxonomy
from sync.bundle import decode_secret
from sync.errors import EnrollmentError, InsecureServerAddress
from sync.identity import (
    META_CENTRE,
    META_DEVICE,
    META_ENROLLED_AT,
    META_PUBLIC_KEY,
    META_SERVER_PROJECT,
    META_SERVER_URL,
    save_secret,
)
from sync.signing import verify_json
from sync.station.keys import save_station_key
from sync.station.roster import apply_supervisors

ENROLL_SUFFIX = ".hitl-enroll"
MAX_ENROLLMENT_BYTES = 1024 * 1024  # a taxonomy and instructions; far below this
META_SERVER_TAXONOMY = "server_taxonomy_version"
META_TAXONOMY_MAP = "server_taxonomy_map"  # JSON [[local version, server version], ...]
META_SERVER_ANSWERS = "server_answers_version"  # answers to proposals, as the pack numbers them
META_INSTRUCTIONS = "instructions"


@dataclass(frozen=True)
class Enrollment:
    """A checked enrollment file."""

    server_url: str
    project_id: str
    centre: str
    device_id: str
    device_secret: str
    server_public_key: str
    pack: dict[str, Any]  # the verified pack body (not the signed wrapper)
    station_key: str | None = None  # a supervisor station's Ed25519 private key (base64)


def verify_pack(document: Any, public_key_b64: str, *, project_id: str | None = None) -> dict:
    """The pack body if it is signed by the server key (and for ``project_id``), else raise."""
    if not isinstance(document, dict) or not isinstance(document.get("pack"), dict):
        raise EnrollmentError("the project pack is malformed (no 'pack' object)")
    pack, signature = document["pack"], document.get("signature")
    if not isinstance(signature, str) or not verify_json(pack, signature, public_key_b64):
        raise EnrollmentError(
            "the project pack is not signed by the project's server (altered or forged);"
            " ask the admin for a new file"
        )
    if pack.get("format") != "hitl-project-pack":
        raise EnrollmentError("the project pack has an unknown format")
    if project_id is not None and pack.get("project_id") != project_id:
        raise EnrollmentError(
            f"the project pack is for project {pack.get('project_id')!r}, not {project_id!r}"
        )
    for key in ("taxonomy_version", "taxonomy", "kind"):
        if key not in pack:
            raise EnrollmentError(f"the project pack has no {key!r}")
    if not isinstance(pack["taxonomy_version"], int):
        raise EnrollmentError("the project pack's taxonomy version is not a number")
    return pack


def pack_taxonomy(pack: dict[str, Any]) -> Taxonomy:
    tax = pack["taxonomy"]
    try:
        return Taxonomy.from_json(tax if isinstance(tax, str) else json.dumps(tax))
    except LabelerError as exc:
        raise EnrollmentError(f"the project pack's taxonomy is malformed ({exc})") from exc


def plain_http_elsewhere(url: str) -> bool:
    """True for an ``http://`` address of another machine: a device secret sent there
    travels in clear text. Loopback (``localhost``, ``127.x``, ``::1``) is not elsewhere."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


INSECURE_HINT = (
    "PCs would send their secret and work in clear text over the network. Use an https://"
    " address (a TLS reverse proxy; README, 'Run the server for many centres'), or, on a"
    " closed network only, allow it explicitly with --allow-insecure-http"
)


def read_enrollment(path: str | Path, *, allow_insecure_http: bool = False) -> Enrollment:
    """Read and check an enrollment file; ``EnrollmentError`` names what is wrong.

    A plain-http server address of another machine is refused unless ``allow_insecure_http``.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_ENROLLMENT_BYTES + 1)
    except OSError as exc:
        raise EnrollmentError(f"{path}: cannot read the enrollment file ({exc.strerror})") from exc
    if len(raw) > MAX_ENROLLMENT_BYTES:
        raise EnrollmentError(f"{path}: too large for an enrollment file")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise EnrollmentError(f"{path}: not an enrollment file (not JSON)") from exc
    if not isinstance(doc, dict) or doc.get("format") != "hitl-enrollment":
        raise EnrollmentError(f"{path}: not an enrollment file (format is not hitl-enrollment)")
    if doc.get("version") != 1:
        raise EnrollmentError(
            f"{path}: enrollment version {doc.get('version')!r} is not known; update the program"
        )
    for key in ("server_url", "project_id", "device_id", "device_secret", "server_public_key"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            raise EnrollmentError(f"{path}: the enrollment file has no {key!r}")
    url = doc["server_url"].strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise EnrollmentError(f"{path}: server_url {url!r} is not an http(s) address")
    if plain_http_elsewhere(url) and not allow_insecure_http:
        raise InsecureServerAddress(
            f"{path}: the server address {url} is plain http. {INSECURE_HINT}", url
        )
    try:
        decode_secret(doc["device_secret"])
    except ValueError as exc:
        raise EnrollmentError(f"{path}: the device secret is malformed ({exc})") from exc
    try:
        pack = verify_pack(doc.get("pack"), doc["server_public_key"], project_id=doc["project_id"])
    except EnrollmentError as exc:
        raise EnrollmentError(f"{path}: {exc}") from exc
    if pack.get("server_public_key", doc["server_public_key"]) != doc["server_public_key"]:
        raise EnrollmentError(f"{path}: the pack and the file name different server keys")
    return Enrollment(
        server_url=url,
        project_id=doc["project_id"],
        centre=str(doc.get("centre") or ""),
        device_id=doc["device_id"],
        device_secret=doc["device_secret"].strip(),
        server_public_key=doc["server_public_key"],
        pack=pack,
        station_key=doc["station_key"] if isinstance(doc.get("station_key"), str) else None,
    )


def pack_answers_version(pack: dict[str, Any]) -> int:
    value = pack.get("answers_version")
    return value if isinstance(value, int) and value >= 0 else 0


def pack_is_newer(project: Project, pack: dict[str, Any]) -> bool:
    """A newer taxonomy version, newer answers to proposals, or newer gold marks than this
    PC holds."""
    from sync.station.pack_gold import held_gold_version, pack_gold_version

    have_tax = int(project.store.get_meta(META_SERVER_TAXONOMY) or 0)
    have_answers = int(project.store.get_meta(META_SERVER_ANSWERS) or 0)
    return (
        int(pack["taxonomy_version"]) > have_tax
        or pack_answers_version(pack) > have_answers
        or pack_gold_version(pack) > held_gold_version(project)
    )


def apply_pack(project: Project, pack: dict[str, Any], *, gold: bool = True) -> int:
    """Load a verified pack's taxonomy (a new local version if it changed) and the admin's
    answers to this PC's label proposals; returns the local taxonomy version. ``gold=False``:
    the caller applies the pack's gold itself (``apply_pack_gold``), to report on it.

    The PC numbers its taxonomy versions itself; the local version the pack became is
    remembered beside the server's number (``server_taxonomy_version``), so records travel
    naming a version the server has."""
    version = project.update_taxonomy(
        pack_taxonomy(pack), source=f"server pack v{pack['taxonomy_version']}"
    )
    pairs = _version_map(project)
    if [version, pack["taxonomy_version"]] not in pairs:
        pairs.append([version, pack["taxonomy_version"]])
        project.store.set_meta(META_TAXONOMY_MAP, json.dumps(sorted(pairs)))
    project.store.set_meta(META_SERVER_TAXONOMY, str(pack["taxonomy_version"]))
    if isinstance(pack.get("instructions"), str):
        project.store.set_meta(META_INSTRUCTIONS, pack["instructions"])
    if isinstance(pack.get("answers"), list):
        store_answers(project, pack["answers"])
    project.store.set_meta(META_SERVER_ANSWERS, str(pack_answers_version(pack)))
    from sync.models import apply_pack_model  # the model named by the pack (issue 15)

    apply_pack_model(project, pack)
    apply_supervisors(project, pack)
    if gold:
        from sync.station.pack_gold import apply_pack_gold  # after the role is known (issue 12)

        apply_pack_gold(project, pack)
    return version


def _version_map(project: Project) -> list[list[int]]:
    try:
        pairs = json.loads(project.store.get_meta(META_TAXONOMY_MAP) or "[]")
    except ValueError:
        return []
    return [p for p in pairs if isinstance(p, list) and len(p) == 2]


def server_taxonomy_version(project: Project) -> Callable[[int], int]:
    """Local taxonomy version -> the server's version it stands for: that of the latest
    server pack loaded at or before it (a local edit after a pack still names that pack;
    work from before enrollment names the first pack). Read once; call per record."""
    pairs = sorted(_version_map(project))
    latest = project.store.get_meta(META_SERVER_TAXONOMY)
    if not pairs:  # enrolled before the map was kept: the server version last loaded
        return (lambda _local: int(latest)) if latest else (lambda local: local)

    def to_server(local: int) -> int:
        found = pairs[0][1]
        for loc, srv in pairs:
            if loc <= local:
                found = srv
        return found

    return to_server


def enroll(
    project: Project, source: str | Path | Enrollment, *, allow_insecure_http: bool = False
) -> Enrollment:
    """Join ``project`` to the server project of the enrollment file. Safe to repeat."""
    e = (
        source
        if isinstance(source, Enrollment)
        else read_enrollment(source, allow_insecure_http=allow_insecure_http)
    )
    meta = project.store.get_meta
    current = meta(META_DEVICE)
    if current and current != e.device_id:
        waiting = project.store.scalar(
            "SELECT count(*) FROM bundles WHERE device_id = ? AND state IN ('pending', 'sent')",
            (current,),
        )
        if waiting:
            raise EnrollmentError(
                f"this project is enrolled as device {current} and {waiting} of its bundles"
                " are not delivered yet; sync them (or carry them by USB) before enrolling again"
            )
    kind = AnnotationKind.parse(str(e.pack["kind"]))
    if kind != project.kind:
        if project.store.scalar("SELECT count(*) FROM submissions"):
            raise EnrollmentError(
                f"this project labels {project.kind} but the server project labels {kind};"
                " create a new project for the enrollment file"
            )
        project.store.set_meta("kind", str(kind))
    save_secret(e.device_id, e.device_secret)
    if e.station_key:
        save_station_key(e.device_id, e.station_key)
    with project.store.write():
        for key, value in (
            (META_SERVER_URL, e.server_url),
            (META_SERVER_PROJECT, e.project_id),
            (META_DEVICE, e.device_id),
            (META_PUBLIC_KEY, e.server_public_key),
            (META_CENTRE, e.centre),
            (META_ENROLLED_AT, now()),
        ):
            project.store.set_meta(key, value)
        apply_pack(project, e.pack, gold=False)
    from sync.station.pack_gold import apply_pack_gold  # reads the role: after the commit

    apply_pack_gold(project, e.pack)
    return e
