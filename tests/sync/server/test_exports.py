"""Exports as background jobs: started, followed, downloaded when ready, from the database."""

from __future__ import annotations

import copy
import io
import json
import warnings
import zipfile

import requests

from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.server.held import wait_until

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from label_studio_sdk.label_interface import LabelInterface


def _job(server: RunningServer, job_id: str) -> dict:
    r = requests.get(f"{server.url}/v1/exports/{job_id}", headers=server.admin_headers, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def test_an_export_runs_in_the_background_and_is_downloaded_when_ready(
    server: RunningServer,
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    first = [fake_submission(i) for i in range(300)]
    fixed = fake_submission(7, label="house", revision=2, supersedes=first[7]["uuid"])
    b1 = server.bundle_for(pc, 1, first)
    assert server.upload(b1, headers).status_code == 200
    prev = json.loads(server.upload(b1, headers).text)["receipt"]["bundle_sha256"]
    assert server.upload(server.bundle_for(pc, 2, [fixed], prev_sha256=prev), headers).ok

    r = requests.post(
        server.url + "/v1/exports",
        params={"format": "coco"},
        headers=server.admin_headers,
        timeout=10,
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] in ("queued", "running", "done") and job["format"] == "coco"
    early = requests.get(
        f"{server.url}/v1/exports/{job['id']}/file", headers=server.admin_headers, timeout=10
    )
    if _job(server, job["id"])["state"] != "done" and early.status_code != 200:
        assert early.status_code == 409  # not ready yet: says so, sends nothing
    wait_until(lambda: _job(server, job["id"])["state"] in ("done", "failed"), timeout=120)
    done = _job(server, job["id"])
    assert done["state"] == "done", done
    assert done["done"] == done["total"] == 300 and done["size"] > 0
    r = requests.get(
        f"{server.url}/v1/exports/{job['id']}/file", headers=server.admin_headers, timeout=30
    )
    assert r.status_code == 200 and len(r.content) == done["size"]
    assert done["file_name"] in r.headers["Content-Disposition"]
    coco = json.loads(r.content)
    assert len(coco["images"]) == 300
    house = next(c["id"] for c in coco["categories"] if c["label_id"] == "house")
    image = next(i for i in coco["images"] if i["submission"] == fixed["uuid"])
    assert [a["category_id"] for a in coco["annotations"] if a["image_id"] == image["id"]] == [
        house
    ]  # the correction, not the work it corrects

    listed = requests.get(server.url + "/v1/exports", headers=server.admin_headers, timeout=10)
    assert [j["id"] for j in listed.json()] == [job["id"]]
    devices = requests.post(server.url + "/v1/exports", headers=headers, timeout=10)
    assert devices.status_code == 403  # exports are the admin's
    missing = requests.get(server.url + "/v1/exports/exp-nope", headers=server.admin_headers)
    assert missing.status_code == 404


def test_a_folder_format_comes_as_a_zip_and_a_bad_format_is_refused(
    server: RunningServer,
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    data = server.bundle_for(pc, 1, [fake_submission(i) for i in range(5)])
    assert server.upload(data, server.device_headers(pc)).status_code == 200
    r = requests.get(
        server.url + "/v1/export", params={"format": "yolo"}, headers=server.admin_headers
    )
    assert r.status_code == 200, r.text
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert sum("/img_" in n and n.endswith(".txt") for n in names) == 5
    r = requests.post(
        server.url + "/v1/exports", params={"format": "nope"}, headers=server.admin_headers
    )
    assert r.status_code == 400 and "choose one of" in r.json()["detail"]["message"]


def test_label_studio_comes_with_its_labeling_config_and_the_sdk_accepts_every_annotation(
    server: RunningServer,
) -> None:
    """Label Studio needs the labeling interface before it can take the tasks: the download
    holds both, and Label Studio's SDK checks every annotation against that config."""
    project = server.create_project()
    pc = server.enroll_device(project.id)
    subs = [fake_submission(i, label=("tree", "house")[i % 2]) for i in range(6)]
    assert server.upload(server.bundle_for(pc, 1, subs), server.device_headers(pc)).ok
    r = requests.get(
        server.url + "/v1/export",
        params={"format": "labelstudio"},
        headers=server.admin_headers,
        timeout=60,
    )
    assert r.status_code == 200, r.text
    assert r.headers["Content-Disposition"].endswith('-labelstudio.zip"')
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(z.namelist())
        assert [n.rsplit("-", 1)[1] for n in names] == ["labelstudio.json", "labelstudio.xml"]
        tasks = json.loads(z.read(names[0]))
        config = z.read(names[1]).decode()
    interface = LabelInterface(config)
    interface.validate()
    assert [t["id"] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert {t["meta"]["submission"] for t in tasks} == {s["uuid"] for s in subs}
    for task in tasks:
        (annotation,) = task["annotations"]
        assert interface.validate_annotation(annotation), task
    wrong = copy.deepcopy(tasks[0]["annotations"][0])
    wrong["result"][0]["value"]["rectanglelabels"] = ["Goat"]
    assert not interface.validate_annotation(wrong)  # the check is a real one
