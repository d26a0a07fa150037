"""The network path: upload pending bundles in order, apply verified receipts, fetch updates.

Transport is at-least-once and the server is idempotent, so a dropped link, a lost answer or
a killed program only means "send the same bytes again": sync state lives in the store (the
outbox), never in memory, and ``sync_once`` always resumes at the first bundle without a
verified receipt. A bundle that already left once is first asked about
(``GET /v1/receipts/...``) so a 2G link does not carry it twice.

``SyncState`` is what a status bar shows; ``SyncClient`` calls ``on_state`` on every change
(from the thread that runs it, so a UI must hand it over to its own thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.station import is_supervisor
from labeler.store import now
from sync import restore
from sync.enrollment import (
    META_SERVER_ANSWERS,
    META_SERVER_TAXONOMY,
    apply_pack,
    pack_is_newer,
    verify_pack,
)
from sync.errors import NotEnrolledError, ReceiptError, SyncError
from sync.http import (
    HttpSession,
    OfflineError,
    ServerBusy,
    ServerRefused,
    Timeouts,
)
from sync.http import response_json as _json
from sync.identity import SyncIdentity, is_enrolled
from sync.models import download_model, pack_model_sha
from sync.outbox import BundleFileLost, Outbox, OutboxBundle
from sync.receipt import Receipt
from sync.retry import RetryPolicy, call_with_retries
from sync.station import network as station_network
from sync.station.pack_gold import held_gold_version, held_key_id, keep_gold_key
from sync.station.roster import apply_supervisors, roster, roster_hash

log = logging.getLogger(__name__)

# A whole bundle is refused for what is wrong with it: keep it, show why, send the others.
_BUNDLE_KINDS = {"malformed", "unsupported_version", "too_large", "conflict"}
# Refused for who we are (credentials, device, project): stop; later bundles fail the same.
_DEVICE_KINDS = {"signature", "unknown_device", "revoked_device", "wrong_project"}


@dataclass(frozen=True)
class SyncState:
    """A snapshot for the status bar and ``labeler sync``: counts and plain words."""

    pending: int = 0  # records (submissions + proposals) not yet delivered
    delivered: int = 0
    rejected: int = 0
    bundles_waiting: int = 0  # bundle files not yet acknowledged
    sending: int = 0  # records in the bundle on the wire now (0 when idle)
    online: bool | None = None  # None: not tried yet
    enrolled: bool = True
    last_error: str | None = None
    last_sync: str | None = None  # when the last pass finished without error
    notice: str | None = None  # something that happened and was dealt with (a recovery)

    @property
    def summary(self) -> str:
        net = {True: "online", False: "offline", None: "not connected yet"}[self.online]
        if not self.enrolled:
            net = "not enrolled"
        text = f"{self.pending} pending, {self.delivered} delivered, {net}"
        if self.sending:
            text += f", sending {self.sending}"
        return text


@dataclass(frozen=True)
class SyncReport:
    """What one pass did."""

    packed: int = 0
    delivered_bundles: int = 0
    rejected_bundles: int = 0
    taxonomy_updated: bool = False


class SyncClient:
    """Sync of one enrolled project with its server. Safe to run in a background thread."""

    def __init__(
        self,
        project: Project,
        *,
        outbox: Outbox | None = None,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        on_state: Callable[[SyncState], None] | None = None,
        stop_event: threading.Event | None = None,
    ) -> None:
        self.project = project
        self.outbox = outbox or Outbox(project)
        self.retry = retry or RetryPolicy()
        self.timeouts = timeouts or Timeouts()
        self._listeners: list[Callable[[SyncState], None]] = [on_state] if on_state else []
        self._stop = stop_event or threading.Event()
        self._http: HttpSession | None = None
        self._state = SyncState(enrolled=is_enrolled(project))
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> SyncState:
        return self._state

    def subscribe(self, listener: Callable[[SyncState], None]) -> None:
        self._listeners.append(listener)

    def _set(self, **changes: Any) -> None:
        self._state = replace(self._state, **changes)
        for listener in list(self._listeners):
            try:
                listener(self._state)
            except Exception:  # a broken listener must not break sync
                log.exception("sync state listener failed")

    def refresh_counts(self) -> SyncState:
        """Re-read the counts from the store (after submits, after a USB receipt)."""
        enrolled = is_enrolled(self.project)
        c = self.outbox.counts()
        self._set(
            pending=c.pending,
            delivered=c.delivered,
            rejected=c.rejected,
            bundles_waiting=c.bundles["pending"] + c.bundles["sent"],
            enrolled=enrolled,
        )
        return self._state

    # ---------------------------------------------------------------- http
    @property
    def identity(self) -> SyncIdentity:
        return self.outbox.identity

    @property
    def http(self) -> HttpSession:
        if self._http is None:
            ident = self.identity
            if not ident.server_url:
                raise NotEnrolledError("the enrollment has no server address; enroll again")
            self._http = HttpSession(ident.server_url, ident.bearer, self.timeouts)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def probe(self) -> bool:
        """One cheap request: is the server reachable and does it accept our credentials?"""
        try:
            self.http.request("GET", "/v1/health", timeouts=Timeouts(self.timeouts.connect, 10))
        except OfflineError as exc:
            self._set(online=False, last_error=str(exc))
            return False
        except SyncError as exc:
            self._set(online=True, last_error=str(exc))
            raise
        self._set(online=True)
        return True

    def _with_retries(self, what: str, call: Callable[[], Any]) -> Any:
        """Run ``call`` (``sync.retry``: network failures and 5xx retried with backoff,
        "busy, retry after N s" honoured without counting), saying so on the status line."""

        def on_busy(exc: ServerBusy, delay: float | None) -> None:
            if delay is None:
                self._set(online=True, last_error=str(exc))
                return
            self._set(online=True, last_error=f"the server is busy; {what} again in {delay:.0f} s")
            log.info("%s: server busy; again in %.1f s", what, delay)

        def on_failure(exc: SyncError, delay: float | None) -> None:
            self._set(online=not isinstance(exc, OfflineError), last_error=str(exc))
            if delay is not None:
                log.info("%s failed (%s); retrying in %.1f s", what, exc, delay)

        result = call_with_retries(
            call, self.retry, stop=self._stop, on_busy=on_busy, on_failure=on_failure
        )
        self._set(online=True)
        return result

    # ---------------------------------------------------------------- one pass
    def sync_once(self) -> SyncReport:
        """Pack, upload every undelivered bundle in order, fetch taxonomy updates.

        Raises ``SyncError`` (with plain words) when the pass cannot finish; what was
        delivered before stays delivered, the rest stays pending for the next pass.
        """
        with self._lock:
            try:
                report = self._sync_once()
            except LabelerError as exc:
                self.refresh_counts()
                self._set(last_error=str(exc), sending=0)
                raise
            self.refresh_counts()
            self._set(last_error=None, last_sync=now(), sending=0)
            return report

    def recover(self) -> restore.Recovery:
        """Take the server's record of this PC's bundles after a restore (``sync.restore``)."""

        def fetch(path: str) -> Any:
            resp = self._with_retries(
                "asking the server what it holds",
                lambda: self.http.request("GET", path, ok=(200, 404)),
            )
            return None if resp.status_code == 404 else _json(resp)

        report = restore.recover(self.outbox, fetch)
        log.warning("recovered after a restore: %s", report.summary())
        self._set(notice=report.summary())
        return report

    def _sync_once(self) -> SyncReport:
        if restore.needs_recovery(self.outbox):  # refused as a conflict before: recover now
            self.recover()
        packed = self.outbox.pack()
        delivered, rejected = self._upload_all()
        updated = self.fetch_updates() if not self._stop.is_set() else False
        if not self._stop.is_set():
            self.fetch_model()
        if not self._stop.is_set():
            # what a supervisor station left for this PC; on a station, the centre's work:
            # the reviews, scores and agreements made of it leave in this same pass
            station_network.exchange(self.project, self.http)
            if self.outbox.unbundled_count():
                packed += self.outbox.pack()
                more = self._upload_all()
                delivered, rejected = delivered + more[0], rejected + more[1]
        return SyncReport(len(packed), delivered, rejected, updated)

    def _upload_all(self) -> tuple[int, int]:
        """Upload every undelivered bundle in order; (delivered, refused)."""
        self.refresh_counts()
        delivered = rejected = 0
        for b in self._undelivered():
            if self._stop.is_set():
                break
            self._set(sending=b.submissions + b.proposals)
            if self.upload(b) is not None:
                delivered += 1
            elif self.outbox.state_of(b) == "rejected":  # not replaced by a recovery
                rejected += 1
            self.refresh_counts()
        self._set(sending=0)
        return delivered, rejected

    def _undelivered(self) -> Iterator[OutboxBundle]:
        """Undelivered bundles in order, re-packing records of abandoned files on the way."""
        done: set[int] = set()
        for _ in range(3):  # bounded: a server that keeps leaving records out cannot loop us
            todo = [b for b in self.outbox.undelivered() if b.id not in done]
            if not todo:
                return
            for b in todo:
                done.add(b.id)
                if self.outbox.state_of(b) in ("pending", "sent"):  # a recovery may have
                    yield b  # replaced or set aside the rest of this list
            self.outbox.pack()  # records of an abandoned file (or left out) go in a new bundle

    def upload(self, b: OutboxBundle) -> Receipt | None:
        """Deliver one bundle: its verified receipt, or None if the server refused the bundle
        (or its file was lost: then its records are packed again)."""
        try:
            if b.state == "sent":  # it left before: maybe only the answer was lost
                resp = self._with_retries(
                    "asking for a receipt",
                    lambda: self.http.request(
                        "GET", f"/v1/receipts/{b.device_id}/{b.seq}", ok=(200, 404)
                    ),
                )
                if resp.status_code == 200:
                    return self._apply(b, _json(resp))
            try:
                data = self.outbox.read_bytes(b)
            except BundleFileLost as exc:
                self.outbox.abandon(b, f"{exc}; its records were packed again")
                log.warning("%s", exc)
                return None
            self.outbox.mark_sent(b)
            resp = self._with_retries(
                f"sending bundle {b.seq}",
                lambda: self.http.request("POST", "/v1/bundles", data=data),
            )
            return self._apply(b, _json(resp))
        except ServerRefused as exc:
            if exc.kind == "conflict":
                # the server holds other bytes under this number: restored from a copy
                self.outbox.mark_rejected(b, exc.kind, exc.message)
                self.recover()
                return None
            if exc.kind in _BUNDLE_KINDS:
                self.outbox.mark_rejected(b, exc.kind, exc.message)
                log.warning("bundle %s refused: %s", b.seq, exc)
                return None
            self.outbox.note_error(b, str(exc))
            if exc.kind in _DEVICE_KINDS or exc.status in (401, 403):
                raise SyncError(
                    f"the server refuses this PC ({exc.kind}): {exc.message}."
                    " Ask the supervisor to check the enrollment"
                ) from exc
            raise
        except ReceiptError:
            raise  # _apply noted it
        except SyncError as exc:
            self.outbox.note_error(b, str(exc))
            raise

    def _apply(self, b: OutboxBundle, document: Any) -> Receipt:
        try:
            return self.outbox.apply_receipt(document)
        except ReceiptError as exc:
            self.outbox.note_error(b, str(exc))
            raise

    def fetch_updates(self) -> bool:
        """Apply a newer signed project pack if the server has one; True if it changed."""
        since = int(self.project.store.get_meta(META_SERVER_TAXONOMY) or 0)
        model = pack_model_sha(self.project)
        answers = int(self.project.store.get_meta(META_SERVER_ANSWERS) or 0)
        params = {
            "since": since,
            "model": model,
            "answers_since": answers,
            "roster": roster_hash(roster(self.project)),
            "gold_since": held_gold_version(self.project),
        }
        if is_supervisor(self.project):  # the server sends the pack if the key is not the same
            params["gold_key"] = held_key_id(self.project)
        resp = self._with_retries(
            "asking for project updates",
            lambda: self.http.request("GET", "/v1/project/updates", params=params, ok=(200, 204)),
        )
        if resp.status_code == 204:
            return False
        ident = self.identity
        pack = verify_pack(_json(resp), ident.server_public_key, project_id=ident.project_id)
        named = (pack.get("model") or {}).get("sha256", "")
        if not pack_is_newer(self.project, pack) and named == model:
            listed = apply_supervisors(self.project, pack)  # the station list changed, or
            return keep_gold_key(self.project, pack) or listed  # a station's first gold key
        apply_pack(self.project, pack)
        log.info("taxonomy updated to server version %s", pack["taxonomy_version"])
        return True

    def fetch_model(self) -> bool:
        """Download the pack's model file if this PC lacks it (resuming a cut download);
        True if it arrived. A failure is logged and retried on the next pass: labeling
        never waits for a model."""
        missing = [e for e in self.project.models.missing_files() if e.source == "pack"]
        if not missing:
            return False
        try:
            download_model(self.http, self.project, missing[0].sha256, stop=self._stop)
        except LabelerError as exc:
            log.warning("model download: %s", exc)
            return False
        log.info("model %s arrived", missing[0].spec.short)
        return True

    # ---------------------------------------------------------------- watch
    def run_forever(
        self,
        stop_event: threading.Event | None = None,
        *,
        interval_s: float = 60.0,
        offline_max_s: float = 300.0,
    ) -> None:
        """Sync, then wait ``interval_s``; while offline wait longer each time (up to
        ``offline_max_s``). Returns when ``stop_event`` is set."""
        if stop_event is not None:
            self._stop = stop_event
        wait = interval_s
        while not self._stop.is_set():
            try:
                self.sync_once()
                wait = interval_s
            except OfflineError:
                wait = min(offline_max_s, wait * 2)
            except LabelerError as exc:
                log.warning("sync: %s", exc)
                wait = min(offline_max_s, wait * 2)
            self._stop.wait(wait)
