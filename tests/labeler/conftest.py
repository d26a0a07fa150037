"""Fixtures of the core's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from labeler.project import Project
from labeler.taxonomy import Taxonomy

KIND = "boxes+polygons+points+multilabel"


@pytest.fixture
def fresh(tmp_path: Path, image_dir: Path, tax: Taxonomy):
    """A second project over the same images, with nothing labeled."""
    made: list[Project] = []

    def make(kind: str = KIND, name: str = "fresh") -> Project:
        p = Project.create(
            tmp_path / f"{name}.hitl", name=name, image_root=image_dir, kind=kind, taxonomy=tax
        )
        p.index.scan()
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()
