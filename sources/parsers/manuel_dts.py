"""Document 003: COORACE's « Manuel de référence » for a DTS approach (version 1, 2010).

Layout of the text (extracted from a PDF, one fiche after another):

- Front matter (édito, introduction, préambule), then 41 fiches in three parts, then the
  index « Quelques mots clefs » and the bibliography.
- A fiche starts on a new page with its title (Part III: the title, then the porteur and
  its territory), then « EN BREF » (Part II: an « EXPERIMENTATION DE REFERENCE » first).
  Fiche codes are not printed at the start: they come from the manual's plan (`PLAN`),
  checked against the page footers that survived.
- A line that starts with one space opens a page or a text box when the line before it
  is not blank, and is a list item (its bullet glyph lost) when it follows a blank line;
  two spaces mean both. A line holding a single space ends a table cell.
- Footnotes follow a rule of spaces; the PDF's link targets are repeated as bare
  `http://…` lines at the page end; page headers and footers (`Fiche X - Page n/N -
  Version 1 (décembre 2010)`) survive on a few pages.
- The two-column tables « Clefs de réussite / Points de vigilance » come out one column
  after the other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sources.pages import paged
from sources.parsers.reviewed import Reviewed, partner_departement
from sources.parsers.source_keys import DOCUMENT_KEY
from sources.records import (
    BlockRecord,
    CardRecord,
    CollectionRecord,
    ContactRecord,
    FicheLinkRecord,
    FicheRecord,
    KeywordRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    PointRecord,
    ResourceRecord,
    SourceFormatError,
    ToolRecord,
)
from territories import reference
from vita.slugs import slug_of

CODE = "003"
SOURCE_KEY = "manuel-reference-dts-v1"
COLLECTION_KEY = "manuel-dts-v1"
FICHE_KEY_PREFIX = "manuel-dts-"
BIBLIOGRAPHY_KEY_PREFIX = "manuel-dts-biblio-"
PUBLISHER = "COORACE"
YEAR = 2010
VERSION_LABEL = "Version 1"
VERSION_DATE = date(2010, 12, 1)
CARD_KEY_LENGTH = 80

PART_NAMES = {"I": "Repères", "II": "Méthodes / outils", "III": "Expériences"}
PART_KINDS = {"I": "fiche_repere", "II": "fiche_methode", "III": "fiche_experience"}

# The manual's plan: (part, section, section title, fiche numbers). The text prints the
# headings of sections A, B and C-2 only, so the plan is written here; `_check_footers`
# holds it against the footers that name their fiche.
PLAN = [
    ("I", "A", "Quels fondements pour une démarche de développement de territoires "
     "solidaires (DTS) ?", "12"),
    ("I", "B", "Quelle identité pour les entreprises engagées dans une démarche de DTS ?",
     "1234"),
    ("I", "C-1", "Comment décliner en pratique une démarche de DTS ? Missions clefs", "abc"),
    ("I", "C-2", "Comment décliner en pratique une démarche de DTS ? Principes d’action "
     "transversaux", "abcdefgh"),
    ("II", "", "", [str(n) for n in range(1, 5)]),
    ("III", "", "", [str(n) for n in range(1, 21)]),
]  # fmt: skip
EXPECTED_KEYWORDS = 53

# -- layout ------------------------------------------------------------------------------

ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]")
# « socio-\nprofessionnels », « www.vita-\nressources.org »: in this text a hyphen at a
# line end is always a real one (the PDF was not hyphenated), so it stays.
LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ ]*\n(?:[ ]*\n)*[ ]*(?=\w)")
LINK_TARGET = re.compile(r"^\s*(?:https?://|mailto:)\S*\s*$")
FOOTNOTE_RULE = re.compile(r"^ {20,}$")
FOOTNOTE_START = re.compile(r"^\d{1,2} \S")
FOOTNOTE_NUMBER = re.compile(r"^(\d{1,2}) ")
BARE_NOTE_NUMBER = re.compile(r"^\d{1,2}$")
# Notes are printed in a smaller font: a line wider than any line of body text is a note's
# (the second paragraph of III-5's note 1, « Le GES est une entreprise… »).
NOTE_WIDTH = 125
NOTE_BULLET = re.compile(r"^\* (?=\S)")
MANUAL_HEADER = re.compile(r"^Manuel de référence « Pour une démarche de Développement")
PAGE_FOOTER = re.compile(r"^(?P<label>.+?) - Page \d+/\d+ - Version 1 \(décembre 2010\)")
PAGE_LABEL = re.compile(r"^(?:Fiche [IV]+-[\w-]+|Introduction|Index|Bibliographie)$")
STRAY_PARENTHESIS = re.compile(r"^\)$")  # left by two page headers (III-1, III-18)
# A text box or page opens on a line indented by one space; two spaces add a bullet.
INDENTED = re.compile(r"^ {1,2}\S")
DOUBLE_INDENTED = re.compile(r"^  \S")
DASH_ITEM = re.compile(r"^[-*] (?=\S)")
# How a sentence or a note ends (a reference ends on its year).
SENTENCE_ENDS = tuple(".!?»)…0123456789")


@dataclass
class _Line:
    text: str  # stripped
    blank: bool = False
    cell_end: bool = False  # a line holding one space: the end of a table cell
    page_start: bool = False
    bullet: bool = False
    indented_bullet: bool = False  # two spaces: a bullet opening a page, box or cell


@dataclass
class _Layout:
    lines: list[_Line]
    footnotes: list[tuple[int, str]]  # (index in `lines` where it stood, text)
    footers: list[tuple[int, str]]  # (index in `lines`, label such as « Fiche III-1 »)


def _layout(text: str) -> _Layout:
    """The text's lines with their layout marks, footnotes and page furniture set apart."""
    raw_lines = LINE_END_HYPHEN.sub("-", ODD_SPACES.sub(" ", text)).split("\n")
    lines: list[_Line] = []
    footnotes: list[tuple[int, str]] = []
    footers: list[tuple[int, str]] = []
    in_footnote, after_furniture = False, False
    bare_number = ""  # a note's number printed on a line of its own (III-12's note 4)
    for number, raw in enumerate(raw_lines):
        stripped = raw.strip()
        previous_blank = number == 0 or not raw_lines[number - 1].strip()
        if LINK_TARGET.match(raw) or STRAY_PARENTHESIS.match(stripped):
            continue
        if FOOTNOTE_RULE.match(raw):
            in_footnote = True
            continue
        if MANUAL_HEADER.match(stripped):
            _drop_page_label(lines)
            after_furniture = True
            continue
        if footer := PAGE_FOOTER.match(stripped):
            footers.append((len(lines), footer.group("label")))
            after_furniture = True
            continue
        opens_box = bool(INDENTED.match(raw)) and not previous_blank
        if in_footnote and BARE_NOTE_NUMBER.match(stripped):
            bare_number = stripped
            continue
        if in_footnote and bare_number and stripped:
            footnotes.append((len(lines), f"{bare_number} {stripped}"))
            bare_number = ""
            continue
        if in_footnote:
            if _continues_footnote(raw, stripped, opens_box, previous_blank, footnotes):
                if stripped:
                    footnotes.append((len(lines), stripped))
                continue
            in_footnote, after_furniture = False, True  # what follows notes opens a box
        if not stripped:
            lines.append(_Line("", blank=True, cell_end=raw == " "))
            continue
        bullet = bool(DOUBLE_INDENTED.match(raw)) or (bool(INDENTED.match(raw)) and previous_blank)
        if DASH_ITEM.match(stripped):
            bullet, stripped = True, stripped[2:]
        lines.append(
            _Line(
                stripped,
                page_start=opens_box or after_furniture,
                bullet=bullet,
                indented_bullet=bool(DOUBLE_INDENTED.match(raw)),
            )
        )
        after_furniture = False
    return _Layout(lines, footnotes, footers)


def _drop_page_label(lines: list[_Line]) -> None:
    """The label printed above a page header (« Fiche I-C-2-a », « Index »…) goes too."""
    while lines and lines[-1].blank:
        lines.pop()
    if lines and PAGE_LABEL.match(lines[-1].text):
        lines.pop()


def _continues_footnote(
    raw: str, stripped: str, opens_box: bool, previous_blank: bool, footnotes: list[tuple[int, str]]
) -> bool:
    """Footnotes run until a page or box opens, a bullet, a page label, or new prose.

    After a blank line, a line continues the note when it starts a new note, starts in
    lower case, or the note has not ended its sentence; otherwise it is the text of a
    box printed below the notes (« Quelques exemples de biens immatériels… »).
    """
    if not stripped:
        return True
    if opens_box or INDENTED.match(raw) or PAGE_LABEL.match(stripped):
        return False
    if len(raw.rstrip()) > NOTE_WIDTH:
        return True
    if not previous_blank or FOOTNOTE_START.match(stripped) or not footnotes:
        return True
    last = footnotes[-1][1]
    note = last
    for _, text in reversed(footnotes[:-1]):
        if FOOTNOTE_START.match(note):
            break
        note = f"{text} {note}"
    unclosed = note.count("(") > note.count(")")  # « (NUSSBAUMER J. » goes on
    return stripped[0].islower() or unclosed or not last.endswith(SENTENCE_ENDS)


