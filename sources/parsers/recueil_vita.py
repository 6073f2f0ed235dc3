"""Document 000: COORACE's « Recueil d'expériences » of the VITA project (2008).

Layout of the scan: an introduction, then one chapter per working group. A chapter
opens on « ORIGINE » and « OBJECTIFS », holds its experience cards, and closes on a
conclusion page, marked (like the opening page) by the side label « Groupe de travail
VITA accompagné par … ». A card starts on a new page: a title in capitals ending with
its territory in brackets, the porteur, contacts, address, « Tél. », « Email : », a
presentation, then « NOTRE EXPÉRIENCE », « FREINS RENCONTRÉS ET LEVIERS MOBILISÉS »,
« OUTILS ET RESSOURCES » and sometimes « À CONSULTER ÉGALEMENT ».
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.utils.text import slugify

from sources.documents import DOCUMENTS_BY_CODE
from sources.pages import line_pages_000
from sources.parsers.recueil_vita_points import RECOMMENDATION, review_kinds
from sources.parsers.reviewed import Reviewed, partner_departement
from sources.parsers.source_keys import DOCUMENT_KEY
from sources.records import (
    CardLinkRecord,
    CardRecord,
    CollectionRecord,
    ContactRecord,
    GroupRecord,
    ListingRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    PointRecord,
    ProgrammeRecord,
    ResourceRecord,
    SourceFormatError,
    ToolRecord,
)
from sources.repair import (
    Vocabulary,
    clean,
    join_broken_paragraphs,
    join_hyphenated_lines,
    unwrap,
)
from sources.repair.ocr import CleanWords, fix_emails, repair
from territories import reference
from vita.slugs import slug_of

SOURCE_KEY = "recueil-experiences-vita-2008"
PROGRAMME_KEY = "vita-2005-2008"
EXPECTED_GROUPS = 5
EXPECTED_CARDS = 27

# The five groups, in the recueil's order, with the names its introduction gives.
GROUP_NAMES = [
    "Pôles de développement territorial",
    "Commande publique responsable",
    "Services de proximité, emploi et territoire",
    "Égalité des chances femmes / hommes et territoire",
    "Spécificités de l'IAE dans la création d'activités",
]

FOOTER = re.compile(r"(?i)^\s*(?:\d+\s*[|\\=\[]?\s*sommaire|sommaire\s*[|=\[]?\s*\d+)\s*$")
PAGE_START = re.compile(r"^ \S")
ANCHOR_EXPERIENCE = re.compile(r"^\s*NOTRE EXP[EÉ]RIENCE\s*$")
HEADING_FREINS = re.compile(r"^\s*(?:FREINS RENCONTR[EÉ]S|LEVIERS MOBILIS[EÉ]S ET)\s*$")
HEADING_FREINS_NEXT = re.compile(r"^\s*(?:ET LEVIERS MOBILIS[EÉ]S|RECOMMANDATIONS)\s*$")
HEADING_TOOLS = re.compile(r"^\s*OUTILS ET RESSOURCES\s*$")
HEADING_SEE_ALSO = re.compile(r"^\s*A CONSULTER [EÉ]GALEMENT\s*:?\s*$")
SIDE_LABEL = re.compile(r"Groupe de travail VITA accompagn")
PHONE = re.compile(r"(?i)^(?:t[ée]l\.?|s \d+)\s*[:.]?\s*(.+)$")
EMAIL_LINE = re.compile(r"(?i)^(?:e-?mail|s)\b\s*:?\s*(\S+@\S+|\S+)\s*$")
WEBSITE = re.compile(r"(?i)^site(?: internet)?\s*:?\s*(\S+)")
POSTAL_TOWN = re.compile(
    r"\b(\d{2}) ?(\d{3})\s+([A-ZÉÈa-zé][\w' -]+?)(?:\s+Cedex\b\s*(?P<cedex>\d*).*)?$", re.IGNORECASE
)
PERSON = re.compile(
    r"^(?!(?:Le|La|Les|Un|Une|En|Il|Elle|Depuis|Pour|Dans)\b)"  # sentences, not names
    r"(?P<first>[A-ZÉ][a-zçéèëï]+(?:[- ][A-ZÉ][a-zçéèëï]+)?)\s+"
    r"(?P<last>[A-ZÉÈ][A-ZÉÈa-zéè'-]+(?: [A-ZÉÈ][A-ZÉÈ'-]+)*)\s*[,]?\s*(?P<role>.*)$"
)
# Capitals that stay capitals when a title is put in sentence case.
ACRONYMS = frozenset({
    "IAE", "SIAE", "AI", "ACI", "EI", "ETTI", "EITI", "GEIQ", "GES", "ESS", "PLIE", "ANPE", "DLA",
    "SCIC", "SCOP", "PTCE", "RMI", "RSA", "FSE", "BTP", "SAP", "CIP", "ETP", "MDE", "VITA",
    "COORACE", "CEDRE", "BISE", "ALCG", "AMSIC", "ESSOR", "CAI", "EQUAL", "CUCS", "ZUS",
})  # fmt: skip
MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}  # fmt: skip


@dataclass
class _Text:
    """The document's lines, with the page each one is on."""

    lines: list[str]
    pages: list[int | None]


def parse(text: str) -> ParsedDocument:
    words = _clean_words()
    vocabulary = Vocabulary(*_all_documents())
    document = _Text(*_lines_and_pages(text))
    chapters = _chapters(document.lines)
    groups, productions, cards, organisations, spans = [], [], [], {}, []
    collections: list[CollectionRecord] = []
    presented: dict[str, list[tuple[CardRecord, str]]] = {}  # porteur → its cards' presentations
    introduction = "\n".join(document.lines[: chapters[0][0]])
    closing = document.lines[_recueil_conclusion(document.lines) + 1 :]
    facilitators = _facilitators(_fix(introduction, words, vocabulary))
    lines = document.lines
    for position, (start, conclusion, end) in enumerate(chapters, start=1):
        code = f"G{position}"
        anchors = [i for i in range(start, conclusion) if ANCHOR_EXPERIENCE.match(lines[i])]
        card_starts = [_card_start(lines, anchor) for anchor in anchors]
        intro_end = card_starts[0] if card_starts else conclusion
        group, group_productions, group_series = _group(
            code,
            position,
            lines,
            (start, intro_end, conclusion, end),
            facilitators,
            words,
            vocabulary,
        )
        group.source_page = document.pages[start]
        for production in group_productions:  # listed by the chapter's conclusion
            production.source_page = document.pages[conclusion]
        groups.append(group)
        productions += group_productions
        collections += group_series
        bounds = list(zip(card_starts, anchors, [*card_starts[1:], conclusion], strict=True))
        for rank, (card_start, anchor, card_end) in enumerate(bounds, start=1):
            # The card's rank in its group's chapter, not its page: few page footers survived
            # the scan, so pages are counted from the nearest one, dozens of pages away (two
            # cards come out as p. 48 then p. 46), and a corrected footer would move them.
            card, porteur, guessed = _card(
                document, card_start, anchor, card_end, code, words, vocabulary
            )
            card.source_key = f"experience-{code}-{rank}"
            card.listings = [
                ListingRecord(code, card.source_page, f"chapitre {GROUP_NAMES[position - 1]}")
            ]
            card.key = _unique_key(card.key, {c.key for c in cards})
            organisations.setdefault(porteur.name, porteur)
            for member in _reviewed_members(porteur, lines[card_start:card_end]):
                organisations.setdefault(member.name, member)
            presented.setdefault(porteur.name, []).append((card, porteur.description))
            spans.append((card, lines[card_start:card_end], porteur, guessed))
            cards.append(card)
    for name, presentations in presented.items():
        organisations[name].description = _presentation(presentations)
    for record in GROUP_PARTICIPANT_RECORDS:
        organisations.setdefault(record.name, record)
    for group in groups:
        group.member_organisations = _members(group, cards, list(organisations))
    productions += _lettres_vita(cards)
    collections.append(LETTRE_VITA_COLLECTION)
    if len(groups) != EXPECTED_GROUPS or len(cards) != EXPECTED_CARDS:
        raise SourceFormatError(
            f"expected {EXPECTED_GROUPS} groups and {EXPECTED_CARDS} cards, "
            f"found {len(groups)} and {len(cards)}"
        )
    # Reviewed facts once the cards' keys are known to be the document's.
    for card, card_lines, porteur, guessed in spans:
        _apply_reviewed_territory(card, card_lines)
        _apply_tool_sections(card)
        for partner in _apply_reviewed(card, card_lines, porteur):
            organisations.setdefault(partner.name, partner)
        # The kinds no heading gives, read against the scan (`recueil_vita_points`).
        card.points, kinds_guessed = review_kinds(card.source_key, card.points, guessed)
        _recommendations_to_perspectives(card)
        _lead_ins_over_their_items(card)
        for point in card.points:
            if point.topic and point.text[:1].islower():
                # « Un point de vigilance : les relations contractuelles … » (G2-10), « Auprès
                # des élus locaux : » « e une représentation … » (G2-3): under its label, now
                # its topic, the point opens a sentence of its own.
                point.text = point.text[:1].upper() + point.text[1:]
        card.doubts += _cut_sentences(card.points)
        if kinds_guessed:
            card.doubts.append(KINDS_GUESSED)
    programme = _programme(introduction, closing, words, vocabulary)
    programme.source_page = document.pages[0]  # where the recueil's introduction starts
    return ParsedDocument(
        code="000",
        source=_source_resource(),
        programmes=[programme],
        groups=groups,
        organisations=[OrganisationRecord("COORACE", structure_types=["reseau"]),
                       *organisations.values()],
        collections=collections,
        resources=productions,
        cards=cards,
    )  # fmt: skip


def _presentation(presented: list[tuple[CardRecord, str]]) -> str:
    """The porteur's presentation in the recueil. Two cards present Espace CENTREMPLOI, two
    the COORACE Midi-Pyrénées, each in its own words: the same words are kept once (as the
    later card prints them), different ones each under its card (« 6 Associations de
    Services aux Personnes » on one, « 7 (avec l'Aquitaine) » on the other)."""
    distinct: dict[str, tuple[CardRecord, str]] = {}
    for card, text in presented:
        if text:
            distinct[_plain(text).replace(" ", "")] = (card, text)
    if len(distinct) < 2:
        return next((text for _card, text in distinct.values()), "")
    return "\n\n".join(
        f"*Fiche « {card.title} »{f' (p. {card.source_page})' if card.source_page else ''} :*"
        f"\n\n{text}"
        for card, text in distinct.values()
    )


# -- the text -------------------------------------------------------------------------


def _all_documents() -> list[str]:
    return [d.path.read_text(encoding="utf-8") for d in DOCUMENTS_BY_CODE.values()]


def _clean_words() -> CleanWords:
    """Words of the documents that were typed, not scanned (002, 003, 004)."""
    return CleanWords(
        *(DOCUMENTS_BY_CODE[c].path.read_text(encoding="utf-8") for c in ("002", "003", "004")),
        scanned=DOCUMENTS_BY_CODE["000"].path.read_text(encoding="utf-8"),
    )


def _lines_and_pages(text: str) -> tuple[list[str], list[int | None]]:
    """Lines without page footers, each with its page as the portal's reader numbers it
    (`sources.pages`: footers where they survived, estimated between them)."""
    raw = text.splitlines()
    numbers = line_pages_000(raw)
    lines, pages = [], []
    for line, page in zip(raw, numbers, strict=True):
        if FOOTER.match(line):
            continue
        lines.append(line)
        pages.append(page)
    return lines, pages


def _fix(text: str, words: CleanWords, vocabulary: Vocabulary) -> str:
    text = re.sub(r"\bI'(?=[A-Za-zÀ-ÿ])", "l'", text)
    return clean(repair(text, words), vocabulary)


def _markdown(lines: list[str], words: CleanWords, vocabulary: Vocabulary) -> str:
    kept = "\n".join(line for line in lines if not SIDE_LABEL.search(line))
    # « Dom’inno » « - Vaucluse (84) », « partenariat public » « - privé »: a spaced hyphen
    # the line break put first, inside a phrase, is no list item.
    kept = re.sub(r"(?<=[a-zà-ÿœ”])\n- (?=\S)", " - ", kept)
    # Words cut at line ends are mended first, so the repairs see whole words.
    joined = join_hyphenated_lines(kept, vocabulary)
    body = join_broken_paragraphs(unwrap(_fix(joined, words, vocabulary), vocabulary))
    return _headings(_join_dates(body))


# « … se termineront fin » + « 2008. Ils sont … », « (mars - décembre » + « 2006) »: a date
# the scan's double spacing cut before its year, which is no list number nor a new paragraph.
DATE_CUT = re.compile(rf"(?i)\b(?:fin|début|mi|{'|'.join(MONTHS)})$")


def _join_dates(markdown: str) -> str:
    blocks: list[str] = []
    for block in markdown.split("\n\n"):
        if blocks and DATE_CUT.search(blocks[-1]) and re.match(r"(?:1[89]|20)\d\d\b", block):
            blocks[-1] = f"{blocks[-1]} {block}"
        else:
            blocks.append(block)
    return "\n\n".join(blocks)


def _headings(markdown: str) -> str:
    """Short unpunctuated paragraphs between paragraphs are the recueil's subheadings."""
    blocks = markdown.split("\n\n")
    for index, block in enumerate(blocks):
        single_line = "\n" not in block and not block.startswith("- ")
        unpunctuated = 3 < len(block) < 90 and not re.search(r"[.:;,!?»\]]$", block)
        if single_line and unpunctuated and index + 1 < len(blocks) and block[0].isupper():
            blocks[index] = f"### {block}"
    return "\n\n".join(blocks)


# -- structure ------------------------------------------------------------------------


def _chapters(lines: list[str]) -> list[tuple[int, int, int]]:
    """(start, conclusion start, end) of each group's chapter."""
    origins = [i for i, line in enumerate(lines) if re.search(r"\bORIGINE\s*$", line)]
    closing_page = _recueil_conclusion(lines)
    labels = [i for i, line in enumerate(lines) if SIDE_LABEL.search(line)]
    # A chapter starts on the page of its « ORIGINE », which carries the group's name.
    starts = [_page_start_before(lines, origin) for origin in origins]
    chapters = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else closing_page
        closing = [i for i in labels if start + 10 < i < end]
        if not closing:
            raise SourceFormatError(f"chapter {number + 1}: no conclusion page found")
        conclusion = _page_start_before(lines, closing[-1])
        chapters.append((start, conclusion, end))
    return chapters


def _recueil_conclusion(lines: list[str]) -> int:
    """The recueil's own conclusion, after the last chapter (or the end)."""
    return next(
        (i for i in range(len(lines) - 1, 0, -1) if re.fullmatch(r"\s*Conclusion\s*", lines[i])),
        len(lines),
    )


def _page_start_before(lines: list[str], index: int) -> int:
    while index > 0 and not PAGE_START.match(lines[index]):
        index -= 1
    return index


TITLE_TERRITORY = re.compile(r"\([A-ZÉÈÀÂÔÎ’' -]{3,}\)\s*$")


def _card_start(lines: list[str], anchor: int) -> int:
    """The card's first line: the top of its title, found from its « (TERRITOIRE) »."""
    index = anchor - 1
    while index > anchor - 80 and not (
        TITLE_TERRITORY.search(lines[index]) and _is_title_line(lines[index])
    ):
        index -= 1
    if index > anchor - 80:
        while (
            index > 0
            and (not lines[index - 1].strip() or _is_title_line(lines[index - 1]))
            and not HEADING_TOOLS.match(lines[index - 1])
        ):
            index -= 1
        while not lines[index].strip():
            index += 1
        return index
    # No territory in brackets: the card starts on a new page.
    start = _page_start_before(lines, anchor)
    if not any(re.search(r"(?i)^\s*(t[ée]l|e-?mail)", line) for line in lines[start:anchor]):
        start = _page_start_before(lines, start - 1)
    return start


def _previous_text(lines: list[str], index: int) -> str:
    while index > 0 and not lines[index].strip():
        index -= 1
    return lines[index]


def _is_title_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.7


# -- working groups -------------------------------------------------------------------


GROUP_INTRODUCTIONS = [r"P[ôo]les de d", r"Commande publique", r"Services de proximit",
                       r"galit[ée] des chances", r"Sp[ée]cificit[ée]s de"]  # fmt: skip


def _facilitators(introduction: str) -> dict[str, tuple[list[ContactRecord], str, str]]:
    """From « Commande publique responsable, accompagné par Patrick LOQUET, …, de
    décembre 2006 a février 2008 »: the people and the period of each group."""
    flat = re.sub(r"\s+", " ", re.sub(FOOTNOTE_CALL, "", introduction))
    found = {}
    for position, opening in enumerate(GROUP_INTRODUCTIONS, start=1):
        match = re.search(
            rf"{opening}[^.]*?accompagné par (?P<people>.+?) de (?P<from>\w+ \d{{4}}) "
            rf"(?:a|à) (?P<to>\w+ \d{{4}})",
            flat,
        )
        if match is None:
            found[f"G{position}"] = ([], "", "")
            continue
        found[f"G{position}"] = (
            _people(match.group("people")),
            match.group("from"),
            match.group("to"),
        )
    return found


def _people(text: str) -> list[ContactRecord]:
    contacts = []
    # « et » between two people, not inside a role (« Université de Valenciennes et du
    # Hainaut Cambrésis et membre du CNIAE »)
    person = r"[A-Z][a-zé]+(?:[ -][A-Z][a-zé]+)? (?:Le |LE )?[A-Z]{2,}"
    for chunk in re.split(rf",? et (?={person})|,? avec l'appui de ", text):
        match = re.match(
            r"(?P<first>[A-Z][\w-]+(?: [A-Z][a-z][\w-]+)?) "
            r"(?P<last>(?:Le |LE )?[A-Z][A-Za-z' -]+?[a-zA-Z])(?:,|$) ?(?P<role>.*)",
            chunk.strip(),
        )
        if not match:
            continue
        role = match.group("role").strip(" ,’'")
        organisation = _organisation_in_role(role)
        contacts.append(
            ContactRecord(
                PersonRecord(match.group("first"), _surname(match.group("last")), role=role,
                             organisation=organisation),
                role="facilitator",
                organisation=organisation,
            )
        )  # fmt: skip
    return contacts


def _organisation_in_role(role: str) -> str:
    university = re.search(r"\b(Université de [^,]+?)(?: et membre\b|,|$)", role)
    if university:  # his employer; the CNIAE is a body he sits on
        return university.group(1)
    for organisation in ("COORACE", "Extra Muros", "PERFEGAL", "CNIAE"):
        if organisation.lower() in role.lower():
            return organisation
    match = re.search(r"\(([A-Z]{3,})\)", role)
    return match.group(1) if match else ""


def _month(text: str) -> date | None:
    match = re.match(r"(\w+) (\d{4})", text or "")
    if not match or match.group(1).lower() not in MONTHS:
        return None
    return date(int(match.group(2)), MONTHS[match.group(1).lower()], 1)


def _notes_with_their_calls(origin: str, objectives: str) -> tuple[str, str]:
    """The notes printed at the foot of a chapter's first page follow the objectives in
    the scan; a note whose call is in the origin (G2's three guides) goes after it."""
    blocks = objectives.split("\n\n")
    text = "\n\n".join(block for block in blocks if not FOOTNOTE.match(block))
    moved = [
        block
        for block in blocks
        if FOOTNOTE.match(block) and block[0] in origin and block[0] not in text
    ]
    if not moved:
        return origin, objectives
    kept = [block for block in blocks if block not in moved]
    return "\n\n".join([origin, *moved]), "\n\n".join(kept)


# A group whose chapter gives another period than the introduction's list: the chapter's,
# reviewed, with the words that give it and a doubt that says what the list printed. G5
# was proposed « le 30 mars 2007 » and met « de juin 2007 à février 2008 » (p. 139); the
# introduction (p. 7) prints « de juin 2006 à février 2008 ».
REVIEWED_GROUP_PERIODS = {
    "G5": ("juin 2007", "février 2008", "de juin 2007 a février 2008, co-animées par"),
}


def _group(code, position, lines, bounds, facilitators, words, vocabulary):
    """The group of a chapter, and the productions its conclusion lists."""
    start, intro_end, conclusion, end = bounds
    contacts, period_from, period_to = facilitators.get(code, ([], "", ""))
    doubts = []
    if code in REVIEWED_GROUP_PERIODS:
        chapter_from, chapter_to, evidence = REVIEWED_GROUP_PERIODS[code]
        if Reviewed((evidence,)).missing_evidence("\n".join(lines[start:end])):
            raise SourceFormatError(f"000: group {code} no longer says « {evidence} »")
        doubts.append(
            f"Période : le chapitre du groupe dit « de {chapter_from} à {chapter_to} », "
            f"l'introduction « de {period_from} à {period_to} » ; celle du chapitre est retenue."
        )
        period_from, period_to = chapter_from, chapter_to
    group_name = GROUP_NAMES[position - 1]
    opening = _strip_side_column(lines[start:intro_end], contacts, group_name)
    opening = [line for line in opening if not _is_page_furniture(line, group_name)]
    # The first card's title may start on the chapter's last page: not the objectives'.
    while opening and (not opening[-1].strip() or _is_title_line(opening[-1])):
        opening.pop()
    origin_at = next(i for i, line in enumerate(opening) if re.search(r"\bORIGINE\s*$", line))
    intro = opening[origin_at:]
    objectives_at = next(
        (i for i, line in enumerate(intro) if re.match(r"^\s*OBJECTIFS\s*$", line)), len(intro)
    )
    conclusion_lines = [
        re.sub(r"\s+CONCLUSION\s*$", "", line)  # the side label of the conclusion pages
        for line in _strip_side_column(lines[conclusion:end], contacts, group_name)
        if not _is_page_furniture(line, group_name)
    ]
    conclusion_lines = _parted_paragraphs(conclusion_lines)
    productions, series = _productions(code, conclusion_lines, contacts, words, vocabulary)
    origin, objectives = _notes_with_their_calls(
        _markdown(
            _glued_headings(intro[1:objectives_at], words, vocabulary, 82), words, vocabulary
        ),
        _markdown(
            _glued_headings(intro[objectives_at + 1 :], words, vocabulary, 82), words, vocabulary
        ),
    )
    group = GroupRecord(
        code=code,
        name=group_name,
        programme_key=PROGRAMME_KEY,
        kind="groupe_travail",
        position=position,
        period_start=_month(period_from),
        period_end=_month(period_to),
        period_label=f"de {period_from} à {period_to}" if period_from else "",
        # The chapters' pages print their text across the page (about 90 characters a
        # line), not in columns: a subheading is a shorter line.
        origin=origin,
        objectives=objectives,
        conclusions=_outlined(
            _subheadings(
                _markdown(
                    _glued_headings(conclusion_lines, words, vocabulary, 82), words, vocabulary
                )
            ),
            words,
            vocabulary,
        ),
        contacts=[*contacts, *_co_facilitators(conclusion_lines, contacts, facilitators)],
        production_keys=[resource.key for resource in productions],
        doubts=doubts,
    )
    return group, productions, series


