"""The French dictionary's reading of what the import produces: a measure of its text.

Every text a parser produces is cut into words; the lower-case ones (proper names and
acronyms start with a capital) are looked up in Debian's `hunspell-fr` dictionary, read
by the `hunspell` program. A word it does not know is OCR damage, a broken or glued
word, or a real word of the sector: those are listed, each with its reason, in
`fixtures/sources/spelling-allowed.toml`.

A missing dictionary is an error, never a skipped check: the measure is an acceptance
criterion of the import (`tests/sources/test_spelling.py`).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from sources.documents import SOURCES_DIR
from sources.records import ParsedDocument

DICTIONARY = "fr_FR"
ALLOWED_FILE = SOURCES_DIR / "spelling-allowed.toml"

# Addresses are not prose: their parts are not words of the language.
NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:fr|org|com|net|eu)\b\S*")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+")
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
# Fields that hold codes, keys and choices rather than text.
NOT_TEXT_FIELDS = re.compile(
    r"^(?:key|code|kind|role|category|scale|milieux|access_level|availability|part|section"
    r"|programme_key|collection_key|parent_key|target_code|group_code|website|email|phone"
    r"|postal_code|departement_codes?|structure_types|themes|.*_keys?|.*_codes?)$"
)


class DictionaryMissing(RuntimeError):
    """Debian's hunspell and hunspell-fr are needed: `apt-get install hunspell hunspell-fr`."""


@dataclass
class Reading:
    """What the dictionary says of one body of text."""

    words: int = 0  # lower-case word occurrences
    unknown: Counter = field(default_factory=Counter)  # unknown word -> occurrences
    where: dict[str, str] = field(default_factory=dict)  # unknown word -> a record naming it

    @property
    def unknown_count(self) -> int:
        return sum(self.unknown.values())

    @property
    def share(self) -> float:
        return self.unknown_count / self.words if self.words else 0.0


def lower_case_words(text: str) -> list[str]:
    """The words of `text` that start with a lower-case letter, elisions removed."""
    text = NOT_PROSE.sub(" ", text.replace("’", "'"))
    words = []
    text = re.sub(r"(?i)aujourd'hui", " ", text)  # the one word with an apostrophe inside
    for token in re.split(r"[^\w'-]+", text):
        token = ELISION.sub("", token.strip("'-"))
        parts = token.split("-")
        for position, part in enumerate(parts):
            # Hyphenated words are read part by part. A combining form before a hyphen
            # (« socio- », « éco- », « agro- ») is not a word alone; nor are one or two letters.
            if position < len(parts) - 1 and part.endswith("o"):
                continue
            for word in WORD.findall(part):
                if word[0].islower() and len(word) > 2:
                    words.append(word)
    return words


def texts_of(record) -> list[str]:
    """The prose of a record (dataclass, list, tuple), without its codes and keys."""
    if isinstance(record, str):
        return [record]
    if dataclasses.is_dataclass(record):
        return [
            text
            for f in dataclasses.fields(record)
            if not NOT_TEXT_FIELDS.match(f.name)
            for text in texts_of(getattr(record, f.name))
        ]
    if isinstance(record, list | tuple):
        return [text for item in record for text in texts_of(item)]
    return []


@cache
def allowed_words() -> frozenset[str]:
    data = tomllib.loads(ALLOWED_FILE.read_text(encoding="utf-8"))
    allowed = set()
    for entry in data.get("word", []):
        if not entry.get("reason"):
            raise ValueError(f"{ALLOWED_FILE.name}: « {entry.get('words')} » has no reason")
        allowed.update(entry["words"])
    return frozenset(allowed)


def unknown_to_dictionary(words: set[str]) -> set[str]:
    """The words hunspell's French dictionary does not know (one process for all)."""
    program = shutil.which("hunspell")
    if program is None:
        raise DictionaryMissing(DictionaryMissing.__doc__)
    if not words:
        return set()
    result = subprocess.run(  # noqa: S603 (a fixed program; words go to its stdin)
        [program, "-d", DICTIONARY, "-l", "-i", "utf-8"],
        input="\n".join(sorted(words)),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or "Can't open affix or dictionary" in result.stderr:
        raise DictionaryMissing(f"{DictionaryMissing.__doc__} ({result.stderr.strip()})")
    return set(result.stdout.split())


def read(texts_by_record: dict[str, list[str]]) -> Reading:
    """The dictionary's reading of texts, grouped by the record they belong to."""
    occurrences: dict[str, list[str]] = {
        record: [w for text in texts for w in lower_case_words(text)]
        for record, texts in texts_by_record.items()
    }
    vocabulary = {w for words in occurrences.values() for w in words}
    unknown = unknown_to_dictionary(vocabulary) - allowed_words()
    reading = Reading()
    for record, words in occurrences.items():
        reading.words += len(words)
        for word in words:
            if word in unknown:
                reading.unknown[word] += 1
                reading.where.setdefault(word, record)
    return reading


def record_texts(parsed: ParsedDocument) -> dict[str, dict[str, list[str]]]:
    """A document's texts, per part (« groupes » kept apart for the 2008 recueil) and record."""
    parts: dict[str, dict[str, list[str]]] = {"records": {}, "groups": {}}
    for card in parsed.cards:
        parts["records"][f"fiche {card.source_key or card.key}"] = texts_of(card)
    for fiche in parsed.fiches:
        parts["records"][f"fiche du manuel {fiche.code}"] = texts_of(fiche)
    for resource in [parsed.source, *parsed.resources]:
        parts["records"][f"ressource {resource.source_key or resource.key}"] = texts_of(resource)
    for programme in parsed.programmes:
        parts["records"][f"programme {programme.key}"] = texts_of(programme)
    for organisation in parsed.organisations:
        parts["records"][f"structure {organisation.name}"] = [organisation.description]
    for listing in parsed.project_listings:
        parts["records"][f"projet listé {listing.source_key}"] = [listing.title]
    for group in parsed.groups:
        parts["groups"][f"groupe {group.code}"] = texts_of(group)
    return parts


def read_document(parsed: ParsedDocument) -> dict[str, Reading]:
    """The reading per part: `records` (cards, fiches, resources…) and `groups`."""
    return {part: read(texts) for part, texts in record_texts(parsed).items() if texts}
