"""Screenshots for the README, made from the real window offscreen.

    .venv/bin/python scripts/suggestions_screenshot.py      # writes docs/images/suggestions.png

The sample village scene with model suggestions (predictions cached under a pseudo-model, as
an import would store them): one accepted (now the worker's solid box, selected), the others
dashed with their scores, the focused one highlighted.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def suggestions(out: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    from labeler import taxonomy
    from labeler.annotations import Shape
    from labeler.models.predictions import Prediction
    from labeler.models.spec import ModelSpec
    from labeler.project import Project
    from ui.main_window import MainWindow
    from ui.theme import load_fonts

    app = QApplication.instance() or QApplication([])
    load_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HITL_LABELER_HOME"] = tmp
        images = Path(tmp) / "images"
        images.mkdir()
        shutil.copy(ROOT / "resources/sample/images/village_01.jpg", images)
        project = Project.create(
            Path(tmp) / "village.hitl",
            name="Village",
            image_root=images,
            kind="boxes",
            taxonomy=taxonomy.load(ROOT / "resources/sample/taxonomy.txt"),
        )
        project.index.scan()
        project.index.hash_pending()
        sha = "a" * 64
        project.models.expect(
            ModelSpec(
                "detect",
                ("tree", "house", "cattle", "person"),
                sha256=sha,
                name="village-detector",
                version="3",
            ),
            "import",
        )
        preds = [
            Prediction(Shape.box("house", 100, 235, 283, 416), 0.92),
            Prediction(Shape.box("house", 600, 196, 782, 377), 0.88),
            Prediction(Shape.box("cattle", 57, 386, 195, 488), 0.71),
            Prediction(Shape.box("person", 444, 354, 478, 449), 0.64),
            Prediction(Shape.box("tree", 820, 300, 900, 380), 0.31),
        ]
        rec = project.queue.next_todo()
        project.models.cache(rec.sha256, sha, preds)
        window = MainWindow(project, "Asha", None, refresh_folder=False)
        window.resize(1366, 768)
        window.show()
        hook = window.suggest_hook
        while not hook.preds or not window.canvas.has_pixmap():
            app.processEvents()
        hook.accept()  # the best one is now the worker's
        hook.move_focus(1)
        for _ in range(20):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        window.close()
        project.close()
    return out


if __name__ == "__main__":
    print(suggestions(ROOT / "docs" / "images" / "suggestions.png"))
