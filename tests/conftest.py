"""Shared fixtures: real image files made with Pillow and real project files in temp dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from labeler import taxonomy
from labeler.project import Project

# Property tests share two cores with other jobs: no per-example deadline (a slow example is
# not a failure), and a failing example is printed so it can be replayed.
settings.register_profile("hitl", deadline=None, print_blob=True)
settings.load_profile("hitl")

# A shell set up as README tells a server admin has HITL_SERVER_DATABASE_URL (and friends)
# pointing at a real server: no test may read them, nor any process a test starts.
for _name in [n for n in os.environ if n.startswith("HITL_SERVER_")]:
    del os.environ[_name]

TAXONOMY_TEXT = """\
languages: en hi
# id    | English | हिन्दी | colour  | key | description
tree    | Tree    | पेड़   | #2e7d32 | 1   | A tree
house   | House   | घर    | #c62828 | 2   | A house
cattle  | Cattle  | मवेशी  |         | 3   |
"""


def make_images(
    folder: Path, n: int, size: tuple[int, int] = (64, 48), fmt: str = "jpg", start: int = 0
) -> list[Path]:
    """``n`` distinct images (each a different colour, so each has its own hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"img_{i:05d}.{fmt}"
        Image.new("RGB", size, ((i * 37) % 256, (i * 91) % 256, (i * 53 + i // 256) % 256)).save(p)
        out.append(p)
    return out


@pytest.fixture
def tax() -> taxonomy.Taxonomy:
    return taxonomy.parse(TAXONOMY_TEXT)


@pytest.fixture
def image_dir(tmp_path: Path) -> Path:
    make_images(tmp_path / "images", 12)
    return tmp_path / "images"


@pytest.fixture
def project(tmp_path: Path, image_dir: Path, tax: taxonomy.Taxonomy) -> Iterator[Project]:
    """A boxes+multilabel project over 12 scanned and hashed images."""
    p = Project.create(
        tmp_path / "test.hitl",
        name="Test project",
        image_root=image_dir,
        kind="boxes+polygons+points+polylines+multilabel",
        taxonomy=tax,
    )
    p.index.scan()
    p.index.hash_pending()
    yield p
    p.close()


@pytest.fixture(autouse=True)
def _user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user folder, never the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HITL_LABELER_HOME", str(home))
    return home


from tests.browser import chromium  # noqa: E402, F401 (one Playwright at a time)