# -- codes and citations -----------------------------------------------------------------


@dataclass(frozen=True)
class _PlanEntry:
    code: str
    part: str
    section: str
    section_title: str
    position_in_part: int


def _plan() -> list[_PlanEntry]:
    entries, counts = [], {}
    for part, section, section_title, numbers in PLAN:
        for number in numbers:
            counts[part] = counts.get(part, 0) + 1
            code = "-".join(piece for piece in (part, section, number) if piece)
            entries.append(_PlanEntry(code, part, section, section_title, counts[part]))
    return entries


PLAN_ENTRIES = _plan()
KNOWN_CODES = {entry.code for entry in PLAN_ENTRIES}

# « FICHE I-C-2-b », « FICHE I-C-2-A », « FICHE III 3 », « FICHE I-\n\nC-1-b »: the part,
# then for Part I the section (A, B, or C with its sub-section and letter), else a number.
CITATION = re.compile(
    r"\bFICHE\s+(?P<part>III|II|I)\s*[-\s]\s*"
    r"(?:(?P<section>[AB])\s*-\s*(?P<number>\d)"
    r"|C\s*-\s*(?P<subsection>[12])\s*-\s*(?P<letter>[a-hA-H])(?![\w’'])"
    r"|(?P<fiche>\d{1,2})(?!\d))"
)


def _citation_code(match: re.Match) -> str:
    part = match.group("part")
    if match.group("fiche"):
        return f"{part}-{match.group('fiche')}"
    if match.group("section"):
        return f"{part}-{match.group('section')}-{match.group('number')}"
    return f"{part}-C-{match.group('subsection')}-{match.group('letter').lower()}"


def _cited_codes(text: str) -> list[str]:
    codes = (_citation_code(match) for match in CITATION.finditer(text))
    return [code for code in codes if code in KNOWN_CODES]


def _normalise_citations(text: str) -> str:
    """Citations written as in the plan: « FICHE III 3 » → « FICHE III-3 »."""
    return CITATION.sub(lambda match: f"FICHE {_citation_code(match)}", text)


# -- Markdown ------------------------------------------------------------------------------

# Words after which a title or a sentence cannot stop: the next line continues it.
OPEN_ENDINGS = frozenset(
    ("de", "des", "du", "d’un", "d’une", "la", "le", "les", "l’", "à", "au", "aux", "et", "en",
     "pour", "par", "sur", "un", "une", "dans", "avec")
)  # fmt: skip
E_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An e-mail address in running text, with the dash, comma or brackets around it.
E_MAIL_IN_TEXT = re.compile(r"\s*[-–,]?\s*\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?")


@dataclass
class _Unit:
    """A paragraph or a list item, as the lines that make it."""

    lines: list[str]
    item: bool = False

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.lines)).strip()


def _units(lines: list[_Line]) -> list[_Unit]:
    """Lines → paragraphs and list items.

    Blank lines are unreliable here (the extraction puts some inside sentences), so a
    line after a blank line or a page break continues the paragraph when it starts in
    lower case, or when the paragraph has an unclosed bracket or ends on a word that
    cannot end a sentence.
    """
    units: list[_Unit] = []
    gap = False
    for line in lines:
        if line.blank:
            gap = True
            continue
        if line.bullet:
            units.append(_Unit([line.text], item=True))
        elif units and _continues(units[-1], line, gap):
            units[-1].lines.append(line.text)
        else:
            units.append(_Unit([line.text]))
        gap = False
    return units


def _continues(unit: _Unit, line: _Line, gap: bool) -> bool:
    if not gap and not line.page_start:
        return True
    text = unit.text
    last_word = text.rsplit(" ", 1)[-1].lower()
    return (
        line.text[0].islower()
        or text.count("(") > text.count(")")
        or last_word in OPEN_ENDINGS
        or last_word.endswith("’")
    )


def _clean_text(text: str) -> str:
    """A unit's text as published: citations normalised, no e-mail addresses (they are
    personal data, kept only in the private contacts of the cards)."""
    text = _normalise_citations(text)
    text = E_MAIL_IN_TEXT.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _is_subheading(unit: _Unit) -> bool:
    """A short line on its own, without closing punctuation, that is not a citation."""
    text = unit.text
    return (
        not unit.item
        and len(text) <= 120
        and not text.endswith((*SENTENCE_ENDS, ",", ";", ":"))
        and (text[0].isupper() or text[0].isdigit())
        and not text.startswith("FICHE ")
    )


def _subheadings(units: list[_Unit]) -> list[bool]:
    """Which units are sub-headings: a heading-like unit between two that are not (a run
    of heading-like units is the labels of a diagram), followed by text."""
    looks = [_is_subheading(unit) for unit in units] + [True]
    return [
        looks[i] and not looks[i + 1] and (i == 0 or not looks[i - 1]) for i in range(len(units))
    ]


def _markdown(units: list[_Unit], subheadings: bool = False) -> str:
    pieces: list[str] = []
    previous_item = False
    headings = _subheadings(units) if subheadings else [False] * len(units)
    for unit, heading in zip(units, headings, strict=True):
        text = _clean_text(unit.text)
        if not text:
            continue
        if unit.item:
            text = f"- {text}"
        elif heading:
            text = f"### {text}"
        if pieces:
            pieces.append("\n" if unit.item and previous_item else "\n\n")
        pieces.append(text)
        previous_item = unit.item
    return "".join(pieces)


# -- fiches --------------------------------------------------------------------------------

ANCHOR = "EN BREF"
REFERENCE_EXPERIMENT = re.compile(r"^EXPERIMENTATION DE REFERENCE")
PART_HEADING = re.compile(r"^(?:I|II|III)\. [A-ZÉ ]+$")  # « I. REPERES »
SOMMAIRE_ENTRY = re.compile(r"\.{5,}\s*Fiche III-\d+$")
INDEX_HEADING = "Quelques mots clefs"
BIBLIOGRAPHY_HEADING = "Quelques ressources pour aller plus loin"
BACK_TO_CONTENTS = re.compile(r"^Retour au sommaire")

# Roles of a fiche's sections that are not blocks.
KEY_POINTS, DIMENSIONS, FURTHER_LIST = "key_points", "dimensions", "further_list"
HEADINGS = [
    (re.compile(r"^EN BREF$"), "en_bref"),
    (re.compile(r"^DE QUOI S’AGIT-IL ?\?$"), "de_quoi"),
    (re.compile(r"^COMMENT \?$"), "comment"),
    (re.compile(r"^Comment l’utiliser \?$"), "comment"),
    (re.compile(r"^Définitions préalables$"), "definition"),
    (re.compile(r"^Pourquoi utiliser cette méthode \?$"), "objectifs"),
    (re.compile(r"^Présentation de la méthode$"), "autre"),
    (re.compile(r"^EXPERIMENTATION DE REFERENCE :?$"), "autre"),
    (re.compile(r"^Témoignages$"), "paroles"),
    (re.compile(r"^Le contexte de l’expérience$"), "contexte"),
    (re.compile(r"^L’expérience$"), "experience"),
    (re.compile(r"^Les points marquants de l’expérience"), "points_marquants"),
    (re.compile(r"^Les questionnements et points de tension$"), "questionnements"),
    (re.compile(r"^Clefs de réussite Points de vigil[ae]nce$"), KEY_POINTS),
    (re.compile(r"^Cette fiche (?:illustre|peut vous aider)"), DIMENSIONS),
    (re.compile(r"^Pour aller plus loin$"), "pour_aller_plus_loin"),
    (re.compile(r"^Fiches « (?:Méthodes / Outils|Expérience) »$"), FURTHER_LIST),
    (re.compile(r"^Bibliographie(?: / [Aa]utres? ressources .*)?$"), "bibliographie"),
    (re.compile(r"^Pour en savoir plus / pour un échange de pratique"), "en_savoir_plus"),
]
# Lines that continue the heading of a dimensions table.
DIMENSIONS_HEADER = re.compile(r"^(?:d’une démarche de DTS :|Identité & stratégie|Missions clefs)")
# A clefs table without a column mark: the first caution starts the watch points.
CAUTION = re.compile(r"^(?:Ne pas|Veiller|Eviter|Éviter|Attention|Si |Comment )")
# Blocks made of references and contacts: no line of theirs is a sub-heading.
REFERENCE_BLOCKS = {"pour_aller_plus_loin", "bibliographie", "en_savoir_plus"}


@dataclass
class _Section:
    role: str  # a BlockKind value or KEY_POINTS / DIMENSIONS
    heading: str
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Fiche:
    entry: _PlanEntry
    position: int
    title: str
    subtitle: str
    sections: list[_Section]
    footnotes: list[str]
    captions: list[str] = field(default_factory=list)  # of its key points tables, dropped


