"""Match annotation files to a project's images by file name, and label names to label ids.

Files from other tools name images by whatever path they had on the machine that made them,
so matching goes by the base name (``a.jpg`` from ``C:\\data\\a.jpg``), then without case,
then by the name without its suffix (YOLO and some VOC files carry no suffix). When a name
fits several images, the folders the file gives decide; if they cannot, it is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from labeler.queue import ImageRecord
from labeler.taxonomy import PALETTE, Label, Taxonomy, slug


@dataclass(frozen=True)
class Match:
    record: ImageRecord | None
    candidates: tuple[str, ...] = ()  # paths it could be, when ambiguous

    @property
    def ambiguous(self) -> bool:
        return self.record is None and len(self.candidates) > 1


def _parts(name: str) -> list[str]:
    """Path components of a name from any OS or URL (``C:\\a\\b.jpg``, ``../b.jpg``, ``?d=b``)."""
    name = name.replace("\\", "/").split("?d=")[-1]
    return [p for p in name.split("/") if p not in ("", ".", "..") and not p.endswith(":")]


def _stem(path: str) -> str:
    return str(PurePosixPath(path).with_suffix("")) if PurePosixPath(path).suffix else path


class ImageMatcher:
    """Looks up a project's images by the names annotation files give them."""

    def __init__(self, records: Iterable[ImageRecord]) -> None:
        self.by_path: dict[str, ImageRecord] = {}
        self.by_base: dict[str, list[ImageRecord]] = defaultdict(list)
        self.by_fold: dict[str, list[ImageRecord]] = defaultdict(list)
        self.by_stem: dict[str, list[ImageRecord]] = defaultdict(list)
        for rec in records:
            base = PurePosixPath(rec.path).name
            self.by_path[rec.path] = rec
            self.by_base[base].append(rec)
            self.by_fold[base.casefold()].append(rec)
            self.by_stem[_stem(base).casefold()].append(rec)

    def match(self, name: str) -> Match:
        parts = _parts(name)
        if not parts:
            return Match(None)
        joined = "/".join(parts)
        if joined in self.by_path:
            return Match(self.by_path[joined])
        base = parts[-1]
        for table, key, fold in (
            (self.by_base, base, False),
            (self.by_fold, base.casefold(), True),
            (self.by_stem, _stem(base).casefold(), True),
        ):
            found = table.get(key)
            if found:
                return self._pick(found, parts, fold)
        return Match(None)

    @staticmethod
    def _pick(found: list[ImageRecord], parts: list[str], fold: bool) -> Match:
        if len(found) == 1:
            return Match(found[0])
        norm = (lambda s: _stem(s).casefold()) if fold else (lambda s: s)
        # The longest tail of the given path that singles out one image wins.
        for k in range(len(parts), 1, -1):
            tail = norm("/".join(parts[-k:]))
            hits = [r for r in found if norm(r.path) == tail or norm(r.path).endswith("/" + tail)]
            if len(hits) == 1:
                return Match(hits[0])
        return Match(None, tuple(r.path for r in found))


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
