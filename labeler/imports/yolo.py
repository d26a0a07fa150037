"""Read YOLO label folders, as labelImg and Ultralytics write them.

``source`` is a folder. Class names come from ``data.yaml`` (or ``dataset.yaml``) at its
top, else from a ``classes.txt`` (labelImg) or ``obj.names`` (Darknet, CVAT's YOLO export).
Label files are the ``*.txt`` under ``labels/`` when there is one, else every ``*.txt``
under ``source`` except the class list and image lists (``train.txt`` and the others named
by ``obj.data`` or ``data.yaml``, or any file of image paths). A line is
``class cx cy w h`` (a box) or ``class x1 y1 x2 y2 x3 y3 ...`` (a polygon), with coordinates
as fractions of the image size; the image is matched by the label file's name without
``.txt`` (``frame.0001.txt`` is ``frame.0001.jpg``: dots inside the name are kept).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.errors import ImportFormatError
from labeler.images import IMAGE_SUFFIXES
from labeler.imports.parsed import ParsedFile, ParsedImage, ParsedShape, format_error, number

DESCRIPTION = "YOLO folders (labels/*.txt with classes.txt or data.yaml)"
YAML_NAMES = ("data.yaml", "dataset.yaml", "data.yml")
CLASS_FILES = ("classes.txt", "classes.names", "obj.names")
SLACK = 0.01  # normalised values a hair outside 0..1 are rounding, not pixel coordinates


def read(source: Path) -> Iterator[ParsedFile]:
    if not source.is_dir():
        yield ParsedFile(source, error=format_error(source, None, "give the YOLO folder"))
        return
    try:
        classes, ids, boxes_as_polygons, skip = _classes(source)
    except ImportFormatError as exc:
        yield ParsedFile(source, error=exc)
        return
    skip |= _darknet_lists(source)
    labels_dir = source / "labels" if (source / "labels").is_dir() else source
    for path in sorted(labels_dir.rglob("*.txt")):
        if path.resolve() in skip or path.name in CLASS_FILES:
            continue
        if _is_image_list(path):
            continue  # train.txt and the like: paths of images, not labels
        name = path.relative_to(labels_dir).as_posix().removesuffix(".txt")
        try:
            image = parse_file(path, name, classes, ids)
        except ImportFormatError as exc:
            yield ParsedFile(path, error=exc)
            continue
        image.boxes_as_polygons = boxes_as_polygons
        image.stem = True
        yield ParsedFile(path, [image])


def _darknet_lists(source: Path) -> set[Path]:
    """Image lists Darknet's ``obj.data`` names (``train = data/train.txt``), by base name:
    CVAT writes them relative to a ``data/`` folder the export does not have."""
    out: set[Path] = set()
    for data in source.rglob("obj.data"):
        for line in _text(data).splitlines():
            key, _, value = line.partition("=")
            if key.strip() in ("train", "valid", "test") and value.strip():
                out.add((data.parent / Path(value.strip().replace("\\", "/")).name).resolve())
    return out


def _is_image_list(path: Path) -> bool:
    """A text file whose first line is the path of an image (Darknet's ``train.txt``)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            first = next((ln.strip() for ln in f if ln.strip()), "")
    except OSError:
        return False
    return Path(first).suffix.lower() in IMAGE_SUFFIXES and not first.split()[0].isdigit()


def parse_file(
    path: Path, name: str, classes: list[str], ids: list[str] | None = None
) -> ParsedImage:
    text = _text(path)
    image = ParsedImage(name=name, where=str(path), normalized=True)
    for n, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        place = f"line {n}"
        if len(fields) != 5 and (len(fields) < 7 or len(fields) % 2 == 0):
            raise format_error(
                path,
                place,
                f"{len(fields)} fields; a YOLO line is 'class cx cy w h' (5 fields) or"
                " 'class x1 y1 x2 y2 x3 y3 ...' (a class and 3 or more x y pairs)",
            )
        if not fields[0].isdigit():
            raise format_error(path, place, f"class {fields[0]!r} is not a class number")
        cls = int(fields[0])
        if cls >= len(classes):
            raise format_error(
                path, place, f"class {cls}, but the class list has only {len(classes)} classes"
            )
        values = [number(v, path, place) for v in fields[1:]]
        if any(not -SLACK <= v <= 1 + SLACK for v in values):
            raise format_error(path, place, "coordinates are not fractions of the image size")
        label, label_id = classes[cls], (ids[cls] if ids and cls < len(ids) else None)
        if len(values) == 4:
            cx, cy, w, h = values
            pts = ((cx - w / 2, cy - h / 2), (cx + w / 2, cy + h / 2))
            image.shapes.append(ParsedShape(ShapeType.BOX, label, pts, label_id))
        else:
            pts = tuple(zip(values[0::2], values[1::2], strict=True))
            image.shapes.append(ParsedShape(ShapeType.POLYGON, label, pts, label_id))
    return image


def _classes(source: Path) -> tuple[list[str], list[str] | None, bool, set[Path]]:
    """Class names, label ids (our data.yaml), boxes-as-polygons flag, files not to read."""
    for yaml_name in YAML_NAMES:
        path = source / yaml_name
        if path.is_file():
            text = _text(path)
            try:
                names = yaml_list(text, "names")
                ids = yaml_list(text, "label_ids")
            except (ValueError, SyntaxError, KeyError, TypeError) as exc:
                raise format_error(path, "names", f"cannot read the class list ({exc})") from None
            if not names:
                raise format_error(path, None, "has no 'names:' list of classes")
            flag = re.search(r"(?m)^boxes_as_polygons:\s*true\s*$", text) is not None
            skip = {
                (source / v).resolve()
                for v in re.findall(r"(?m)^(?:train|val|test):\s*(\S+\.txt)\s*$", text)
            }
            return names, ids, flag, skip
    for class_name in CLASS_FILES:
        found = sorted(source.rglob(class_name))
        if found:
            lines = _text(found[0]).splitlines()
            return [ln.strip() for ln in lines if ln.strip()], None, False, set()
    raise format_error(
        source, None, "no data.yaml or classes.txt here; YOLO files need one to name classes"
    )


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise format_error(path, None, f"cannot read as text ({exc})") from None


def _scalar(text: str) -> str:
    text = text.strip()
    if text.startswith('"'):
        return str(json.loads(text))
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    return text


def yaml_list(text: str, key: str) -> list[str] | None:
    """The list under ``key``: ``[a, b]``, a ``- a`` block, or a ``0: a`` block (YAML subset)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(rf"^{re.escape(key)}:\s*(.*?)\s*$", line)
        if not m:
            continue
        rest = m.group(1).split(" #")[0].strip()
        if rest:
            try:
                items = ast.literal_eval(rest)
            except (ValueError, SyntaxError):
                items = [_scalar(v) for v in rest.strip("[]").split(",") if v.strip()]
            if isinstance(items, dict):
                return [str(items[k]) for k in sorted(items)]
            return [str(v) for v in items]
        out: dict[int, str] = {}
        for sub in lines[i + 1 :]:
            if not sub.strip() or sub.lstrip().startswith("#"):
                continue
            if not sub.startswith((" ", "\t", "-")):
                break
            item = sub.strip()
            if item.startswith("- "):
                out[len(out)] = _scalar(item[2:])
            elif ":" in item:
                k, v = item.split(":", 1)
                out[int(k)] = _scalar(v)
        return [out[k] for k in sorted(out)]
    return None
