"""The chart PNG is drawn without a plotting library: check it decodes and shows the scores as bars."""

from __future__ import annotations

import struct
import zlib

from evidencepack.export.chart import BAR, SCALE, THRESHOLD, TRACK, bar_chart


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB scanlines of an 8-bit RGB PNG with filter 0 (what chart.py writes)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    position, idat, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + data) & 0xFFFFFFFF == crc
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            idat += data
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(idat)
    stride = 1 + 3 * width
    rows = [raw[i * stride + 1 : (i + 1) * stride] for i in range(height)]
    assert all(raw[i * stride] == 0 for i in range(height))
    return width, height, rows


def pixel(rows: list[bytes], x: int, y: int) -> tuple[int, int, int]:
    return tuple(rows[y][3 * x : 3 * x + 3])  # type: ignore[return-value]


def test_bars_are_as_long_as_the_scores() -> None:
    width, height, rows = decode(bar_chart([100.0, 50.0, 0.0, None], thresholds=(), width=400))
    assert width == 400 * SCALE
    bar, gap, margin = 28 * SCALE, 14 * SCALE, 12 * SCALE
    plot = width - 2 * margin
    middle = [margin + i * (bar + gap) + bar // 2 for i in range(4)]
    assert pixel(rows, margin + plot - 5, middle[0]) == BAR  # 100%: the bar reaches the end
    assert pixel(rows, margin + plot // 2 - 5, middle[1]) == BAR  # 50%: half way ...
    assert pixel(rows, margin + plot // 2 + 5, middle[1]) == TRACK  # ... and no further
    assert pixel(rows, margin + 10, middle[2]) == TRACK  # 0%: no bar
    assert pixel(rows, margin + 10, middle[3]) == TRACK  # not scored: an empty track
    assert height == 2 * margin + 4 * (bar + gap) - gap


def test_threshold_lines_are_drawn() -> None:
    width, _, rows = decode(bar_chart([100.0], thresholds=(80,), width=400))
    margin = 12 * SCALE
    x = margin + round((width - 2 * margin) * 0.8)
    assert any(pixel(rows, x, y) == THRESHOLD for y in range(len(rows)))


def test_an_empty_chart_is_still_a_valid_image() -> None:
    width, height, _ = decode(bar_chart([], thresholds=()))
    assert width > 0 and height > 0
