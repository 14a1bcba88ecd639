"""Small shared pieces the slide views are built from: QR view (``qr``), themed icons
(``icon``), source lines (``source_line``).

Nothing is imported here, so importing one widget (the window's progress dots, say)
does not pull in the others and qtawesome.
"""