# « Elles ont été co-animées par Guy Michel, directeur de … (ADSP) et Anne-Claire Pignal
# (COORACE). »: a person named in full, with her structure in brackets.
CO_FACILITATED = re.compile(r"co-anim\w+ par (?P<people>[^.]+)")
NAMED_IN_TEXT = re.compile(
    r"(?P<first>[A-Z][a-zé]+(?:[ -][A-Z][a-zé]+)?) (?P<last>(?:Le )?[A-Z][a-zé]+)"
    r"(?:, [^()]+?)? \((?P<organisation>[^)]+)\)"
)


def _co_facilitators(conclusion_lines, contacts, facilitators) -> list[ContactRecord]:
    """Who the conclusion says co-facilitated the group's meetings besides those its side
    column names (G3's and G5's « co-animées par … et Anne-Claire Pignal (COORACE) »),
    as the introduction presents them (« Anne Claire PIGNAL, chef de projet VITA au
    COORACE »). A structure (« co-animées par Extra Muros et le COORACE ») is no person."""
    flat = re.sub(r"\s+", " ", " ".join(conclusion_lines))
    known = {
        _plain(f"{c.person.first_name} {c.person.last_name}"): c
        for people, _, _ in facilitators.values()
        for c in people
    }
    present = {_plain(f"{c.person.first_name} {c.person.last_name}") for c in contacts}
    added = []
    for sentence in CO_FACILITATED.finditer(flat):
        for named in NAMED_IN_TEXT.finditer(sentence.group("people")):
            key = _plain(f"{named.group('first')} {named.group('last')}")
            if key in present:
                continue
            present.add(key)
            introduced = known.get(key)
            if introduced is not None:
                person = replace(introduced.person)
                organisation = introduced.organisation
            else:
                organisation = named.group("organisation")
                person = PersonRecord(named.group("first"), named.group("last"),
                                      organisation=organisation)  # fmt: skip
            added.append(ContactRecord(person, role="facilitator", organisation=organisation))
    return added


# « 4.1. Les apports du groupe de travail »: a numbered part of a section.
NUMBERED_PART = re.compile(r"\d\.\d\.\s+[A-ZÀ-Ý][^.:;!?]{3,80}")
# « Fiches techniques et juridiques … de Patrick Loquet, … : » and its list of fiches.
SERIES = re.compile(r"Fiches\b.*:$")


def _outlined(markdown: str, words: CleanWords, vocabulary: Vocabulary) -> str:
    """A conclusion's headings at the levels a reader expects, the same in the five groups.

    The recueil prints a conclusion's sections in capitals (« LES ÉLÉMENTS D'EVALUATION »,
    « PRODUCTIONS PROPOSÉES PAR LE GROUPE DE TRAVAIL ») and their parts in small letters
    (« La permanence et l'assiduité », G3's « 4.1. Les apports du groupe de travail »): a
    section is a heading of the third level, in sentence case (the words as printed, not
    shouted), a part one of the fourth. The productions' heading is a section in every group
    (G1 prints it in small letters), and the productions it lists, each under its title,
    are its parts, at one level (G2's « Cahier des charges … » was a paragraph beside the
    heading « Dispositif de sensibilisation … », G5's « Une note … » beside « Un document
    cadre … »).
    """
    blocks = markdown.split("\n\n")
    outlined: list[str] = []
    in_section = in_productions = False
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else ""
        heading = block.removeprefix("### ") if block.startswith("### ") else ""
        shouted = heading and not re.search(r"[a-zà-ÿ]", heading)
        if heading and (shouted or PRODUCTIONS_HEADING.match(heading.upper())):
            in_section, in_productions = True, bool(PRODUCTIONS_HEADING.match(heading.upper()))
            outlined.append(
                f"### {_title_case(heading, vocabulary, words) if shouted else heading}"
            )
        elif heading:
            outlined.append(f"{'####' if in_section else '###'} {heading}")
        elif in_section and NUMBERED_PART.fullmatch(block):
            outlined.append(f"#### {block}")
        elif in_productions and DOCUMENT_NOUN.match(block) and ". " in block.rstrip("."):
            # « Cahier des charges pour … des clauses sociales. Dans l'objectif de … »: the
            # title, then what it is.
            title, rest = block.split(". ", 1)
            outlined += [f"#### {title}", rest]
        elif in_productions and not block.startswith("- ") and _is_production_title(block):
            outlined.append(f"#### {block.rstrip(' .')}")
        elif in_productions and SERIES.match(block) and following.startswith("- "):
            # « Fiches techniques … de Patrick Loquet, mises à la disposition … : »: a series
            # of productions, titled by its name.
            name, _, rest = block.partition(", ")
            outlined += [f"#### {name}", rest[:1].upper() + rest[1:]] if rest else [block]
        else:
            outlined.append(block)
    return "\n\n".join(outlined)


# The structures a group's text says took part in it besides the porteurs of its cards
# (reviewed, read in each chapter): (the organisation, the words that name it there).
GROUP_PARTICIPANTS = {
    # p. 26: « la CRESS Rhône-Alpes et les COORACE Franche-Comté, PACA-Corse et Rhône-Alpes
    # se sont également prêtés à l'exercice de coproduction ».
    "G1": [
        ("CRESS Rhône-Alpes", "la CRESS Rhône-Alpes et les COORACE"),
        ("COORACE Franche-Comté", "COORACE Franche-Comté, PACA-Corse et Rhône-Alpes"),
        ("COORACE PACA-Corse", "COORACE Franche-Comté, PACA-Corse et Rhône-Alpes"),
        ("COORACE Rhône-Alpes", "COORACE Franche-Comté, PACA-Corse et Rhône-Alpes"),
    ],
    # p. 69: the SIAE that brought the group its cases (« ESSOR : Association Intermédiaire -
    # Nanterre »), ESSOR's card being in G4.
    "G2": [("ESSOR", "ESSOR : Association Intermédiaire")],
    # p. 104: « Actions et projets des membres du groupe de travail », Rhuys Emplois' card
    # being in G5.
    "G3": [("Rhuys Emplois", "Rhuys Emplois (Association Intermédiaire - AI)")],
    # p. 118: « Ce groupe de travail a réuni différents acteurs de l'insertion … ».
    "G4": [
        ("ACCÈS REAGIS", "ACCÈS REAGIS, Association Intermédiaire"),
        ("INSERETZ", "INSERETZ (AI du Pays de Retz)"),
        ("PACTES", "PACTES (AI sur la zone"),
        ("LA PASSERELLE", "LA PASSERELLE (AI sur le Pays de Guérande)"),
        ("Les Bâtisseuses", "Les Bâtisseuses (Rennes)"),
        ("COORACE Bretagne", "Les COORACE Bretagne et Pays de Loire"),
        ("COORACE Pays de la Loire", "Les COORACE Bretagne et Pays de Loire"),
    ],
    # p. 148: the first four projects the group started from (« AIDE EMPLOI SERVICES,
    # Association Intermédiaire (Redon …) », « L'AMSIC de Rennes … »).
    "G5": [
        ("AIDE EMPLOI SERVICES", "AIDE EMPLOI SERVICES, Association Intermédiaire (Redon"),
        (
            "AMSIC - Association Maison des Squares Solidarité Interculturel Citoyenneté",
            "L'AMSIC de Rennes, association des usagers de la Maison des Squares",
        ),
    ],
}
# Porteurs of a chapter's cards its text presents as outside experiences or testimonies
# of partners, not as members of the group: G2's « expériences innovantes extérieures »
# (p. 69: the CRES mission of the inter-réseaux, the Pas-de-Calais's and Nantes
# Métropole's schemes), G3's « témoignages de partenaires d'actions » (p. 104: Anjou
# Domicile), with the words that say so.
GROUP_OUTSIDE_PORTEURS = {
    "G2": (
        "expériences innovantes extérieures",
        ("Conseil Général du Pas-de-Calais", "Nantes Métropole",
         "Inter-réseaux IAE des Pays de la Loire"),
    ),
    "G3": ("Des témoignages de partenaires d'actions", ("Anjou Domicile",)),
}  # fmt: skip
# Those no card of the recueil presents, as the chapters name them: the AI of the bassin
# d'emploi de Saint-Nazaire (Loire-Atlantique), the Rennes association, two COORACE régionaux.
GROUP_PARTICIPANT_RECORDS = [
    OrganisationRecord("COORACE Franche-Comté", structure_types=["reseau"]),
    OrganisationRecord("ACCÈS REAGIS", structure_types=["ai"], town="Savenay",
                       departement_code="44"),
    OrganisationRecord("INSERETZ", structure_types=["ai"], departement_code="44"),
    OrganisationRecord("PACTES", structure_types=["ai"], departement_code="44"),
    OrganisationRecord("LA PASSERELLE", structure_types=["ai"], departement_code="44"),
    OrganisationRecord("Les Bâtisseuses", structure_types=["association"], town="Rennes",
                       departement_code="35"),
    OrganisationRecord("COORACE Bretagne", structure_types=["reseau"]),
]  # fmt: skip


def _members(group: GroupRecord, cards: list[CardRecord], known: list[str]) -> list[str]:
    """A group's member structures: the porteurs of the cards its chapter presents (each
    was accompanied by it), but those it presents as outside experiences
    (`GROUP_OUTSIDE_PORTEURS`), then the structures its text says took part
    (`GROUP_PARTICIPANTS`), where the text still names them so, each by the name of the
    organisation the document gives (« JURA SERVICE » or « Jura Service »)."""
    text = re.sub(r"\s+", " ", f"{group.origin} {group.objectives} {group.conclusions}")
    porteurs = [
        card.porteur for card in cards if card.source_key.startswith(f"experience-{group.code}-")
    ]
    words, outside = GROUP_OUTSIDE_PORTEURS.get(group.code, ("", ()))
    if outside and (words not in text or not set(outside) <= set(porteurs)):
        raise SourceFormatError(f"000: group {group.code} no longer says « {words} »")
    porteurs = [porteur for porteur in porteurs if porteur not in outside]
    by_letters = {_plain(name): name for name in known}
    named = [
        by_letters.get(_plain(name), name)
        for name, words in GROUP_PARTICIPANTS.get(group.code, [])
        if words in text
    ]
    return list(dict.fromkeys([*porteurs, *named]))


def _parted_paragraphs(lines: list[str]) -> list[str]:
    """A conclusion's lines, with the blank line the scan lost before a paragraph.

    After a sentence's full stop, a short lead-in on a capital is a paragraph of its own
    (« … du développement territorial. » « Les événements, leviers, opportunités et
    freins : »); so is the sentence on a capital after the last item of a list whose
    items end on « ; » (« - … mission d'Extra Muros ; » « - … mission de PERFEGAL. »
    « Cette articulation a évolué … »).
    """
    parted: list[str] = []
    listed = False  # the item being read follows one ending on « ; »
    for line in lines:
        text = line.strip()
        previous = parted[-1].strip() if parted else ""
        if SCANNED_BULLET.match(text):
            last = next((t.strip() for t in reversed(parted) if t.strip()), "")
            listed = last.endswith(";")
        elif previous.endswith(".") and re.match(r"[A-ZÀ-Ý]", text):
            lead_in = len(text) < 60 and re.search(r"\s:$", text)
            if lead_in or (listed and SCANNED_BULLET.match(previous)):
                parted.append("")
                listed = False
        parted.append(line)
    return parted


def _is_page_furniture(line: str, group_name: str) -> bool:
    """A page number, the side label « CONCLUSION », or the running header of a chapter's
    pages: its group's name, on one line or two (« Pôles de développement » / « territorial »)."""
    if re.fullmatch(r"\s*(?:\d{1,3}|CONCLUSION)\s*", line):
        return True
    if re.search(r"[:;.]\s*$", line):
        return False  # « développement territorial : » ends a sentence of the text
    plain, name = _plain(line), _plain(group_name)
    return bool(plain) and bool(re.match(rf"{plain}\b|.*\b{plain}$", name))


SIDE_COLUMN_DEPTH = 16  # lines of a chapter page that the side column runs along
SIDE_LABEL_PHRASE = re.compile(r"Groupe de travail VITA accompagn\w*(?: par)?")
SIDE_WORDS = {"par", "et", "avec", "appui", "de", "l", "u", "consultant", "consultante",
              "co", "gerante", "directeur", "directrice", "maitre", "conference"}  # fmt: skip


def _strip_side_column(lines: list[str], contacts: list[ContactRecord], group: str) -> list[str]:
    """Remove the side column of a chapter's opening or closing page from its text.

    Those pages print, down their left side, the group's name and « Groupe de travail
    VITA accompagné par » its facilitators with their roles; the scan interleaves that
    column with the text, line by line. What is left of it is cut out by what it says.
    """
    people = [rf"{re.escape(c.person.first_name)}\s+{re.escape(c.person.last_name.upper())}"
              for c in contacts]  # fmt: skip
    mention = re.compile(
        rf"(?:(?:par|et|avec (?:l'|U|l)?appui de)\s+)?(?:{'|'.join(people) or '(?!)'})"
        r"(?:\s*\([^)]*\))?,?"
    )
    side_words = SIDE_WORDS | {
        word for c in contacts for word in _plain(f"{c.person.role} {c.organisation}").split()
    } | set(_plain(group).split())  # fmt: skip
    kept = []
    for number, line in enumerate(lines):
        if number < SIDE_COLUMN_DEPTH and not line.strip():
            # A blank line parts paragraphs after a sentence or a heading; else it is the
            # double spacing of the scan, inside a sentence (« Anne Claire » / « Pignal »).
            previous = kept[-1].strip() if kept else ""
            if re.search(r"[.:;?!]$", previous) or _is_title_line(previous) or len(previous) < 40:
                kept.append(line)
            continue
        # « … d'un pôle de » « développement territorial : »: the group's name in the
        # text, ending the sentence the line before left open, is no side column; nor is
        # its end after the line that printed its start (« co-initiateurs de pôles » « de
        # développement territorial (Groupe »).
        previous = next((text.strip() for text in reversed(kept) if text.strip()), "")
        continued = (
            _MID_PHRASE_END.search(previous) and re.search(r"[:.;,]\s*$", line)
        ) or _name_goes_on(previous, line, group)
        # Lower on the page, the label « Groupe de travail VITA accompagné par » may stand
        # alone, its facilitators on the next line (« Nicolas PHILIPPE Consultant … »).
        raw_before = next((text for text in reversed(lines[:number]) if text.strip()), "")
        under_label = bool(SIDE_LABEL_PHRASE.search(raw_before)) and bool(mention.search(line))
        if (number < SIDE_COLUMN_DEPTH or under_label) and not continued:
            line = mention.sub("", SIDE_LABEL_PHRASE.sub("", line))
            line = _strip_side_words(line, side_words)
            if re.fullmatch(r"[\W\d]*", line) or set(_plain(line).split()) <= side_words:
                continue
        kept.append(line)
    return [line for line in kept if not re.fullmatch(r"\s*[A-Za-zé]{1,3}\s*[.]?\s*", line)]


def _name_goes_on(previous: str, line: str, group: str) -> bool:
    """The line goes on with the group's name that the previous line started, and more."""
    name = _plain(group).split()
    before, after = _plain(previous).split(), _plain(line).split()
    return any(
        before[-cut:] == name[:cut] and after[: len(name) - cut] == name[cut:]
        and len(after) > len(name) - cut
        for cut in range(1, len(name))
    )  # fmt: skip


def _strip_side_words(line: str, side_words: set[str]) -> str:
    """Drop a run of two or more side-column words, or a garbled one, that starts the line."""
    words = line.split()
    if words and words[0] in {"¢", "•", "®", "*"}:
        return line  # a list item's bullet, as the scan read it (« ¢ Desacteurs de … »)
    run = 0
    while run < len(words) and (_plain(words[run]) in side_words or _garbled(words[run])):
        run += 1
    if run >= 2 or (run == 1 and _garbled(words[0])):
        return " ".join(words[run:])
    return line


def _garbled(word: str) -> bool:
    """« teﬂ'ltorlal », « TESPOHSGble », « tel'rltOlre »: no word of any language."""
    return bool(
        re.search(r"[^A-Za-zÀ-ÖØ-öø-ÿœŒ\d'’,.:;()«»“”!?-]", word)  # « teﬂ'ltorlal »
        # (an elision before a capital is no damage: « lAlliance »)
        or re.search(r"[a-zé][A-Z]|[A-Z]{3,}[a-z]{2,}", re.sub(r"^[lLdD](?=[A-Z])", "", word))
        or re.search(r"[a-z]'[a-z]{2,}[A-Z]", word)
    )


GROUP_MADE = re.compile(r"(?i)\b(?:réalisé|élaboré|produit)e?s?\b")
PRODUCTIONS_HEADING = re.compile(r"^\s*(?:LES )?PRODUCTIONS\b|^\s*Les productions réalisées")
NARRATIVE = re.compile(r"\b(?:a|ont|est|sont|s'est|ont été|peuvent|permet)\b")


# « deux documents proposés par Extra Muros et adaptés … »: who made the productions.
MADE_BY = re.compile(
    r"\b(?:proposée?s?|réalisée?s?|élaborée?s?|produite?s?) par (?P<name>[A-Z][\w'’-]*"
    r"(?: [A-Z][\w'’-]*)*)"
)


@dataclass
class _Production:
    title: str
    description: list[str]
    people: list[PersonRecord]
    organisations: list[str]
    series: str = ""  # the key of the collection of a list of fiches


def _productions(
    code: str, lines: list[str], contacts, words, vocabulary
) -> tuple[list[ResourceRecord], list[CollectionRecord]]:
    """The documents a group produced, from its conclusion's « productions » section.

    A production is a numbered heading (« 1. Méthodologie … »), a short title-like
    paragraph, or, where there are neither, a list item; the paragraphs after a title
    describe it. Their authors are those the section names: the organisation that
    proposed them (« deux documents proposés par Extra Muros »), the facilitator whose
    list of fiches it is (« Fiches techniques … de Patrick Loquet, … : »). A list of
    fiches is a series: the collection its fiches belong to, by its own title.
    """
    start = next((i for i, line in enumerate(lines) if PRODUCTIONS_HEADING.match(line)), None)
    if start is None:
        return [], []
    series: list[CollectionRecord] = []
    end = next(
        (i for i in range(start + 2, len(lines)) if _is_section_heading(lines[i])), len(lines)
    )
    blocks = _markdown(lines[start + 1 : end], words, vocabulary).split("\n\n")
    blocks = [b.removeprefix("### ") for b in blocks]
    blocks = [b for b in blocks if not re.fullmatch(r"[A-ZÉÈÀÔ :’']+", b)]
    titled = [b for b in blocks if _is_production_title(b)]
    made_by = [m.group("name") for b in blocks[:1] if (m := MADE_BY.search(b))]
    entries: list[_Production] = []
    if titled:
        for index, block in enumerate(blocks):
            listed = index and blocks[index - 1].endswith(":") and block.startswith("- ")
            following = blocks[index + 1] if index + 1 < len(blocks) else ""
            introduces = block.endswith(":") and following.startswith("- ")
            if listed and "fiche" in blocks[index - 1].lower():
                # « Fiches techniques … de Patrick Loquet, … : » then « Fiche 1 : … », …
                people = _named_people(blocks[index - 1], contacts)
                name = blocks[index - 1].split(", ")[0].rstrip(" :")
                key = f"recueil-vita-{code.lower()}-{slugify(name)[:60].rsplit('-', 1)[0]}"
                series.append(CollectionRecord(key, name))
                entries += [_Production(item.rstrip(" ."), [], people, made_by, key)
                            for item in _items(block)]  # fmt: skip
            elif introduces and "fiche" in block.lower():
                continue  # the introduction of a list of fiches, not a description
            elif _is_production_title(block):
                title = re.sub(r"^\d\.\s*", "", block)
                entries.append(_Production(title, [], [], made_by))
            elif entries:
                entries[-1].description.append(block)
    else:
        # Lists of items: the group's own productions are those its text says were made
        # (« Des productions ont été réalisées … par les animateurs du groupe : »), not
        # the kinds of documents each member shared from their own projects.
        lists = [(blocks[i - 1] if i else "", block) for i, block in enumerate(blocks)
                 if block.startswith("- ")]  # fmt: skip
        made = [(intro, block) for intro, block in lists if GROUP_MADE.search(intro)]
        entries = [_Production(item[:1].upper() + item[1:], [], [], made_by)
                   for _, block in made or lists for item in _items(block)]  # fmt: skip
    resources = [_production(code, position, entry) for position, entry in enumerate(entries, 1)]
    return resources, series


def _named_people(text: str, contacts) -> list[PersonRecord]:
    """The group's facilitators a sentence names (« … de Patrick Loquet, … »)."""
    flat = _plain(text)
    return [
        contact.person
        for contact in contacts
        if f"{_plain(contact.person.first_name)} {_plain(contact.person.last_name)}" in flat
    ]


# The recueil's introduction: the groups' collective productions « sont par ailleurs mises à
# la disposition de tout acteur intéressé », its tools and methods « sur le site Internet du
# COORACE ».
PRODUCTIONS_WHERE = (
    "Selon le recueil d'expériences VITA (2008), les productions collectives des groupes "
    "« sont mises à la disposition de tout acteur intéressé » par le COORACE, notamment sur "
    "son site Internet."
)


# Productions whose makers the recueil names elsewhere than by their title (reviewed):
# G4's methodology joins « la construction d'une méthodologie de bilan interne …, mission
# d'Extra Muros » and « … pour un état des lieux du territoire, mission de PERFEGAL »
# (p. 118); the « Méthodologie de conduite de projet VITA » is « Extra Muros pour le
# COORACE » (G3's objectives, p. 72). (authors, publisher)
PRODUCTION_CREDITS = {
    "production-G4-1": (["Extra Muros", "PERFEGAL"], ""),
    "production-G4-3": (["Extra Muros"], "COORACE"),
}


