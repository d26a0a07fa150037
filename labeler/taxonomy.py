"""Taxonomies: the labels of a project, with names in several languages.

A taxonomy file is plain UTF-8 text a supervisor can edit in Notepad::

    # Forest survey labels               (lines starting with # are comments)
    languages: en hi                     (optional; the name columns, default "en hi")
    # id     | English | हिन्दी  | colour  | key | description
    tree     | Tree    | पेड़     | #2e7d32 | 1   | Any tree, standing or fallen
    elephant | Elephant| हाथी    |         | 2   |
    retired: old_label                   (optional; labels no longer offered)

Only ``id`` and the first name are required; an empty colour gets one from a palette that
stays distinct, an empty key gets none. labelImg's ``predefined_classes.txt`` (one class per
line) is read too, so a centre can bring the list it already has.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from labeler.errors import TaxonomyError

DEFAULT_LANGUAGES = ("en", "hi")
# A palette of distinct colours that read well on photographs and in high contrast.
PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#bfef45",
    "#fabed4",
    "#469990",
    "#dcbeff",
    "#9a6324",
    "#fffac8",
    "#800000",
    "#aaffc3",
    "#808000",
    "#ffd8b1",
    "#000075",
    "#a9a9a9",
    "#ffe119",
)
_ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_KEY_RE = re.compile(r"^(?:[0-9A-Za-z]|F[1-9]|F1[0-2])$")


@dataclass(frozen=True)
class Label:
    """One label. ``id`` is stable for life; names may be edited in later versions."""

    id: str
    names: dict[str, str]
    colour: str
    shortcut: str | None = None
    description: str = ""
    retired: bool = False

    def name(self, language: str = "en") -> str:
        """The name in ``language``, falling back to English, then to any name, then the id."""
        return (
            self.names.get(language)
            or self.names.get("en")
            or next(iter(self.names.values()), self.id)
        )


APP_KEYS = frozenset("ABDFLNOPQSTVWXY")
"""Single keys the labeling app keeps for itself (tools, submit, skip, "none of these fit",
ask the supervisor, ...): a label's own key may not be one of them (the app would give the
label a digit instead), and the admin console offers none of them for a new label."""


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of labels. Versions are kept by the store, not here."""

    labels: tuple[Label, ...]
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        keys: dict[str, str] = {}
        for lab in self.labels:
            if lab.id in seen:
                raise TaxonomyError(
                    f"label id {lab.id!r} appears twice; give each label its own id"
                )
            seen.add(lab.id)
            if lab.shortcut and not lab.retired:
                other = keys.get(lab.shortcut.lower())
                if other:
                    raise TaxonomyError(
                        f"key {lab.shortcut!r} is given to both {other!r} and {lab.id!r};"
                        " give each label its own key"
                    )
                keys[lab.shortcut.lower()] = lab.id

    @property
    def active(self) -> tuple[Label, ...]:
        """Labels a worker can choose now (retired ones are kept for old annotations)."""
        return tuple(lab for lab in self.labels if not lab.retired)

    def get(self, label_id: str) -> Label | None:
        for lab in self.labels:
            if lab.id == label_id:
                return lab
        return None

    def __contains__(self, label_id: object) -> bool:
        return any(lab.id == label_id for lab in self.labels)

    def ids(self) -> list[str]:
        return [lab.id for lab in self.labels]

    # ---- serialisation (store, project packs) ----
    def to_json(self) -> str:
        return json.dumps(
            {
                "languages": list(self.languages),
                "labels": [asdict(lab) for lab in self.labels],
                "extra": self.extra,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Taxonomy:
        try:
            data = json.loads(text)
            labels = tuple(Label(**lab) for lab in data["labels"])
            return cls(
                labels, tuple(data.get("languages", DEFAULT_LANGUAGES)), data.get("extra", {})
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise TaxonomyError(
                f"stored taxonomy is malformed ({exc}); run `labeler doctor`"
            ) from exc

    def merged_with(self, newer: Taxonomy) -> Taxonomy:
        """``newer`` as the new version; labels it drops are kept as retired, never deleted."""
        new_ids = {lab.id for lab in newer.labels}
        kept = [replace(lab, retired=True) for lab in self.labels if lab.id not in new_ids]
        return Taxonomy(newer.labels + tuple(kept), newer.languages, newer.extra)

    def to_text(self) -> str:
        """The taxonomy as a file in the documented format (round-trips through ``parse``)."""
        out = [f"languages: {' '.join(self.languages)}"]
        out += [f"{key}: {value}" for key, value in self.extra.items()]
        out.append("# id | " + " | ".join(self.languages) + " | colour | key | description")
        retired = []
        for lab in self.labels:
            if lab.retired:
                retired.append(lab.id)
            cells = [lab.id, *(lab.names.get(lang, "") for lang in self.languages)]
            cells += [lab.colour, lab.shortcut or "", lab.description]
            out.append(" | ".join(cells).rstrip(" |"))
        if retired:
            out.append("retired: " + " ".join(retired))
        return "\n".join(out) + "\n"


def check_label(label: Label) -> None:
    """Refuse a label made outside a file (a dialog, the admin console) that a file could not hold."""
    if not _ID_RE.match(label.id):
        raise TaxonomyError(
            f"label id {label.id!r} must be letters, digits, '_', '-' or '.' (no spaces)"
        )
    if not any(n.strip() for n in label.names.values()):
        raise TaxonomyError(f"label {label.id!r} has no name")
    if any("|" in n or "\n" in n for n in label.names.values()) or "|" in label.description:
        raise TaxonomyError("a name or description may not hold '|' or a line break")
    if not _COLOUR_RE.match(label.colour):
        raise TaxonomyError(f"colour {label.colour!r} must look like #2e7d32")
    if label.shortcut and not _KEY_RE.match(label.shortcut):
        raise TaxonomyError(f"key {label.shortcut!r} must be one letter, digit, or F1-F12")


def slug(name: str) -> str:
    """A stable id made from a label name: "Wild boar" -> "wild_boar", "पेड़" -> "label_1b9a4e0c".

    Ids stay ASCII letters, digits and ``_`` so every file format and script can carry them.
    A name with letters of another script keeps its ASCII part (or ``label``) and gains the
    first 8 hex digits of the SHA-256 of its NFC text: two names never meet on one id, and
    the same name gets the same id on every PC.
    """
    text = unicodedata.normalize("NFC", name.strip())
    s = re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()
    if any(not c.isascii() and unicodedata.category(c)[0] in "LMN" for c in text):
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        return f"{s or 'label'}_{digest}"
    return s or "label"


def parse(text: str, path: str = "<taxonomy>") -> Taxonomy:
    """Read a taxonomy file (the documented format, or a one-class-per-line list)."""
    lines = text.splitlines()
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    if not any("|" in ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")):
        return _parse_class_list(lines, path)
    languages = DEFAULT_LANGUAGES
    labels: list[Label] = []
    retired: set[str] = set()
    extra: dict[str, str] = {}
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "|" not in line:
            key, sep, value = line.partition(":")
            if not sep:
                raise TaxonomyError(
                    f"cannot read {line!r}: a label line is 'id | name | ...'"
                    " and a setting is 'name: value'",
                    path,
                    no,
                )
            key = key.strip().lower()
            if key == "languages":
                languages = tuple(value.replace(",", " ").split())
                if not languages:
                    raise TaxonomyError("'languages:' names no language", path, no)
            elif key == "retired":
                retired.update(value.replace(",", " ").split())
            else:
                extra[key] = value.strip()
            continue
        labels.append(_parse_label_line(line, languages, len(labels), path, no))
    if not labels:
        raise TaxonomyError("no labels found; add one line per label: 'id | name'", path)
    unknown = retired - {lab.id for lab in labels}
    if unknown:
        raise TaxonomyError(f"'retired:' names unknown labels {sorted(unknown)}", path)
    labels = [replace(lab, retired=lab.id in retired) for lab in labels]
    try:
        return Taxonomy(tuple(labels), languages, extra)
    except TaxonomyError as exc:
        raise TaxonomyError(str(exc), path) from None


def _parse_label_line(
    line: str, languages: tuple[str, ...], index: int, path: str, no: int
) -> Label:
    cells = [c.strip() for c in line.split("|")]
    width = 1 + len(languages) + 3
    if len(cells) > width:
        raise TaxonomyError(
            f"{len(cells)} columns, at most {width} expected"
            f" (id | {' | '.join(languages)} | colour | key | description);"
            " a '|' inside a description is not allowed",
            path,
            no,
        )
    cells += [""] * (width - len(cells))
    label_id = cells[0]
    if not _ID_RE.match(label_id):
        raise TaxonomyError(
            f"label id {label_id!r} must be letters, digits, '_', '-' or '.' (no spaces)",
            path,
            no,
        )
    names = {lang: cells[1 + i] for i, lang in enumerate(languages) if cells[1 + i]}
    if not names:
        raise TaxonomyError(f"label {label_id!r} has no name", path, no)
    colour, key, description = cells[1 + len(languages) :]
    if colour and not _COLOUR_RE.match(colour):
        raise TaxonomyError(f"colour {colour!r} must look like #2e7d32", path, no)
    if key and not _KEY_RE.match(key):
        raise TaxonomyError(f"key {key!r} must be one letter, digit, or F1-F12", path, no)
    return Label(
        id=label_id,
        names=names,
        colour=(colour or PALETTE[index % len(PALETTE)]).lower(),
        shortcut=key or None,
        description=description,
    )


def _parse_class_list(lines: Iterable[str], path: str) -> Taxonomy:
    """labelImg's predefined_classes.txt: one class name per line; keys 1-9, 0 go to the first ten."""
    labels: list[Label] = []
    ids: dict[str, int] = {}
    for no, raw in enumerate(lines, start=1):
        name = raw.strip()
        if not name or name.startswith("#"):
            continue
        label_id = slug(name)
        if label_id in ids:
            raise TaxonomyError(
                f"class {name!r} repeats line {ids[label_id]} (same id {label_id!r})", path, no
            )
        ids[label_id] = no
        i = len(labels)
        key = str((i + 1) % 10) if i < 10 else None
        labels.append(Label(label_id, {"en": name}, PALETTE[i % len(PALETTE)], key))
    if not labels:
        raise TaxonomyError("no labels found; write one class name per line", path)
    return Taxonomy(tuple(labels))


def load(path: str | Path) -> Taxonomy:
    """Read a taxonomy file from disk, with a clear error if it cannot be read."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError("file not found; check the path", str(p)) from None
    except UnicodeDecodeError as exc:
        raise TaxonomyError(
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", str(p)
        ) from None
    except OSError as exc:
        raise TaxonomyError(f"cannot read file ({exc.strerror})", str(p)) from None
    return parse(text, str(p))


def from_names(names: Iterable[str]) -> Taxonomy:
    """A taxonomy typed in a dialog: one name per entry."""
    return _parse_class_list(list(names), "<typed labels>")
