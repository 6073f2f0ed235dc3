"""Parser of document 002: « DLA & Territoires » n°18, the Avise newsletter of December 2012.

The text follows the PDF's layout blocks, not the reading order: an article's body, its
boxes (« Témoignage », « Ça marche », « Chiffres clés ») and its photo captions follow
one another, a page break can cut a paragraph, and a rubrique's running label may sit in
the middle of its article. So the parser cuts the text at the known first line of every
layout block (`SEGMENTS`), repairs each block into Markdown paragraphs, then composes the
seven articles and the five field experiences from the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from sources.parsers.segments import cut_parts
from sources.parsers.source_keys import DOCUMENT_KEY, number_cards_by_page
from sources.records import (
    CardLinkRecord,
    CardRecord,
    ContactRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    ResourceRecord,
    SourceFormatError,
)
from sources.repair import fix_spaced_addresses, fix_spaced_hyphens, normalise_spaces, unwrap
from vita.slugs import slug_of

CODE = "002"
ISSUE_NUMBER = 18
ISSUE_KEY = "dla-et-territoires-18"  # the prefix of every resource key of this document
PUBLISHER = "Avise"
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}


@dataclass(frozen=True)
class SegmentSpec:
    name: str
    first_line: str  # a regex the block's first line matches in full
    page: int


# The layout blocks in the text's order. Each is searched after the previous one, so a
# headline is found on its page, not in the sommaire that announces it.
SEGMENTS = (
    SegmentSpec("masthead", r"DLA & Territoires", 1),
    SegmentSpec("sommaire", r"SOMMAIRE", 1),
    SegmentSpec("edito", r"Les enjeux de l'accompagnement .+", 1),
    SegmentSpec("dla_box", r"Créé en 2002 .+", 1),
    SegmentSpec("territoires", r"Une solution innovante en Haute-Corse : .+", 2),
    SegmentSpec("corse_plan", r"Le plan régional de soutien .+", 2),
    SegmentSpec("territoires_caption", r"Maryse DOMINICI, .+", 2),
    SegmentSpec("territoires_body", r"Avec ses collègues .+", 2),
    SegmentSpec("sos_solidarite", r"Ça marche : .+", 2),
    SegmentSpec("territoires_more", r"TERRITOIRES", 3),
    SegmentSpec("luciani", r"Témoignage", 3),
    SegmentSpec("coup_de_pouce", r"Ça marche : .+", 3),
    SegmentSpec("zoom_sur", r"ZOOM SUR", 4),
    SegmentSpec("zoom_caption", r"Antoine BRONDEL,", 4),
    SegmentSpec("zoom_body", r'"Il y a quelques années.+', 4),
    SegmentSpec("yonne_figures", r"Chiffres clés - .+", 4),
    SegmentSpec("bonacorsi", r"Témoignage", 4),
    SegmentSpec("entretien", r"Les réseaux de l'IAE : .+", 5),
    SegmentSpec("entretien_box", r"ZOOM", 5),
    SegmentSpec("entretien_body", r"Quelle est la situation .+", 5),
    SegmentSpec("en_action", r"L'insertion par l'activité économique : .+", 6),
    SegmentSpec("petit_signature", r"Pierre-Jean PETIT,", 6),
    SegmentSpec("en_action_body", r"Gérant aujourd'hui .+", 6),
    SegmentSpec("gauche", r"Témoignage", 6),
    SegmentSpec("reperes", r"Bilan de l'accompagnement des SIAE par les DLA en 2011", 7),
    SegmentSpec("actualites", r"Projet stratégique DLA .+", 8),
    SegmentSpec("ressources", r"RESSOURCES EN LIGNE", 8),
    SegmentSpec("colophon", r"Avec le soutien de", 8),
)

# A paragraph cut by a page or column break: it ends without punctuation, the next
# starts in lower case (« nous avons observé la » / « nécessité de renforcer »).
PAGE_BREAK_IN_PARAGRAPH = re.compile(r"(?<=[a-zà-ÿ,])[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=[a-zà-ÿ])")
FOOTNOTE_MARK = re.compile(r"(?<=\w)¹")
FOOTNOTE_TEXT = re.compile(r"(?m)^¹\.\s*")
FOOTNOTE_CALL = re.compile(r" \(1\)")  # the mark once repaired, left out of summaries
LATEX_SUPERSCRIPT = re.compile(r"\^\{(\w+)\}")  # « 2^{ème} »
BOLD_NUMBER_LEFT_OPEN = re.compile(r"(?m)^- (\d+)\*\* ")  # « - 24** structures »
# « Prénom NOM, rôle »: the last name in capitals, the role possibly empty.
SIGNATURE = re.compile(
    r"(?P<first>[A-ZÀ-Ý][\w'-]+) (?P<last>[A-ZÀ-Ý][A-ZÀ-Ý' -]*[A-ZÀ-Ý]),\s*(?P<role>.*)",
    re.DOTALL,
)
# The interview's speakers: « Luis Semedo, CHANTIER Ecole, Alexis Goursolas, FNARS et… ».
SPEAKER_AND_NETWORK = re.compile(
    r"([A-ZÀ-Ý][a-zà-ÿ]+) ((?:Le )?[A-ZÀ-Ý][a-zà-ÿ]+), ([^,]+?)(?:,| et | nous)"
)
SOMMAIRE_ENTRY = re.compile(r"(?P<rubrique>[A-ZÀ-Ý ]+?) (?P<first>\d+)(?:-(?P<last>\d+))?")
BARE_URL = re.compile(r"(?<![\w/\[])www\.[\w.-]+\.[a-z]{2,}", re.IGNORECASE)
SENTENCE_END = '.!?:;»"…'


@dataclass
class Segment:
    blocks: list[str]  # Markdown paragraphs or lists
    page: int


@dataclass
class Article:
    rubrique: str  # as the sommaire writes it: « ZOOM SUR »
    headline: str
    pages: str  # « 2-3 »
    description: str
    authors: list[PersonRecord]
    urls: list[tuple[str, str]]
    doubts: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{ISSUE_KEY}-{slugify(self.rubrique)}"

    @property
    def source_key(self) -> str:
        # The rubrique is one of the composers' (`compose_articles`), not free text.
        return f"article-{slugify(self.rubrique)}"


def parse(text: str) -> ParsedDocument:
    warnings: list[str] = []
    segments = cut_segments(repair(text))
    number, issue_date = read_masthead(segments["masthead"])
    if number != ISSUE_NUMBER:
        raise SourceFormatError(f"{CODE}: expected issue n°{ISSUE_NUMBER}, found n°{number}")
    sommaire = read_sommaire(segments["sommaire"])
    articles = compose_articles(segments, sommaire, warnings)
    cards = [
        ge_tremplin(segments, articles),
        *(ca_marche_card(segments, articles, box) for box in CA_MARCHE_BOXES),
        petits_dejeuners_yonne(segments, articles),
        trans_boulot(segments, articles),
    ]
    number_cards_by_page(CODE, cards)
    return ParsedDocument(
        code=CODE,
        source=issue_resource(segments, articles, issue_date),
        organisations=organisations(segments),
        resources=[
            article_resource(article, position, issue_date)
            for position, article in enumerate(articles, start=1)
        ],
        cards=cards,
        warnings=warnings,
    )


# -- text repair ------------------------------------------------------------------


def repair(text: str) -> str:
    """Layout and typography repairs of the whole text, before it is cut in blocks."""
    text = normalise_spaces(text)
    # One apostrophe and one double quote throughout: the text mixes both styles.
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    text = fix_spaced_addresses(fix_spaced_hyphens(text))
    text = PAGE_BREAK_IN_PARAGRAPH.sub(" ", text)
    text = FOOTNOTE_TEXT.sub("(1) ", FOOTNOTE_MARK.sub(" (1)", text))
    text = LATEX_SUPERSCRIPT.sub(r"\1", text)
    return BOLD_NUMBER_LEFT_OPEN.sub(r"- **\1** ", text)


def cut_segments(text: str) -> dict[str, Segment]:
    parts = cut_parts(text.splitlines(), SEGMENTS, CODE)
    return {
        spec.name: Segment(markdown_blocks("\n".join(parts[spec.name])), spec.page)
        for spec in SEGMENTS
    }


def markdown_blocks(text: str) -> list[str]:
    return [block for block in unwrap(text).split("\n\n") if block.strip()]


def proper_case(name: str) -> str:
    """« JAEAGY-ROULMANN » → « Jaeagy-Roulmann »; a name in mixed case is kept."""
    if not name.isupper():
        return name
    return re.sub(r"(^|[- ])(\w)", lambda m: m.group(1) + m.group(2).upper(), name.lower())


def sentence_case(heading: str) -> str:
    """« POLITIQUE DE COHÉSION EUROPÉENNE » → « Politique de cohésion européenne »."""
    if not heading.isupper():
        return heading
    lowered = heading.lower()
    return lowered[0].upper() + lowered[1:] if not lowered.startswith("www.") else lowered


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_heading(block: str) -> bool:
    """A subheading: one short line with no closing punctuation and no address."""
    return (
        "\n" not in block
        and len(block) <= 80
        and block[-1] not in SENTENCE_END
        and not block.startswith("- ")
        and " : www." not in block
    )


def is_question(block: str) -> bool:
    return "\n" not in block and block.endswith("?") and len(block) < 250


def linked_urls(text: str) -> str:
    """Bare « www.… » addresses become Markdown links."""
    return BARE_URL.sub(lambda m: f"[{m.group()}](https://{m.group().lower()})", text)


# -- people -------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    first_name: str
    last_name: str
    role: str

    @property
    def markdown(self) -> str:
        return f"— **{self.first_name} {self.last_name}**, {self.role}"


def read_signature(blocks: list[str]) -> tuple[Signature, list[str]]:
    """The « Prénom NOM, rôle » opening `blocks`, and the blocks after it.

    The role is on the name's line or, after a blank line, in the next block.
    """
    match = SIGNATURE.fullmatch(blocks[0]) if blocks else None
    if match is None:
        raise SourceFormatError(f"{CODE}: no signature at « {blocks[:1]} »")
    role, rest = match.group("role").strip(), blocks[1:]
    if not role:
        role, rest = rest[0], rest[1:]
    signature = Signature(match.group("first"), proper_case(match.group("last")), role)
    return signature, rest


def role_of(blocks: list[str], first_name: str, last_name: str) -> str:
    """A person's role as the text gives it: in their signature « Prénom NOM, rôle »,
    else in the prose (« précise Jean-Claude Perfetti, Président du GE Tremplin, »).
    """
    full_name = f"{first_name} {last_name}".lower()
    for index, block in enumerate(blocks):
        signature = SIGNATURE.fullmatch(block)
        if signature and f"{signature['first']} {signature['last']}".lower() == full_name:
            return read_signature(blocks[index:])[0].role
    for block in blocks:
        if mention := re.search(rf"{re.escape(full_name)}, ([^,.]+)", block, re.IGNORECASE):
            return capitalised(mention.group(1).strip())
    raise SourceFormatError(f"{CODE}: no role found for {first_name} {last_name}")


def contact(blocks: list[str], first_name: str, last_name: str, organisation: str) -> ContactRecord:
    person = PersonRecord(
        first_name=first_name,
        last_name=last_name,
        role=role_of(blocks, first_name, last_name),
        organisation=organisation,
    )
    return ContactRecord(person=person, role="contact")


# -- masthead and sommaire --------------------------------------------------------------


def read_masthead(masthead: Segment) -> tuple[int, date]:
    text = " ".join(masthead.blocks)
    number = re.search(r"\b(\d+) NUMÉRO\b", text)
    month_year = re.search(r"\b([A-ZÉÛ]+) (\d{4})\b", text)
    if number is None or month_year is None or month_year.group(1).lower() not in MONTHS:
        raise SourceFormatError(f"{CODE}: no issue number and date in the masthead")
    issue_date = date(int(month_year.group(2)), MONTHS[month_year.group(1).lower()], 1)
    return int(number.group(1)), issue_date


@dataclass(frozen=True)
class SommaireEntry:
    rubrique: str
    first_page: int
    last_page: int
    title: str  # empty when the sommaire gives none

    @property
    def pages(self) -> str:
        if self.first_page == self.last_page:
            return str(self.first_page)
        return f"{self.first_page}-{self.last_page}"


def read_sommaire(sommaire: Segment) -> list[SommaireEntry]:
    entries, blocks = [], sommaire.blocks[1:]
    for index, block in enumerate(blocks):
        match = SOMMAIRE_ENTRY.fullmatch(block)
        if match is None:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else ""
        title = "" if SOMMAIRE_ENTRY.fullmatch(following) else following
        first = int(match.group("first"))
        last = int(match.group("last") or first)
        entries.append(SommaireEntry(match.group("rubrique"), first, last, title))
    if len(entries) != 6:
        raise SourceFormatError(f"{CODE}: expected 6 rubriques in the sommaire, found {entries}")
    return entries


# -- articles ---------------------------------------------------------------------------


def compose_articles(
    segments: dict[str, Segment], sommaire: list[SommaireEntry], warnings: list[str]
) -> list[Article]:
    edito = Article(
        "ÉDITO",
        segments["edito"].blocks[0],
        str(segments["edito"].page),
        edito_markdown(segments["edito"]),
        [edito_author(segments["edito"])],
        [],
    )
    # Each rubrique's composer and its segment; composers all take the article's doubts,
    # for the pages that leave something out.
    composers = {
        "TERRITOIRES": (territoires_markdown, "territoires"),
        "ZOOM SUR": (zoom_sur_markdown, "zoom_sur"),
        "ENTRETIEN": (entretien_markdown, "entretien"),
        "EN ACTION": (en_action_markdown, "en_action"),
        "REPÈRES": (reperes_markdown, "reperes"),
        "ACTUALITÉS": (actualites_markdown, "actualites"),
    }
    articles = [edito]
    for entry in sommaire:
        if entry.rubrique not in composers:
            raise SourceFormatError(f"{CODE}: unknown rubrique {entry.rubrique!r}")
        compose, segment_name = composers[entry.rubrique]
        headline = headline_of(segments[segment_name])
        if entry.title and entry.title != headline:
            raise SourceFormatError(f"{CODE}: sommaire « {entry.title} » ≠ « {headline} »")
        doubts: list[str] = []
        articles.append(
            Article(
                entry.rubrique,
                headline,
                entry.pages,
                compose(segments, doubts),
                article_authors(entry.rubrique, segments),
                online_resources(segments["ressources"]) if entry.rubrique == "ACTUALITÉS" else [],
                doubts,
            )
        )
    warnings.append(
        "photo captions dropped (their people are named in the articles): "
        + " ; ".join(segments[name].blocks[0] for name in ("territoires_caption", "zoom_caption"))
    )
    return articles


def headline_of(segment: Segment) -> str:
    """The article's headline; ZOOM SUR's rubrique label comes before it."""
    blocks = segment.blocks
    return blocks[1] if blocks[0] == "ZOOM SUR" else blocks[0]


def body_of(segment: Segment) -> list[str]:
    """The blocks after the headline (and the rubrique label, when it leads)."""
    blocks = segment.blocks
    return blocks[2:] if blocks[0] == "ZOOM SUR" else blocks[1:]


def split_edito(edito: Segment) -> tuple[list[str], Signature, list[str]]:
    """The édito's text, its signature and its notes; its rubrique label closes it."""
    blocks = [block for block in body_of(edito) if block != "ÉDITO"]
    signature_at = next((i for i, block in enumerate(blocks) if SIGNATURE.fullmatch(block)), None)
    if signature_at is None:
        raise SourceFormatError(f"{CODE}: the édito has no signature")
    signature, notes = read_signature(blocks[signature_at:])
    return blocks[:signature_at], signature, notes


