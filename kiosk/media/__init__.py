"""The pack on paper and on social media: a handout, a poster and cards.

The screen is half of an awareness stand; the other half is what people take away
or see elsewhere. Everything here comes from the same pack the kiosk shows, so
the figures, sources and help lines match the screen:

- ``content``: what a pack says, in one language, for a venue: the day and theme,
  each fact with its source and data year, the help lines that work there, every
  source. Plain Python (no Qt), shared by the three media.
- ``palette``: the pack's colours turned into print colours: dark on light,
  whatever the screen theme, and readable when printed in greyscale.
- ``page``: a PDF drawn with Qt's own ``QPdfWriter``: paper sizes, printer-safe
  margins, metadata, text, QR codes and pictures in millimetres and points;
  written whole or not at all.
- ``flow``: blocks laid out down the pages of a document.
- ``handout``, ``poster``, ``cards``: the three media.
"""
