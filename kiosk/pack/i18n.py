"""Text that may be one string for every language or a mapping by language.

A plain string in a pack is language-neutral (names such as "UNODC" read the same
everywhere). A mapping ``{en: ..., es: ...}`` is translated text; a language it
lacks falls back to the pack's default language, and the loader warns about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LocalText:
    """A piece of text in one or more languages."""

    by_language: Mapping[str, str] = field(default_factory=dict)
    neutral: str | None = None  # set when the pack gave a plain string

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls(by_language={}, neutral=text)

    def get(self, language: str, default_language: str) -> str:
        """The text in ``language``, else in the default language, else any."""
        if self.neutral is not None:
            return self.neutral
        for lang in (language, default_language):
            if lang in self.by_language:
                return self.by_language[lang]
        return next(iter(self.by_language.values()), "")

    def variants(self) -> list[str]:
        """Every spelling of this text, for measuring the longest one."""
        if self.neutral is not None:
            return [self.neutral]
        return list(self.by_language.values())

    def __bool__(self) -> bool:
        return bool(self.neutral) or any(self.by_language.values())
