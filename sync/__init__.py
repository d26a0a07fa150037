"""Both ends of the sync contract: bundles, outbox, HTTP client, USB transfer, and the server."""
