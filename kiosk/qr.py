"""A QR target (URL) turned into a module matrix. Painting it is the view's job.

No Qt here: the matrix is plain data, so it can be tested and reused (a printed
handout, a PDF) without a display.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Four light modules around the symbol: the quiet zone ISO/IEC 18004 requires.
# Phones fail to find codes that sit directly on a busy or dark background.
QUIET_ZONE = 4


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one QR code, quiet zone included; True is a dark module."""

    rows: tuple[tuple[bool, ...], ...]
    version: int
    border: int

    @property
    def size(self) -> int:
        """Modules a side, quiet zone included."""
        return len(self.rows)


@lru_cache(maxsize=64)
def qr_matrix(url: str, border: int = QUIET_ZONE) -> QrMatrix:
    """Encode ``url`` at error-correction level M (or higher if it fits for free).

    ``micro=False``: segno would otherwise pick a Micro QR symbol for short targets
    such as ``sms:233733``, which most phone camera apps cannot read.
    """
    # segno loads its file writers (urllib, http.client...) on import: only pay for it
    # when a slide first needs a code, not at start-up.
    import segno

    code = segno.make(url, error="m", micro=False)
    rows = tuple(
        tuple(bool(module) for module in row) for row in code.matrix_iter(scale=1, border=border)
    )
    version = code.version
    if not isinstance(version, int):  # pragma: no cover - micro=False gives ints
        raise ValueError(f"unexpected QR version {version!r} for {url!r}")
    return QrMatrix(rows=rows, version=version, border=border)


def dark_runs(matrix: QrMatrix) -> Iterator[tuple[int, int, int]]:
    """Each horizontal run of dark modules as (row, first column, length): what a
    painter fills, one rectangle a run, on a screen or on paper."""
    for y, row in enumerate(matrix.rows):
        x = 0
        count = len(row)
        while x < count:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < count and row[x]:
                x += 1
            yield y, start, x - start
