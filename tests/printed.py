"""Reading printed media back with real tools: poppler's pdfinfo, pdffonts, pdftotext
and pdftoppm, zxing-cpp for QR codes, and fontTools for the fonts a PDF embeds."""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from pathlib import Path

import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

MM_PER_INCH = 25.4


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pdf_info(path: Path, *extra: str) -> dict[str, str]:
    """pdfinfo's "Key: value" lines (with ``-f 1 -l N``, one "Page N size" each)."""
    found = {}
    for line in run("pdfinfo", *extra, str(path)).splitlines():
        key, _, value = line.partition(":")
        found[key.strip()] = value.strip()
    return found


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Every page's width and height in points."""
    info = pdf_info(path, "-f", "1", "-l", "999")
    sizes = []
    for key, value in info.items():
        if re.fullmatch(r"Page\s+\d+ size", key):
            width, height = re.findall(r"[\d.]+", value)[:2]
            sizes.append((float(width), float(height)))
    return sizes


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb, sub, uni for each font."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name, then the type (one to three words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def embedded_font_files(path: Path) -> list[TTFont]:
    """The TrueType programs a PDF embeds (its FontFile2 streams), decompressed."""
    data = path.read_bytes()
    found = []
    for number in sorted(set(re.findall(rb"/FontFile2 (\d+) 0 R", data))):
        match = re.search(rb"\n" + number + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", data, re.S)
        assert match is not None, f"font object {number!r} not found"
        # Its /Length may be a reference to another object: read to the stream's end.
        stream = data[match.end() : data.index(b"endstream", match.end())]
        if b"/FlateDecode" in match.group(1):
            stream = zlib.decompressobj().decompress(stream)
        found.append(TTFont(io.BytesIO(stream)))
    return found


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    """pdftotext's text of pages ``first`` to ``last``, every run of white space as
    one space (a line break, a no-break space).

    ``-raw``: in the order the text was drawn, which is the reading order here. In
    its default mode pdftotext guesses the order and the spaces from the glyphs'
    positions, and loses the spaces of a few large figures ("1%→8%").
    """
    pages = []
    if first is not None:
        pages += ["-f", str(first)]
    if last is not None:
        pages += ["-l", str(last)]
    return spaced(run("pdftotext", "-raw", *pages, str(path), "-"))


def spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render_pages(path: Path, folder: Path, dpi: int) -> list[Image.Image]:
    """Every page as pdftoppm draws it at ``dpi``, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / f"page-{dpi}"
    run("pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix))
    files = sorted(folder.glob(f"page-{dpi}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(file).convert("RGB") for file in files]


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def decoded_with_size(image: Image.Image) -> list[tuple[str, float]]:
    """Each code found, with the mean length of its symbol's sides in pixels (its
    four corners as the decoder located them; the quiet zone is not counted)."""
    found = []
    for result in zxingcpp.read_barcodes(image):
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        sides = [
            ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5
            for a, b in zip(corners, corners[1:] + corners[:1], strict=True)
        ]
        found.append((result.text, sum(sides) / 4))
    return found


def crop_mm(
    image: Image.Image, left: float, top: float, side: float, dpi: int, pad: float = 2.0
) -> Image.Image:
    """The square at (``left``, ``top``) millimetres, ``side`` mm, plus ``pad`` mm around."""
    scale = dpi / MM_PER_INCH
    box = (
        round((left - pad) * scale),
        round((top - pad) * scale),
        round((left + side + pad) * scale),
        round((top + side + pad) * scale),
    )
    return image.crop(box)
