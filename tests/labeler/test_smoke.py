"""The core loop end to end on a real project file: scan, label, submit, reopen."""

from labeler.annotations import Shape
from labeler.project import Project
from labeler.queue import Status


def test_submit_survives_reopen(project: Project) -> None:
    first = project.queue.next_todo()
    assert first is not None and first.path == "img_00000.jpg"
    sub = project.work.submit(first.id, [Shape.box("tree", 1, 2, 30, 40)], "Asha")
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.queue.get(first.id).status is Status.SUBMITTED
        latest = again.work.latest_for_image(first.id)
        assert latest is not None and latest.uuid == sub.uuid
        assert latest.shapes == (Shape.box("tree", 1, 2, 30, 40),)
        nxt = again.queue.next_todo(first.seq)
        assert nxt is not None and nxt.path == "img_00001.jpg"