def edito_markdown(edito: Segment) -> str:
    text, signature, notes = split_edito(edito)
    return join(*text, signature.markdown, *[f"*{note}*" for note in notes])


def edito_author(edito: Segment) -> PersonRecord:
    _, signature, _ = split_edito(edito)
    return PersonRecord(signature.first_name, signature.last_name, role=signature.role)


def article_authors(rubrique: str, segments: dict[str, Segment]) -> list[PersonRecord]:
    """The interview's speakers, « Luis Semedo, CHANTIER Ecole, Alexis Goursolas, FNARS… »."""
    if rubrique != "ENTRETIEN":
        return []
    chapeau = segments["entretien"].blocks[1]
    speakers = SPEAKER_AND_NETWORK.findall(chapeau)
    if len(speakers) != 3:
        raise SourceFormatError(f"{CODE}: expected the interview's three speakers: {speakers}")
    return [
        PersonRecord(first, last, organisation=NETWORK_NAMES[network])
        for first, last, network in speakers
    ]


NETWORK_NAMES = {"CHANTIER Ecole": "Chantier École", "FNARS": "FNARS", "COORACE": "COORACE"}


def join(*blocks: str) -> str:
    return "\n\n".join(block for block in blocks if block)


def box(heading: str, *blocks: str) -> str:
    return join(f"### {heading}", *blocks)


