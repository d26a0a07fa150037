"""The bundle payload: submissions and proposals as compact columns of JSON, before zstd.

Why columns: a 2G link pays for every byte, and most of a submission repeats (worker,
device, taxonomy version, source, the same labels). Stored column by column, repeated
strings become small indexes, timestamps become millisecond deltas, and coordinates become
integers of 1/10 pixel, which zstd then packs tightly. The decoder gives back the dicts of
``Submission.to_dict()`` / ``Proposal.to_dict()``; the only change is that shape coordinates
are rounded to 0.1 px of the full-resolution image (a worker's click is good to a pixel at
best; 0.01 px would cost 8% more bytes per box, past the wire budget). Any record the
columns cannot carry exactly (an unknown field, an odd timestamp) or whose shape rounding
would spoil (a polygon that would collapse or cross itself) makes the
encoder fall back to the plain layout ``{"submissions": [dicts], "proposals": [dicts]}``,
which every reader also accepts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from labeler import annotations as ann
from labeler.errors import InvalidRecord
from labeler.validation import check_shape

LAYOUT = "columns-1"
COORD_SCALE = 10  # coordinates travel as integers of 1/10 pixel

SUBMISSION_FIELDS = (
    "uuid",
    "image_sha256",
    "image_path",
    "width",
    "height",
    "shapes",
    "taxonomy_version",
    "worker",
    "device_id",
    "started_at",
    "submitted_at",
    "duration_ms",
    "revision",
    "supersedes",
    "source",
)
_PLAIN_COLUMNS = ("image_path", "width", "height", "revision")
_HEX_COLUMNS = ("uuid", "image_sha256")  # random ids: one hex string, no separators
_INTERNED = ("worker", "device_id", "source", "taxonomy_version", "supersedes")
_VARIABLE = ("polygon", "polyline")  # shape types whose point count is in column npoly
_FIXED_POINTS = {"box": 2, "point": 1}  # the others' (a tag has none)
_MAX_ROWS = 1_000_000  # far above any reader's record limit; bounds the column lists
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")


class PayloadFormatError(ValueError):
    """The decoded payload does not have the documented structure."""


# ---------------------------------------------------------------- public
def round_coords(sub: dict[str, Any]) -> dict[str, Any]:
    """``sub`` with its shape coordinates rounded as they travel (for comparisons)."""
    out = dict(sub)
    out["shapes"] = [
        {**s, "points": [[_r(x), _r(y)] for x, y in s["points"]]} if "points" in s else dict(s)
        for s in sub.get("shapes", [])
    ]
    return out


def encode_payload(
    submissions: list[dict[str, Any]],
    proposals: list[dict[str, Any]],
    feedback: list[dict[str, Any]] | None = None,
) -> dict:
    """The payload object (to be JSON-encoded and compressed). ``feedback`` (model feedback
    records, issue 15) travels plain under its own key, only when there is some."""
    extra = {"feedback": list(feedback)} if feedback else {}
    try:
        columns = _encode_submissions(submissions)
        decoded = _decode_submissions(columns)
        if decoded == [round_coords(s) for s in submissions]:
            return {"layout": LAYOUT, "submissions": columns, "proposals": list(proposals)} | extra
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError):
        pass
    return {"submissions": list(submissions), "proposals": list(proposals)} | extra


def decode_payload(obj: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(submissions, proposals) from a payload object; ``PayloadFormatError`` if malformed.
    ``decode_feedback`` reads the model feedback records beside them."""
    if not isinstance(obj, dict):
        raise PayloadFormatError("the payload is not a JSON object")
    proposals = _objects(obj, "proposals")
    layout = obj.get("layout")
    if layout is None:
        return _objects(obj, "submissions"), proposals
    if layout != LAYOUT:
        raise PayloadFormatError(f"unknown payload layout {layout!r}")
    try:
        return _decode_submissions(obj.get("submissions", [])), proposals
    except PayloadFormatError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ArithmeticError) as exc:
        # ArithmeticError: a coordinate integer too large to become a float
        raise PayloadFormatError(f"the submission columns are malformed ({exc})") from exc


def decode_feedback(obj: Any) -> list[dict[str, Any]]:
    """The model feedback records of a payload object ([] when it has none)."""
    return _objects(obj, "feedback") if isinstance(obj, dict) else []


