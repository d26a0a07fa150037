"""Per-worker figures by day and week, from recorded facts only.

The facts are what was stored: submissions (worker, when, seconds spent), reviews (decision on
a submission), gold scores (passed or not) and agreements (two submissions' F1). Each review,
score and agreement counts on the day the reviewed submission was made, so a day's figures
describe that day's work whenever it was checked. Nothing is estimated: a figure with no
facts behind it is empty (None), never 0. The station and the server (``sync.server``) feed
the same function from their own tables. ``to_csv`` and ``to_html`` make the supervisor's
CSV and printable page (with an SVG chart of accuracy and speed over the week).
"""

from __future__ import annotations

import csv
import html
import io
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Facts:
    """Plain rows; see the module docstring."""

    work: Iterable[tuple[str, str, str, int | None]]  # (uuid, worker, submitted_at, duration_ms)
    reviews: Iterable[tuple[str, str]] = ()  # (submission_uuid, decision)
    gold: Iterable[tuple[str, bool]] = ()  # (submission_uuid, passed)
    agreements: Iterable[tuple[str, str, float]] = ()  # (submission_a, submission_b, f1)


@dataclass
class WorkerPeriod:
    """One worker's figures for one day (``YYYY-MM-DD``) or ISO week (``YYYY-Www``)."""

    worker: str
    period: str
    images: int = 0
    seconds: list[float] = field(default_factory=list, repr=False)
    gold_scored: int = 0
    gold_passed: int = 0
    reviewed: int = 0
    accepted: int = 0  # accepted as they were (corrections and rejections are not)
    corrected: int = 0
    rejected: int = 0
    agreement_f1: list[float] = field(default_factory=list, repr=False)

    @property
    def median_seconds(self) -> float | None:
        return round(statistics.median(self.seconds), 1) if self.seconds else None

    @property
    def gold_accuracy(self) -> float | None:
        return self.gold_passed / self.gold_scored if self.gold_scored else None

    @property
    def acceptance(self) -> float | None:
        return self.accepted / self.reviewed if self.reviewed else None

    @property
    def agreement(self) -> float | None:
        return statistics.fmean(self.agreement_f1) if self.agreement_f1 else None

    def as_row(self) -> dict[str, object]:
        return {
            "period": self.period,
            "worker": self.worker,
            "images": self.images,
            "median_seconds": self.median_seconds,
            "gold_scored": self.gold_scored,
            "gold_accuracy": _r(self.gold_accuracy),
            "reviewed": self.reviewed,
            "accepted": self.accepted,
            "corrected": self.corrected,
            "rejected": self.rejected,
            "acceptance": _r(self.acceptance),
            "agreement_pairs": len(self.agreement_f1),
            "agreement_f1": _r(self.agreement),
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


COLUMNS = list(WorkerPeriod("", "").as_row())


def day_of(stamp: str) -> str:
    return stamp[:10]


def week_of(stamp: str) -> str:
    y, w, _ = date.fromisoformat(stamp[:10]).isocalendar()
    return f"{y}-W{w:02d}"


def summarize(facts: Facts, period: str = "day") -> list[WorkerPeriod]:
    """Figures per (worker, period), sorted by period then worker. ``period``: day or week."""
    key: Callable[[str], str] = {"day": day_of, "week": week_of}[period]
    out: dict[tuple[str, str], WorkerPeriod] = {}
    owner: dict[str, tuple[str, str]] = {}
    for uuid, worker, submitted_at, duration_ms in facts.work:
        k = (worker, key(submitted_at))
        owner[uuid] = k
        wp = out.setdefault(k, WorkerPeriod(worker, k[1]))
        wp.images += 1
        if duration_ms is not None and duration_ms >= 0:
            wp.seconds.append(duration_ms / 1000.0)
    for uuid, decision in facts.reviews:
        if uuid in owner:
            wp = out[owner[uuid]]
            wp.reviewed += 1
            wp.accepted += decision == "accept"
            wp.corrected += decision == "correct"
            wp.rejected += decision == "reject"
    for uuid, passed in facts.gold:
        if uuid in owner:
            wp = out[owner[uuid]]
            wp.gold_scored += 1
            wp.gold_passed += bool(passed)
    for a, b, f1 in facts.agreements:
        for uuid in (a, b):
            if uuid in owner:
                out[owner[uuid]].agreement_f1.append(float(f1))
    return sorted(out.values(), key=lambda w: (w.period, w.worker))


def week_days(week: str) -> list[str]:
    """The seven dates (Monday first) of an ISO week ``YYYY-Www``."""
    year, w = week.split("-W")
    monday = date.fromisocalendar(int(year), int(w), 1)
    return [(monday + timedelta(days=i)).isoformat() for i in range(7)]


def to_csv(rows: Iterable[WorkerPeriod]) -> str:
    """CSV text (UTF-8; write it with a BOM for Excel): one row per worker and period."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else v for k, v in r.as_row().items()})
    return buf.getvalue()


DEFAULT_TEXTS = {
    "title": "Worker report",
    "week": "Week",
    "worker": "Worker",
    "images": "Images",
    "median": "Median seconds per image",
    "gold": "Gold accuracy",
    "acceptance": "Review acceptance",
    "agreement": "Agreement (F1)",
    "chart": "Accuracy (line, %) and seconds per image (bars) by day",
    "none": "—",
}


def _pct(value: float | None, none: str) -> str:
    return none if value is None else f"{100 * value:.0f}%"


def chart_svg(days: list[str], by_day: dict[str, WorkerPeriod], width: int = 420) -> str:
    """A small SVG: seconds per image as bars, accuracy (gold, else review acceptance) as a
    line, one slot per day of the week."""
    height, pad = 140, 24
    slot = (width - 2 * pad) / len(days)
    top_s = max((w.median_seconds or 0 for w in by_day.values()), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img">',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}"'
        ' stroke="#444"/>',
    ]
    points = []
    for i, d in enumerate(days):
        x = pad + i * slot
        wp = by_day.get(d)
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - 6}" font-size="10"'
            f' text-anchor="middle">{d[5:]}</text>'
        )
        if wp is None:
            continue
        if wp.median_seconds is not None:
            h = (height - 2 * pad) * wp.median_seconds / top_s
            parts.append(
                f'<rect x="{x + slot * 0.2:.1f}" y="{height - pad - h:.1f}"'
                f' width="{slot * 0.6:.1f}" height="{h:.1f}" fill="#90caf9"/>'
            )
        acc = wp.gold_accuracy if wp.gold_accuracy is not None else wp.acceptance
        if acc is not None:
            points.append((x + slot / 2, height - pad - (height - 2 * pad) * acc))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2e7d32" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#2e7d32"/>' for x, y in points]
    parts.append("</svg>")
    return "".join(parts)


def to_html(
    days: list[WorkerPeriod],
    weeks: list[WorkerPeriod],
    week: str,
    *,
    centre: str = "",
    texts: dict[str, str] | None = None,
) -> str:
    """A printable page: the week's table and one chart per worker."""
    t = {**DEFAULT_TEXTS, **(texts or {})}
    e = html.escape
    none = t["none"]
    dates = week_days(week)
    rows = [w for w in weeks if w.period == week]
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{e(t['title'])} {e(week)}</title>",
        "<style>body{font-family:'Noto Sans','Noto Sans Devanagari',sans-serif;margin:16px}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}"
        "td.n{text-align:right}.w{page-break-inside:avoid;margin-top:12px}</style>",
        "</head><body>",
        f"<h1>{e(t['title'])} — {e(t['week'])} {e(week)}" + (f" — {e(centre)}" if centre else ""),
        "</h1><table><tr>",
        *(
            f"<th>{e(t[k])}</th>"
            for k in ("worker", "images", "median", "gold", "acceptance", "agreement")
        ),
        "</tr>",
    ]
    for w in rows:
        out.append(
            f"<tr><td>{e(w.worker)}</td><td class='n'>{w.images}</td>"
            f"<td class='n'>{none if w.median_seconds is None else w.median_seconds}</td>"
            f"<td class='n'>{_pct(w.gold_accuracy, none)}</td>"
            f"<td class='n'>{_pct(w.acceptance, none)}</td>"
            f"<td class='n'>{_pct(w.agreement, none)}</td></tr>"
        )
    out.append("</table>")
    for w in rows:
        by_day = {d.period: d for d in days if d.worker == w.worker and d.period in dates}
        out.append(f"<div class='w'><h2>{e(w.worker)}</h2><p>{e(t['chart'])}</p>")
        out.append(chart_svg(dates, by_day))
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out)