def _production(code: str, position: int, entry: _Production) -> ResourceRecord:
    """« Grille d'analyse … (COORACE, mars 2007) »: the title, then who made it and when."""
    text, description = entry.title, entry.description
    credit = re.search(r"\(([^()]*?),? (?:\w+ )?(\d{4})\)", text)
    title = (text[: credit.start()] if credit else text).strip(" ;-")
    # A long item is a sentence: its first clause is the title, the rest describes it.
    if len(title) > 150 and ". " in title:
        title, rest = title.split(". ", 1)
        description = [rest, *description]
    title = title.strip(" ;.:-")
    organisations = [credit.group(1).strip()] if credit else entry.organisations
    source_key = f"production-{code}-{position}"  # its rank in its group's list
    # Who made it, as the recueil credits it: the structure that did (« (Extra Muros,
    # février 2008) », « proposés par Extra Muros »); a facilitator's own fiches have no
    # publisher (« de Patrick Loquet »); the rest are the programme's, made available by
    # the COORACE (`PRODUCTIONS_WHERE`).
    organisations, publisher = PRODUCTION_CREDITS.get(
        source_key,
        (organisations, organisations[0] if organisations else "" if entry.people else "COORACE"),
    )
    return ResourceRecord(
        key=f"recueil-vita-{code.lower()}-{slug_of(title, 60)}",
        title=title[:255],
        kind="guide",
        description="\n\n".join(description),
        publisher=publisher,
        author_organisations=organisations,
        author_people=entry.people,
        year=int(credit.group(2)) if credit else 2008,
        position=position,
        availability="sur_demande",
        where_to_find=PRODUCTIONS_WHERE,
        group_codes=[code],
        collection_key=entry.series,
        source_key=source_key,
    )


DOCUMENT_NOUN = re.compile(
    r"^(?:Cahier|Guide|Grille|Note|Document|Méthodologie|Dispositif|Référentiel|Charte|Modèle)\b"
)


def _is_section_heading(line: str) -> bool:
    return _is_title_line(line) and len(line.split()) > 1 and not line.startswith("-")


def _is_production_title(block: str) -> bool:
    if re.match(r"\d\.\s", block):
        return True
    if DOCUMENT_NOUN.match(block) and not block.endswith(":"):
        return True
    short = len(block) < 130 and not block.startswith("- ") and not block.endswith(":")
    return short and not NARRATIVE.search(block)


# Who signs the introduction and the conclusion, on a line of their own in the recueil.
SIGNATURES = (
    "Anne Claire PIGNAL, Chef de projet VITA, COORACE",
    "Christophe CHEVALIER, Président du COORACE",
)


def _signed(markdown: str) -> str:
    """A signature as its own paragraph, in italics: not a heading (« ### Anne Claire
    PIGNAL, … ») nor the end of the last sentence (« … les acteurs de l'IAE. Christophe
    CHEVALIER, Président du COORACE »)."""
    for signature in SIGNATURES:
        markdown = re.sub(
            rf"(?:### |(?<=[.!?]) ){re.escape(signature)}(?=\n|$)", f"\n\n*{signature}*", markdown
        )
    return re.sub(r"\n{3,}", "\n\n", markdown)


def _programme(introduction: str, closing: list[str], words, vocabulary) -> ProgrammeRecord:
    """VITA, described by the recueil's introduction and conclusion."""
    description = _footnotes_last(_signed(_markdown(introduction.splitlines(), words, vocabulary)))
    # The introduction's and the conclusion's parts under them (« La dynamique d'un réseau
    # ressource », « Le développement ou le renforcement de dispositifs partenariaux »), not
    # beside them.
    description = re.sub(r"(?m)^### (?!Introduction$)", "#### ", description)
    if closing:
        conclusion = _signed(_markdown(closing, words, vocabulary))
        conclusion = re.sub(r"(?m)^### ", "#### ", conclusion)
        description = f"{description}\n\n### Conclusion du recueil\n\n{conclusion}"
    return ProgrammeRecord(
        key=PROGRAMME_KEY,
        name="VITA — Valoriser l'Intégration dans les Territoires par la coopération d'Acteurs",
        organiser="COORACE",
        start_year=2005,
        end_year=2008,
        description=description,
    )


# « Lettre VITA N°3, mars 2007 Entretien avec … : “…” »: a card's « À consulter également ».
LETTRE_VITA = re.compile(
    r"Lettre VITA N°\s*(?P<number>\d+),\s*(?P<month>\w+)\s+(?P<year>\d{4})\s*"
    r"(?:Entretien avec\s*(?P<interview>.*))?"
)
# The introduction's footnote: « Lettres VITA N° 1, 2, 3, 4, 5 et 6 disponibles sur le site
# Internet du COORACE (http://www.coorace.org) ».
LETTRES_VITA_WHERE = (
    "Les Lettres VITA n°1 à 6 sont « disponibles sur le site Internet du COORACE "
    "(http://www.coorace.org) », selon le recueil d'expériences VITA (2008)."
)
LETTRES_VITA_URL = ("http://www.coorace.org", "Site Internet du COORACE (adresse donnée en 2008)")
# The issues' collection in the library: the issues an animator publishes later join it
# (and are mailed to its subscribers, `resources.mailings`); its key is its slug.
LETTRE_VITA_COLLECTION = CollectionRecord(
    "lettre-vita",
    "Lettre VITA",
    description=(
        "Le magazine trimestriel de valorisation du projet VITA, édité par le COORACE depuis "
        "septembre 2006 : ses numéros, dans l'ordre, avec les entretiens auxquels renvoient "
        "les fiches expériences du recueil d'expériences VITA (2008)."
    ),
)


def _lettres_vita(cards: list[CardRecord]) -> list[ResourceRecord]:
    """The issues of the « Lettre VITA » the cards cite, each with the interviews it holds;
    the cards' « À consulter également » links point to them."""
    issues: dict[int, ResourceRecord] = {}
    for card in cards:
        for link in card.links:
            match = LETTRE_VITA.match(link.label) if link.kind == "a_consulter" else None
            if match is None:
                continue
            number = int(match.group("number"))
            year = int(match.group("year"))
            issue = issues.setdefault(
                number,
                ResourceRecord(
                    key=f"lettre-vita-n{number}",
                    title=f"Lettre VITA n°{number}",
                    kind="lettre",
                    # What the Lettre is, its collection says once (`LETTRE_VITA_COLLECTION`).
                    description=(
                        "Les entretiens de ce numéro auxquels renvoie le recueil d'expériences "
                        "VITA (2008) :"
                    ),
                    publisher="COORACE",
                    year=year,
                    # The issue's month as the card prints it (no day: no date is made up).
                    version_label=f"{match.group('month').lower()} {year}",
                    collection_key=LETTRE_VITA_COLLECTION.key,
                    position=number,
                    where_to_find=LETTRES_VITA_WHERE,
                    urls=[LETTRES_VITA_URL],
                    source_key=f"lettre-vita-{number}",
                    source_page=card.source_page,  # where the recueil first cites it
                ),
            )
            # The page shows the issue (the link's target), then this label: the issue's
            # month, then the interview, the two lines the card prints, no longer run
            # together (« décembre 2007 Entretien avec »).
            link.label = f"{match.group('month')} {year}"
            if match.group("interview"):
                interview = _interview(match.group("interview"))
                issue.description += f"\n\n- Entretien avec {interview} (fiche « {card.title} »)"
                link.label += f". Entretien avec {match.group('interview').strip()}"
            link.target_resource_key = issue.key
    return [issues[number] for number in sorted(issues)]


def _interview(text: str) -> str:
    """« Hubert PETITPREZ, Directeur … : “Passer …™. » with the title between « »."""
    who, _, title = text.partition(" : ")
    # A chapter's side label may trail it (« … milieu urbain ”. Egalité des chances … »).
    title = re.sub(r"\s+[A-ZÉ][a-zé]+ des chances femmes / hommes et territoire$", "", title)
    title = re.sub(r"^[\s“”\"*]+|[\s“”\"™.*]+$", "", title)
    return f"{who.strip()} : « {title.rstrip(' .')} »" if title else who.strip()


def _source_resource() -> ResourceRecord:
    return ResourceRecord(
        key=SOURCE_KEY,
        title="Recueil d'expériences VITA",
        kind="recueil",
        description=(
            "Les 27 expériences de terrain des cinq groupes de travail du projet VITA "
            "(mai 2005 – avril 2008), avec l'origine, les objectifs, les conclusions et les "
            "productions de chaque groupe."
        ),
        publisher="COORACE",
        year=2008,
        version_date=date(2008, 3, 1),
        # Where the manual's bibliography (document 003, 2010) says it can be downloaded.
        where_to_find=(
            "Téléchargeable sur le site du Centre de ressources VITA, selon la bibliographie "
            "du Manuel de référence DTS (2010)."
        ),
        urls=[
            (
                "http://www.vita-ressources.org/downloadfichier?id=5867",
                "Centre de ressources VITA (adresse donnée en 2010)",
            )
        ],
        source_key=DOCUMENT_KEY,
    )


# -- cards ----------------------------------------------------------------------------


