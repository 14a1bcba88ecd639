"""What a visitor can dial or write to without scanning a code, and its icon."""

from __future__ import annotations

from kiosk.urls import Scheme, email_address_of, phone_number_of, scheme_of

CONTACT_ICONS = {
    Scheme.TEL: "fa6s.phone",
    Scheme.SMS: "fa6s.comment-sms",
    Scheme.MAILTO: "fa6s.envelope",
}


def contact_text(url: str, phone: str | None) -> tuple[str, str] | None:
    """(icon, text) to show beside a code; None when there is nothing to dial or write to.

    The ``phone`` text the pack gives wins; a ``tel:``/``sms:`` target without it shows
    its own number, a ``mailto:`` target its address.
    """
    icon = CONTACT_ICONS.get(scheme_of(url) or Scheme.TEL, CONTACT_ICONS[Scheme.TEL])
    text = phone or phone_number_of(url) or email_address_of(url)
    return (icon, text) if text else None
