"""Minimal PNG reader for the icon tests: header facts and RGBA pixels (8-bit, non-interlaced)."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


@dataclass
class Png:
    """What the tests need to know about one PNG."""

    width: int
    height: int
    bit_depth: int
    color_type: int
    interlace: int
    chunks: list[bytes]
    rows: list[bytes]

    def rgba(self, x: int, y: int) -> tuple[int, int, int, int]:
        """The pixel at (x, y) as RGBA (8-bit grey, grey+alpha, RGB and RGBA only)."""
        n = CHANNELS[self.color_type]
        px = self.rows[y][x * n : (x + 1) * n]
        if self.color_type == 6:
            return (px[0], px[1], px[2], px[3])
        if self.color_type == 2:
            return (px[0], px[1], px[2], 255)
        if self.color_type == 4:
            return (px[0], px[0], px[0], px[1])
        return (px[0], px[0], px[0], 255)

    def pixels(self) -> list[tuple[int, int, int, int]]:
        """Every pixel, row by row."""
        return [self.rgba(x, y) for y in range(self.height) for x in range(self.width)]


def _paeth(a: int, b: int, c: int) -> int:
    """The PNG Paeth predictor."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def read_png(data: bytes) -> Png:
    """Parse `data`, checking signature and CRCs; ValueError when it is not a PNG this reader handles."""
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG signature")
    pos, chunks, idat, header = 8, [], b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise ValueError(f"bad CRC in {kind!r}")
        chunks.append(kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if header is None or chunks[0] != b"IHDR" or chunks[-1] != b"IEND":
        raise ValueError("IHDR must come first and IEND last")
    width, height, depth, color_type, _, _, interlace = header
    if depth != 8 or color_type not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {color_type}, interlace {interlace}")
    stride = width * CHANNELS[color_type]
    bpp = CHANNELS[color_type]
    raw = zlib.decompress(idat)
    if len(raw) != height * (stride + 1):
        raise ValueError("image data has the wrong length")
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            predictor = [0, left, up, (left + up) // 2, _paeth(left, up, corner)][kind]
            line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return Png(width, height, depth, color_type, interlace, chunks, rows)
