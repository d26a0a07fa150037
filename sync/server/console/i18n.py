"""English and Hindi for the console: one catalogue file per language, English as the key.

``translations/hi.json`` maps each English text to its Hindi (``%(name)s`` placeholders kept).
Templates mark texts with ``_("...")``; Python code with ``tr(lang, "...")``. A text missing
from a catalogue shows in English, and ``tests/sync/server/console/test_console_i18n.py``
fails until it is translated.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"
LANG_COOKIE = "hitl_console_lang"
CATALOGUE_DIR = Path(__file__).with_name("translations")


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return {}
    path = CATALOGUE_DIR / f"{lang}.json"
    return json.loads(path.read_text("utf-8"))


def tr(lang: str, text: str, **values: Any) -> str:
    """``text`` in ``lang``, with ``%(name)s`` placeholders filled from ``values``."""
    out = catalogue(lang).get(text) or text
    return out % values if values else out


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The language of a request: the switch's cookie, else the browser's first choice."""
    if cookie in LANGUAGES:
        return str(cookie)
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


# Texts a template translates from a variable (``_(job.state)``), listed so the catalogue
# check finds them.
VARIABLE_TEXTS = (
    "queued",
    "running",
    "done",
    "failed",
    "added",
    "renamed",
    "merged",
    "declined",
)
