"""Taxonomy files as supervisors write them (mistakes included), and taxonomy versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.errors import LabelerError, TaxonomyError
from labeler.project import Project
from tests.conftest import TAXONOMY_TEXT


def test_documented_format_with_two_languages() -> None:
    tax = taxonomy.parse(TAXONOMY_TEXT)
    assert tax.ids() == ["tree", "house", "cattle"]
    tree = tax.get("tree")
    assert tree is not None
    assert tree.names == {"en": "Tree", "hi": "पेड़"} and tree.name("hi") == "पेड़"
    assert tree.colour == "#2e7d32" and tree.shortcut == "1" and tree.description == "A tree"
    cattle = tax.get("cattle")
    assert cattle is not None and cattle.colour.startswith("#") and cattle.shortcut == "3"
    assert cattle.name("ta") == "Cattle"  # a language with no name falls back to English


def test_settings_retired_and_round_trip(tmp_path: Path) -> None:
    text = (
        "\ufeff# saved by Notepad with a BOM\n"
        "languages: en, hi, ta\n"
        "dog | Dog | कुत्ता | நாய் | #AABBCC | d | Any dog\n"
        "cat | Cat\n"
        "old | Old thing | | | | F2\n"
        "retired: old\n"
        "region: north\n"
    )
    tax = taxonomy.parse(text)
    assert tax.languages == ("en", "hi", "ta")
    assert tax.get("dog").names["ta"] == "நாய்"  # type: ignore[union-attr]
    assert tax.get("dog").colour == "#aabbcc"  # type: ignore[union-attr]
    assert [lab.id for lab in tax.active] == ["dog", "cat"]
    assert tax.get("old").retired and tax.get("old").shortcut == "F2"  # type: ignore[union-attr]
    assert tax.extra == {"region": "north"}
    f = tmp_path / "again.txt"
    f.write_text(tax.to_text(), encoding="utf-8")
    assert taxonomy.load(f) == tax


MISTAKES = [
    ("tree | Tree\ntree | Another tree\n", None, "appears twice"),
    ("tree | Tree | पेड़ | #2e7d32 | 1 | desc | extra\n", 1, "7 columns"),
    ("tree | Tree\nwild boar | Wild boar\n", 2, "no spaces"),
    ("# header\n\ntree | Tree | पेड़ | green\n", 3, "colour 'green'"),
    ("tree | Tree | पेड़ | #2e7d32 | 11\n", 1, "key '11'"),
    ("tree | Tree\nhouse | | \n", 2, "has no name"),
    ("tree | Tree | | | 1\nhouse | House | | | 1\n", None, "key '1' is given to both"),
    ("tree | Tree\nthis line has no separator\n", 2, "cannot read"),
    ("languages:\ntree | Tree\n", 1, "names no language"),
    ("tree | Tree\nretired: house\n", None, "unknown labels"),
    ("# only comments\n\n", None, "no labels found"),
]


@pytest.mark.parametrize(("text", "line", "words"), MISTAKES)
def test_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    f = tmp_path / "labels.txt"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        taxonomy.load(f)
    msg = str(err.value)
    assert msg.startswith(str(f)) and words in msg
    if line is not None:
        assert f", line {line}:" in msg and err.value.line == line


def test_unreadable_taxonomy_files(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="file not found"):
        taxonomy.load(tmp_path / "nope.txt")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9 | Café\n".encode("latin-1"))
    with pytest.raises(TaxonomyError, match="UTF-8"):
        taxonomy.load(latin)


def test_labelimg_predefined_classes(tmp_path: Path) -> None:
    names = ["dog", "person", "Wild boar", "cat", "car", "bus", "bike", "cow", "goat", "hen", "ox"]
    f = tmp_path / "predefined_classes.txt"
    f.write_text("\n".join(names) + "\n\n", encoding="utf-8")
    tax = taxonomy.load(f)
    assert tax.ids()[:3] == ["dog", "person", "wild_boar"]
    assert tax.get("wild_boar").names == {"en": "Wild boar"}  # type: ignore[union-attr]
    keys = [lab.shortcut for lab in tax.labels]
    assert keys == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", None]
    assert len({lab.colour for lab in tax.labels}) == len(names)
    f.write_text("dog\nperson\nDog\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"line 3: class 'Dog' repeats line 1"):
        taxonomy.load(f)


def test_new_version_keeps_old_annotations_and_retires_dropped_labels(project: Project) -> None:
    first = project.queue.next_todo()
    assert first is not None
    old = project.work.submit(first.id, [Shape.box("cattle", 1, 1, 20, 20)], "Asha")
    assert old.taxonomy_version == 1
    newer = taxonomy.parse(
        "tree | Tree | पेड़ | #2e7d32 | 1\nhouse | House | घर | #c62828 | 2\ngoat | Goat | बकरी\n"
    )
    assert project.update_taxonomy(newer, source="v2.txt") == 2
    assert project.update_taxonomy(newer, source="v2.txt") == 2  # the same file: no new version
    tax = project.taxonomy
    assert [lab.id for lab in tax.active] == ["tree", "house", "goat"]
    assert tax.get("cattle") is not None and tax.get("cattle").retired  # type: ignore[union-attr]
    assert project.taxonomy_at(1).get("cattle").retired is False  # type: ignore[union-attr]
    assert [v.version for v in project.taxonomy_versions()] == [1, 2]
    # the old submission is untouched and still names its version and label
    again = project.work.submission(old.uuid)
    assert again.taxonomy_version == 1 and again.shapes[0].label == "cattle"
    assert [s.uuid for s in project.work.latest_submissions()] == [old.uuid]
    # new work is made under version 2, and a retired label cannot be chosen any more
    second = project.queue.next_todo(first.seq)
    assert second is not None
    with pytest.raises(LabelerError, match="retired"):
        project.work.submit(second.id, [Shape.box("cattle", 1, 1, 20, 20)], "Asha")
    sub = project.work.submit(second.id, [Shape.box("goat", 1, 1, 20, 20)], "Asha")
    assert sub.taxonomy_version == 2
    # bringing the label back un-retires it in a third version
    assert project.update_taxonomy(taxonomy.parse(TAXONOMY_TEXT)) == 3
    assert not project.taxonomy.get("cattle").retired  # type: ignore[union-attr]
    assert project.taxonomy.get("goat").retired  # type: ignore[union-attr]


def test_typed_labels_and_stored_taxonomy_errors() -> None:
    tax = taxonomy.from_names(["Tree", "House"])
    assert tax.ids() == ["tree", "house"]
    with pytest.raises(TaxonomyError, match="malformed"):
        taxonomy.Taxonomy.from_json("{not json")
