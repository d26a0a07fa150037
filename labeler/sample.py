"""The sample project the quick start opens: 36 village scenes and a bilingual taxonomy."""

from __future__ import annotations

import shutil
from pathlib import Path

from labeler import taxonomy
from labeler.appdirs import data_dir
from labeler.project import Project
from labeler.resources import resource

SAMPLE_NAME = "sample.hitl"


def default_sample_dir() -> Path:
    return data_dir() / "sample"


def create_sample_project(folder: Path | None = None, *, fresh: bool = False) -> Path:
    """Copy the sample images into ``folder`` and make a project there (kept if it exists)."""
    folder = Path(folder) if folder else default_sample_dir()
    project_file = folder / SAMPLE_NAME
    if fresh and folder.exists():
        shutil.rmtree(folder)
    if project_file.exists():
        return project_file
    src = resource("sample")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "images", folder / "images", dirs_exist_ok=True)
    shutil.copy2(src / "taxonomy.txt", folder / "taxonomy.txt")
    tmp = folder / (SAMPLE_NAME + ".partial")
    for leftover in folder.glob(SAMPLE_NAME + ".partial*"):
        leftover.unlink()
    with Project.create(
        tmp,
        name="Sample: village scenes",
        image_root=folder / "images",
        kind="boxes",
        taxonomy=taxonomy.load(folder / "taxonomy.txt"),
        taxonomy_source="taxonomy.txt",
    ) as project:
        project.index.scan()
        project.index.hash_pending()
    tmp.replace(project_file)  # only a complete project takes the real name
    return project_file