def quotation(text: str, signature: Signature) -> str:
    return join(f"> {text}", signature.markdown)


def testimony(segment: Segment) -> str:
    """« Témoignage », then « Prénom NOM, rôle », then what they say."""
    signature, text = read_signature(segment.blocks[1:])
    witness = f"**{signature.first_name} {signature.last_name}**, {signature.role}"
    return box("Témoignage", witness, *text)


def interview(blocks: list[str]) -> list[str]:
    """Questions in bold, answers as they are."""
    return [f"**{block}**" if is_question(block) else block for block in blocks]


def ca_marche(segment: Segment) -> str:
    """A « Ça marche » box: its title, the interviewee, a presentation, questions."""
    heading, interviewee, *rest = segment.blocks
    return box(heading, f"*{interviewee}*", *interview(rest))


def territoires_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    corse_plan = segments["corse_plan"].blocks
    signature, _ = read_signature(corse_plan[2:])
    continuation = [b for b in segments["territoires_more"].blocks if b != "TERRITOIRES"]
    return join(
        *body_of(segments["territoires"]),
        *segments["territoires_body"].blocks,
        *continuation,
        box(corse_plan[0], quotation(corse_plan[1], signature)),
        testimony(segments["luciani"]),
        ca_marche(segments["sos_solidarite"]),
        ca_marche(segments["coup_de_pouce"]),
    )


