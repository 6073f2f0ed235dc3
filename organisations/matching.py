"""Which organisation a name stands for: one rule for every path that names one (a
partner's proposal, the admin's imports, the source documents).

An organisation is known by keys (`organisation_keys`): its name with case, accents,
spaces and punctuation aside; that name without a bracketed acronym or a generic first
word (« Groupe », « Association », « Collectif »); and its acronym. A name finds the
organisation of that slug, else the first of its own keys (`name_keys`, the whole name
first) that an organisation has. The keys are stored on the organisation
(`Organisation.name_keys`, GIN-indexed), so a look-up by any key is one indexed query and
a whole file's names are one query (`OrganisationIndex.load`).

A key two organisations share belongs to the older one (the lower id): the same answer on
every server and in every path. A name that finds an organisation by a part of it only
(« AIR (Agence …) » finds « AIR (Association …) » by « AIR ») is a guess: `by_part`
says so, and the source import asks the animators to check it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """« Groupe  ISACTYS » and « groupe Isactys » are one organisation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


GENERIC_PREFIXES = {"groupe", "association", "collectif"}
# A body named by its kind alone, told apart only by the place in its brackets (« Mission
# locale (Salon-de-Provence) », « GRETA (Pont-de-Beauvoisin) »): without them, no key.
GENERIC_BODIES = {
    name_key(kind)
    for kind in (
        "Mission locale", "GRETA", "CCI", "Chambre de commerce et d'industrie",
        "Chambre de métiers et de l'artisanat", "Comité d'expansion économique", "CRAM",
        "CPAM", "CAF", "MSA", "ASSEDIC", "PLIE", "DLA", "Maison de l'emploi",
        "Communauté de communes", "Communautés de communes",
    )
}  # fmt: skip
BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z0-9][A-Z0-9 .&-]*)\)\s*$")


def name_keys(name: str) -> list[str]:
    """The keys a name gives, the whole name's first: the name, without a bracketed
    acronym or a generic first word, and the acronym: « Association de Lutte Contre le
    Gaspillage (ALCG) » is « ALCG », « Groupe ISACTYS » is « ISACTYS »."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    variants = [name] if name_key(bare) in GENERIC_BODIES else [name, bare]
    acronym = BRACKETED_ACRONYM.search(name)
    if acronym:
        variants.append(acronym.group(1))
    words = bare.split()
    if len(words) > 1 and words[0].lower() in GENERIC_PREFIXES:
        variants.append(" ".join(words[1:]))
    keys = [name_key(variant) for variant in variants]
    return list(dict.fromkeys(key for key in keys if key))


def organisation_keys(name: str, acronym: str = "") -> list[str]:
    """The keys an organisation is found by: its name's, then its acronym's."""
    return list(dict.fromkeys(key for key in [*name_keys(name), name_key(acronym)] if key))


def by_part(name: str, organisation) -> bool:
    """Whether `name` finds `organisation` by a part only (its acronym, the name without
    « Groupe »…), its whole name being none of the organisation's keys: a guess."""
    keys = name_keys(name)
    known = set(organisation_keys(organisation.name, organisation.acronym))
    return bool(keys) and keys[0] not in known and bool(known.intersection(keys[1:]))


class OrganisationIndex:
    """Organisations by slug and by key, for a run of look-ups (a file, a document): what
    is not known yet is read in one query per `load`, and an organisation written during
    the run is `add`-ed. An organisation read or added first keeps a key it shares."""

    def __init__(self, organisations):
        self.organisations = organisations  # Organisation.objects
        self.by_slug: dict[str, object] = {}
        self.by_key: dict[str, object] = {}
        self.by_name: dict[str, object] = {}  # by the key of the whole name
        self.read_slugs: set[str] = set()
        self.read_keys: set[str] = set()

    def load(self, names: Iterable[str]) -> None:
        """Read at once the organisations any of `names` may stand for."""
        names = {name.strip() for name in names if name and name.strip()}
        slugs = names - self.read_slugs
        keys = {key for name in names for key in name_keys(name)} - self.read_keys
        self.read_keys |= keys
        self.read_slugs |= slugs
        if not (slugs or keys):
            return
        for organisation in self.organisations.sharing_keys(slugs, keys):
            self._index(organisation, organisation.name_keys)

    def add(self, organisation, keys: Iterable[str] | None = None) -> None:
        """An organisation written during the run, under its own keys or `keys` (the name
        a document found it by). Those keys are read first: an older holder keeps them."""
        keys = organisation_keys(organisation.name, organisation.acronym) if keys is None else keys
        keys = list(keys)
        self._load_keys(keys)
        self._index(organisation, keys)

    def _load_keys(self, keys: list[str]) -> None:
        missing = set(keys) - self.read_keys
        if missing:
            self.read_keys |= missing
            for organisation in self.organisations.sharing_keys((), missing):
                self._index(organisation, organisation.name_keys)

    def _index(self, organisation, keys: Iterable[str]) -> None:
        if organisation.slug:
            self.by_slug.setdefault(organisation.slug, organisation)
        self.by_name.setdefault(name_key(organisation.name), organisation)
        for key in keys:
            self.by_key.setdefault(key, organisation)

    def find(self, name: str):
        """The organisation of that slug, else of the first of the name's keys one has;
        None if none."""
        name = (name or "").strip()
        if not name:
            return None
        self.load([name])
        if name in self.by_slug:
            return self.by_slug[name]
        for key in name_keys(name):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def find_named(self, name: str):
        """The organisation of that very name (case, accents, spaces and punctuation
        aside), not of a part of it or of its slug; None if none."""
        key = name_key(name or "")
        if not key:
            return None
        self.load([name])
        return self.by_name.get(key)