def _objects(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = obj.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise PayloadFormatError(f"{key!r} is not a list of objects")
    return items


# ---------------------------------------------------------------- encoding
def _r(v: float) -> float:
    return round(float(v) * COORD_SCALE) / COORD_SCALE


def _q(v: float) -> int:
    return round(float(v) * COORD_SCALE)


def _intern(values: list[Any]) -> dict[str, list[Any]]:
    table: dict[Any, int] = {}
    idx = [table.setdefault(v, len(table)) for v in values]
    return {"v": list(table), "i": idx}


def _hex_column(values: list[Any]) -> Any:
    """Canonical UUIDs or SHA-256 hex as one string (dashes dropped): the separators and
    quotes between random hex cost as much as the hex itself once compressed."""
    if values and all(isinstance(v, str) and _UUID.fullmatch(v) for v in values):
        return {"uuid": "".join(v.replace("-", "") for v in values)}
    if values and all(isinstance(v, str) and _SHA.fullmatch(v) for v in values):
        return {"hex64": "".join(values)}
    return list(values)


def _unhex_column(obj: Any, n: int, what: str) -> list[Any]:
    if isinstance(obj, list):
        return _list(obj, n, what)
    if not isinstance(obj, dict) or len(obj) != 1:
        raise PayloadFormatError(f"column {what!r} is malformed")
    ((form, text),) = obj.items()
    width = {"uuid": 32, "hex64": 64}.get(form)
    if width is None or not isinstance(text, str) or len(text) != width * n:
        raise PayloadFormatError(f"column {what!r} is malformed")
    parts = [text[i : i + width] for i in range(0, len(text), width)]
    if form == "uuid":
        return [f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" for h in parts]
    return parts


def _ts_ms(text: Any) -> int | None:
    """Milliseconds since 1970 if ``text`` is exactly the store's timestamp form, else None."""
    if not isinstance(text, str) or len(text) != 24 or not text.endswith("Z"):
        return None
    try:
        dt = datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError:
        return None
    ms = (dt - _EPOCH) // timedelta(milliseconds=1)
    return ms if _ms_ts(ms) == text else None


def _ms_ts(ms: int, minutes: dict[int, str] | None = None) -> str:
    """The store's timestamp form of ``ms`` since 1970; ``minutes`` caches the date, hour
    and minute across one payload (its records mostly share a few: this runs twice a
    record)."""
    minute, rest = divmod(ms, 60_000)
    head = None if minutes is None else minutes.get(minute)
    if head is None:
        day, of_day = divmod(minute, 1440)
        date = (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
        head = f"{date}T{of_day // 60:02d}:{of_day % 60:02d}:"
        if minutes is not None:
            minutes[minute] = head
    sec, milli = divmod(rest, 1000)
    return f"{head}{sec:02d}.{milli:03d}Z"


def _encode_submissions(subs: list[dict[str, Any]]) -> dict[str, Any]:
    for s in subs:
        if tuple(sorted(s)) != tuple(sorted(SUBMISSION_FIELDS)):
            raise ValueError("a submission has fields the columns do not know")
    cols: dict[str, Any] = {"n": len(subs)}
    for name in _PLAIN_COLUMNS:
        cols[name] = [s[name] for s in subs]
    for name in _HEX_COLUMNS:
        cols[name] = _hex_column([s[name] for s in subs])
    for name in _INTERNED:
        cols[name] = _intern([s[name] for s in subs])
    # submitted_at: delta ms from the previous one; started_at: ms before submitted_at;
    # duration_ms: difference from (submitted - started), usually 0. Literal when odd.
    submitted, started, duration = [], [], []
    prev = 0
    for s in subs:
        sub_ms = _ts_ms(s["submitted_at"])
        if sub_ms is None:
            submitted.append(s["submitted_at"])
        else:
            submitted.append(sub_ms - prev)
            prev = sub_ms
        st_ms = _ts_ms(s["started_at"])
        gap = None
        if sub_ms is not None and st_ms is not None:
            gap = sub_ms - st_ms
            started.append(gap)
        else:
            started.append(s["started_at"] if s["started_at"] is None else [s["started_at"]])
        d = s["duration_ms"]
        duration.append(d - gap if isinstance(d, int) and gap is not None else [d])
    cols["submitted_at"], cols["started_at"], cols["duration_ms"] = submitted, started, duration
    counts, types, labels, coords, npoly, attrs = [], [], [], [], [], {}
    k = 0
    for s in subs:
        counts.append(len(s["shapes"]))
        for shape in s["shapes"]:
            types.append(shape["type"])
            labels.append(shape["label"])
            pts = [(_q(x), _q(y)) for x, y in shape.get("points", ())]
            _check_rounding(shape, pts)
            if shape["type"] in _VARIABLE:
                npoly.append(len(pts))
            elif len(pts) != {"box": 2, "point": 1}.get(shape["type"], 0):
                raise ValueError("unexpected number of points")
            prev_pt = (0, 0)
            for x, y in pts:
                coords += (x - prev_pt[0], y - prev_pt[1])
                prev_pt = (x, y)
            if shape.get("attrs"):
                attrs[str(k)] = shape["attrs"]
            if set(shape) - {"type", "label", "points", "attrs"}:
                raise ValueError("a shape has fields the columns do not know")
            k += 1
    cols["shapes"] = {
        "n": counts,
        "type": _intern(types),
        "label": _intern(labels),
        "npoly": npoly,
        "xy": coords,
        "attrs": attrs,
    }
    return cols


def _check_rounding(shape: dict[str, Any], pts: list[tuple[int, int]]) -> None:
    """Refuse (so the plain layout is used) a polygon or polyline that rounding would spoil.
    (A box or point cannot be spoiled: rounding is monotonic, so a side of 1 px stays so.)"""
    if shape["type"] in _VARIABLE:
        rounded = [(x / COORD_SCALE, y / COORD_SCALE) for x, y in pts]
        try:
            kind = ann.ShapeType(shape["type"])
            check_shape(ann.Shape(kind, shape["label"], tuple(rounded)), None, None)
        except InvalidRecord as exc:
            raise ValueError("rounding would spoil a polygon") from exc


# ---------------------------------------------------------------- decoding
def _list(obj: Any, n: int | None, what: str) -> list[Any]:
    if not isinstance(obj, list) or (n is not None and len(obj) != n):
        raise PayloadFormatError(f"column {what!r} is missing or has the wrong length")
    return obj


def _unintern(obj: Any, n: int, what: str) -> list[Any]:
    if not isinstance(obj, dict):
        raise PayloadFormatError(f"column {what!r} is malformed")
    values = _list(obj.get("v"), None, what)
    idx = _list(obj.get("i"), n, what)
    if idx and not (set(map(type, idx)) <= {int, bool} and 0 <= min(idx) <= max(idx) < len(values)):
        raise PayloadFormatError(f"column {what!r} has a bad index")
    return list(map(values.__getitem__, idx))


def _decode_submissions(cols: Any) -> list[dict[str, Any]]:
    n = cols.get("n") if isinstance(cols, dict) else None
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= _MAX_ROWS:
        raise PayloadFormatError("the submission columns are malformed")
    n = cols["n"]
    data = {name: _list(cols.get(name), n, name) for name in _PLAIN_COLUMNS}
    data |= {name: _unhex_column(cols.get(name), n, name) for name in _HEX_COLUMNS}
    data |= {name: _unintern(cols.get(name), n, name) for name in _INTERNED}
    submitted = _list(cols.get("submitted_at"), n, "submitted_at")
    started = _list(cols.get("started_at"), n, "started_at")
    duration = _list(cols.get("duration_ms"), n, "duration_ms")
    sh = cols.get("shapes")
    if not isinstance(sh, dict):
        raise PayloadFormatError("the shape columns are malformed")
    counts = _list(sh.get("n"), n, "shapes.n")
    total = sum(counts)
    if any(not isinstance(c, int) or c < 0 for c in counts):
        raise PayloadFormatError("column 'shapes.n' has a bad count")
    types = _unintern(sh.get("type"), total, "shapes.type")
    labels = _unintern(sh.get("label"), total, "shapes.label")
    npoly = _list(sh.get("npoly"), None, "shapes.npoly")
    xy = _list(sh.get("xy"), None, "shapes.xy")
    attrs = sh.get("attrs")
    if not isinstance(attrs, dict):
        raise PayloadFormatError("column 'shapes.attrs' is malformed")
    uuid, image_sha256, image_path = data["uuid"], data["image_sha256"], data["image_path"]
    width, height, version = data["width"], data["height"], data["taxonomy_version"]
    worker, device, revision = data["worker"], data["device_id"], data["revision"]
    supersedes, source = data["supersedes"], data["source"]
    out: list[dict[str, Any]] = []
    minutes: dict[int, str] = {}
    prev = 0
    k = c = p = 0
    for i in range(n):
        sub_v = submitted[i]
        if isinstance(sub_v, int):
            prev += sub_v
            sub_at: Any = _ms_ts(prev, minutes)
        else:
            sub_at = sub_v
        st_v, gap = started[i], None
        if isinstance(st_v, int):
            gap = st_v
            st_at = _ms_ts(prev - st_v, minutes)
        else:
            st_at = st_v[0] if isinstance(st_v, list) else st_v
        d_v = duration[i]
        dur = d_v[0] if isinstance(d_v, list) else d_v + (gap or 0)
        shapes = []
        for _ in range(counts[i]):
            t = types[k]
            if t in _VARIABLE:
                npts, p = npoly[p], p + 1
            else:
                npts = _FIXED_POINTS.get(t, 0)
            shape: dict[str, Any] = {"type": t, "label": labels[k]}
            if npts:
                pts, px, py = [], 0, 0
                for _ in range(npts):
                    px += xy[c]
                    py += xy[c + 1]
                    c += 2
                    pts.append([px / COORD_SCALE, py / COORD_SCALE])
                shape["points"] = pts
            if attrs and str(k) in attrs:
                shape["attrs"] = attrs[str(k)]
            shapes.append(shape)
            k += 1
        out.append(
            {
                "uuid": uuid[i],
                "image_sha256": image_sha256[i],
                "image_path": image_path[i],
                "width": width[i],
                "height": height[i],
                "shapes": shapes,
                "taxonomy_version": version[i],
                "worker": worker[i],
                "device_id": device[i],
                "started_at": st_at,
                "submitted_at": sub_at,
                "duration_ms": dur,
                "revision": revision[i],
                "supersedes": supersedes[i],
                "source": source[i],
            }
        )
    if c != len(xy):
        raise PayloadFormatError("column 'shapes.xy' has coordinates left over")
    return out
