"""Parser of document 001: « Fiches synthétiques projets – VITA – DTS », March 2010.

The recueil gathers the project cards of the porteurs engaged in VITA « Développeurs de
territoires solidaires »: a presentation, a sommaire général (each project with its
porteur, région, département and atelier codes), then for each atelier thématique a
sommaire (with the page of each card) followed by its cards. The text stops after the
sommaire of the third atelier: its projects without a card elsewhere are kept as
project listings, never turned into invented cards.

A card is a two-column table flattened into text: a label (PORTEUR, ENTREPRISE(S),
RÉFÉRENT PRINCIPAL…) then its cell, each person's atelier codes in a cell of their own
after them. A project filed under several ateliers is printed once per atelier: it
makes one card, listed under each atelier where a sommaire (the sommaire général or the
atelier's own) files it. The atelier codes beside PORTEUR and each référent say where
the organisation and the person take part: the groups' members and the contacts' groups,
never the card's listings.

Pages come from the running header « Fiches synthétiques projets – VITA – DTS – 6/40 »
at the top of most pages; a card fills one page, so cards between two headers follow
one page each.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import cache

from django.utils.text import slugify

from sources.documents import DOCUMENTS
from sources.pages import paged
from sources.parsers.reviewed import Reviewed as _Reviewed
from sources.parsers.source_keys import DOCUMENT_KEY, number_cards_by_page
from sources.records import (
    CardLinkRecord,
    CardRecord,
    ContactRecord,
    GroupRecord,
    ListingRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    ProgrammeRecord,
    ProjectListingRecord,
    ResourceRecord,
    SourceFormatError,
)
from sources.repair import Vocabulary, clean, macroman, unwrap
from vita.slugs import slug_of

CODE = "001"
SOURCE_KEY = "fiches-synthetiques-vita-dts-2010"
PROGRAMME_KEY = "vita-dts-2008-2010"
PUBLISHER = "COORACE"
GT_NAME = "Groupe de travail (GT)"
ATELIERS = ("A1", "A2", "A3")

# -- layout -------------------------------------------------------------------------------

PAGE_HEADER = re.compile(r"^\s*Fiches synthétiques projets\W+VITA\W+DTS\W*(\d+)\s*/\s*40\b")
GENERAL_SOMMAIRE = re.compile(r"^\s*SOMMAIRE GENERAL\s*$")
ATELIER_HEADING = re.compile(r"^\s*Atelier thématique (\d)\s*[-–]\s*(.*)$")
NAVIGATION = re.compile(r"^\s*Sommaire (?:Atelier \d|général)\s*$")  # the PDF's back links
COVER = re.compile(r"^\s*(?:RECUEIL DES FICHES|FICHES DE PRÉSENTATI)")  # an atelier's cover
PORTEUR_LINE = re.compile(r"^\s*PORTEUR\b")
OTHER_PROJECTS_LINE = re.compile(r"^\s*AUTRES PROJETS\b")


def _label(words: str) -> str:
    """A label's regex: its words may be split by a space, across lines, or glued back
    together wrongly (« RECHERCH E DE » becomes « RECHERCH EDE » once capitals are joined)."""
    return r"\s*".join(" ?".join(map(re.escape, word)) for word in words.split())


# The labels of a card, in their order; a card may lack some.
CARD_LABELS = (
    ("porteur", r"PORTEUR\b"),
    ("entreprises", _label("ENTREPRISE") + r"\s*\(\s*S\s*\)"),
    ("referent", _label("RÉFÉRENT PRINCIPAL") + r"|Référent\s+principal"),
    ("others", _label("AUTRES RÉFÉRENTS") + r"|Autres\s+référents"),
    ("territoire", r"TERRITOIRE\b"),
    ("projet", r"PROJET\b"),
    ("problematiques", _label("PROBLÉMATIQUES PRINCIPALES")),
    ("recherche", _label("RECHERCHE DE MUTUALISATION")),
    ("propositions", _label("PROPOSITIONS DE MUTUALISATION")),
    ("autres_projets", _label("AUTRES PROJETS")),
)
CARD_LABEL_PATTERNS = [(name, re.compile(rf"(?m)^[ \t]*(?:{p})")) for name, p in CARD_LABELS]
# The labels as the animators know them, for the points à vérifier.
CARD_LABEL_NAMES = {
    "porteur": "Porteur", "entreprises": "Entreprise(s)", "referent": "Référent principal",
    "others": "Autres référents", "territoire": "Territoire", "projet": "Projet",
    "problematiques": "Problématiques principales", "recherche": "Recherche de mutualisation",
    "propositions": "Propositions de mutualisation", "autres_projets": "Autres projets",
}  # fmt: skip

# Hyphens the generic repair leaves between spaces, where no dash can be meant.
SPACED_COMPOUND = re.compile(
    r"\b(est|peut|peut-on|multi|micro|co|semi|savoir|au|vis-à|gagnant)\s+-\s*(il|elle|on|"
    r"services|territoires|construction|faire|delà|vis|gagnant)\b",
    re.IGNORECASE,
)
SPACED_ORDINAL = re.compile(r"\b(1) (ère|er)\b")  # « cette 1 ère phase »
# « mise en oeuvre » typed without the ligature the damaged runs write (« îuvre » → œuvre).
OE_SPELLED_OUT = re.compile(r"(?<=\b)[Oo]e(?=uvr)|(?<=\bc)oe(?=ur)")

# -- facts read by a person (`sources.parsers.reviewed`) -----------------------------------

REVIEWED = {  # by the page of the card's first printing
    7: _Reviewed(
        ("Les 2 structures, collectivité et association",
         "Le site appartient à la Communauté de Communes du Pays de Bégard"),
        partners=(("Communauté de communes du Pays de Bégard", "collectivite"),),
    ),
    12: _Reviewed(  # the card accompanies the start of the EI ESSEM
        ("ESSEM (EI - 6 postes insertion) créée fin 2008", "démarre son activité le 26/10/09"),
        start_year=2009,
    ),
    17: _Reviewed(
        ("Un solide partenariat initié depuis le début des années 2000 entre la Communauté de "
         "Communes et Isactys", "conçue avec la Communauté de Communes Les Vallons du Guiers"),
        partners=(("Communauté de communes Les Vallons du Guiers", "collectivite"),),
    ),
    18: _Reviewed(
        ("projet de Ressourcerie en partenariat avec la Régie de Quartier Villeneuve et la Métro",
         "« Grenoble Alpes Métropole » ou « La Métro »", "La Ressourcerie est née en 2008"),
        partners=(("Régie de Quartier Villeneuve", "regie_quartier"),
                  ("Grenoble Alpes Métropole", "collectivite")),
        start_year=2008,
    ),
    23: _Reviewed(  # « Partenariat : » lists the Pays' bodies; its communes are no structure
        ("Comité du bassin d'emploi du Syndicat de Pays",
         "Le Pays Sancerre Sologne est composé de 64 communes"),
        partners=(("Syndicat de Pays Sancerre Sologne", "collectivite"),),
    ),
    27: _Reviewed(  # « un temps de bilan en 2012 » is a planned review, not an end
        ("formalisation du projet en janvier 2010",),
        start_year=2010,
    ),
    28: _Reviewed(
        ("en s'appuyant sur le Pays (octobre 2009 – juin 2010), puis essaimage auprès des "
         "entreprises du territoire (juin 2010 – 2011)",),
        start_year=2009,
        end_year=2011,
    ),
    30: _Reviewed(  # the sommaire général names the collective's porteurs
        ("ADPEI, AER, Centremploi – PROVENCE ALPES COTE D'AZUR",),
        partners=(("AER", "ai"), ("Centremploi", "ai")),
    ),
}  # fmt: skip

# -- cells --------------------------------------------------------------------------------

GROUP_CODE = r"(?:A[123]|GT)"
CODES = re.compile(rf"{GROUP_CODE}(?:\s*(?:,|et)\s*{GROUP_CODE})*")
TRAILING_CODES = re.compile(rf"\s*({CODES.pattern})\s*$")
CODES_ONLY = re.compile(rf"^\s*{CODES.pattern}\s*$")
DEPARTEMENT_CODE = re.compile(r"\(\s*(\d\s*\d)\s*\)")
POSTAL_CODE = re.compile(r"\b\d{5}\b")
PHONE = re.compile(r"\b0\d(?:[ .]?\d{2}){4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\s?[.-]\s?[\w-]+)*?\s?\.\s?[a-z]{2,4}\b")
WEBSITE_LINE = re.compile(r"^\s*Site Internet\s*:\s*(\S+)\s*$", re.MULTILINE)
WEBSITE = re.compile(r"\bwww\.[\w.-]+\.[a-z]{2,4}\b")
CAPS_WORD = r"[A-ZÀ-Ý][A-ZÀ-Ý']*(?![a-zà-ÿ])"
# « Passerelle , 7 rue Fernand Forest 63300 THIERS - 04.73.80.18.62 »
ENTREPRISE = re.compile(
    rf"^(?P<head>.*?)\s*[-–,]?\s*(?P<postal_code>\d{{5}})\s+"
    rf"(?P<town>{CAPS_WORD}(?:[ -]{CAPS_WORD})*)\s*[-–/]?\s*(?:Tél\.?\s*:?\s*)?"
    rf"(?P<phone>{PHONE.pattern})?"
)
NAME_ADDRESS_SEPARATOR = re.compile(r"\s+[-–]\s+|\s*[,:]\s+|\s+(?=\d)")
TERRITORY = re.compile(
    r"RÉGION\s+(?P<region>.*?)\s*\bNOM\b(?P<name>.*?)^\s*DÉPARTEMENT\s+"
    r"(?P<departement>.*?\(\s*\d\s*\d\s*\))\s*\bMILIEU\b[ \t]*(?P<milieu>[^\n]*)\n?"
    r"(?P<description>.*)",
    re.DOTALL | re.MULTILINE,
)
MILIEUX = (  # checked in this order; the first one found in a span claims it
    ("periurbain", r"P[ÉE]RI\s*-?\s*URBAIN"),
    ("semi_rural", r"SEMI\s*-?\s*RURAL"),
    ("urbain", r"URBAIN"),
    ("rural", r"RURAL"),
)
CAPITALISED = r"[A-ZÀ-Ý][a-zà-ÿ]+"
FIRST_NAME = rf"{CAPITALISED}(?:\s*-\s*{CAPITALISED})*"
SURNAME = r"[A-ZÀ-Ý][A-ZÀ-Ý'-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'-]+)*"
# A person's line starts « NOM Prénom » or « Prénom NOM »; the first names run up to a comma
# or a dash (« QUILLIVERE Marie Claire , Responsable… »), else it is one name.
PERSON_START = re.compile(rf"^(?:{SURNAME}\s*,?\s+{CAPITALISED}|{FIRST_NAME}\s+{SURNAME}\b)")
SURNAME_FIRST = re.compile(
    rf"^(?P<last>{SURNAME})\s*,?\s+(?P<first>{FIRST_NAME}(?:\s+{CAPITALISED})*(?=\s*[,–-]|$)"
    rf"|{FIRST_NAME})"
)
FIRST_NAME_FIRST = re.compile(rf"^(?P<first>{FIRST_NAME})\s+(?P<last>{SURNAME})\b")

# -- Markdown -----------------------------------------------------------------------------

BULLET_LINE = re.compile(r"^\s*(?:[-–•]|o|Á)\s+(?=\S)")  # « o » and « Á »: lost bullet glyphs
SENTENCE_END = re.compile(r"[.!?…]\s*$")
OPEN_END = re.compile(
    r"(?:[(-]|\b(?:de|des|du|d'|l'|la|le|les|à|au|aux|et|en|un|une|par|pour|sur|avec|dans))\s*$"
)
ACCENTED = {"a": "àâä", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "c": "ç"}
WRAPPED_LINE_LENGTH = 80  # a full line of the PDF's table cell: the sentence goes on
PARTICLES = frozenset((
    "de", "du", "des", "d", "l", "la", "le", "les",
    "et", "en", "sur", "sous", "aux", "au", "à", "lès",
))  # fmt: skip

# -- structure types ----------------------------------------------------------------------

STRUCTURE_TYPES = (
    ("ges_ensemblier", r"groupe [ée]conomique solidaire|\bensemblier\b|\best un GES\b"),
    ("ai", r"\bAI\b|associations? interm[ée]diaires?"),
    ("aci", r"\bACI\b|chantiers? d'insertion"),
    ("ei", r"\bEI\b|entreprises? d'insertion"),
    ("etti", r"\bETTI\b|travail temporaire d'insertion"),
    ("association", r"\bassociation\b(?! interm)"),
)
NETWORK_NAME = re.compile(r"^(?:Collectif|Groupement|Fédération|COORACE)\b", re.IGNORECASE)
COLLECTIVE_TITLE = re.compile(r"collectif d'entreprises", re.IGNORECASE)
COORACE_MEMBERSHIP = re.compile(
    r"\(COORACE\)|réseau COORACE|adh[ée]r\w*\s+(?:au\s+|de\s+|à\s+la\s+Fédération\s+)?COORACE"
)


# -- the text -----------------------------------------------------------------------------


@cache
def _other_documents() -> tuple[str, ...]:
    """The other source documents' texts: words for the vocabulary of splits and ellipses."""
    return tuple(
        document.path.read_text(encoding="utf-8") for document in DOCUMENTS if document.code != CODE
    )


