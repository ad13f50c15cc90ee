"""Draw Vraagbaak's Teams icons (colour 192x192, outline 32x32) with the standard library only.

Run `python manifest/make_icons.py` to rewrite manifest/color.png and manifest/outline.png.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ACCENT = (0x15, 0x42, 0x73)
"""Dark blue background of the colour icon; also the manifest's accentColor (#154273)."""
WHITE = (255, 255, 255)
SUBSAMPLES = 4
"""Samples per pixel side for anti-aliasing."""

Shape = Callable[[float, float], bool]


def png_bytes(width: int, height: int, rgba: list[tuple[int, int, int, int]]) -> bytes:
    """Encode RGBA pixels (row by row) as an 8-bit truecolour-with-alpha PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for pixel in rgba[y * width : (y + 1) * width]:
            raw.extend(pixel)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Shape:
    """Filled rectangle with corner radius `r`."""

    def inside(x: float, y: float) -> bool:
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

    return inside


def triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Shape:
    """Filled triangle."""

    def side(p: tuple[float, float], q: tuple[float, float], x: float, y: float) -> float:
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])

    def inside(x: float, y: float) -> bool:
        s1, s2, s3 = side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)
        return (s1 >= 0 and s2 >= 0 and s3 >= 0) or (s1 <= 0 and s2 <= 0 and s3 <= 0)

    return inside


def disc(cx: float, cy: float, r: float) -> Shape:
    """Filled circle."""
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def capsule(a: tuple[float, float], b: tuple[float, float], width: float) -> Shape:
    """Line from `a` to `b` of the given width, with round ends."""
    (ax, ay), (bx, by) = a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2

    def inside(x: float, y: float) -> bool:
        t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length2))
        return math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2

    return inside


def question_mark(cx: float, top: float, size: float) -> Shape:
    """A '?' of height `size` whose top is at `top`: open arc, neck, stem and dot."""
    stroke = size * 0.16
    radius = size * 0.25
    cy = top + radius + stroke / 2
    end = math.radians(40)
    arc_end = (cx + radius * math.cos(end), cy + radius * math.sin(end))
    neck = (cx, cy + radius * 1.15)
    stem = capsule(arc_end, neck, stroke)
    drop = capsule(neck, (cx, top + size * 0.70), stroke)
    dot = disc(cx, top + size - stroke * 0.6, stroke * 0.62)
    cap = disc(cx - radius, cy, stroke / 2)

    def inside(x: float, y: float) -> bool:
        angle = math.degrees(math.atan2(y - cy, x - cx))
        arc = abs(math.hypot(x - cx, y - cy) - radius) <= stroke / 2 and not 40 < angle <= 180
        return arc or cap(x, y) or stem(x, y) or drop(x, y) or dot(x, y)

    return inside


def union(*shapes: Shape) -> Shape:
    """Points inside any of `shapes`."""
    return lambda x, y: any(shape(x, y) for shape in shapes)


def minus(shape: Shape, hole: Shape) -> Shape:
    """Points inside `shape` but not in `hole`."""
    return lambda x, y: shape(x, y) and not hole(x, y)


def coverage(shape: Shape, size: int) -> list[float]:
    """Fraction of each pixel of a size x size grid covered by `shape`."""
    step = 1 / SUBSAMPLES
    offsets = [(i + 0.5) * step for i in range(SUBSAMPLES)]
    total = SUBSAMPLES * SUBSAMPLES
    return [
        sum(shape(x + dx, y + dy) for dx in offsets for dy in offsets) / total for y in range(size) for x in range(size)
    ]


def bubble(size: float, margin: float, inset: float = 0.0) -> Shape:
    """Speech bubble filling a `size` square, with its tail at the bottom left; `inset` shrinks it."""
    m = margin + inset
    body = rounded_rect(m, m, size - m, size * 0.74 - inset, size * 0.16 - inset)
    tail = triangle(
        (size * 0.24 + inset, size * 0.70),
        (size * 0.46 - inset, size * 0.70),
        (size * 0.20 + inset, size * 0.92 - inset * 2),
    )
    return union(body, tail)


def color_icon(size: int = 192) -> bytes:
    """Blue square, white speech bubble, blue question mark."""
    white = coverage(minus(bubble(size, size * 0.16), question_mark(size / 2, size * 0.25, size * 0.38)), size)
    pixels = [tuple(round(a * w + b * (1 - w)) for a, b in zip(WHITE, ACCENT, strict=True)) + (255,) for w in white]
    return png_bytes(size, size, pixels)


def outline_icon(size: int = 32) -> bytes:
    """White speech-bubble outline with a question mark, on a transparent background."""
    stroke = size * 0.07
    ring = minus(bubble(size, size * 0.06), bubble(size, size * 0.06, inset=stroke))
    shape = union(ring, question_mark(size / 2, size * 0.19, size * 0.42))
    return png_bytes(size, size, [WHITE + (round(255 * c),) for c in coverage(shape, size)])


def main(argv: list[str] | None = None) -> int:
    """Write color.png and outline.png next to this script (or into the folder given)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else HERE
    (folder / "color.png").write_bytes(color_icon())
    (folder / "outline.png").write_bytes(outline_icon())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
