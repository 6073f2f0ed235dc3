"""Parser of document 004: the webinar « IAE et EA : quelle coopération avec les acteurs du
territoire ? » of the Comité régional d'inclusion dans l'emploi, DREETS Hauts-de-France,
14 December 2022.

The text is a slide deck: one line per slide element, headings without marks, lists as
`- `, `-X` or `- ✓`, and the work axis's timeline drawn out of order (phase 1, the
diagram, phases 3, 2, then the preparatory phase). The parser cuts the deck at known
slide titles (`PARTS`), then reads the work axis and its phases, the seven « fiches
ressources » (the text holds the content of the first two only) and the speakers' talks,
which read as short experiences. The webinar itself is an event whose programme, in the
deck's order, is its parts: the introduction, the video, the fiches, each talk (under
its session, with its speaker and the card it became), the perspectives.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sources.pages import paged
from sources.parsers.segments import cut_parts
from sources.parsers.source_keys import DOCUMENT_KEY
from sources.records import (
    BlockRecord,
    CardRecord,
    CollectionRecord,
    ContactRecord,
    EventPartRecord,
    EventRecord,
    EventSpeakerRecord,
    FicheRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    PhaseRecord,
    ProgrammeRecord,
    ResourceRecord,
    SourceFormatError,
    ToolRecord,
)
from sources.repair import fix_spaced_hyphens, normalise_spaces
from vita.slugs import slug_of

CODE = "004"
ORGANISER = "DREETS Hauts-de-France"
REGION = "Hauts-de-France"
SOURCE_KEY = "webinaire-iae-ea-cooperation-2022"
# A fiche the list announces without its content; the perspectives say where it was to go.
ANNOUNCED_FICHE = (
    "Annoncée par le webinaire de décembre 2022, qui n'en donne que le titre ; ses "
    "perspectives prévoient la « mise en ligne des fiches ressources sur l'espace "
    "collaboratif du CRIE »."
)
PROGRAMME_KEY = "innovation-cooperation-territoriale-2022"
PROGRAMME_NAME = "Axe de travail « Innovation et coopération territoriale »"
COLLECTION_KEY = "fiches-ressources-cooperation-2022"
COLLECTION_NAME = "Fiches ressources : formes de coopération (2022)"
EVENT_KEY = "evenement"
# Fiche codes name the form of cooperation; where its acronym is little known, a word.
CODE_OF_ACRONYM = {"RQ": "REGIE"}

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTHS = {name: (number, number) for number, name in enumerate(MONTH_NAMES, start=1)}
# A season spans the months it overlaps (spring: 20 March – 20 June).
SEASONS = {"printemps": (3, 6), "été": (6, 9), "automne": (9, 12)}
PERIOD_WORDS = {**MONTHS, **SEASONS}


@dataclass(frozen=True)
class PartSpec:
    name: str
    first_line: str  # a regex the part's first line matches in full


# The deck's parts in the text's order; each is searched after the previous one.
PARTS = (
    PartSpec("header", r"Comité régional d'inclusion dans l'emploi"),
    PartSpec("introduction", r"Introduction"),
    PartSpec("axe", r"AXE DE TRAVAIL : « .+ »"),
    PartSpec("phase_1", r"Phase 1 : .+"),
    PartSpec("diagram", r"1- ETAT DES LIEUX"),
    PartSpec("phase_4", r"PHASE 4 : .+"),
    PartSpec("phase_3", r"Phase 3 : .+"),
    PartSpec("phase_2", r"Phase 2 : .+"),
    PartSpec("phase_preparatoire", r"Phase préparatoire .+"),
    PartSpec("definir", r"Définir la coopération"),
    PartSpec("fiches_list", r"Fiches Ressources"),
    PartSpec("fiches", r"Le comité régional d'inclusion dans l'emploi"),
    PartSpec("talk_coorace", r"La Coopération dans une approche R&D"),
    PartSpec("talk_godin", r"La Coopération dans une approche R&D"),
    PartSpec("talk_afeji", r"Acteurs engagés"),
    PartSpec("talk_agora", r"Acteurs engagés"),
    PartSpec("perspectives", r"Perspectives :"),
)
FICHE_PAGE_HEADER = "Le comité régional d'inclusion dans l'emploi"
TALK_PAGE_HEADER = "Webinaire Innovation Coopération"
STRUCTURE_LABELS = ("EA", "ACI")  # how AFEJI's talk heads its two structures

# A slide's list item: « - x », « -x », « - ✓ x », indented when nested.
LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)-(?P<space>[ \t]*)(?:✓[ \t]*)?(?P<text>\S.*)")
FICHE_LISTED = re.compile(r"(?P<position>\d+)\. (?P<title>.+)")
ACRONYM = re.compile(r"\((?P<acronym>[A-Z]{2,})\)")
WHAT_IS_IT = re.compile(r".+, qu'est-ce que c'est \?")
# « Intervenante : **Émilie VERWAERDE**, Coordinatrice… »: the last name in capitals.
SPEAKER = re.compile(
    r"(?:Intervenante? : )?\**(?P<first>[A-ZÀ-Ý][\w'-]+) (?P<last>[A-ZÀ-Ý][A-ZÀ-Ý' -]*[A-ZÀ-Ý])"
    r"\**, (?P<role>.+)"
)
DATED_STEP = re.compile(r"^(?P<year>\d{4}) :")  # « 2018 : création d'un groupe… »
# « avril – fin septembre 2022 », « octobre-décembre 2022 », « printemps 2023 ».
PERIOD_WORD = "|".join(PERIOD_WORDS)
PERIOD = re.compile(
    rf"(?:fin )?(?P<first>{PERIOD_WORD})"
    rf"(?:\s*[–-]\s*(?:fin )?(?P<last>{PERIOD_WORD}))?"
    r"\s+(?P<year>\d{4})"
)
SPACE_BEFORE_COMMA = re.compile(r" +,")
SENTENCE_END = ".!?:;…"


def parse(text: str) -> ParsedDocument:
    warnings: list[str] = []
    parts = cut_document(repair(text))
    warnings.append(
        "the timeline diagram's labels were dropped: they repeat the phases "
        f"({' / '.join(line for line in parts['diagram'] if line)})"
    )
    listed = read_fiches_list(parts["fiches_list"])
    fiches = read_fiches(parts["fiches"], listed, warnings)
    talks = [
        coorace_talk(parts["talk_coorace"]),
        godin_talk(parts["talk_godin"]),
        afeji_talk(parts["talk_afeji"], warnings),
        agora_talk(parts["talk_agora"]),
    ]
    # The talks have no pages: their rank in the programme (the text's order) places them.
    reader = paged(CODE)  # no page marks: the reader's parts (sources.pages)
    for rank, talk in enumerate(talks, start=1):
        talk.card.source_key = f"experience-{rank}"
        talk.card.source_page = reader.page_of_key(f"intervention-{rank}").number
    printed = iter(page for page in reader.pages if page.key.startswith("fiche-"))
    for fiche in fiches:  # a fiche only listed stands in the programme's list
        given = fiche.resource.availability == "disponible"
        fiche.source_page = fiche.resource.source_page = (
            next(printed) if given else reader.pages[0]
        ).number
    source = webinar_resource(parts, listed, talks)
    event = webinar_event(parts, source, fiches, talks)
    if event.starts_at is None:
        warnings.append(
            f"the deck gives the webinar's day ({event.day}), not its hour: the event is "
            "stored without an hour"
        )
    return ParsedDocument(
        code=CODE,
        source=source,
        programmes=[work_axis(parts)],
        organisations=organisations(parts),
        collections=[CollectionRecord(COLLECTION_KEY, COLLECTION_NAME)],
        fiches=fiches,
        cards=[talk.card for talk in talks],
        events=[event],
        warnings=warnings,
    )


# -- text -------------------------------------------------------------------------------


def repair(text: str) -> str:
    text = normalise_spaces(text).replace("’", "'")
    return SPACE_BEFORE_COMMA.sub(",", fix_spaced_hyphens(text))


def cut_document(text: str) -> dict[str, list[str]]:
    return cut_parts(text.splitlines(), PARTS, CODE)


def non_blank(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def is_lead_in(line: str) -> bool:
    """A slide's heading: in capitals, or short; with no closing punctuation nor bold."""
    short = len(line) <= 100 or line.isupper()
    return short and line[-1] not in SENTENCE_END and "**" not in line