def _fiche_starts(lines: list[_Line]) -> list[tuple[int, int]]:
    """(start of the title block, index of « EN BREF ») of each fiche."""
    anchors = [index for index, line in enumerate(lines) if line.text == ANCHOR]
    starts = []
    for anchor in anchors:
        start = anchor - 1
        while start > 0 and not lines[start].page_start:
            start -= 1
        starts.append((start, anchor))
    return starts


def _check_footers(layout: _Layout, starts: list[tuple[int, int]]) -> None:
    """Each footer naming a fiche must stand inside that fiche's span."""
    for index, label in layout.footers:
        if not label.startswith("Fiche "):
            continue
        # The footer stands before the next line of text (blank lines may come between).
        index = next(i for i in range(index, len(layout.lines)) if not layout.lines[i].blank)
        position = max(i for i, (start, _) in enumerate(starts) if start <= index)
        if PLAN_ENTRIES[position].code != label.removeprefix("Fiche "):
            raise SourceFormatError(
                f"003: footer « {label} » stands in fiche {PLAN_ENTRIES[position].code}"
            )


def _split_title(lines: list[_Line]) -> tuple[str, str]:
    """(title, subtitle) of a title block.

    The title's lines are printed apart (blank lines between them); the subtitle (Part
    III: the porteur and its territory) follows the title's last line directly. Inside
    that last run, a line continues what precedes it when it starts in lower case or
    the line before ends on a word that cannot end a title.
    """
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.blank:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(line.text)
    runs = [run for run in runs if run]
    title = [text for run in runs[:-1] for text in run] + runs[-1][:1]
    subtitle: list[str] = []
    for text in runs[-1][1:]:
        current = subtitle or title
        last_word = current[-1].rsplit(" ", 1)[-1].lower()
        if not subtitle and not (text[0].islower() or last_word in OPEN_ENDINGS):
            subtitle.append(text)
        else:
            current.append(text)
    return _joined(title), _joined(subtitle)


def _joined(texts: list[str]) -> str:
    return _normalise_citations(re.sub(r"\s+", " ", " ".join(texts)).strip())


def _body_lines(lines: list[_Line], warnings: list[str]) -> list[_Line]:
    """A fiche's lines without what the layout put between fiches."""
    kept = []
    sommaire = [i for i, line in enumerate(lines) if SOMMAIRE_ENTRY.search(line.text)]
    if sommaire:
        # The fragment of Part III's sommaire printed after II-4: an entry's title line
        # comes just before its first dotted line.
        lines = lines[: sommaire[0] - 1] + lines[sommaire[-1] + 1 :]
        warnings.append(
            f"A fragment of Part III's table of contents ({len(sommaire)} entries, "
            "between II-4 and III-1) was skipped."
        )
    for line in lines:
        if PART_HEADING.match(line.text):
            break  # the part and section headings that open the next fiche
        if not BACK_TO_CONTENTS.match(line.text):
            kept.append(line)
    return kept


def _sections(lines: list[_Line], captions: list[str]) -> list[_Section]:
    """The fiche's lines under their headings; `captions` receives the table captions."""
    sections: list[_Section] = []
    for line in lines:
        role = next((role for pattern, role in HEADINGS if pattern.match(line.text)), None)
        current = sections[-1] if sections else None
        if role == KEY_POINTS and current is not None:
            captions += _drop_caption(current)
        if role == FURTHER_LIST:
            if current is None or current.role != "pour_aller_plus_loin":
                sections.append(_Section("pour_aller_plus_loin", "Pour aller plus loin"))
            sections[-1].lines.append(line)
        elif role is not None:
            sections.append(_Section(role, _heading_text(line.text)))
        elif current is None:
            sections.append(_Section("autre", "", [line]))
        elif not (current.role == DIMENSIONS and DIMENSIONS_HEADER.match(line.text)):
            current.lines.append(line)
    return sections


def _drop_caption(section: _Section) -> list[str]:
    """A short line just above a « Clefs de réussite » table titles it (III-14 has two
    tables, « Pour la conduite de l'expérimentation… »): it is no text of the section.
    Key points have no place for it, so it is returned to be reported."""
    units = _units(section.lines)
    if not units:
        return []
    last = units[-1]
    if (
        last.item
        or len(last.lines) > 1
        or last.text.startswith("FICHE ")
        or not _is_subheading(last)
    ):
        return []
    index = max(i for i, line in enumerate(section.lines) if not line.blank)
    del section.lines[index:]
    return [last.text]


def _heading_text(text: str) -> str:
    return re.sub(r"\s*:$", "", text)


def _read_fiches(layout: _Layout, warnings: list[str]) -> list[_Fiche]:
    lines = layout.lines
    starts = _fiche_starts(lines)
    if len(starts) != len(PLAN_ENTRIES):
        raise SourceFormatError(f"003: {len(starts)} fiches found, {len(PLAN_ENTRIES)} expected")
    _check_footers(layout, starts)
    end_of_fiches = next(i for i, line in enumerate(lines) if line.text == INDEX_HEADING)
    fiches = []
    for position, ((start, anchor), entry) in enumerate(zip(starts, PLAN_ENTRIES, strict=True), 1):
        end = starts[position][0] if position < len(starts) else end_of_fiches
        title_lines = lines[start:anchor]
        experiment = next(
            (i for i, line in enumerate(title_lines) if REFERENCE_EXPERIMENT.match(line.text)),
            len(title_lines),
        )
        title, subtitle = _split_title(title_lines[:experiment])
        body = title_lines[experiment:] + _body_lines(lines[anchor:end], warnings)
        # A note stands before the first line of the next page, so at its index.
        footnotes = [text for index, text in layout.footnotes if start < index <= end]
        captions: list[str] = []
        sections = _sections(body, captions)
        fiches.append(_Fiche(entry, position, title, subtitle, sections, footnotes, captions))
    return fiches


def _blocks(fiche: _Fiche) -> list[BlockRecord]:
    blocks = []
    notes = _notes(fiche)
    for section in fiche.sections:
        if section.role in (KEY_POINTS, DIMENSIONS):
            continue
        body = _markdown(_units(section.lines), section.role not in REFERENCE_BLOCKS)
        body = _footnote_calls(body, notes)
        if body:
            blocks.append(BlockRecord(section.role, body, section.heading))
    if fiche.footnotes:
        blocks.append(BlockRecord("autre", _footnote_list(fiche.footnotes), "Notes"))
    return blocks


def _footnote_items(footnotes: list[str]) -> list[str]:
    """The notes' lines joined into one text per note: « 1 Jean GADREY… »."""
    items: list[str] = []
    for text in footnotes:
        if FOOTNOTE_START.match(text) or not items:
            items.append(text)
        else:  # a note's own bullets (« * Une offre de services… ») as dashes in its line
            items[-1] += " " + NOTE_BULLET.sub("– ", text)
    return items


def _footnote_list(footnotes: list[str]) -> str:
    """Numbered notes as a Markdown list: « 1 Jean GADREY… » → « 1. Jean GADREY… »."""
    items = _footnote_items(footnotes)
    return "\n".join(_clean_text(FOOTNOTE_NUMBER.sub(r"\1. ", item)) for item in items)


def _notes(fiche: _Fiche) -> dict[int, str]:
    """The fiche's notes by number: {1: « Jean GADREY… »}."""
    notes = {}
    for item in _footnote_items(fiche.footnotes):
        if number := FOOTNOTE_NUMBER.match(item):
            notes[int(number.group(1))] = _clean_text(item[number.end() :])
    return notes


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A note's call, which the extraction glued to the word it follows as a plain digit
# (« territoire2 », « (GES)1 », « »2 , accessibles »): after a letter or a closing mark,
# before a space, a punctuation mark or the end.
FOOTNOTE_CALL = re.compile(r"(?<=[A-Za-zÀ-ÿœ»)….])(?P<number>\d{1,2})(?P<space> ?)(?=[\s.,;:)]|$)")


def _footnote_calls(text: str, notes: dict[int, str]) -> str:
    """Glued note numbers written as the note calls they are: « territoire2 » →
    « territoire² » (a superscript, so no digit sticks to a word); only numbers of the
    fiche's own notes are calls."""

    def call(match: re.Match) -> str:
        number = int(match.group("number"))
        if number not in notes:
            return match.group()
        space = match.group("space")
        following = match.string[match.end() : match.end() + 1]
        if following and following in ".,)":
            space = ""  # « (Eme, 2001)1 . » → « (Eme, 2001)¹. »
        return match.group("number").translate(SUPERSCRIPTS) + space

    return FOOTNOTE_CALL.sub(call, text)


@dataclass
class _KeyPoints:
    success: list[str]  # clefs de réussite
    watch: list[str]  # points de vigilance
    split_by_layout: bool  # the layout showed where each table's second column starts