# Partners and years a card gives in a sentence no rule reads safely, read against the scan;
# the evidence (the scan's words, after corrections.toml) is checked in the card's text.
REVIEWED = {
    "experience-G1-1": Reviewed(
        ("La rencontre entre deux acteurs et la", "(2004 - 2007)",
         "Le Groupe a intégré la \"Maison Emploi et",
         "Groupe ISACTYS, ANPE, Mission Locale, ESP 38", "Association PRISME.",
         "des espaces : Comité d’Expansion Econo- mique", "consulaires, le GRETA.",
         "financée par la Communauté de Communes et par la Région.",
         "CCI, Chambre de Métiers et de lArtisanat,",
         "Lintervention d’Extra Muros a été décisive",
         "Départements, Région, Etat (Dotation de", "PELS de la Caisse d'Epargne."),
        # The Communauté de communes that built the Maison with the Groupe: 001 and 003 name
        # it. ESP 38 is the Isère plate-forme of services to households (« Vivial ESP 38 »,
        # G3-7). The Maison's partners the card names generically are named as printed,
        # with the town where they acted (no source names the bodies), the chambres
        # consulaires too (« partenaires ponctuels » of the Maison, whose image the Groupe
        # changed: « CCI, Chambre de Métiers et de l'Artisanat, GRETA »); Extra Muros,
        # VITA's consultant, « a été décisive »; the Maison's financers, its requests
        # « déposées au nom de la collectivité » (« Départements » the two it spans, the
        # State through the Dotation de Développement Rural and the réserves parlementaires).
        partners=(("Communauté de communes Les Vallons du Guiers", "collectivite"),
                  ("ANPE", "autre"), ("Mission locale (Pont-de-Beauvoisin)", "autre"),
                  ("ESP 38", "association"), ("Association PRISME", "association"),
                  ("Comité d'expansion économique (Pont-de-Beauvoisin)", "association"),
                  ("GRETA (Pont-de-Beauvoisin)", "autre"),
                  ("CCI (Pont-de-Beauvoisin)", "autre"),
                  ("Chambre de métiers et de l'artisanat (Pont-de-Beauvoisin)", "autre"),
                  ("Conseil régional de Rhône-Alpes", "collectivite"),
                  ("Extra Muros", "entreprise"),
                  ("Conseil général de l'Isère", "collectivite"),
                  ("Conseil général de la Savoie", "collectivite"), ("État", "autre"),
                  ("Caisse d'Épargne", "autre")),
        # « (2004 - 2007) » heads the first phase; the Maison it built opened in February
        # 2007 and runs when the card is written: the experience goes on.
        start_year=2004,
    ),
    "experience-G1-2": Reviewed(
        ("L'emménagement a lieu en avril 2007",
         "Les acteurs du Péle SUD : ARCHER, COO-", "la CRESS Rhone Alpes,",
         "la NEF (société coopérative", "la Mairie de Romans de reloger",
         "du CCAS de Romans", "Conseils Généraux de la Drome et de lArdeche",
         "Un partenariat avec la Chambre de Com- merce",
         "il mobilise la Boutique de gestion, le Fonds",
         "départementales et régionales des Centres"),
        partners=(("COORACE Rhône-Alpes", "reseau"), ("CRESS Rhône-Alpes", "reseau"),
                  ("La Nef", "autre"), ("ADIE", "association"),
                  ("Union régionale des SCOP Rhône-Alpes", "reseau"),
                  ("Commune de Romans-sur-Isère", "collectivite"),
                  ("CCAS de Romans-sur-Isère", "autre"),
                  ("Conseil général de la Drôme", "collectivite"),
                  ("Conseil général de l'Ardèche", "collectivite"),
                  ("CCI de la Drôme", "autre"),
                  # The comité territorial of the Nord Drôme the pôle grew out of (« Outre
                  # ARCHER et la CRESS, il mobilise … »), as printed with where they acted.
                  ("Boutique de gestion (Drôme)", "association"),
                  ("Fonds territorial France Active (Drôme)", "association"),
                  ("Fédération départementale des centres sociaux (Drôme)", "reseau"),
                  ("Fédération régionale des centres sociaux (Rhône-Alpes)", "reseau")),
        start_year=2007,
    ),
    "experience-G1-3": Reviewed(
        ("de la BISE en 2003",
         "la BISE associe 13 partenaires d’action : ANPE, CAP Emploi, CIDFF, 1000 services, "
         "INDIBAT, ALCG, AGATE Paysages, ADIE, Secours catholique,",
         "JURAVEM", "Espace Jeunes, AIRE, FONGECIF.", "la ville de Morez",
         "partenaires ont fait appel au GRETA",
         "appui de la Communauté de Communes ARCADE",
         "les services sociaux du Conseil Général et la CRAM,",
         "partenariats avec la CPAM, la CAF, la MSA, TANPE, ASSEDIC et", "et la Préfecture.",
         "L'accompagnement d'Extra Muros au travers"),
        # The BISE's partners of action, the GRETA it called on, the CRAM of its diagnostic,
        # the Relais Services Publics' partners, Extra Muros its accompagnateur; those the
        # card names generically are named for the card's territory where the body was the
        # département's (the CPAM, the CAF), else as printed with where they acted (the
        # CRAM, the ASSEDIC and the MSA were régional bodies no source names); the CIDFF as
        # the card prints it (G3-4 prints « CIDF »).
        partners=(("ANPE", "autre"), ("Cap Emploi du Jura", "autre"),
                  ("CIDFF du Jura", "association"), ("1000 services", "autre"),
                  ("INDIBAT", "autre"), ("AGATE Paysages", "aci"), ("ADIE", "association"),
                  ("Secours catholique", "association"), ("JURAVEM", "association"),
                  ("Espace Jeunes de Morez", "autre"),
                  ("AIRE", "autre"), ("FONGECIF Franche-Comté", "autre"),
                  ("GRETA du Jura", "autre"),
                  ("Commune de Morez", "collectivite"),
                  ("Communauté de communes ARCADE", "collectivite"),
                  ("Conseil général du Jura", "collectivite"), ("CRAM (Jura)", "autre"),
                  ("CPAM du Jura", "autre"), ("CAF du Jura", "autre"),
                  ("MSA (Jura)", "autre"), ("ASSEDIC (Jura)", "autre"),
                  ("Préfecture du Jura", "autre"), ("Extra Muros", "entreprise")),
        start_year=2003,
    ),
    "experience-G2-1": Reviewed(
        ("De mai 2005 a décembre 2007", "le PLIE de Fourmies-Trélon",
         "du Conseil Général et des bailleurs", "PLIE du Val de Sambre",
         "(2 PLIE et 1 ANPE)", "Sont invités les 2 PLIE, la MDE, la DDTEFP,",
         "Groupement d’Intérét Public (GIP)", "GIP missionné par la Maison de 'Emploi",
         "contrat de professionnalisation avec le GEIQ BTP,", "Il est actuellement animé par le"),
        # The two PLIE, the ANPE, the Maison de l'Emploi (named for the card's « Pays
        # Sambre-Avesnois »), partners of the clause's actions; the DDTEFP, only « invitée »
        # to the committee, is none; the Conseil Général
        # whose markets carry the clause; the GIP that gives the public buyers technical
        # support and leads the committee (named as G2's productions name it: « le GIP-DSU
        # du Pays de Sambre Avesnois »); the GEIQ BTP that took three of the salariés in
        # contrat de professionnalisation (the card gives it no territory). The bailleurs
        # are not named.
        partners=(("PLIE de Fourmies-Trélon", "autre"), ("PLIE du Val de Sambre", "autre"),
                  ("ANPE", "autre"), ("Maison de l'emploi Sambre-Avesnois", "autre"),
                  ("Conseil général du Nord", "collectivite"),
                  ("GIP-DSU du Pays de Sambre Avesnois", "autre"),
                  ("GEIQ BTP", "geiq")),
        # « De mai 2005 à décembre 2007 » dates the results; the committee « existe depuis 1
        # an … Il est actuellement animé par le GIP »: the experience goes on.
        start_year=2005,
    ),
    "experience-G2-5": Reviewed(
        ("L'animation de la journée du 23 octobre 2007", "sur linter réseaux IAE régional",
         "COORACE, FNARS, Chantier Ecole, UREI, Régies de Quartier, Réseau Cocagne",
         "La FNARS a géré", "(Chantier Ecole, CNLRQ, UREI et réseau Cocagne]",
         "le Conseil Régional a mis a disposition une salle"),
        # The six regional networks of the inter-réseaux that prepared the day; the Conseil
        # Régional gave the room and the meal.
        partners=(("Inter-réseaux IAE Midi-Pyrénées", "reseau"),
                  ("FNARS Midi-Pyrénées", "reseau"),
                  ("Chantier École Midi-Pyrénées", "reseau"),
                  ("UREI Midi-Pyrénées", "reseau"), ("CNLRQ", "reseau"),
                  ("Réseau Cocagne", "reseau"),
                  ("Conseil régional de Midi-Pyrénées", "collectivite")),
        start_year=2007, end_year=2007,
    ),
    "experience-G2-7": Reviewed(
        ("s'est tenue le 17 décembre 2007",
         "(COORACE, ARDIE, FNARS, CHANTIER Ecole, CNCE GEIQ)",
         "le COORACE Ile de France", "les MDE de Nanterre et de Rueil-Malmaison",
         "la Formation de Nanterre a grandement contribué",
         "Linter réseaux IAE 92 est né"),
        # The comité d'organisation: the regional federations of the IAE, the two Maisons de
        # l'Emploi, the inter-réseaux IAE 92 born of it.
        partners=(("COORACE Île-de-France", "reseau"), ("ARDIE Île-de-France", "reseau"),
                  ("FNARS Île-de-France", "reseau"),
                  ("Chantier École Île-de-France", "reseau"), ("CNCE-GEIQ", "reseau"),
                  ("Maison de l'emploi et de la formation de Nanterre", "autre"),
                  ("Maison de l'emploi de Rueil-Malmaison", "autre"),
                  ("Inter-réseaux IAE 92", "reseau")),
        start_year=2007, end_year=2007,
    ),
    "experience-G3-5": Reviewed(
        ("lAFPA Pays de la Loire ont mis en", "1. Information (octobre 2005)",
         "(avril 2006 - mars 2007)", "associations intermédiaires, Proxim'Services",
         "(ADMR, UNA, ADESSA), OPCA (AGEFOS-PME, UNIFORMATION), Conseil Régional Pays de la "
         "Loire, sous la présidence de la DRTEFP",
         "COORACE national et Pays de la Loire", "(ANPE, assistantes sociales",
         "Financement : État (Programme d'Action Subventionné"),
        # The comité de pilotage and the financers: the federations of services to persons
        # by their national names, as the card gives them.
        partners=(("AFPA Pays de la Loire", "autre"), ("DRTEFP Pays de la Loire", "autre"),
                  ("Conseil régional des Pays de la Loire", "collectivite"),
                  ("COORACE", "reseau"), ("Proxim'Services", "reseau"),
                  ("ADMR", "reseau"), ("UNA", "reseau"), ("ADESSA", "reseau"),
                  ("AGEFOS-PME", "autre"), ("Uniformation", "autre"),
                  # « La mobilisation de partenaires locaux … (ANPE, assistantes sociales »
                  ("ANPE", "autre"),
                  # « Financement : Etat (Programme d'Action Subventionné - PAS volet
                  # formation) »: the State through a named programme of its own.
                  ("État", "autre")),
        start_year=2005, end_year=2007,
    ),
    "experience-G2-2": Reviewed(
        ("été mobilisées. En janvier 2007, Espace CEN",
         "Aix Emploi Relais (Aix-en- Provence) et ADPEI (Marseille)",
         "La communauté dagglomération Agglopole Provence",
         "Projet de conventionnement avec le Conseil Général pour le",
         "le soutien de [ Etat", "(financement du FDI)"),
        # The État financed it through the FDI; the Conseil Général and the Communauté
        # d'agglomération, only approached for a convention and a deliberation that « n'a
        # pas pu aboutir en 2007 » (the Agglopole the card's context), are none.
        partners=(("Aix Emploi Relais (AER)", "ai"), ("ADPEI", "ai"), ("État", "autre")),
        start_year=2007,
    ),
    "experience-G2-3": Reviewed(
        ("clause sociale (mars 2007)", "(MEDEFI) ainsi"),
        partners=(("MEDEFI du Pays de Redon et de Vilaine", "autre"),),
        start_year=2007,
    ),
    "experience-G2-4": Reviewed(
        ("Le contexte : lancement des Grands", "Chantiers en 2002",
         "La Métro (Communauté d'Agglomération) met en place",
         "travail d’ingénierie avec la Mission Locale de Grenoble",
         "un outil expérimental du FAF-TT", "du GRETA qui a su s'adapter",
         "sation (2003-2004)", "Aujourd’hui : un positionnement durable",
         "“ Emploi \" du PLIE, du Service Economique", "de la Ville de Grenoble,",
         "l'équipe batiment de 'ANPE et E3I."),
        # The GRETA that trained the temps, in Grenoble; the network of the « Dispositif
        # emploi marchés publics » E3i is part of (« référents “ Emploi ” du PLIE, du
        # Service Economique de la Ville de Grenoble, … l'équipe bâtiment de l'ANPE »), the
        # PLIE as printed with its town.
        partners=(("Grenoble Alpes Métropole", "collectivite"),
                  ("Mission locale de Grenoble", "autre"), ("FAF-TT", "autre"),
                  ("GRETA de Grenoble", "autre"), ("PLIE (Grenoble)", "autre"),
                  ("Commune de Grenoble", "collectivite"), ("ANPE", "autre")),
        # The ETTI's action starts in 2003 (« Une action innovante de professionnalisation
        # (2003-2004) », p. 41; 2002, the Grands Chantiers, is its context) and goes on
        # (« Aujourd'hui : un positionnement durable », « 10 personnes en 2007 »).
        start_year=2003,
    ),
    "experience-G2-6": Reviewed(
        ("le vendredi 23 novembre 2007", "Représentants de la DDTEFP, de la Préfecture,",
         "du Conseil Général de",
         "du PLIE", "Communauté d’Agglomération Seine Eure,", "UREI et 2IAE.",
         "la DRTEFP et accompagnée par les cabinets", "STO Consult et OPUS 3, cette démarche",
         "PLIE d’Evreux et Emploi Conseil, associa-"),
        # The steering committee; and the « prospective » démarche the card gives as a
        # levier, « soutenue par la DRTEFP et accompagnée par les cabinets STO Consult et
        # OPUS 3 ».
        partners=(("DDTEFP de l'Eure", "autre"), ("Préfecture de l'Eure", "autre"),
                  ("Conseil général de l'Eure", "collectivite"), ("PLIE d'Évreux", "autre"),
                  ("Communauté d'agglomération Seine Eure", "collectivite"),
                  ("UREI Haute-Normandie", "reseau"),
                  ("DRTEFP de Haute-Normandie", "autre"), ("STO Consult", "entreprise"),
                  ("OPUS 3", "entreprise"),
                  # The working group « s'est élargi à deux opérateurs des clauses sociales :
                  # le PLIE d'Évreux et Emploi Conseil », « nouveaux partenaires ».
                  ("Emploi Conseil", "association")),
        start_year=2007, end_year=2007,
    ),
    "experience-G2-8": Reviewed(
        ("des Al [via lURIAE", "En lien avec la DDTEFP, mise en place"),
        partners=(("URIAE Nord-Pas-de-Calais", "reseau"),
                  ("DDTEFP du Pas-de-Calais", "autre")),
    ),
    "experience-G2-9": Reviewed(
        ("2004, le conseil communautaire de Nan",
         "(ANPE, DDTEFP, Mission Locale, PLIE, Con- seil Général, etc.)",
         "de la Ville de Nantes sont sollicités",
         "par la Mission Locale ou la Maison de 'Emploi"),
        # The clause's institutional partners on Nantes Métropole's territory, the Maison de
        # l'Emploi the ETT recruit through, and the Ville whose legal services were consulted
        # (the three ETT are not named).
        partners=(("ANPE", "autre"), ("DDTEFP de la Loire-Atlantique", "autre"),
                  ("Mission locale Nantes Métropole", "autre"),
                  ("PLIE de la Métropole nantaise", "autre"),
                  ("Maison de l'emploi de la Métropole nantaise", "autre"),
                  ("Conseil général de la Loire-Atlantique", "collectivite"),
                  ("Commune de Nantes", "collectivite")),
        start_year=2004,
    ),
    "experience-G2-10": Reviewed(
        ("(septembre 2005 - mars 2006)", "sur 16 mois",
         "poste a été porté par la Chambre Régionale",
         "Pays de la Loire", "de la DRTEFP (FDI), la création d'un poste de"),
        partners=(("CRES Pays de la Loire", "reseau"), ("DRTEFP Pays de la Loire", "autre")),
        start_year=2005, end_year=2006,
    ),
    "experience-G3-1": Reviewed(
        ("En 2004, neuf acteurs de", "Association Départementale ADMR",
         "Association Départementale Familles Rurales, Association Gatine Emploi",
         "Association Gérontolo- gique de Gatine (CLIC de Gat",
         "Centre communal d'action sociale de Parthenay (CCAS)",
         "Centre Socioculturel des Forges", "Conseil Général des Deux-Sévres",
         "Mutualité Sociale Agricole (MSA] et Pays de Gatine en qualité de chef de file",
         "(Mission locale),", "ment EQUAL et UOPCA de l'association."),
        # The nine founding actors (footnote ¹), AIR aside; the Pays is the project's lead;
        # the Mission Locale, a partner with an action of its own, named for the Pays; the
        # OPCA that refunds AIR's training (« l'OPCA de l'association »), as printed.
        partners=(("ADMR des Deux-Sèvres", "reseau"),
                  ("Familles Rurales des Deux-Sèvres", "reseau"),
                  ("Association Gâtine Emploi", "association"),
                  ("Association gérontologique de Gâtine", "association"),
                  ("CCAS de Parthenay", "autre"),
                  ("Centre socioculturel des Forges", "association"),
                  ("Conseil général des Deux-Sèvres", "collectivite"),
                  ("MSA des Deux-Sèvres", "autre"), ("Pays de Gâtine", "collectivite"),
                  ("Mission locale du Pays de Gâtine", "autre"), ("OPCA de l'AIR", "autre")),
        start_year=2004,
    ),
    "experience-G3-2": Reviewed(
        ("Le projet (octobre 2007- avril 2008)",
         "La constitution du partenariat local (2006-2007)",
         "Partenaires publics : Conseil Régional, Conseil Général, DDTEFP, Communauté "
         "d’Agglomération, Ville",
         "Politique de la Ville, ANPE, etc.", "“Agglopole En- treprendre”",
         "lassociation du Parc d'activité de la Gandonne",
         "Entreprises des Bouches du Rhéne (UPE 13)",
         "Partenaires associatifs : COORACE PACA et National, POLE 13, l'association Trans- "
         "port Mobilité Solidarité (TMS)", "(TMS), la Mission Locale, etc.",
         "Partenaires économiques : Chambre de Commerce et d'Industrie,",
         "ces de Proximité (ADSP) ont permis une prise"),
        # The partners public, economic and associative the card lists; the Mission Locale
        # and the CCI as the card prints them with their town (no document says which); the
        # ADSP, VITA's consultant of the group, whose accompaniment the card tells among its
        # leviers.
        partners=(("Conseil régional de Provence-Alpes-Côte d'Azur", "collectivite"),
                  ("Conseil général des Bouches-du-Rhône", "collectivite"),
                  ("DDTEFP des Bouches-du-Rhône", "autre"),
                  ("Communauté d'agglomération Agglopole Provence", "collectivite"),
                  ("Commune de Salon-de-Provence", "collectivite"), ("ANPE", "autre"),
                  ("Agglopole Entreprendre", "association"),
                  ("Association du Parc d'activités de la Gandonne", "association"),
                  ("UPE 13", "autre"), ("COORACE PACA-Corse", "reseau"),
                  ("COORACE", "reseau"), ("Pôle 13", "autre"),
                  ("Transport Mobilité Solidarité", "association"),
                  ("Mission locale (Salon-de-Provence)", "autre"),
                  ("Chambre de commerce et d'industrie (Salon-de-Provence)", "autre"),
                  ("ADSP", "autre")),
        start_year=2006, end_year=2008,
    ),
    "experience-G3-3": Reviewed(
        ("Cette problématique a été reprise en juin 2006",
         "Conseil Général de 'Essonne, quia mis dans ses priorités",
         "Le Conseil Régional Ile-de-France avec qui le Pole",
         "L'Agence régionale pour Uenvironnement (ARENE] va par ailleurs soutenir",
         "la Mis- sion locale, le PLIE, TANPE,", "un bureau d'étude (BPI)",
         "En 2007, une phase de pré-étude", "(RMI) du Sud Essonne représentant le Con-"),
        partners=(("Conseil général de l'Essonne", "collectivite"),
                  ("Conseil régional d'Île-de-France", "collectivite"),
                  ("ARENE Île-de-France", "autre"),
                  ("Mission locale du Sud Essonne", "autre"),
                  ("PLIE du Sud Essonne", "autre"), ("ANPE", "autre"),
                  ("BPI", "entreprise"),
                  # « les partenaires pour l'accompagnement des personnes : le Réseau Local
                  # d'Appui (RMI) du Sud Essonne représentant le Conseil Général … »
                  # Bodies the card names only as a kind, in the plural (« les chargés de
                  # développement économique des Communautés de communes », « les services
                  # sociaux »), are no partner records.
                  ("Réseau local d'appui (RMI) du Sud Essonne", "autre")),
        # The porteur's project starts with its pré-étude « En 2007 » (« Le projet
        # aujourd'hui », p. 83) and goes on; the CLI took the question up in 2006 (context).
        start_year=2007,
    ),
    "experience-G3-4": Reviewed(
        ("Jura Service initie donc", "(2008-2010)", "Un partenariat avec le CIDF (Centre",
         "Le Grand Dole,", "La Sous-préfecture de Dole et plusieurs mai",
         "l'association \"Roue de secours”", "LANPE s'est engagée en tant que pres- cripteur",
         "e DDTEFP, e Conseil Général au titre des personnes ciblées",
         "entre la Ville de Dole et U'Etat", "e Conseil Régional pour le poste",
         "L'accompagnement sur site de Guy MICHEL"),
        # The subsidies asked of all the financers the card names (the Grand Dole's among
        # them), the partners of the programme.
        partners=(("CIDF du Jura", "association"),
                  ("Communauté d'agglomération du Grand Dole", "collectivite"),
                  ("Sous-préfecture de Dole", "autre"),
                  ("Roue de secours", "association"), ("ANPE", "autre"),
                  ("DDTEFP du Jura", "autre"),
                  ("Conseil général du Jura", "collectivite"),
                  ("Commune de Dole", "collectivite"),
                  ("Conseil régional de Franche-Comté", "collectivite"),
                  # VITA's consultant of the group, its accompaniment on site told.
                  ("ADSP", "autre")),
        start_year=2007, end_year=2010,
    ),
    "experience-G3-6": Reviewed(
        ("Elle se déroule en 2006-2007 en trois étapes",
         "Autres soutiens : * AGEFOS PME ¢ REUNICA Bayard", "un ACI, TADMR,",
         "ANPE, Conseil Régional, AGEFOS PME, IRFA Sud et Institut Limayrac",
         "l'ensemble des partenaires et financeurs : DDTEFP (service \"IAE\"",
         "proposition d'action sur deux départements : la Haute-Garonne et le Tarn-et-Garonne."),
        # « L'ensemble des partenaires et financeurs : DDTEFP … »: the action ran « sur
        # chaque département » of the two, the DDTEFP of each.
        partners=(("Conseil régional de Midi-Pyrénées", "collectivite"),
                  ("AGEFOS-PME", "autre"), ("REUNICA Bayard", "autre"),
                  ("ANPE", "autre"), ("ADMR", "reseau"), ("IRFA Sud", "autre"),
                  ("Institut Limayrac", "autre"),
                  ("DDTEFP de la Haute-Garonne", "autre"),
                  ("DDTEFP de Tarn-et-Garonne", "autre")),
        start_year=2006, end_year=2007,
    ),
    "experience-G3-7": Reviewed(
        ("Créée en 1997, Anjou Domicile est la plate-forme", "Mutualité",
         "francaise Anjou-Mayenne et la CFDT.",
         "COORACE, FNARS, UDAD, UNA, ADMR, Inter-CE DACC, Cheque Domicile",
         "(Angers Loire Métropole, le Conseil Gé- néral, la Caisse d'allocation familiale, "
         "les caisses de retraite AGIRC-ARCCO",
         "la Communauté d’Agglomération du Choletais, la DDTEFP, etc.]",
         "En Maine-et-Loire, la DDASS s'est mobilisée.", "(avec UANPE]"),
        # The nine founding members (the card's « AGIRC-ARCCO » is AGIRC-ARRCO) and the
        # financers the card names; the DDASS that set up the information line with the
        # platform's providers, the ANPE with which it trains job seekers.
        partners=(("COORACE", "reseau"), ("FNARS", "reseau"), ("UDAD", "reseau"),
                  ("UNA", "reseau"), ("ADMR", "reseau"), ("Inter-CE DACC", "association"),
                  ("Chèque Domicile", "entreprise"),
                  ("Mutualité française Anjou-Mayenne", "association"), ("CFDT", "autre"),
                  ("Angers Loire Métropole", "collectivite"),
                  ("Conseil général de Maine-et-Loire", "collectivite"),
                  ("CAF de Maine-et-Loire", "autre"), ("AGIRC-ARRCO", "autre"),
                  ("Communauté d'agglomération du Choletais", "collectivite"),
                  ("DDTEFP de Maine-et-Loire", "autre"),
                  ("DDASS de Maine-et-Loire", "autre"), ("ANPE", "autre")),
        start_year=1997,
    ),
    # VITA's consultants who accompanied the experience, as its text says.
    "experience-G4-1": Reviewed(
        ("En 2007, ESSOR a souhaité aller plus loin", "externe (PERFEGAL / Extra Muros).",
         "expert (PERFEGAL] afin",
         "la Formation de Nanterre permet d'expé- rimenter des actions"),
        # And the Maison de l'Emploi whose network lets ESSOR try out its actions.
        partners=(("PERFEGAL", "entreprise"), ("Extra Muros", "entreprise"),
                  ("Maison de l'emploi et de la formation de Nanterre", "autre")),
        start_year=2007,
    ),
    "experience-G4-2": Reviewed(
        ("Squares a initié en 2004 la création d'une",
         "Laccompagnement de PERFEGAL dans le cadre",
         "laccompagnement réalisé par PERFEGAL"),
        partners=(("PERFEGAL", "entreprise"),),
        start_year=2004,
    ),
    "experience-G5-1": Reviewed(
        ("depuis 2006 au développement", "ques du Morbihan (GAB 56)",
         "Manger Bio, association de producteurs Bio",
         "la Commune de Muzillac, un jardin associatif bénévole, le Rotary Club de Vannes",
         "avec lappui de la DDTEFP", "L'accompagnement d'Extra Muros dans le"),
        partners=(("GAB 56", "association"), ("Manger Bio", "association"),
                  ("Commune de Muzillac", "collectivite"),
                  ("Rotary Club de Vannes", "association"),
                  ("DDTEFP du Morbihan", "autre"), ("Extra Muros", "entreprise")),
        start_year=2006,
    ),
    "experience-G5-2": Reviewed(
        ("L'année 2007 a vu la concrétisation d'un", "Bégard, propriétaire du site ;",
         "Les amis du Palacret, qui fait", "2008. Ils sont financés par le Conseil Général",
         "le Conseil Régional de Bretagne,", "Bretagne, 'Etat (Dotation de Développement"),
        # The works' financers, the State through a named fund (the FEDER a programme).
        partners=(("Communauté de communes du Pays de Bégard", "collectivite"),
                  ("Les amis du Palacret", "association"),
                  ("Conseil général des Côtes-d'Armor", "collectivite"),
                  ("Conseil régional de Bretagne", "collectivite"), ("État", "autre")),
        start_year=2007,
    ),
    "experience-G5-3": Reviewed(
        ("2008 est l'année impartie pour la phase",
         "e Conseil Général du Jura, e Conseil Régional (Emploi Tremplin)",
         "du Haut Commissariat aux Solidarités Actives",
         "Fonds de confiance de la Caisse des dépots",
         "Franche-Comté Active et la Fondation MACIF", "par le dispositif ECTI",
         "par le Réseau Entreprendre", "semble du projet réalisé par Extra Muros",
         "engagée avec l'appui d'un DLA.", "communication accompagnée par un DLA,",
         "e Etat (Réserve parlementaire),"),
        # The financers asked for the study (the State through its réserve parlementaire
        # and a convention) and the structures that accompany it: the DLA named for the
        # card's territory, Extra Muros (VITA's consultant) for the project.
        partners=(("État", "autre"), ("Conseil général du Jura", "collectivite"),
                  ("Conseil régional de Franche-Comté", "collectivite"),
                  ("Haut Commissariat aux solidarités actives", "autre"),
                  ("Caisse des dépôts et consignations", "autre"),
                  ("Franche-Comté Active", "association"), ("Fondation MACIF", "autre"),
                  ("ECTI", "association"), ("Réseau Entreprendre", "reseau"),
                  ("DLA du Jura", "autre"), ("Extra Muros", "entreprise")),
        start_year=2008,
    ),
    "experience-G5-4": Reviewed(
        ("démarré en mars 2007", "la Régie de Quartier Villeneuve Village Olympique",
         "lEconomie Sociale et Solidaire de la Métro)",
         "“Idéclic solidaire” de la Ré- gion Rhone-Alpes",
         "Grenoble Solidarité au Réseau National des Ressourceries"),
        # The Régie de Quartier as 001 and 003 name it.
        partners=(("Grenoble Alpes Métropole", "collectivite"),
                  ("Régie de Quartier Villeneuve", "regie_quartier"),
                  ("Conseil régional de Rhône-Alpes", "collectivite"),
                  ("Réseau national des Ressourceries", "reseau")),
        start_year=2007,
    ),
    "experience-G5-5": Reviewed(
        ("En 2005, le SMI conduit un diagnostic territo", "le Syndicat mixte de Port-",
         "DEHONDT Technologies pour", "L'Union Régionale des SCOP (URSCOP) a",
         "Seine Estuaire Entreprendre",
         "soutien financier de la Caisse des Dépôts et Consignation et du Conseil Régional",
         "Le Conseil Général a attribué une aide au démarrage",
         "Haute Normandie Active (Fonds territorial France Active) a accordé",
         "et lintercommunalité, initiatrice du projet de territoire",
         "(Communauté de Communes, DEHONDT Technologies",
         "locaux parla Commu- nauté de Communes",
         "l'appui de deux bureaux d'études (Auxilia et E4)"),
        # The Communauté de communes, « initiatrice du projet de territoire », in the tour de
        # table and lending premises: the card does not say which; named for the card's
        # « Pays de Caux ».
        partners=(("DEHONDT Technologies", "entreprise"),
                  ("Syndicat mixte de Port-Jérôme", "collectivite"),
                  ("Union régionale des SCOP (Haute-Normandie)", "reseau"),
                  ("Seine Estuaire Entreprendre", "association"),
                  ("Caisse des dépôts et consignations", "autre"),
                  ("Conseil régional de Haute-Normandie", "collectivite"),
                  ("Conseil général de la Seine-Maritime", "collectivite"),
                  ("Haute-Normandie Active", "association"),
                  ("Communauté de communes (Pays de Caux)", "collectivite"),
                  # « l'appui de deux bureaux d'études (Auxilia et E4) », who conceived the
                  # démarche « Entreprendre en coopérant ».
                  ("Auxilia", "entreprise"), ("E4", "entreprise")),
        # Bateau de Brotonne's part starts « En 2006 » in the SMI's démarche, with DEHONDT
        # on the lin (p. 143), the collaboration its EI project (« Début 2007 ») draws on;
        # 2005 is the SMI's diagnostic (context). The project goes on (14 postes fin 2008).
        start_year=2006,
    ),
}  # fmt: skip


def _apply_reviewed(card: CardRecord, lines: list[str], porteur) -> list[OrganisationRecord]:
    """The card's reviewed partners and years (`REVIEWED`), their evidence checked in its
    text; the partners' records, each in its département (`partner_departement`)."""
    reviewed = REVIEWED.get(card.source_key)
    if reviewed is None:
        return []
    if missing := reviewed.missing_evidence("\n".join(lines)):
        raise SourceFormatError(f"000: card {card.source_key} no longer says « {missing[0]} »")
    card.start_year, card.end_year = reviewed.start_year, reviewed.end_year
    card.partners = [name for name, _kind in reviewed.partners]
    # A local partner is where the experience is (G5-2's, in the Côtes-d'Armor, though its
    # porteur's office is in Rennes).
    local = card.departement_codes[0] if len(card.departement_codes) == 1 else ""
    return [
        OrganisationRecord(
            name,
            structure_types=[kind],
            departement_code=partner_departement(name, local or porteur.departement_code),
        )
        for name, kind in reviewed.partners
    ]


def _card(document: _Text, start, anchor, end, code, words, vocabulary):
    lines = document.lines
    header = [line.strip() for line in lines[start:anchor] if line.strip()]
    header = [line for line in header if not _is_side_label(line, code)]
    title_lines, rest = _split_title(header)
    raw_title = re.sub(r"\s*[\\|]\s*", " ", " ".join(title_lines))
    territory = re.search(r"\(([^()]+)\)\s*$", raw_title)
    title = _title_case(re.sub(r"\s*\([^()]+\)\s*$", "", raw_title), vocabulary, words)
    porteur, contacts, presentation = _porteur_and_contacts(rest, words, vocabulary)
    _reviewed_porteur_types(porteur, "\n".join(lines))
    # The porteur's name alone on a line is the running header of the card's pages; « Notre
    # expérience » in small letters repeats the heading.
    running = {rest[0].strip().lower(), "notre expérience", "notre experience"} if rest else set()
    body = [line for line in lines[anchor + 1 : end] if line.strip().lower() not in running]
    # The side column repeats the name as printed, its kind too (« (Association Intermédiaire) »).
    printed_name = next(
        (_clean_name(_fix(_header_line(line), words, vocabulary))
         for line in rest if len(_header_line(line)) > 1),
        porteur.name,
    )  # fmt: skip
    sections = _sections(_without_side_labels(body, code, printed_name, words, vocabulary))
    _porteur_as_the_card_writes_it(porteur, contacts, _fix("\n".join(body), words, vocabulary))
    region, departements, territory_name, scale = _territory(
        territory.group(1) if territory else "", porteur
    )
    points, guessed, elsewhere = _points(
        _section_markdown(_sub_items(sections["freins"]), words, vocabulary)
    )
    experience = _experience_fields(
        _lists(_section_markdown(_list_lines(sections["experience"]), words, vocabulary))
    )
    tools_intro, tools_markdown = _tools_intro(_markdown(sections["tools"], words, vocabulary))
    card = CardRecord(
        key=slug_of(title, 80),
        title=title,
        porteur=porteur.name,
        category=_category(porteur),
        contacts=[ContactRecord(person, "contact") for person in contacts],
        region_as_written=region,
        departement_codes=departements,
        territory_name=territory_name,
        scale=scale,
        context=experience.get("context", ""),
        actions=experience.get("actions", ""),
        results=_joined(experience.get("results", ""), elsewhere.get("results", [])),
        perspectives=_joined(experience.get("perspectives", ""), elsewhere.get("perspectives", [])),
        key_figures=experience.get("key_figures", ""),
        points=points,
        tools_intro=tools_intro,
        tools=[ToolRecord(item) for item in _tools(tools_markdown)],
        source_page=document.pages[start],
    )
    if sections["see_also"]:
        label = re.sub(r"\s+", " ", _markdown(sections["see_also"], words, vocabulary))
        card.links = [CardLinkRecord("a_consulter", label=label.replace("### ", "")[:500])]
    porteur.description = porteur.description or presentation
    if contacts:
        card.contacts[0].role = "referent_principal"
    return card, porteur, guessed


def _porteur_as_the_card_writes_it(porteur: OrganisationRecord, contacts, text: str) -> None:
    """A porteur's name its address block prints in capitals (« NANTES MÉTROPOLE », « JURA
    SERVICE ») as the card's own text writes it (« Nantes Métropole », « Jura Service »),
    when it does; a name the text writes in capitals too (« ARCHER », « AIDE EMPLOI
    SERVICES ») stays."""
    name = porteur.name
    if len(name.split()) < 2 or any(letter.islower() for letter in name):
        return
    plain = "".join((_unaccented(letter) or letter)[:1] for letter in text)
    words = r"\s+".join(re.escape(word) for word in _unaccented(name).split())
    written = Counter(
        " ".join(text[match.start() : match.end()].split())
        for match in re.finditer(rf"(?i)(?<!\w){words}(?!\w)", plain)
    )
    cased = [form for form, _count in written.most_common() if not form.isupper()]
    if cased:
        porteur.name = cased[0]
        for contact in contacts:
            contact.organisation = cased[0]


def _section_markdown(lines: list[str], words: CleanWords, vocabulary: Vocabulary) -> str:
    """The Markdown of a card's running text (« NOTRE EXPÉRIENCE », the freins and
    leviers), its subheadings found where the scan glued or lengthened them."""
    lines = _glued_headings(lines, words, vocabulary)
    markdown = _footnotes_last(_markdown(lines, words, vocabulary))
    return _subheadings(_join_cut_paragraphs(markdown))


FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹] ")
FOOTNOTE_CALL = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹]")


def _footnotes_last(markdown: str) -> str:
    """A footnote the page printed at its foot, in the middle of a sentence (« Organiser
    cette filière métier pour la rendre » « ¹ Association Départementale ADMR, … »
    « visible, en y intégrant … »): after the text of its subheading, and the sentence it
    cut mended."""
    text: list[str] = []
    notes: list[str] = []
    after_note = False
    for block in markdown.split("\n\n"):
        if block.startswith("### ") and notes:
            text, notes, after_note = text + notes, [], False
        if FOOTNOTE.match(block):
            notes.append(block)
            after_note = True
        elif after_note and not re.search(r"[.!?]$", notes[-1]) and block[:1].isupper():
            notes[-1] = f"{notes[-1]} {block}"  # the note's last line, after a blank line
        elif after_note and text and block[:1].islower() and not re.search(r"[.:;!?]$", text[-1]):
            text[-1] = f"{text[-1]} {block}"
            after_note = False
        else:
            text.append(block)
            after_note = False
    return "\n\n".join(text + notes)


# The words that open a sentence, not a phrase running on from the line before.
SENTENCE_OPENERS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "certaines",
    "certains", "de", "du", "début", "depuis", "dans", "en", "il", "elle", "ils", "elles", "par",
    "pour", "au", "aux", "sur", "après", "avant", "grâce", "concernant", "afin", "enfin",
    "aujourd", "nous", "on",
})  # fmt: skip
_MID_PHRASE_END = re.compile(
    r"(?i)\b(?:et|ou|de|du|des|la|le|les|à|a|en|pour|par|avec|sur|dans|un|une|au|aux|que|qui)$"
)


def _glued_headings(
    lines: list[str], words: CleanWords, vocabulary: Vocabulary, width: int = 60
) -> list[str]:
    """Subheadings the scan glued to a paragraph: « Des incertitudes économiques à lever »
    printed over « Certaines incertitudes … » with no blank line between, « Premier impacts
    et perspectives » right under the paragraph before it. A short unpunctuated line after
    a paragraph's end is a subheading when the next line opens a sentence, or when a blank
    line follows it; it is parted from the paragraphs around it."""
    parted: list[str] = []
    for index, line in enumerate(lines):
        text, following = line.strip(), lines[index + 1].strip() if index + 1 < len(lines) else ""
        previous = lines[index - 1].strip() if index else ""
        heading = (
            (not previous or re.search(r"[.:;!?»”)]$", previous))
            and 3 < len(text) <= width
            and text[:1].isupper()
            and not re.search(r"[.,;:!?-]$", text)
            and not _MID_PHRASE_END.search(text)
            and not _is_title_line(text)
        )
        if heading and not following and previous and index + 1 < len(lines):
            parted += ["", line]  # glued to the paragraph before it
            continue
        # « AU FINAL, DEUX STRUCTURES ONT EXPÉRIMENTÉ LA DÉMARCHE » in capitals, under the
        # last sentence of the paragraph before it.
        if _is_title_line(text) and re.search(r"[.!?»”)]$", previous) and len(text.split()) > 1:
            parted += ["", line, ""]
            continue
        # A subheading on two lines, its second in lower case (« D'une plateforme de services
        # à une étude » « des besoins en services portée par un ACI »), glued to the sentence
        # under it (« En lien avec … »): parted from it.
        before = lines[index - 2].strip() if index > 1 else ""
        second_line = (
            not before
            and previous[:1].isupper()
            and not re.search(r"[.,;:!?-]$", previous)
            and 3 < len(text) <= width
            and text[:1].islower()
            and not re.search(r"[.,;:!?-]$", text)
            and not _MID_PHRASE_END.search(text)
        )
        first = re.match(r"(\w+)\s", _fix(following, words, vocabulary)) if second_line else None
        if first and following[:1].isupper() and first.group(1).lower() in SENTENCE_OPENERS:
            parted += [line, ""]
            continue
        # « L'expérience », « Début janvier », « En vertu »: a word that opens a sentence
        # (an elided article with its apostrophe; « L-124-2 » is no article).
        opener = heading and following[:1].isupper()
        opener = opener and re.match(r"(\w+)(?:['’]|\s)", _fix(following, words, vocabulary))
        word = opener.group(1).lower() if opener else ""
        if word in SENTENCE_OPENERS and (word != "l" or opener.group(0)[-1] in "'’"):
            parted += ["", line, ""] if previous else [line, ""]
        else:
            parted.append(line)
    return parted


def _join_cut_paragraphs(markdown: str) -> str:
    """A sentence the scan's layout cut in two paragraphs: « … AGIRC-ARCCO, Chèque »
    « Domicile, la Communauté … ) », whose bracket the first left open; « … lorsqu'il ne
    s'agit pas d'acteurs » « “classiques” de l'insertion. », a quoted word in lower case."""
    blocks: list[str] = []
    for block in markdown.split("\n\n"):
        previous = blocks[-1] if blocks else ""
        open_bracket = previous.count("(") > previous.count(")") and ")" in block
        quoted_word = re.match(r"[“\"«]\s?[a-zà-ÿ]", block)
        unended = previous and not previous.startswith("### ")
        # « Financements mobilisés : DDTEFP (FDI), » « Conseil Général, … »: a comma ends no
        # sentence.
        comma = previous.endswith(",") and not previous.split("\n")[-1].startswith("- ")
        comma = comma and not re.match(r"### |[-*‣] |\d+[.)]", block)
        if comma and unended:
            blocks[-1] = f"{previous} {block}"
        elif (open_bracket or quoted_word) and unended and not re.search(r"[.:;!?]$", previous):
            blocks[-1] = f"{previous} {block.removeprefix('### ')}"
        else:
            blocks.append(block)
    return "\n\n".join(blocks)


def _subheadings(markdown: str) -> str:
    """Subheadings `_headings` leaves as paragraphs: longer ones (« Les actions mises en
    œuvre, notamment pour mettre en lumière l'offre des SIAE sur le territoire »), those
    opening on a quote (« “Moteur... action” : un projet global … ») or a number (« 12 mois
    après le démarrage : … »), and those ending on an acronym (« … de l'A.C.I.D. »)."""
    blocks = markdown.split("\n\n")
    for index in range(len(blocks) - 2, -1, -1):
        # A heading in capitals over two lines, the first ending on « : » (G2's « LES
        # PRODUCTIONS DU GROUPE DE TRAVAIL : » « OUTILS ET PROCÉDURES »).
        block, following = blocks[index], blocks[index + 1]
        if (
            block.endswith(" :")
            and block.isupper()
            and following.startswith("### ")
            and following.isupper()
        ):
            blocks[index : index + 2] = [f"### {block} {following[4:]}"]
    for index, block in enumerate(blocks[:-1]):
        if block.startswith(("### ", "- ")) or "\n" in block or not 3 < len(block) <= 150:
            continue
        ending = re.sub(r"\b(?:[A-Z\d]\.){2,}$", "", block)  # « A.C.I.D. » ends no sentence
        opening = re.sub(r"^[“\"«]\s*", "", block)
        capital = opening[:1].isupper() or re.match(r"\d+(?![\d.)°])\s", opening)
        quotation = opening != block and re.search(r"[”\"»]$", block)  # a motto, quoted
        if capital and ending and not quotation and not re.search(r"[.:;,!?»\]]$", ending):
            blocks[index] = f"### {block}"
    return "\n\n".join(blocks)


# A bullet as the scan read it (`sources.repair.ocr.fix_bullets`), and a dash: the recueil
# prints a list's items with a bullet and the items under one of them with a dash.
SCANNED_BULLET = re.compile(r"\s*(?:[e¢*•®]|«(?![^»]*»))\s+(?=\S)")
DASH_ITEM = re.compile(r"\s*- \S")
NUMBERED_STEP = re.compile(r"\s*\d{1,2}\.\s?(?=[A-ZÀ-Ý“«\"])")


def _list_lines(lines: list[str]) -> list[str]:
    """The lists of « NOTRE EXPÉRIENCE » as the page prints them, before the lines are
    joined: a numbered step keeps its number and its space (« 1.Le “repérage” … »), its
    title parted from the sentence under it (« 3. L'embauche définitive … » « Les deux
    spécificités … sont : »); an item whose bullet the scan lost after an item ending on
    « ; » inside the same paragraph (« … de coordination ; » « S'approprier des
    connaissances … ») is an item; the items printed with a dash under a bulleted item
    (« e Actions sur les pratiques d'ESSOR » « - révision des terminologies … ») are its
    sub-items, marked `SUB_ITEM`."""
    marked: list[str] = []
    bulleted = False  # a bulleted list runs: its dashes are sub-items
    item_capital = False  # the item being read opens on a capital
    step = False  # the lines of a numbered step's title
    item_text = ""  # the bulleted item being read, so far
    in_item = False  # a bulleted or numbered item is being read
    for line in lines:
        text = line.strip()
        previous = next((t.strip() for t in reversed(marked) if t.strip()), "")
        after_blank = not marked or not marked[-1].strip()
        if not text:
            marked.append(line)
            continue
        if in_item and not after_blank and _paragraph_after_item(previous, text):
            marked += ["", line]  # « 3. la création … ses valeurs. » « Le Pôle SUD a … »
            bulleted = item_capital = step = in_item = False
            continue
        if SCANNED_BULLET.match(text) or re.match(r"\d{1,2}\.\s", text):
            in_item = True
        elif after_blank:
            in_item = False
        if NUMBERED_STEP.match(text):
            line = re.sub(r"^(\s*\d{1,2})\.\s?", r"\1. ", line)
            marked.append(line)
            step, bulleted = not re.search(r"[.:;!?]$", text), False
            continue
        opener = re.match(r"([A-ZÀ-Ý]\w*)['’\s]", text)
        if (
            step
            and not after_blank
            and opener
            and opener.group(1).lower() in SENTENCE_OPENERS
            and not re.search(r"[.,;:!?-]$", previous)
            and not _MID_PHRASE_END.search(previous)
        ):
            marked += ["", line]  # the sentence under the step's title
            step = False
            continue
        step = step and not re.search(r"[.:;!?]$", text)
        if bulleted and not after_blank and re.match(r"Résultats? : ", text):
            marked += ["", line]  # « … de leur main d'œuvre. » « Résultat : Un comité … »
            continue
        if (
            SCANNED_BULLET.match(text)
            and bulleted
            and item_text.count("(") > item_text.count(")")
            and re.search(r"\w$", previous)
        ):
            # A dash inside a sentence, in a bracket the item left open (« (pas de réseau
            # ferré francilien au sud d'une ligne Etampes » « – Dourdan, peu de lignes … »).
            while not marked[-1].strip():
                marked.pop()
            marked[-1] = f"{marked[-1].rstrip()} – {text[SCANNED_BULLET.match(text).end() :]}"
            item_text += " " + text
            continue
        if (
            bulleted
            and not item_capital
            and not after_blank
            and len(previous) < 30
            and previous.endswith(".")
            and re.match(r"[A-ZÀ-Ý]\w*['’\s]", text)
        ):
            # After an item in lower case, a short line ending a sentence is the end of
            # its paragraph, and a sentence opening on a capital is no part of the list
            # (« - rendre les services aux habitants plus » « accessibles. » « Ce projet est
            # reconnu … »).
            marked += ["", line]
            bulleted = False
            continue
        if SCANNED_BULLET.match(text):
            bulleted = True
            item_capital = text[SCANNED_BULLET.match(text).end() :][:1].isupper()
            item_text = text
        elif (
            DASH_ITEM.match(text)
            and bulleted
            and (after_blank or re.search(r"[.:;,!?)\]]$", previous))
        ):
            marked += ["", SUB_ITEM + text[2:]]
            continue
        elif (
            DASH_ITEM.match(text)
            and after_blank
            and len(text.split()) <= 4
            and text[2:3].islower()
            and 3 < len(previous) <= 60
            and previous[:1].isupper()
            and not re.search(r"[.,;:!?]$", previous)
        ):
            # A subheading's end after a spaced dash, parted by the double spacing
            # (« L'expérimentation d'un diagnostic » « - état des lieux »).
            while not marked[-1].strip():
                marked.pop()
            marked[-1] = f"{marked[-1].rstrip()} - {text[2:]}"
            continue
        elif (
            item_capital
            and not after_blank
            and re.search(r"\s;$", previous)
            and re.match(r"[A-ZÀ-Ý](?:[a-zà-ÿ]|['’][a-zà-ÿ])", text)
        ):
            marked.append("- " + text)  # « … de coordination ; » « S'approprier … »
            continue
        elif after_blank and text[:1].isupper() and re.search(r"[.!?]$", previous):
            bulleted = item_capital = False  # a paragraph: the list has ended
        item_text += " " + text
        marked.append(line)
    return marked


# A point whose paragraph ends on a sentence cut short (« … L'enjeu global d'un
# accompagnement en vue de favoriser l'épanouissement professionnel, », G3-4, the last line
# of its page): the rest is nowhere in the scan; the point stays as printed, said as a doubt.
CUT_SENTENCE = re.compile(r"[.!?] ([^.!?\n]+),$")
CUT_SENTENCE_DOUBT = (
    "Le point « {opening} … » s'arrête sur une phrase coupée dans le document "
    "(« {sentence}, ») : la suite n'est pas dans le scan. Il est gardé tel qu'imprimé."
)


# Shown where a sentence the scan cut ends, so that a reader sees the loss is the scan's.
CUT_MARK = " [la suite manque dans le document numérisé]"


def _cut_sentences(points: list[PointRecord]) -> list[str]:
    """The doubts of the points whose last sentence the scan cut short (`CUT_SENTENCE`),
    each point marked where its text stops."""
    doubts = []
    for point in points:
        last = point.text.rstrip().split("\n")[-1]
        cut = CUT_SENTENCE.search(last)
        if cut and not last.startswith("- "):
            opening = " ".join(point.text.split()[:6])
            doubts.append(CUT_SENTENCE_DOUBT.format(opening=opening, sentence=cut.group(1)))
            point.text = point.text.rstrip() + CUT_MARK
    return doubts


def _paragraph_after_item(previous: str, text: str) -> bool:
    """After a line of a bulleted or numbered item, a line that opens a printed paragraph of
    its own: the item's last line ends its sentence short of the column's width (« va cette
    responsabilité ? », « ses valeurs. ») and the next line opens a sentence on a capital
    (« Ce manque de lisibilité … », « Le Pôle SUD a vocation … »), as after « ; »."""
    return (
        len(previous) < 30
        and bool(re.search(r"[.?!]$", previous))
        and not re.search(r"\b(?:[A-Z]|etc|cf|p|n°)\.$", previous)
        and bool(re.match(r"[A-ZÀ-Ý][a-zà-ÿ]*['’\s]", text))
    )


def _lists(markdown: str) -> str:
    """The lists of the experience whole, as printed: a sub-item (`SUB_ITEM`) under its
    item; a paragraph after an item ending on « ; » is the list's next item, its bullet
    lost (« - réfléchir … ; » « - rechercher … ; » « favoriser le développement … ; »), and so
    is a paragraph between two items;
    an item after such items goes on in the same list; a result said under an item
    (« Résultat : … ») stays with it; a sentence goes on after its colon in lower case."""
    blocks: list[str] = []
    given = markdown.split("\n\n")
    for index, block in enumerate(given):
        following = given[index + 1] if index + 1 < len(given) else ""
        previous = blocks[-1] if blocks else ""
        last = previous.split("\n")[-1]
        in_list = bool(re.match(r"(?: {4})?- ", last))
        indent = "    " if last.startswith("    - ") else ""
        plain = not re.match(r"### |- |‣ |\d+\. ", block) and "\n" not in block
        if previous.endswith(":") and "\n" not in previous and re.match(r"[a-zà-ÿ]", block):
            # « … ont participé à la réflexion (outre le GAB 26 et Manger Bio) : » « la
            # Commune de Muzillac, … »: the sentence goes on after its colon (G5-1).
            blocks[-1] = f"{previous} {block}"
        elif (
            re.match(r"\d+\. ", previous)
            and "\n" not in previous
            and not re.search(r"[.:;,!?]$", previous)
            and plain
            and re.match(r"[a-zà-ÿ]", block)
        ):
            # A numbered item the double spacing cut before its end (« 2. un “Dispositif
            # Emploi Grands Chantiers” » « avec trois missions : »).
            blocks[-1] = f"{previous} {block}"
        elif re.match(r"\d+\. [^\n]*:$", previous) and block.startswith("- "):
            # The list a numbered item introduces is its own, nested under it (« 2. un
            # “Dispositif Emploi Grands Chantiers” avec trois missions : » « - Relation … »).
            nested = "\n".join(f"    {line}" for line in block.split("\n"))
            blocks[-1] = f"{previous}\n\n{nested}"
        elif block.startswith(SUB_ITEM):
            item = block.removeprefix(SUB_ITEM).strip()
            if in_list:
                blocks[-1] = f"{previous}\n    - {item}"
            else:
                blocks.append(f"- {item}")
        elif in_list and last.endswith(";") and plain and not re.match(r"Résultats? :", block):
            blocks[-1] = f"{previous}\n{indent}- {block}"
        elif in_list and re.match(r"Résultats? : ", block):
            blocks[-1] = f"{previous}\n\n    {block}"
        elif in_list and plain and following.startswith("- ") and not block.endswith(":"):
            # Between two items of a list, a paragraph is an item whose bullet the scan lost
            # (« - L'alphabétisation … » « La halte garderie aborde … » « - l'atelier … »).
            blocks[-1] = f"{previous}\n- {block}"
        elif in_list and block.startswith("- ") and re.search(r"[;,.]$", last):
            if indent and re.match(r"\d+\. ", previous):
                # The list under a numbered item goes on (its next item after a blank line).
                block = "\n".join(f"{indent}{line}" for line in block.split("\n"))
            blocks[-1] = f"{previous}\n{block}"
        else:
            blocks.append(block)
    return "\n\n".join(_nested_under_steps(blocks))


def _nested_under_steps(blocks: list[str]) -> list[str]:
    """What a numbered step holds, nested under it as printed: the blocks between a step and
    the next one (G3-5's « 3. Réalisation de l'action … : » and its three lists, each under
    its label), and after the last step the list right under it (G3-4's « 3. Programme
    d'accompagnement socio-professionnel » and its items); a heading ends the steps."""
    nested = list(blocks)
    for index, block in enumerate(blocks):
        step = re.match(r"(\d+)\. ", block)
        if not step:
            continue
        following = f"{int(step.group(1)) + 1}. "
        end = index + 1
        while end < len(blocks) and not re.match(r"### |\d+\. ", blocks[end]):
            end += 1
        if not (end < len(blocks) and blocks[end].startswith(following)):
            # The last step: only a list right under it is its own.
            end = index + 1
            while end < len(blocks) and blocks[end].startswith("- "):
                end += 1
        for inner in range(index + 1, end):
            nested[inner] = "\n".join(
                f"    {line}" if line else line for line in blocks[inner].split("\n")
            )
    return nested


# « NOTRE EXPÉRIENCE » subheadings that name a card field of their own.
EXPERIENCE_FIELDS = [
    ("key_figures", re.compile(r"(?i)^(?:quelques )?chiffres(?: cl[ée]s)?\b")),
    ("results", re.compile(r"(?i)^(?:les |premiers? )*(?:r[ée]sultats|impacts?)\b")),
    # « État d'avancement et perspectives », « Etat d'avancement début 2008 »: where the
    # experience stands and what comes next.
    ("perspectives", re.compile(r"(?i)^(?:les )?perspectives\b|^[ée]tat d.avancement\b")),
    # « Le constat », « Un constat partagé : … », « Origines », « Un enjeu partagé »: what
    # the experience starts from.
    (
        "context",
        re.compile(r"(?i)^(?:(?:le|les|un|une|des) )?(?:contexte|constats?|origines?|enjeux?)\b"),
    ),
]


def _experience_fields(markdown: str) -> dict[str, str]:
    """« NOTRE EXPÉRIENCE » cut by its subheadings: « Le contexte et les enjeux » is the
    context, « Résultats » the results, « Perspectives », « Quelques chiffres »; the rest
    is what was done (actions). Each part keeps its own subheadings. A paragraph that is
    only a field's label (« Les perspectives : ») opens that field too; the words before
    the first subheading go with it when it opens the context."""
    fields: dict[str, list[str]] = {}
    current, opening = "", []
    for block in markdown.split("\n\n"):
        label = re.fullmatch(r"([^\n:]{3,40}?)\s*:", block)
        named = label and next(
            (name for name, pattern in EXPERIENCE_FIELDS if pattern.fullmatch(label.group(1))), ""
        )
        if block.startswith("### ") or named:
            heading = label.group(1) if named else block.removeprefix("### ")
            current = next(
                (name for name, pattern in EXPERIENCE_FIELDS if pattern.match(heading)), "actions"
            )
            if opening:
                fields.setdefault("context" if current == "context" else "actions", opening)
                opening = []
            if current != "actions" and len(heading.split()) <= 3 and current not in fields:
                # A bare « Résultats », « Quelques chiffres » opening its field: the field
                # says it. Inside the field, a subheading (« Un enjeu partagé » under « Le
                # constat ») stays.
                continue
        if not current:
            opening.append(block)
            continue
        fields.setdefault(current, []).append(block)
    if opening:
        fields.setdefault("actions", []).extend(opening)
    if "actions" not in fields:
        # One subheading « Contexte » over the whole experience: where the context ends is
        # not said, so the whole text stays what was done.
        return {"actions": markdown}
    return {name: "\n\n".join(blocks) for name, blocks in fields.items()}


def _joined(text: str, blocks: list[str]) -> str:
    return "\n\n".join(part for part in (text, *blocks) if part)


def _without_side_labels(lines, code, porteur_name, words, vocabulary) -> list[str]:
    """A card's body without the labels printed in its margin: the chapter's name
    (« Commande publique » « responsable ») and the porteur's name as a running header
    (« A.C.1.D. » « (Association Intermédiaire) \\ \\ »), each alone between paragraphs."""
    kept, index = [], 0
    while index < len(lines):
        run, end = [], index
        while end < len(lines) and (not lines[end].strip() or _is_margin(
            lines[end], code, porteur_name, words, vocabulary
        )):  # fmt: skip
            run += [lines[end]] if lines[end].strip() else []
            end += 1
        previous = next((line for line in reversed(kept) if line.strip()), "")
        between_paragraphs = not previous or re.search(r"[.:;!?»”)]\s*$", previous)
        # Before a section's heading a label ends the page, even after an unpunctuated
        # last item (« … et le chef de chantier » « Commande publique » « responsable »).
        before_heading = (
            end < len(lines)
            and _is_section_title(lines[end])
            and not re.search(r"[.,;:!?]\s*$", run[-1] if run else ".")
        )
        label_words = " ".join(run).split()
        if (
            run
            and end > index
            and (between_paragraphs or before_heading)
            and (len(label_words) >= 2 or any(porteur_name in line for line in run))
        ):
            kept += [""]
            index = end
            continue
        kept.append(lines[index])
        index += 1
    return kept