def slide_markdown(lines: list[str]) -> str:
    """Slide lines → Markdown: headings in bold, paragraphs, lists (nested as on the slide).

    A `-x` item written without a space is a main item; when it ends with « : », the
    `- x` items after it are its sub-items. An indented item is a sub-item too.
    """
    blocks: list[str] = []
    items: list[str] = []
    parent_open = False
    for raw in lines:
        if not raw.strip():
            continue
        item = LIST_ITEM.fullmatch(raw.rstrip())
        if item is None:
            if items:
                blocks.append("\n".join(items))
                items = []
            parent_open = False
            line = raw.strip()
            blocks.append(f"**{line}**" if is_lead_in(line) else line)
            continue
        text = item["text"].strip()
        main_item = not item["space"] and not item["indent"]
        nested = bool(item["indent"]) or (parent_open and not main_item)
        if main_item:
            parent_open = text.endswith(":")
        items.append(f"    - {text}" if nested else f"- {text}")
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks)


def proper_case(name: str) -> str:
    """« MANAC'H » → « Manac'h », « JAEAGY-ROULMANN » → « Jaeagy-Roulmann »."""
    return re.sub(r"(^|[- ])(\w)", lambda m: m.group(1) + m.group(2).upper(), name.lower())


def words_of(text: str) -> list[str]:
    """The words, without case nor accents: « COOPERATION » is « coopération »."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+", folded)


def first_paragraph(markdown: str) -> str:
    return markdown.split("\n\n", 1)[0]


def slug(title: str) -> str:
    """« L'AGORA du Ternois… » → « l-agora-du-ternois-… », at most about 80 characters."""
    return slug_of(title, 80)


