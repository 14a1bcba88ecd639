"""awareness-kiosk: a fullscreen awareness-day slideshow driven by content packs."""

__version__ = "0.1.0"
