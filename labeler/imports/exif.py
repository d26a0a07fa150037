"""EXIF orientation on import: which view of a photo an annotation file was drawn on.

A camera often stores a portrait photo sideways with an EXIF tag saying "turn me". This
program, labelme (4.5+), CVAT, Label Studio and Ultralytics show and label the image turned
(the *displayed* view); labelImg and some scripts use the pixels as stored (the *stored*
view). Coordinates from the stored view put every shape in the wrong place, so each import
decides per image:

- orientation 1 (or none): nothing to decide;
- the file states the image size and it is the displayed size of a turned image
  (orientation 5-8, width and height swapped): displayed view;
- otherwise (the stored size, no size at all as in YOLO, or orientation 2-4 where both views
  have one size) the file cannot say, and the image is refused with a hint, unless the
  importer is told the view (``exif_view="displayed"`` or ``"stored"``).

``to_displayed`` turns stored-view pixel coordinates into displayed ones, for the same
orientations as ``PIL.ImageOps.exif_transpose``.
"""

from __future__ import annotations

from labeler.errors import LabelerError

VIEWS = ("displayed", "stored")
_NAMES = {
    2: "mirrored",
    3: "upside down",
    4: "mirrored upside down",
    5: "mirrored and turned",
    6: "turned a quarter",
    7: "mirrored and turned",
    8: "turned a quarter",
}


def swaps(orientation: int) -> bool:
    """Whether the displayed image has width and height swapped against the stored one."""
    return orientation in (5, 6, 7, 8)


def stored_size(orientation: int, width: int, height: int) -> tuple[int, int]:
    """The stored (sw, sh) of an image displayed as ``width`` x ``height``."""
    return (height, width) if swaps(orientation) else (width, height)


def to_displayed(x: float, y: float, orientation: int, sw: int, sh: int) -> tuple[float, float]:
    """A stored-view point (image ``sw`` x ``sh``) in the displayed view."""
    return {
        2: lambda: (sw - x, y),
        3: lambda: (sw - x, sh - y),
        4: lambda: (x, sh - y),
        5: lambda: (y, x),
        6: lambda: (sh - y, x),
        7: lambda: (sh - y, sw - x),
        8: lambda: (y, sw - x),
    }.get(orientation, lambda: (x, y))()


def decide_view(
    orientation: int,
    width: int,
    height: int,
    stated: tuple[int, int] | None,
    told: str | None,
    path: str,
) -> str:
    """``"displayed"`` or ``"stored"`` for one image, or a ``LabelerError`` saying what to do."""
    if orientation in (0, 1) or orientation not in _NAMES:
        return "displayed"
    if stated == (width, height) and swaps(orientation):
        return "displayed"
    if told in VIEWS:
        return told
    made_on = (
        "the file gives the size of the image as stored, so it was probably drawn unturned"
        if stated is not None and stated == stored_size(orientation, width, height)
        else "the file does not say which view it was drawn on"
    )
    raise LabelerError(
        f"{path} is stored {_NAMES[orientation]} with an EXIF tag (orientation {orientation})"
        f" and shown turned; {made_on}. Import again with --exif-view stored (labelImg and"
        " tools that ignore EXIF) or --exif-view displayed (labelme, CVAT, Label Studio,"
        " Ultralytics, this program)"
    )
