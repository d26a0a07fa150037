"""Server settings: one object built from `HITL_SERVER_*` environment variables and CLI flags.

Everything the server writes lives under ``data_dir``; the database URL defaults to a
SQLite file there, and a PostgreSQL URL (``postgresql+psycopg://...``) runs the same code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from labeler.errors import LabelerError
from sync.bundle import BundleLimits

ENV_PREFIX = "HITL_SERVER_"
MIB = 1024 * 1024


class ConfigError(LabelerError):
    """A server setting has a value the server cannot use."""


@dataclass(frozen=True)
class Settings:
    """What one server process needs to know; immutable once the app is built."""

    data_dir: Path = field(default_factory=lambda: Path("hitl-server-data"))
    database_url: str = ""  # empty: sqlite file `server.db` in data_dir
    public_url: str = "http://127.0.0.1:8000"  # written into enrollment files
    # The key that seals secrets stored in the database (keyring.py): its text, or a file
    # (default DATA/master.key). Every host serving one database needs the same one.
    master_key: str = field(default="", repr=False)
    master_key_file: str = ""
    metrics_token: str = field(default="", repr=False)  # GET /metrics (else admin only)
    log_format: str = ""  # "json" or "text": configure logging (serve does); "" leaves it
    log_level: str = ""  # with log_format: "debug", "info" (""), "warning", ...
    max_body_bytes: int = 1 * MIB  # POST /v1/bundles: the largest bundle file accepted
    max_small_body_bytes: int = 64 * 1024  # every other request with a body
    max_bundle_raw_bytes: int = 8 * MIB  # decompressed payload bound
    max_bundle_records: int = 10_000
    max_model_bytes: int = 256 * MIB  # POST /v1/models: the largest model file accepted
    # Backpressure (backpressure.py), per API process: uploads in flight (reading, waiting
    # or storing), bundles stored at once, and how long an upload may wait for that.
    max_uploads: int = 64
    max_ingests: int = 4
    max_queue_wait_s: int = 10

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir).expanduser().resolve())
        for name in (
            "max_body_bytes",
            "max_small_body_bytes",
            "max_bundle_raw_bytes",
            "max_bundle_records",
            "max_model_bytes",
            "max_uploads",
            "max_ingests",
            "max_queue_wait_s",
        ):
            if int(getattr(self, name)) <= 0:
                raise ConfigError(f"{name} must be a positive whole number")

    def bundle_limits(self) -> BundleLimits:
        return BundleLimits(
            max_file_bytes=self.max_body_bytes,
            max_raw_bytes=self.max_bundle_raw_bytes,
            max_records=self.max_bundle_records,
        )

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'server.db'}"

    @property
    def key_path(self) -> Path:
        """Where data folders kept the server key before the database held it (sealed)."""
        return self.data_dir / "server_key"

    @property
    def models_dir(self) -> Path:
        """This host's cache of model files (the database holds them; issue 15)."""
        return self.data_dir / "models"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then `HITL_SERVER_<FIELD>` variables, then non-None ``overrides``."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            if f.name.startswith("max_"):
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise ConfigError(
                        f"{ENV_PREFIX}{f.name.upper()}={raw!r} is not a whole number"
                    ) from None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """``HITL_SERVER_*`` variables that rebuild these settings in another process (the
        workers of ``serve --workers N``); fields at their defaults are left out."""
        defaults = Settings()
        out = {ENV_PREFIX + "DATA_DIR": str(self.data_dir)}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "data_dir" and value != getattr(defaults, f.name):
                out[ENV_PREFIX + f.name.upper()] = str(value)
        return out

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