def _key_points(fiche: _Fiche) -> _KeyPoints:
    """The fiche's « Clefs de réussite / Points de vigilance » tables.

    Some items are printed twice (III-17); they are kept once.
    """
    points = _KeyPoints([], [], True)
    for section in fiche.sections:
        if section.role != KEY_POINTS:
            continue
        first, second, split_by_layout = _key_point_columns(section.lines)
        notes = _notes(fiche)
        points.success += [_footnote_calls(text, notes) for text in first]
        points.watch += [_footnote_calls(text, notes) for text in second]
        points.split_by_layout &= split_by_layout
    points.success, points.watch = _once(points.success), _once(points.watch)
    if not points.split_by_layout and (first_watch := READ_SPLITS.get(fiche.entry.code)):
        items = points.success + points.watch
        split = next(i for i, text in enumerate(items) if text.startswith(first_watch))
        points.success, points.watch = items[:split], items[split:]
    return points


# Tables whose columns the layout lost and whose watch points are not worded as cautions
# (« Le financement… », « Initier… quitte à en perdre la maîtrise »): the first point de
# vigilance, as an IAE professional reads the table (the doubt on the fiche stays, for
# the PDF to confirm).
READ_SPLITS = {
    "III-1": "Le portage effectif de la mission de DTS",
    "III-10": "Prendre en compte les différentes temporalités",
    "III-13": "Initier des projets territoriaux quitte à en perdre la maîtrise",
    "III-19": "Le statut des personnes en parcours de formation",
}


def _once(texts: list[str]) -> list[str]:
    seen, kept = set(), []
    for text in texts:
        key = text.rstrip(" ;.")
        if key not in seen:
            seen.add(key)
            kept.append(text)
    return kept


def _key_point_columns(lines: list[_Line]) -> tuple[list[str], list[str], bool]:
    """(first column, second column, whether the layout showed where the second starts).

    The second column starts after a line holding one space (a cell's end), else at an
    item indented twice (a bullet opening a cell); when the layout shows neither, at the
    first item worded as a caution or a question.
    """
    items: list[str] = []
    cell_ends: list[bool] = []  # per item: a cell ended just before it
    indents: list[bool] = []
    cell_ended, gap = False, False
    for line in lines:
        if line.blank:
            cell_ended |= line.cell_end and bool(items)
            gap = True
            continue
        if line.bullet or gap or not items:
            items.append(line.text)
            cell_ends.append(cell_ended)
            indents.append(line.indented_bullet)
            cell_ended = False
        else:
            items[-1] += f" {line.text}"
        gap = False
    texts = [_clean_text(text) for text in items]
    for marks in (cell_ends, indents):
        if any(marks[1:]):
            split = marks.index(True, 1)
            return texts[:split], texts[split:], True
    split = next(
        (i for i in range(1, len(texts)) if _opens_second_column(texts[i - 1], texts[i])),
        len(texts),
    )
    return texts[:split], texts[split:], False


def _opens_second_column(previous: str, text: str) -> bool:
    """A caution or a question, or the first capital after items in lower case."""
    return (
        bool(CAUTION.match(text))
        or text.endswith("?")
        or (previous[0].islower() and text[0].isupper())
    )


def _links(fiche: _Fiche) -> list[FicheLinkRecord]:
    """Citations of other fiches, once per (target, kind), in the order of the text."""
    found: list[tuple[str, str]] = []
    for section in fiche.sections:
        if section.role == DIMENSIONS:
            text = " ".join(line.text for line in section.lines)
            found += [(code, "dimension") for code in _cited_codes(text)]
        elif section.role == "pour_aller_plus_loin":
            text = " ".join(line.text for line in section.lines)
            found += [(code, _further_kind(code)) for code in _cited_codes(text)]
        else:
            for unit in _units(section.lines):
                found += [(code, _body_kind(unit, code)) for code in _cited_codes(unit.text)]
    for text in fiche.footnotes:
        found += [(code, "voir_aussi") for code in _cited_codes(text)]
    links, seen = [], set()
    for code, kind in found:
        if code != fiche.entry.code and (code, kind) not in seen:
            seen.add((code, kind))
            links.append(FicheLinkRecord(code, kind))
    return links


def _further_kind(code: str) -> str:
    part = code.split("-", 1)[0]
    return {"II": "methode", "III": "experience"}.get(part, "voir_aussi")


def _body_kind(unit: _Unit, code: str) -> str:
    """An experience cited on a line of its own closes a box that illustrates the fiche."""
    if code.startswith("III-") and _normalise_citations(unit.text).startswith(f"FICHE {code}"):
        return "illustree_par"
    return "voir_aussi"


def _key_points_doubts(fiche: _Fiche, key_points: _KeyPoints, where: str) -> list[str]:
    """What an animator should check in the key points of a fiche, or of its card: `where`
    names the tables (« de la fiche » or « de la fiche III-1 du manuel »)."""
    doubts = []
    if not key_points.split_by_layout:
        doubts.append(
            f"Dans le texte extrait du PDF, le tableau « Clefs de réussite / Points de "
            f"vigilance » {where} a perdu ses deux colonnes : les points de vigilance ont été "
            "reconnus à leur formulation (« Ne pas… », « Veiller… », questions). Vérifier "
            "d'après le PDF quels points sont des clefs de réussite et lesquels des points de "
            "vigilance."
        )
    if fiche.captions:
        titles = " et ".join(f"« {caption} »" for caption in fiche.captions)
        doubts.append(
            f"Les tableaux « Clefs de réussite / Points de vigilance » {where} portent des "
            f"intitulés qui n'ont pas été repris : {titles}. Leurs points sont réunis en une "
            "seule liste ; vérifier à quel tableau chacun appartient."
            if len(fiche.captions) > 1
            else f"Le tableau « Clefs de réussite / Points de vigilance » {where} porte un "
            f"intitulé qui n'a pas été repris : {titles}."
        )
    return doubts


def _fiche_record(fiche: _Fiche, key_points: _KeyPoints) -> FicheRecord:
    entry = fiche.entry
    resource = ResourceRecord(
        key=FICHE_KEY_PREFIX + entry.code.lower(),
        title=fiche.title,
        kind=PART_KINDS[entry.part],
        description=fiche.subtitle,
        publisher=PUBLISHER,
        year=YEAR,
        version_label=VERSION_LABEL,
        version_date=VERSION_DATE,
        collection_key=_part_collection_key(entry.part),
        position=entry.position_in_part,
        source_key=f"fiche-{entry.code}",
    )
    return FicheRecord(
        resource=resource,
        code=entry.code,
        part=entry.part,
        section=entry.section,
        section_title=entry.section_title,
        position=fiche.position,
        blocks=_blocks(fiche),
        success_keys=key_points.success,
        watch_points=key_points.watch,
        links=_links(fiche),
        doubts=_key_points_doubts(fiche, key_points, "de la fiche"),
    )


def _part_collection_key(part: str) -> str:
    return f"{COLLECTION_KEY}-partie-{part.lower()}"


def _collections() -> list[CollectionRecord]:
    manual = CollectionRecord(COLLECTION_KEY, "Manuel de référence DTS, version 1")
    parts = [
        CollectionRecord(
            _part_collection_key(part), f"Partie {part} — {name}", COLLECTION_KEY, position
        )
        for position, (part, name) in enumerate(PART_NAMES.items(), 1)
    ]
    return [manual, *parts]


# -- the keyword index ---------------------------------------------------------------------

INDEX_REFERENCE = r"(?:[IV]+(?:-[A-C])?(?:-\d+)(?:-[a-h])?|Introduction|Edito|Bibliographie)"
# « Alliances (stratégie d'alliance / …) : I-B-1, I-C-1-c, … III-20 »: a name up to the
# colon, then references separated by commas, over as many lines as needed.
INDEX_ENTRY = re.compile(
    rf"(?P<name>[A-ZÉ][^:]*?)\s*:\s*(?P<references>{INDEX_REFERENCE}(?:\s*,\s*{INDEX_REFERENCE})*)"
    r"\s*[.,]?"
)


def _keywords(
    lines: list[_Line], warnings: list[str], titles: dict[str, str] | None = None
) -> list[KeywordRecord]:
    """The index « Quelques mots clefs ».

    The index prints its main references « en gras et en couleur »; the text lost the
    bold, and its references come in the plan's order, not by relevance. What the text
    still tells is a fiche named after the keyword: a reference is primary when the
    fiche's title (`titles`, by code) holds one of the keyword's terms (« Décloisonnement »
    → I-C-2-d « Décloisonnement »); the others stay secondary (`other_fiche_codes`).
    """
    text = " ".join(line.text for line in lines)
    text = text[text.index(").", text.index("pertinentes")) + 2 :]  # after the preamble
    keywords, skipped = [], 0
    for match in INDEX_ENTRY.finditer(text):
        references = re.split(r"\s*,\s*", match.group("references"))
        codes = [reference for reference in references if reference in KNOWN_CODES]
        skipped += len(references) - len(codes)
        name = match.group("name").strip()
        primary = [code for code in codes if _names_keyword(name, (titles or {}).get(code, ""))]
        keywords.append(
            KeywordRecord(
                name,
                primary_fiche_codes=primary,
                other_fiche_codes=[code for code in codes if code not in primary],
            )
        )
    if len(keywords) != EXPECTED_KEYWORDS:
        raise SourceFormatError(f"003: {len(keywords)} index entries, {EXPECTED_KEYWORDS} expected")
    # The bold is said on the source, in its doubts (`INDEX_DOUBT`).
    warnings.append(
        f"Index: {skipped} references to the édito, the introduction or the bibliography "
        "(not fiches) were skipped."
    )
    return keywords


