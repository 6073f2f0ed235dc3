"""Facts a person read in a document where no rule reads them safely (partners named in a
sentence, the years an experience started and ended), with the words that give them.

The parsers check the evidence is still in the text, so the facts never drift from it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from territories import reference


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


# Partners the documents name that act nationally: no département of their own.
NATIONAL_PARTNERS = frozenset({
    "ADESSA", "ADIE", "ADMR", "AGEFOS-PME", "AGIRC-ARRCO", "ANPE", "CFDT", "CNCE-GEIQ", "CNLRQ",
    "COORACE", "Caisse des dépôts et consignations", "Chèque Domicile", "ECTI", "Extra Muros",
    "FAF-TT", "FNARS", "Fondation MACIF", "Haut Commissariat aux solidarités actives", "La Nef",
    "PERFEGAL", "Proxim'Services", "REUNICA Bayard", "Réseau Cocagne", "Réseau Entreprendre",
    "Réseau national des Ressourceries", "Secours catholique", "UNA", "Uniformation", "État",
})  # fmt: skip


def _plain(name: str) -> str:
    """« Conseil Régional d’Ile-de-France » and « conseil régional d'Île-de-France » alike."""
    spaced = re.sub(r"['’]", " ", name)
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_name).strip()


def partner_departement(name: str, local_code: str) -> str:
    """A reviewed partner's département: the one its name ends on (« Conseil général de
    l'Ardèche » for a Drôme card), none for a régional or national body (« Conseil régional
    de Rhône-Alpes », « Franche-Comté Active », « ANPE »), else the experience's (a local
    partner: « Commune de Morez »)."""
    if name in NATIONAL_PARTNERS:
        return ""
    plain = f" {_plain(name)} "
    for file in ("regions", "former_regions"):
        for row in reference.read_rows(file):
            region = _plain(row["name"])
            # A one-word région only at the end (« Centre socioculturel des Forges » is local).
            if plain.endswith(f" {region} ") or (" " in region and f" {region} " in plain):
                return ""
    for row in reference.read_rows("departements"):
        if re.search(rf" (?:de|du|des|de la|de l) {re.escape(_plain(row['name']))} $", plain):
            return row["code"]
    return local_code
