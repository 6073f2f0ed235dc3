"""The reviewed corrections file: what no repair rule can infer, each with its reason.

Reasons are written in French: the documents' reader shows each one to the public
beside the page it corrects (« Motif : … »).

`fixtures/sources/corrections.toml` holds two kinds of entries:

- `[[replace]]`: `document`, `find`, `replace`, `reason`, `page` (the page of
  `sources.pages` where `find` stands: the reader lists the entry beside it). Applied
  to the raw text of that document before parsing. A `find` that no longer occurs is
  an error, so the file never keeps stale corrections.
- `[[alias]]`: `canonical`, `names`, `reason`. Names under which one organisation
  appears across documents, beyond what name normalisation matches.
- `[[partnership]]`: `names`, `members`, `reason`. A combined name (« AIR & AICM ») under
  which a document presents several structures acting together: never a structure of
  its own. The first member carries the card, the others are its partners.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache

from sources.documents import SOURCES_DIR
from sources.records import SourceFormatError

CORRECTIONS_FILE = SOURCES_DIR / "corrections.toml"


@dataclass(frozen=True)
class Replacement:
    document: str
    find: str
    replace: str
    reason: str
    page: int | None = None  # the page of sources.pages where `find` stands


@dataclass(frozen=True)
class Corrections:
    replacements: tuple[Replacement, ...]
    aliases: dict[str, str]  # alias name -> canonical name
    partnerships: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> members


@cache
def load() -> Corrections:
    data = tomllib.loads(CORRECTIONS_FILE.read_text(encoding="utf-8"))
    replacements, aliases = [], {}
    for entry in data.get("replace", []):
        if not entry.get("reason"):
            raise SourceFormatError(f"corrections.toml: a replacement has no reason: {entry}")
        replacements.append(
            Replacement(
                entry["document"],
                entry["find"],
                entry["replace"],
                entry["reason"],
                entry.get("page"),
            )
        )
    for entry in data.get("alias", []):
        if not entry.get("reason"):
            raise SourceFormatError(f"corrections.toml: an alias has no reason: {entry}")
        for name in entry["names"]:
            aliases[name] = entry["canonical"]
    partnerships = {}
    for entry in data.get("partnership", []):
        if not entry.get("reason") or len(entry.get("members", [])) < 2:
            raise SourceFormatError(
                f"corrections.toml: a partnership needs two members and a reason: {entry}"
            )
        for name in entry["names"]:
            partnerships[name] = tuple(entry["members"])
    return Corrections(tuple(replacements), aliases, partnerships)


def apply(document_code: str, text: str) -> str:
    for replacement in load().replacements:
        if replacement.document != document_code:
            continue
        if replacement.find not in text:
            raise SourceFormatError(
                f"corrections.toml: « {replacement.find[:60]} » no longer occurs in "
                f"document {document_code}"
            )
        text = text.replace(replacement.find, replacement.replace)
    return text
