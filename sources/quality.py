"""Patterns of damage that must not survive the import (checked by the tests)."""

import dataclasses
import re

DAMAGE_PATTERNS = [
    # 001's font-encoding fault (Mac Roman read shifted): « d®veloppement », « °tre »…
    # (« ¹ » is ô inside a word; after a word it is a note's call: « territoire¹ »)
    (r"[®¨¯©´½¾±µ¿\u00ad]|¹(?=\w)", "Mac Roman shift character"),
    (r"(?<![nN])°(?!\s*\d)", "Mac Roman ° for ê"),
    (r"\b(?:d|l|n|qu|s|j|m|c)ô(?=[aeiouyhéèêàâAEIOUYH])", "ô for an apostrophe"),
    (r"é{3,}", "dot leaders read as é"),
    (r"\bç\s|\sè\b", "ç/è for « »"),
    # 000's OCR: « UIAE », « TANPE », « U'emploi », « ceuvre », « Al » for AI, bullets.
    (r"\bU[aeiouyéèêâîôh]", "elided l' read as U (« Uinsertion »)"),
    (
        r"\b[UT](?:IAE|ANPE|ESS|AI|ACI|EI|ETTI|EITI|Etat|État|Europe|Insertion|Association"
        r"|Agence|Activité|Isère|Ile|Île|Ulnitiative)\b",
        "elided l' read as U/T (« UIAE », « TANPE »)",
    ),
    (r"(?<![\w])[UT\[]'", "elided l' read as U'/T'/['"),
    (r"(?<![\w(])\[(?=[A-Za-zÀ-ÿ]{2,})(?![^\]\n]*\])", "elided l' read as ["),
    (r"\bceuvre", "œuvre read as ceuvre"),
    (r"\bAl\b", "AI read as Al"),
    (r"(?m)^\s*[e¢]\s+(?=[A-ZÀ-Ý])", "bullet read as e/¢"),
    (r"(?i)sommaire\s*\|\s*\d+|\d+\s*\\\s*sommaire", "page footer of 000"),
    # All documents: page furniture and layout left in the text.
    (
        r"Fiches synthétiques projets\s*\S?\s*VITA\s*-\s*DTS\s*-\s*\d+\s*/\s*\d+",
        "page header of 001",
    ),
    (r"Page \d+/\d+ - Version", "page footer of 003"),
    (r"\b[B-HJ-NP-XZ] [A-Z]{2,}\b", "capital split by a space (« N OM »)"),
    (r"[A-Za-zÀ-ÿ] -[A-Za-zÀ-ÿ]|[A-Za-zÀ-ÿ]- [A-Za-zÀ-ÿ]", "space inside a hyphenated word"),
    (r"www\.\S* - \S", "space inside a URL"),
    (r"\S @ \S|\S@ \S|\S @\S", "space inside an e-mail address"),
]
COMPILED = [(re.compile(pattern), label) for pattern, label in DAMAGE_PATTERNS]


def find_damage(text: str) -> list[tuple[str, str]]:
    """(label, excerpt) for each damage pattern found in `text`."""
    found = []
    for pattern, label in COMPILED:
        for match in pattern.finditer(text or ""):
            start = max(match.start() - 25, 0)
            found.append((label, text[start : match.end() + 25]))
    return found


def texts_of(record) -> list[str]:
    """Every string inside a record (dataclass, list, tuple), recursively."""
    if isinstance(record, str):
        return [record]
    if dataclasses.is_dataclass(record):
        return [t for f in dataclasses.fields(record) for t in texts_of(getattr(record, f.name))]
    if isinstance(record, list | tuple):
        return [t for item in record for t in texts_of(item)]
    return []


def damage_in(record) -> list[tuple[str, str]]:
    return [found for text in texts_of(record) for found in find_damage(text)]
