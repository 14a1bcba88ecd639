"""Whether a pack's picture can be drawn: decoded, not sniffed. No Qt.

``kiosk validate`` must accept exactly what the slides can draw. The views draw
rasters with Qt's image plugins (PNG, JPEG, GIF, WebP are all in PySide6-Essentials)
and SVG with QtSvg, so here:

- a raster is fully decoded with Pillow, and refused when it is larger than Qt
  would load (its reader refuses images over 256 MB decoded: 7680 × 4320 pixels at
  8 bytes each stays below that), which also stops decompression bombs before a
  single pixel is decoded;
- an SVG is parsed with defusedxml (no entity expansion, no external DTD) and must
  hold everything it shows: QtSvg would load a linked picture from anywhere on the
  disk, so only pictures embedded as ``data:`` and references inside the drawing
  (``#id``) are allowed.

Messages never quote a picture's content, only where in it the trouble is.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import io
import posixpath
import re
import warnings
from urllib.parse import unquote, urlsplit

from kiosk.pack.quoting import shown

MAX_IMAGE_BYTES = 32 * 1024 * 1024
MAX_IMAGE_SIDE = (7680, 4320)
MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE[0] * MAX_IMAGE_SIDE[1]
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
SVG_SUFFIX = ".svg"
IMAGE_SUFFIXES = (*RASTER_SUFFIXES, SVG_SUFFIX)
# The formats Qt draws, told by how their files begin (a JPEG named .png is drawn
# all the same: Qt reads the content when the name's format does not fit), with
# Pillow's plugin and image class for each. A picture is opened with its own
# plugin: Pillow's Image.open would first import the plugins of every common
# format, some 7 ms of the check before a first frame.
RASTER_FORMATS = {
    "PNG": ("PngImagePlugin", "PngImageFile"),
    "JPEG": ("JpegImagePlugin", "JpegImageFile"),
    "GIF": ("GifImagePlugin", "GifImageFile"),
    "WEBP": ("WebPImagePlugin", "WebPImageFile"),
}
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"

_SIZE = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(?:[a-zA-Z]+|%)?\s*")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_DATA_IMAGE = re.compile(
    r"data:image/(png|jpeg|jpg|gif|webp)\s*;\s*base64\s*,(.*)", re.IGNORECASE | re.DOTALL
)


def image_problem(data: bytes, suffix: str, name: str) -> str | None:
    """Why ``data`` cannot be drawn, or None when it can.

    ``suffix`` is the file's (lower case), ``name`` its path inside the pack, used to
    tell where a link in an SVG would lead. The answer is a clause that follows the
    image's path in a message.
    """
    return decode_image(data, suffix, name)[0]


def decode_image(data: bytes, suffix: str, name: str) -> tuple[str | None, tuple[int, int] | None]:
    """(``image_problem``'s answer, the picture's size in pixels as decoded).

    The size is None for an SVG drawing, which is drawn sharp at any size, and for
    a picture that cannot be drawn.
    """
    if suffix == SVG_SUFFIX:
        return _svg_problem(data, name), None
    found = _decode_raster(data)
    return (found, None) if isinstance(found, str) else (None, found)


# -- rasters ---------------------------------------------------------------------------


def _raster_format(data: bytes) -> str | None:
    """Which of ``RASTER_FORMATS`` ``data`` starts as, as Pillow's plugins tell them."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _decode_raster(data: bytes) -> str | tuple[int, int]:
    """Why ``data`` is no picture Qt draws, or its width and height once decoded."""
    found = _raster_format(data)
    if found is None:
        if data.lstrip()[:5].lower() in (b"<svg ", b"<?xml", b"<svg>"):
            return "holds an SVG drawing: name it .svg"
        return (
            "is not a valid image: its contents are not PNG, JPEG, GIF or WebP (save "
            "it again from an image editor in one of these formats)"
        )
    plugin, image_class = RASTER_FORMATS[found]
    # Pillow, only here: the kiosk's own process never imports it (kiosk.pack_ahead).
    opened = getattr(importlib.import_module(f"PIL.{plugin}"), image_class)
    try:
        # Reads the header only: the size is known before a single pixel is decoded.
        with opened(io.BytesIO(data)) as picture:
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS:
                return _too_many_pixels(width, height)
            picture.load()  # decodes every pixel of the first frame, as Qt will
    except Exception:  # any failure of the decoder means a damaged file
        # Pillow's decoders raise what their formats' libraries do (OSError, SyntaxError,
        # ValueError, EOFError, struct.error...): for a pack, they all mean one thing.
        return (
            "is not a valid image: it could not be decoded to the end (it may be cut "
            "short or hold garbage): save it again from an image editor"
        )
    return width, height


def _too_many_pixels(width: int, height: int) -> str:
    side, other = MAX_IMAGE_SIDE
    return (
        f"is {width:,} × {height:,} pixels ({width * height / 1e6:,.1f} megapixels); "
        f"a picture may have at most {MAX_IMAGE_PIXELS / 1e6:.1f} megapixels "
        f"({side:,} × {other:,}), more than any screen shows: scale it down"
    )