# The manual's own subject, in nearly every title: it names no keyword.
MANUAL_SUBJECT = re.compile(
    r"(?:\b(?:le|du|de|des) )?(?:démarches? de )?développement de territoires solidaires|DTS"
)


def _keyword_terms(name: str) -> list[str]:
    """« Concertation (démarches / lieux de) - dialogue (social) » → its terms, without
    their brackets: [« concertation », « dialogue »]."""
    bare = re.sub(r"\([^()]*\)", " ", name)
    return [_words_key(term) for term in re.split(r" / | - ", bare) if _words_key(term)]


def _words_key(text: str) -> str:
    """Accent-free lower-case words without their plural: « Co-construction » →
    « co construction », « Alliances » → « alliance »."""
    return " ".join(re.sub(r"(?<=\w\w)[sx]$", "", word) for word in _name_key(text).split())


def _names_keyword(name: str, title: str) -> bool:
    words = f" {_words_key(MANUAL_SUBJECT.sub(' ', title))} "
    return bool(title) and any(f" {term} " in words for term in _keyword_terms(name))


INDEX_DOUBT = (
    "Dans l'index « Quelques mots clefs », les renvois principaux étaient imprimés en gras, "
    "ce que le texte a perdu : seuls les renvois vers une fiche dont le titre nomme le mot "
    "clef (« Décloisonnement » → fiche I-C-2-d) sont enregistrés comme principaux, les autres "
    "comme secondaires. Vérifier les renvois principaux d'après le PDF du manuel."
)


# -- the bibliography ----------------------------------------------------------------------

URL = re.compile(r"(?:https?://|www\.)\S+")
QUOTED_TITLE = re.compile(r"«\s*(?P<title>[^«»]+?)\s*»")
YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}\b")
AUTHOR_ORGANISATION = re.compile(r"réalisée? (?:par|avec) (?P<name>[^,.]+)|– (?P<for>[^–,]+) pour ")
PERSON_IN_TEXT = re.compile(
    r"\b([A-ZÉ][a-zéèëï]+(?:-[A-ZÉ][a-zéèëï]+)?) ([A-Z]{2,}(?:[ -][A-Z]{2,})*)\b"
)
PUBLISHER_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z ]+)\)$")
MEMBERS_ONLY = re.compile(r"accessibles? aux adhérents COORACE")
MEMBERS_ONLY_NOTE = re.compile(r"\s*\(accessibles? aux adhérents COORACE\)")
# Capitals after a capitalised word that name no one (« Lettres VITA », « Qualité CEDRE »).
NOT_PEOPLE = {"VITA", "CEDRE", "COORACE"}
# Reserved to CEDRE entreprises; the Manuel Qualité is downloaded from that same guide.
CEDRE_ONLY = re.compile(r"réservé aux entreprises engagées|à partir du Guide pédagogique CEDRE")
RESOURCE_KINDS = [
    (re.compile(r"\bLettres?\b"), "lettre"),
    (re.compile(r"(?i)guide|référentiel|manuel|outil|fiches action|méthodologie"), "guide"),
    (re.compile(r"(?i)working paper|note n°|cahier|propositions"), "etude"),
    (re.compile(r"\bFocus\b"), "article"),
    (re.compile(r"(?i)dispositif|centre de ressources"), "site_web"),
]
COORACE_SECTION = "Des ressources produites par COORACE"
PARTNERS_SECTION = "Des ressources et sites Internet de partenaires"
SOURCE_DOCUMENT_000 = "Recueil d’expériences VITA"


@dataclass
class _BibliographyGroup:
    """Items under one heading: a publisher, or an introduction such as « trois guides
    ont été produits en 2008 »; a URL printed after them goes to those without one."""

    heading: str = ""
    publisher: str = ""
    year: int | None = None
    resources: list[ResourceRecord] = field(default_factory=list)
    partner: OrganisationRecord | None = None  # a partner's heading: its URL is its site


def _bibliography(
    lines: list[_Line], warnings: list[str]
) -> tuple[list[ResourceRecord], list[OrganisationRecord]]:
    resources: list[ResourceRecord] = []
    publishers: list[OrganisationRecord] = []
    group, section = _BibliographyGroup(), "general"
    for text, item in _bibliography_entries(lines):
        if text.startswith(COORACE_SECTION):
            section, group = "coorace", _BibliographyGroup(publisher=PUBLISHER)
        elif text.startswith(PARTNERS_SECTION):
            section, group = "partners", _BibliographyGroup()
        elif URL.fullmatch(text):
            resources += _attach_url(group, text)
        elif SOURCE_DOCUMENT_000 in text:
            warnings.append(
                "Bibliography: « Recueil d'expériences VITA » is document 000 itself "
                "(imported by its own parser), so it is not added again."
            )
            group = _BibliographyGroup(publisher=group.publisher)  # its URL goes with it
        elif section == "partners" and not item:
            partner = _publisher(text)
            group = _BibliographyGroup(text, partner.name, partner=partner)
        elif item or "«" in text or URL.search(text):
            resource = _bibliography_resource(text, group)
            if group.partner and not group.resources:
                publishers.append(group.partner)
            group.resources.append(resource)
            resources.append(resource)
        else:
            year = YEAR_IN_TEXT.search(text)
            publisher = PUBLISHER if section == "coorace" else ""
            group = _BibliographyGroup(text, publisher, int(year.group()) if year else None)
    # Ranked among the resources the bibliography yields, in its order (document 000's
    # entry, not added, takes no rank).
    for rank, resource in enumerate(resources, start=1):
        resource.source_key = f"bibliographie-{rank}"
    return _unique_keys(resources), publishers


def _bibliography_entries(lines: list[_Line]) -> list[tuple[str, bool]]:
    """(text, is a list item) of each paragraph; a line holding only a URL stands alone."""
    entries: list[tuple[str, bool]] = []
    chunk: list[_Line] = []
    for line in lines:
        if URL.fullmatch(line.text):
            entries += [(unit.text, unit.item) for unit in _units(chunk)]
            entries.append((line.text, False))
            chunk = []
        else:
            chunk.append(line)
    return entries + [(unit.text, unit.item) for unit in _units(chunk)]


def _attach_url(group: _BibliographyGroup, text: str) -> list[ResourceRecord]:
    """Gives the URL to the group's items without one; a partner printed with its site
    only gets the site as its resource (returned)."""
    url = _absolute_url(text)
    created = []
    if not group.resources and group.partner:
        created.append(
            ResourceRecord(
                key=_bibliography_key(group.heading), title=group.heading, kind="site_web"
            )
        )
        group.resources += created
    label = group.partner.name if group.partner else ""
    label = f"{label}, {BIBLIOGRAPHY_URL_LABEL}" if label else BIBLIOGRAPHY_URL_LABEL
    for resource in group.resources:
        if not resource.urls:
            resource.urls.append((url, label))
    return created


def _bibliography_resource(text: str, group: _BibliographyGroup) -> ResourceRecord:
    urls = [_absolute_url(url.rstrip(").,")) for url in URL.findall(text)]
    details = URL.sub("", text).strip(" :–-")
    details = re.sub(r"»\d{1,2}(?=[,.;:\s])", "»", details)  # a footnote call, not a digit
    quoted = QUOTED_TITLE.search(details)
    if quoted:
        title = quoted.group("title")
    elif " : " in details and not urls:
        title = details
    else:
        title = re.split(r" – |, | : $", details, maxsplit=1)[0]
    title = MEMBERS_ONLY_NOTE.sub("", title).strip(" :")
    year = YEAR_IN_TEXT.search(details)
    credits = details.replace(quoted.group(), "") if quoted else details.replace(title, "")
    return ResourceRecord(
        key=_bibliography_key(title),
        title=title,
        kind=_resource_kind(text, group),
        description=_clean_text(details) if details != title else "",
        publisher=group.publisher or _publisher_in(details),
        author_organisations=_author_organisations(details),
        author_people=[
            _person(first, last)
            for first, last in PERSON_IN_TEXT.findall(credits)
            if last not in NOT_PEOPLE
        ],
        year=int(year.group()) if year else group.year,
        version_label=_version_label(title),
        access_level=_access_level(text),
        where_to_find=_where_to_find(text),
        urls=[(url, BIBLIOGRAPHY_URL_LABEL) for url in urls],
    )


# The bibliography's addresses are those of 2010: the library says so beside each.
BIBLIOGRAPHY_URL_LABEL = "adresse donnée par le manuel (2010)"


