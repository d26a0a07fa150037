"""When the server itself fails, the client gets plain words and a request id, never a trace."""

from __future__ import annotations

import requests

from tests.sync.conftest import RunningServer, fake_submission

_LEAKS = ("Traceback", 'File "', "sqlalchemy", "sqlite", "psycopg", "SELECT", "INSERT", ".py")


def test_an_internal_failure_answers_json_with_a_request_id_and_no_trace(
    server: RunningServer,
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    bundle = server.bundle_for(pc, 1, [fake_submission(1)])
    with server.storage.write() as conn:  # the database broken under the running server
        conn.exec_driver_sql("ALTER TABLE bundles RENAME TO bundles_moved")

    for answer in (
        server.upload(bundle, headers),
        requests.get(f"{server.url}/v1/receipts/{pc['device_id']}/1", headers=headers, timeout=10),
        requests.get(f"{server.url}/v1/progress", headers=server.admin_headers, timeout=10),
    ):
        assert answer.status_code == 500, answer.text
        detail = answer.json()["detail"]
        assert detail["kind"] == "internal"
        rid = answer.headers["X-Request-ID"]
        assert rid in detail["message"] and "admin" in detail["message"]
        for leak in _LEAKS:
            assert leak not in answer.text, (leak, answer.text)

    with server.storage.write() as conn:
        conn.exec_driver_sql("ALTER TABLE bundles_moved RENAME TO bundles")
    assert server.upload(bundle, headers).status_code == 200  # nothing half-stored before


def test_a_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced(server: RunningServer) -> None:
    r = requests.get(
        server.url + "/v1/health",
        headers={**server.admin_headers, "X-Request-ID": "proxy-42.a"},
        timeout=10,
    )
    assert r.headers["X-Request-ID"] == "proxy-42.a"
    r = requests.get(
        server.url + "/v1/health",
        headers={**server.admin_headers, "X-Request-ID": "x" * 300},
        timeout=10,
    )
    assert r.status_code == 200 and len(r.headers["X-Request-ID"]) == 16
