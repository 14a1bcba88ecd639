"""Draw the example pack's pictures, in docs/examples/digital-inclusion-week/images/.

Run: python docs/examples/draw_digital_inclusion_poster.py
A flat bilingual poster (poster.png, 1500 × 2000 pixels) and a wide picture of
bookshelves (shelves.png, 2400 × 1350) drawn with Pillow and the kiosk's own DejaVu
fonts, so the example pack carries no picture of unknown origin.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "assets" / "fonts"
IMAGES = Path(__file__).resolve().parent / "digital-inclusion-week" / "images"

WIDTH, HEIGHT = 1500, 2000
INK = "#12203a"
PLUM = "#3b2667"  # the top band: unlike the kiosk's own navy, so the poster's edge shows
PAPER = "#fff4e0"
ORANGE = "#ff8c1a"
TEAL = "#1f9e8f"
SKY = "#7cc6fe"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


def centred(
    draw: ImageDraw.ImageDraw, y: int, text: str, face: ImageFont.FreeTypeFont, fill: str
) -> int:
    """Draw ``text`` centred at height ``y``; return the y under it."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    draw.text(((WIDTH - (right - left)) / 2 - left, y - top), text, font=face, fill=fill)
    return y + (bottom - top)


def poster() -> Image.Image:
    poster = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(poster)
    # A band of colour at the top, with signal arcs rising from a laptop.
    draw.rectangle((0, 0, WIDTH, 980), fill=PLUM)
    cx, cy = WIDTH // 2, 750
    for radius, colour in ((320, TEAL), (220, SKY), (120, ORANGE)):
        draw.arc(
            (cx - radius, cy - radius, cx + radius, cy + radius), 220, 320, fill=colour, width=50
        )
    draw.ellipse((cx - 36, cy - 36, cx + 36, cy + 36), fill=ORANGE)
    # The laptop: a screen and a base.
    draw.rounded_rectangle(
        (cx - 300, 820, cx + 300, 1150), radius=28, fill=PAPER, outline=INK, width=16
    )
    draw.rounded_rectangle((cx - 250, 865, cx + 250, 1105), radius=12, fill=SKY)
    draw.polygon([(cx - 380, 1150), (cx + 380, 1150), (cx + 430, 1210), (cx - 430, 1210)], fill=INK)
    # A smile on the screen: the point is that it is friendly.
    draw.arc((cx - 90, 910, cx + 90, 1060), 20, 160, fill=INK, width=18)
    draw.ellipse((cx - 80, 925, cx - 40, 965), fill=INK)
    draw.ellipse((cx + 40, 925, cx + 80, 965), fill=INK)
    y = centred(draw, 100, "DIGITAL", font(150, bold=True), PAPER)
    y = centred(draw, y + 30, "INCLUSION WEEK", font(112, bold=True), ORANGE)
    y = centred(draw, 1290, "6–12 October", font(104, bold=True), INK)
    y = centred(draw, y + 50, "Semana de la Inclusión Digital", font(66), TEAL)
    y = centred(draw, y + 90, "Free workshops · All ages", font(72), INK)
    y = centred(draw, y + 34, "Talleres gratuitos · Todas las edades", font(56), INK)
    draw.rectangle((0, HEIGHT - 170, WIDTH, HEIGHT), fill=TEAL)
    centred(draw, HEIGHT - 128, "Your library · Tu biblioteca", font(76, bold=True), PAPER)
    return poster


def shelves() -> Image.Image:
    """Shelves of books in a reading room, and a table with two laptops in front."""
    rng = random.Random(2025)  # the same picture on every run
    width, height = 2400, 1350
    room = Image.new("RGB", (width, height), "#e9dcc3")
    draw = ImageDraw.Draw(room)
    spines = [ORANGE, TEAL, SKY, PLUM, "#c0392b", "#f4d35e", "#2e86ab", "#6a994e", INK]
    for top in range(60, 900, 210):  # five shelves of books
        x = 40
        while x < width - 60:
            spine = rng.randint(34, 70)
            tall = rng.randint(130, 185)
            draw.rectangle((x, top + 190 - tall, x + spine, top + 190), fill=rng.choice(spines))
            x += spine + rng.randint(2, 8)
        draw.rectangle((0, top + 190, width, top + 210), fill="#8d6e4f")
    draw.rectangle((0, 1000, width, height), fill="#b08968")  # the table
    for left in (700, 1400):
        draw.rounded_rectangle((left, 760, left + 360, 990), radius=14, fill=INK)
        draw.rounded_rectangle((left + 18, 778, left + 342, 972), radius=8, fill=SKY)
        draw.polygon(
            [(left - 40, 990), (left + 400, 990), (left + 430, 1030), (left - 70, 1030)], fill=INK
        )
    return room


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, picture in (("poster.png", poster()), ("shelves.png", shelves())):
        path = IMAGES / name
        picture.save(path, optimize=True)
        print(path, picture.size, path.stat().st_size, "bytes")  # noqa: T201 - run by hand


if __name__ == "__main__":
    main()