# What a fiche gives of a bibliography entry beyond the bibliography's own line, reviewed:
# (the fiche's words, checked in the text; year, publisher, exact address).
BIBLIOGRAPHY_READ = {
    "manuel-dts-biblio-50-propositions-pour-changer-de-cap": (
        "Parmi les « 50 propositions pour changer de cap » diffusées en décembre 2009 "
        "(www.lelabo-ess.org), le Labo ESS a avancé",
        2009,
        "Labo de l’ESS",
        "",  # its entry gives the page itself
    ),
    "manuel-dts-biblio-gestion-territoriale-des-emplois-et-competences": (
        "Gestion territoriale des emplois et compétences – Focus d’ETD, Mars 2010 : "
        "www.projetdeterritoire.com/index.php/Focus/(focus)/24377",
        2010,
        "",
        "http://www.projetdeterritoire.com/index.php/Focus/(focus)/24377",
    ),
}


def _read_in_fiches(resources: list[ResourceRecord], text: str) -> None:
    """`BIBLIOGRAPHY_READ` on its entries, the fiches' words checked in the text."""
    where = " ".join(text.split())
    for resource in resources:
        if resource.key not in BIBLIOGRAPHY_READ:
            continue
        evidence, year, publisher, url = BIBLIOGRAPHY_READ[resource.key]
        if " ".join(evidence.split()) not in where:
            raise SourceFormatError(f"{CODE}: the manual no longer says « {evidence} »")
        resource.year = resource.year or year
        resource.publisher = resource.publisher or publisher
        if url and url not in [address for address, _ in resource.urls]:
            resource.urls.insert(0, (url, BIBLIOGRAPHY_URL_LABEL))


def _where_to_find(text: str) -> str:
    """What the bibliography says of how to get the resource, beyond its address."""
    text = re.sub(r"\s+", " ", text)
    source = "selon le manuel (2010)"
    if found := re.search(r"téléchargeable à partir du (?P<where>Guide pédagogique CEDRE)", text):
        return (
            f"Téléchargeable à partir du {found.group('where')}, réservé aux entreprises "
            f"engagées dans la démarche Qualité CEDRE, {source}."
        )
    if CEDRE_ONLY.search(text):
        return f"Réservé aux entreprises engagées dans la démarche Qualité CEDRE, {source}."
    if MEMBERS_ONLY.search(text):
        return f"Accessible aux adhérents COORACE, {source}."
    return ""


def _resource_kind(text: str, group: _BibliographyGroup) -> str:
    for source in (text, group.heading):
        for pattern, kind in RESOURCE_KINDS:
            if pattern.search(source):
                return kind
    return "etude"


def _publisher_in(details: str) -> str:
    working_paper = re.search(r"Working paper (?P<name>[A-Z]+)", details)
    return working_paper.group("name") if working_paper else ""


def _author_organisations(details: str) -> list[str]:
    names = []
    for match in AUTHOR_ORGANISATION.finditer(details):
        names.append((match.group("name") or match.group("for")).strip())
    return names


def _version_label(title: str) -> str:
    version = re.search(r"\bVersion \d+", title)
    return version.group() if version else ""


def _access_level(text: str) -> str:
    if CEDRE_ONLY.search(text):
        return "restreint"
    if MEMBERS_ONLY.search(text):
        return "adherents"
    return "public"


def _publisher(heading: str) -> OrganisationRecord:
    match = PUBLISHER_WITH_ACRONYM.match(heading)
    if match:
        return OrganisationRecord(match.group("name"), acronym=match.group("acronym"))
    return OrganisationRecord(heading)


def _absolute_url(url: str) -> str:
    return url if url.startswith("http") else f"http://{url}"


def _bibliography_key(title: str) -> str:
    return BIBLIOGRAPHY_KEY_PREFIX + slug_of(title, CARD_KEY_LENGTH)


def _unique_keys(resources: list[ResourceRecord]) -> list[ResourceRecord]:
    seen: dict[str, int] = {}
    for resource in resources:
        count = seen.get(resource.key, 0) + 1
        seen[resource.key] = count
        if count > 1:
            resource.key = f"{resource.key}-{count}"
    return resources


# -- experience cards (Part III) -----------------------------------------------------------

# Part III writes two associations as one porteur with « et », which no rule can tell
# from a name such as « Erdre et Loire Initiatives »; « & » always joins two.
JOINT_PORTEURS = {"Contact Service et Le Temps du Domicile": ["Contact Service",
                                                              "Le Temps du Domicile"]}  # fmt: skip
ACRONYM_IN_BRACKETS = re.compile(r"^[A-Z][A-Z0-9 &'’-]*$")
NETWORK_PORTEUR = re.compile(r"^(?:Collectif|Groupement)\b")
# « Véronique LE DANTEC », « Jean-François LEBLANC », or the surname first: « PINET Laurent ».
FIRST_NAME = r"[A-ZÉ][a-zéèëïç]+(?:-[A-ZÉ][a-zéèëïç]+)?"
SURNAME = r"[A-Z]{2,}[A-Z’'-]*"
PERSON_NAME = re.compile(
    rf"(?P<first>{FIRST_NAME}) (?P<last>{SURNAME}(?: {SURNAME})*)\b"
    rf"|(?P<last_first>{SURNAME}) (?P<first_after>{FIRST_NAME})\b"
)
ORGANISATION_IN_ROLE = re.compile(r"\b(?:de l’|d’|de )(?P<name>[A-Z]{2,}(?: [A-Z0-9!]+)*)")
INTERCOMMUNAL = re.compile(r"^(?:Pays|Agglomération|Communauté)")
# StructureType values and how the text names them.
STRUCTURE_KINDS = [
    ("ai", r"associations? intermédiaires?"),
    ("ges_ensemblier", r"groupe [ée]conomique solidaire"),
    ("aci", r"ateliers? et chantiers? d’insertion"),
]
WEBSITE = re.compile(r"sur Internet : (?P<url>www\.\S+)")

# Partners and years a Part III fiche gives in its sentences, reviewed against the manual
# (by fiche code; `sources.parsers.reviewed`, as 001's cards): the evidence is checked in
# the fiche's text. Years are the experience's own, not its porteur's creation.
REVIEWED = {
    "III-1": Reviewed(("A partir d’une réflexion partenariale entamée en 2004",), start_year=2004),
    "III-3": Reviewed(
        ("Le Collectif PES est une association 1901 créée en 2008",
         "Le Conseil Régional d’Ile de France lui confie",
         "le partenariat le plus structurant reste celui noué avec le Conseil Régional"),
        partners=(("Conseil Régional d’Ile-de-France", "collectivite"),),
        start_year=2008,
    ),
    "III-4": Reviewed(
        ("elle lance en 2008 le programme d’accompagnement socio-professionnel",
         "partenariat fructueux avec le Centre d’Information sur le Droit des Femmes (CIDF)"),
        partners=(("Centre d’Information sur le Droit des Femmes", "association"),),
        start_year=2008,
    ),
    "III-5": Reviewed(
        ("Débuté en 2008, le projet de Ressourcerie",
         "La régie de Quartier et la Communauté d’agglomération Grenoble-Alpes Métropole "
         "(« La Métro »)",
         "convention cadre tripartite associant les deux opérateurs (ULISSE et la Régie de "
         "Quartier) à la Métro"),
        # The Régie de Quartier co-operates the Ressourcerie; 001 names it (p. 18).
        partners=(("Grenoble Alpes Métropole", "collectivite"),
                  ("Régie de Quartier Villeneuve", "regie_quartier")),
        start_year=2008,
    ),
    "III-8": Reviewed(
        ("Elles créent le collectif CYRCEE 78 en juillet 2009",
         "L’emploi sera porté par la Maison de l’Emploi de Saint Quentin en Yvelines"),
        partners=(("Maison de l’Emploi de Saint-Quentin-en-Yvelines", "autre"),),
        start_year=2009,
    ),
    "III-9": Reviewed(
        ("En 2006, le point de départ est le constat partagé entre plusieurs AI",
         "recrutement mutualisé avec le COORACE PACA-Corse"),
        partners=(("COORACE PACA-Corse", "reseau"),),
        start_year=2006,
    ),
    "III-10": Reviewed(
        ("Une stratégie d’alliances avec le Pays permet notamment que celui-ci porte le projet",),
        partners=(("Pays de Gâtine", "collectivite"),),
    ),
    "III-12": Reviewed(
        ("Dans ce contexte de fragilisation, en 2009, la question du positionnement",
         "dont les statuts sont déposés fin janvier 2010",
         "COORACE et fédération des Centres sociaux décident d’avancer d’abord tous les deux",
         "Au sein du COORACE Pays-de-la-Loire"),
        # The two federations that build the groupement and support it.
        partners=(("Fédération des Centres Sociaux du Maine-et-Loire", "reseau"),
                  ("COORACE Pays de la Loire", "reseau")),
        start_year=2009,
    ),
    "III-15": Reviewed(
        ("La journée de lancement en janvier 2010",), start_year=2010
    ),
    "III-16": Reviewed(
        ("Lancées initialement dans le cadre des expérimentations périphériques au RSA de "
         "l’ANSA, en 2008",),
        start_year=2008,
    ),
    "III-17": Reviewed(
        ("Initiée fin 2008, la première expérimentation doit prendre fin en mars 2011",),
        start_year=2008,
        end_year=2011,
    ),
    "III-18": Reviewed(
        ("Depuis le mois de septembre 2010, prenant acte que les changements",),
        start_year=2010,
    ),
    "III-19": Reviewed(
        ("un groupement solidaire rassemblant E&C, Steredenn et les SCIC ECLIS et ENR",),
        partners=(("Steredenn", "association"), ("SCIC ECLIS", "entreprise"),
                  ("SCIC ENR", "entreprise")),
    ),
}  # fmt: skip


