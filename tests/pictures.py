"""Pictures for pack tests, made here: valid ones in every format a pack accepts, and
broken ones of the kinds organisers' files really come in."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

RED = "#ff0000"

# Pillow's format names for the suffixes a pack accepts.
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}


def raster(suffix: str, size: tuple[int, int] = (100, 50), colour: str = RED) -> bytes:
    """A plain picture of one colour, encoded as ``suffix`` says."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=RASTER_FORMATS[suffix])
    return out.getvalue()


def variants() -> dict[str, bytes]:
    """The same red picture in the encodings image editors and cameras really write."""
    red = Image.new("RGB", (100, 50), RED)
    blue = Image.new("RGB", (100, 50), "#0000ff")

    def encoded(picture: Image.Image, form: str, **options: object) -> bytes:
        out = io.BytesIO()
        picture.save(out, format=form, **options)
        return out.getvalue()

    return {
        "palette-transparent.png": encoded(red.convert("P"), "PNG", transparency=1),
        "animated.png": encoded(red, "PNG", save_all=True, append_images=[blue]),
        "cmyk.jpg": encoded(red.convert("CMYK"), "JPEG"),
        "progressive.jpg": encoded(red, "JPEG", progressive=True),
        "lossless.webp": encoded(red, "WEBP", lossless=True),
        "animated.webp": encoded(red, "WEBP", save_all=True, append_images=[blue]),
        "animated.gif": encoded(red, "GIF", save_all=True, append_images=[blue]),
    }


def svg(
    body: str = f'<rect width="100" height="50" fill="{RED}"/>',
    *,
    width: int = 100,
    height: int = 50,
    before: str = "",
) -> bytes:
    return (
        f'{before}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" height="{height}">'
        f"{body}</svg>"
    ).encode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A real, valid PNG of ``width`` × ``height`` black pixels in a few tens of kilobytes:
    a decompression bomb (one bit a pixel, compressed row by row)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the bits
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )
