"""Station messages and the centre's work over the network (when a link exists).

Every sync pass (``sync.client``) calls ``exchange``: a PC fetches the messages the station
left for it on the server and applies those that verify (images come only by drive; a task
whose image the PC lacks is skipped); a supervisor station also uploads the messages it
signed and collects the work of its centre's PCs that the server holds. Each side keeps a
cursor in its project file, so nothing is fetched twice and nothing is skipped.
"""

from __future__ import annotations

import logging
from typing import Any

from labeler.project import Project
from labeler.quality.collect import BundleConflict, CollectReport, chain_gaps, store_bundle
from labeler.quality.station import Station, is_supervisor
from sync.http import HttpSession, response_json
from sync.station.messages import MessageRefused, apply_message, pending_messages

log = logging.getLogger(__name__)

META_MESSAGES_CURSOR = "station_messages_cursor"  # PC: last server message id applied
META_UPLOADED = "station_messages_uploaded"  # station: highest message seq uploaded
META_WORK_CURSOR = "station_work_cursor"  # station: last server bundle id collected


def fetch_messages(project: Project, http: HttpSession) -> tuple[int, list[str]]:
    """(rework items applied, refusals) from the server's messages for this PC."""
    cursor = int(project.store.get_meta(META_MESSAGES_CURSOR) or 0)
    applied, refused = 0, []
    while True:
        resp = http.request("GET", "/v1/station/messages", params={"after": cursor})
        messages = response_json(resp).get("messages", [])
        for m in messages:
            try:
                applied += apply_message(project, m["document"]).rework
            except MessageRefused as exc:
                refused.append(str(exc))
                log.warning("station message %s refused: %s", m.get("id"), exc)
            cursor = max(cursor, int(m["id"]))
            project.store.set_meta(META_MESSAGES_CURSOR, str(cursor))
        if len(messages) < 50:
            return applied, refused


def upload_messages(project: Project, http: HttpSession) -> int:
    done = int(project.store.get_meta(META_UPLOADED) or 0)
    sent = 0
    for out in pending_messages(project, lambda seq: seq > done):
        http.request("POST", "/v1/station/messages", json_body=out.document)
        project.store.set_meta(META_UPLOADED, str(out.seq))
        sent += 1
    return sent


def collect_from_server(project: Project, http: HttpSession) -> CollectReport:
    """The work of this station's centre that the server holds (see the module docstring)."""
    report = CollectReport()
    cursor = int(project.store.get_meta(META_WORK_CURSOR) or 0)
    while True:
        body: Any = response_json(http.request("GET", "/v1/station/work", params={"after": cursor}))
        for b in body.get("bundles", []):
            try:
                subs, props = store_bundle(
                    project.store,
                    device_id=b["device_id"],
                    seq=b["seq"],
                    sha256=b["sha256"],
                    prev_sha256=b.get("prev_sha256"),
                    via="server",
                    submissions=b["submissions"],
                    proposals=b["proposals"],
                    flags=b.get("flags", []),
                    feedback=b.get("feedback", []),
                )
            except BundleConflict:
                report.refused.append(f"{b['device_id']} bundle {b['seq']}: conflict")
                subs = props = 0
            report.bundles_new += 1 if subs or props else 0
            report.submissions_new += subs
            report.proposals_new += props
            report.devices.add(b["device_id"])
            cursor = max(cursor, int(b["id"]))
            project.store.set_meta(META_WORK_CURSOR, str(cursor))
        if not body.get("more"):
            break
    report.chain_gaps = chain_gaps(project.store)
    Station(project).refresh()
    return report


def exchange(project: Project, http: HttpSession) -> None:
    """One pass of station traffic (see the module docstring)."""
    fetch_messages(project, http)
    if is_supervisor(project):
        collect_from_server(project, http)
        upload_messages(project, http)
