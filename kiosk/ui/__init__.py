"""Qt views and the kiosk window. Imports Qt; ``kiosk.pack`` must not import this."""
