"""Several hosts, one database: the first runs `init`, the others `join` with its master key."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from labeler import taxonomy
from sync.server import storage as db
from sync.server.bootstrap import open_state
from sync.server.cli import main
from sync.server.config import Settings
from sync.server.credentials import ServerKey
from sync.server.keyring import MasterKey, MasterKeyError
from sync.server.storage import Storage, utcnow
from sync.signing import verify_json
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer, fake_submission


def _line(out: str, start: str) -> str:
    return next(
        x.split(start, 1)[1].strip() for x in out.splitlines() if x.strip().startswith(start)
    )


def test_a_second_host_joins_with_the_first_hosts_key(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    host1, host2 = tmp_path / "host1", tmp_path / "host2"
    shared = ["--database-url", database_url]
    assert main(["init", "--data", str(host1), *shared]) == 0
    out = capsys.readouterr().out
    public, token = _line(out, "Server public key:"), _line(out, "admin.")
    token = "admin." + token

    # the second host runs init by mistake: refused, and the server is unchanged
    assert main(["init", "--data", str(host2), *shared]) == 2
    err = capsys.readouterr().err
    assert "already belongs to a server" in err and "join" in err and public in err
    # without the master key it cannot serve; with a copy it can
    assert main(["join", "--data", str(host2), *shared]) == 2
    assert "master key" in capsys.readouterr().err
    host2.mkdir(exist_ok=True)
    shutil.copy(host1 / "master.key", host2 / "master.key")
    assert main(["join", "--data", str(host2), *shared]) == 0
    assert public in capsys.readouterr().out

    first = open_state(Settings(data_dir=host1, database_url=database_url))
    second = open_state(Settings(data_dir=host2, database_url=database_url))
    try:
        assert second.registry.key.public == public
        assert second.registry.authenticate("admin", token.split(".", 1)[1]).role == "admin"
        project = first.registry.create_project("Forest", taxonomy.parse(TAXONOMY_TEXT), "boxes")
        pc = first.registry.enroll_device(project.id, "Village A", "https://hitl.example.org")
        caller = second.registry.authenticate(pc["device_id"], pc["device_secret"])
        bundle = RunningServer.bundle_for(pc, 1, [fake_submission(1)])
        signed = second.ingest.ingest(bundle, caller)  # enrolled on host 1, sent to host 2
        assert verify_json(signed["receipt"], signed["signature"], pc["server_public_key"])
        assert first.ingest.ingest(bundle, caller) == signed
    finally:
        first.storage.dispose()
        second.storage.dispose()

    # only --force makes a new server (and says what that costs)
    assert main(["init", "--force", "--data", str(host1), *shared]) == 0
    assert _line(capsys.readouterr().out, "Server public key:") != public


def test_device_secrets_and_the_server_key_are_sealed_in_the_database(
    server: RunningServer,
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    with server.storage.read() as conn:
        everything = " ".join(
            repr(conn.execute(select(t)).all()) for t in db.metadata.sorted_tables
        )
    assert pc["device_secret"] not in everything
    assert server.registry.key.private not in everything
    if server.storage.is_sqlite:
        raw = (server.data_dir / "server.db").read_bytes()
        raw += (server.data_dir / "server.db-wal").read_bytes()
        assert pc["device_secret"].encode() not in raw
    caller = server.registry.authenticate(pc["device_id"], pc["device_secret"])
    assert caller.id == pc["device_id"]  # the sealed secret still authenticates
    other = server.settings.with_(master_key=MasterKey(os.urandom(32), "test").text)
    with pytest.raises(MasterKeyError, match="not the key this server was set up with"):
        open_state(other)


def test_a_data_folder_from_before_is_moved_into_the_database(tmp_path: Path) -> None:
    """A server set up before keys lived in the database: key file, secrets in the clear."""
    data = tmp_path / "old"
    data.mkdir()
    settings = Settings(data_dir=data)
    old_key = ServerKey.create(settings.key_path)
    storage = Storage(settings.db_url)
    storage.migrate()
    with storage.write() as conn:
        conn.execute(
            db.projects.insert().values(id="prj-1", name="Old", kind="boxes", created_at=utcnow())
        )
        conn.execute(
            db.taxonomies.insert().values(
                project_id="prj-1",
                version=1,
                taxonomy=taxonomy.parse(TAXONOMY_TEXT).to_json(),
                created_at=utcnow(),
            )
        )
        conn.execute(
            db.devices.insert().values(
                id="dev-1", project_id="prj-1", centre="A", secret="c2VjcmV0", created_at=utcnow()
            )
        )
    storage.dispose()

    state = open_state(settings)
    try:
        assert state.registry.key.public == old_key.public  # PCs' receipts still verify
        assert not settings.key_path.exists() and (data / "master.key").exists()
        assert state.registry.device("dev-1").secret.startswith("s1:")
        assert state.registry.authenticate("dev-1", "c2VjcmV0").id == "dev-1"
    finally:
        state.storage.dispose()