# The territory of a Part III card whose subtitle names only its porteur's région (« Etudes
# et chantiers Bretagne - Pays de la Loire »): the place its text gives, with the words that
# give it (checked in the fiche). A card never gets a whole région unless its scale is one.
PLACES_READ = {
    "III-19": ("sur le territoire du Pays de Dinan", "Pays de Dinan", ["22"]),
}


@dataclass
class _Territory:
    region_as_written: str = ""
    departement_codes: list[str] = field(default_factory=list)
    name: str = ""
    scale: str = ""


class _Territories:
    """Départements and régions (current and pre-2016) by their names, however written."""

    def __init__(self):
        self.departements = {
            _name_key(row["name"]): row["code"] for row in reference.read_rows("departements")
        }
        self.regions = [
            row["name"]
            for name in ("regions", "former_regions")
            for row in reference.read_rows(name)
        ]

    def departement(self, name: str) -> str:
        return self.departements.get(_name_key(name), "")

    def departement_in(self, text: str) -> str:
        """The code of the longest département name written inside `text`."""
        words = f" {_name_key(text)} "
        found = [(len(key), code) for key, code in self.departements.items() if f" {key} " in words]
        return max(found)[1] if found else ""

    def region_in(self, text: str) -> str:
        """The région name written first inside `text`."""
        words = f" {_name_key(text)} "
        found = [
            (words.index(f" {_name_key(name)} "), name)
            for name in self.regions
            if f" {_name_key(name)} " in words
        ]
        return min(found)[1] if found else ""


def _name_key(name: str) -> str:
    """« Bouches du Rhône » and « Bouches-du-Rhône » → « bouches du rhone »."""
    spaced = re.sub(r"[’'-]", " ", name)
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name))


@dataclass
class _Porteur:
    organisations: list[OrganisationRecord]
    territory: _Territory


def _porteur(subtitle: str, territories: _Territories) -> _Porteur:
    """« Groupe ULISSE (Agglomération grenobloise, Isère) » → organisations, territory."""
    brackets = re.findall(r"\(([^()]*)\)", subtitle)
    place = brackets[-1] if brackets and not ACRONYM_IN_BRACKETS.match(brackets[-1]) else ""
    names = subtitle.rsplit(f"({place})", 1)[0] if place else subtitle
    names = names.strip(" -–")
    organisations = [_organisation(name) for name in _porteur_names(names)]
    territory = _territory(place, names, territories)
    for organisation in organisations:
        organisation.departement_code = next(iter(territory.departement_codes), "")
    return _Porteur(organisations, territory)


def _describe_porteur(porteur: _Porteur, fiche: _Fiche, record: FicheRecord) -> None:
    """What the fiche says of its porteur: its kind of structure, its website."""
    blocks = {block.kind: block.body for block in record.blocks}
    presentation = f"{blocks.get('en_bref', '')} {blocks.get('contexte', '')}"
    for organisation in porteur.organisations:
        organisation.structure_types = _structure_types(organisation, presentation)
    text = " ".join(line.text for section in fiche.sections for line in section.lines)
    if website := WEBSITE.search(text):
        porteur.organisations[0].website = _absolute_url(website.group("url"))


def _structure_types(organisation: OrganisationRecord, text: str) -> list[str]:
    """Kinds the text gives the organisation next to its name: « l'association
    intermédiaire AIR », « ULISSE est un Groupe économique solidaire »."""
    if NETWORK_PORTEUR.match(organisation.name):
        return ["reseau"]
    names = {organisation.name, organisation.name.split()[-1], _initials(organisation.name)}
    names = [re.escape(name) for name in names | {organisation.acronym} if len(name) >= 3]
    types = []
    for value, kind in STRUCTURE_KINDS:
        for name in names:
            before = rf"{kind},? (?:\(\w+\) )?{name}\b"
            after = rf"\b{name},? (?:(?:est|sont) (?:une?|deux) )?{kind}"
            if re.search(before, text, re.I) or re.search(after, text, re.I):
                types.append(value)
                break
    return types


def _porteur_names(names: str) -> list[str]:
    if names in JOINT_PORTEURS:
        return JOINT_PORTEURS[names]
    return [name.strip() for name in names.split(" & ")]


def _organisation(name: str) -> OrganisationRecord:
    acronym = re.search(r"\s*\(([A-Z][A-Z0-9 ]+)\)$", name)
    if acronym:
        return OrganisationRecord(name[: acronym.start()], acronym=acronym.group(1))
    return OrganisationRecord(name)


def _territory(place: str, names: str, territories: _Territories) -> _Territory:
    parts = [part.strip() for part in place.split(",")] if place else []
    for position, part in enumerate(parts):
        if code := territories.departement(part):
            others = ", ".join(parts[:position] + parts[position + 1 :])
            return _Territory("", [code], others, _scale(others))
    if region := territories.region_in(names):
        return _Territory(region, [], "", "region")
    if code := territories.departement_in(f"{place} {names}"):
        return _Territory("", [code], place, _scale(place))
    return _Territory()


def _scale(territory_name: str) -> str:
    if not territory_name:
        return "departement"
    return "intercommunalite" if INTERCOMMUNAL.match(territory_name) else ""


def _card(
    fiche: _Fiche, record: FicheRecord, porteur: _Porteur, keywords: list[KeywordRecord]
) -> CardRecord:
    blocks = {block.kind: block.body for block in record.blocks}
    notes = _notes(fiche)
    main, *partners = porteur.organisations
    territory = _place_read(fiche, record.code) or porteur.territory
    reviewed = _reviewed(fiche, record.code)
    return CardRecord(
        key=slug_of(fiche.title, CARD_KEY_LENGTH),
        title=fiche.title,
        porteur=main.name,
        category="reseau" if NETWORK_PORTEUR.match(main.name) else "siae",
        summary=_with_notes(blocks.get("en_bref", ""), notes),
        partners=[partner.name for partner in partners] + [n for n, _ in reviewed.partners],
        contacts=_contacts(fiche, porteur),
        region_as_written=territory.region_as_written,
        departement_codes=territory.departement_codes,
        territory_name=territory.name,
        scale=territory.scale,
        start_year=reviewed.start_year,
        end_year=reviewed.end_year,
        context=_with_notes(blocks.get("contexte", ""), notes),
        actions=_with_notes(blocks.get("experience", ""), notes),
        # What marks the experience is what it achieved: its results, never its levers.
        results=_with_notes(blocks.get("points_marquants", ""), notes),
        points=_points(fiche, record),
        tools=[
            ToolRecord(_footnote_calls(_clean_text(unit.text), notes))
            for unit in _section_units(fiche, "bibliographie")
        ],
        keywords=[keyword.name for keyword in keywords if record.code in keyword.other_fiche_codes],
        fiche_code=record.code,
        # The manual numbers its pages within each fiche: the fiche's code places the card.
        source_key=f"experience-{record.code}",
        # Its levers and obstacles are the fiche's key points: the same doubts.
        doubts=_key_points_doubts(
            fiche, _key_points(fiche), f"de la fiche {record.code} du manuel"
        ),
    )


def _place_read(fiche: _Fiche, code: str) -> _Territory | None:
    """The card's territory as `PLACES_READ` gives it, its evidence checked in the fiche."""
    if code not in PLACES_READ:
        return None
    evidence, name, codes = PLACES_READ[code]
    text = " ".join(line.text for section in fiche.sections for line in section.lines)
    if evidence not in " ".join(text.split()):
        raise SourceFormatError(f"{CODE}: fiche {code} no longer says « {evidence} »")
    return _Territory("", list(codes), name, _scale(name))


def _reviewed(fiche: _Fiche, code: str) -> Reviewed:
    """The fiche's reviewed facts (`REVIEWED`), their evidence checked in its text."""
    reviewed = REVIEWED.get(code, Reviewed(()))
    text = " ".join(line.text for section in fiche.sections for line in section.lines)
    if missing := reviewed.missing_evidence(text):
        raise SourceFormatError(f"{CODE}: fiche {code} no longer says « {missing[0]} »")
    return reviewed


def _reviewed_partners(fiche: _Fiche, porteur: _Porteur) -> list[OrganisationRecord]:
    """The partners `REVIEWED` names, each in its département (`partner_departement`)."""
    return [
        OrganisationRecord(
            name,
            structure_types=[kind],
            departement_code=partner_departement(name, porteur.organisations[0].departement_code),
        )
        for name, kind in REVIEWED.get(fiche.entry.code, Reviewed(())).partners
    ]


