"""The summary chart: principle scores as horizontal bars, drawn straight into a PNG (zlib + struct).

The image holds no text: the figures are in the table beside it and in the image's alt text, so nothing is
lost to a screen reader and nothing depends on fonts being installed.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Colour = tuple[int, int, int]

WHITE: Colour = (255, 255, 255)
TRACK: Colour = (230, 230, 230)  # the 0-100 track behind each bar
GRID: Colour = (200, 200, 200)  # lines at 25, 50, 75 and 100
BAR: Colour = (31, 56, 100)  # dark blue (#1F3864): 10:1 against white
THRESHOLD: Colour = (213, 94, 0)  # dashed lines at the readiness thresholds: vermilion, seen on bar and page
AXIS: Colour = (64, 64, 64)

SCALE = 2  # drawn at twice the displayed resolution, for sharp printing


def png(width: int, height: int, rows: Sequence[bytes | bytearray]) -> bytes:
    """Encode 8-bit RGB rows as a PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


class Canvas:
    """An RGB pixel grid with rectangle filling: all the drawing a bar chart needs."""

    def __init__(self, width: int, height: int, background: Colour = WHITE):
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(background) * width) for _ in range(height)]

    def fill(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        """Fill the rectangle [x0, x1) × [y0, y1), clipped to the canvas."""
        x0, x1 = max(0, x0), min(self.width, x1)
        y0, y1 = max(0, y0), min(self.height, y1)
        if x0 >= x1 or y0 >= y1:
            return
        span = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            self.rows[y][3 * x0 : 3 * x1] = span

    def to_png(self) -> bytes:
        return png(self.width, self.height, self.rows)


def bar_chart(scores: Sequence[float | None], thresholds: Sequence[float] = (), width: int = 640) -> bytes:
    """Horizontal bars, one per score (0-100; None draws an empty track), with dashed threshold lines."""
    bar, gap, margin = 28 * SCALE, 14 * SCALE, 12 * SCALE
    width *= SCALE
    height = margin * 2 + max(1, len(scores)) * (bar + gap) - gap
    canvas = Canvas(width, height)
    plot = width - 2 * margin

    def x_at(value: float) -> int:
        return margin + round(plot * max(0.0, min(100.0, value)) / 100)

    for index, value in enumerate(scores):
        top = margin + index * (bar + gap)
        canvas.fill(margin, top, margin + plot, top + bar, TRACK)
        if value:
            canvas.fill(margin, top, x_at(value), top + bar, BAR)
    for tick in (25, 50, 75, 100):
        x = x_at(tick)
        canvas.fill(x - SCALE // 2, margin // 2, x + (SCALE + 1) // 2, height - margin // 2, GRID)
    canvas.fill(margin, margin // 2, margin + SCALE, height - margin // 2, AXIS)  # the zero axis
    dash = 6 * SCALE
    for threshold in thresholds:
        x = x_at(threshold)
        for y in range(margin // 2, height - margin // 2, 2 * dash):
            canvas.fill(x - SCALE, y, x + SCALE, y + dash, THRESHOLD)
    return canvas.to_png()
