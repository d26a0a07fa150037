"""The image canvas: a QGraphicsView showing one image and its shapes, with drawing tools."""

from ui.canvas.view import CanvasView, Tool

__all__ = ["CanvasView", "Tool"]