def _repair(text: str) -> tuple[str, Vocabulary]:
    """The text with its Mac Roman runs decoded and its layout damage cleaned."""
    first_pass = macroman.repair(text)
    vocabulary = Vocabulary(first_pass, *_other_documents())
    # The undamaged runs write « ' »: the damaged runs' « ’ » follows them, so that
    # « ACT'EURE » and « ACTôEURE » are one name.
    text = macroman.repair(text, vocabulary).replace("’", "'")
    text = clean(text, vocabulary)
    text = EMAIL.sub(lambda match: re.sub(r"\s+", "", match.group(0)), text)
    text = SPACED_COMPOUND.sub(r"\1-\2", text)
    text = SPACED_ORDINAL.sub(r"\1\2", text)
    text = OE_SPELLED_OUT.sub(lambda match: "Œ" if match.group(0) == "Oe" else "œ", text)
    return text, vocabulary


@dataclass
class _Text:
    """The document's lines, page headers taken out and remembered by line."""

    lines: list[str]
    headers: dict[int, int]  # line index -> the page its header starts

    @classmethod
    def read(cls, text: str) -> _Text:
        lines, headers = [], {}
        for index, line in enumerate(text.splitlines()):
            header = PAGE_HEADER.match(line)
            if header:
                headers[index] = int(header.group(1))
                line = ""
            lines.append(line)
        return cls(lines, headers)

    def find(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> int | None:
        for index in range(start, len(self.lines) if end is None else end):
            if pattern.match(self.lines[index]):
                return index
        return None

    def find_all(self, pattern: re.Pattern, start: int = 0) -> list[int]:
        return [i for i in range(start, len(self.lines)) if pattern.match(self.lines[i])]

    def block(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end])


