"""`labeler-server`: set up, run and administer the central server from a shell.

Every command works on one data folder (``--data``, or ``HITL_SERVER_DATA_DIR``); the
database is a SQLite file there unless ``--database-url`` (``HITL_SERVER_DATABASE_URL``)
names another, e.g. PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from labeler import taxonomy as taxonomy_mod
from labeler.errors import LabelerError
from sync.enrollment import INSECURE_HINT, plain_http_elsewhere
from sync.server import backup, bootstrap, export_jobs, logs, reports
from sync.server.config import Settings
from sync.server.credentials import write_private
from sync.server.deps import AppState
from sync.server.errors import ServerError
from sync.server.metrics import MULTIPROC_ENV as metrics_env


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        data_dir=args.data,
        database_url=args.database_url,
        public_url=getattr(args, "public_url", None),
        max_body_bytes=getattr(args, "max_body_bytes", None),
        master_key_file=args.master_key_file,
    )


def _state(args: argparse.Namespace) -> AppState:
    return bootstrap.open_state(_settings(args))


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------- commands
def cmd_init(args: argparse.Namespace) -> int:
    """The first host: schema, server key, admin token. Refuses a server that exists."""
    settings = _settings(args)
    if args.new_admin_token and not args.force:
        key, token = bootstrap.new_admin_token(settings)
        made = None
    else:
        done = bootstrap.initialise(settings, force=args.force)
        key, token, made = done.key, done.admin_token, done.master_key_file
    print(f"Server data folder: {settings.data_dir}")
    print(f"Server public key:  {key.public}")
    if made:
        print(
            f"Master key:         {made} (seals the secrets in the database; every host needs"
            " the same one, and a backup of the database is useless without it)"
        )
    print("Admin token (shown only now; keep it safe — the server keeps only its hash):")
    print(f"  {token}")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    """Another host: check that it can serve the existing server's database."""
    settings = _settings(args)
    key = bootstrap.join(settings)
    print(f"This host can serve the server with public key {key.public}.")
    print("Start it with `labeler-server serve` and the same settings.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    # the level too: each worker process of --workers N configures its own logging from these
    settings = _settings(args).with_(log_format=args.log_format, log_level=args.log_level)
    common = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "log_config": None,  # sync.server.logs configures logging in each process
        "proxy_headers": True,
        "forwarded_allow_ips": args.forwarded_allow_ips,
        # "auto": httptools and uvloop when installed (the server extra installs them:
        # about half the CPU per request of h11 on asyncio), else the pure-Python ones
        "http": args.http,
        "loop": args.loop,
    }
    logs.configure(args.log_format, args.log_level)
    if args.workers > 1:
        if not os.environ.get(metrics_env):  # one metrics folder for the host's processes
            os.environ[metrics_env] = tempfile.mkdtemp(prefix="hitl-metrics-")
        key = bootstrap.join(settings)  # a clear message now rather than N tracebacks later
        os.environ.update(settings.to_env())  # each worker process builds the same settings
        print(
            f"Serving server {key.public[:16]}… on http://{args.host}:{args.port} with"
            f" {args.workers} worker processes (API docs at /docs)"
        )
        uvicorn.run(
            "sync.server.app:create_served_app", factory=True, workers=args.workers, **common
        )
        return 0
    from sync.server.app import create_app, tune_gc

    app = create_app(settings)
    tune_gc()  # as create_served_app does in each process of --workers N
    print(f"Serving {settings.data_dir} on http://{args.host}:{args.port} (API docs at /docs)")
    uvicorn.run(app, **common)
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """Write the kept bytes of conflicting bundles to a folder, for a closer look."""
    state = _state(args)
    out = Path(args.out)
    written = reports.write_conflicts(state.storage, out)
    print(f"{written} conflicting bundle(s) written to {out}" if written else "No conflicts kept.")
    return 0


def cmd_create_project(args: argparse.Namespace) -> int:
    state = _state(args)
    tax = taxonomy_mod.load(args.taxonomy)
    instructions = Path(args.instructions).read_text("utf-8") if args.instructions else ""
    info = state.registry.create_project(args.name, tax, args.kind, instructions)
    print(
        f"Project {info.name!r} created: id {info.id}, kind {info.kind},"
        f" {len(tax.labels)} labels (taxonomy version 1)."
    )
    return 0


def cmd_update_taxonomy(args: argparse.Namespace) -> int:
    state = _state(args)
    info = state.registry.update_taxonomy(args.project, taxonomy_mod.load(args.taxonomy))
    print(f"Project {info.name!r} now has taxonomy version {info.taxonomy_version}.")
    return 0


