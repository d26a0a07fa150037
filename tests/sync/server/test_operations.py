"""What an operator watches: metrics, structured logs with request ids."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.server.processes import ServerProcess


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name) or line.startswith("#"):
            continue
        series, value = line.rsplit(" ", 1)
        if series.split("{")[0] != name:
            continue
        if all(f'{k}="{v}"' in series for k, v in labels.items()):
            total += float(value)
    return total


def test_metrics_count_ingests_rejections_and_latency(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    assert requests.get(server.url + "/metrics", timeout=10).status_code == 401
    assert requests.get(server.url + "/metrics", headers=headers, timeout=10).status_code == 403
    before = requests.get(server.url + "/metrics", headers=server.admin_headers, timeout=10).text

    good = server.bundle_for(pc, 1, [fake_submission(1), fake_submission(2, label="unicorn")])
    assert server.upload(good, headers).status_code == 200
    assert server.upload(good[:-1] + b"\x00", headers).status_code == 422  # signature
    assert server.upload(b"junk", {"Authorization": "Bearer dev-x.y"}).status_code == 401

    r = requests.get(server.url + "/metrics", headers=server.admin_headers, timeout=10)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    after = r.text

    def grew(name: str, **labels: str) -> float:
        return _metric(after, name, **labels) - _metric(before, name, **labels)

    assert grew("hitl_bundles_total") == 1
    assert grew("hitl_records_accepted_total") == 1
    assert grew("hitl_rejections_total", kind="record") == 1
    assert grew("hitl_rejections_total", kind="signature") == 1
    assert grew("hitl_rejections_total", kind="unauthorized") == 1
    assert grew("hitl_request_seconds_count", route="/v1/bundles", status="200") == 1
    assert "hitl_ingest_queue_depth" in after and "hitl_uploads_in_flight" in after


def test_logs_are_json_lines_naming_the_request(tmp_path: Path) -> None:
    from sync.server.bootstrap import initialise, open_state
    from sync.server.config import Settings

    settings = Settings(data_dir=tmp_path / "srv")
    token = initialise(settings).admin_token
    open_state(settings).storage.dispose()
    log = tmp_path / "serve.log"
    proc = ServerProcess.serve(log, "--data", str(settings.data_dir))
    proc.argv = [a for a in proc.argv if a not in ("--log-level", "warning")]
    try:
        proc.start()
        auth = {"Authorization": f"Bearer {token}"}
        r = requests.get(proc.url + "/v1/progress", headers=auth, timeout=10)
        rid = r.headers["X-Request-ID"]
        r = requests.get(proc.url + "/metrics", headers=auth, timeout=10)
        assert "hitl_request_seconds_bucket" in r.text
    finally:
        proc.stop()
    lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    mine = [x for x in lines if x.get("request_id") == rid]
    assert mine and mine[0]["logger"] == "hitl.access"
    assert mine[0]["route"] == "/v1/progress" and mine[0]["status"] == 200
    assert isinstance(mine[0]["duration_ms"], float)
