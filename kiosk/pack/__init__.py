"""The content model: pack folders loaded into plain typed objects. No Qt here.

- ``kiosk.pack.model``: the typed objects a loaded pack is made of;
- ``kiosk.pack.load``: ``load_pack`` and ``check_pack``, which read a pack folder
  (PyYAML, Pillow) into them;
- ``kiosk.pack.problems``: what is wrong with a pack, where.

This file imports none of them: the window imports the model to draw a pack that
was checked in another process (``kiosk.pack_ahead``), and must not pay for the
loader's imports on the way to its first frame.
"""