def lines_from(lines: list[str], opening: str, until: str | None = None) -> list[str]:
    """The lines from the one starting with `opening` up to (without) the one with `until`."""
    stripped = [line.strip() for line in lines]
    start = index_of(stripped, opening)
    end = index_of(stripped, until, start + 1) if until else len(lines)
    return lines[start:end]


def index_of(stripped: list[str], opening: str, start: int = 0) -> int:
    for index in range(start, len(stripped)):
        if stripped[index].startswith(opening):
            return index
    raise SourceFormatError(f"{CODE}: no line starts with « {opening} »")


# -- the work axis and its phases -------------------------------------------------------


def work_axis(parts: dict[str, list[str]]) -> ProgrammeRecord:
    heading = non_blank(parts["axe"])[0]
    if words_of(heading) != words_of(PROGRAMME_NAME):
        raise SourceFormatError(f"{CODE}: unexpected work axis « {heading} »")
    objectives = lines_from(parts["axe"], "- ")
    phases = sorted(
        (
            read_phase(parts[name])
            for name in ("phase_1", "phase_2", "phase_3", "phase_4", "phase_preparatoire")
        ),
        key=phase_rank,
    )
    years = [day.year for phase in phases for day in (phase.start_date, phase.end_date) if day]
    return ProgrammeRecord(
        key=PROGRAMME_KEY,
        name=PROGRAMME_NAME,
        organiser=ORGANISER,
        start_year=min(years),
        end_year=max(years),
        description=slide_markdown(objectives),
        phases=phases,
    )


def phase_rank(phase: PhaseRecord) -> int:
    """The preparatory phase first, then phases by number."""
    number = re.match(r"Phase (\d+)", phase.title)
    return int(number.group(1)) if number else 0


def read_phase(lines: list[str]) -> PhaseRecord:
    """A phase's title, then period lines (« Avril – fin septembre 2022 ») and its tasks.

    Several periods in one phase each head their tasks; one period only dates it.
    """
    title_lines, rest = split_title(lines)
    title = re.sub(r"^PHASE\b", "Phase", " ".join(title_lines))
    periods = [period for line in non_blank(rest) if (period := read_period(line))]
    if len(periods) <= 1:
        rest = [line for line in rest if not read_period(line.strip())]
    return PhaseRecord(
        title=title,
        start_date=min((start for start, _ in periods), default=None),
        end_date=max((end for _, end in periods), default=None),
        description=slide_markdown(rest),
    )


def split_title(lines: list[str]) -> tuple[list[str], list[str]]:
    """A title may run over its first line until a blank line (« PHASE 4 : …, » / « … »)."""
    title, index = [], 0
    while index < len(lines) and lines[index].strip():
        title.append(lines[index].strip())
        index += 1
        if not title[-1].endswith(","):
            break
    return title, lines[index:]


def read_period(line: str) -> tuple[date, date] | None:
    """« Avril – fin septembre 2022 », « Décembre 2022 », « Printemps 2023 » → first and
    last day; None when the line is no period."""
    match = PERIOD.fullmatch(line.lower())
    if match is None:
        return None
    year = int(match["year"])
    first_month = PERIOD_WORDS[match["first"]][0]
    last_month = PERIOD_WORDS[match["last"] or match["first"]][1]
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


# -- the fiches ressources --------------------------------------------------------------


