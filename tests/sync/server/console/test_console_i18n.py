"""Every text of the console has its Hindi in the catalogue, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from jinja2 import Environment

from sync.server.console import alerts, i18n, messages
from sync.server.console.routes import proposals
from sync.server.console.web import HERE

TEMPLATE_DIR = HERE / "templates"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
# calls whose argument at this position is an English text to translate
TEXT_ARGS = {"tr": 1, "redirect": 2, "_redirect": 2}


def texts_in_templates() -> set[str]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    found: set[str] = set()
    for path in TEMPLATE_DIR.glob("*.html"):
        for _line, _func, message in env.extract_translations(path.read_text("utf-8")):
            if isinstance(message, tuple):  # a call with keyword values: (text, None, ...)
                message = message[0]
            if isinstance(message, str):
                found.add(message)
    return found


def texts_in_code() -> set[str]:
    found: set[str] = set()
    for path in Path(i18n.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                pos = TEXT_ARGS.get(node.func.id)
                if pos is not None and len(node.args) > pos:
                    arg = node.args[pos]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def all_texts() -> set[str]:
    return (
        texts_in_templates()
        | texts_in_code()
        | set(alerts.ADVICE.values())
        | set(alerts.TITLES.values())
        | set(proposals.DONE.values())
        | set(i18n.VARIABLE_TEXTS)
        | {text for _pattern, text in messages.KNOWN}
        | {messages.UNKNOWN}
    )


def test_every_console_text_has_hindi() -> None:
    hindi = i18n.catalogue("hi")
    texts = all_texts()
    assert len(texts) > 100
    missing = sorted(t for t in texts if not hindi.get(t))
    assert missing == [], f"add these to {i18n.CATALOGUE_DIR / 'hi.json'}: {missing}"


def test_placeholders_survive_translation() -> None:
    for english, hindi in i18n.catalogue("hi").items():
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(hindi)), english


def test_the_catalogue_holds_no_stale_texts() -> None:
    stale = sorted(set(i18n.catalogue("hi")) - all_texts())
    assert stale == [], f"no longer used; remove from hi.json: {stale}"


def test_language_comes_from_the_switch_then_the_browser() -> None:
    assert i18n.choose("hi", "en-GB,en") == "hi"
    assert i18n.choose(None, "hi-IN,hi;q=0.9,en;q=0.8") == "hi"
    assert i18n.choose("xx", "fr-FR") == "en"
    assert i18n.tr("hi", "Sign in") != "Sign in"
    assert i18n.tr("en", "Bundle %(seq)s", seq=3) == "Bundle 3"
