"""Figures worked out when their page is on screen, not while a window opens."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class RefreshWhenShown:
    """A widget whose ``refresh()`` reads much (a centre's feedback, its collected work):
    ``refresh_when_shown()`` runs it now if the widget is visible, else at its next
    ``showEvent``. Put it before the Qt widget class in the bases."""

    _stale = False

    def refresh_when_shown(self) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]  # the widget's (clears _stale)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()  # type: ignore[attr-defined]
        super().showEvent(event)  # type: ignore[misc]