@dataclass(frozen=True)
class ListedFiche:
    position: int
    title: str
    acronym: str

    @property
    def code(self) -> str:
        return f"COOP-{CODE_OF_ACRONYM.get(self.acronym, self.acronym)}"

    @property
    def key(self) -> str:
        return f"cooperation-{self.code.removeprefix('COOP-').lower()}"


def read_fiches_list(lines: list[str]) -> list[ListedFiche]:
    listed = []
    for line in non_blank(lines):
        if entry := FICHE_LISTED.fullmatch(line):
            acronym = ACRONYM.search(entry["title"])
            if acronym is None:
                raise SourceFormatError(f"{CODE}: no acronym in the fiche « {line} »")
            listed.append(ListedFiche(int(entry["position"]), entry["title"], acronym["acronym"]))
    if [fiche.position for fiche in listed] != list(range(1, 8)):
        raise SourceFormatError(f"{CODE}: expected fiches 1 to 7, found {listed}")
    return listed


def read_fiches(
    lines: list[str], listed: list[ListedFiche], warnings: list[str]
) -> list[FicheRecord]:
    """Each page headed « Le comité régional… » is a fiche; the list names them all (the
    text holds the content of the first two only: the others are « en préparation »)."""
    pages = split_at(lines, FICHE_PAGE_HEADER)
    contents = {}
    for page in pages:
        title, *body = non_blank(page)
        acronym = ACRONYM.search(title)
        if acronym is None:
            raise SourceFormatError(f"{CODE}: no acronym in the fiche title « {title} »")
        contents[acronym["acronym"]] = (title, body)
    return [fiche_record(entry, contents.get(entry.acronym), warnings) for entry in listed]


def split_at(lines: list[str], header: str) -> list[list[str]]:
    """The runs of lines that start after each `header` line."""
    pages: list[list[str]] = []
    for line in lines:
        if line.strip() == header:
            pages.append([])
        elif pages:
            pages[-1].append(line)
    return pages


def fiche_record(
    entry: ListedFiche, content: tuple[str, list[str]] | None, warnings: list[str]
) -> FicheRecord:
    title, blocks, description, doubts = entry.title, [], "", []
    if content is not None:
        title, body = content
        blocks = fiche_blocks(entry, body, warnings)
        tagline, definition = blocks[0].body, blocks[1].body
        description = f"{tagline}\n\n{first_paragraph(definition)}"
        if "objectifs" not in {block.kind for block in blocks}:
            doubts.append(
                "Le texte de la fiche s'arrête après sa définition : la suite (les objectifs "
                "notamment) manque et est à compléter."
            )
    else:
        doubts.append(
            "Le webinaire annonce cette fiche, mais le document n'en contient que le titre : "
            "elle est enregistrée « en préparation ». Son contenu est à ajouter quand elle "
            "sera disponible."
        )
    resource = ResourceRecord(
        key=entry.key,
        title=title,
        kind="fiche_ressource",
        description=description,
        publisher=ORGANISER,
        year=2022,
        collection_key=COLLECTION_KEY,
        position=entry.position,
        availability="disponible" if content is not None else "en_preparation",
        where_to_find="" if content is not None else ANNOUNCED_FICHE,
        part_of_key=SOURCE_KEY,
        source_key=f"fiche-{entry.code}",
    )
    return FicheRecord(
        resource=resource, code=entry.code, position=entry.position, blocks=blocks, doubts=doubts
    )


HEADING_KINDS = {
    "Définition": "definition",
    "Objectifs": "objectifs",
    "Paroles d'acteurs": "paroles",
}


def fiche_blocks(entry: ListedFiche, body: list[str], warnings: list[str]) -> list[BlockRecord]:
    """« Outil de coopération … » answers « …, qu'est-ce que c'est ? »; then one block per
    heading (Définition, Objectifs, Paroles d'acteurs)."""
    tagline, *rest = body
    question_at = next((i for i, line in enumerate(rest) if WHAT_IS_IT.fullmatch(line)), None)
    if question_at is None:
        raise SourceFormatError(f"{CODE}: fiche {entry.code} has no « qu'est-ce que c'est ? »")
    if question_at:
        warnings.append(
            f"fiche {entry.code}: slide label dropped: {' / '.join(rest[:question_at])}"
        )
    blocks = [BlockRecord("de_quoi", f"{tagline}.", heading=rest[question_at])]
    for line in rest[question_at + 1 :]:
        if line in HEADING_KINDS:
            blocks.append(BlockRecord(HEADING_KINDS[line], "", heading=line))
        elif len(blocks) > 1:
            blocks[-1].body += f"{line}\n"
        else:
            raise SourceFormatError(f"{CODE}: fiche {entry.code}: « {line} » has no heading")
    for block in blocks[1:]:
        block.body = slide_markdown(block.body.splitlines())
    return blocks


