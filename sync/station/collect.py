"""A station reads the centre's work: bundles from a USB drive, or from the server.

It checks what it can without the PCs' secrets (structure, sizes, the payload checksum, the
chain of each PC's bundles) and keeps every record once (``labeler.quality.collect``). Bundles
stay on the drive: the push to the server still needs them, and only the server verifies
signatures. A damaged bundle is named and skipped; a bundle that differs from one collected
before under the same number is reported as a conflict and not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from labeler.project import Project
from labeler.quality.collect import BundleConflict, CollectReport, chain_gaps, store_bundle
from labeler.quality.station import Station, station_device_id
from sync.bundle import BundleLimits, bundle_sha256, read_bundle_unverified, read_manifest
from sync.errors import BundleError
from sync.station.messages import project_ref
from sync.usb.drive import Drive
from sync.usb.errors import DriveError

Progress = Callable[[int, int, str], None]


def collect_bytes(
    project: Project, data: bytes, via: str, report: CollectReport, limits: BundleLimits
) -> None:
    """Check and keep one bundle's records (see the module docstring)."""
    try:
        manifest = read_manifest(data, limits)
    except BundleError as exc:
        report.refused.append(f"{via}: {exc.message}")
        return
    device, seq = manifest["device_id"], manifest["seq"]
    if manifest["project_id"] != project_ref(project) or device == station_device_id(project):
        return  # another project's work, or the station's own
    sha = bundle_sha256(data)
    known = project.store.scalar(
        "SELECT sha256 FROM collected_bundles WHERE device_id = ? AND seq = ?", (device, seq)
    )
    if known == sha:
        report.bundles_known += 1
        report.devices.add(device)
        return
    try:
        bundle = read_bundle_unverified(data, limits)
        subs, props = store_bundle(
            project.store,
            device_id=device,
            seq=seq,
            sha256=sha,
            prev_sha256=bundle.prev_sha256,
            via=via,
            submissions=bundle.submissions,
            proposals=bundle.proposals,
            flags=bundle.quality.get("flag", []),
            feedback=bundle.feedback,
        )
    except BundleError as exc:
        report.refused.append(f"{device} bundle {seq}: {exc.message}")
        return
    except BundleConflict:
        report.refused.append(
            f"{device} bundle {seq}: other content than the copy collected before (conflict);"
            " not applied — the server will decide"
        )
        return
    except (KeyError, TypeError, ValueError) as exc:
        report.refused.append(f"{device} bundle {seq}: a record is malformed ({exc})")
        return
    report.bundles_new += 1
    report.submissions_new += subs
    report.proposals_new += props
    report.devices.add(device)


def collect_from_drive(
    project: Project, drive_path: str | Path, *, progress: Progress | None = None
) -> CollectReport:
    """Collect every bundle of this project from the drive, then score gold and compare
    overlaps (``Station.refresh``)."""
    drive = Drive.open(drive_path, read_only=True)
    limits = BundleLimits()
    report = CollectReport()
    files = drive.bundles(project_ref(project))
    for i, f in enumerate(files):
        if progress:
            progress(i, len(files), f"{f.device_id} {f.seq}")
        try:
            data = drive.read(f.path, limits.max_file_bytes)
        except DriveError as exc:
            report.refused.append(str(exc))
            continue
        collect_bytes(project, data, f"usb:{drive.drive_id}", report, limits)
    report.chain_gaps = chain_gaps(project.store)
    Station(project).refresh()
    if progress:
        progress(len(files), len(files), "done")
    return report
