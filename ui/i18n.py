"""The app's language: Qt translators for our own strings and Qt's standard ones.

Every visible string goes through ``self.tr`` / ``QCoreApplication.translate``; installing a
translator makes Qt send ``QEvent.LanguageChange`` to every widget, and each widget sets its
texts again in its ``changeEvent``. So switching language needs no restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from labeler.resources import resource

LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"

_installed: list[QTranslator] = []  # kept alive here: Qt does not own them
_current = DEFAULT_LANGUAGE
_installed_lang: str | None = None


def translation_file(lang: str) -> str:
    """Path of the compiled catalogue for ``lang`` (``resources/translations/hitl_<lang>.qm``)."""
    return str(resource("translations", f"hitl_{lang}.qm"))


def install_language(app: QCoreApplication, lang: str) -> None:
    """Show the app in ``lang``; an unknown code falls back to English.

    Installing the language already shown does nothing (no needless retranslation).
    """
    global _current, _installed_lang
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    if lang == _installed_lang:
        return
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()

    ours = QTranslator(app)
    if ours.load(translation_file(lang)):
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings (standard buttons, file dialogs) where PySide6 ships them; for Hindi
    # it does not, so our catalogue also carries the QPlatformTheme button texts.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if lang != "en" and qt_own.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    QLocale.setDefault(QLocale(lang))
    _current = _installed_lang = lang


def current_language() -> str:
    """The language last installed (``"en"`` before any)."""
    return _current


class Retranslating:
    """Mixin for widgets: call ``self.retranslate()`` when the language changes.

    Put it before the Qt base (``class Panel(Retranslating, QWidget)``); Qt sends
    ``QEvent.LanguageChange`` to every widget when ``install_language`` swaps translators.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