# -- the talks --------------------------------------------------------------------------


@dataclass
class Talk:
    card: CardRecord
    session: str  # the slide that announces the talk: « Acteurs engagés »…
    announced: list[str]  # its title and abstract on that slide
    speaker: PersonRecord

    @property
    def programme_item(self) -> str:
        announced = " ".join(
            line if line[-1] in SENTENCE_END else f"{line}." for line in self.announced
        )
        speaker = self.speaker
        return (
            f"- {self.session} : {announced} — {speaker.first_name} {speaker.last_name}, "
            f"{speaker.role}"
        )


def read_speaker(line: str, organisation: str) -> PersonRecord:
    match = SPEAKER.fullmatch(line)
    if match is None:
        raise SourceFormatError(f"{CODE}: no speaker in « {line} »")
    return PersonRecord(
        first_name=match["first"],
        last_name=proper_case(match["last"]),
        role=match["role"].replace("*", ""),
        organisation=organisation,
    )


@dataclass
class TalkOpening:
    """A talk opens with its session's slide: the session's name, the talk's title and
    abstract, the speaker. Its own slides follow."""

    session: str
    announced: list[str]
    speaker: PersonRecord
    slides: list[str]


def talk_opening(lines: list[str], organisation: str) -> TalkOpening:
    stripped = non_blank(lines)
    speaker_at = next(
        (i for i, line in enumerate(stripped) if line.startswith("Intervenant")), None
    )
    if speaker_at is None:
        raise SourceFormatError(f"{CODE}: no « Intervenant » in the talk « {stripped[:2]} »")
    session, *announced = stripped[:speaker_at]
    speaker = read_speaker(stripped[speaker_at], organisation)
    slides = lines_from(lines, stripped[speaker_at])[1:]
    return TalkOpening(session, announced, speaker, slides)


def speaker_contact(speaker: PersonRecord) -> ContactRecord:
    return ContactRecord(person=speaker, role="contact")


def coorace_talk(lines: list[str]) -> Talk:
    """COORACE's research on cooperation for employment: why, then how and with what tools."""
    opening = talk_opening(lines, "COORACE")
    slides = opening.slides
    title, discussion = non_blank(slides)[:2]
    why = without_repeated_titles(
        lines_from(slides, "Pourquoi la coopération", until="La coopération territorialisée")
    )
    how = without_repeated_titles(lines_from(slides, "La coopération territorialisée"))
    card = CardRecord(
        key=slug(title),
        title=title,
        porteur="COORACE",
        category="reseau",
        summary=f"{opening.announced[0]}\n\n{discussion}",
        contacts=[speaker_contact(opening.speaker)],
        # A national research: filed under the webinar's région, which it does not name.
        region_filed=REGION,
        scale="national",
        context=slide_markdown(why[1:]),
        actions=slide_markdown(how),
        tools=[
            ToolRecord(line.strip())
            for line in how
            if line.strip().startswith(("Le diagnostic initial", "LA FILIERE", "VITA AIR"))
        ],
    )
    return Talk(card, opening.session, opening.announced, opening.speaker)


def without_repeated_titles(lines: list[str]) -> list[str]:
    """A slide continued on the next one repeats its title: keep the first only."""
    seen, kept = set(), []
    for line in lines:
        stripped = line.strip()
        if stripped and not LIST_ITEM.fullmatch(line.rstrip()):
            if stripped in seen:
                continue
            seen.add(stripped)
        kept.append(line)
    return kept


def godin_talk(lines: list[str]) -> Talk:
    """The Institut Godin's talk: the text holds its abstract only."""
    opening = talk_opening(lines, "Institut Godin")
    if non_blank(opening.slides):
        raise SourceFormatError(f"{CODE}: the Institut Godin's talk now has slides to read")
    card = CardRecord(
        key=slug(opening.session),
        title=opening.session,
        porteur="Institut Godin",
        category="partenaire",
        summary=opening.announced[0],
        contacts=[speaker_contact(opening.speaker)],
        # The text gives it no territory: filed under the webinar's région, no département.
        region_filed=REGION,
        draft=True,  # a summary and a speaker: nothing to publish yet
        doubts=[
            "Le document ne donne de cette intervention que son résumé, sans titre propre ni "
            "diapositives : le titre retenu est celui de la séquence du programme. Vérifier "
            "le titre ; le contexte, les actions et les résultats sont à compléter."
        ],
    )
    return Talk(card, opening.session, opening.announced, opening.speaker)


