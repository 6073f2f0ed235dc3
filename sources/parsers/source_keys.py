"""Source keys: a record's identity within its document, made from the document's structure.

A source key never comes from a title or any other text, so that correcting a title, or
changing how slugs are made, keeps the record (see `sources.records`). ASCII, lower case
except the codes they carry (« production-G1-2 », « experience-III-1 »). The scheme:

- the document itself: `document`;
- cards: `experience-p<page>` from the page the card starts on, `-2`, `-3`… for the
  2nd, 3rd card starting on the same page; where cards have no pages, their fiche code
  (`experience-III-1`) or their rank in the document (`experience-2`); where pages are
  only estimated (the scan 000), their rank in their group's chapter (`experience-G2-4`);
- resources and project listings: a kind and a code or a rank (`production-G1-2`,
  `article-zoom-sur`, `fiche-I-C-2-b`, `bibliographie-12`, `sommaire-A3-4`).
"""

from __future__ import annotations

from sources.records import CardRecord, SourceFormatError

DOCUMENT_KEY = "document"


def number_cards_by_page(code: str, cards: list[CardRecord]) -> None:
    """`experience-p<page>` for each card, in the document's order; a card starting on the
    same page as an earlier one gets `-2`, `-3`…"""
    on_page: dict[int, int] = {}
    for card in cards:
        if card.source_page is None:
            raise SourceFormatError(f"{code}: the card « {card.title} » has no page for its key")
        on_page[card.source_page] = on_page.get(card.source_page, 0) + 1
        rank = on_page[card.source_page]
        card.source_key = f"experience-p{card.source_page}" + (f"-{rank}" if rank > 1 else "")
