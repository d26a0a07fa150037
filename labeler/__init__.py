"""HITL Labeler core: the project store, taxonomy, image index, work queue, submissions.

This package has no Qt and knows neither ``ui`` nor ``sync``; the desktop app, the CLI,
the sync code and the tests all use it as a plain Python API.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hitl-labeler")
except PackageNotFoundError:  # running from a source tree that was not pip-installed
    __version__ = "0.0.0+src"
