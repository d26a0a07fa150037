"""The server's and the core's refusals, said in the console's language.

``sync.server`` and ``labeler`` speak English (the CLI, the API and the logs read the same
words). Where such a message reaches a console page — a decision on a proposal the server
refused, an enrollment, a revocation, an export that failed, the record behind an alert —
``localize`` says it again in the page's language: a message it knows becomes its
catalogue text, with the names and numbers it carried; one it does not know becomes a
plain sentence in that language, and the English original stays on the page under it
(marked English), so nothing is lost and no English sentence stands alone on a Hindi page.

The patterns follow the messages where they are raised (``proposal_decisions``,
``labeler.taxonomy.check_label``, ``registry``, ``export_jobs``, bundle checks);
``tests/sync/server/console/test_console_messages.py`` produces each of them from the real
code and fails when one is no longer recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.server.console.i18n import DEFAULT_LANGUAGE, tr

# (pattern over the whole English message, the catalogue's English text); the pattern's
# named groups fill the text's %(name)s placeholders.
KNOWN: tuple[tuple[str, str], ...] = (
    # proposals into the taxonomy (sync.server.proposal_decisions)
    (
        r"say in a few words why, for the worker who proposed it",
        "Write a short reply saying why, for the worker who proposed it.",
    ),
    (r"give the new label an id and a name", "Give the new label an id and a name."),
    (r"unknown decision .*", "Choose what to do with the proposal."),
    (
        r"no such proposal in this project",
        "These proposals are not in this project. Open the page again.",
    ),
    (
        r"these proposals were answered already",
        "These proposals were answered already (perhaps in another window).",
    ),
    (
        r"choose a label of the current list \('(?P<label>[^']*)' is not one\)",
        "Choose a label of the current list (%(label)s is not one).",
    ),
    (
        r"the key '(?P<key>[^']*)' is one of the app's own keys",
        "The key %(key)s is one of the labeling app's own keys; choose another.",
    ),
    (
        r"a label with the id '(?P<label>[^']*)' exists already; .*",
        "A label with the id %(label)s exists already: choose another id, or merge the"
        " proposal into that label.",
    ),
    (r"type the label's new name", "Type the label's new name."),
    (r"the names are the same as before", "The names are the same as before."),
    # a label the core would not store (labeler.taxonomy.check_label)
    (
        r"label id '(?P<label>[^']*)' must be letters, digits, .*",
        "The label id %(label)s may hold only letters, digits, '_', '-' and '.' (no spaces).",
    ),
    (r"label '(?P<label>[^']*)' has no name", "The label %(label)s needs a name."),
    (
        r"a name or description may not hold '\|' or a line break",
        "A name or description may not hold '|' or a line break.",
    ),
    (
        r"colour '(?P<colour>[^']*)' must look like #2e7d32",
        "The colour %(colour)s must look like #2e7d32.",
    ),
    (
        r"key '(?P<key>[^']*)' must be one letter, digit, or F1-F12",
        "The key %(key)s must be one letter, a digit, or F1 to F12.",
    ),
    # projects, PCs and relays (sync.server.registry)
    (r"no project '(?P<project>[^']*)'.*", "There is no project %(project)s."),
    (r"there is no project yet", "There is no project yet: create one first."),
    (r"name the centre the PC is in.*", "Name the centre the PC is in."),
    (r"no device '(?P<device>[^']*)'", "There is no PC %(device)s."),
    (r"no relay '(?P<relay>[^']*)'", "There is no relay %(relay)s."),
    # exports (labeler.exports, sync.server.export_jobs)
    (r"unknown export format '(?P<format>[^']*)'.*", "There is no export format %(format)s."),
    (r"no export '(?P<job>[^']*)'", "There is no export %(job)s."),
    # bundles the server refused or flagged (sync.bundle, sync.server.ingest), as alerts
    # record them
    (
        r"the bundle is not signed by device (?P<device>\S+); .*",
        "The bundle is not signed by PC %(device)s: it was altered or forged.",
    ),
    (
        r"the bundle payload does not match its checksum.*",
        "The bundle was damaged on the way (its checksum does not match).",
    ),
    (
        r"device (?P<device>\S+) is not enrolled in a project here.*",
        "The PC %(device)s is not enrolled here.",
    ),
    (
        r"device (?P<device>\S+) was revoked on (?P<when>\S+); .*",
        "The PC %(device)s was revoked on %(when)s; its bundles are refused.",
    ),
    (
        r"this PC was revoked by the admin.*",
        "This PC was revoked by the admin; it can no longer send work.",
    ),
    (
        r"the bundle belongs to project .*|device \S+ belongs to another project.*"
        r"|this bundle belongs to another project than your credentials",
        "The bundle belongs to another project than the credentials that carried it.",
    ),
    (
        r"bundle (?P<seq>\d+) of device (?P<device>\S+) was already received with other"
        r" content.*",
        "Bundle %(seq)s of PC %(device)s arrived before with other content; nothing of this"
        " one was applied.",
    ),
    (
        r"(bundle \d+ names a previous bundle|the stored bundle \d+ names a previous bundle).*",
        "The bundle does not follow the one stored before or after it.",
    ),
    (
        r"the bundle (is|expands to|holds) [\d,]+ .*; the limit is .*",
        "The bundle is larger than this server accepts.",
    ),
    (r"the server is too busy .*", "The server was too busy; the PC sends it again later."),
    # gold images the admin marks (sync.server.gold, console/routes/gold.py)
    (
        r"image \S+ \((?P<path>[^)]*)\) is gold already; its answer stays",
        "%(path)s is a gold image already; its answer stays.",
    ),
    (
        r"no accepted or corrected submission of image \S+ in project .*",
        "No supervisor has accepted or corrected work on this image yet, so there is no"
        " answer to take: review it at a station first, or mark it with a COCO or labelme"
        " file (labeler-server mark-gold).",
    ),
    (
        r"give the image's SHA-256.*",
        "Give the image's SHA-256: 64 characters, 0-9 and a-f.",
    ),
    (
        r"image \S+: the answer is refused: .*",
        "The answer does not fit the image or the project's labels.",
    ),
)
_COMPILED = tuple((re.compile(p, re.S), text) for p, text in KNOWN)
_DEVANAGARI = re.compile("[\u0900-\u097f]")  # already said in Hindi
UNKNOWN = "The server refused this; its own words (in English) are below."


@dataclass(frozen=True)
class Said:
    text: str  # what the page shows, in its language
    original: str  # the English message, shown under it ("" when ``text`` is the original)


def known(message: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue text and values of an English server message, or None."""
    message = message.strip().rstrip(".")
    for pattern, text in _COMPILED:
        m = pattern.fullmatch(message)
        if m:
            return text, {k: v for k, v in m.groupdict().items() if v is not None}
    return None


def localize(lang: str, message: str) -> Said:
    """``message`` (English, from the server or the core) in ``lang``."""
    message = message.strip()
    if lang == DEFAULT_LANGUAGE or not message or _DEVANAGARI.search(message):
        return Said(message, "")
    found = known(message)
    if found is None:
        return Said(tr(lang, UNKNOWN), message)
    text, values = found
    return Said(tr(lang, text, **values), message)