def afeji_talk(lines: list[str], warnings: list[str]) -> Talk:
    """AFEJI's entreprise adaptée and chantiers d'insertion: who they are, what their
    cooperation brings, and a person's path from one to the other."""
    opening = talk_opening(lines, "AFEJI")
    slides = [line for line in opening.slides if line.strip() != TALK_PAGE_HEADER]
    title_slide = non_blank(slides[: index_of([line.strip() for line in slides], "EA")])
    warnings.append(
        f"AFEJI's title slide dropped, it restates the abstract: {' / '.join(title_slide)}"
    )
    abstract = opening.announced[0]
    title = abstract.split(" : ", 1)[0]
    structures = afeji_structures(lines_from(slides, "EA", until="Les avantages"))
    card = CardRecord(
        key=slug(title),
        title=title,
        porteur="AFEJI",
        category="siae",
        summary=abstract,
        partners=[name for name, _ in structures],
        contacts=[speaker_contact(opening.speaker)],
        region_as_written=REGION,
        # « Emploi Adapté du Littoral », « Entreprise Adaptée Flandre - Littoral »: the
        # Flandre maritime, around Dunkerque, in the Nord.
        departement_codes=["59"],
        territory_name="Flandre - Littoral",
        scale="intercommunalite",
        context="\n\n".join(structure_markdown(name, lines) for name, lines in structures),
        actions=slide_markdown(lines_from(slides, "Les avantages", until="Une coopération qui")),
        results=slide_markdown(lines_from(slides, "Une coopération qui")),
    )
    return Talk(card, opening.session, opening.announced, opening.speaker)


def afeji_structures(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(name, lines) of each structure: a label (« EA », « ACI »), its name, a paragraph
    and its activities."""
    structures: list[tuple[str, list[str]]] = []
    remaining = iter(non_blank(lines))
    for line in remaining:
        if line in STRUCTURE_LABELS:
            name = re.sub(r"^(?:L'|Les )", "", next(remaining))
            structures.append((name, []))
        elif structures:
            structures[-1][1].append(line)
    if len(structures) != len(STRUCTURE_LABELS):
        raise SourceFormatError(f"{CODE}: expected AFEJI's EA and ACI, found {structures}")
    return structures


def structure_markdown(name: str, lines: list[str]) -> str:
    """The structure's name, what it does, then its activities as a list."""
    activities = [line for line in lines if line[-1] not in SENTENCE_END]
    return "\n\n".join(
        [f"**{name}**", presentation(lines), "\n".join(f"- {activity}" for activity in activities)]
    )


def presentation(lines: list[str]) -> str:
    """What a structure does: its sentences, not its activities' labels."""
    return "\n\n".join(line for line in lines if line[-1] in SENTENCE_END)


def agora_talk(lines: list[str]) -> Talk:
    """The AGORA du Ternois: a cooperation space built from 2018 in a rural territory."""
    opening = talk_opening(lines, "AGORA du Ternois")
    title, abstract = opening.announced
    slides = opening.slides
    steps = lines_from(slides, "2018 :", until="Développement d'un ECO")
    card = CardRecord(
        key=slug(title),
        title=title,
        porteur="AGORA du Ternois",
        category="reseau",
        summary=abstract,
        partners=["ATRE"],
        contacts=[speaker_contact(opening.speaker)],
        region_as_written=REGION,
        # The Ternois, a pays around Saint-Pol-sur-Ternoise, in the Pas-de-Calais.
        departement_codes=["62"],
        territory_name="Ternois",
        scale="intercommunalite",
        milieux=["rural"],
        start_year=int(DATED_STEP.match(non_blank(steps)[0])["year"]),
        actions=slide_markdown([DATED_STEP.sub(r"**\g<year>** :", line) for line in steps]),
        results=slide_markdown(lines_from(slides, "Développement d'un ECO")),
    )
    return Talk(card, opening.session, opening.announced, opening.speaker)


# -- the webinar itself -----------------------------------------------------------------


def webinar_resource(
    parts: dict[str, list[str]], listed: list[ListedFiche], talks: list[Talk]
) -> ResourceRecord:
    committee, title, day = non_blank(parts["header"])
    introducer = read_introducer(parts["introduction"])
    held_on = read_day(day)
    description = "\n\n".join(
        [
            f"{committee}, {day}.",
            "**Programme**",
            "\n".join(
                [
                    f"- Introduction : {introducer.first_name} {introducer.last_name}, "
                    f"{introducer.role[:1].lower()}{introducer.role[1:]}, {ORGANISER} — "
                    f"{PROGRAMME_NAME}",
                    *video_items(parts["definir"]),
                    "- Fiches ressources :",
                    *[f"    - {fiche.title}" for fiche in listed],
                    *[talk.programme_item for talk in talks],
                ]
            ),
            "**Perspectives**",
            slide_markdown(parts["perspectives"][1:]),
        ]
    )
    return ResourceRecord(
        key=SOURCE_KEY,
        title=title,
        kind="webinaire",
        description=description,
        publisher=ORGANISER,
        author_people=[introducer, *(talk.speaker for talk in talks)],
        year=held_on.year,
        version_date=held_on,
        source_key=DOCUMENT_KEY,
    )


def read_introducer(lines: list[str]) -> PersonRecord:
    """« Pierre MANAC'H, chargé de mission IAE, DREETS Hauts-de-France »."""
    introducer = read_speaker(non_blank(lines)[1], ORGANISER)
    role = introducer.role.removesuffix(f", {ORGANISER}")
    introducer.role = role[:1].upper() + role[1:]
    return introducer


def video_items(lines: list[str]) -> list[str]:
    """« Définir la coopération », its video's title and the questions it answers."""
    heading, label, video, *questions = non_blank(lines)
    return [
        f"- {heading} — {label} {video}",
        *[f"    {question}" for question in questions],
    ]


def read_day(text: str) -> date:
    match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text)
    if match is None or match[2].lower() not in MONTHS:
        raise SourceFormatError(f"{CODE}: no date in « {text} »")
    return date(int(match[3]), MONTHS[match[2].lower()][0], int(match[1]))


