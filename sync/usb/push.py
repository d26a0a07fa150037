"""On a connected machine: carry every bundle on the drive to the server, receipts back.

With a supervisor's relay credentials (``labeler-server enroll-relay``: a ``.hitl-relay``
file, or a server URL and token), every bundle of that project on the drive, from every PC,
is uploaded; each signed receipt is verified and written onto the drive for its PC, and only
then is the bundle removed from ``outgoing/``. The server is idempotent, so a bundle already
delivered by the network, or pushed before the drive was pulled, gets the same receipt and
is stored once. A bundle the server refuses (tampered, truncated, foreign, conflicting) is
moved to ``rejected/`` with its reason in the index; the good ones beside it still go. A
bundle that meets an error (the server fails on it, its receipt does not verify) stays in
``outgoing/`` for the next push, reported; the others still go. Only a lost link, refused
credentials or a failing drive stop the push. The current signed project pack is written
onto the drive for the PCs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labeler.store import now
from sync.bundle import bundle_sha256, read_manifest
from sync.enrollment import verify_pack
from sync.errors import BUNDLE_ERROR_KINDS, BundleError, ReceiptError, SyncError
from sync.http import (
    HttpSession,
    OfflineError,
    ServerBusy,
    ServerRefused,
    ServerUnavailable,
    Timeouts,
)
from sync.models import model_to_drive
from sync.receipt import verify_receipt
from sync.retry import RetryPolicy, call_with_retries
from sync.usb import files
from sync.usb.drive import Drive, DriveFile, sha256_file
from sync.usb.errors import DriveError
from sync.usb.index import device_entry
from sync.usb.relay import RelayCredentials

Progress = Callable[[int, int, str], None]


class CredentialsRefused(SyncError):
    """The server refuses the relay credentials: no bundle can go; ask for a new relay file."""


MAX_DRIVE_BUNDLE = 16 * 1024 * 1024  # never load more; the server's limit is far lower


@dataclass
class PushResult:
    """What one push did."""

    drive: Path
    delivered: list[tuple[str, str, int]] = field(default_factory=list)  # project, device, seq
    records_accepted: int = 0  # as the receipts say (a bundle sent twice keeps its receipt)
    records_duplicate: int = 0
    rejected: list[tuple[str, str, int, str, str]] = field(default_factory=list)  # + kind, why
    failed: list[tuple[str, str, int, str]] = field(default_factory=list)  # + why; left on drive
    skipped: dict[str, int] = field(default_factory=dict)  # project -> bundles (no credentials)
    packs: list[str] = field(default_factory=list)  # projects whose pack was refreshed
    models: list[str] = field(default_factory=list)  # model files written (issue 15)
    bytes_sent: int = 0

    def summary(self) -> str:
        text = (
            f"pushed {len(self.delivered)} bundles from {self.drive}: the server holds their"
            f" {self.records_accepted + self.records_duplicate} records"
        )
        if self.rejected:
            text += f"; {len(self.rejected)} bundles REFUSED (see INDEX.txt)"
        if self.failed:
            text += (
                f"; {len(self.failed)} bundles could not be delivered now and stay on the drive"
                f" (push again later): {self.failed[0][3]}"
            )
        for pid, n in sorted(self.skipped.items()):
            text += f"; {n} bundles of project {pid} left on the drive (no credentials for it)"
        if self.packs:
            text += f"; project pack updated for {len(self.packs)} project(s)"
        if self.models:
            text += f"; {len(self.models)} model file(s) put on the drive"
        return text


def push_drive(
    drive_path: str | Path,
    credentials: list[RelayCredentials],
    *,
    progress: Progress | None = None,
    timeouts: Timeouts | None = None,
    retry: RetryPolicy | None = None,
) -> PushResult:
    """Upload every bundle on the drive of the credentials' projects; receipts back."""
    if not credentials:
        raise SyncError("no relay credentials: give --relay FILE, or --server URL and --token")
    drive = Drive.open(drive_path)
    drive.sweep_temp()
    result = PushResult(Path(drive_path))
    done: list[tuple[str, str, int, dict[str, Any]]] = []
    failure: BaseException | None = None
    try:
        projects: set[str] = set()
        for cred in credentials:
            projects.add(_push_project(drive, cred, result, done, progress, timeouts, retry))
        for b in drive.bundles():
            if b.project_id not in projects:
                result.skipped[b.project_id] = result.skipped.get(b.project_id, 0) + 1
    except BaseException as exc:
        failure = exc
        raise
    finally:
        try:
            _note_push(drive, done, result)
        except DriveError:
            if failure is None:
                raise
    return result


