"""Messages from the core and the sync package, in the worker's language.

``labeler`` and ``sync`` speak English (they run without Qt: the CLI, the server, the
tests). Where their words reach the screen - a shape refused on submit, a file that is not
an image, a sync or drive error, an enrollment file that cannot be used - they pass through
``localize``: a message it knows is said again in the language on screen (its numbers,
file names and label names kept); one it does not know becomes a plain sentence in that
language, and the English original goes to the tooltip for the supervisor. So no English
sentence appears in a Hindi window, and no detail is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.i18n import current_language

LabelName = Callable[[str], str]  # label id -> name in the worker's language
_ALREADY_SAID = re.compile("[\u0900-\u097f]")  # Devanagari: a message the app translated


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


@dataclass(frozen=True)
class Localized:
    text: str  # what the screen shows
    original: str  # the English message, for a tooltip ("" when the text is the original)


def _shape_reason(reason: str) -> str | None:
    """The part after "shape N (box 'tree'): "."""
    rules: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (r"box is thinner than .*", lambda m: _tr("the box is too thin; draw it bigger")),
        (
            r"polygon has no area.*|a polygon needs at least .*",
            lambda m: _tr("the outline needs at least three corners that are not on one line"),
        ),
        (r"polyline has no length.*", lambda m: _tr("the line has no length")),
        (
            r"a \w+ (needs|has) .* points?, not \d+",
            lambda m: _tr("the shape has a wrong number of corners"),
        ),
        (
            r"(x|y) = \S+ is outside .*|point \(.*\) is outside .*",
            lambda m: _tr("it reaches outside the image"),
        ),
        (
            r"label not in the project's taxonomy",
            lambda m: _tr("its label is not in this project's label list"),
        ),
        (
            r"this project \(.*\) does not draw \w+",
            lambda m: _tr("this project does not use this kind of shape"),
        ),
        (
            r"this project \(.*\) has no image tags",
            lambda m: _tr("this project has no labels for the whole image"),
        ),
        (
            r".*is not a number.*|.*not finite.*|.*must be a (finite )?number.*",
            lambda m: _tr("a corner has no valid position"),
        ),
    ]
    for pattern, say in rules:
        m = re.fullmatch(pattern, reason)
        if m:
            return say(m)
    return None


def _file_problem(name: str, what: str) -> str | None:
    rules: list[tuple[str, str]] = [
        (r"file not found.*", _tr("%1: the file is not there (moved or deleted?)")),
        (r"not an image.*", _tr("%1: this file is not an image")),
        (r"cannot be read \(truncated.*", _tr("%1: the file is cut short; copy it again")),
        (
            r"image too large.*|too large to open safely.*",
            _tr("%1: the image is too large to open"),
        ),
        (
            r"the file name is not valid text.*",
            _tr("%1: the file name has letters this PC cannot read; rename the file"),
        ),
        (r"cannot be read.*|cannot read file.*", _tr("%1: the file cannot be read")),
    ]
    for pattern, say in rules:
        if re.fullmatch(pattern, what, re.S):
            return say.replace("%1", name) if name else say.replace("%1: ", "")
    return None


def _server_refusal(text: str) -> str | None:
    """What the central server answered (``sync.client``, ``sync.http``), in plain words."""
    m = re.fullmatch(r"the server refuses this PC \((\w+)\): .*", text, re.S)
    if m and m.group(1) == "revoked_device":
        return _tr(
            "The admin took this PC out of the project: the server no longer accepts its work."
            " The work stays here. Ask your supervisor."
        )
    if m or re.fullmatch(r"the server refused \(40[13] \w+\): .*", text, re.S):
        return _tr(
            "The server does not accept this PC's enrollment. The work stays here. Ask your"
            " supervisor to enroll the PC again (File › Join the central server again)."
        )
    m = re.fullmatch(r"the server is busy; .* again in (\d+) s", text)
    if m:
        return _tr("The server is busy; sending again in %1 seconds.").replace("%1", m.group(1))
    m = re.fullmatch(r"the server is not available right now \((\d+)\).*", text, re.S)
    if m:
        return _tr(
            "The central server is not working right now (error %1). The work waits here and"
            " is sent later."
        ).replace("%1", m.group(1))
    if re.fullmatch(r"the answer from \S+ is not from the HITL server.*", text, re.S):
        return _tr(
            "Something on the network answered instead of the server (a hotspot's login"
            " page?). Check the internet connection; the work waits here."
        )
    return None


def _known(text: str, label_name: LabelName | None) -> str | None:
    m = re.fullmatch(r"shape (\d+) \((\w+) '([^']*)'\): (.*)", text, re.S)
    if m:
        reason = _shape_reason(m.group(4))
        if reason is not None:
            name = label_name(m.group(3)) if label_name else m.group(3)
            return (
                _tr("Shape %1 (%2): %3")
                .replace("%1", m.group(1))
                .replace("%2", name)
                .replace("%3", reason)
            )
        return None
    m = re.fullmatch(r"this project takes one image label; \d+ were given", text)
    if m:
        return _tr("This project takes one label per image; choose only one.")
    m = re.fullmatch(r"label '([^']*)' is retired; choose a current label", text)
    if m:
        name = label_name(m.group(1)) if label_name else m.group(1)
        return _tr("The label %1 is no longer used; choose another.").replace("%1", name)
    m = re.fullmatch(
        r"(the server at \S+ did not answer in time|cannot reach the server at .*"
        r"|the request to \S+ failed.*)",
        text,
    )
    if m:
        return _tr(
            "The central server cannot be reached now (no internet?). The work waits here and is sent later."
        )
    said = _server_refusal(text)
    if said is not None:
        return said
    m = re.fullmatch(r".+?: the project file is read-only .*", text, re.S)
    if m:
        return _tr(
            "Nothing can be changed in this project file (it is read-only). To label, copy the"
            " project folder to a place you can write and open the copy."
        )
    m = re.fullmatch(r"a worker needs a name", text)
    if m:
        return _tr("Type a name.")
    m = re.fullmatch(r"a worker's name can be at most (\d+) characters", text)
    if m:
        return _tr("A name can be at most %1 letters long.").replace("%1", m.group(1))
    m = re.fullmatch(r"(.+?): (no drive or folder here.*)", text)
    if m:
        return _tr("%1: no drive here; is the USB drive plugged in?").replace("%1", m.group(1))
    m = re.fullmatch(r"(.+?): the drive is read-only.*", text)
    if m:
        return _tr("%1: the drive is locked (read only); unlock it and try again.").replace(
            "%1", m.group(1)
        )
    m = re.fullmatch(r"(.+?): (not an enrollment file|cannot read the enrollment file).*", text)
    if m:
        return _tr(
            "%1: this is not an enrollment file; ask the supervisor for the right one."
        ).replace("%1", m.group(1))
    m = re.fullmatch(r"([^:\n]+\.\w{2,5}): (.*)", text, re.S)  # "photo.jpg: not an image (…)"
    if m:
        return _file_problem(m.group(1), m.group(2))
    return _file_problem("", text)  # an index problem, shown under its file's name


ORIGINAL = "english_original"  # a widget property: its tooltip is a message's English original


def show_original(widget: QWidget, original: str) -> None:
    """Put a translated message's English original in ``widget``'s tooltip, marked as such
    (for the supervisor and the log; tests do not count it as untranslated text)."""
    widget.setToolTip(original)
    widget.setProperty(ORIGINAL, bool(original))


def localize(text: str, label_name: LabelName | None = None) -> Localized:
    """``text`` (an English message of the core or sync) in the language on screen."""
    text = text.strip()
    if current_language() == "en" or not text or _ALREADY_SAID.search(text):
        return Localized(text, "")  # English on screen, or already said in the app's words
    said = _known(text, label_name)
    if said is not None:
        return Localized(said, text)
    return Localized(
        _tr("Show this message to your supervisor (hold the mouse over it for the details)."), text
    )
