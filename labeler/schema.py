"""The project file's schema, as forward migrations run at open.

``PRAGMA user_version`` is the schema version. Each migration is SQL run inside one
transaction; a project file written by a newer program is refused, never downgraded.
Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # ---- version 1: the labeling store
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE taxonomy_versions (
        version INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        taxonomy TEXT NOT NULL
    );

    CREATE TABLE workers (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        orientation INTEGER NOT NULL DEFAULT 1,
        format TEXT,
        sha256 TEXT,
        problem TEXT,
        duplicate_of INTEGER REFERENCES images(id),
        missing INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'todo'
            CHECK (status IN ('todo', 'in_progress', 'submitted', 'skipped', 'flagged')),
        status_note TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX images_queue ON images (status, seq);
    CREATE INDEX images_seq ON images (seq);
    CREATE INDEX images_sha256 ON images (sha256);

    CREATE TABLE drafts (
        image_id INTEGER PRIMARY KEY REFERENCES images(id),
        worker TEXT,
        shapes TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE submissions (
        uuid TEXT PRIMARY KEY,
        image_id INTEGER REFERENCES images(id),
        image_sha256 TEXT NOT NULL,
        image_path TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        shapes TEXT NOT NULL,
        taxonomy_version INTEGER NOT NULL REFERENCES taxonomy_versions(version),
        worker TEXT NOT NULL,
        device_id TEXT NOT NULL,
        started_at TEXT,
        submitted_at TEXT NOT NULL,
        duration_ms INTEGER,
        revision INTEGER NOT NULL,
        supersedes TEXT REFERENCES submissions(uuid),
        source TEXT NOT NULL DEFAULT 'labeled'
    );
    CREATE INDEX submissions_image ON submissions (image_sha256, revision);
    CREATE INDEX submissions_time ON submissions (submitted_at);
    CREATE TRIGGER submissions_are_immutable BEFORE UPDATE ON submissions
    BEGIN SELECT RAISE(ABORT, 'a submission is immutable: submit a new revision'); END;
    CREATE TRIGGER submissions_are_kept BEFORE DELETE ON submissions
    BEGIN SELECT RAISE(ABORT, 'a submission is never deleted'); END;

    CREATE TABLE proposals (
        uuid TEXT PRIMARY KEY,
        image_id INTEGER REFERENCES images(id),
        image_sha256 TEXT NOT NULL,
        image_path TEXT NOT NULL,
        name TEXT NOT NULL,
        reason TEXT NOT NULL,
        region TEXT,
        taxonomy_version INTEGER NOT NULL,
        worker TEXT NOT NULL,
        device_id TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TRIGGER proposals_are_immutable BEFORE UPDATE ON proposals
    BEGIN SELECT RAISE(ABORT, 'a proposal is immutable'); END;
    CREATE TRIGGER proposals_are_kept BEFORE DELETE ON proposals
    BEGIN SELECT RAISE(ABORT, 'a proposal is never deleted'); END;
    """,
    # ---- version 2: delivery state, so sync state is data (one row per record sent)
    """
    CREATE TABLE delivery (
        record_type TEXT NOT NULL CHECK (record_type IN ('submission', 'proposal')),
        record_uuid TEXT NOT NULL,
        bundle_seq INTEGER,
        delivered_at TEXT,
        rejected_reason TEXT,
        PRIMARY KEY (record_type, record_uuid)
    );
    CREATE INDEX delivery_pending ON delivery (delivered_at, bundle_seq);
    """,
    # ---- version 3: the outbox's bundles (sync state is data: one row per bundle file).
    # ``id`` is the local bundle number that ``delivery.bundle_seq`` names; ``seq`` is the
    # device's sequence number on the wire (they differ only after a re-enrollment).
    """
    CREATE TABLE bundles (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        prev_sha256 TEXT,
        submissions INTEGER NOT NULL,
        proposals INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sent', 'delivered', 'rejected')),
        sent_at TEXT,
        delivered_at TEXT,
        receipt TEXT,
        last_error TEXT,
        UNIQUE (device_id, seq)
    );
    CREATE INDEX bundles_state ON bundles (state, id);
    CREATE INDEX delivery_bundle ON delivery (bundle_seq);
    """,
    # ---- version 4: bundles copied to USB drives (which drive, when), so `labeler usb status`
    # and the supervisor's panel can say "exported" apart from "pending" and "delivered".
    """
    CREATE TABLE usb_exports (
        bundle_id INTEGER NOT NULL REFERENCES bundles(id),
        drive_id TEXT NOT NULL,
        exported_at TEXT NOT NULL,
        PRIMARY KEY (bundle_id, drive_id)
    );
    """,
    # ---- version 5: model suggestions (issue 15). ``models``: the models this project knows
    # (from its pack or a file), by SHA-256; ``predictions``: what a model suggested for an
    # image, cached so it runs once; ``feedback``: an immutable record, per submission made
    # with suggestions, of what the worker did with each (it travels in bundles).
    # ``delivery`` is rebuilt so its record types include feedback.
    """
    CREATE TABLE models (
        sha256 TEXT PRIMARY KEY,
        spec TEXT NOT NULL,
        file TEXT,
        source TEXT NOT NULL,
        added_at TEXT NOT NULL,
        problem TEXT
    );

    CREATE TABLE predictions (
        image_sha256 TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        predictions TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (image_sha256, model_sha256)
    );

    CREATE TABLE feedback (
        uuid TEXT PRIMARY KEY,
        submission_uuid TEXT NOT NULL REFERENCES submissions(uuid),
        image_sha256 TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        outcomes TEXT NOT NULL,
        worker TEXT NOT NULL,
        device_id TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX feedback_model ON feedback (model_sha256);
    CREATE TRIGGER feedback_is_immutable BEFORE UPDATE ON feedback
    BEGIN SELECT RAISE(ABORT, 'feedback is immutable'); END;
    CREATE TRIGGER feedback_is_kept BEFORE DELETE ON feedback
    BEGIN SELECT RAISE(ABORT, 'feedback is never deleted'); END;

    CREATE TABLE delivery_v5 (
        record_type TEXT NOT NULL CHECK (record_type IN ('submission', 'proposal', 'feedback')),
        record_uuid TEXT NOT NULL,
        bundle_seq INTEGER,
        delivered_at TEXT,
        rejected_reason TEXT,
        PRIMARY KEY (record_type, record_uuid)
    );
    INSERT INTO delivery_v5 SELECT record_type, record_uuid, bundle_seq, delivered_at,
        rejected_reason FROM delivery;
    DROP TABLE delivery;
    ALTER TABLE delivery_v5 RENAME TO delivery;
    CREATE INDEX delivery_pending ON delivery (delivered_at, bundle_seq);
    CREATE INDEX delivery_bundle ON delivery (bundle_seq);
    """,
    # ---- version 6: the admin's answers to this project's label proposals, as the signed
    # project pack brought them; ``seen_at`` is set once the worker was shown the answer.
    """
    CREATE TABLE proposal_answers (
        proposal_uuid TEXT PRIMARY KEY,
        decision TEXT NOT NULL,
        label_id TEXT,
        taxonomy_version INTEGER,
        reply TEXT NOT NULL DEFAULT '',
        answered_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        seen_at TEXT
    );
    """,
    # ---- version 7: quality control (issue 12). On a supervisor's station: the centre's work
    # collected from drives or the server (``collected_*``), and the quality records made here
    # (reviews, gold answers and scores, agreements), immutable like submissions, each kept
    # whole as its wire JSON (``record``) beside the columns queries need. Rework returns
    # waiting to go to a PC (``station_returns``). On a worker PC: the rework the station sent
    # back (``rework``) and the images it mixed in (``quality_tasks``). ``delivery`` learns the
    # new record kinds (SQLite cannot change a CHECK, so the table is rebuilt).
    """
    CREATE TABLE delivery_v7 (
        record_type TEXT NOT NULL CHECK (record_type IN
            ('submission', 'proposal', 'feedback', 'review', 'gold',
             'gold_score', 'agreement')),
        record_uuid TEXT NOT NULL,
        bundle_seq INTEGER,
        delivered_at TEXT,
        rejected_reason TEXT,
        PRIMARY KEY (record_type, record_uuid)
    );
    INSERT INTO delivery_v7 SELECT record_type, record_uuid, bundle_seq, delivered_at,
        rejected_reason FROM delivery;
    DROP TABLE delivery;
    ALTER TABLE delivery_v7 RENAME TO delivery;
    CREATE INDEX delivery_pending ON delivery (delivered_at, bundle_seq);
    CREATE INDEX delivery_bundle ON delivery (bundle_seq);

    CREATE TABLE collected_bundles (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        prev_sha256 TEXT,
        via TEXT NOT NULL,
        collected_at TEXT NOT NULL,
        submissions INTEGER NOT NULL,
        proposals INTEGER NOT NULL,
        PRIMARY KEY (device_id, seq)
    );
    CREATE TABLE collected (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        image_sha256 TEXT NOT NULL,
        image_path TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        shapes TEXT NOT NULL,
        taxonomy_version INTEGER NOT NULL,
        worker TEXT NOT NULL,
        record_device_id TEXT NOT NULL,
        started_at TEXT,
        submitted_at TEXT NOT NULL,
        duration_ms INTEGER,
        revision INTEGER NOT NULL,
        supersedes TEXT,
        source TEXT NOT NULL,
        bundle_seq INTEGER NOT NULL
    );
    CREATE INDEX collected_image ON collected (image_sha256, revision);
    CREATE INDEX collected_worker ON collected (worker, submitted_at);
    CREATE INDEX collected_supersedes ON collected (supersedes);
    CREATE TABLE collected_proposals (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        image_sha256 TEXT NOT NULL,
        image_path TEXT NOT NULL,
        name TEXT NOT NULL,
        reason TEXT NOT NULL,
        worker TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX collected_proposals_image ON collected_proposals (image_sha256);

    CREATE TABLE reviews (
        uuid TEXT PRIMARY KEY,
        submission_uuid TEXT NOT NULL UNIQUE,
        image_sha256 TEXT NOT NULL,
        worker TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'correct')),
        reason TEXT,
        reviewed_at TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX reviews_worker ON reviews (worker, reviewed_at);
    CREATE TABLE gold (
        uuid TEXT PRIMARY KEY,
        image_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE TABLE gold_scores (
        uuid TEXT PRIMARY KEY,
        submission_uuid TEXT NOT NULL UNIQUE,
        image_sha256 TEXT NOT NULL,
        worker TEXT NOT NULL,
        passed INTEGER NOT NULL,
        scored_at TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE TABLE agreements (
        uuid TEXT PRIMARY KEY,
        submission_a TEXT NOT NULL,
        submission_b TEXT NOT NULL,
        image_sha256 TEXT NOT NULL,
        worker_a TEXT NOT NULL,
        worker_b TEXT NOT NULL,
        agree INTEGER NOT NULL,
        computed_at TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (submission_a, submission_b)
    );
    CREATE TRIGGER reviews_are_immutable BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'a review is immutable'); END;
    CREATE TRIGGER reviews_are_kept BEFORE DELETE ON reviews
    BEGIN SELECT RAISE(ABORT, 'a review is never deleted'); END;
    CREATE TRIGGER gold_is_immutable BEFORE UPDATE ON gold
    BEGIN SELECT RAISE(ABORT, 'a gold answer is immutable'); END;
    CREATE TRIGGER gold_scores_are_immutable BEFORE UPDATE ON gold_scores
    BEGIN SELECT RAISE(ABORT, 'a gold score is immutable'); END;
    CREATE TRIGGER gold_scores_are_kept BEFORE DELETE ON gold_scores
    BEGIN SELECT RAISE(ABORT, 'a gold score is never deleted'); END;
    CREATE TRIGGER agreements_are_immutable BEFORE UPDATE ON agreements
    BEGIN SELECT RAISE(ABORT, 'an agreement is immutable'); END;
    CREATE TRIGGER agreements_are_kept BEFORE DELETE ON agreements
    BEGIN SELECT RAISE(ABORT, 'an agreement is never deleted'); END;

    CREATE TABLE station_returns (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rework', 'gold', 'overlap')),
        image_sha256 TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_in INTEGER
    );
    CREATE INDEX station_returns_device ON station_returns (device_id, sent_in);

    CREATE TABLE rework (
        uuid TEXT PRIMARY KEY,
        image_sha256 TEXT NOT NULL,
        submission_uuid TEXT NOT NULL,
        reason TEXT NOT NULL,
        note TEXT,
        reviewer TEXT NOT NULL,
        station_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        fixed_by TEXT
    );
    CREATE INDEX rework_image ON rework (image_sha256);
    CREATE TABLE quality_tasks (
        image_sha256 TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('gold', 'overlap')),
        station_id TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE TABLE station_messages (
        station_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (station_id, seq)
    );
    """,
    # ---- version 8: a proposal's picture (``labeler.crops``): a small JPEG of the region the
    # worker marked, cut just after the proposal is committed (``labeler.proposal_pictures``).
    # ``crop_state``: 'pending' until it is cut, then 'made' (``crop`` holds it) or 'none'
    # (the image file was missing, changed or unreadable); NULL for proposals made before.
    # The proposal stays immutable; only a pending picture may be set, once.
    """
    ALTER TABLE proposals ADD COLUMN crop BLOB;
    ALTER TABLE proposals ADD COLUMN crop_state TEXT
        CHECK (crop_state IS NULL OR crop_state IN ('pending', 'made', 'none'));
    DROP TRIGGER proposals_are_immutable;
    CREATE TRIGGER proposals_are_immutable BEFORE UPDATE OF uuid, image_id, image_sha256,
        image_path, name, reason, region, taxonomy_version, worker, device_id, created_at
        ON proposals
    BEGIN SELECT RAISE(ABORT, 'a proposal is immutable'); END;
    CREATE TRIGGER proposal_pictures_are_set_once BEFORE UPDATE OF crop, crop_state
        ON proposals WHEN OLD.crop_state IS NOT 'pending'
    BEGIN SELECT RAISE(ABORT, 'a proposal''s picture is set once'); END;
    """,
    # ---- version 9: flags travel (issue 12). On a worker PC: ``flags``, one immutable record
    # per flag a worker raised on an image (its note), packed into her bundles like work. On
    # a station: ``collected_flags``, the PCs' flags as collected, so the review queue shows
    # every flagged image with the worker's note. ``delivery`` learns the kind 'flag'.
    """
    CREATE TABLE flags (
        uuid TEXT PRIMARY KEY,
        image_id INTEGER REFERENCES images(id),
        image_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX flags_image ON flags (image_sha256);
    CREATE TRIGGER flags_are_immutable BEFORE UPDATE ON flags
    BEGIN SELECT RAISE(ABORT, 'a flag is immutable'); END;
    -- images flagged before this version (by a proposal) get their flag now, so they reach
    -- the station too: the latest proposal of each image still flagged
    INSERT INTO flags (uuid, image_id, image_sha256, created_at, record)
    SELECT u, image_id, image_sha256, created_at, json_object('uuid', u,
        'image_sha256', image_sha256, 'image_path', image_path,
        'note', substr(name || ': ' || reason, 1, 2000), 'worker', worker,
        'device_id', device_id, 'flagged_at', created_at)
    FROM (SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3)
                 || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)) AS u,
                 image_id, image_sha256, image_path, name, reason, worker, device_id,
                 created_at
          FROM (SELECT hex(randomblob(16)) AS h, p.image_id, p.image_sha256, p.image_path,
                       p.name, p.reason, p.worker, p.device_id, p.created_at
                FROM proposals p JOIN images i ON i.id = p.image_id
                WHERE i.status = 'flagged' AND p.rowid = (SELECT q.rowid FROM proposals q
                      WHERE q.image_id = p.image_id ORDER BY q.created_at DESC, q.rowid DESC
                      LIMIT 1)));
    CREATE TABLE collected_flags (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        image_sha256 TEXT NOT NULL,
        image_path TEXT NOT NULL,
        worker TEXT NOT NULL,
        note TEXT NOT NULL,
        flagged_at TEXT NOT NULL,
        bundle_seq INTEGER
    );
    CREATE INDEX collected_flags_image ON collected_flags (image_sha256);
    CREATE INDEX reviews_image ON reviews (image_sha256);
    CREATE TABLE delivery_v9 (
        record_type TEXT NOT NULL CHECK (record_type IN
            ('submission', 'proposal', 'feedback', 'review', 'gold',
             'gold_score', 'agreement', 'flag')),
        record_uuid TEXT NOT NULL,
        bundle_seq INTEGER,
        delivered_at TEXT,
        rejected_reason TEXT,
        PRIMARY KEY (record_type, record_uuid)
    );
    INSERT INTO delivery_v9 SELECT record_type, record_uuid, bundle_seq, delivered_at,
        rejected_reason FROM delivery;
    DROP TABLE delivery;
    ALTER TABLE delivery_v9 RENAME TO delivery;
    CREATE INDEX delivery_pending ON delivery (delivered_at, bundle_seq);
    CREATE INDEX delivery_bundle ON delivery (bundle_seq);
    """,
    # ---- version 10: the model report card at the station (issue 12): the PCs' model
    # feedback (what workers did with each suggestion), kept as collected beside their work.
    """
    CREATE TABLE collected_feedback (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        submission_uuid TEXT NOT NULL,
        image_sha256 TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        outcomes TEXT NOT NULL,
        worker TEXT NOT NULL,
        created_at TEXT NOT NULL,
        bundle_seq INTEGER
    );
    CREATE INDEX collected_feedback_submission ON collected_feedback (submission_uuid);
    """,
    # ---- version 11: the suggestions a worker rejected on an image in progress, kept with
    # its draft so a restart does not lose them ({"model": sha256, "indexes": [...]}, issue 15)
    """
    ALTER TABLE drafts ADD COLUMN rejected TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
