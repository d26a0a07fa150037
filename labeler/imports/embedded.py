"""Images embedded in annotation files (labelme ``imageData``): find them or write them out.

A labelme dataset passed around without its image folder still carries each image inside its
JSON. Such an image is found in the project by its bytes (SHA-256, whatever its name), else
by name; an image the project does not have is written into the project's image folder
(under its own name, or ``<name>-<hash>`` when another file has that name), durably, and
indexed, so the import then finds it like any other.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from labeler.atomic_file import write_atomic
from labeler.imports.matching import ImageMatcher
from labeler.imports.parsed import ParsedImage
from labeler.imports.report import ImportReport

if TYPE_CHECKING:
    from labeler.project import Project

_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "TIFF": ".tif", "WEBP": ".webp"}


def extract(
    project: Project, matcher: ImageMatcher, images: list[ParsedImage], report: ImportReport
) -> bool:
    """Point each embedded image at its project image, writing it out when missing; True if
    files were added (the caller then matches against the index again)."""
    added = False
    for image in images:
        data, image.image_data = image.image_data, None
        if not data:
            continue
        digest = hashlib.sha256(data).hexdigest()
        known = matcher.by_sha.get(digest)
        if known is not None:
            image.name = known.path  # the same bytes: whatever name the file gave
            continue
        if matcher.match(image.name).record is not None:
            continue  # the project has an image of this name; annotations go to it
        try:
            with Image.open(io.BytesIO(data)) as im:
                im.verify()
                kind = im.format or ""
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            report.bad_files.append(f"{image.where}: imageData is not an image ({exc})")
            image.name = ""  # matches nothing; reported above, not as unmatched
            continue
        target = _free_name(project.image_root, image.name, digest, _SUFFIX.get(kind, ""))
        write_atomic(target, data)
        image_id = project.index.add_file(target)
        if image_id is not None:
            project.index.ensure_hash(image_id)
            report.extracted.append(target.relative_to(project.image_root).as_posix())
            image.name = target.relative_to(project.image_root).as_posix()
            added = True
    return added


def _free_name(root: Path, name: str, digest: str, suffix: str) -> Path:
    """A path in ``root`` for the image: its own base name (with the suffix its format
    has), or the name with 8 hex digits of its hash when that is taken."""
    base = PurePosixPath(name.replace("\\", "/")).name or "embedded"
    stem = PurePosixPath(base).stem if PurePosixPath(base).suffix else base
    ext = suffix or PurePosixPath(base).suffix or ".png"
    target = root / f"{stem}{ext}"
    if target.exists():
        target = root / f"{stem}-{digest[:8]}{ext}"
    return target
