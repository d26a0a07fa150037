"""The frozen app's entry point (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

from ui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the model's process (labeler.models.process) starts here
    sys.exit(main())
