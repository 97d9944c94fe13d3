"""The shapes of a chart drawn by the server as SVG (the dashboard's and the planning's).

Plain data: the views compute the rectangles and labels (``bar_chart`` for the horizontal bars
both the dashboard and the planning use; other shapes in their own views), the templates draw
them, and every chart's figures are also in a table beside it (the accessible version).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    """Bars and their labels; the page puts the same figures in a table beside it."""

    title: str
    width: int
    height: int
    bars: tuple[Rect, ...]
    labels: tuple[Label, ...]
    axis: tuple[float, float, float, float]  # the base line: x1, y1, x2, y2


def bar_chart(title: str, items: Sequence[tuple[str, float]], value_text: Callable[[float], str]) -> Chart:
    """Horizontal bars (queues, services, departments), the name on the left and the value on the right."""
    width, label_width, value_width, row = 720, 260, 90, 30
    height = row * max(1, len(items)) + 10
    plot = width - label_width - value_width
    peak = max((value for _label, value in items), default=0) or 1
    bars, labels = [], []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = plot * value / peak
        short = label if len(label) <= 34 else label[:33] + "…"
        labels.append(Label(label_width - 8, y + row / 2 + 5, short, "end"))
        bars.append(Rect(label_width, y + 5, round(max(w, 1), 1), row - 10))
        labels.append(Label(round(label_width + w + 6, 1), y + row / 2 + 5, value_text(value), "start"))
    return Chart(title, width, height, tuple(bars), tuple(labels), (label_width, 0, label_width, height))
