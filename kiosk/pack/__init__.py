"""The content model: pack folders loaded into plain typed objects. No Qt here."""

from kiosk.pack.load import PACK_FILE, PackReport, check_pack, load_pack
from kiosk.pack.model import Pack
from kiosk.pack.problems import PackError, Problem, Severity

__all__ = [
    "PACK_FILE",
    "Pack",
    "PackError",
    "PackReport",
    "Problem",
    "Severity",
    "check_pack",
    "load_pack",
]
