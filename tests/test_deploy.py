"""The deployment kit (deploy/), checked without Docker (no engine runs here): the compose
file parses and wires PostgreSQL, two API processes and a TLS proxy; every command and
setting it names exists; the Dockerfile installs what the server needs and copies real paths;
the systemd unit starts a real command."""

from __future__ import annotations

import configparser
import re
import shlex
import tomllib
from pathlib import Path

import yaml

from sync.server.cli import build_parser
from sync.server.config import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SETTINGS = {ENV_PREFIX + f.upper() for f in Settings.__dataclass_fields__}


def _parses(argv: list[str]) -> None:
    """``labeler-server ARGS`` as our own parser reads them (it exits on an unknown flag)."""
    assert Path(argv[0]).name == "labeler-server", argv
    build_parser().parse_args(argv[1:])


def test_compose_wires_postgres_two_api_processes_and_a_tls_proxy() -> None:
    doc = yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))
    services = doc["services"]
    assert {"db", "api1", "api2", "proxy"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    for name in ("api1", "api2"):
        api = services[name]
        assert api["build"]["dockerfile"] == "deploy/Dockerfile"
        assert (DEPLOY / api["build"]["context"] / api["build"]["dockerfile"]).is_file()
        _parses(api["command"])
        env = api["environment"]
        assert set(env) <= SETTINGS, set(env) - SETTINGS
        assert env["HITL_SERVER_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert "@db:5432/" in env["HITL_SERVER_DATABASE_URL"]
        assert env["HITL_SERVER_PUBLIC_URL"].startswith("https://")
        assert env["HITL_SERVER_MASTER_KEY_FILE"] == "/run/secrets/master_key"
        assert "master_key" in api["secrets"]
        assert api["depends_on"]["db"]["condition"] == "service_healthy"
    assert "master_key" in doc["secrets"]
    proxy = services["proxy"]
    assert "443:443" in proxy["ports"]
    caddyfile = next(v.split(":")[0] for v in proxy["volumes"] if "Caddyfile" in v)
    caddy = (DEPLOY / caddyfile).read_text("utf-8")
    assert re.search(r"reverse_proxy\s+api1:8000\s+api2:8000", caddy)
    assert "health_uri /readyz" in caddy and "{$HITL_DOMAIN}" in caddy
    example = (DEPLOY / ".env.example").read_text("utf-8")
    for var in set(re.findall(r"\$\{(\w+)", (DEPLOY / "compose.yaml").read_text("utf-8"))):
        assert f"{var}=" in example, var


def test_dockerfile_copies_real_paths_and_installs_the_server_dependencies() -> None:
    text = (DEPLOY / "Dockerfile").read_text("utf-8")
    for source in re.findall(r"^COPY\s+(\S+)\s+\S+$", text, re.M):
        assert (ROOT / source).exists(), source
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    needed = [d for d in project["dependencies"] if not d.startswith("PySide6")]
    extras = project["optional-dependencies"]
    needed += [d for d in extras["server"] + extras["postgres"] if not d.startswith("hitl-labeler")]
    installed = set(re.findall(r'"([^"]+)"', text.split("pip install --no-deps .", 1)[1]))
    missing = {d.split(";")[0].strip() for d in needed} - installed
    assert not missing, f"deploy/Dockerfile lacks {missing} (pyproject.toml has them)"
    cmd = re.search(r"^CMD\s+(\[.*\])$", text, re.M)
    assert cmd is not None
    _parses(yaml.safe_load(cmd.group(1)))
    assert "USER hitl" in text and "/healthz" in text
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert "deploy/secrets" in ignored and ".venv" in ignored


def test_systemd_unit_runs_a_real_command_with_known_settings() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment, method-assign]
    unit.read(DEPLOY / "hitl-server.service")
    service = unit["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].startswith("/") and argv[0].endswith("/labeler-server")
    _parses(argv)
    assert service["User"] == "hitl" and service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    env_file = service["EnvironmentFile"]
    example = (DEPLOY / "server.env.example").read_text("utf-8")
    assert env_file.endswith("server.env")
    names = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line}
    assert names <= SETTINGS, names - SETTINGS