def zoom_sur_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    figures = segments["yonne_figures"].blocks
    return join(
        *body_of(segments["zoom_sur"]),
        *segments["zoom_body"].blocks,
        box(figures[0], nested_figures(figures[1])),
        testimony(segments["bonacorsi"]),
    )


def nested_figures(items: str) -> str:
    """« 24 structures d'insertion dont » heads the items whose numbers add up to 24."""
    lines, nested, remaining = items.splitlines(), [], 0
    for line in lines:
        number = int(re.search(r"\d+", line).group())
        if remaining >= number:
            nested.append(f"    {line}")
            remaining -= number
            continue
        nested.append(line)
        remaining = number if line.rstrip().endswith(" dont") else 0
    return "\n".join(nested)


def entretien_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    zoom = segments["entretien_box"].blocks
    return join(
        *body_of(segments["entretien"]),
        *interview(segments["entretien_body"].blocks),
        box(sentence_case(zoom[0]), *zoom[1:]),
    )


def en_action_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    chapeau, quote = body_of(segments["en_action"])
    signature, _ = read_signature(segments["petit_signature"].blocks)
    return join(
        chapeau,
        quotation(quote, signature),
        *segments["en_action_body"].blocks,
        testimony(segments["gauche"]),
    )


def reperes_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    """The 2011 figures: an introduction, the study's credit, then sections; the
    « principaux chiffres » as a list. A pull quote repeats a figure of the page; a
    section without text is a chart. Both are left out, and said in the doubts."""
    headline = headline_of(segments["reperes"])
    introduction, sections = split_sections(body_of(segments["reperes"]))
    kept = []
    for block in introduction:
        if block.startswith(headline):
            kept.append(f"*{block}*")  # the study's credit line
        elif block[-1] not in SENTENCE_END:
            doubts.append(
                f"La citation mise en exergue « {block} » (p. {segments['reperes'].page}) n'a "
                "pas été reprise : le chiffre qu'elle donne figure déjà dans le texte de "
                "l'article."
            )
        else:
            kept.append(block)
    rendered = []
    for heading, blocks in sections:
        if not blocks:
            doubts.append(
                f"Le graphique « {heading} » (p. {segments['reperes'].page}) n'a pas été "
                "repris : le texte n'en contient que le titre. Ses données sont à reprendre "
                "du PDF du numéro."
            )
            continue
        if "chiffres" in heading.lower():
            blocks = ["\n".join(f"- {block}" for block in blocks)]
        rendered.append(box(sentence_case(heading), *blocks))
    return join(*kept, *rendered)