def _is_margin(line: str, code: str, porteur_name: str, words, vocabulary) -> bool:
    if _is_side_label(line, code):
        return True
    # « Inter réseaux IAE » for « Inter-réseaux IAE des Pays de la Loire »: compared
    # without hyphens, accents or case.
    if re.match(r"\s*(?:[-–•¢*]|e(?= [a-zé]))\s", line):
        return False  # a list item (« e études et chantiers Bretagne … »), no header
    text = _fix(line.strip(" \\|"), words, vocabulary)
    return len(_plain(text)) >= 5 and f" {_plain(text)} " in f" {_plain(porteur_name)} "


def _is_section_title(line: str) -> bool:
    """« FREINS RENCONTRÉS », « OUTILS ET RESSOURCES »…: a heading that opens a card's section."""
    return any(
        heading.match(line)
        for heading in (HEADING_FREINS, HEADING_FREINS_NEXT, HEADING_TOOLS, HEADING_SEE_ALSO)
    )


def _is_side_label(line: str, code: str) -> bool:
    """A fragment of the chapter's name, printed down the card's first page."""
    name_words = set(slugify(GROUP_NAMES[int(code[1:]) - 1]).split("-"))
    line_words = [w for w in slugify(line).split("-") if w]
    return bool(line_words) and len(line_words) <= 4 and set(line_words) <= name_words | {"de"}


def _split_title(header: list[str]) -> tuple[list[str], list[str]]:
    """The title is the run of capital lines, up to the one ending in « (TERRITOIRE) »."""
    for index, line in enumerate(header):
        if not _is_title_line(line):
            return header[:index] or header[:1], header[index:] if index else header[1:]
        if TITLE_TERRITORY.search(line):
            return header[: index + 1], header[index + 1 :]
    return header[:1], header[1:]


def _title_case(title: str, vocabulary: Vocabulary, words: CleanWords) -> str:
    """« MAISON EMPLOI ET SERVICES ANIMEE PAR … » → « Maison emploi et services animée par … »."""
    title = re.sub(r"^[^A-Za-zÀ-ÿ«]+", "", _fix(title, words, vocabulary))
    title = re.sub(r"\s+", " ", title)
    cased, position, previous = [], 0, ""
    for match in TITLE_WORD.finditer(title):
        gap, word = title[position : match.start()], match.group(0)
        if word.isupper() and word not in ACRONYMS:
            word = _title_word(word, previous if gap == " " else "", vocabulary, words)
        cased += [gap, word]
        previous, position = word, match.end()
    sentence = _as_quoted("".join(cased) + title[position:])
    sentence = _official_place_names(sentence)
    sentence = QUOTED_IN_TITLE.sub(_quoted_as_written, sentence)
    # French spacing: none before « , . ) », one before « : ; » (« Le Palacret : carrefour … »).
    sentence = re.sub(r" ([,.)])", r"\1", sentence).replace("( ", "(")
    return sentence[:1].upper() + sentence[1:]


TITLE_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+")
# A phrase a title quotes, between « » or the scan's “ ” (« … chargés de “ L’ENTRETIEN
# GENERAL ” dans les collèges »).
QUOTED_IN_TITLE = re.compile(r"[«“\"]\s*([^«»“”\"]+?)\s*[»”\"]")


def _quoted_as_written(match: re.Match) -> str:
    """A phrase a title in capitals quotes, in guillemets, its first letter as the documents
    write it where they quote it: a title (« Assistante de vie aux familles », G3-5, as
    p. 91 and 94 print it) keeps its capital, « l'entretien général » (G2-8) none."""
    phrase = match.group(1)
    seen = _quoted_cases().get(_plain(phrase).replace(" ", ""))
    if seen and seen[True] != seen[False]:
        first = phrase[:1].upper() if seen[True] > seen[False] else phrase[:1].lower()
        phrase = first + phrase[1:]
    return f"« {phrase} »"


@functools.cache
def _quoted_cases() -> dict[str, Counter]:
    """How often the documents open each phrase they quote (« », “ ”, " ") with a capital,
    by its letters; a phrase in capitals is no evidence."""
    cases: dict[str, Counter] = defaultdict(Counter)
    for text in _all_documents():
        flat = re.sub(r"\s+", " ", text)
        for found in re.finditer(r"[«“\"] ?([^«»“”\"]{3,120}?) ?[»”\"]", flat):
            phrase = found.group(1).strip()
            if phrase[:1].isalpha() and not phrase.isupper():
                cases[_plain(phrase).replace(" ", "")][phrase[0].isupper()] += 1
    return dict(cases)


def _title_word(word: str, previous: str, vocabulary: Vocabulary, words: CleanWords) -> str:
    """A word of a title in capitals, as the documents write it after the same word
    (« travail temporaire », « Conseil Général », « Anjou Domicile »), else after any word in
    small letters (« un carrefour », not the shop's « Carrefour »), else most often; with
    the accents of the typed documents where the scan dropped them (« collèges »)."""
    form = vocabulary.written_form(word)
    typed = words.best_form.get(_unaccented(form).lower(), "")
    if not words.knows(form) and len(typed) == len(form) and typed.lower() != form.lower():
        form = "".join(t.upper() if f.isupper() else t for f, t in zip(form, typed, strict=True))
    pairs, after_small = _word_cases()
    key = _plain(word).replace(" ", "")
    for seen in (pairs.get((_unaccented(previous), key)), after_small.get(key)):
        if seen and seen[True] != seen[False]:
            return form[:1].upper() + form[1:] if seen[True] > seen[False] else form.lower()
    return form


def _as_quoted(title: str) -> str:
    """The title as another document quotes it, word for word, where one does (003 cites
    « Maison Emploi et Services animée par un groupe d'économie sociale »): its capitals."""
    quoted = _quoted_titles().get(_plain(title).replace(" ", ""))
    ours, theirs = TITLE_WORD.findall(title), TITLE_WORD.findall(quoted or "")
    if not quoted or [_plain(w) for w in ours] != [_plain(w) for w in theirs]:
        return title
    words = iter(theirs)
    return TITLE_WORD.sub(lambda match: next(words), title)


@functools.cache
def _quoted_titles() -> dict[str, str]:
    """What the documents quote between « », by its letters."""
    return {
        _plain(match.group(1)).replace(" ", ""): match.group(1)
        for text in _all_documents()
        for match in re.finditer(r"«\s*([^«»\n]{20,250}?)\s*»", text)
    }


@functools.cache
def _word_cases() -> tuple[dict, dict]:
    """How often the documents write each word with a capital or not, after a given word
    (space between) and after any word in small letters; words in capitals are no evidence."""
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    after_small: dict[str, Counter] = defaultdict(Counter)
    for text in _all_documents():
        previous, end = "", 0
        for match in TITLE_WORD.finditer(text):
            word, adjacent = match.group(0), not text[end : match.start()].strip()
            if adjacent and previous and not (len(word) > 1 and word.isupper()):
                key = _plain(word).replace(" ", "")
                pairs[(_unaccented(previous), key)][word[0].isupper()] += 1
                if previous[0].islower():
                    after_small[key][word[0].isupper()] += 1
            previous, end = word, match.end()
    return dict(pairs), dict(after_small)


def _unaccented(word: str) -> str:
    """« Pôle » → « Pole »: the case kept, the scan's lost accents no matter."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _place_pattern(name: str) -> re.Pattern:
    """« Pas-de-Calais » as a pattern that also matches « pas-de-Calais », « PAS DE CALAIS »."""
    accents = {"e": "[eéèêë]", "a": "[aàâ]", "i": "[iîï]", "o": "[oô]", "u": "[uùûü]", "c": "[cç]"}
    letters = []
    for char in _plain(name).replace(" ", "-"):
        letters.append(r"[\s'’-]" if char == "-" else accents.get(char, re.escape(char)))
    return re.compile(r"\b" + "".join(letters) + r"\b", re.IGNORECASE)


@functools.cache
def _place_patterns() -> list[tuple[re.Pattern, str]]:
    names = {
        row["name"] for file in ("departements", "regions") for row in reference.read_rows(file)
    }
    longest_first = sorted((name for name in names if len(name) > 4), key=len, reverse=True)
    return [(_place_pattern(name), name) for name in longest_first]


def _official_place_names(text: str) -> str:
    for pattern, name in _place_patterns():
        text = pattern.sub(name, text)
    return text


def _plain(word: str) -> str:
    """« Côtes-d’Armor » and « COTES D'ARMOR » give the same key."""
    spaced = re.sub(r"['’]", " ", word)
    ascii_word = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_word).strip()


HEADER_NOISE = re.compile(r"^(?:[—–_|~•*-]+\s*|[Ss] (?=(?i:e-?mail)\b|\S+@))")
EMAIL_ANY = re.compile(r"(?i)^e-?mail\s*:?\s*(?P<emails>.+)$")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _header_line(line: str) -> str:
    """« — 44, rue Paul Lescop », « _ Email : … », « S Email : … »: a mark the scan left
    at the start of a header line."""
    return HEADER_NOISE.sub("", line.strip()).strip()


def _emails(text: str, known: list[str], porteur: str = "") -> list[str]:
    """Every address of « Email : a / b - c », each with its @ mended against the domains
    of the card's other addresses (« multimedialdmaisondessquares.org »)."""
    found = []
    for token in re.split(r"\s+(?:/|-)\s+|\s+|,\s*", text.strip()):
        token = token.strip(" .;,").replace("(@", "@")
        if "@" not in token:
            domains = {address.split("@", 1)[1] for address in [*known, *found]}
            # The porteur's own domain: « remildagate-paysages.org » for AGATE Paysages.
            slug = slugify(porteur)
            own = re.search(rf"(?:\(d|ld|d)({re.escape(slug)}\.\w+)$", token) if slug else None
            if own:
                domains.add(own.group(1))
            for domain in sorted(domains, key=len, reverse=True):
                mended = re.sub(rf"(?<=[\w.])(?:\(d|ld|d)(?={re.escape(domain)}$)", "@", token)
                if mended != token:
                    token = mended
                    break
        if EMAIL_ADDRESS.fullmatch(token):
            found.append(token)
    return found


def _porteur_and_contacts(lines: list[str], words, vocabulary):
    printed = [line for line in lines if len(_header_line(line)) > 1]  # « T »: a stray letter
    lines = [_header_line(line) for line in printed]
    printed_name = _clean_name(_fix(lines[0], words, vocabulary)) if lines else ""
    # « A.C.I.D. (Association Intermédiaire) »: the kind is no part of the name.
    porteur_name = KIND_IN_NAME.sub("", printed_name)
    organisation = OrganisationRecord(porteur_name, networks=[])
    contacts, address, presentation, index = [], [], [], 1
    emails: list[str] = []
    person_emails: dict[int, str] = {}
    previous = ""  # what the previous line was: "name", "person", "email", "other"
    while index < len(lines):
        line = _fix(lines[index], words, vocabulary)
        phone, website = PHONE.match(line), WEBSITE.match(line)
        email_line = EMAIL_ANY.match(line)
        person = PERSON.match(line)
        if email_line or ("@" in line and len(line.split()) <= 3):
            # Addresses are read on the scanned line: word repairs would turn « benjamin(dagate »
            # into « benjamin(d'agate ».
            raw = EMAIL_ANY.match(fix_emails(lines[index]))
            found = _emails(raw.group("emails") if raw else fix_emails(lines[index]), emails,
                            porteur_name)  # fmt: skip
            if previous == "person" and len(found) == 1:
                person_emails[len(contacts) - 1] = found[0]
            emails += [email for email in found if email not in emails]
            organisation.email = organisation.email or (emails[0] if emails else "")
            previous = "email"
        elif phone and re.search(r"\d{2}", line):
            organisation.phone = organisation.phone or _phone(phone.group(1))
            previous = "other"
        elif website:
            organisation.website = website.group(1)
            previous = "other"
        elif person and len(line) < 120 and _is_named_person(person):
            contacts.append(
                PersonRecord(
                    first_name=person.group("first"),
                    last_name=_surname(person.group("last")),
                    role=person.group("role").strip(" ,;"),
                    organisation=porteur_name,
                )
            )
            previous = "person"
        elif previous == "person" and line[:1].islower() and len(line) < 90:
            # The role of the person above, wrapped: « de la démarche sur l'égalité ; ».
            contacts[-1].role = f"{contacts[-1].role} {line}".strip(" ,;")
        elif index == 1 and not contacts and len(line) < 40 and not re.search(r"\d", line):
            # The porteur's name, wrapped: « AMSIC - Association … Interculturel » « Citoyenneté ».
            porteur_name = f"{porteur_name} {line}"
            organisation.name = porteur_name
        elif len(line) < 90 and (
            not organisation.email or POSTAL_TOWN.search(line) or _before_town(lines, index)
        ):
            address.append(line)
            previous = "other"
        else:
            # The presentation's lines as printed: its list keeps its bullets (« * une
            # association de services aux personnes »), a mark only on a contact line.
            presentation = _bullets([lines[index], *printed[index + 1 :]])
            break
        index += 1
    _apply_address(organisation, address)
    organisation.structure_types = _structure_types(
        f"{printed_name} {porteur_name} " + " ".join(presentation[:6])
    )
    # A structure the presentation says is COORACE's member; an inter-réseaux names COORACE
    # among the networks it groups (« (COORACE, FNARS, Régie de Quartier, …) »).
    inter_networks = re.search(r"(?i)\binter[- ]?r[ée]seaux?\b", porteur_name)
    if "COORACE" in " ".join(presentation) and "COORACE" not in porteur_name and not inter_networks:
        organisation.networks = ["COORACE"]
    for position, contact in enumerate(contacts):
        contact.organisation = porteur_name
        # The card's e-mail is the person's when it bears their name, or when the card
        # prints it under that person alone.
        surname = _plain(contact.last_name).replace(" ", "")
        first = _plain(contact.first_name).replace(" ", "")
        named = [
            email
            for email in emails
            if (surname and surname in email.lower())
            or (len(first) > 3 and email.lower().startswith(first))
        ]
        printed_under = person_emails.get(position) if len(contacts) > 1 else ""
        contact.email = printed_under or (named[0] if named else "")
    description = _markdown(presentation, words, vocabulary)
    return organisation, contacts, description


KIND_IN_NAME = re.compile(
    r"(?i)\s*\((?:association interm[ée]diaire|ateliers? et chantiers? d.insertion"
    r"|entreprise d.insertion|entreprise de travail temporaire d.insertion)\)$"
)


def _bullets(lines: list[str]) -> list[str]:
    """« e Rendre lisible … » then « o Etre l'interlocuteur … »: a bullet the OCR read as
    « o », under a list item."""
    return [
        re.sub(r"^o (?=[A-ZÉÈÀ])", "- ", line)
        if index and re.match(r"[-–•*e¢] ", lines[index - 1])
        else line
        for index, line in enumerate(lines)
    ]


def _before_town(lines: list[str], index: int) -> bool:
    """A street line printed after the e-mails, just above its postal code and town."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(POSTAL_TOWN.search(following.rstrip(" ."))) and len(following) < 60


def _is_named_person(match: re.Match) -> bool:
    """« Hubert PETITPREZ, Directeur », « Cathy Bellec, Chargée … », not « Association
    Intermédiaire depuis 1987 »: a surname in capitals, or a comma after the name."""
    last, role = match.group("last"), match.group("role")
    named = (last.isupper() and len(last) > 1) or match.string[match.end("last") :].startswith(",")
    return named and not re.search(r"\d", last) and not role[:1].islower()


def _clean_name(line: str) -> str:
    """« Pour l'inter-réseaux IAE des Pays de la Loire : » → « Inter-réseaux IAE des … »."""
    line = re.sub(r"^Pour l[’']?", "", re.sub(r"\s+", " ", line)).strip(" :")
    return line[:1].upper() + line[1:]


def _surname(name: str) -> str:
    """« LE STUM » → « Le Stum », « MELIAND-VIOT » → « Meliand-Viot »."""
    if not name.isupper():
        return name
    return re.sub(r"[A-ZÀ-Ý]+", lambda m: m.group(0).capitalize(), name)


def _phone(text: str) -> str:
    """Every number the block prints, in pairs of digits, with what it reaches when the
    block says it (« 03 84 33 49 51 (BISE) / 03 84 37 11 46 (siège de l'ALCG) »): a
    structure's second line (« 0147250203 -0147898302 », « 03.27.64.00.70 / Port. :
    06.78.83.30.14 ») is kept too."""
    numbers = []
    for part in re.split(r"/|\s-", text):
        label = re.search(r"\(([^()]+)\)\s*$", part)
        number = re.sub(r"\D", "", part[: label.start()] if label else part)
        if len(number) != 10:
            continue  # a number the scan lost a digit of is no number
        pairs = " ".join(number[i : i + 2] for i in range(0, len(number), 2))
        numbers.append(f"{pairs} ({label.group(1).strip()})" if label else pairs)
    return " / ".join(numbers)


def _apply_address(organisation: OrganisationRecord, lines: list[str]) -> None:
    for line in lines:
        for part in re.split(r"\s*/\s*|\s+-\s+", line):
            phone = PHONE.match(part)
            part = part.rstrip(" .")
            match = POSTAL_TOWN.search(part)
            if phone and re.search(r"\d{2}", part):
                organisation.phone = organisation.phone or _phone(phone.group(1))
            elif match:
                organisation.postal_code = match.group(1) + match.group(2)
                organisation.town = _town(match.group(3))
                organisation.cedex = match.group("cedex") or ""
                street = part[: match.start()].strip(" ,")
                if street:
                    organisation.address = ", ".join(filter(None, [organisation.address, street]))
            else:
                organisation.address = ", ".join(filter(None, [organisation.address, part]))
    # « 28 rue Henri DUNANT » → « 28 rue Henri Dunant »: a street's name in capitals.
    organisation.address = STREET_NAMED.sub(
        lambda match: f"{match.group(1)}{match.group(2).capitalize()}", organisation.address
    )
    if organisation.postal_code:
        prefix = organisation.postal_code[:2]
        organisation.departement_code = (
            organisation.postal_code[:3] if prefix == "97" else _corsica(organisation.postal_code)
        )


STREET_NAMED = re.compile(
    r"(\b(?:rue|avenue|place|chemin|cours|boulevard|allée|impasse|quai) [A-ZÉ][a-zéèë]+ )"
    r"([A-ZÉÈË]{3,})\b"
)


def _town(name: str) -> str:
    """« PONT DE BEAUVOISIN » → « Pont de Beauvoisin »."""
    small = {"de", "du", "des", "la", "le", "les", "sur", "en", "et", "sous", "lès"}
    words = re.sub(r"\s+", " ", name.strip()).lower().split(" ")
    # « Caudebec-en-Caux »: each part of a hyphenated name, small words kept small.
    return " ".join(
        "-".join(
            part if (i or j) and part in small else part.capitalize()
            for j, part in enumerate(word.split("-"))
        )
        for i, word in enumerate(words)
    )


def _corsica(postal_code: str) -> str:
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]


STRUCTURE_HINTS = [
    (r"(?i)association interm[ée]diaire|\bAI\b", "ai"),
    (r"(?i)chantiers? d.insertion|\bACI\b", "aci"),
    (r"(?i)entreprise d.insertion|\bEI\b", "ei"),
    (r"(?i)travail temporaire d.insertion|\bETTI\b", "etti"),
    (r"(?i)groupement d.employeurs", "groupement_employeurs"),
    (r"(?i)ensemblier|groupe d.[ée]conomie sociale|groupement [ée]conomique solidaire",
     "ges_ensemblier"),
    (r"(?i)r[ée]gie de quartier", "regie_quartier"),
    (r"(?i)conseil g[ée]n[ée]ral|m[ée]tropole|communaut[ée] (?:urbaine|de communes|d.agglom)",
     "collectivite"),
    (r"(?i)\bCOORACE\b [A-Z]|inter-?r[ée]seaux?|comit[ée] des associations|2IAE", "reseau"),
]  # fmt: skip


# Where a presentation turns to the structures a group holds or belongs to (« E3i est une
# ETTI intégrée à l'ensemblier Ulisse qui regroupe par ailleurs deux ACI, une AI… »), works
# for (« Il porte des missions transversales … pour : l'Association Intermédiaire … »), has
# in its pôles (« Un pôle … comprenant une association intermédiaire ») or helped create (« a
# contribué à créer l'Association Intermédiaire (AI) Brotonne Service »).
MEMBERS_NAMED = re.compile(
    r"(?i)\bint[ée]gr[ée]e? (?:[àa]|au|dans)\b|\bregroup|\bassociant\b|\bpour\s*:"
    r"|\bcomprenant\b|\bcontribu[ée] [àa] cr[ée]er\b"
)
GROUP_WORDS = re.compile(r"(?i)\bgroupe\b|\bp[ôo]le\b|\bensemblier\b")


def _structure_types(text: str) -> list[str]:
    """The kinds the presentation gives the porteur itself: those of the structures it
    groups or belongs to are theirs (a group of several kinds is an ensemblier)."""
    own = MEMBERS_NAMED.split(text, maxsplit=1)[0]
    kinds = [kind for pattern, kind in STRUCTURE_HINTS if re.search(pattern, own)]
    if not kinds and own != text and GROUP_WORDS.search(own):
        kinds = ["ges_ensemblier"]
    kinds = kinds or [kind for pattern, kind in STRUCTURE_HINTS if re.search(pattern, text)]
    if "reseau" in kinds:
        # A network's presentation names its members' kinds (« COORACE, FNARS, Régie de
        # Quartier… », « ACI, ETTI »): the network is none of them.
        return ["reseau"]
    return kinds


# Porteurs whose card presentation names no kind: the kind the document gives elsewhere,
# with its words (checked in the text).
REVIEWED_PORTEUR_TYPES = {
    "AIDE EMPLOI SERVICES": ("ai", "Directeur de UAIDE (Association Intermé-"),
    "AGATE Paysages": ("aci", "Agate Paysages, Atelier et Chantier d'Insertion"),
    "Anjou Domicile": ("association", "L'association Anjou Domicile a pour objet"),
    "AMSIC - Association Maison des Squares Solidarité Interculturel Citoyenneté": (
        "association",
        "(AMSIC) géere un équipement",
    ),
}

# A porteur printed as two structures (a partnership of corrections.toml) whose card gives
# one of them a kind and an e-mail of its own: that member's record, with the card's words
# (checked in its text). Brotonne Service is the AI the Bateau de Brotonne, which carries
# the ACI, « a contribué à créer »; their address block is one.
REVIEWED_MEMBERS = {
    "Bateau de Brotonne / Brotonne Service": (
        ("Brotonne Service", "ai", "brotonneservice@free.fr",
         "a contribué a créer [Association Intermédiaire (Al) Brotonne Service."),
    ),
}  # fmt: skip


