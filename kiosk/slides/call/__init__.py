"""One call to action: a few words, one large QR code and, if there is one, a number.

For "Donate", "Volunteer", "Take the pledge", "Report a concern": the one thing a
visitor should do, with a code large enough to scan from where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import PlainText, QrTarget, Regions, Text, declare
from kiosk.pack.model import Checks, LocalText, Slide, check_number_has_region
from kiosk.slides import slide_kind


@slide_kind()
@dataclass(frozen=True, kw_only=True)
class CallSlide(Slide):
    """One call to action with one large QR code."""

    heading: LocalText = declare(
        Text(max_chars=40), "The call itself, in a few words: 'Volunteer with us'."
    )
    line: LocalText = declare(
        Text(max_chars=120), "One short line: what happens when a visitor answers the call."
    )
    url: str = declare(QrTarget(), "What the QR code opens: https:, http:, tel:, sms: or mailto:.")
    phone: str | None = declare(
        PlainText(max_chars=40),
        "A phone number shown as text, e.g. '0800 123 456' (a tel: or sms: code shows "
        "its own number when this is left out).",
        default=None,
    )
    region: tuple[str, ...] = declare(
        Regions(),
        "Where the call works: ISO 3166 country codes, e.g. [GB]. A phone number works "
        "in one country; a kiosk elsewhere leaves the slide out. None: everywhere.",
        default=(),
    )

    def check(self, checks: Checks) -> None:
        check_number_has_region(checks, self.url, self.phone, self.region)
