"""The PySide6 desktop app: windows, canvas, panels, dialogs, image prefetch."""
