"""Charts drawn on the server as inline SVG: no script, no CDN, readable when printed.

``line_chart`` turns series of numbers into coordinates; the template draws them. Colours
come from the taxonomy palette (distinct, readable on white).
"""

from __future__ import annotations

from dataclasses import dataclass

from labeler.taxonomy import PALETTE

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # "x,y x,y ..." for a polyline
    dots: list[tuple[float, float, int, str]]  # x, y, value, day (each point's tooltip)
    total: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    series: list[Series]
    y_ticks: list[tuple[float, int]]  # y, value
    x_ticks: list[tuple[float, str]]  # x, label
    plot: tuple[int, int, int, int]  # left, top, right, bottom
    empty: bool


def _nice_top(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is at least ``value``."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def line_chart(days: list[str], values: dict[str, dict[str, int]]) -> Chart:
    """One line per name in ``values`` (e.g. a centre), one point per day in ``days``."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    peak = max((n for per in values.values() for n in per.values()), default=0)
    top = _nice_top(max(peak, 1))
    step_x = plot_w / max(len(days) - 1, 1)

    def xy(i: int, n: int) -> tuple[float, float]:
        return round(LEFT + i * step_x, 1), round(TOP + plot_h * (1 - n / top), 1)

    series = []
    for k, name in enumerate(sorted(values, key=str.lower)):
        per = values[name]
        coords = [(*xy(i, per.get(day, 0)), per.get(day, 0), day) for i, day in enumerate(days)]
        series.append(
            Series(
                name=name,
                colour=PALETTE[k % len(PALETTE)],
                points=" ".join(f"{x},{y}" for x, y, _n, _d in coords),
                dots=coords,
                total=sum(per.values()),
            )
        )
    parts = 4 if str(top).startswith("2") else 5  # whole numbers on every tick
    values_y = sorted({top * i // parts for i in range(parts + 1) if top * i % parts == 0})
    y_ticks = [(round(TOP + plot_h * (1 - v / top), 1), v) for v in values_y]
    every = max(1, len(days) // 7)
    x_ticks = [(xy(i, 0)[0], day[5:]) for i, day in enumerate(days) if i % every == 0]
    return Chart(
        WIDTH,
        HEIGHT,
        series,
        y_ticks,
        x_ticks,
        (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM),
        empty=peak == 0,
    )
