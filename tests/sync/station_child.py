"""A worker at her PC, as a separate process (the station end-to-end test drives three).

``label PROJECT WORKER [--skip N]``: submit every image still to do (a box on each), the
first ``N`` of the list left alone; ``fix PROJECT WORKER``: submit the images sent back for
rework, with a tighter box; ``show PROJECT``: print what the PC holds as JSON.
"""

from __future__ import annotations

import json
import sys

from labeler.annotations import Shape
from labeler.project import Project
from labeler.quality import worker_side


def main(argv: list[str]) -> int:
    action, path = argv[0], argv[1]
    with Project.open(path) as project:
        if action == "label":
            worker, skip = argv[2], int(argv[3]) if len(argv) > 3 else 0
            rows = project.store.query(
                "SELECT id, width, height FROM images WHERE status = 'todo' ORDER BY seq"
            )
            for r in rows[skip:]:
                box = Shape.box("tree", 2, 2, r["width"] - 2, r["height"] - 2)
                project.work.submit(r["id"], [box], worker)
        elif action == "fix":
            rows = project.store.query(
                "SELECT i.id, i.width, i.height FROM images i JOIN rework w"
                " ON w.image_sha256 = i.sha256 WHERE w.fixed_by IS NULL AND i.status = 'todo'"
            )
            for r in rows:
                box = Shape.box("tree", 3, 3, r["width"] - 3, r["height"] - 3)
                project.work.submit(r["id"], [box], argv[2])
        elif action == "show":
            sha = {
                r["id"]: r["sha256"] for r in project.store.query("SELECT id, sha256 FROM images")
            }
            out = {
                "submissions": project.store.query(
                    "SELECT uuid, image_sha256, revision, supersedes, source FROM submissions"
                ),
                "rework": project.store.query("SELECT * FROM rework"),
                "open_rework": [
                    worker_side.open_rework(project, s).reason
                    for s in sha.values()
                    if worker_side.open_rework(project, s)
                ],
                "tasks": project.store.query("SELECT * FROM quality_tasks"),
                "images": len(sha),
            }
            print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