# Pillow warns before it refuses, for sizes between its two limits; the size check
# above refuses those already, so the warning would only be noise on stderr.
warnings.filterwarnings("ignore", message="Image size .* could be decompression bomb")


# -- SVG -----------------------------------------------------------------------------


def _svg_problem(data: bytes, name: str) -> str | None:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException, ElementTree

    folder = posixpath.dirname(name)
    root_seen = False
    try:
        for event, element in ElementTree.iterparse(
            io.BytesIO(data), events=("start", "end", "pi")
        ):
            if event == "pi":
                if (element.text or "").lstrip().startswith("xml-stylesheet"):
                    return (
                        "links a style sheet (<?xml-stylesheet?>): an SVG in a pack must "
                        "hold everything it shows; save it again as plain SVG"
                    )
                continue
            tag = _local(element.tag)
            if event == "start" and not root_seen:
                root_seen = True
                if tag != "svg":
                    return (
                        "is not an SVG drawing: its outermost element is not <svg>: save "
                        "it again as SVG from a drawing program"
                    )
                problem = _svg_size_problem(element.attrib)
                if problem:
                    return problem
            if event == "start":
                problem = _references_problem(tag, element.attrib, folder)
            elif tag == "style":
                problem = _style_problem(element.text or "", folder)
            else:
                continue
            if problem:
                return problem
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        return (
            f"is not a valid SVG drawing: its XML is broken at line {line}, column "
            f"{column + 1}: save it again from a drawing program"
        )
    except DefusedXmlException:
        return (
            "declares XML entities or an external DTD (<!ENTITY ...>), which a pack's "
            "SVG may not hold: save it again as plain SVG"
        )
    except (ValueError, LookupError, UnicodeError):  # e.g. an encoding Python cannot read
        return "is not a valid SVG drawing: its text encoding cannot be read: save it as UTF-8"
    if not root_seen:
        return "is not a valid SVG drawing: it is empty"
    return None


def _local(tag: object) -> str:
    """An element or attribute name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _svg_size_problem(attrib: dict[str, str]) -> str | None:
    for key in ("width", "height"):
        value = attrib.get(key)
        if value is None:
            continue
        match = _SIZE.fullmatch(value)
        if match and float(match[1]) <= 0:
            return (
                f"has a {key} of {shown(value, 20)}, so nothing of it would show: give "
                "the drawing a size above zero"
            )
    box = attrib.get("viewBox")
    if box is not None:
        parts = re.split(r"[\s,]+", box.strip())
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) == 4 and (numbers[2] <= 0 or numbers[3] <= 0):
            return (
                f"has a viewBox of {shown(box, 40)}, with no area, so nothing of it "
                "would show: give it a width and height above zero"
            )
    return None


def _references_problem(tag: str, attrib: dict[str, str], folder: str) -> str | None:
    for key, value in attrib.items():
        if _local(key) == "href":
            problem = _reference_problem(value, folder, embedded_ok=tag in ("image", "feImage"))
            if problem:
                return f"has <{tag}> {problem}"
        elif "url(" in value.lower():
            problem = _style_problem(value, folder)
            if problem:
                return problem
    return None


def _style_problem(css: str, folder: str) -> str | None:
    if "@import" in css.lower():
        return (
            "imports a style sheet (@import): an SVG in a pack must hold everything it "
            "shows; save it again as plain SVG"
        )
    for match in _CSS_URL.finditer(css):
        problem = _reference_problem(match[2], folder, embedded_ok=False)
        if problem:
            return f"has a style with url() {problem}"
    return None


def _reference_problem(target: str, folder: str, *, embedded_ok: bool) -> str | None:
    """None for a reference inside the drawing; else why it may not be followed."""
    target = target.strip()
    if target.startswith("#") or not target:
        return None
    embedded = _DATA_IMAGE.fullmatch(target)
    if embedded and embedded_ok:
        return _embedded_problem(embedded[2])
    where = shown(target, 60)
    advice = (
        "an SVG in a pack must hold everything it shows: embed the picture (in "
        "Inkscape: Extensions → Images → Embed Images) or draw it in"
    )
    scheme = urlsplit(target).scheme.lower()
    if scheme == "data":
        return (
            f"pointing at {where}, data that is not an embedded PNG, JPEG, GIF or WebP "
            "picture: embed a picture in one of these formats"
        )
    if scheme == "file" or re.match(r"([A-Za-z]:)?[\\/](?![\\/])", target):
        return f"pointing at {where}, a file on this computer: {advice}"
    if scheme or target.startswith("//"):  # //host/path: the network, whatever the scheme
        return f"pointing at {where}, on the network: {advice}"
    path = posixpath.normpath(posixpath.join(folder, unquote(target.split("#", 1)[0])))
    if path == ".." or path.startswith("../"):
        return f"pointing at {where}, outside the pack folder: {advice}"
    return f"pointing at {where}, another file: {advice}"


def _embedded_problem(payload: str) -> str | None:
    try:
        data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
    except (binascii.Error, ValueError):
        return "holding an embedded picture that is not valid base64: embed it again"
    found = _decode_raster(data)
    return f"holding an embedded picture that {found}" if isinstance(found, str) else None
