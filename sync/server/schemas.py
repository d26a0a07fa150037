"""Response models, so the OpenAPI schema documents what each endpoint answers.

Signed documents (receipts, packs) are sent exactly as signed; these models only
describe them (a model must never re-shape bytes a signature covers).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    kind: str = Field(description="machine-readable reason, e.g. signature, conflict, too_large")
    message: str = Field(description="what went wrong and what to do, for a person")


class ErrorBody(BaseModel):
    detail: ErrorDetail


class ExportJob(BaseModel):
    """An export running in the background (``/v1/exports``)."""

    id: str
    project_id: str
    format: str
    state: str = Field(description="queued, running, done or failed")
    done: int = Field(description="images written so far")
    total: int = Field(description="images the export will hold")
    skipped: int = Field(0, description="stored records the format could not hold")
    error: str | None = None
    file_name: str | None = None
    size: int | None = Field(None, description="bytes of the finished file")
    created_at: str
    finished_at: str | None = None
    reviewed_only: bool = Field(
        False, description="only images whose latest revision a supervisor accepted or corrected"
    )


class Health(BaseModel):
    ok: bool
    server_time: str
    role: str = Field(description="who the credentials belong to: device, relay or admin")


class RejectedRecord(BaseModel):
    uuid: str
    reason: str


class Receipt(BaseModel):
    project_id: str
    device_id: str
    seq: int
    bundle_sha256: str
    received_at: str
    accepted: list[str] = Field(description="uuids newly stored")
    duplicates: list[str] = Field(description="uuids stored before, by an earlier bundle")
    rejected: list[RejectedRecord]


class SignedReceipt(BaseModel):
    receipt: Receipt
    signature: str = Field(description="base64 Ed25519 over the canonical JSON of receipt")


class Sequence(BaseModel):
    highest: int = Field(0, description="the highest sequence number received (0: none)")
    highest_contiguous: int = Field(description="every bundle 1..n has arrived")
    missing: list[int] = Field(description="bundles not received below the highest received")
    received: int
    chain_broken: list[int] = Field(
        default_factory=list, description="bundles whose prev_sha256 does not match a neighbour"
    )


class ProposalAnswer(BaseModel):
    proposal: str = Field(description="uuid of the worker's proposal")
    decision: str = Field(description="added, renamed, merged or declined")
    label: str | None = Field(description="the label it became or was merged into")
    taxonomy_version: int | None
    reply: str = Field(description="the admin's words to the worker")
    answered_at: str


class ProjectPack(BaseModel):
    format: str
    project_id: str
    name: str
    kind: str
    taxonomy_version: int
    taxonomy: dict[str, Any]
    instructions: str
    server_public_key: str
    answers_version: int = Field(0, description="grows with each answer to a label proposal")
    answers: list[ProposalAnswer] = Field(
        default_factory=list, description="the newest answers to workers' label proposals"
    )


class SignedPack(BaseModel):
    pack: ProjectPack
    signature: str


class DeviceProgress(BaseModel):
    project_id: str
    centre: str
    device_id: str
    bundles: int
    missing_bundles: int
    submissions: int
    proposals: int
    last_seen: str | None
    revoked: bool


class CentreProgress(BaseModel):
    centre: str
    devices: int
    bundles: int
    submissions: int
    proposals: int
    last_seen: str | None


class Alert(BaseModel):
    id: int
    project_id: str
    device_id: str
    seq: int
    kind: str = Field(description="conflict or chain_broken")
    message: str
    sha256: str | None
    file: str | None = Field(description="kept bytes, inside the data folder's conflicts/")
    created_at: str


class Progress(BaseModel):
    centres: list[CentreProgress]
    devices: list[DeviceProgress]
    alerts: list[Alert]


class ProposalOut(BaseModel):
    uuid: str
    project_id: str
    device_id: str
    image_sha256: str
    image_path: str
    name: str
    reason: str
    region: dict[str, Any] | None
    taxonomy_version: int
    worker: str
    created_at: str
    received_at: str
    crop: Literal["kept", "dropped", "none"] = Field(
        description="the proposal's picture (PROTOCOL.md, 'Proposal pictures'): kept by the"
        " server, dropped (crop_problem says why), or none sent (an older PC, or its image"
        " file could not be read)"
    )
    crop_width: int | None = None
    crop_height: int | None = None
    crop_problem: str | None = Field(None, description="why the picture was dropped")


class Revoked(BaseModel):
    device_id: str
    revoked: bool
