"""Prometheus metrics of one API process (or of all of them, with ``PROMETHEUS_MULTIPROC_DIR``).

What an operator watches during a surge: requests and their latency per route, bundles
stored and refused (by ``kind``), records refused, 503s shed by backpressure, and how deep
the ingest queue is. ``serve --workers N`` gives its processes a shared metrics folder, so
``GET /metrics`` on any of them answers for the whole host.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

REQUESTS = Histogram(
    "hitl_request_seconds",
    "HTTP requests by route template, method and status code, with their latency",
    ["route", "method", "status"],
    buckets=_LATENCY_BUCKETS,
)
INGEST_SECONDS = Histogram(
    "hitl_ingest_seconds",
    "Time to verify and store one bundle (after its body arrived)",
    buckets=_LATENCY_BUCKETS,
)
BUNDLES = Counter("hitl_bundles_total", "Bundles answered with a receipt (new or again)")
SUBMISSIONS = Counter("hitl_records_accepted_total", "Records newly stored from bundles")
REJECTIONS = Counter(
    "hitl_rejections_total",
    "Refusals by kind: a bundle refused whole (its detail.kind), or 'record' for one record",
    ["kind"],
)
BUSY = Counter(
    "hitl_busy_total",
    "Uploads answered 503 busy: 'admission' (too many in flight) or 'queue' (waited too long)",
    ["stage"],
)
UPLOADS_IN_FLIGHT = Gauge(
    "hitl_uploads_in_flight", "Uploads admitted and not yet answered", multiprocess_mode="livesum"
)
QUEUE_DEPTH = Gauge(
    "hitl_ingest_queue_depth", "Uploads waiting for an ingest slot", multiprocess_mode="livesum"
)
INGESTS_ACTIVE = Gauge(
    "hitl_ingests_active", "Bundles being stored now", multiprocess_mode="livesum"
)


def exposition() -> tuple[bytes, str]:
    """The text format Prometheus scrapes, for this process or every process of the host."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
