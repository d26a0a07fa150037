"""The OpenAPI schema is served; every other endpoint refuses requests without valid credentials."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.sync.conftest import RunningServer

OPEN = {"/openapi.json", "/docs"}
CONSOLE = "/admin"  # browser pages: no session sends to sign-in (tests/sync/server/console)


@pytest.fixture
def client(server: RunningServer) -> TestClient:
    return TestClient(server.app)


def _walk(routes: list) -> list:  # type: ignore[type-arg]
    """Every route of the app, including those of included routers."""
    out = []
    for route in routes:
        if hasattr(route, "effective_candidates"):  # FastAPI's included router
            out.extend(_walk(route.effective_candidates()))
        elif hasattr(route, "original_router"):
            out.extend(_walk(route.original_router.routes))
        else:
            out.append(getattr(route, "route", route))
    return out


def _routes(server: RunningServer) -> list[tuple[str, str]]:
    out = []
    for route in _walk(server.app.routes):
        path = getattr(route, "path", "")
        for method in sorted(getattr(route, "methods", None) or ()):
            if method in ("HEAD", "OPTIONS"):
                continue
            out.append((method, path))
    return out


def test_openapi_is_served_and_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/v1/health",
        "/v1/bundles",
        "/v1/receipts/{device_id}/{seq}",
        "/v1/devices/{device_id}/sequence",
        "/v1/devices/{device_id}/revoke",
        "/v1/project",
        "/v1/project/updates",
        "/v1/progress",
        "/v1/proposals",
        "/v1/export",
    } <= paths
    assert "SignedReceipt" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_every_endpoint_refuses_missing_or_bad_credentials(
    server: RunningServer, client: TestClient
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    bogus = [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": f"Bearer {pc['device_id']}.wrong-secret"},
        {"Authorization": "Bearer admin.wrong-token"},
        {"Authorization": f"Basic {pc['device_id']}:{pc['device_secret']}"},
        {"Authorization": "Bearer rly-0000.x"},
    ]
    routes = _routes(server)
    assert len(routes) >= 12
    checked = 0
    for method, path in routes:
        if path in OPEN or path.startswith(CONSOLE):
            continue
        url = re.sub(r"\{device_id\}", pc["device_id"], path)
        url = re.sub(r"\{seq\}", "1", url)
        for headers in bogus:
            r = client.request(
                method, url, headers=headers, content=b"x" if method == "POST" else None
            )
            assert r.status_code == 401, (method, path, headers, r.status_code)
            assert r.json()["detail"]["kind"] == "unauthorized"
            checked += 1
    assert checked >= 10 * len(bogus)


def test_roles_are_kept_apart(server: RunningServer, client: TestClient) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    pc2 = server.enroll_device(project.id)
    device = server.device_headers(pc)
    assert client.get("/v1/health", headers=device).json()["role"] == "device"
    for path in ("/v1/progress", "/v1/proposals", "/v1/export"):
        assert client.get(path, headers=device).status_code == 403
    assert client.post(f"/v1/devices/{pc2['device_id']}/revoke", headers=device).status_code == 403
    other = client.get(f"/v1/devices/{pc2['device_id']}/sequence", headers=device)
    assert other.status_code == 403
    assert client.get(f"/v1/receipts/{pc2['device_id']}/1", headers=device).status_code == 403
    assert client.post("/v1/bundles", headers=server.admin_headers, content=b"x").status_code == 403
