"""The admin's decision on workers' label proposals: a new label, a rename, a merge, or no.

A decision covers a group of proposals (the same name from several workers). Adding or
renaming a label makes a new taxonomy version of the project; the version and the answers
are written in one transaction, so a PC never sees an answer without its label or the
reverse. Every answered proposal travels back to the PCs in the signed project pack
(``sync.server.answers``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection, select

from labeler.errors import TaxonomyError
from labeler.taxonomy import APP_KEYS as LABELING_APP_KEYS
from labeler.taxonomy import Label, Taxonomy, check_label
from sync.server import answers
from sync.server import storage as db
from sync.server.answers import Decision
from sync.server.errors import NotFoundError, ServerError
from sync.server.storage import Storage, utcnow

# Single keys the labeling app keeps for itself (labeler.taxonomy.APP_KEYS, plus the help and
# sync-now keys); a label cannot take them.
APP_KEYS = LABELING_APP_KEYS | {"F1", "F9"}


class DecisionError(ServerError):
    """A decision the admin must change (a taken id or key, an empty reply, ...)."""


@dataclass(frozen=True)
class Outcome:
    decision: str
    answered: int
    label_id: str | None
    taxonomy_version: int | None  # the new version, when the taxonomy changed


def free_keys(taxonomy: Taxonomy) -> list[str]:
    """Keys a new label can take: digits, letters and F-keys not used by a label or the app."""
    used = {(lab.shortcut or "").upper() for lab in taxonomy.active}
    keys = [*"1234567890", *"CEGHIJKLMNQRUXYZ", *(f"F{n}" for n in range(2, 13))]
    return [k for k in keys if k not in used and k not in APP_KEYS]


def decide(
    storage: Storage,
    project_id: str,
    proposal_uuids: list[str],
    decision: Decision,
    *,
    new_label: Label | None = None,
    label_id: str | None = None,
    names: dict[str, str] | None = None,
    reply: str = "",
) -> Outcome:
    """Answer the open proposals among ``proposal_uuids`` (all of ``project_id``)."""
    reply = reply.strip()
    if decision == "declined" and not reply:
        raise DecisionError("say in a few words why, for the worker who proposed it")
    with storage.write() as conn:
        open_uuids = _open_proposals(conn, project_id, proposal_uuids)
        version, taxonomy = _latest(conn, project_id)
        new_version: int | None = None
        if decision == "added":
            if new_label is None:
                raise DecisionError("give the new label an id and a name")
            taxonomy = _with_new_label(taxonomy, new_label)
            label_id = new_label.id
        elif decision == "renamed":
            taxonomy = _renamed(taxonomy, label_id or "", names or {})
        elif decision == "merged":
            _active(taxonomy, label_id or "")
        elif decision != "declined":
            raise DecisionError(f"unknown decision {decision!r}")
        if decision in ("added", "renamed"):
            new_version = version + 1
            conn.execute(
                db.taxonomies.insert().values(
                    project_id=project_id,
                    version=new_version,
                    taxonomy=taxonomy.to_json(),
                    created_at=utcnow(),
                )
            )
        n = answers.record(
            conn,
            project_id,
            open_uuids,
            decision,
            label_id=label_id if decision != "declined" else None,
            taxonomy_version=new_version or version,
            reply=reply,
        )
    return Outcome(decision, n, label_id, new_version)


def _open_proposals(conn: Connection, project_id: str, uuids: list[str]) -> list[str]:
    p, a = db.proposals, db.proposal_answers
    uuids = list(dict.fromkeys(uuids))[:1000]
    found = list(
        conn.execute(
            select(p.c.uuid).where(p.c.project_id == project_id, p.c.uuid.in_(uuids))
        ).scalars()
    )
    if not found:
        raise NotFoundError("no such proposal in this project")
    done = set(
        conn.execute(select(a.c.proposal_uuid).where(a.c.proposal_uuid.in_(found))).scalars()
    )
    left = [u for u in found if u not in done]
    if not left:
        raise DecisionError("these proposals were answered already")
    return left


def _latest(conn: Connection, project_id: str) -> tuple[int, Taxonomy]:
    t = db.taxonomies
    row = conn.execute(
        select(t.c.version, t.c.taxonomy)
        .where(t.c.project_id == project_id)
        .order_by(t.c.version.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFoundError(f"no project {project_id!r}")
    return int(row.version), Taxonomy.from_json(row.taxonomy)


def _active(taxonomy: Taxonomy, label_id: str) -> Label:
    lab = taxonomy.get(label_id)
    if lab is None or lab.retired:
        raise DecisionError(f"choose a label of the current list ({label_id!r} is not one)")
    return lab


def _with_new_label(taxonomy: Taxonomy, label: Label) -> Taxonomy:
    names = {k: v.strip() for k, v in label.names.items() if v.strip()}
    label = replace(label, names=names, colour=label.colour.lower())
    if label.shortcut and label.shortcut.upper() in APP_KEYS:
        raise DecisionError(f"the key {label.shortcut!r} is one of the app's own keys")
    if label.id in taxonomy:
        raise DecisionError(
            f"a label with the id {label.id!r} exists already; choose another id,"
            " or merge the proposal into that label"
        )
    try:
        check_label(label)
        return Taxonomy((*taxonomy.labels, label), taxonomy.languages, taxonomy.extra)
    except TaxonomyError as exc:
        raise DecisionError(str(exc)) from None


def _renamed(taxonomy: Taxonomy, label_id: str, names: dict[str, str]) -> Taxonomy:
    lab = _active(taxonomy, label_id)
    given = {k: v.strip() for k, v in names.items() if v.strip()}
    if not given:
        raise DecisionError("type the label's new name")
    renamed = replace(lab, names={**lab.names, **given})
    if renamed == lab:
        raise DecisionError("the names are the same as before")
    try:
        check_label(renamed)
    except TaxonomyError as exc:
        raise DecisionError(str(exc)) from None
    labels = tuple(renamed if x.id == label_id else x for x in taxonomy.labels)
    return Taxonomy(labels, taxonomy.languages, taxonomy.extra)