def _with_notes(text: str, notes: dict[int, str]) -> str:
    """A card's field with the text of the notes it calls, below it (a card has no notes
    block of its own): « ¹ Les Groupes Economiques Solidaires… »."""
    calls = [
        number
        for number, note in notes.items()
        if str(number).translate(SUPERSCRIPTS) in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text)
    ]
    if not calls:
        return text
    listed = "\n".join(f"- {str(n).translate(SUPERSCRIPTS)} {notes[n]}" for n in calls)
    return f"{text}\n\nNotes :\n\n{listed}"


def _points(fiche: _Fiche, record: FicheRecord) -> list[PointRecord]:
    """Levers: the clefs de réussite; obstacles: the tensions, whole, and the points de
    vigilance (the points marquants are the card's results)."""
    notes = _notes(fiche)
    tensions = [
        PointRecord("frein", _footnote_calls(_clean_text(text), notes), topic)
        for topic, text in _tensions(fiche)
    ]
    return (
        [PointRecord("levier", text, "Clefs de réussite") for text in record.success_keys]
        + tensions
        + [PointRecord("frein", text, "Points de vigilance") for text in record.watch_points]
    )


TENSIONS = "Questionnements et points de tension"


def _tensions(fiche: _Fiche) -> list[tuple[str, str]]:
    """The « questionnements et points de tension » as the fiche gives them: each
    paragraph and each listed item a point, under the sub-heading it stands under.

    An item in lower case completes the sentence before it (« qui mixe des activités :
    marchandes… »): it is joined to it.
    """
    points: list[list[str]] = []  # [topic, text]
    topic = TENSIONS
    for unit in _section_units(fiche, "questionnements"):
        if not unit.item and _is_subheading(unit):
            topic = unit.text
        elif unit.item and unit.text[0].islower() and points:
            points[-1][1] += f" – {unit.text}"
        else:
            points.append([topic, unit.text])
    return [(topic, text) for topic, text in points]


def _section_units(fiche: _Fiche, role: str) -> list[_Unit]:
    return [
        unit for section in fiche.sections if section.role == role for unit in _units(section.lines)
    ]


def _contacts(fiche: _Fiche, porteur: _Porteur) -> list[ContactRecord]:
    """The people of « Pour en savoir plus »: each ends with an e-mail address."""
    text = " ".join(
        line.text for s in fiche.sections if s.role == "en_savoir_plus" for line in s.lines
    )
    contacts: list[ContactRecord] = []
    position = 0
    for email in E_MAIL.finditer(text):
        segment = text[position : email.start()]
        position = email.end()
        names = list(PERSON_NAME.finditer(segment))
        if not names:
            # A second address of the same person (« info@isactys.com
            # (l.lambert@isactys.com) »): the one with their name is theirs.
            person = contacts[-1].person if contacts else None
            if person and _name_key(person.last_name) in _name_key(email.group()):
                person.email = email.group()
            continue
        name = names[-1]
        first = name.group("first") or name.group("first_after")
        last = name.group("last") or name.group("last_first")
        role = segment[name.end() :].strip(" ,-–(")
        person = _person(first, last, role, _person_organisation(role, porteur), email.group())
        contacts.append(ContactRecord(person, "contact"))
    return contacts


def _person(first, last, role="", organisation="", email="") -> PersonRecord:
    return PersonRecord(first, last.title(), role, organisation, email)


def _person_organisation(role: str, porteur: _Porteur) -> str:
    """A member organisation named in the role (« Directeur de GDID »), else the porteur."""
    main = porteur.organisations[0]
    named = ORGANISATION_IN_ROLE.search(role)
    if not named:
        return main.name
    name = named.group("name").strip()
    for organisation in porteur.organisations:
        if name in (organisation.name, organisation.acronym, _initials(organisation.name)):
            return organisation.name
    return name


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


# -- the document --------------------------------------------------------------------------

INTRODUCTION_START = "A qui est-il destiné ?"
INTRODUCTION_END = "Comment a-t-il été construit ?"


def _source(lines: list[_Line]) -> ResourceRecord:
    texts = [line.text for line in lines]
    start, end = texts.index(INTRODUCTION_START), texts.index(INTRODUCTION_END)
    return ResourceRecord(
        key=SOURCE_KEY,
        title="Manuel de référence pour une démarche de Développement de Territoires "
        "Solidaires (DTS) — version 1",
        kind="guide",
        description=_markdown(_units(lines[start + 1 : end])),
        publisher=PUBLISHER,
        year=YEAR,
        version_label=VERSION_LABEL,
        version_date=VERSION_DATE,
        collection_key=COLLECTION_KEY,
        source_key=DOCUMENT_KEY,
        doubts=[INDEX_DOUBT],
    )


def parse(text: str) -> ParsedDocument:
    layout = _layout(text)
    lines = layout.lines
    warnings = [
        "Front matter (édito, introduction, préambule, architecture of the manual) is not "
        "imported; the source's description takes the introduction's « A qui est-il "
        "destiné ? » paragraphs."
    ]
    fiches = _read_fiches(layout, warnings)
    records = _fiche_records(fiches)
    index_start = next(i for i, line in enumerate(lines) if line.text == INDEX_HEADING)
    bibliography_start = next(
        i for i, line in enumerate(lines) if line.text == BIBLIOGRAPHY_HEADING
    )
    titles = {
        record.code: record.resource.title
        + ("" if record.part == "III" else f" {record.resource.description}")
        for record in records
    }  # a Part III fiche's subtitle is its porteur
    keywords = _keywords(lines[index_start:bibliography_start], warnings, titles)
    resources, publishers = _bibliography(lines[bibliography_start + 1 :], warnings)
    _read_in_fiches(resources, text)
    cards, porteurs = _cards(fiches, records, keywords)
    _locate(records, resources, cards)
    return ParsedDocument(
        code=CODE,
        source=_source(lines),
        organisations=_unique_organisations(
            [OrganisationRecord(PUBLISHER), *porteurs, *publishers]
        ),
        collections=_collections(),
        resources=resources,
        fiches=records,
        keywords=keywords,
        cards=cards,
        warnings=warnings,
    )


def _locate(fiches: list[FicheRecord], resources: list[ResourceRecord], cards) -> None:
    """Each record's page in the reader, where the manual is read fiche by fiche
    (`sources.pages`: it has no pagination of its own)."""
    reader = paged(CODE)
    pages = {fiche.code: reader.page_of_key(fiche.code).number for fiche in fiches}
    for fiche in fiches:
        fiche.source_page = fiche.resource.source_page = pages[fiche.code]
    for card in cards:
        card.source_page = pages.get(card.fiche_code)
    for resource in resources:  # the bibliography's entries
        resource.source_page = reader.page_of_key("bibliographie").number


def _fiche_records(fiches: list[_Fiche]) -> list[FicheRecord]:
    """The fiches; a key points table the layout did not split, or whose caption was
    dropped, is a doubt on its fiche."""
    return [_fiche_record(fiche, _key_points(fiche)) for fiche in fiches]


def _cards(
    fiches: list[_Fiche], records: list[FicheRecord], keywords: list[KeywordRecord]
) -> tuple[list[CardRecord], list[OrganisationRecord]]:
    """The experience card of each Part III fiche, and the organisations that carry them."""
    territories = _Territories()
    experiences = [(f, r) for f, r in zip(fiches, records, strict=True) if f.entry.part == "III"]
    porteurs = [_porteur(fiche.subtitle, territories) for fiche, _ in experiences]
    for porteur, (fiche, record) in zip(porteurs, experiences, strict=True):
        _describe_porteur(porteur, fiche, record)
    # Before the cards name them: one spelling per organisation.
    organisations = _unique_organisations(
        [o for porteur in porteurs for o in porteur.organisations]
        + [
            partner
            for porteur, (fiche, _) in zip(porteurs, experiences, strict=True)
            for partner in _reviewed_partners(fiche, porteur)
        ]
    )
    cards = [
        _card(fiche, record, porteur, keywords)
        for porteur, (fiche, record) in zip(porteurs, experiences, strict=True)
    ]
    return cards, organisations


def _unique_organisations(organisations: list[OrganisationRecord]) -> list[OrganisationRecord]:
    """One record per organisation (« Groupe ULISSE » carries two fiches), under the
    spelling with the fewest capitals (« Etudes et chantiers… », not « ETUDES ET… »):
    the first record is kept and renamed in place, so what refers to it follows."""
    unique: dict[str, OrganisationRecord] = {}
    for organisation in organisations:
        key = _name_key(organisation.name).replace(" ", "")
        known = unique.get(key)
        if known is None:
            unique[key] = organisation
            continue
        known.structure_types += [
            t for t in organisation.structure_types if t not in known.structure_types
        ]
        known.website = known.website or organisation.website
        if _capitals(organisation.name) < _capitals(known.name):
            known.name = organisation.name
    return list(unique.values())


def _capitals(name: str) -> int:
    return sum(letter.isupper() for letter in name)
