"""``kiosk export``: which media to make, on which paper, and writing them safely.

Each file is made in memory and written whole or not at all (a temporary file in
the same folder, renamed into place: ``kiosk.local.write_atomic``), so a full disk
or a folder that cannot be written leaves no half-written PDF behind, and an
earlier file of the same name stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.local import why_unwritable, write_atomic
from kiosk.media.content import read_content
from kiosk.media.page import Paper
from kiosk.media.poster import poster_item
from kiosk.pack.model import Pack

# The paper sizes that go together: an A4 handout with an A3 poster, a Letter one
# with a Tabloid one.
PAPER_FAMILIES = {
    Paper.A4: (Paper.A4, Paper.A3),
    Paper.A3: (Paper.A4, Paper.A3),
    Paper.LETTER: (Paper.LETTER, Paper.TABLOID),
    Paper.TABLOID: (Paper.LETTER, Paper.TABLOID),
}


class PaperChoiceError(ValueError):
    """A paper size that does not suit what was asked for."""


def papers_for(name: str | None, *, handout: bool, poster: bool) -> tuple[Paper, Paper]:
    """The (handout, poster) papers for ``--paper name``."""
    if name is None:
        return Paper.A4, Paper.A3
    try:
        paper = Paper(name.lower())
    except ValueError:
        raise PaperChoiceError(
            f"unknown paper size {name!r}: a4 or letter for a handout, a3 or tabloid for a poster"
        ) from None
    pair = PAPER_FAMILIES[paper]
    if handout and not poster and paper not in (Paper.A4, Paper.LETTER):
        raise PaperChoiceError(f"a handout is printed on a4 or letter, not {paper}")
    if poster and not handout and paper not in (Paper.A3, Paper.TABLOID):
        raise PaperChoiceError(f"a poster is printed on a3 or tabloid, not {paper}")
    return pair


@dataclass
class Request:
    pack: Pack
    languages: Sequence[str]
    region: str | None
    papers: tuple[Paper, Paper]  # (handout, poster)
    handout: Path | None = None
    poster: Path | None = None
    cards: Path | None = None
    done: bool = field(default=True, init=False)


@dataclass(frozen=True)
class Outcome:
    """One line for the organiser: a file written, a note, or a failure."""

    text: str
    failed: bool = False
    note: bool = False


def _write(path: Path, data: bytes, what: str, pages: int) -> Outcome:
    try:
        write_atomic(path, data)
    except OSError as error:
        return Outcome(f"cannot write the {what} to {path}: {why_unwritable(error)}", failed=True)
    return Outcome(f"wrote the {what} ({pages} page{'s' if pages != 1 else ''}): {path}")


def export_pack(request: Request) -> list[Outcome]:
    """Make and write what ``request`` asks for; what happened, line by line."""
    # Deferred: the media draw with Qt, which needs the application made first.
    from kiosk.media.cards import make_cards
    from kiosk.media.handout import make_handout
    from kiosk.media.poster import make_poster

    pack, languages, region = request.pack, request.languages, request.region
    outcomes: list[Outcome] = []
    if request.handout is not None:
        handout = make_handout(pack, languages, request.papers[0], region)
        outcomes.append(_write(request.handout, handout.data, "handout", handout.pages))
    if request.poster is not None:
        poster = make_poster(pack, languages, request.papers[1], region)
        outcomes.append(_write(request.poster, poster.data, "poster", poster.pages))
        outcomes += _poster_notes(pack, languages[0], region)
    if request.cards is not None:
        try:
            cards = make_cards(pack, languages, request.cards, region)
        except OSError as error:
            where = error.filename or request.cards
            outcomes.append(
                Outcome(f"cannot write the cards to {where}: {why_unwritable(error)}", failed=True)
            )
        else:
            outcomes.append(
                Outcome(f"wrote {len(cards)} cards and their alt text: {request.cards}")
            )
    request.done = not any(outcome.failed for outcome in outcomes)
    return outcomes


def _poster_notes(pack: Pack, language: str, region: str | None) -> list[Outcome]:
    """A poster made for no particular place shows one line: say which, and how to
    choose the venue's own."""
    if region is not None:
        return []
    content = read_content(pack, language)
    item = poster_item(content)
    if item is None or item.where is None or len(content.help_lines) < 2:
        return []
    return [
        Outcome(
            f"the poster shows {item.name} ({item.where}); give --region with your "
            "country's code (--region GB) for the line that works where it hangs",
            note=True,
        )
    ]