def split_sections(blocks: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The blocks before the first subheading, and (subheading, blocks) pairs."""
    introduction, sections = [], []
    for block in blocks:
        if is_heading(block):
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            introduction.append(block)
    return introduction, sections


def actualites_markdown(segments: dict[str, Segment], doubts: list[str]) -> str:
    introduction, sections = split_sections(body_of(segments["actualites"]))
    ressources = segments["ressources"].blocks
    _, items = split_sections(ressources[1:])
    return join(
        *introduction,
        *[box(heading, *blocks) for heading, blocks in sections],
        f"### {sentence_case(ressources[0])}",
        *[
            join(f"#### {linked_urls(sentence_case(heading))}", *map(linked_urls, blocks))
            for heading, blocks in items
        ],
    )


def online_resources(ressources: Segment) -> list[tuple[str, str]]:
    """(url, label) of each « Ressources en ligne » item: its heading names it."""
    _, items = split_sections(ressources.blocks[1:])
    urls = []
    for heading, blocks in items:
        address = BARE_URL.search(" ".join([heading, *blocks]))
        if address is None:
            raise SourceFormatError(f"{CODE}: no address for the online resource « {heading} »")
        urls.append((f"https://{address.group().lower()}", sentence_case(heading)))
    return urls


# -- resources --------------------------------------------------------------------------


def issue_resource(
    segments: dict[str, Segment], articles: list[Article], issue_date: date
) -> ResourceRecord:
    """The issue: the édito's opening, the DLA's presentation box, the sommaire."""
    edito_opening = FOOTNOTE_CALL.sub("", segments["edito"].blocks[1])
    sommaire = "\n".join(
        f"- {sentence_case(article.rubrique)} (p. {article.pages}) : {article.headline}"
        for article in articles
    )
    return ResourceRecord(
        key=ISSUE_KEY,
        title=f"DLA & Territoires n°{ISSUE_NUMBER} — {articles[0].headline}",
        kind="lettre",
        description=join(edito_opening, *segments["dla_box"].blocks, "**Sommaire**", sommaire),
        publisher=PUBLISHER,
        year=issue_date.year,
        version_date=issue_date,
        source_key=DOCUMENT_KEY,
        doubts=[
            f"En p. {segments['colophon'].page}, la mention « {segments['colophon'].blocks[0]} » "
            "est suivie de logos, absents du texte : les partenaires qui soutiennent le numéro "
            "ne sont pas nommés. Les retrouver dans le PDF du numéro."
        ],
    )


def article_resource(article: Article, position: int, issue_date: date) -> ResourceRecord:
    return ResourceRecord(
        key=article.key,
        title=article.headline,
        kind="article",
        description=article.description,
        publisher=PUBLISHER,
        author_people=article.authors,
        year=issue_date.year,
        version_date=issue_date,
        position=position,
        urls=article.urls,
        part_of_key=ISSUE_KEY,
        part_of_detail=f"p. {article.pages}",
        source_key=article.source_key,
        source_page=int(article.pages.split("-")[0]),  # its first page, as the sommaire says
        doubts=list(article.doubts),
    )


# -- organisations ----------------------------------------------------------------------


def organisations(segments: dict[str, Segment]) -> list[OrganisationRecord]:
    """Every organisation the cards and articles name, with what the text says of them."""
    sos, coup_de_pouce = segments["sos_solidarite"].blocks, segments["coup_de_pouce"].blocks
    trans_boulot = segments["en_action_body"].blocks
    return [
        OrganisationRecord("Avise", description=avise_description(segments["dla_box"])),
        OrganisationRecord(
            "GE Tremplin",
            structure_types=["groupement_employeurs"],
            departement_code="2B",
            description=sentence_with(segments["territoires_body"].blocks, "Le GE fédère"),
        ),
        OrganisationRecord("Triac", structure_types=["ei"], departement_code="2B"),
        OrganisationRecord("Agence de développement économique de la Corse", acronym="ADEC"),
        OrganisationRecord("Corse Active"),
        OrganisationRecord("Collectivité territoriale de Corse", structure_types=["collectivite"]),
        OrganisationRecord(
            "Conseil général de Haute-Corse",
            structure_types=["collectivite"],
            departement_code="2B",
        ),
        OrganisationRecord("Unité territoriale de Haute-Corse", departement_code="2B"),
        OrganisationRecord("DLA de Haute-Corse", departement_code="2B"),
        OrganisationRecord(
            "SOS Solidarité",
            structure_types=["ai"],
            town="Pontault-Combault",
            departement_code="77",
            description=sos[2],
        ),
        OrganisationRecord(
            "Commune de Pontault-Combault", structure_types=["collectivite"], departement_code="77"
        ),
        OrganisationRecord(
            "Coup de Pouce",
            structure_types=["ai"],
            departement_code="84",
            description=coup_de_pouce[2],
        ),
        OrganisationRecord(
            "Communauté de communes de l'Enclave des Papes",
            structure_types=["collectivite"],
            departement_code="84",
        ),
        OrganisationRecord(
            "Conseil général de Vaucluse", structure_types=["collectivite"], departement_code="84"
        ),
        OrganisationRecord("DLA de Vaucluse", departement_code="84"),
        OrganisationRecord("DLA de Seine-et-Marne", departement_code="77"),
        OrganisationRecord("DLA de Meurthe-et-Moselle", departement_code="54"),
        OrganisationRecord("DLA 89", departement_code="89"),
        OrganisationRecord("Direccte de l'Yonne", departement_code="89"),
        OrganisationRecord(
            "Conseil général de l'Yonne", structure_types=["collectivite"], departement_code="89"
        ),
        OrganisationRecord(
            "ACIP 89",
            structure_types=["reseau"],
            departement_code="89",
        ),
        OrganisationRecord(
            "Trans'boulot", structure_types=["aci"], description=before_quotation(trans_boulot[0])
        ),
        OrganisationRecord(
            "Conseil général de Meurthe-et-Moselle",
            structure_types=["collectivite"],
            departement_code="54",
        ),
        OrganisationRecord("Chantier École", structure_types=["reseau"]),
        OrganisationRecord("FNARS", structure_types=["reseau"]),
        OrganisationRecord("COORACE", structure_types=["reseau"]),
    ]


def avise_description(dla_box: Segment) -> str:
    match = re.search(r"(Centre de ressources [^,]+), l'\*\*Avise\*\* ([^.]+)\.", dla_box.blocks[0])
    if match is None:
        raise SourceFormatError(f"{CODE}: the DLA box no longer presents the Avise")
    return f"{match.group(1)} ; l'Avise {match.group(2)}."


def before_quotation(block: str) -> str:
    """A paragraph's narration, without the quotation in italics that closes it."""
    return block.split(' *"', 1)[0]


def sentence_with(blocks: list[str], opening: str) -> str:
    """The sentence of `blocks` that starts with `opening`, up to its full stop."""
    for block in blocks:
        if match := re.search(rf"{re.escape(opening)}[^.]*\.", block):
            return match.group()
    raise SourceFormatError(f"{CODE}: no sentence starts with « {opening} »")


# -- the five field experiences -------------------------------------------------------


def block_starting(blocks: list[str], opening: str) -> str:
    for block in blocks:
        if block.lstrip('*"').startswith(opening):
            return block
    raise SourceFormatError(f"{CODE}: no paragraph starts with « {opening} »")


def answers(segment: Segment) -> list[str]:
    """The answers of a « Ça marche » interview, one Markdown text per question."""
    grouped: list[list[str]] = []
    for block in segment.blocks[3:]:
        if is_question(block):
            grouped.append([])
        elif grouped:
            grouped[-1].append(block)
    return [join(*blocks) for blocks in grouped]


def article_link(articles: list[Article], rubrique: str) -> CardLinkRecord:
    article = next(article for article in articles if article.rubrique == rubrique)
    return CardLinkRecord(
        kind="a_consulter", label=article.headline, target_resource_key=article.key
    )


def card_key(title: str) -> str:
    """« L'insertion par… » → « l-insertion-par-… », at most about 80 characters."""
    return slug_of(title, 80)


def ge_tremplin(segments: dict[str, Segment], articles: list[Article]) -> CardRecord:
    territoires = segments["territoires"]
    body, more = segments["territoires_body"].blocks, segments["territoires_more"].blocks
    people = body + more + segments["luciani"].blocks + segments["corse_plan"].blocks
    title = headline_of(territoires)
    return CardRecord(
        key=card_key(title),
        title=title,
        porteur="GE Tremplin",
        category="siae",
        summary=body_of(territoires)[0],
        partners=[
            "DLA de Haute-Corse",
            "Unité territoriale de Haute-Corse",
            "Corse Active",
            "Agence de développement économique de la Corse",
            "Collectivité territoriale de Corse",
            "Conseil général de Haute-Corse",
        ],
        contacts=[
            contact(people, "Hélène", "Savelli", "GE Tremplin"),
            contact(people, "Jean-Claude", "Perfetti", "GE Tremplin"),
            contact(people, "Joseph", "Luciani", "Unité territoriale de Haute-Corse"),
            contact(people, "Marie-Hélène", "Simonpietri", "DLA de Haute-Corse"),
            contact(
                people, "Florence", "Bonifaci", "Agence de développement économique de la Corse"
            ),
        ],
        region_as_written="Corse",
        departement_codes=["2B"],
        territory_name="Haute-Corse",
        scale="departement",
        start_year=year_after(body, "commencé à fonctionner en"),
        context=join(
            block_starting(body, "Avec ses collègues"),
            testimony(segments["luciani"]),
            corse_plan_box(segments["corse_plan"]),
        ),
        actions=block_starting(body, "La création de ce Groupement"),
        results=join(
            block_starting(more, "Hélène Savelli"),
            block_starting(more, "L'apport du GE Tremplin"),
            block_starting(more, "Ce succès collectif"),
        ),
        perspectives=block_starting(more, "Nous réfléchissons"),
        links=[article_link(articles, "TERRITOIRES")],
        source_page=territoires.page,
    )


def corse_plan_box(corse_plan: Segment) -> str:
    """Florence Bonifaci's box on the regional ESS plan that funds the GE: its heading,
    her words, her name (the card's contacts give her role)."""
    heading, words, *_ = corse_plan.blocks
    signature, _ = read_signature(corse_plan.blocks[2:])
    return join(f"### {heading}", f"{words} — {signature.first_name} {signature.last_name}")


def year_after(blocks: list[str], words: str) -> int:
    """The year a phrase dates: « commencé à fonctionner en février 2012 » → 2012."""
    for block in blocks:
        if match := re.search(rf"{re.escape(words)} (?:\w+ )?(\d{{4}})", block):
            return int(match.group(1))
    raise SourceFormatError(f"{CODE}: no year after « {words} »")


@dataclass(frozen=True)
class CaMarcheBox:
    """What a « Ça marche » box says only in passing, reviewed against the document: its
    porteur, partners, contact, territory and the words that date the experience (the rest
    is read from the box). `evidence` are the words that name the partners: the parser
    checks they are still in the box, so the facts never drift from the text."""

    segment: str
    porteur: str
    partners: tuple[str, ...]
    evidence: tuple[str, ...]
    contact_name: tuple[str, str]
    departement_code: str
    territory_name: str
    scale: str
    dated_by: str = ""  # the words before the year the experience starts, if any
    doubts: tuple[str, ...] = ()


# The box says « le DLA » only: a DLA is départemental, the card's is the département's.
UNNAMED_DLA = (
    "Le texte parle du « DLA » sans le nommer : le partenaire est le DLA du département de "
    "la structure ({name}), à confirmer."
)

CA_MARCHE_BOXES = [
    CaMarcheBox(
        "sos_solidarite", "SOS Solidarité",
        ("Commune de Pontault-Combault", "DLA de Seine-et-Marne"),
        ("très soutenue par la commune de Pontault-Combault", "Qu'attendiez-vous d'un "
         "accompagnement DLA ?"),
        ("Franck", "Burel"), "77", "Pontault-Combault", "commune",
        # The box dates the association (1985, AI since 1993), not its DLA support.
        doubts=(UNNAMED_DLA.format(name="DLA de Seine-et-Marne"),),
    ),
    CaMarcheBox(
        "coup_de_pouce", "Coup de Pouce",
        ("Communauté de communes de l'Enclave des Papes", "Conseil général de Vaucluse",
         "DLA de Vaucluse"),
        ("avec la communauté de communes de l'Enclave des Papes", "et avec le Conseil général "
         "sur une mission dédiée", "Présidente de Coup de Pouce dans le Vaucluse",
         "j'ai fait appel au DLA"),
        ("Huguette", "Crépin"), "84", "Enclave des Papes", "intercommunalite",
        # The DLA support's first dated step: « deux séminaires en mars et décembre 2011 ».
        dated_by="deux séminaires en mars et décembre",
        doubts=(UNNAMED_DLA.format(name="DLA de Vaucluse"),),
    ),
]  # fmt: skip


def ca_marche_card(
    segments: dict[str, Segment], articles: list[Article], box: CaMarcheBox
) -> CardRecord:
    box_segment = segments[box.segment]
    context, actions, results = answers(box_segment)
    title = box_title(box_segment)
    text = " ".join(box_segment.blocks)
    for words in box.evidence:
        if words not in text:
            raise SourceFormatError(
                f"{CODE}: « {box_title(box_segment)} » no longer says « {words} »"
            )
    return CardRecord(
        key=card_key(title),
        title=title,
        porteur=box.porteur,
        category="siae",
        summary=box_segment.blocks[2],
        partners=list(box.partners),
        contacts=[contact(box_segment.blocks, *box.contact_name, box.porteur)],
        departement_codes=[box.departement_code],
        territory_name=box.territory_name,
        scale=box.scale,
        start_year=year_after(box_segment.blocks, box.dated_by) if box.dated_by else None,
        context=context,
        actions=actions,
        results=results,
        links=[article_link(articles, "TERRITOIRES")],
        source_page=box_segment.page,
        doubts=list(box.doubts),
    )


def box_title(segment: Segment) -> str:
    """« Ça marche : Association SOS Solidarité » → « Association SOS Solidarité »."""
    return segment.blocks[0].split(" : ", 1)[1]


def petits_dejeuners_yonne(segments: dict[str, Segment], articles: list[Article]) -> CardRecord:
    zoom, body = segments["zoom_sur"], segments["zoom_body"].blocks
    people = zoom.blocks + body + segments["bonacorsi"].blocks
    chapeau = body_of(zoom)[0]
    title = headline_of(zoom)
    figures = segments["yonne_figures"].blocks
    # The paragraph ends on its result, the ACIP 89 the collaboration led to.
    actions, results = split_at(block_starting(body, "Pour le Conseil général"), "Suite logique")
    return CardRecord(
        key=card_key(title),
        title=title,
        porteur="DLA 89",
        category="partenaire",
        summary=chapeau,
        partners=["Direccte de l'Yonne", "Conseil général de l'Yonne", "ACIP 89"],
        contacts=[
            contact(people, "Antoine", "Brondel", "Direccte de l'Yonne"),
            contact(people, "Antoine", "Bonacorsi", "Conseil général de l'Yonne"),
            contact(people, "Bernard", "Pesquet", ""),
        ],
        departement_codes=["89"],
        territory_name="Yonne",
        scale="departement",
        start_year=year_after([chapeau], "Depuis"),
        key_figures=nested_figures(figures[1]),
        # The « Témoignage » box signed as the article « Zoom sur » signs it: Bonacorsi's
        # « nous » is the Conseil général's, not Brondel's (quoted just before).
        context=join(
            block_starting(body, "Il y a quelques années"), testimony(segments["bonacorsi"])
        ),
        actions=actions,
        results=results,
        links=[article_link(articles, "ZOOM SUR")],
        source_page=zoom.page,
    )


def trans_boulot_territory(chapeau: str, body: list[str]) -> str:
    """« en Moselle et Meurthe-et-Moselle » (the chapeau), « du Pays de Briey » (the body)."""
    if "en Moselle et Meurthe-et-Moselle" not in chapeau or "Pays de Briey" not in join(*body):
        raise SourceFormatError(f"{CODE}: Trans'boulot's territory is no longer named so")
    return "Moselle et Meurthe-et-Moselle (Pays de Briey)"


def split_at(block: str, opening: str) -> tuple[str, str]:
    """A paragraph cut where the sentence starting with `opening` starts."""
    before, found, after = block.partition(f" {opening}")
    if not found:
        raise SourceFormatError(f"{CODE}: no sentence starts with « {opening} »")
    return before, f"{opening}{after}"


def trans_boulot(segments: dict[str, Segment], articles: list[Article]) -> CardRecord:
    en_action, body = segments["en_action"], segments["en_action_body"].blocks
    chapeau, quote = body_of(en_action)
    people = segments["petit_signature"].blocks + body + segments["gauche"].blocks
    title = headline_of(en_action)
    sentence_with(segments["gauche"].blocks, "Le Conseil général soutient directement")
    if "partenaire financier du DLA" not in " ".join(segments["gauche"].blocks):
        raise SourceFormatError(f"{CODE}: the Conseil général no longer funds the DLA")
    return CardRecord(
        key=card_key(title),
        title=title,
        porteur="Trans'boulot",
        category="siae",
        summary=chapeau,
        partners=["Conseil général de Meurthe-et-Moselle", "DLA de Meurthe-et-Moselle"],
        contacts=[
            contact(people, "Pierre-Jean", "Petit", "Trans'boulot"),
            contact(people, "Mylène", "Gauche", "Conseil général de Meurthe-et-Moselle"),
        ],
        departement_codes=["57", "54"],
        territory_name=trans_boulot_territory(chapeau, body),
        scale="departement",
        start_year=year_after(body, "depuis"),
        context=join(body[0], testimony(segments["gauche"])),
        actions=join(*body[1:]),
        results=quotation(quote, read_signature(segments["petit_signature"].blocks)[0]),
        links=[article_link(articles, "EN ACTION")],
        source_page=en_action.page,
        doubts=[
            # « Le Conseil général soutient directement l'association mais aussi en étant
            # partenaire financier du DLA » (p. 6): the DLA of Meurthe-et-Moselle.
            UNNAMED_DLA.format(name="DLA de Meurthe-et-Moselle")
            + " Le Conseil général de Meurthe-et-Moselle en est « partenaire financier »."
        ],
    )
