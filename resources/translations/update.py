"""Regenerate the translation catalogues from the sources and compile them.

    .venv/bin/python resources/translations/update.py          # lupdate, fill, lrelease
    .venv/bin/python resources/translations/update.py --check  # also fail on a missing string

Steps: ``pyside6-lupdate`` collects every ``tr()`` / ``translate()`` string of ``ui/**/*.py``
into ``hitl_<lang>.ts`` (translations already in a .ts are kept); the glossaries
``hi.json`` / ``en.json`` are then applied (a glossary entry wins over the .ts, so it is the
place to change a wording); ``pyside6-lrelease`` compiles each .ts into the ``.qm`` the app
loads. Strings found in neither are listed; with ``--check`` they make the script fail.

lupdate cannot see through a wrapper such as ``def _tr(text): return
QCoreApplication.translate("Actions", text)`` (or ``_tr(text, n)`` for a plural); such
wrappers are found here and the string literals passed to them are added to their context.

A glossary maps an English source text to its translation, or ``"Context|source"`` to a
translation for one context only; a list gives the plural forms of a ``%n`` string.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGS = ("en", "hi")
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%n|%L?\d")
MNEMONIC = re.compile(r"&([^&\s])")


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found; install PySide6 into the venv (pip install -e .)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def lupdate(lang: str) -> None:
    cmd = [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "relative"]
    cmd += ["-source-language", "en", "-target-language", lang, "-ts", str(ts_path(lang))]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def wrapped_strings() -> list[tuple[str, str, str, int]]:
    """(context, source, file, line) for literals passed to translate wrappers."""
    found = []
    for rel in sources():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"), rel)
        wrappers = {}
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef) and fn.args.args:  # _tr(text) or _tr(text, n)
                param = fn.args.args[0].arg
                for node in ast.walk(fn):
                    if _is_translate_of(node, param):
                        wrappers[fn.name] = node.value.args[0].value  # type: ignore[attr-defined]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((wrappers[node.func.id], node.args[0].value, rel, node.lineno))
    return found


def _is_translate_of(node: ast.AST, param: str) -> bool:
    if not (isinstance(node, ast.Return) and isinstance(node.value, ast.Call)):
        return False
    call = node.value
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return (
        name == "translate"
        and len(call.args) >= 2
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
        and isinstance(call.args[1], ast.Name)
        and call.args[1].id == param
    )


def add_wrapped(lang: str) -> None:
    """Add the wrapper strings lupdate missed to ``hitl_<lang>.ts`` (before ``fill``)."""
    path = ts_path(lang)
    tree = ET.parse(path)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for cname, source, rel, line in wrapped_strings():
        context = contexts.get(cname)
        if context is None:
            context = contexts[cname] = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = cname
        if any(m.findtext("source") == source for m in context.iter("message")):
            continue
        message = ET.SubElement(context, "message")
        if "%n" in source:
            message.set("numerus", "yes")  # a plural: the wrapper passes the count
        location = ET.SubElement(message, "location")
        location.set("filename", os.path.relpath(ROOT / rel, HERE).replace(os.sep, "/"))
        location.set("line", str(line))
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").set("type", "unfinished")
    tree.write(path, encoding="utf-8", xml_declaration=True)


def lrelease(lang: str) -> None:
    cmd = [tool("pyside6-lrelease"), str(ts_path(lang)), "-qm", str(HERE / f"hitl_{lang}.qm")]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def ts_path(lang: str) -> Path:
    return HERE / f"hitl_{lang}.ts"


def load_glossary(lang: str) -> dict[str, str | list[str]]:
    path = HERE / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def with_mnemonic(source: str, text: str) -> str:
    """Keep the Alt+letter key of the English text: "भाषा (&L):" for "&Language:"."""
    m = MNEMONIC.search(source.replace("&&", ""))
    if not m or MNEMONIC.search(text.replace("&&", "")):
        return text
    key = f" (&{m.group(1).upper()})"
    tail = re.search(r"(…|:|\.\.\.)$", text)
    return text[: tail.start()] + key + tail.group(1) if tail else text + key


def fill(lang: str) -> list[str]:
    """Apply the glossary to the .ts; returns "context: source" of strings still missing."""
    path = ts_path(lang)
    tree = ET.parse(path)
    glossary = load_glossary(lang)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        cname = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            value = glossary.get(f"{cname}|{source}", glossary.get(source))
            if value is None and lang == "en":
                value = source  # English is the source language: identity
            numerus = message.get("numerus") == "yes"
            if value is not None:
                forms = value if isinstance(value, list) else [value]
                forms = [with_mnemonic(source, f) for f in forms]
                bad = [f for f in forms if _placeholders(f) != _placeholders(source)]
                if bad:
                    sys.exit(f"{lang}: placeholders differ in {bad[0]!r} for {source!r}")
                _set_translation(translation, forms, numerus)
            elif translation.get("type") == "unfinished" or not _has_text(translation):
                missing.append(f"{cname}: {source}")
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")
    return missing


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _has_text(translation: ET.Element) -> bool:
    forms = translation.findall("numerusform")
    return all(f.text for f in forms) if forms else bool(translation.text)


def _set_translation(translation: ET.Element, forms: list[str], numerus: bool) -> None:
    translation.attrib.pop("type", None)
    if numerus:
        count = max(len(translation.findall("numerusform")), 2)
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for i in range(count):
            ET.SubElement(translation, "numerusform").text = forms[min(i, len(forms) - 1)]
    else:
        translation.text = forms[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string is untranslated")
    args = parser.parse_args()
    failed = False
    for lang in LANGS:
        lupdate(lang)
        add_wrapped(lang)
        missing = fill(lang)
        lrelease(lang)
        total = sum(1 for _ in ET.parse(ts_path(lang)).getroot().iter("message"))
        print(f"hitl_{lang}: {total} strings, {len(missing)} untranslated")
        for item in missing:
            print(f"  missing: {item}")
        failed |= bool(missing)
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
