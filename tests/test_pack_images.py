"""Pictures are decoded, not sniffed: what validate accepts is what the slide draws.

Broken pictures (a PNG header followed by garbage, a cut-off file, a malformed SVG, a
broken WebP), decompression bombs and SVGs that reach outside the pack are errors on
the pack.yaml line that names them; every accepted format is drawn by the real view.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pictures import bomb_png, raster, svg, variants
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.export import render_slide
from kiosk.pack.images import IMAGE_SUFFIXES, decode_image
from kiosk.pack.load import check_pack, load_pack
from kiosk.slides.title import TitleSlide
from kiosk.ui.offscreen import ensure_app

PACK = """\
title: Test pack
year: 2023
date: 2023-07-30
languages: [en]
default_language: en
slides:
  - type: title
    day: World Day
    date: 30 July 2023
    theme: Leave no one behind
    logo: {logo}
"""
LOGO_LINE = 11


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def logo_pack(write_pack: Callable[..., Path], name: str, data: bytes) -> Path:
    return write_pack(PACK.format(logo=f"images/{name}"), {f"images/{name}": data})


def logo_error(write_pack: Callable[..., Path], name: str, data: bytes) -> str:
    report = check_pack(logo_pack(write_pack, name, data))
    assert report.pack is None
    (error,) = report.errors
    assert (error.line, error.key_path) == (LOGO_LINE, "slides[0].logo")
    return error.message


# -- every accepted format is drawn --------------------------------------------------------

DRAWABLE = [
    *((f"logo{suffix}", raster(suffix)) for suffix in IMAGE_SUFFIXES if suffix != ".svg"),
    ("logo.svg", svg()),
    ("comment.svg", svg(before="<?xml version='1.0'?>\n<!-- " + "a long note " * 400 + "-->\n")),
    (
        "embedded.svg",
        svg(
            '<image width="100" height="50" href="data:image/png;base64,'
            + __import__("base64").b64encode(raster(".png")).decode()
            + '"/>'
        ),
    ),
    (
        "inside-refs.svg",
        svg(
            '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/>'
            '</linearGradient><rect id="r" width="100" height="50" '
            'style="fill: url(#g)"/></defs><use href="#r"/>'
            '<use xlink:href="#r"/>'
        ),
    ),
    ("jpeg-named.png", raster(".jpg")),  # Qt reads the content when the name misleads
    *variants().items(),
]


@pytest.mark.parametrize(("name", "data"), DRAWABLE, ids=[n for n, _ in DRAWABLE])
def test_every_picture_validate_accepts_is_drawn(
    write_pack: Callable[..., Path], name: str, data: bytes
) -> None:
    pack = load_pack(logo_pack(write_pack, name, data))
    slide = pack.slides[0]
    assert isinstance(slide, TitleSlide)
    image = render_slide(slide, pack, "en", QSize(1280, 720))
    assert red_share_where_the_logo_goes(image) > 0.9, f"{name} was not drawn"


def red_share_where_the_logo_goes(image: QImage) -> float:
    """How much of the middle of the logo's place (centred above the text, at 1280 × 720:
    about x 496-784, y 154-298) is red."""
    pixels = [image.pixelColor(x, y) for x in range(540, 741, 20) for y in range(170, 281, 10)]
    red = [c for c in pixels if c.red() > 200 and c.green() < 70 and c.blue() < 70]
    return len(red) / len(pixels)


def test_the_logo_check_sees_no_red_without_a_logo(write_pack: Callable[..., Path]) -> None:
    pack = load_pack(write_pack(PACK.replace("    logo: {logo}\n", "")))
    image = render_slide(pack.slides[0], pack, "en", QSize(1280, 720))
    assert red_share_where_the_logo_goes(image) == 0


def test_the_bundled_logos_pass() -> None:
    for year in ("2023", "2024"):
        assert not check_pack(Path(__file__).parent.parent / "content" / year).problems


# -- broken pictures are errors on the line that names them -------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("header-then-garbage.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "is not a valid image"),
        ("cut-short.png", raster(".png", (200, 200))[:-40], "is not a valid image"),
        (
            "broken.webp",
            b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00garbage" * 20,
            "is not a valid image",
        ),
        ("cut-short.jpg", raster(".jpg", (300, 300))[:200], "is not a valid image"),
        (
            "malformed.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
            "its XML is broken at line 1",
        ),
        ("not-svg.svg", b"<html><body>hello</body></html>", "outermost element is not <svg>"),
        ("raster.svg", raster(".png"), "its XML is broken"),
        ("svg.png", svg(), "holds an SVG drawing: name it .svg"),
        ("bmp.png", b"BM" + b"\x00" * 60, "its contents are not PNG, JPEG, GIF or WebP"),
        ("negative.svg", svg(width=-5), "has a width of '-5'"),
        (
            "entities.svg",
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "declares XML entities",
        ),
        ("empty.svg", b"", "its XML is broken"),
    ],
)
def test_a_broken_picture_is_an_error(
    write_pack: Callable[..., Path], name: str, data: bytes, expected: str
) -> None:
    message = logo_error(write_pack, name, data)
    assert message.startswith(f"'images/{name}' ")
    assert expected in message


def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    write_pack: Callable[..., Path],
) -> None:
    bomb = bomb_png()
    assert len(bomb) < 200_000  # a small file that would decode to 400 million pixels
    message = logo_error(write_pack, "bomb.png", bomb)
    assert "is 20,000 × 20,000 pixels (400.0 megapixels)" in message
    assert "at most 33.2 megapixels (7,680 × 4,320)" in message


@pytest.mark.parametrize("suffix", [s for s in IMAGE_SUFFIXES if s != ".svg"])
def test_decoding_tells_a_pictures_size(suffix: str) -> None:
    assert decode_image(raster(suffix, (123, 45)), suffix, f"p{suffix}") == (None, (123, 45))


def test_a_drawing_or_a_broken_picture_has_no_size() -> None:
    assert decode_image(svg(), ".svg", "p.svg") == (None, None)
    problem, size = decode_image(raster(".png")[:60], ".png", "p.png")
    assert problem is not None
    assert size is None


def test_a_picture_just_within_the_limit_is_accepted(write_pack: Callable[..., Path]) -> None:
    assert load_pack(logo_pack(write_pack, "wide.png", bomb_png(7680, 4320))).slides


def test_a_picture_over_the_limit_says_its_size(write_pack: Callable[..., Path]) -> None:
    message = logo_error(write_pack, "big.png", bomb_png(7681, 4320))
    assert "is 7,681 × 4,320 pixels (33.2 megapixels)" in message


def test_no_message_quotes_a_pictures_content(write_pack: Callable[..., Path]) -> None:
    secret = "hunter2-secret"
    for name, data in [
        ("a.svg", f"<svg><text>{secret}</text><oops".encode()),
        ("b.png", b"\x89PNG\r\n\x1a\n" + secret.encode() * 20),
        ("c.svg", f"<{secret}/>".encode()),
    ]:
        assert secret not in logo_error(write_pack, name, data)


# -- SVGs cannot reach outside the pack ----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<image href="../../x.png" width="9" height="9"/>', "outside the pack folder"),
        (
            '<image xlink:href="../../../etc/x.png" width="9" height="9"/>',
            "outside the pack folder",
        ),
        ('<image href="file:///etc/passwd" width="9" height="9"/>', "a file on this computer"),
        ('<image href="/etc/x.png" width="9" height="9"/>', "a file on this computer"),
        ('<image href="https://example.org/x.png" width="9" height="9"/>', "on the network"),
        ('<use href="../../other.svg#part"/>', "outside the pack folder"),
        ('<use href="../other.svg#part"/>', "another file"),  # images/../ is still the pack
        ('<use xlink:href="http://example.org/a.svg#b"/>', "on the network"),
        (
            '<rect width="9" height="9" style="fill: url(https://example.org/p.svg#p)"/>',
            "on the network",
        ),
        ('<rect width="9" height="9" fill="url(\'file:///x.svg#p\')"/>', "a file on this computer"),
        ('<style>rect { fill: url("//example.org/p#x") }</style>', "on the network"),
        ("<style>@import url(theme.css);</style>", "imports a style sheet"),
        ('<image href="logo.png" width="9" height="9"/>', "another file: an SVG in a pack must"),
        (
            '<image href="data:text/html;base64,PGI+" width="9" height="9"/>',
            "not an embedded PNG, JPEG, GIF or WebP",
        ),
        (
            '<image href="data:image/png;base64,iVBORw0KGgoAAAA=" width="9" height="9"/>',
            "embedded picture that is not a valid image",
        ),
    ],
)
def test_an_svg_may_not_reach_outside_itself(
    write_pack: Callable[..., Path], body: str, expected: str
) -> None:
    message = logo_error(write_pack, "logo.svg", svg(body))
    assert expected in message


def test_a_style_sheet_instruction_is_refused(write_pack: Callable[..., Path]) -> None:
    data = b'<?xml-stylesheet href="https://example.org/s.css"?>' + svg()
    assert "links a style sheet" in logo_error(write_pack, "logo.svg", data)


def test_an_embedded_bomb_is_refused(write_pack: Callable[..., Path]) -> None:
    payload = __import__("base64").b64encode(bomb_png()).decode()
    data = svg(f'<image width="9" height="9" href="data:image/png;base64,{payload}"/>')
    message = logo_error(write_pack, "logo.svg", data)
    assert "is 20,000 × 20,000 pixels (400.0 megapixels)" in message


def test_the_version_is_the_digest_of_the_decoded_bytes(write_pack: Callable[..., Path]) -> None:
    folder = logo_pack(write_pack, "logo.png", raster(".png"))
    before = load_pack(folder).version
    (folder / "images" / "logo.png").write_bytes(raster(".png", colour="#00ff00"))
    assert load_pack(folder).version != before
    (folder / "images" / "logo.png").write_bytes(raster(".png"))
    assert load_pack(folder).version == before


def test_a_picture_is_decoded_with_its_own_formats_plugin_alone(tmp_path: Path) -> None:
    # In a process of its own: Pillow's other plugins cost the check before a first frame.
    (tmp_path / "p.png").write_bytes(raster(".png", (30, 20)))
    probe = (
        "import sys; from pathlib import Path; from kiosk.pack.images import decode_image; "
        "print(decode_image(Path(sys.argv[1]).read_bytes(), '.png', 'p.png')); "
        "print(sorted(m for m in sys.modules if m.endswith('ImagePlugin')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "p.png")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.splitlines() == ["(None, (30, 20))", "['PIL.PngImagePlugin']"]
