"""What an address in a pack opens, read one way everywhere. No Qt.

The validator, the QR encoder, the slide views, the pop-ups and the spoken text
all need to know whether an address is a web page, a phone number, a text
message or an e-mail, and what number or address it holds. This is that one
reading.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import unquote, urlsplit


class Scheme(StrEnum):
    """The schemes a QR code may open on a visitor's phone.

    Anything else (javascript:, file:, data:) is refused: a pack is shared between
    venues and must not be able to point a visitor's phone at something harmful.
    """

    HTTPS = "https"
    HTTP = "http"
    TEL = "tel"
    SMS = "sms"
    MAILTO = "mailto"

    @property
    def is_web(self) -> bool:
        return self in (Scheme.HTTPS, Scheme.HTTP)

    @property
    def dials(self) -> bool:
        """A phone number: to call, or to text."""
        return self in (Scheme.TEL, Scheme.SMS)


# What follows "tel:" or "sms:" (before any "?body=" or ";ext="): a number, as
# phones read it. Spaces, dots, dashes, slashes and brackets are allowed between
# digits, as numbers are printed.
PHONE_NUMBER = r"\+?[0-9][0-9 ()./-]{2,}"


def scheme_of(url: str) -> Scheme | None:
    """The address's scheme, if it is one a QR code may open (any case: "HTTPS:")."""
    head, colon, _ = url.partition(":")
    if not colon:
        return None
    try:
        return Scheme(head.strip().lower())
    except ValueError:
        return None


def is_web(url: str) -> bool:
    scheme = scheme_of(url)
    return scheme is not None and scheme.is_web


def _target(url: str) -> str:
    """What follows the scheme, without parameters: the number or the address."""
    return unquote(url.split(":", 1)[1].split("?", 1)[0].split(";", 1)[0]).strip()


def phone_number_of(url: str) -> str | None:
    """The number a ``tel:`` or ``sms:`` address dials, as written; None otherwise."""
    scheme = scheme_of(url)
    if scheme is None or not scheme.dials:
        return None
    number = _target(url)
    return number if re.search(r"\d", number) else None


def email_address_of(url: str) -> str | None:
    """The address a ``mailto:`` address writes to; None otherwise."""
    if scheme_of(url) is not Scheme.MAILTO:
        return None
    return _target(url) or None


def site_of(url: str) -> str | None:
    """A web address's host ("www.unodc.org"), as a voice would name the page."""
    if not is_web(url):
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def shown_address(url: str) -> str | None:
    """A web address as a visitor would type it: no scheme, no trailing slash."""
    if not is_web(url):
        return None
    return url.split("://", 1)[-1].rstrip("/")
