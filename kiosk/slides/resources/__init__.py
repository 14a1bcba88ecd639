"""Organisations and hotlines, each with a QR code and, for a hotline, its number."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import ListOf, PlainText, QrTarget, Regions, Text, declare
from kiosk.pack.model import Checks, LocalText, Slide, check_number_has_region
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class Resource:
    """An organisation or hotline. Its address becomes a QR code."""

    name: LocalText = declare(Text(max_chars=70), "Name of the organisation or hotline.")
    description: LocalText = declare(Text(max_chars=110), "What it offers, in one line.")
    url: str = declare(QrTarget(), "What the QR code opens: https:, http:, tel:, sms: or mailto:.")
    phone: str | None = declare(
        PlainText(max_chars=40),
        "A phone number shown as text, e.g. '1-888-373-7888'.",
        default=None,
    )
    region: tuple[str, ...] = declare(
        Regions(),
        "Where it works: ISO 3166 country codes, e.g. [US]. None given: it works everywhere, "
        "as a website does. A kiosk with a region shows only the lines that work there.",
        default=(),
    )

    def check(self, checks: Checks) -> None:
        check_number_has_region(checks, self.url, self.phone, self.region)


@slide_kind(items="resources")
@dataclass(frozen=True, kw_only=True)
class ResourcesSlide(Slide):
    """Organisations and hotlines, each with a QR code."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    intro: LocalText | None = declare(
        Text(max_chars=120), "An optional lead-in line.", default=None
    )
    resources: tuple[Resource, ...] = declare(ListOf(Resource, 1, 6), "One to six resources.")
