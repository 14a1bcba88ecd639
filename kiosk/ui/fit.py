"""Text fitting: the largest size at which something fits, searched for one way.

Every view that shrinks text to fit asks the same question: along one ordered
quantity, a slide's fit scale (``kiosk.ui.theme.Metrics``) or a type size in
pixels, what is the largest value at which it fits? The caller says what fitting
means (a slide's box tree fits its content area; a pop-up's text fits beside its
QR code; every figure fits the narrowest card); this module only searches.

The search assumes that whatever fits at a size also fits at every smaller one.
It tries the largest value first (most slides fit at their nominal sizes, and
that costs one measurement); otherwise it walks down the *steps*, the values
where the size ranges meet (the floors, the last resort), to the first that
fits, and bisects between it and the step above. Steps let the search spend its
measurements inside the range that holds the answer: a slide that fits above its
floors is never measured below them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

# A fit scale to within 1 % of a range between two steps: finer steps do not show.
SCALE_PRECISION = 0.01


def largest_fitting(
    fits: Callable[[float], bool],
    steps: Sequence[float],
    *,
    precision: float = SCALE_PRECISION,
) -> float:
    """The largest value from ``steps[0]`` down to ``steps[-1]`` at which ``fits``.

    ``steps``: largest first. The answer is within ``precision`` below the true
    largest fitting value (it always fits, unless nothing does). When not even
    ``steps[-1]`` fits, that is the answer: the smallest there is, which the
    caller reports.
    """
    return _search(fits, steps, precision=precision, whole=False)


def largest_fitting_px(fits: Callable[[int], bool], largest: int, smallest: int) -> int:
    """The largest whole pixel size from ``largest`` down to ``smallest`` at which
    ``fits``; ``smallest`` when none does."""
    if largest <= smallest:
        return largest

    def fits_px(value: float) -> bool:
        return fits(int(value))

    return int(_search(fits_px, (float(largest), float(smallest)), precision=1.0, whole=True))


def _search(
    fits: Callable[[float], bool], steps: Sequence[float], *, precision: float, whole: bool
) -> float:
    if not steps:
        raise ValueError("no sizes to search")
    if fits(steps[0]):
        return steps[0]
    # The highest range whose lower end fits holds the answer.
    bracket = next(
        ((upper, lower) for upper, lower in itertools.pairwise(steps) if fits(lower)), None
    )
    if bracket is None:
        return steps[-1]
    high, low = bracket  # high does not fit, low does
    while high - low > precision:
        middle = (low + high) / 2
        if whole:
            middle = math.floor(middle)
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


__all__ = ["SCALE_PRECISION", "largest_fitting", "largest_fitting_px"]