# -- the webinar as an event ------------------------------------------------------------

# What the webinar was, read from its work axis: phase 3 plans « Wébinaire de restitution
# intermédiaire des travaux » in December 2022, and the webinar presents what phase 2 was
# to produce. The import stops if these words are gone from the document.
EVENT_SUMMARY = (
    "Restitution intermédiaire des travaux de l'axe « Innovation et coopération "
    "territoriale » du Comité régional d'inclusion dans l'emploi (CRIE) des Hauts-de-France "
    ": la définition de la coopération, les fiches ressources, des paroles d'acteurs."
)
EVENT_SUMMARY_EVIDENCE = {
    "phase_3": "-Wébinaire de restitution intermédiaire des travaux.",
    "phase_2": "-Paroles d'acteurs : illustration par un ou plusieurs exemples régionaux",
    "perspectives": "- Mise en ligne des fiches ressources sur l'espace collaboratif du CRIE",
}
PHASE_PARTS = ("phase_preparatoire", "phase_1", "phase_2", "phase_3", "phase_4")


def webinar_event(
    parts: dict[str, list[str]],
    source: ResourceRecord,
    fiches: list[FicheRecord],
    talks: list[Talk],
) -> EventRecord:
    """The webinar of 14 December 2022 and its programme, in the deck's order. The deck
    gives its day, not its hour: the event has none."""
    for name, words in EVENT_SUMMARY_EVIDENCE.items():
        if not any(line.strip().startswith(words) for line in parts[name]):
            raise SourceFormatError(f"{CODE}: the event's summary rests on « {words} »")
    _committee, title, day = non_blank(parts["header"])
    reader = paged(CODE)  # the programme's slides are its first part
    introduction = non_blank(parts["introduction"])
    introducer = read_introducer(parts["introduction"])
    fiches_heading = non_blank(parts["fiches_list"])[0]
    perspectives = non_blank(parts["perspectives"])
    programme = [
        EventPartRecord(
            title=introduction[0],
            source_key=f"{EVENT_KEY}-introduction",
            description=introduction_markdown(parts),
            speakers=[EventSpeakerRecord(introducer, ORGANISER, introducer.role)],
            source_page=reader.pages[0].number,
        ),
        EventPartRecord(
            title=non_blank(parts["definir"])[0],
            source_key=f"{EVENT_KEY}-definir-la-cooperation",
            description=video_markdown(parts["definir"]),
            source_page=reader.pages[0].number,
        ),
        EventPartRecord(
            title=fiches_heading[:1] + fiches_heading[1:].lower(),  # « Fiches Ressources »
            source_key=f"{EVENT_KEY}-fiches-ressources",
            # The list as printed, in its order (a list of the import's Markdown).
            description="\n".join(
                f"- {entry['title']}"
                for line in non_blank(parts["fiches_list"])
                if (entry := FICHE_LISTED.fullmatch(line))
            ),
            resource_keys=[fiche.resource.key for fiche in fiches],
            source_page=reader.pages[0].number,
        ),
        *(talk_part(rank, talk) for rank, talk in enumerate(talks, start=1)),
        EventPartRecord(
            title=perspectives[0].removesuffix(":").strip(),
            source_key=f"{EVENT_KEY}-perspectives",
            description=slide_markdown(parts["perspectives"][1:]),
            source_page=page_holding(reader, perspectives[1]),
        ),
    ]
    return EventRecord(
        key=SOURCE_KEY,
        title=re.sub(r"^Webinaire « (.+) »$", r"\1", title),
        kind="webinaire",
        day=read_day(day),
        organiser=ORGANISER,
        summary=EVENT_SUMMARY,
        place="En ligne",
        region=REGION,
        takes_registrations=False,  # past: its programme and its supports only
        resource_keys=[source.key, *(fiche.resource.key for fiche in fiches)],
        source_resource_key=source.key,
        parts=programme,
        source_key=EVENT_KEY,
        source_page=reader.pages[0].number,
    )