def _push_project(
    drive: Drive,
    cred: RelayCredentials,
    result: PushResult,
    done: list[tuple[str, str, int, dict[str, Any]]],
    progress: Progress | None,
    timeouts: Timeouts | None,
    retry: RetryPolicy | None,
) -> str:
    http = HttpSession(cred.server_url, f"Bearer {cred.token}", timeouts or Timeouts())
    policy = retry or RetryPolicy(attempts=4, base_s=0.5, cap_s=8.0)
    at = [0, 0]  # the bundle being pushed, of how many: for "server busy" on the progress line

    def on_busy(exc: ServerBusy, delay: float | None) -> None:
        if progress and delay is not None:
            progress(at[0], at[1], f"server busy; again in {delay:.0f} s")

    def call(fn: Callable[[], Any]) -> Any:
        return call_with_retries(fn, policy, on_busy=on_busy)

    try:
        doc = call(lambda: http.request("GET", "/v1/project")).json()
        key = cred.server_public_key or (doc.get("pack") or {}).get("server_public_key", "")
        pack = verify_pack(doc, key, project_id=cred.project_id)
        pid = str(pack["project_id"])
        if drive.put_pack(pid, doc):
            result.packs.append(pid)
        model = (pack.get("model") or {}).get("sha256")
        if model and call(lambda: model_to_drive(http, model, drive.layout.top)):
            result.models.append(model)
        bundles = drive.bundles(pid)
        for i, f in enumerate(bundles):
            at[:] = i, len(bundles)
            if progress:
                progress(i, len(bundles), f"{f.device_id[:12]} bundle {f.seq}")
            try:
                _push_one(drive, http, call, key, f, result, done)
            except (OfflineError, CredentialsRefused, DriveError, ServerBusy):
                # the link, the credentials, the drive, or a server busy for longer than we
                # wait: every bundle would fail; the rest stay on the drive for the next push
                raise
            except (ServerUnavailable, ReceiptError, ValueError) as exc:
                # this bundle only (a server error, an answer that does not verify): it
                # stays on the drive for the next push, and the others still go
                _failed(f, _why(exc), result, done)
        if progress:
            progress(len(bundles), len(bundles), "done")
        return pid
    finally:
        http.close()


def _push_one(
    drive: Drive,
    http: HttpSession,
    call: Callable[[Callable[[], Any]], Any],
    key: str,
    f: DriveFile,
    result: PushResult,
    done: list[tuple[str, str, int, dict[str, Any]]],
) -> None:
    if f.size > MAX_DRIVE_BUNDLE:  # not read into memory: no bundle is anywhere near this
        message = f"the file is {f.size:,} bytes; a bundle is never that large"
        _reject(drive, f, sha256_file(f.path), "too_large", message, result, done)
        return
    data = drive.read(f.path, MAX_DRIVE_BUNDLE)
    sha = bundle_sha256(data)
    try:
        m = read_manifest(data)
        if m["project_id"] != f.project_id:
            raise BundleError(
                "wrong_project",
                f"the bundle belongs to project {m['project_id']}, not {f.project_id}"
                " (it was put in another project's folder)",
            )
        if (m["device_id"], m["seq"]) != (f.device_id, f.seq):
            raise BundleError(
                "malformed",
                f"the file is in the place of device {f.device_id} bundle {f.seq} but is"
                f" bundle {m['seq']} of device {m['device_id']} (project {m['project_id']})",
            )
    except BundleError as exc:
        _reject(drive, f, sha, exc.kind, exc.message, result, done)
        return
    try:
        resp = call(lambda: http.request("POST", "/v1/bundles", data=data))
    except ServerRefused as exc:
        if exc.kind in ("unauthorized", "forbidden") or exc.status == 401:
            raise CredentialsRefused(
                f"the server refuses these relay credentials ({exc.message}); ask the admin"
                " for a new relay file (`labeler-server enroll-relay`)"
            ) from exc
        _reject(drive, f, sha, exc.kind, exc.message, result, done)
        return
    document = resp.json()
    rec = verify_receipt(
        document,
        key,
        bundle_sha256=sha,
        device_id=f.device_id,
        seq=f.seq,
        project_id=f.project_id,
    )
    drive.put_receipt(f.project_id, f.device_id, f.seq, document)
    files.remove(f.path)  # the receipt is on the drive: the bundle has arrived
    result.delivered.append((f.project_id, f.device_id, f.seq))
    result.records_accepted += len(rec.accepted)
    result.records_duplicate += len(rec.duplicates)
    result.bytes_sent += len(data)
    done.append(
        (f.project_id, f.device_id, f.seq, {"at": now(), "sha256": sha, "new": len(rec.accepted)})
    )


def _reject(
    drive: Drive,
    f: DriveFile,
    sha: str,
    kind: str,
    message: str,
    result: PushResult,
    done: list[tuple[str, str, int, dict[str, Any]]],
) -> None:
    """Move a refused bundle aside, keeping the reason; nothing of it was stored."""
    files.move(f.path, drive.layout.rejected(f.project_id, f.device_id, f.seq, sha))
    if kind not in BUNDLE_ERROR_KINDS:
        kind = "malformed" if kind == "bad_request" else kind
    result.rejected.append((f.project_id, f.device_id, f.seq, kind, message))
    done.append(
        (
            f.project_id,
            f.device_id,
            f.seq,
            {"at": now(), "sha256": sha, "kind": kind, "message": message, "rejected": True},
        )
    )


def _failed(
    f: DriveFile, why: str, result: PushResult, done: list[tuple[str, str, int, dict[str, Any]]]
) -> None:
    """A bundle that could not be delivered this time: left in ``outgoing/``, reported."""
    result.failed.append((f.project_id, f.device_id, f.seq, why))
    done.append((f.project_id, f.device_id, f.seq, {"at": now(), "message": why, "failed": True}))


def _why(exc: BaseException) -> str:
    if isinstance(exc, ValueError) and not isinstance(exc, SyncError):
        return "the server's answer was not a receipt (not JSON)"
    return str(exc)


def _note_push(
    drive: Drive, done: list[tuple[str, str, int, dict[str, Any]]], result: PushResult
) -> None:
    stamp = now()

    def change(index: dict[str, Any]) -> None:
        for pid, did, seq, info in done:
            e = device_entry(index, pid, did)
            e["last_push_at"] = stamp
            if info.pop("failed", False):
                e["failed"][str(seq)] = info
            elif info.pop("rejected", False):
                e["rejected"][str(seq)] = info
                e["failed"].pop(str(seq), None)
            else:
                e["pushed"][str(seq)] = info
                e["rejected"].pop(str(seq), None)  # a good copy went after a bad one
                e["failed"].pop(str(seq), None)

    drive.update_index(change)
