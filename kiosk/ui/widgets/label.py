"""The one kind of label visitors see: readable, never selectable, never a target."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.typeset import typeset

_MONTH_FORMS = (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat)


def qt_month_names(language: str) -> Iterator[str]:
    """Every form of every month's name in ``language``, as Qt's locale data has them."""
    locale = QLocale(language)
    for month in range(1, 13):
        for form in _MONTH_FORMS:
            yield locale.monthName(month, form)
            yield locale.standaloneMonthName(month, form)


def visitor_label(
    parent: QWidget,
    text: str,
    color: QColor,
    *,
    wrap: bool = True,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    language: str = "en",
) -> QLabel:
    """A label a visitor can read but not select, copy or open a menu on.

    Its text is set as a typesetter would (``kiosk.typeset``, ``language`` naming
    the months of its dates): no line breaks inside a date, a number or an address.

    Pack text is never markup (plain text format), and taps go through to the
    widget underneath (a resource card is one target, whatever part is hit). It
    gets no accessible name of its own: Qt names a plain-text label by its
    current text, which then cannot go stale.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(typeset(text, language, qt_month_names))
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    label.setPalette(palette)
    return label