def page_holding(reader, fragment: str) -> int:
    page = reader.page_of_text(fragment)
    if page is None:
        raise SourceFormatError(f"{CODE}: no part of the reader holds « {fragment} »")
    return page.number


def introduction_markdown(parts: dict[str, list[str]]) -> str:
    """The work axis the introduction presents: its objectives, then its phases, each
    with its periods as printed (« avril – fin septembre 2022 »)."""
    phases = []
    for name in PHASE_PARTS:
        phase = read_phase(parts[name])
        periods = [
            line[:1].lower() + line[1:]
            for line in non_blank(parts[name])
            if read_period(line.lower())
        ]
        phases.append((phase, f" ({' ; '.join(periods)})" if periods else ""))
    phases.sort(key=lambda item: phase_rank(item[0]))
    return "\n\n".join(
        [
            f"Présentation de l'{PROGRAMME_NAME[:1].lower()}{PROGRAMME_NAME[1:]}.",
            "**Objectifs**",
            slide_markdown(lines_from(parts["axe"], "- ")),
            "**Phases**",
            "\n".join(f"- {phase.title}{periods}" for phase, periods in phases),
        ]
    )


def video_markdown(lines: list[str]) -> str:
    """« Vidéo : » and the video's title, then the questions it answers (a list)."""
    _heading, label, video, *questions = non_blank(lines)
    return f"{label} {video}\n\n" + "\n".join(questions)


def talk_part(rank: int, talk: Talk) -> EventPartRecord:
    """A talk in the programme: its session, its title and abstract as its card has them,
    its speaker as the programme prints them, and the card it became."""
    speaker = talk.speaker
    return EventPartRecord(
        title=talk.card.title,
        source_key=f"{EVENT_KEY}-intervention-{rank}",
        session=talk.session,
        description=talk.card.summary,
        speakers=[EventSpeakerRecord(speaker, speaker.organisation, speaker.role)],
        card_keys=[talk.card.key],
        source_page=talk.card.source_page,
    )


def organisations(parts: dict[str, list[str]]) -> list[OrganisationRecord]:
    agora = non_blank(parts["talk_agora"])
    afeji = afeji_structures(lines_from(parts["talk_afeji"], "EA", until="Les avantages"))
    (ea_name, ea_lines), (aci_name, aci_lines) = afeji
    aci_acronym = re.search(r"\((ACI [^)]+)\)", " ".join(aci_lines))
    return [
        OrganisationRecord(ORGANISER),
        OrganisationRecord("COORACE", structure_types=["reseau"]),
        OrganisationRecord("Institut Godin"),
        OrganisationRecord("AFEJI"),
        OrganisationRecord(
            ea_name, structure_types=["ea"], description=presentation(ea_lines), parent="AFEJI"
        ),
        OrganisationRecord(
            aci_name,
            acronym=aci_acronym[1] if aci_acronym else "",
            structure_types=["aci"],
            description=presentation(aci_lines),
            parent="AFEJI",
        ),
        OrganisationRecord(
            "AGORA du Ternois",
            structure_types=["reseau"],
            description=next(line for line in agora if line.startswith("Espace d'échange")),
        ),
        OrganisationRecord("ATRE", structure_types=["aci"]),
    ]