def _reviewed_members(porteur: OrganisationRecord, lines: list[str]) -> list[OrganisationRecord]:
    text = " ".join(" ".join(lines).split())
    members = []
    for name, kind, email, evidence in REVIEWED_MEMBERS.get(porteur.name, ()):
        if evidence not in text or email not in text:
            raise SourceFormatError(f"000: porteur {porteur.name} no longer says « {evidence} »")
        # The block's address is theirs both; its phone and presentation, the porteur's.
        own = {"structure_types": [kind], "email": email, "phone": "", "description": ""}
        members.append(replace(porteur, name=name, networks=[], website="", **own))
    return members


SIAE_TYPES = {"ai", "aci", "ei", "etti", "ges_ensemblier", "groupement_employeurs"}


def _reviewed_porteur_types(porteur: OrganisationRecord, text: str) -> None:
    reviewed = REVIEWED_PORTEUR_TYPES.get(porteur.name)
    if reviewed is None or porteur.structure_types:
        return
    kind, evidence = reviewed
    if evidence not in text:
        raise SourceFormatError(f"000: porteur {porteur.name} no longer says « {evidence} »")
    porteur.structure_types = [kind]


def _category(porteur: OrganisationRecord) -> str:
    """A card of a collectivité, or of a structure of no SIAE kind (Anjou Domicile, the
    départemental platform of services to persons; the AMSIC, a social-link association),
    is a partner's contribution."""
    if "collectivite" in porteur.structure_types:
        return "partenaire"
    if "reseau" in porteur.structure_types:
        return "reseau"
    if SIAE_TYPES & set(porteur.structure_types):
        return "siae"
    return "partenaire"


def _territory(bracket: str, porteur: OrganisationRecord) -> tuple[str, list[str], str, str]:
    """(région as written, département codes, territory name, scale) from « (ISERE) » and
    the address. A card whose title names a région (« (PAYS DE LA LOIRE) ») covers its
    départements of 2008."""
    departements = {_plain(row["name"]): row["code"] for row in reference.read_rows("departements")}
    regions = {
        _plain(row["name"]): row["name"]
        for file in ("regions", "former_regions")
        for row in reference.read_rows(file)
    }
    key = _plain(bracket)
    codes = [departements[key]] if key in departements else _region_departements(key)
    scale = "region" if key in regions else ""
    if not codes and porteur.departement_code:
        codes = [porteur.departement_code]
    region = regions.get(key, "")
    if not region and codes:
        # A 2008 card keeps the région of its time: the pre-2016 région of its département.
        region = _former_region(codes[0])
    name = "" if key in departements or key in regions else _town(bracket)
    return region, codes, name, scale


def _region_departements(key: str) -> list[str]:
    """The départements of a région named as in 2008 (« midi pyrenees »), or of today's."""
    for file, column in (("former_regions", "former_region_code"), ("regions", "region_code")):
        code = next((r["code"] for r in reference.read_rows(file) if _plain(r["name"]) == key), "")
        if code:
            return [r["code"] for r in reference.read_rows("departements") if r[column] == code]
    return []


# Territories a card's text gives beyond its title and address, reviewed against the scan:
# its départements (and scale), with the words that give them (checked in the card).
REVIEWED_TERRITORIES = {
    "experience-G1-1": (("38", "73"), "", "entre Ulsére et la Savoie : la Vallée du Guiers."),
    "experience-G1-2": (("26", "07"), "", "a vocation a desservir le Nord de la Dréme et Ardéche"),
    "experience-G2-3": (("35", "56", "44"), "intercommunalite",
                        "sur trois départements (Ille et Vilaine, Morbihan et Loire Atlantique]"),
    "experience-G2-5": (("09", "12", "31", "32", "46", "65", "81", "82"), "region",
                        "Ont été invités, sur les 8 départements de la Région"),
    "experience-G3-6": (("31", "82"), "", "proposition d'action sur deux départements : la "
                        "Haute-Garonne et le Tarn-et-Garonne"),
}  # fmt: skip


# The territory a card's text names (a pays, a bassin, an agglomération, a quartier) where
# its title's brackets give only a département, reviewed against the scan, with the words
# that give it (checked in the card). The forms match those of the other documents
# (« Vallée du Guiers », « Agglomération grenobloise », « Sud Essonne »).
REVIEWED_TERRITORY_NAMES = {
    "experience-G1-1": ("Vallée du Guiers", "entre Ulsére et la Savoie : la Vallée du Guiers."),
    "experience-G1-2": ("Nord de la Drôme et de l'Ardèche",
                        "a vocation a desservir le Nord de la Dréme et Ardéche"),
    "experience-G1-3": ("Haut-Jura", "sur le Haut Jura."),
    "experience-G2-1": ("Pays Sambre-Avesnois", "Sur le territoire du Pays Sambre-Avesnois (Nord)"),
    "experience-G2-2": ("Agglopole Provence",
                        "La communauté dagglomération Agglopole Provence recouvre"),
    "experience-G2-4": ("Agglomération grenobloise", "La Métro (Communauté d'Agglomération)"),
    "experience-G2-9": ("Nantes Métropole", "dispositif Clauses d'insertion de Nantes Métropole"),
    "experience-G3-1": ("Pays de Gâtine", "en Pays de Gatine"),
    "experience-G3-2": ("Agglopole Provence",
                        "La Communauté d’Agglomération “Agglo- pole Provence” recouvre"),
    "experience-G3-3": ("Sud Essonne", "partenaires locaux du Sud Essonne"),
    "experience-G3-4": ("Agglomération de Dole",
                        "sur Dole et les 24 communes de la communauté d'agglomération"),
    "experience-G4-1": ("Nanterre", "Située a Nanterre dans les Hauts-de-Seine"),
    "experience-G4-2": ("Quartier du Blosne (Rennes)", "Blosne, quartier au Sud de Rennes."),
    "experience-G5-1": ("Pays de Rhuys - Muzillac",
                        "intervient sur le territoire du Pays de Rhuys Muzillac"),
    "experience-G5-2": ("Pays de Bégard",
                        "Communauté de communes du Pays de Bégard dans les Cotes d’Armor"),
    "experience-G5-3": ("Bassin d'emploi Dole Revermont", "le Bassin d’emploi Dole Revermont"),
    "experience-G5-4": ("Agglomération grenobloise",
                        "ses activités sur l'agglo- mération grenobloise"),
    "experience-G5-5": ("Pays de Caux", "Le Pays de Caux est marqué"),
}  # fmt: skip


# The milieu a card's own text states (« en zone rurale », « territoire “rurbain” »),
# reviewed against the scan with its words; none where the text only hints at it (a
# quartier, an agglomération) or another text says it (an interview's title).
REVIEWED_MILIEUX = {
    "experience-G2-1": (("urbain", "rural"), "zone urbaine autour de Maubeuge et une"),
    "experience-G2-3": (("rural",), "rural, avec une petite ville centre, Redon, de"),
    "experience-G3-1": (("rural",), "AIR se situe en zone rurale"),
    # « un territoire “rurbain” »: towns in « un environnement rural » of very small communes
    "experience-G3-3": (("periurbain", "rural"), "La spécificité d'un territoire “rurbain”,"),
    "experience-G5-2": (("rural",), "professionnelle en milieu rural, l'association"),
    "experience-G5-3": (("rural",), "ruraux du Jura, et plus particulierement sur"),
}


def _apply_reviewed_territory(card: CardRecord, lines: list[str]) -> None:
    milieux = REVIEWED_MILIEUX.get(card.source_key)
    if milieux is not None:
        values, evidence = milieux
        if Reviewed((evidence,)).missing_evidence("\n".join(lines)):
            raise SourceFormatError(f"000: card {card.source_key} no longer says « {evidence} »")
        card.milieux = card.milieux or list(values)
    named = REVIEWED_TERRITORY_NAMES.get(card.source_key)
    if named is not None:
        name, evidence = named
        if Reviewed((evidence,)).missing_evidence("\n".join(lines)):
            raise SourceFormatError(f"000: card {card.source_key} no longer says « {evidence} »")
        card.territory_name = card.territory_name or name
    reviewed = REVIEWED_TERRITORIES.get(card.source_key)
    if reviewed is None:
        return
    codes, scale, evidence = reviewed
    if Reviewed((evidence,)).missing_evidence("\n".join(lines)):
        raise SourceFormatError(f"000: card {card.source_key} no longer says « {evidence} »")
    card.departement_codes, card.scale = list(codes), scale


def _former_region(departement_code: str) -> str:
    """The pre-2016 région (as the 2008 recueil names it) of a département."""
    former = {row["code"]: row["name"] for row in reference.read_rows("former_regions")}
    for row in reference.read_rows("departements"):
        if row["code"] == departement_code:
            return former.get(row["former_region_code"], "")
    return ""


def _sections(lines: list[str]) -> dict[str, list[str]]:
    sections = {"experience": [], "freins": [], "tools": [], "see_also": []}
    current = "experience"
    for line in lines:
        if _is_section_title(line):
            _drop_running_header(sections[current])
        if HEADING_FREINS.match(line):
            current = "freins"
            continue
        if current == "freins" and HEADING_FREINS_NEXT.match(line):
            continue
        if HEADING_TOOLS.match(line):
            current = "tools"
            continue
        if HEADING_SEE_ALSO.match(line):
            current = "see_also"
            continue
        sections[current].append(line)
    return sections


def _drop_running_header(lines: list[str]) -> None:
    """« PES SUD ESSONNE » at the top of the page whose first words are a section's heading:
    the porteur's name as the page's running header, no words of the section before it."""
    while lines and not lines[-1].strip():
        lines.pop()
    header = lines[-1] if lines else ""
    if PAGE_START.match(header) and _is_title_line(header) and len(header.split()) <= 6:
        lines.pop()


def _items(markdown: str) -> list[str]:
    """List items and paragraphs of a section, each one item."""
    items = []
    for block in markdown.split("\n\n"):
        for item in re.split(r"\n(?=- )", block):
            item = item.removeprefix("- ").removeprefix("### ").strip()
            item = re.sub(r"^[e¢*•]\s+(?=[A-ZÀ-Ý])", "", item)  # a bullet the OCR kept
            if len(item) > 2:
                items.append(item)
    return items


# « Les outils et ressources suivants sont … : », « Sont disponibles auprès du CAI 92 : »
INTRODUCES_A_LIST = re.compile(
    r"(?i)(?:\bsuivant(?:e|s|es)?\b|^(?:sont )?disponibles?\b|\bà la disposition\b)[^:]*:\s*$"
)
# A lead-in that says where to ask for the tools (« Disponibles sur demande au COORACE … : »,
# « Sont disponibles auprès du CAI 92 : »): it heads each of them.
WHERE_TO_ASK = re.compile(r"(?i)\bsur demande\b|\bauprès d")
# A tool that says itself who makes it available (« Les actes de la rencontre peuvent
# également être mis à disposition par la Maison de l'Emploi … »): out of the group above.
OWN_PROVIDER = re.compile(r"(?i)\bmis(?:es?)? à (?:la )?disposition par\b")
# A sentence that says only that the porteur passes on its tools, with no address nor
# document of its own: the section's heading says it (G3-3).
GIVES_THE_TOOLS = re.compile(
    r"(?i)^[^.:/]*\b(?:transmettre|fournir|communiquer)\s+(?:des|les|ses)\s+outils et "
    r"(?:des |les |ses )?ressources\.$"
)
# A person's e-mail address is personal data, kept only in the cards' contacts (never
# shown to all); a structure's own (« association.e4@gmail.com ») locates its tools, as
# web addresses do.
E_MAIL_IN_TOOL = re.compile(r"\s*\(?([\w.+-]+)@[\w-]+(?:\.[\w-]+)+\)?")
STRUCTURE_MAILBOX = re.compile(r"(?i)(?:association|contact|info|accueil|secretariat|siege)\b")


def _without_personal_e_mails(text: str) -> str:
    return E_MAIL_IN_TOOL.sub(
        lambda m: m.group(0) if STRUCTURE_MAILBOX.match(m.group(1)) else "", text
    )


WEB_ADDRESSES = re.compile(r"(?:\s*\(?(?:https?://|www\.)[^\s()]+\)?\.?)+")
# « Réseau Entreprendre (http://www.reseau-entreprendre.org). »: a name and its address.
NAME_AND_ADDRESS = re.compile(r"[^.:()]{2,80}\((?:https?://|www\.)[^\s()]+\)\.?")
ARTICLE = re.compile(r"(?i)(?:le|la|les|l['’])\s*")


# What a card says of its tools as a whole before listing them: that they are available
# and from whom (« Sont disponibles auprès du CAI 92 : », « L'espace CENTREMPLOI met à la
# disposition de tout acteur intéressé les ressources suivantes : », « … peut être sollicitée
# pour transmettre des outils et des ressources. »).
MADE_AVAILABLE = re.compile(
    r"(?i)\bà (?:la )?disposition\b|^(?:sont )?disponibles?\b|\bsollicitée? pour transmettre\b"
)
# A tool under a label of its own (« Ressource : Réseau National … »): the lead-in above is
# then a group's heading, not the whole list's.
OWN_LABEL = re.compile(r"[^:(\n]{1,40} : \S")
# « Cependant, elle met à la disposition des acteurs intéressés : » after a paragraph on
# how the porteur works (G5-4): the paragraph leads into the list too.
CONNECTIVE = re.compile(r"(?:Cependant|Toutefois|Néanmoins|Pour autant)\b")


def _tools_intro(markdown: str) -> tuple[str, str]:
    """The section's lead-in over all its tools (`ExperienceCard.tools_intro`), and the
    rest. A lead-in heading only some of them (Anjou Domicile's « Disponibles sur demande au
    COORACE … : » before « Ressource : … ») stays with them (`_grouped`)."""
    blocks = [block.strip() for block in markdown.split("\n\n") if block.strip()]
    for index, block in enumerate(blocks[:2]):
        lead = "\n" not in block and not block.startswith(("- ", "### ")) and block
        available = lead and MADE_AVAILABLE.search(lead)
        if not available or not (lead.endswith(":") or GIVES_THE_TOOLS.search(lead)):
            continue
        if index and (not CONNECTIVE.match(lead) or blocks[0].startswith(("- ", "### "))):
            break
        rest = blocks[index + 1 :]
        if not rest or any(OWN_LABEL.match(other) for other in rest):
            break
        intro = "\n\n".join(blocks[: index + 1])
        return intro[:1].upper() + intro[1:], "\n\n".join(rest)
    return "", markdown


# « E4 : » alone on its line, over the address it labels.
ADDRESS_LABEL = re.compile(r"(?:### )?[\w’' .-]{1,30} ?:")


def _tool_blocks(markdown: str) -> list[str]:
    """The paragraphs and lists of « OUTILS ET RESSOURCES », mended where the scan's
    layout cut one tool: a line cut in two (« … (Pôle de Coopération et d'Initiative sud »
    « Rhône-Alpes) : »), an address alone under the tool it locates, a heading's end read
    as a list item (« Réseau National des Ressourceries » « - Recycleries : »), a label
    and its address (« E4 : » « association.e4@gmail.com ») after the tool that names it.
    A person's e-mail address is left out, with a label left naming nothing."""
    blocks: list[str] = []
    for block in markdown.split("\n\n"):
        kept = _without_personal_e_mails(block).strip()
        if kept != block.strip() and not re.search(r"\w", kept):
            if blocks and ADDRESS_LABEL.fullmatch(blocks[-1]):
                blocks.pop()
            continue
        previous = blocks[-1] if blocks else ""
        if (
            E_MAIL_IN_TOOL.fullmatch(kept)
            and ADDRESS_LABEL.fullmatch(previous)
            and len(blocks) > 1
            and WEB_ADDRESSES.search(blocks[-2][-60:])
        ):
            # « … conçue par Auxilia et E4. Auxilia : (http://…) » « E4 : » « association… »
            blocks.pop()
            blocks[-1] = f"{blocks[-1]} ; {previous} {kept}"
        elif previous.count("(") > previous.count(")") and ")" in kept[:40]:
            blocks[-1] = f"{previous} {kept.removeprefix('### ')}"
        elif previous and not previous.startswith("- ") and WEB_ADDRESSES.fullmatch(kept):
            blocks[-1] = f"{previous} {kept.strip()}"
        elif (
            previous.startswith("### ")
            and not previous.endswith(":")
            and (end := re.match(r"- [^\n]{1,40}:(?:\n|$)", kept))
        ):
            blocks[-1] = f"{previous} {end.group(0).strip()}"
            if kept[end.end() :].strip():
                blocks.append(kept[end.end() :].strip())
        else:
            blocks.append(kept)
    return blocks


def _tools(markdown: str) -> list[str]:
    """The tools of « OUTILS ET RESSOURCES », one a list item or paragraph. A short heading
    over a list (« Outils traditionnels de gestion du pôle : », « Phase d'information ») is
    no tool: it prefixes each item of its list (« Outils traditionnels de gestion du pôle :
    Base de données »); a heading over a paragraph prefixes that paragraph (« Plaquette de
    communication … : La plaquette (4 pages) … »)."""
    tools, heading, heading_text, used = [], "", "", True
    titled = False  # the last heading was a title over what follows (« ### … »)
    subheading = False  # the last block was a line with no stop, kept as a tool so far
    for block in _led_lists(_tool_blocks(markdown)):
        if "\n" not in block and GIVES_THE_TOOLS.search(block):
            continue  # « … peut être sollicitée pour transmettre des outils et des ressources. »
        subheading = subheading and bool(tools)
        parts = re.split(r"\n(?=- )", block)
        lead = parts[0] if not parts[0].startswith("- ") else ""
        items = _items("\n".join(parts[1:] if lead else parts))
        lead_text = lead.removeprefix("### ").strip()
        # A parenthesis spells out a name (« Pôle SUD (Pôle de Coopération …) »).
        bare = re.sub(r"\s*\([^()]*\)", "", lead_text)
        short_heading = (
            2 < len(bare) <= (150 if lead.startswith("### ") and not items else 90)
            and (lead.startswith("### ") or lead_text.endswith(":"))
            and lead_text[:1].isupper()
            and lead_text.count("(") == lead_text.count(")")  # not « Rhône-Alpes) : »
            and not re.match(r"(?i)(?:cependant|par ailleurs|parmi)\b", lead_text)
            and not re.search(r"(?i)https?:|www\.", lead_text)  # a site with its address
        )
        held = lead_text.endswith(":") and _lead_holds_its_list(lead_text, items)
        whole = bool(items) and (held or bool(SITE_OVER_ITS_CONTENTS.fullmatch(lead_text)))
        if whole:
            # A sentence and its list, one tool as the page prints it: the resource and its
            # parts (« Les fiches techniques … de Patrick Loquet … : » « - Fiche 1 … »), what
            # is planned (« … il est prévu de mettre en place … : »), the support obtained
            # (« Un certain nombre de besoins … nous ont été proposés : »).
            listed = lead_text + "".join(f"\n- {item}" for item in items)
            if heading and not used:
                listed = f"{heading} : {listed}"  # under its subheading
            if subheading:
                # « Mise en place d'un dispositif territorial partenarial … » over it: a
                # subheading printed as a paragraph, too long for `_headings`.
                tools[-1] = f"{tools[-1]} : {listed}"
            elif tools and GOES_ON.match(lead_text):
                tools[-1] = f"{tools[-1]}\n{listed}"  # « Elles visent … » « Certaines sont … : »
            else:
                tools.append(listed)
            heading, heading_text, used, subheading = "", "", True, False
            continue
        subheading = bool(re.fullmatch(r"[A-ZÀ-Ý][^.:;!?()\n]{3,150}", block))
        if lead and INTRODUCES_A_LIST.search(lead_text):
            # « Les outils et ressources suivants sont mis à la disposition de tout acteur
            # intéressé : » introduces the list: no tool, nor said again on each item. Where
            # to ask for them, when not the porteur (« Disponibles sur demande au COORACE,
            # qui s'engage à en tenir informé Anjou Domicile : »), stays said.
            if not used:
                tools.append(heading_text)
            if WHERE_TO_ASK.search(lead_text):
                tools.append(GROUP + lead_text)
            heading, heading_text, used = "", "", True
        elif lead and short_heading and not used:
            # A subheading (« Ressources externes » › « Principalement … VITA : »).
            heading = f"{heading} : {lead_text.rstrip(' :')}"
            heading_text = f"{heading_text} {lead_text}"
            titled = lead.startswith("### ")
        elif lead and short_heading:
            heading, heading_text, used = lead_text.rstrip(" :"), lead_text, False
            titled = lead.startswith("### ")
        elif lead and not used and titled and not items:
            # A title over one paragraph that describes it.
            tools.append(f"{heading} : {lead_text}")
            heading, used = "", True
        elif lead:
            if not used and not titled and heading_text.endswith(":") and not items:
                # A label over paragraphs (« Les ressources extérieures : » « Réseau
                # Entreprendre (…). » « France Active (…). »): their group's heading.
                tools.append(GROUP + heading_text)
            elif not used:
                tools.append(heading_text)  # a heading over no list: a tool after all
            heading, used = "", True
            tools += _items(lead)
        for item in items:
            tools.append(f"{heading} : {item}" if heading else item)
            used = True
    if not used:
        tools.append(heading_text)
    # Each starts a sentence: « ['Association » was read « l'Association ».
    tools = [tool[:1].upper() + tool[1:] for tool in _tools_described(_enumerations(tools))]
    return _headed_runs(_grouped(_actions_listed(_parts_listed(_titled_contents(tools)))))


# A heading the card prints over several tools, some with a list of their own (so no list
# can hold them): a heading row (« ### … ») over the tools that follow it, up to the next.
# Reviewed against the scan (G2-2, p. 35; G5-5, p. 146).
TOOL_SECTIONS = {
    "experience-G2-2": (
        "Mise en place d'un dispositif territorial partenarial de gestion des clauses sociales "
        "du Code des marchés publics",
    ),
    "experience-G5-5": (
        "Projet de territoire - Démarche “ Entreprendre en coopérant ”",
        "Projet de création d’une EI de statut SCIC",
    ),
}


def _apply_tool_sections(card: CardRecord) -> None:
    for heading in TOOL_SECTIONS.get(card.source_key, ()):
        at = next(
            (i for i, tool in enumerate(card.tools) if tool.text.startswith(f"{heading} : ")),
            None,
        )
        if at is None:
            raise SourceFormatError(f"000: card {card.source_key} has no tool under « {heading} »")
        rest = card.tools[at].text.removeprefix(f"{heading} : ")
        card.tools[at : at + 1] = [
            ToolRecord(f"### {heading}"),
            ToolRecord(rest[:1].upper() + rest[1:]),
        ]