# -- small helpers ------------------------------------------------------------------------


def _key(text: str) -> str:
    """Letters and digits only: « Groupe s Projets » and « Groupes Projets » are one title."""
    return re.sub(r"[^a-z0-9]", "", slugify(text))


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _key(a), _key(b)).ratio()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _tidy(text: str) -> str:
    """No space before « . » and « , » nor inside brackets; « – » dashes between spaces."""
    text = re.sub(r"[ \t]+([.,)])", r"\1", text)
    text = re.sub(r"\([ \t]+", "(", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _codes(text: str) -> list[str]:
    return list(dict.fromkeys(re.findall(GROUP_CODE, text)))


def _join_caps_splits(text: str, vocabulary: Vocabulary) -> str:
    """« GRENOB LOISE », « D U », « I SÈRE » in capitals: joined when the vocabulary says so."""
    text = re.sub(r"\bI (?=[A-ZÀ-Ý]{2,})", "I", text)
    words = text.split(" ")
    joined = [words[0]] if words else []
    for word in words[1:]:
        previous = joined[-1]
        both_caps = previous.isalpha() and word.isalpha() and previous.isupper() and word.isupper()
        if both_caps and vocabulary.should_join(previous.lower(), word.lower()):
            joined[-1] = previous + word
        else:
            joined.append(word)
    return " ".join(joined)


def _title_case(text: str) -> str:
    """« COMMUNAUTÉ D'AGGLOMÉRATION DU GRAND DOLE » → « Communauté d'agglomération du Grand
    Dole »: small words in lowercase, and the kind of communauté too."""
    words = re.split(r"(\s+|-|')", text.lower())
    result, after_communaute = [], False
    for index, word in enumerate(words):
        if not word.strip(" -'") or (index and word in PARTICLES) or after_communaute:
            result.append(word)
        else:
            result.append(word[:1].upper() + word[1:])
        if word.strip(" -'"):
            after_communaute = word in ("de", "d") and "communauté" in words[max(index - 2, 0)]
    # Inside brackets, counts and units stay lowercase: « (132 communes) ».
    return re.sub(r"\([^)]*\)", lambda match: match.group(0).lower(), "".join(result))


def _as_written(name: str, text: str) -> str:
    """A name in capitals as the document writes it elsewhere in ordinary case, if it does."""
    words = re.findall(r"[^\W_]+", name)
    if not words:
        return name
    # Accents aside (« NERE » is « Nère »), and not inside an address (« vld@contact-service »).
    spelled = [re.sub(r"\w", _any_accent, re.escape(word)) for word in words]
    pattern = r"(?<![\w@.-])" + r"[\s'-]+".join(spelled) + r"(?![\w@-]|\.\w)"
    found = [_one_line(match.group(0)) for match in re.finditer(pattern, text, re.IGNORECASE)]
    written = [f for f in found if not f.isupper() and not f.islower()]
    if not written:
        return name
    best = min(written, key=lambda form: sum(char.isupper() for char in form))
    return best[:1].upper() + best[1:]


def _any_accent(match: re.Match) -> str:
    """A letter's regex that any accent of it matches: « E » → `[eéèêë]`."""
    base = unicodedata.normalize("NFD", match.group(0).lower())[0]
    variants = ACCENTED.get(base, "")
    return f"[{base}{variants}]" if variants else re.escape(match.group(0))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def _structure_types(text: str) -> list[str]:
    """The IAE structure types a sentence names; a GES is a GES, whatever it groups."""
    found = [kind for kind, pattern in STRUCTURE_TYPES if re.search(pattern, text, re.IGNORECASE)]
    return ["ges_ensemblier"] if "ges_ensemblier" in found else found


def _first_named_types(description: str) -> list[str]:
    for sentence in _sentences(description):
        types = _structure_types(sentence)
        if types:
            return types
    return []


def _types_after_name(names: list[str], description: str) -> list[str]:
    """« SEMES (AI 33000 h - ACI 21 postes) »: the types the description gives a structure."""
    for name in filter(None, names):
        stem = re.escape(name.rstrip("."))
        match = re.search(rf"\b{stem}\.?\s*\(([^)]*)\)", description)
        if match and _structure_types(match.group(1)):
            return _structure_types(match.group(1))
    return []


def _website(description: str) -> tuple[str, str]:
    """A structure's web site, and its description without the « Site Internet » line."""
    line = WEBSITE_LINE.search(description)
    if line:
        return line.group(1), WEBSITE_LINE.sub("", description)
    inline = WEBSITE.search(description)  # « Le groupe ISACTYS (www.isactys.com) est… »
    return (inline.group(0) if inline else ""), description


def _phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _departement_of_postal_code(postal_code: str) -> str:
    return postal_code[:3] if postal_code.startswith("97") else postal_code[:2]


# -- Markdown -----------------------------------------------------------------------------


def _joins(line: str, following: str, blank_between: bool) -> bool:
    """Whether `following` goes on the sentence of `line` (a wrap, even across a blank line)."""
    if BULLET_LINE.match(following):
        return False
    if SENTENCE_END.search(line):
        # A full line ending a sentence by chance: the paragraph goes on.
        return not blank_between and len(line) >= WRAPPED_LINE_LENGTH
    if line.endswith(",") and not blank_between:
        return True  # « Bezons, Cormeilles en Parisis,⏎Herblay »
    if line.endswith((":", ",", ";")):
        return following[:1].islower()
    if OPEN_END.search(line) or line.count("(") > line.count(")"):
        return True
    if following[:1].islower() or following.startswith("("):
        return True
    # Only a full line goes on over a capital, and never across a blank line.
    return not blank_between and len(line) >= WRAPPED_LINE_LENGTH


def _markdown(text: str) -> str:
    """A cell's text as Markdown: wrapped lines joined, items as `- item`, no stray layout."""
    blocks: list[str] = []
    last_line, blank_between = "", False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blank_between = True
            continue
        if blocks and _joins(last_line, line, blank_between):
            # « centre -⏎ville », « Sud-⏎Essonne »: a hyphen at the end of a line binds.
            hyphen = re.search(r"\s*-$", blocks[-1])
            blocks[-1] = (
                blocks[-1][: hyphen.start()] + "-" + line if hyphen else f"{blocks[-1]} {line}"
            )
        else:
            blocks.append(BULLET_LINE.sub("- ", line))
        last_line, blank_between = line, False
    return _tidy_markdown(unwrap("\n\n".join(blocks)))


def _tidy_markdown(markdown: str) -> str:
    return "\n".join(_tidy(line) if line.strip() else "" for line in markdown.splitlines())


# -- sommaires ----------------------------------------------------------------------------


@dataclass
class _Entry:
    """A project as a sommaire lists it."""

    title: str
    porteur: str
    region: str
    departement_code: str
    codes: list[str] = field(default_factory=list)
    page: int | None = None


PORTEUR_WITH_REGION = re.compile(r"[-–]\s*[A-ZÀ-Ý][A-ZÀ-Ý' -]{3,}?\s*[-–]")
PAGE_REFERENCE = re.compile(r"^\s*p\.\s*(\d)\s*(\d)?\s*$")
DEPARTEMENT_AT_END = re.compile(r"\(\s*(\d\s*\d)\s*\)\s*…?\s*$")
SEGMENT_SEPARATOR = re.compile(r"\s+[-–]\s+|\s*–\s*")


def _sommaire_entries(block: str) -> list[_Entry]:
    """The entries of a sommaire: title lines, « PORTEUR – RÉGION – Dépt (NN) », codes or page."""
    entries, title, pending = [], [], ""
    for raw in block.splitlines():
        line = raw.strip()
        if not line or NAVIGATION.match(line):
            continue
        if pending:  # a porteur line wrapped before its département: « Loire - ⏎ Atlantique »
            pending += ("" if pending.endswith("-") else " ") + line
            if DEPARTEMENT_AT_END.search(pending):
                entries.append(_entry(" ".join(title), pending))
                title, pending = [], ""
            continue
        page = PAGE_REFERENCE.match(line)
        if page and entries:
            entries[-1].page = int(page.group(1) + (page.group(2) or ""))
        elif CODES_ONLY.match(line) and entries:
            entries[-1].codes = _codes(line)
        elif DEPARTEMENT_AT_END.search(line) and PORTEUR_WITH_REGION.search(line):
            entries.append(_entry(" ".join(title), line))
            title = []
        elif PORTEUR_WITH_REGION.search(line):
            pending = line.rstrip()
        else:
            title.append(line)
    return entries


def _without_headings(block: str, names: dict[str, str]) -> str:
    """A sommaire without its atelier heading, wrapped over lines (« … solidarité (suite) »)."""
    lines, kept, index = block.splitlines(), [], 0
    while index < len(lines):
        heading = ATELIER_HEADING.match(lines[index])
        index += 1
        if not heading:
            kept.append(lines[index - 1])
            continue
        whole = _key(names["A" + heading.group(1)] + " suite")
        read = heading.group(2)
        while index < len(lines) and lines[index].strip():
            if not whole.startswith(_key(f"{read} {lines[index]}")):
                break
            read, index = f"{read} {lines[index]}", index + 1
    return "\n".join(kept)


def _entry(title: str, porteur_line: str) -> _Entry:
    line = DEPARTEMENT_AT_END.sub("", porteur_line).strip()
    code = re.sub(r"\s", "", DEPARTEMENT_AT_END.search(porteur_line).group(1))
    segments = [s.strip() for s in SEGMENT_SEPARATOR.split(line) if s.strip()]
    # « ETUDES ET CHANTIERS Bretagne - Pays de la Loire – BRETAGNE - Côtes-d'Armor »:
    # the région is the last segment in capitals before the département.
    *porteur, region, _departement = segments
    return _Entry(
        title=_tidy(_one_line(title)),
        porteur=" - ".join(porteur),
        region=region,
        departement_code=code,
    )


# -- cards --------------------------------------------------------------------------------


@dataclass
class _Printing:
    """One printing of a card in an atelier's section."""

    atelier: str
    page: int
    heading: list[str]  # the heading's lines, blank lines kept
    sections: dict[str, str]


def _split_sections(block: str) -> dict[str, str]:
    """A card's text cut at its labels (in their order; a card may lack some)."""
    found, position = [], 0
    for name, pattern in CARD_LABEL_PATTERNS:
        match = pattern.search(block, position)
        if match:
            found.append((name, match.start(), match.end()))
            position = match.end()
    sections = {}
    for index, (name, _, content_start) in enumerate(found):
        content_end = found[index + 1][1] if index + 1 < len(found) else len(block)
        sections[name] = block[content_start:content_end]
    return sections


@dataclass
class _Entreprise:
    name: str
    address: str
    postal_code: str
    town: str
    phone: str


def _entreprises(cell: str, text: str) -> tuple[list[_Entreprise], str]:
    """The structures an ENTREPRISE(S) cell lists with their address, then its description."""
    lines = cell.splitlines()
    entreprises, index = [], 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        entry, used = _entreprise_lines(lines, index)
        if not ENTREPRISE.match(entry):
            break
        entreprises.append(_entreprise(entry, text))
        index += used
    return entreprises, "\n".join(lines[index:])


def _entreprise_lines(lines: list[str], start: int) -> tuple[str, int]:
    """An entreprise's line, with the next one when its town or phone wrapped onto it."""
    entry = lines[start].strip()
    following = next((i for i in range(start + 1, len(lines)) if lines[i].strip()), None)
    if following is None:
        return entry, 1
    next_line = lines[following].strip()
    match = ENTREPRISE.match(entry)
    town_follows = POSTAL_CODE.search(entry) and not match  # « … 95100 » ⏎ « ARGENTEUIL … »
    phone_follows = (
        match
        and not match.group("phone")
        and (entry.endswith(("/", ":")) or next_line.startswith(("/", "Tél")))
    )  # « … RENNES » ⏎ « / Tél. : 02 99 54 60 01 »
    wrapped = town_follows or phone_follows or PHONE.fullmatch(next_line)
    return (f"{entry} {next_line}", following + 1 - start) if wrapped else (entry, 1)


def _entreprise(entry: str, text: str) -> _Entreprise:
    match = ENTREPRISE.match(entry)
    head = match.group("head").strip(" -–,")
    departement = DEPARTEMENT_CODE.search(head)
    if departement:
        name, address = head[: departement.start()], head[departement.end() :]
    else:
        separator = NAME_ADDRESS_SEPARATOR.search(head)
        name, address = head[: separator.start()], head[separator.end() :]
    address = re.sub(r"\s+[-–]\s+", ", ", address.strip(" -–,"))
    town = _as_written(match.group("town"), text)
    return _Entreprise(
        name=_one_line(name).strip(" ,"),
        address=_one_line(address),
        postal_code=match.group("postal_code"),
        town=town if not town.isupper() else _title_case(town),
        phone=_phone(match.group("phone") or ""),
    )


@dataclass
class _Person:
    text: str
    codes: list[str] = field(default_factory=list)


def _people(cell: str) -> list[_Person]:
    """The persons of a RÉFÉRENT cell, each with the atelier codes beside or after them."""
    people: list[_Person] = []
    waiting_codes: list[list[str]] = []
    for raw in cell.splitlines():
        line = raw.strip()
        if not line:
            continue
        if CODES_ONLY.match(line):
            waiting_codes.append(_codes(line))
        elif PERSON_START.match(line):
            people.append(_Person(line))
        elif people:
            people[-1].text += " " + line
    for person in people:
        codes = TRAILING_CODES.search(person.text)
        if codes:
            person.codes = _codes(codes.group(1))
            person.text = person.text[: codes.start()]
    # A cell of codes on its own lines: the codes go to the persons still without, in order.
    for person in (p for p in people if not p.codes):
        if waiting_codes:
            person.codes = waiting_codes.pop(0)
    return people


def _surname(text: str) -> str:
    """« LE STUM » → « Le Stum », « FLOC'H » → « Floc'h »."""
    words = re.split(r"([\s-]+)", text.lower())
    return "".join(
        re.sub(r"^(\w)'(\w)", lambda m: m.group(1).upper() + "'" + m.group(2).upper(), w)
        if re.match(r"^\w'", w)
        else w[:1].upper() + w[1:]
        for w in words
    )


def _person_record(person: _Person, organisations: list[str]) -> PersonRecord:
    text = _one_line(person.text)
    emails = [re.sub(r"\s", "", e) for e in EMAIL.findall(text)]
    for email in EMAIL.findall(text):
        text = text.replace(email, " ")
    text = _one_line(text).strip(" ;,-–")
    match = SURNAME_FIRST.match(text) or FIRST_NAME_FIRST.match(text)
    if match is None:
        raise SourceFormatError(f"001: no name in « {text} »")
    role = text[match.end() :].strip(" ,;-–")
    role = re.sub(r"\s*,\s*", ", ", role)
    first_name = re.sub(r"\s*-\s*", "-", match.group("first"))
    organisation = next(
        (name for name in organisations[1:] if _key(name) and _key(name) in _key(role)),
        None,
    ) or _employer_by_email(emails, organisations)
    return PersonRecord(
        first_name=first_name,
        last_name=_surname(match.group("last")),
        role=role[:1].upper() + role[1:],
        organisation=organisation,
        email=emails[0] if emails else "",
    )


def _employer_by_email(emails: list[str], organisations: list[str]) -> str:
    """Where the role names no structure, the one the e-mail's address names
    (« aicm@cc-parthenay.fr » works at AICM, « vld@contact-service-eure.fr » at CONTACT
    SERVICE), else the porteur."""
    address = _key(emails[0].replace("@", " ")) if emails else ""
    return next(
        (name for name in organisations[1:] if len(_key(name)) >= 3 and _key(name) in address),
        organisations[0],
    )


@dataclass
class _Territory:
    region: str = ""
    name: str = ""
    departement_code: str = ""
    milieux: list[str] = field(default_factory=list)
    key_figures: str = ""
    description: str = ""


def _territory(cell: str, text: str, vocabulary: Vocabulary) -> _Territory:
    match = TERRITORY.search(cell)
    if match is None:
        raise SourceFormatError(f"001: unreadable TERRITOIRE « {cell[:80]} »")
    milieu = _one_line(match.group("milieu"))
    population = re.search(r"\(([^)]*)\)", milieu)
    return _Territory(
        region=_region_name(match.group("region"), vocabulary),
        name=_territory_name(match.group("name"), text, vocabulary),
        departement_code=re.sub(r"\s", "", DEPARTEMENT_CODE.search(match.group("departement"))[1]),
        milieux=_milieux(milieu.split("(")[0]),
        key_figures=_tidy(_one_line(population.group(1)).lower()) if population else "",
        description=_markdown(match.group("description")),
    )


def _region_name(text: str, vocabulary: Vocabulary) -> str:
    """« HAUTE - N ORMANDIE » → « Haute-Normandie », « PROVENCE ALPES COTE D ' AZUR » too."""
    text = _join_caps_splits(_one_line(text), vocabulary)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s*'\s*", "'", text)
    return text if not text.isupper() else _title_case(text)


def _territory_name(text: str, document: str, vocabulary: Vocabulary) -> str:
    text = _join_caps_splits(_one_line(text), vocabulary)
    text = _tidy(re.sub(r"'\s+", "'", text))
    if not text or not text.isupper():
        return text
    written = _as_written(text, document)
    return written if written != text else _title_case(text)


def _milieux(text: str) -> list[str]:
    """« URBAIN / SEMI - RURAL » → ["urbain", "semi_rural"], in the order written."""
    text = text.upper()
    found = []
    for milieu, pattern in MILIEUX:
        for match in re.finditer(pattern, text):
            found.append((match.start(), milieu))
        text = re.sub(pattern, lambda m: " " * len(m.group(0)), text)
    return [milieu for _, milieu in sorted(found)]


def _link_labels(markdown: str) -> list[str]:
    """The projects an AUTRES PROJETS cell names: its items and paragraphs, lead-ins kept."""
    labels, lead_in = [], ""
    for block in markdown.split("\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("- "):
            item = block[2:].strip()
            labels += [f"{lead_in} {part}".strip() for part in _projects_named(item)]
        elif block.endswith(":"):
            lead_in = block
        else:
            lead_in = ""
            labels += _projects_named(block)
    return [label.rstrip(" ,;:") for label in labels]


def _projects_named(text: str) -> list[str]:
    """« Organisme de Formation, clause d'insertion »: a list of short names is several."""
    parts = [part.strip() for part in re.split(r",(?![^()]*\))", text)]
    if len(parts) > 1 and all(len(part.split()) <= 4 for part in parts):
        return parts
    return [text]


def _title_and_summary(heading: list[str]) -> tuple[str, str]:
    """The card's title, and its subtitle as summary (empty if it has none: the document
    gives those cards no summary, and a copy of the title would print it twice).

    A heading has a subtitle after a blank line or on a line in quotes (« Le Site du
    Palacret » / « "Carrefour citoyen…" »), or after a quoted name and a colon.
    """
    parts: list[list[str]] = [[]]
    for line in heading:
        stripped = line.strip()
        if not stripped:
            parts.append([])
        elif stripped[0] in '«"“' and parts[-1]:
            parts.append([stripped])
        else:
            parts[-1].append(stripped)
    parts = [_tidy(_one_line(" ".join(part))) for part in parts if part]
    if not parts:
        raise SourceFormatError("001: a card without a heading")
    if len(parts) == 1:
        quoted = re.match(r"^(\"[^\"]+\")\s*:\s*(.+)$", parts[0])
        if quoted:
            return quoted.group(1), quoted.group(2)[:1].upper() + quoted.group(2)[1:]
        return parts[0], ""
    return parts[0].rstrip(" :"), " ".join(parts[1:])


def _unique_key(record: CardRecord, records: list[CardRecord]) -> str:
    """The slug of the card's title, numbered if another card's title slugs the same."""
    base = slug_of(record.title, 80)
    same = [r for r in records if slug_of(r.title, 80) == base]
    return base if len(same) == 1 else f"{base}-{same.index(record) + 1}"


# -- the document -------------------------------------------------------------------------


@dataclass
class _Card:
    """A card while it is being read: its printings and the facts gathered about it."""

    printings: list[_Printing]
    record: CardRecord
    porteur_codes: list[str]
    listings: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    sommaire_titles: list[str] = field(default_factory=list)
    sommaire_porteurs: list[str] = field(default_factory=list)

    def list_in(self, code: str, note: str, page: int | None) -> None:
        self.listings.setdefault(code, []).append((note, page))


class _Parser:
    """Reads the document once; the records are gathered across its parts."""

    def __init__(self, text: str):
        repaired, self.vocabulary = _repair(text)
        self.document = repaired
        self.text = _Text.read(repaired)
        self.organisations: dict[str, OrganisationRecord] = {}
        self.warnings: list[str] = []
        self.source_doubts: list[str] = []  # doubts about the document as a whole
        self.atelier_names: dict[str, str] = {}
        self.general_sommaire = ""

    # -- outline --------------------------------------------------------------------------

    def parse(self) -> ParsedDocument:
        general = self.text.find(GENERAL_SOMMAIRE)
        if general is None:
            raise SourceFormatError("001: no SOMMAIRE GENERAL")
        sections = self._atelier_sections(general)
        self.general_sommaire = self.text.block(general + 1, sections[0][1])
        presentation = self._presentation(general)
        groups = self._groups(general)
        cards = self._cards(sections)
        number_cards_by_page(CODE, [card.record for card in cards])
        general_entries = _sommaire_entries(self.text.block(general + 1, sections[0][1]))
        project_listings = self._list_cards(cards, sections, general_entries)
        self._link_cards(cards)
        self._members(groups, cards)
        return ParsedDocument(
            code=CODE,
            source=ResourceRecord(
                key=SOURCE_KEY,
                title="Fiches synthétiques projets VITA-DTS "
                "(Développeurs de territoires solidaires)",
                kind="recueil",
                description=presentation,
                publisher=PUBLISHER,
                year=2010,
                version_date=date(2010, 3, 1),
                # Its presentation: « téléchargeables sur le site du Centre de ressources
                # VITA www.vita - ressouces.org » (the centre's address lost an « r »).
                where_to_find=(
                    "Le recueil et ses fiches sont « téléchargeables sur le site du Centre "
                    "de ressources VITA », selon leur présentation (2010)."
                ),
                urls=[
                    (
                        "http://www.vita-ressources.org",
                        "Centre de ressources VITA (adresse donnée en 2010)",
                    )
                ],
                source_key=DOCUMENT_KEY,
                doubts=self.source_doubts,
            ),
            programmes=[
                ProgrammeRecord(
                    key=PROGRAMME_KEY,
                    name="VITA – Développeurs de territoires solidaires (DTS)",
                    organiser=PUBLISHER,
                    start_year=2008,
                    end_year=2010,
                    description=presentation,
                )
            ],
            groups=groups,
            organisations=list(self.organisations.values()),
            cards=[card.record for card in cards],
            project_listings=project_listings,
            warnings=self.warnings,
        )

    def _atelier_sections(self, general: int) -> list[tuple[str, int, int]]:
        """(code, first line, end line) of each atelier's part: its sommaire, then its cards."""
        starts: dict[str, int] = {}
        for index in self.text.find_all(ATELIER_HEADING, general):
            code = "A" + ATELIER_HEADING.match(self.text.lines[index]).group(1)
            starts.setdefault(code, index)
        if list(starts) != list(ATELIERS):
            raise SourceFormatError(f"001: atelier sections {starts}")
        ends = [*list(starts.values())[1:], len(self.text.lines)]
        return [(code, start, end) for (code, start), end in zip(starts.items(), ends, strict=True)]

    def _presentation(self, general: int) -> str:
        """« Présentation du recueil », up to the sommaire par ateliers, as Markdown. The
        « mode d'emploi » after it says how to click through the PDF: skipped, with a warning."""
        front = self.text.lines[:general]
        start = next(i for i, line in enumerate(front) if "Présentation du recueil" in line)
        end = next(i for i, line in enumerate(front) if line.strip().startswith("SOMMAIRE"))
        mode_d_emploi = next(i for i, line in enumerate(front) if "MODE D'EMPLOI" in line)
        self.warnings.append(
            "Skipped the « mode d'emploi » (how to click through the PDF), line "
            f"{mode_d_emploi + 1}."
        )
        # Here every line is followed by a blank one: blank lines say nothing.
        return _markdown("\n".join(line for line in front[start + 1 : end] if line.strip()))

    def _groups(self, general: int) -> list[GroupRecord]:
        """A1–A3 named as the sommaire par ateliers names them (names kept for finding their
        headings again), and the GT tag."""
        names, pages = {}, {}
        front = self.text.lines[:general]
        for index, line in enumerate(front):
            heading = ATELIER_HEADING.match(line)
            if not heading:
                continue
            # The name runs on, over blank lines and dot leaders, up to its « P. 4 ».
            parts = [heading.group(2)]
            for following in front[index + 1 :]:
                if re.match(r"^\s*P\.\s*\d", following):
                    break
                parts.append(following)
            name = _one_line(" ".join(parts).replace("…", " "))
            names["A" + heading.group(1)] = _tidy(name)
            pages["A" + heading.group(1)] = paged(CODE).page_of_line(index).number
        if sorted(names) != list(ATELIERS):
            raise SourceFormatError(f"001: ateliers in the sommaire: {sorted(names)}")
        self.atelier_names = names
        groups = [
            GroupRecord(
                code=code,
                name=names[code],
                programme_key=PROGRAMME_KEY,
                position=i,
                source_page=pages[code],  # the page of its own sommaire
            )
            for i, code in enumerate(ATELIERS, start=1)
        ]
        # The text never says what « GT » stands for: the group has no objectives; its
        # members are the porteurs whose PORTEUR line carries GT.
        groups.append(
            GroupRecord(
                code="GT",
                name=GT_NAME,
                programme_key=PROGRAMME_KEY,
                kind="groupe_travail",
                position=len(ATELIERS) + 1,
                doubts=[
                    "Le document ne dit pas ce que désigne le code « GT » : le nom « Groupe de "
                    "travail (GT) » est une supposition, et le groupe n'a ni origine ni "
                    "objectifs. Ses membres sont les structures porteuses dont la fiche porte "
                    "le code GT. Vérifier le nom et compléter la description du groupe."
                ],
            )
        )
        return groups

    # -- cards ----------------------------------------------------------------------------

    def _cards(self, sections: list[tuple[str, int, int]]) -> list[_Card]:
        """Every card once, in the order of its first printing."""
        printed: dict[str, list[_Printing]] = {}
        for printing in self._printings(sections):
            porteur = TRAILING_CODES.sub("", _one_line(printing.sections["porteur"]))
            key = _key(" ".join(printing.heading)) + _key(porteur)
            printed.setdefault(key, []).append(printing)
        cards = [self._card(printings) for printings in printed.values()]
        records = [card.record for card in cards]
        for record in records:
            record.key = _unique_key(record, records)
        return cards

    def _best_sections(self, printings: list[_Printing]) -> tuple[dict[str, str], list[str]]:
        """Each cell from the printing with the fewest words: a split word counts twice, a
        punctuation mark standing alone not at all (p. 7 keeps the comma p. 22 lost), and
        the first printing wins a tie.
        The doubts say where the printings differ more than by their damage."""
        first = printings[0]
        sections, doubts = {}, []
        for name, content in first.sections.items():
            versions = [p.sections.get(name, "") for p in printings]
            for printing, version in zip(printings[1:], versions[1:], strict=True):
                if _similarity(content, version) < 0.95:
                    doubts.append(
                        f"La fiche est imprimée dans plusieurs ateliers et sa rubrique "
                        f"« {CARD_LABEL_NAMES.get(name, name)} » n'est pas la même en p. "
                        f"{first.page} et en p. {printing.page} : la version la plus courte a "
                        "été retenue. Comparer les deux pages."
                    )
            sections[name] = min(versions, key=_word_count)
        return sections, doubts

    def _printings(self, sections: list[tuple[str, int, int]]) -> list[_Printing]:
        """Each printed card: its heading runs from the last break before PORTEUR."""
        lines = self.text.lines
        porteurs = self.text.find_all(PORTEUR_LINE)
        breaks = [
            index
            for index, line in enumerate(lines)
            if NAVIGATION.match(line) or COVER.match(line) or ATELIER_HEADING.match(line)
        ]
        heading_stops = sorted(
            {*breaks, *self.text.headers, *self.text.find_all(OTHER_PROJECTS_LINE)}
        )
        heading_starts = [max(s for s in heading_stops if s < p) + 1 for p in porteurs]
        printings, page, previous = [], 0, -1
        for number, porteur in enumerate(porteurs):
            atelier = next(code for code, start, end in sections if start <= porteur < end)
            headers = [h for h in self.text.headers if previous < h < porteur]
            page = self.text.headers[max(headers)] if headers else page + 1
            following = heading_starts[number + 1 :] or [len(lines)]
            end = min([following[0], *(b for b in breaks if b > porteur)])
            heading = "\n".join(lines[heading_starts[number] : porteur]).strip("\n ")
            printings.append(
                _Printing(
                    atelier,
                    page,
                    heading.splitlines(),
                    _split_sections(self.text.block(porteur, end)),
                )
            )
            previous = porteur
        return printings

    def _card(self, printings: list[_Printing]) -> _Card:
        printing = printings[0]
        sections, doubts = self._best_sections(printings)
        porteur_cell = _one_line(sections["porteur"])
        porteur_codes_match = TRAILING_CODES.search(porteur_cell)
        porteur_codes = _codes(porteur_codes_match.group(1)) if porteur_codes_match else []
        porteur_name, acronym = self._porteur_name(
            porteur_cell[: porteur_codes_match.start()] if porteur_codes_match else porteur_cell
        )
        title, summary = _title_and_summary(printing.heading)
        network = bool(NETWORK_NAME.match(porteur_name) or COLLECTIVE_TITLE.search(title))
        entreprises, description = _entreprises(sections.get("entreprises", ""), self.document)
        organisations = self._card_organisations(
            porteur_name, acronym, entreprises, description, network
        )
        territory = _territory(sections.get("territoire", ""), self.document, self.vocabulary)
        reviewed = self._reviewed(printings)
        for name, kind in reviewed.partners:
            self._record_organisation(OrganisationRecord(name, structure_types=[kind]), None)
            organisations.append(name)
        record = CardRecord(
            key="",
            title=title,
            porteur=organisations[0],
            category="reseau" if network else "siae",
            summary=summary,
            partners=organisations[1:],
            contacts=self._contacts(sections, organisations),
            region_as_written=territory.region,
            departement_codes=[territory.departement_code],
            territory_name=territory.name,
            milieux=territory.milieux,
            start_year=reviewed.start_year,
            end_year=reviewed.end_year,
            key_figures=territory.key_figures,
            context=territory.description,
            actions=_markdown(sections.get("projet", "")),
            problematiques=_markdown(sections.get("problematiques", "")),
            mutualisation_sought=_markdown(sections.get("recherche", "")),
            mutualisation_offered=_markdown(sections.get("propositions", "")),
            links=[
                CardLinkRecord(kind="autre_projet", label=label)
                for label in _link_labels(_markdown(sections.get("autres_projets", "")))
            ],
            source_page=printing.page,
            doubts=doubts,
        )
        return _Card(printings, record, porteur_codes)

    def _reviewed(self, printings: list[_Printing]) -> _Reviewed:
        """The card's reviewed facts, their evidence checked in its text or the sommaire."""
        reviewed = REVIEWED.get(printings[0].page)
        if reviewed is None:
            return _Reviewed(())
        texts = [" ".join(p.sections.values()) for p in printings] + [self.general_sommaire]
        where = _one_line(" ".join(texts))
        for words in reviewed.evidence:
            if _one_line(words) not in where:
                raise SourceFormatError(
                    f"001: p. {printings[0].page} no longer says « {words} »: review REVIEWED"
                )
        return reviewed

    def _porteur_name(self, cell: str) -> tuple[str, str]:
        """The PORTEUR cell's name, its département and acronym in brackets taken off."""
        acronym = ""
        bracket = re.search(r"\(\s*([^)]*?)\s*\)\s*$", cell)
        if bracket and not re.fullmatch(r"\d+", bracket.group(1)):
            acronym = bracket.group(1)
        name = _one_line(re.sub(r"\(\s*[^)]*\)\s*$", "", cell)).strip(" -")
        return self._organisation_name(name), acronym

    def _organisation_name(self, name: str) -> str:
        """A name in capitals as the document writes it in ordinary case, if it ever does."""
        name = re.sub(r"\s*-\s*", " - ", name) if " - " in name else name
        if len(name.split()) > 1 and any(word.isupper() for word in name.split()):
            written = _as_written(name, self.document)
            if sum(c.isupper() for c in written) < sum(c.isupper() for c in name):
                return written
        return name

    def _card_organisations(
        self,
        porteur: str,
        acronym: str,
        entreprises: list[_Entreprise],
        description: str,
        network: bool,
    ) -> list[str]:
        """The card's structures, porteur first; each recorded once for the whole document."""
        website, description = _website(description)
        description = _markdown(description)
        own = [e for e in entreprises if _key(e.name) in (_key(porteur), _key(acronym))]
        if len(entreprises) == 1:
            own = entreprises  # the porteur's own address, whatever name it goes by
        members = [e for e in entreprises if e not in own]
        if own and not acronym and _key(own[0].name) != _key(porteur):
            acronym = own[0].name  # « E.B.E. » for « ENTRAIDE DU BASSIN D'EMPLOI »
        described = _first_named_types(description)
        coorace = bool(COORACE_MEMBERSHIP.search(description))
        # A collective's description speaks of its members: their types, their network.
        of_members = network and bool(members)
        if network:
            types = ["reseau"] + ([] if of_members else described)
        else:
            types = _types_after_name([porteur, acronym], description) or described
        if not types and porteur.lower().startswith("association"):
            types = ["association"]
        porteur_record = OrganisationRecord(
            name=porteur,
            acronym=acronym if _key(acronym) != _key(porteur) else "",
            structure_types=types,
            description=description,
            website=website,
            networks=["COORACE"] if coorace and not of_members else [],
        )
        self._record_organisation(porteur_record, own[0] if own else None)
        names = [porteur]
        for member in members:
            member_types = _types_after_name([member.name], description) or (
                described if network else types
            )
            in_coorace = member.name.startswith("COORACE") or (of_members and coorace)
            member_record = OrganisationRecord(
                name=self._organisation_name(member.name),
                structure_types=["reseau"] if NETWORK_NAME.match(member.name) else member_types,
                networks=["COORACE"] if in_coorace else [],
            )
            self._record_organisation(member_record, member)
            names.append(member_record.name)
        return names

    def _record_organisation(
        self, record: OrganisationRecord, entreprise: _Entreprise | None
    ) -> None:
        if entreprise is not None:
            record.address = entreprise.address
            record.postal_code = entreprise.postal_code
            record.town = entreprise.town
            record.phone = entreprise.phone
            record.departement_code = _departement_of_postal_code(entreprise.postal_code)
        known = self.organisations.setdefault(_key(record.name), record)
        if known is record:
            return
        for name in (
            "acronym", "address", "postal_code", "town", "departement_code", "phone",
            "description", "website",
        ):  # fmt: skip
            if not getattr(known, name):
                setattr(known, name, getattr(record, name))
        known.structure_types = list(dict.fromkeys(known.structure_types + record.structure_types))
        known.networks = list(dict.fromkeys(known.networks + record.networks))

    def _contacts(self, sections: dict[str, str], organisations: list[str]) -> list[ContactRecord]:
        contacts = []
        for section, role in (("referent", "referent_principal"), ("others", "autre_referent")):
            for person in _people(sections.get(section, "")):
                contacts.append(
                    ContactRecord(
                        person=_person_record(person, organisations),
                        role=role,
                        working_group_codes=person.codes,
                    )
                )
        return contacts

    # -- sommaires and listings -----------------------------------------------------------

    def _list_cards(
        self,
        cards: list[_Card],
        sections: list[tuple[str, int, int]],
        general_entries: list[_Entry],
    ) -> list[ProjectListingRecord]:
        """Each card's listings, and the projects the sommaires list without a card."""
        project_listings = []
        for code, start, end in sections:
            block = self.text.block(start, self._first_title(start, end))
            entries = _sommaire_entries(_without_headings(block, self.atelier_names))
            printed = [
                (card, printing)
                for card in cards
                for printing in card.printings
                if printing.atelier == code
            ]
            printed.sort(key=lambda pair: pair[1].page)
            if printed:
                self._check_sommaire(code, entries, printed)
                for entry, (card, printing) in zip(entries, printed, strict=True):
                    card.list_in(code, f"sommaire de l'atelier {code}", entry.page or printing.page)
                    card.sommaire_titles.append(entry.title)
                    card.sommaire_porteurs.append(entry.porteur)
            else:
                project_listings += self._list_unprinted(code, entries, cards)
        self._list_general(cards, general_entries)
        # The porteur's codes (« PORTEUR … A1, A2, GT ») say where the organisation takes
        # part (the groups' members, `_members`), not where the card is filed.
        for card in cards:
            card.record.listings = [
                ListingRecord(
                    group_code=code,
                    source_page=next((page for _, page in facts if page), None),
                    source_note=", ".join(dict.fromkeys(note for note, _ in facts)),
                )
                for code, facts in sorted(card.listings.items())
            ]
        return project_listings

    def _first_title(self, start: int, end: int) -> int:
        """Where an atelier's sommaire ends: at its first card's heading, or its part's end."""
        porteur = self.text.find(PORTEUR_LINE, start, end)
        if porteur is None:
            return end
        return next(
            i + 1
            for i in range(porteur - 1, start, -1)
            if i in self.text.headers or NAVIGATION.match(self.text.lines[i])
        )

    def _check_sommaire(self, code: str, entries: list[_Entry], printed: list) -> None:
        if len(entries) != len(printed):
            raise SourceFormatError(
                f"001: the sommaire of {code} lists {len(entries)} projects, "
                f"its part prints {len(printed)} cards"
            )
        for entry, (card, printing) in zip(entries, printed, strict=True):
            if entry.page not in (None, printing.page):
                raise SourceFormatError(
                    f"001: {code} sommaire gives p. {entry.page} for « {entry.title} », "
                    f"printed p. {printing.page}"
                )
            if _similarity(entry.title, " ".join(printing.heading)) < 0.6:
                card.record.doubts.append(
                    f"Le sommaire de l'atelier {code} donne à cette fiche (p. {printing.page}) "
                    f"un autre titre : « {entry.title} ». Vérifier le titre retenu."
                )

    def _matching_card(self, entry: _Entry, cards: list[_Card]) -> _Card | None:
        """The card a sommaire entry announces: same porteur as written, title alike."""
        for card in cards:
            titles = [card.record.title + " " + card.record.summary, *card.sommaire_titles]
            titles += [" ".join(printing.heading) for printing in card.printings]
            same_porteur = _key(entry.porteur) in map(_key, card.sommaire_porteurs)
            if same_porteur and max(_similarity(entry.title, t) for t in titles) >= 0.8:
                return card
        return None

    def _list_unprinted(
        self, code: str, entries: list[_Entry], cards: list[_Card]
    ) -> list[ProjectListingRecord]:
        listings = []
        # The rank counts every entry of the atelier's sommaire, those with a card too: a
        # card found later for one entry leaves the others' keys as they are.
        for rank, entry in enumerate(entries, start=1):
            card = self._matching_card(entry, cards)
            if card is not None:
                card.list_in(code, f"sommaire de l'atelier {code}", entry.page)
                continue
            listings.append(
                ProjectListingRecord(
                    title=entry.title,
                    group_code=code,
                    porteur_name=self._known_name(entry.porteur),
                    region_as_written=self._region_as_cards_write_it(entry.region, cards),
                    departement_code=entry.departement_code,
                    source_page=entry.page,
                    source_key=f"sommaire-{code}-{rank}",
                )
            )
        return listings

    def _list_general(self, cards: list[_Card], entries: list[_Entry]) -> None:
        for entry in entries:
            card = self._matching_card(entry, cards)
            if card is not None:
                for code in entry.codes:
                    card.list_in(code, "sommaire général", None)
            elif not entry.codes or set(entry.codes) - {"A3"}:
                ateliers = (
                    f"atelier{'s' if len(entry.codes) > 1 else ''} {', '.join(entry.codes)}"
                    if entry.codes
                    else "sans atelier"
                )
                self.source_doubts.append(
                    f"Le sommaire général cite le projet « {entry.title} » ({entry.porteur}, "
                    f"{ateliers}), mais le document ne contient pas sa fiche : le projet n'a "
                    "pas été importé."
                )

    def _known_name(self, name: str) -> str:
        known = self.organisations.get(_key(name))
        return known.name if known else self._organisation_name(name)

    def _region_as_cards_write_it(self, region: str, cards: list[_Card]) -> str:
        written = _region_name(region, self.vocabulary)
        for card in cards:
            if _key(card.record.region_as_written) == _key(written):
                return card.record.region_as_written
        return written

    # -- links and members ----------------------------------------------------------------

    def _link_cards(self, cards: list[_Card]) -> None:
        """« AUTRES PROJETS » naming another card of the porteur, or of a collective it is
        part of, point to that card."""
        for card in cards:
            for link in card.record.links:
                words = _significant_words(link.label)
                for other in cards:
                    structures = [other.record.porteur, *other.record.partners]
                    if other is card or card.record.porteur not in structures:
                        continue
                    named = f"{other.record.title} {other.record.summary} {other.record.porteur}"
                    if words and len(words & _significant_words(named)) >= 0.6 * len(words):
                        link.target_card_key = other.record.key

    def _members(self, groups: list[GroupRecord], cards: list[_Card]) -> None:
        """A porteur's atelier codes say which ateliers (and GT) it takes part in, and so
        does a sommaire that files its card under an atelier (ADPEI: « A2 » on its card,
        « A1, A2, A3 » in the sommaire général, its card in the sommaire of A3)."""
        for group in groups:
            members = [
                c.record.porteur
                for c in cards
                if group.code in c.porteur_codes or group.code in c.listings
            ]
            group.member_organisations = list(dict.fromkeys(members))


def _word_count(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def _significant_words(text: str) -> set[str]:
    return {word for word in slugify(text).split("-") if len(word) >= 4}


def parse(text: str) -> ParsedDocument:
    return _Parser(text).parse()
