"""The shapes of a chart drawn by the server as SVG (the dashboard's and the planning's).

Plain data: each app's views compute the rectangles and labels of its own charts, the templates
draw them, and every chart's figures are also in a table beside it (the accessible version).
"""

from __future__ import annotations

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
