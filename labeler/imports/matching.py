"""Match annotation files to a project's images by file name, and label names to label ids.

Files from other tools name images by whatever path they had on the machine that made them,
so matching goes by the base name (``a.jpg`` from ``C:\\data\\a.jpg``), then without case,
then by the name without its suffix (YOLO and some VOC files carry no suffix). When a name
fits several images, the folders the file gives decide; if they cannot, it is reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from labeler.queue import ImageRecord
from labeler.taxonomy import PALETTE, Label, Taxonomy, slug


@dataclass(frozen=True)
class Match:
    record: ImageRecord | None
    candidates: tuple[str, ...] = ()  # paths it could be, when ambiguous
    duplicate: str | None = None  # the path matched, when it is a duplicate of ``record``

    @property
    def ambiguous(self) -> bool:
        return self.record is None and len(self.candidates) > 1


def _parts(name: str) -> list[str]:
    """Path components of a name from any OS or URL (``C:\\a\\b.jpg``, ``../b.jpg``, ``?d=b``)."""
    name = name.replace("\\", "/").split("?d=")[-1]
    return [p for p in name.split("/") if p not in ("", ".", "..") and not p.endswith(":")]


def _stem(path: str) -> str:
    return str(PurePosixPath(path).with_suffix("")) if PurePosixPath(path).suffix else path


_UPLOAD_PREFIX = re.compile(r"^[0-9a-f]{8}-(?=.)")
"""Label Studio renames an uploaded file ``photo.jpg`` to ``1a2b3c4d-photo.jpg``."""


class ImageMatcher:
    """Looks up a project's images by the names annotation files give them.

    ``duplicates`` maps the path of a file that holds the same bytes as a project image (the
    later copy, not in the queue) to that image: its annotations belong to the image.
    """

    def __init__(
        self,
        records: Iterable[ImageRecord],
        duplicates: Mapping[str, ImageRecord] | None = None,
    ) -> None:
        self.by_path: dict[str, ImageRecord] = {}
        self.by_base: dict[str, list[tuple[str, ImageRecord]]] = defaultdict(list)
        self.by_fold: dict[str, list[tuple[str, ImageRecord]]] = defaultdict(list)
        self.by_stem: dict[str, list[tuple[str, ImageRecord]]] = defaultdict(list)
        self.by_sha: dict[str, ImageRecord] = {}
        entries = [(r.path, r) for r in records]
        for rec in (r for _, r in entries):
            if rec.sha256:
                self.by_sha.setdefault(rec.sha256, rec)
        entries += list((duplicates or {}).items())
        for path, rec in entries:
            base = PurePosixPath(path).name
            self.by_path[path] = rec
            self.by_base[base].append((path, rec))
            self.by_fold[base.casefold()].append((path, rec))
            self.by_stem[_stem(base).casefold()].append((path, rec))

    def match(self, name: str, stem: bool = False) -> Match:
        """The image ``name`` means; ``stem``: the name has no suffix (a YOLO label file's)
        and any dots in it are part of the name (``frame.0001``)."""
        found = self._match(name, stem)
        if found.record is None and not found.ambiguous:
            parts = _parts(name)
            if parts and _UPLOAD_PREFIX.match(parts[-1]):
                bare = "/".join([*parts[:-1], _UPLOAD_PREFIX.sub("", parts[-1])])
                return self._match(bare, stem)
        return found

    def _match(self, name: str, stem: bool) -> Match:
        parts = _parts(name)
        if not parts:
            return Match(None)
        joined = "/".join(parts)
        if joined in self.by_path:
            return self._found(joined, self.by_path[joined])
        base = parts[-1]
        for table, key, fold in (
            (self.by_base, base, False),
            (self.by_fold, base.casefold(), True),
            (self.by_stem, (base if stem else _stem(base)).casefold(), True),
        ):
            found = table.get(key)
            if found:
                return self._pick(found, parts, fold, stem and table is self.by_stem)
        return Match(None)

    def _found(self, path: str, rec: ImageRecord) -> Match:
        return Match(rec, duplicate=path if path != rec.path else None)

    def _pick(
        self, found: list[tuple[str, ImageRecord]], parts: list[str], fold: bool, stem: bool
    ) -> Match:
        if len(found) == 1:
            return self._found(*found[0])
        norm = (lambda s: _stem(s).casefold()) if fold else (lambda s: s)
        # The longest tail of the given path that singles out one image wins.
        for k in range(len(parts), 1, -1):
            tail = "/".join(parts[-k:]).casefold() if stem else norm("/".join(parts[-k:]))
            hits = [(p, r) for p, r in found if norm(p) == tail or norm(p).endswith("/" + tail)]
            if len(hits) == 1:
                return self._found(*hits[0])
        return Match(None, tuple(p for p, _ in found))


class LabelResolver:
    """Finds the taxonomy label a file's class name means: by id, or any name, any case."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.lookup: dict[str, str] = {}
        for lab in taxonomy.labels:
            for name in lab.names.values():
                self.lookup.setdefault(name.strip().casefold(), lab.id)
        for lab in taxonomy.labels:  # an id wins over another label's name
            self.lookup[lab.id.casefold()] = lab.id

    def resolve(self, name: str, label_id: str | None = None) -> str | None:
        if label_id is not None and label_id in self.taxonomy:
            return label_id
        key = name.strip().casefold()
        return self.lookup.get(key) or self.lookup.get(slug(name))

    def with_new_labels(self, names: Iterable[str]) -> Taxonomy:
        """The taxonomy plus a label for each name (id from the name, English name as given)."""
        labels = list(self.taxonomy.labels)
        ids = {lab.id for lab in labels}
        seen: set[str] = set()
        for name in names:
            if name.strip().casefold() in seen:
                continue  # "Wild boar" and "wild boar" are one new label
            seen.add(name.strip().casefold())
            base = slug(name)
            label_id, n = base, 2
            while label_id in ids:
                label_id, n = f"{base}_{n}", n + 1
            ids.add(label_id)
            names_ = {"en": name.strip()}
            labels.append(Label(label_id, names_, PALETTE[len(labels) % len(PALETTE)]))
        return replace(self.taxonomy, labels=tuple(labels))