def _write_secret_file(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _check_public_url(url: str, allow_insecure_http: bool) -> None:
    if plain_http_elsewhere(url) and not allow_insecure_http:
        raise ServerError(f"the public URL {url} is plain http. {INSECURE_HINT}")


def cmd_enroll_device(args: argparse.Namespace) -> int:
    state = _state(args)
    _check_public_url(state.settings.public_url, args.allow_insecure_http)
    doc = state.registry.enroll_device(
        args.project, args.centre, state.settings.public_url, supervisor=args.supervisor
    )
    out = (
        Path(args.out)
        if args.out
        else (state.settings.data_dir / "enrollments" / f"{doc['device_id']}.hitl-enroll")
    )
    _write_secret_file(out, doc)
    print(f"Device {doc['device_id']} enrolled in centre {doc['centre']!r}.")
    if args.supervisor:
        print(f"It is the supervisor station of {args.supervisor}: PCs trust its rework returns.")
    print(f"Enrollment file: {out}")
    print("Carry it to the PC and run `labeler enroll FILE` there; it holds the PC's secret.")
    return 0


def cmd_enroll_relay(args: argparse.Namespace) -> int:
    state = _state(args)
    _check_public_url(state.settings.public_url, args.allow_insecure_http)
    doc = state.registry.enroll_relay(args.project, args.name, state.settings.public_url)
    out = (
        Path(args.out)
        if args.out
        else (state.settings.data_dir / "enrollments" / f"{doc['relay_id']}.hitl-relay")
    )
    _write_secret_file(out, doc)
    print(
        f"Relay {doc['relay_id']} ({args.name}) may upload bundles of project {doc['project_id']}."
    )
    print(f"Relay credentials file: {out}")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    state = _state(args)
    state.registry.revoke_device(args.device_id)
    print(f"Device {args.device_id} revoked: its credentials and new bundles are refused.")
    return 0


def cmd_revoke_relay(args: argparse.Namespace) -> int:
    state = _state(args)
    state.registry.revoke_relay(args.relay_id)
    print(f"Relay {args.relay_id} revoked: its credentials are refused.")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    state = _state(args)
    project_id = state.registry.project(args.project).id if args.project else None
    rows = reports.progress(state.storage, project_id)
    alerts = reports.alerts(state.storage, project_id)
    if args.json:
        _print_json({"devices": rows, "alerts": alerts})
        return 0
    if not rows:
        print("No devices enrolled yet.")
    for r in rows:
        flags = " REVOKED" if r["revoked"] else ""
        gaps = f", {r['missing_bundles']} bundles missing" if r["missing_bundles"] else ""
        print(
            f"{r['centre']:<20} {r['device_id']:<22} {r['bundles']:>6} bundles"
            f" {r['submissions']:>8} submissions {r['proposals']:>5} proposals"
            f"  last seen {r['last_seen'] or 'never'}{gaps}{flags}"
        )
    for a in alerts:
        print(f"ALERT {a['kind']}: device {a['device_id']} bundle {a['seq']}: {a['message']}")
    return 0


def cmd_proposals(args: argparse.Namespace) -> int:
    state = _state(args)
    project_id = state.registry.project(args.project).id if args.project else None
    rows = reports.proposals(state.storage, project_id)
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("No label proposals received.")
    for p in rows:
        print(
            f"{p['created_at']}  {p['name']!r} by {p['worker']} on {p['image_path']}: {p['reason']}"
        )
        print(f"    {_picture_line(p)}")
    return 0


def _picture_line(p: dict[str, Any]) -> str:
    """Whether the proposal's picture arrived, in words (PROTOCOL.md, "Proposal pictures")."""
    if p["crop"] == "kept":
        return f"picture: {p['crop_width']} x {p['crop_height']} px"
    if p["crop"] == "dropped":
        return f"picture dropped: {p['crop_problem']}"
    return "no picture (the PC sent none: an older app, or its image file could not be read)"


def cmd_export(args: argparse.Namespace) -> int:
    state = _state(args)
    info = state.registry.default_project(args.project)
    result = export_jobs.write(
        state.storage, info, args.format, Path(args.out), reviewed_only=args.reviewed
    )
    print(f"Exported {info.name!r} as {args.format} to {result.path}")
    print(result)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """The database and the master key in one new folder under --out."""
    settings = _settings(args)
    folder = backup.backup(settings, Path(args.out), with_master_key=not args.no_master_key)
    print(f"Backup written: {folder}")
    if args.no_master_key:
        print("It holds no master key: keep the server's master key safe elsewhere.")
    else:
        print("It holds the master key (master.key): store the folder like a password.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """A backup into an empty server (new data folder, new empty database)."""
    settings = _settings(args)
    public = backup.restore(settings, Path(args.backup), force=args.force)
    print(f"Restored server {public} into {settings.data_dir}.")
    print("Start it with `labeler-server serve`; PCs keep their enrollment.")
    return 0


# ---------------------------------------------------------------- parser
_INSECURE_FLAG = "allow a plain-http public URL of another machine (closed networks only)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="labeler-server", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", help="server data folder (env HITL_SERVER_DATA_DIR)")
    common.add_argument(
        "--database-url", help="SQLAlchemy URL (env HITL_SERVER_DATABASE_URL); default SQLite"
    )
    common.add_argument(
        "--public-url", help="URL PCs use to reach this server (env HITL_SERVER_PUBLIC_URL)"
    )
    common.add_argument(
        "--master-key-file",
        help="the master key sealing secrets in the database (env HITL_SERVER_MASTER_KEY_FILE,"
        " or the key itself in HITL_SERVER_MASTER_KEY); default DATA/master.key",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "set up a new server: database, server key, admin token")
    p.add_argument("--new-admin-token", action="store_true", help="replace the admin token")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace the server key and admin token of an existing server (PCs must re-enroll)",
    )
    add("join", cmd_join, "check that this host can serve an existing server's database")
    p = add("serve", cmd_serve, "run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--workers", type=int, default=1, help="API processes on this host (each stateless)"
    )
    p.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="reverse proxies whose X-Forwarded-* headers are trusted",
    )
    p.add_argument("--max-body-bytes", type=int, help="largest bundle accepted (bytes)")
    p.add_argument(
        "--http",
        choices=("auto", "httptools", "h11"),
        default="auto",
        help="HTTP parser (auto: httptools when installed, else h11)",
    )
    p.add_argument(
        "--loop",
        choices=("auto", "uvloop", "asyncio"),
        default="auto",
        help="event loop (auto: uvloop when installed, else asyncio)",
    )
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--log-format",
        choices=("json", "text"),
        default="json",
        help="one JSON object per line (default), or text for a terminal",
    )
    p = add("create-project", cmd_create_project, "create a project from a taxonomy file")
    p.add_argument("name")
    p.add_argument("--taxonomy", required=True, help="taxonomy file (see README)")
    p.add_argument("--kind", required=True, help="e.g. boxes, polygons+multilabel")
    p.add_argument("--instructions", help="a UTF-8 text file shown to workers")
    p = add("update-taxonomy", cmd_update_taxonomy, "a new taxonomy version for a project")
    p.add_argument("project")
    p.add_argument("--taxonomy", required=True)
    p = add("enroll-device", cmd_enroll_device, "register a PC; writes its enrollment file")
    p.add_argument("--project", required=True, help="project name or id")
    p.add_argument("--centre", required=True, help="the centre the PC is in")
    p.add_argument("--out", help="where to write the .hitl-enroll file")
    p.add_argument("--allow-insecure-http", action="store_true", help=_INSECURE_FLAG)
    p.add_argument(
        "--supervisor", metavar="NAME", help="make it a supervisor station (reviews work)"
    )
    p = add("enroll-relay", cmd_enroll_relay, "supervisor credentials to upload USB bundles")
    p.add_argument("--project", required=True)
    p.add_argument("--name", default="supervisor", help="who holds these credentials")
    p.add_argument("--out", help="where to write the .hitl-relay file")
    p.add_argument("--allow-insecure-http", action="store_true", help=_INSECURE_FLAG)
    p = add("revoke-device", cmd_revoke_device, "refuse a PC from now on (stolen, retired)")
    p.add_argument("device_id")
    p = add("revoke-relay", cmd_revoke_relay, "refuse a supervisor's relay credentials")
    p.add_argument("relay_id")
    p = add("progress", cmd_progress, "bundles and submissions per centre and device")
    p.add_argument("--project")
    p.add_argument("--json", action="store_true")
    p = add("proposals", cmd_proposals, "label proposals received from workers")
    p.add_argument("--project")
    p.add_argument("--json", action="store_true")
    p = add("export", cmd_export, "export everything received (latest revision per image)")
    p.add_argument(
        "--format", required=True, help="coco, yolo, voc, cvat, labelstudio, labelme, csv"
    )
    p.add_argument("--project")
    p.add_argument("--out", required=True, help="file or folder to write")
    p.add_argument(
        "--reviewed", action="store_true", help="only images a supervisor accepted or corrected"
    )
    p = add("backup", cmd_backup, "database (and master key) into a new folder under --out")
    p.add_argument("--out", required=True, help="folder to put the backup folder in")
    p.add_argument(
        "--no-master-key", action="store_true", help="leave the master key out (keep it yourself)"
    )
    p = add("restore", cmd_restore, "a backup folder into an empty server")
    p.add_argument("backup", help="the backup folder (hitl-backup-...)")
    p.add_argument("--force", action="store_true", help="replace a server that is there")
    p = add("conflicts", cmd_conflicts, "write kept conflicting bundles to a folder")
    p.add_argument("--out", required=True, help="folder to write them into")
    from sync.server import gold_cli, model_cli

    model_cli.add_commands(add)
    gold_cli.add_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except LabelerError as exc:
        print(f"labeler-server: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:
        print(f"labeler-server: the database cannot be used: {exc.orig}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("labeler-server: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, the trace only on request
        if os.environ.get("LABELER_DEBUG"):
            raise
        print(
            f"labeler-server: unexpected {type(exc).__name__} (set LABELER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
