"""Crash safety: a labeler killed with SIGKILL at random moments loses no submission it had
reported as saved, and leaves a project file that passes SQLite's full integrity check."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from labeler.project import Project
from labeler.taxonomy import Taxonomy
from tests.conftest import make_images

CHILD = textwrap.dedent(
    """
    import sys
    from labeler.annotations import Shape
    from labeler.project import Project

    with Project.open(sys.argv[1]) as p:
        ids = [r.id for r in p.queue.page(limit=1000)]
        print("ready", flush=True)
        i = 0
        while True:
            image_id, following = ids[i % len(ids)], ids[(i + 1) % len(ids)]
            sub = p.work.submit(image_id, [Shape.box("tree", 1, 1, 10 + i % 40, 10)], "Asha")
            print(sub.uuid, flush=True)  # only after submit returned, i.e. committed
            p.work.save_draft(following, [Shape.box("house", 2, 2, 12, 12)], "Asha")
            i += 1
    """
)


def test_sigkill_never_loses_a_reported_submission(tmp_path: Path, tax: Taxonomy) -> None:
    make_images(tmp_path / "images", 15, size=(64, 48))
    path = tmp_path / "crash.hitl"
    with Project.create(
        path, name="crash", image_root=tmp_path / "images", kind="boxes", taxonomy=tax
    ) as p:
        p.index.scan()
        p.index.hash_pending()
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    reported: list[str] = []
    for n in [rng.randint(1, 120) for _ in range(5)]:
        child = subprocess.Popen(
            [sys.executable, str(script), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        try:
            assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
            for _ in range(n):
                line = child.stdout.readline().strip()
                assert line, f"child died early (seed {seed}): {child.stderr.read()}"  # type: ignore[union-attr]
                reported.append(line)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(10)
            child.stdout.close()
            child.stderr.close()  # type: ignore[union-attr]
        assert child.returncode == -signal.SIGKILL

        with Project.open(path) as p:
            p.store.check_integrity(quick=False)
            stored = {s.uuid: s for s in p.work.submissions()}
            lost = [u for u in reported if u not in stored]
            assert not lost, f"seed {seed}: {len(lost)} reported submissions lost"
            # revisions per image stay a clean chain: 1..k, each superseding the one before
            by_image: dict[str, list] = {}
            for s in stored.values():
                by_image.setdefault(s.image_sha256, []).append(s)
            for subs in by_image.values():
                subs.sort(key=lambda s: s.revision)
                assert [s.revision for s in subs] == list(range(1, len(subs) + 1))
                assert all(b.supersedes == a.uuid for a, b in itertools.pairwise(subs))
    assert len(reported) >= 5
