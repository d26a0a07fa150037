"""Setting a server up and opening it: the first host's ``init``, every other host's ``join``,
and the state each API process opens.

Everything API processes share lives in the database: the schema, the server's signing key
(sealed with the master key, ``keyring.py``), the admin token's hash, devices (secrets
sealed), bundles, conflicts and export results. A host needs only its settings (database
URL and master key) to serve: so any number of stateless API processes, on any number of
hosts, can share one PostgreSQL database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.server.config import Settings
from sync.server.credentials import ServerKey
from sync.server.deps import AppState
from sync.server.errors import NotInitialisedError, ServerError
from sync.server.ingest import Ingest
from sync.server.keyring import MasterKey
from sync.server.models import ModelRegistry
from sync.server.registry import Registry
from sync.server.storage import Storage

META_SERVER_KEY = "server_key_sealed"
META_PUBLIC_KEY = "server_public_key"
_KEY_CONTEXT = "server_key"


class AlreadySetUpError(ServerError):
    """``init`` on a database (or data folder) that already has a server key."""

    kind = "conflict"


@dataclass(frozen=True)
class Initialised:
    key: ServerKey
    admin_token: str
    master_key_file: str | None  # the file a new master key was written to, if one was made


def open_state(settings: Settings) -> AppState:
    """Storage (migrated), the server key, registry and ingest, for one API process."""
    if not settings.database_url and not (settings.data_dir / "server.db").exists():
        raise NotInitialisedError(
            f"no server in {settings.data_dir}; run `labeler-server init` with this data folder"
        )
    storage = Storage(settings.db_url)
    try:
        storage.migrate()
        master, key = _open_keys(storage, settings)
    except BaseException:
        storage.dispose()
        raise
    registry = Registry(storage, key, master)
    registry.seal_clear_secrets()  # a database from before secrets were sealed
    ingest = Ingest(storage, registry, settings.bundle_limits())
    models = ModelRegistry(storage, registry, settings.models_dir)
    return AppState(settings, storage, registry, ingest, models)


def initialise(settings: Settings, *, force: bool = False) -> Initialised:
    """Make the schema, a server key and an admin token; refuse a server that exists already.

    ``force`` replaces the key and the admin token of an existing server: receipts it signs
    from then on no longer verify on enrolled PCs, which must all be enrolled again.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    storage = Storage(settings.db_url)
    try:
        storage.migrate()
        existing = storage.get_meta(META_PUBLIC_KEY)
        legacy = settings.key_path.exists()
        if (existing or legacy) and not force:
            where = "this database" if existing else f"{settings.key_path}"
            raise AlreadySetUpError(
                f"{where} already belongs to a server (public key"
                f" {existing or ServerKey.load(settings.key_path).public}). To run another API"
                " process or host on it, give it the same database URL and master key and run"
                " `labeler-server join` (or just `serve`); `init --new-admin-token` replaces"
                " only the admin token; `init --force` makes a new server key and token, after"
                " which every PC must be enrolled again"
            )
        master = MasterKey.find(settings)
        made = None
        if master is None:
            master = MasterKey.create(settings)
            made = str(MasterKey.file_of(settings))
        key = ServerKey.generate()
        _store_key(storage, master, key)
        if legacy:
            settings.key_path.unlink()  # the database holds the key now
        token = Registry(storage, key, master).set_admin_token()
    finally:
        storage.dispose()
    return Initialised(key, token, made)


def join(settings: Settings) -> ServerKey:
    """Check that this host can serve the database: it is set up and the master key fits."""
    storage = Storage(settings.db_url)
    try:
        storage.migrate()
        return _open_keys(storage, settings, upgrade=False)[1]
    finally:
        storage.dispose()


def new_admin_token(settings: Settings) -> tuple[ServerKey, str]:
    """Replace the admin token of an existing server (the key stays)."""
    storage = Storage(settings.db_url)
    try:
        storage.migrate()
        master, key = _open_keys(storage, settings, upgrade=False)
        return key, Registry(storage, key, master).set_admin_token()
    finally:
        storage.dispose()


def _open_keys(
    storage: Storage, settings: Settings, *, upgrade: bool = True
) -> tuple[MasterKey, ServerKey]:
    sealed = storage.get_meta(META_SERVER_KEY)
    if sealed is None:
        if upgrade and settings.key_path.exists():  # a data folder from before: move it in
            master = MasterKey.find(settings) or MasterKey.create(settings)
            key = ServerKey.load(settings.key_path)
            _store_key(storage, master, key)
            settings.key_path.unlink()
            return master, key
        raise NotInitialisedError(
            "this database has no server yet; run `labeler-server init` on the first host"
            " (other hosts then `join` with the same database URL and master key)"
        )
    master = MasterKey.load(settings)
    return master, ServerKey(master.open(sealed, _KEY_CONTEXT))


def _store_key(storage: Storage, master: MasterKey, key: ServerKey) -> None:
    storage.set_meta(META_SERVER_KEY, master.seal(key.private, _KEY_CONTEXT))
    storage.set_meta(META_PUBLIC_KEY, key.public)