def _headed_runs(tools: list[str]) -> list[str]:
    """Tools a heading prefixes one by one (« Informations sur : La réglementation … »,
    « Informations sur : La création … ») are printed as that heading over their list:
    one tool, as the page shows it. A tool with a list of its own stays prefixed."""
    runs: list[str] = []
    index = 0
    while index < len(tools):
        heading = _shared_heading(tools[index : index + 2])
        end = index + 1
        while heading and end < len(tools) and tools[end].startswith(heading):
            end += 1
        members = [tool.removeprefix(heading) for tool in tools[index:end]]
        if heading and not any("\n" in member for member in members):
            runs.append(heading.rstrip() + "".join(f"\n- {member}" for member in members))
        else:
            runs.extend(tools[index:end])
        index = end
    return runs


def _shared_heading(pair: list[str]) -> str:
    """The longest « … : » two tools both open with, up to a « : » in both."""
    if len(pair) < 2:
        return ""
    first, second = pair
    shared = ""
    for match in re.finditer(r" : ", first):
        prefix = first[: match.end()]
        if second.startswith(prefix) and len(second) > len(prefix):
            shared = prefix
    return shared


# An item of a tools' list that names a whole whose parts are the items after it, printed
# with the same bullet: how many it holds, read on the page (reviewed). G2-6, p. 52: the
# participants' file « présenté ci-dessous » (the actions) holds Patrick Loquet's documents
# and the map of the SIAE; the steering committee's and the working group's minutes that
# follow are the organisers' papers.
TOOL_PARTS = {"Éléments du dossier remis aux participants :": 2}


def _parts_listed(tools: list[str]) -> list[str]:
    """An item over its parts (`TOOL_PARTS`): one tool, its parts a list under it."""
    listed: list[str] = []
    index = 0
    while index < len(tools):
        tool, count = tools[index], TOOL_PARTS.get(tools[index], 0)
        parts = tools[index + 1 : index + 1 + count]
        listed.append(tool + "".join(f"\n- {part}" for part in parts))
        index += 1 + len(parts)
    return listed


# « Connaître les … », « Recenser l'offre … », « Informer et/ou former … »: an infinitive and
# its object open an action (« Dossier de … », « Cahier des charges … » are documents).
INFINITIVE = re.compile(
    r"[A-ZÀ-Ý][a-zà-ÿ]+(?:er|ir|re) (?:les|la|le|l['’]|un|une|et|leur|leurs|son|sa|ses|à)\b"
)


def _actions_listed(tools: list[str]) -> list[str]:
    """An item ending on « : » over items that are actions, not documents (« Les
    propositions de l'inter réseaux IAE 92 … : » « Connaître les territoires … »,
    « Recenser l'offre … »): one tool, the actions its list."""
    listed: list[str] = []
    for index, tool in enumerate(tools):
        previous = listed[-1] if listed else ""
        following = tools[index + 1] if index + 1 < len(tools) else ""
        action = INFINITIVE.match(tool) and "\n" not in tool
        # The first action needs another after it; then the list goes on.
        goes_on = "\n" in previous or INFINITIVE.match(following)
        if previous.split("\n")[0].endswith(":") and action and goes_on:
            listed[-1] = f"{previous}\n- {tool}"
        else:
            listed.append(tool)
    return listed


# The mark of a group's heading among the tools (`_grouped`).
GROUP = "\x00"


def _grouped(tools: list[str]) -> list[str]:
    """A group's heading over paragraphs (« Disponibles sur demande au COORACE, qui s'engage
    à en tenir informé Anjou Domicile : », « Les ressources extérieures : ») is one tool with
    them, the paragraphs a list under it as printed, up to a tool with a label of its own
    (« Ressource : Réseau National … », « Voir également : … »); a heading over no tool stays
    one. A paragraph that has a list of its own cannot nest a level deeper: the heading then
    leads it."""
    grouped: list[str] = []
    heading, members = "", []

    def close():
        if heading and any("\n" in member for member in members):
            grouped.extend(f"{heading.rstrip(' :')} : {member}" for member in members)
        elif heading:
            grouped.append(heading + "".join(f"\n- {member}" for member in members))
        else:
            grouped.extend(members)

    for tool in [*tools, GROUP]:
        if tool.startswith(GROUP):
            close()
            heading, members = tool.removeprefix(GROUP), []
            continue
        if heading and (re.match(r"[^:(]{1,40} : ", tool) or OWN_PROVIDER.search(tool)):
            close()
            heading, members = "", []
        members.append(tool)
    return grouped


# A website and its address over a list: the list is what the site holds (G2-10 « Site
# Internet de la Chambre Régionale d'Economie Sociale : http://www.cres-pdl.org/ » over
# « Plaquette téléchargeable … », « Cartographie de l'offre … », « Plus d'infos : des sites
# Internet … »): one tool, its contents under it.
SITE_OVER_ITS_CONTENTS = re.compile(r"(?:### )?Site Internet\b[^\n:]*:\s*(?:https?://|www\.)\S+")


def _led_lists(blocks: list[str]) -> list[str]:
    """A paragraph ending on « : » and the list under it, one block: the lead over its
    items, as `_tools` reads a block."""
    led: list[str] = []
    for block in blocks:
        previous = led[-1] if led else ""
        over = previous.endswith(":") or SITE_OVER_ITS_CONTENTS.fullmatch(previous)
        if over and "\n" not in previous and block.startswith("- "):
            led[-1] = f"{previous}\n{block}"
        else:
            led.append(block)
    return led


# « … il est prévu de mettre en place rapidement et de tenir à la disposition … : »
PLANNED = re.compile(r"(?i)\bprévu|\benvisag")
# A sentence that speaks of the tool before it: « Elles visent … », « Certaines sont encore
# en cours de négociation … : », « Parmi ces documents : ».
GOES_ON = re.compile(r"(?:Certaine?s|Elles|Ils|Parmi (?:ces|eux|elles))\b")


def _lead_holds_its_list(lead: str, items: list[str]) -> bool:
    """Whether a sentence over a list of tools is one tool with it: a sentence that tells
    more than where the tools are (« Afin de garantir que l'initiative … : »), what they are
    for (« Pour mieux comprendre le Dispositif … : »), a resource whose parts the items name
    (« Les fiches … » › « Fiche n°1 … »), or what is only planned. A label (« Outils
    traditionnels de gestion du pôle : ») heads its items, and a sentence that only makes
    them available (« … les ressources suivantes : ») is the card's `tools_intro`."""
    noun = re.match(r"(?i)(?:les |des |la |le |l['’])?(\w{4,}?)s?\b", lead)
    parts = noun and all(re.match(rf"(?i){noun.group(1)}\b", item) for item in items)
    purpose = re.match(r"Pour\b", lead)
    if parts or purpose or PLANNED.search(lead) or GOES_ON.match(lead) or _contents(lead, items):
        return True
    sentence = FINITE_VERB.search(re.sub(r"(?:[A-Z]\.){2,}", "", lead))  # not « l'A.C.I.D. »
    return bool(sentence) and not INTRODUCES_A_LIST.search(lead)


# A leaflet or a file over what it holds (G1-2 « Plaquette de présentation du Pôle SUD … : »
# › « Les principes fondateurs … », « Les acteurs du Pôle SUD … »): one tool, its contents.
HOLDER = re.compile(r"(?:Plaquette|Dossier)\b")
HELD_DOCUMENT = re.compile(r"(?:Plaquette|Dossier|Document|Diaporama|Fiche|Guide|Article)s?\b")


def _contents(lead: str, items: list[str]) -> bool:
    return bool(HOLDER.match(lead)) and not any(HELD_DOCUMENT.match(item) for item in items)


def _titled_contents(tools: list[str]) -> list[str]:
    """A title with no verb right over a file and its contents is that file's (G1-2
    « Présentation de la Société par Actions Simplifiée Groupe ARCHER … . » over « Dossier
    de présentation du Groupe ARCHER : » and its list: the second of « Deux ressources
    principales »)."""
    titled: list[str] = []
    for tool in tools:
        previous = titled[-1] if titled else ""
        if (
            HOLDER.match(tool)
            and "\n- " in tool
            and re.fullmatch(r"[A-ZÀ-Ý][^:;\n]{10,150}\.", previous)
            and not FINITE_VERB.search(previous)
        ):
            titled[-1] = f"{previous} {tool}"
        else:
            titled.append(tool)
    return titled


def _enumerations(tools: list[str]) -> list[str]:
    """« Description et bilan des expérimentations … » then « Garde de nuit (CLIC) ; »,
    « Mobilité (Gâtine Emploi) ; » … « Base de données … (AIR). »: one enumeration, the
    list of what the tool before it holds, not tools of their own: one tool, its items a
    list under it as the page prints them."""
    merged: list[str] = []
    index = 0
    while index < len(tools):
        run = index
        while run < len(tools) and tools[run].endswith(";"):
            run += 1
        if merged and run - index >= 2 and run < len(tools):
            listed = "".join(f"\n- {item}" for item in tools[index : run + 1])
            merged[-1] = f"{merged[-1].rstrip(' .:')} :{listed}"
            index = run + 1
        else:
            merged.append(tools[index])
            index += 1
    return merged


def _tools_described(tools: list[str]) -> list[str]:
    """A paragraph that describes the tool before it belongs to it: after a name and its
    address (« France Active (http://www.franceactive.org). » « France Active et le réseau
    des Fonds territoriaux proposent … »), a paragraph that names it again by its first
    noun (« Ressource : Réseau National … » « Le Réseau regroupe … »; « Le Guide Clauses
    Sociales … » « Guide téléchargeable gratuitement … »)."""
    described: list[str] = []
    for tool in tools:
        previous = described[-1] if described else ""
        subject = re.sub(r"^[^:]{1,20} : ", "", previous)  # « Ressource : Réseau … »
        noun = re.match(r"(?:[Ll](?:e |a |['’]))?([A-ZÀ-Ý][a-zà-ÿ]{3,})\b", subject)
        about = noun and (
            re.match(rf"(?i){noun.group(1)} (?:téléchargeable|disponible)", tool)
            or (
                not ARTICLE.match(subject)
                and re.match(rf"(?:Le|La|L['’]) ?{noun.group(1)}\b", tool, re.IGNORECASE)
            )
        )
        if previous and (NAME_AND_ADDRESS.fullmatch(previous) or about) and ":" not in tool[:30]:
            separator = " " if re.search(r"[.:;!?]$", previous) else ". "
            described[-1] = f"{previous}{separator}{tool}"
        else:
            described.append(tool)
    return described


KINDS_GUESSED = (
    "Freins et leviers mêlés sous des rubriques dans le document : le type de chaque point "
    "(frein ou levier) a été deviné."
)


# Topic headings under « Freins rencontrés et leviers mobilisés » that say the kind of their
# points, and those that hold no frein nor levier at all (the card's field they belong to).
LEVER_TOPIC = re.compile(
    r"(?i)levier|conditions? de (?:la )?r[ée]ussite|points? positifs?|atouts?|r[ée]ussites?\b"
)
OBSTACLE_TOPIC = re.compile(
    r"(?i)\bfreins?\b|difficult[ée]s|limites|vigilance|inqui[ée]tudes?|obstacles?|axes? de progr"
)
OTHER_TOPIC = {
    "results": re.compile(r"(?i)^(?:les )?(?:premiers )?r[ée]sultats\b"),
    "perspectives": re.compile(r"(?i)^(?:recommandations?|(?:un |les )?axes? de progr[eè]s)\b"),
}


# A label read as a topic that is a lead-in inside the topic before it, over the bulleted
# items after it (how many), the paragraph after them that topic's too; reviewed on the
# page. G3-6 (p. 97): under « Le financement de l'action », « Autres soutiens : » over
# AGEFOS PME, REUNICA Bayard and the Conseil Régional, then « En revanche, aucun des deux
# Conseils Généraux … ».
REVIEWED_LEAD_INS = {
    "experience-G3-6": (("Autres soutiens", "Le financement de l'action", 3),),
}


def _lead_ins_over_their_items(card: CardRecord) -> None:
    for label, parent, count in REVIEWED_LEAD_INS.get(card.source_key, ()):
        at = [i for i, point in enumerate(card.points) if point.topic == label]
        if len(at) <= count or at != list(range(at[0], at[0] + len(at))):
            raise SourceFormatError(f"000: card {card.source_key} has no « {label} » over items")
        items = card.points[at[0] : at[0] + count]
        lead = PointRecord(
            items[0].kind, f"{label} :" + "".join(f"\n- {p.text}" for p in items), parent
        )
        after = [replace(p, topic=parent) for p in card.points[at[0] + count : at[-1] + 1]]
        card.points[at[0] : at[-1] + 1] = [lead, *after]


def _recommendations_to_perspectives(card: CardRecord) -> None:
    """The « axes de progrès » and cautions a review found among the points (G3-5's
    « Ingénierie pédagogique », G2-10's « Un point de vigilance »): the card's
    perspectives, under their heading, a list when they are several."""
    recommended = [point for point in card.points if point.kind == RECOMMENDATION]
    if not recommended:
        return
    card.points = [point for point in card.points if point.kind != RECOMMENDATION]
    blocks, heading = [], None
    for topic in dict.fromkeys(point.topic for point in recommended):
        texts = [
            point.text[:1].upper() + point.text[1:].replace("\n", "\n\n    ")
            for point in recommended
            if point.topic == topic
        ]
        # « Point de vigilance et axes de progrès : ingénierie financière »: the section's
        # heading once, each subtopic under it.
        section, _, sub = topic.partition(" : ")
        if sub and section != heading:
            blocks.append(f"### {section}")
        blocks.append(f"#### {sub[:1].upper() + sub[1:]}" if sub else f"### {topic}")
        heading = section if sub else None
        blocks.append("\n".join(f"- {text}" for text in texts) if len(texts) > 1 else texts[0])
    card.perspectives = _joined(card.perspectives, blocks)


def _points(markdown: str) -> tuple[list[PointRecord], list[bool], dict[str, list[str]]]:
    """Freins and leviers: separate lists under « Les freins » / « Les leviers », or topics
    whose heading says the kind (« Les conditions de réussite », « Point de vigilance »), or
    topics that do not (then each point's kind is guessed from its words: the second value
    says which). Topics that are results or recommendations are returned apart, by field.

    A point is one point of the document: a sentence that introduces a list (« … nous avons
    bénéficié : ») is one point with its list, and the items printed with a dash under a
    bulleted point (`SUB_ITEM`) belong to it."""
    points, kind, topic, guessed, inherited = [], None, "", [], False
    elsewhere: dict[str, list[str]] = {}
    separated = re.search(r"(?im)^(?:### )?(?:les )?freins\b", markdown) and re.search(
        r"(?im)^(?:### )?(?:les )?leviers\b", markdown
    )
    blocks = _point_blocks(markdown)
    parent = ""  # a heading right over another one: the topics under it are its own
    over = False  # the last block was a topic's heading
    for index, (block, whole) in enumerate(blocks):
        heading = block.removeprefix("### ")
        if not whole and SECTION_LEAD.match(heading):
            # « Des freins ont été rencontrés à différentes étapes du projet et ont été levés
            # par plusieurs biais. »: says what the section's heading says, no frein.
            continue
        if separated and re.match(r"(?i)(?:les )?freins\b", heading):
            # « Les freins internes : » / « Les freins externes : » (G4-1): the list's own
            # grouping, a topic.
            grouped = re.match(r"(?i)(?:les )?freins (?:internes|externes)\b", heading)
            kind, topic = "frein", heading.rstrip(" :") if grouped else ""
            continue
        if separated and re.match(r"(?i)(?:les )?leviers\b", heading):
            kind, topic = "levier", ""
            continue
        if block.startswith(SUB_ITEM) and points:
            # « - Le maillage territorial … » under « Le travail de cartographie … : »
            points[-1].text += "\n- " + block.removeprefix(SUB_ITEM).strip()
            continue
        heads_sub_items = index + 1 < len(blocks) and blocks[index + 1][0].startswith(SUB_ITEM)
        short_label = block.endswith(":") and len(block) < 70 and not heads_sub_items
        if not whole and (block.startswith("### ") or short_label):
            label = heading.rstrip(" :")
            said = (
                "levier" if LEVER_TOPIC.search(label)
                else "frein" if OBSTACLE_TOPIC.search(label)
                else None
            )  # fmt: skip
            if over and topic:
                # « Point de vigilance et axes de progrès » right over « Ingénierie
                # financière », then « Ingénierie pédagogique »: it heads them both.
                parent = topic
            elif said:
                parent = ""
            over = True
            if parent:
                lowered = label[:1].lower() + label[1:] if label[1:2].islower() else label
                label = f"{parent} : {lowered}"
            topic = label
            # A topic that says no kind may be a subtopic of the last one that did (« Point
            # de vigilance et axes de progrès » › « Ingénierie financière ») or a sibling of
            # it: its points take that kind, as a guess, unless a « Freins » list holds it.
            inherited = said is None and not separated
            kind = said or kind
            continue
        over = False
        field_name = next((f for f, pattern in OTHER_TOPIC.items() if pattern.match(topic)), "")
        if field_name:
            # Markdown, as printed: a list under its sentence, parted from it by a blank line
            # (« … dans le cadre de la clause d'insertion : » « - 51 personnes … »).
            block = re.sub(r"^((?!- )[^\n]+)\n(?=- )", r"\1\n\n", block)
            if field_name == "perspectives" and not elsewhere.get(field_name):
                # « Recommandations » (G2-9) keep their heading: the field's name
                # (« Perspectives ») does not say it.
                elsewhere[field_name] = [f"### {topic}"]
            elsewhere.setdefault(field_name, []).append(block)
            continue
        for item in [block] if whole else _items(block):
            guessed.append(kind is None or inherited)
            points.append(PointRecord(kind or _guess_kind(topic + " " + item), item, topic[:255]))
    return points, guessed, elsewhere


# A sentence that says only that the section's freins were met and lifted (« Des freins ont
# été rencontrés … et ont été levés par plusieurs biais. », « Cependant, certains freins ont
# dû être levés : »).
SECTION_LEAD = re.compile(
    r"(?i)(?:cependant, )?(?:des|quelques|plusieurs|certains) freins ont (?:été|\S+ être) "
    r"(?:rencontrés|levés)\b[^:\n]*[.:]$"
)
# The mark of an item the scan printed with a dash under a bulleted point (`_sub_items`).
SUB_ITEM = "‣ "
# A finite verb: « La répartition des tâches a été la suivante : » is a sentence, « Autres
# soutiens : » a label.
FINITE_VERB = re.compile(
    r"(?i)\b(?:a|ont|est|sont|été|était|étaient|avait|avaient|sera|seront|serait|avons|peut|"
    r"peuvent|pourra|doit|doivent|permet|permettent|reste|restent|nous)\b|\bs['’]\w"
)


def _point_blocks(markdown: str) -> list[tuple[str, bool]]:
    """The blocks of the freins and leviers, each with whether it is one whole point: a
    sentence ending on « : » and the list after it (« La volonté de mener une telle action
    étant venue du Préfet, nous avons bénéficié : » « - d'un budget (8 500 Euros) ; » …), as
    the document prints them. A list item ending on « : » goes on in the paragraph after it
    when that paragraph starts in lower case (« Par rapport aux partenaires institutionnels: »
    « activer une sensibilisation … »)."""
    blocks: list[tuple[str, bool]] = []
    for block in markdown.split("\n\n"):
        previous, whole = blocks[-1] if blocks else ("", False)
        if (
            previous.endswith(":")
            and block.startswith("- ")
            and (whole or (_introduces(previous) and not previous.startswith(("### ", "- "))))
        ):
            listed = "\n".join(f"- {item}" for item in _items(block))
            blocks[-1] = (f"{previous}\n{listed}", True)
        elif whole and block.startswith("- ") and re.search(r"[;,]$", previous):
            # The list goes on after a blank line (« … conduite accompagnée ; » « - C permis … »).
            blocks[-1] = (previous + "".join(f"\n- {item}" for item in _items(block)), True)
        elif _goes_on(previous, block) or _answers(previous, block):
            blocks[-1] = (f"{previous} {block}", whole)
        else:
            blocks.append((block, False))
    return blocks


def _goes_on(previous: str, block: str) -> bool:
    """« - Par rapport aux partenaires institutionnels: » « activer une sensibilisation … »."""
    return (
        previous.startswith("- ") and previous.endswith(":") and bool(re.match(r"[a-zà-ÿ]", block))
    )


# « Les ASP contactées n'ont toutefois pas souhaité … »: a sentence that turns on the one
# before it, in its first words.
TURNING = re.compile(r"^(?:\S+\s+){1,5}(?:toutefois|pourtant|néanmoins)\b")


def _answers(previous: str, block: str) -> bool:
    """A paragraph that turns on the paragraph before it (« Au début du projet, l'Aveyron
    avait été pressenti … » « Les ASP contactées n'ont toutefois pas souhaité s'investir »,
    G3-6): the same frein, which the first paragraph alone does not state."""
    plain = previous and not previous.startswith(("### ", "- ")) and not previous.endswith(":")
    return bool(plain and not block.startswith(("### ", "- ")) and TURNING.match(block))


def _introduces(block: str) -> bool:
    """« Les leviers envisagés pour relancer le projet en 2008 sont : », a sentence that
    introduces a list, not a label over items (« Auprès des élus locaux : »)."""
    return len(block) >= 70 or bool(FINITE_VERB.search(block))


def _sub_items(lines: list[str]) -> list[str]:
    """Items the scan printed with a dash (« - Le maillage territorial … ») after a bulleted
    point (« e Le travail de cartographie … Deux éléments sont à souligner : »): sub-items of
    that point, marked so (`SUB_ITEM`). A dash after an unpunctuated line is no item (the
    Markdown joins « partenariat public » « - privé »); nor is a whole item on one line, as
    the reviewed transcriptions of `corrections.toml` write them (a scanned line is shorter)."""
    marked: list[str] = []
    in_item = False  # a bulleted item is being read
    for line in lines:
        previous = next((text.strip() for text in reversed(marked) if text.strip()), "")
        after_blank = not marked or not marked[-1].strip()
        after_sentence = after_blank or re.search(r"[.:;,!?)\]]$", previous)
        if in_item and not after_blank and _paragraph_after_item(previous, line.strip()):
            # « ¢ Qui a la responsabilité … va cette responsabilité ? » « Ce manque de … »
            marked += ["", line]
            in_item = False
            continue
        if SCANNED_BULLET.match(line):
            in_item = True
        elif after_blank:
            in_item = False
        if re.match(r"\s*- \S", line) and after_sentence and len(line.strip()) <= 55:
            marked += ["", SUB_ITEM + line.strip()[2:]]
        else:
            marked.append(line)
    return marked


def _guess_kind(text: str) -> str:
    lever = re.search(r"(?i)levier|atout|r[ée]ussi|permis|soutien|gr[âa]ce|favoris|facilit", text)
    return "levier" if lever else "frein"


def _unique_key(key: str, taken: set[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key}-{number}", number + 1
    return candidate
