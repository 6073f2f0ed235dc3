"""Facts a person read in a document where no rule reads them safely (partners named in a
sentence, the years an experience started and ended), with the words that give them.

The parsers check the evidence is still in the text, so the facts never drift from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reviewed:
    """Partners and years a card gives in a sentence no rule reads safely, reviewed against
    the document. `evidence` are the words that give them, in the card (or in its entry of
    the sommaire général): the parser checks they are still there, so the facts never drift
    from the text."""

    evidence: tuple[str, ...]
    partners: tuple[tuple[str, str], ...] = ()  # (name, structure type)
    start_year: int | None = None
    end_year: int | None = None

    def missing_evidence(self, text: str) -> list[str]:
        """The evidence `text` no longer holds (spaces and line breaks not counted)."""
        where = " ".join(text.split())
        return [words for words in self.evidence if " ".join(words.split()) not in where]
