"""What a parser reads out of a source document, before anything touches the database.

Parsers are pure functions from text to a `ParsedDocument`; `sources.writer` then
writes it idempotently. Records refer to each other by stable keys: organisation
names (matched after normalisation and aliases), working-group codes, fiche codes,
and the slugs (`key`) of cards and resources.

A record's identity in the database is its `source_key`, unique within its document and
made from the document's structure (its codes, pages, positions), never from its text:
correcting a title, or changing how slugs are made, keeps the same record. Working
groups, fiches, programmes and collections are identified by their codes and constant
keys, which are already structural; an event and each part of its programme by what they
are in the document (« evenement », « evenement-intervention-2 »).

`doubts` are what the parser could not settle about a record (a guessed kind, a damaged
passage): short French sentences for the animators, stored on the record as « points à
vérifier ». `ParsedDocument.warnings` are notes for developers.

Values of choice fields are the model's values (`"aci"`, `"frein"`, `"rural"`…).
Long texts are Markdown: paragraphs separated by blank lines, lists as `- item`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass
class OrganisationRecord:
    name: str
    acronym: str = ""
    structure_types: list[str] = field(default_factory=list)
    address: str = ""
    postal_code: str = ""
    town: str = ""
    cedex: str = ""  # « Cedex 9 » after the town: « 9 »
    departement_code: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    description: str = ""
    networks: list[str] = field(default_factory=list)  # organisation names, e.g. ["COORACE"]
    parent: str = ""  # organisation name


@dataclass
class PersonRecord:
    first_name: str
    last_name: str
    role: str = ""
    organisation: str = ""  # organisation name
    email: str = ""
    phone: str = ""


@dataclass
class ContactRecord:
    person: PersonRecord
    role: str  # organisations.enums.ContactRole value
    working_group_codes: list[str] = field(default_factory=list)
    organisation: str = ""  # for facilitators: the organisation they came from


@dataclass
class PointRecord:
    kind: str  # "frein" or "levier"
    text: str
    topic: str = ""


@dataclass
class ToolRecord:
    text: str
    resource_key: str = ""  # slug of a ResourceRecord of the same import


@dataclass
class CardLinkRecord:
    kind: str  # experiences.models.CardLinkKind value
    label: str = ""
    target_card_key: str = ""
    target_resource_key: str = ""


@dataclass
class ListingRecord:
    group_code: str
    source_page: int | None = None
    source_note: str = ""


@dataclass
class CardRecord:
    key: str  # the card's slug, as the parser proposes it
    title: str
    porteur: str  # organisation name (an OrganisationRecord of the same document)
    category: str = "siae"  # experiences.models.CardCategory value
    summary: str = ""
    partners: list[str] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    region_as_written: str = ""
    # The région the card is filed under when its document writes none for it (a talk of
    # a regional webinar): it gives the card no départements.
    region_filed: str = ""
    departement_codes: list[str] = field(default_factory=list)
    territory_name: str = ""
    scale: str = ""
    milieux: list[str] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    key_figures: str = ""
    context: str = ""
    actions: str = ""
    results: str = ""
    perspectives: str = ""
    problematiques: str = ""
    mutualisation_sought: str = ""
    mutualisation_offered: str = ""
    points: list[PointRecord] = field(default_factory=list)
    tools_intro: str = ""  # what the card says of its tools as a whole, over their list
    tools: list[ToolRecord] = field(default_factory=list)
    links: list[CardLinkRecord] = field(default_factory=list)
    listings: list[ListingRecord] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    source_page: int | None = None
    fiche_code: str = ""  # the manual fiche this card comes from (Part III)
    draft: bool = False  # created unpublished: the document gives no content beyond a summary
    source_key: str = ""  # identity in the document: "experience-p6", "experience-G2-4"…
    doubts: list[str] = field(default_factory=list)


@dataclass
class ProjectListingRecord:
    """A project a sommaire lists whose card the text does not hold."""

    title: str
    group_code: str
    porteur_name: str = ""
    region_as_written: str = ""
    departement_code: str = ""
    source_page: int | None = None
    card_key: str = ""  # when the card is known after all
    source_key: str = ""  # identity within the document: "sommaire-A3-2"


@dataclass
class PhaseRecord:
    title: str
    start_date: date | None = None
    end_date: date | None = None
    description: str = ""


@dataclass
class ProgrammeRecord:
    key: str
    name: str
    organiser: str = ""
    start_year: int | None = None
    end_year: int | None = None
    description: str = ""
    phases: list[PhaseRecord] = field(default_factory=list)
    source_page: int | None = None  # the page of sources.pages where its text starts


@dataclass
class GroupRecord:
    code: str
    name: str
    programme_key: str
    kind: str = "atelier"  # workgroups.models.WorkingGroupKind value
    position: int = 0
    period_start: date | None = None
    period_end: date | None = None
    period_label: str = ""
    origin: str = ""
    objectives: str = ""
    conclusions: str = ""
    contacts: list[ContactRecord] = field(default_factory=list)
    member_organisations: list[str] = field(default_factory=list)
    production_keys: list[str] = field(default_factory=list)  # resource slugs
    source_page: int | None = None  # the page of sources.pages where its text starts
    doubts: list[str] = field(default_factory=list)


@dataclass
class CollectionRecord:
    key: str
    name: str
    parent_key: str = ""
    position: int = 0
    description: str = ""


@dataclass
class ResourceRecord:
    key: str  # the resource's slug
    title: str
    kind: str  # resources.models.ResourceKind value
    description: str = ""
    publisher: str = ""  # organisation name
    author_organisations: list[str] = field(default_factory=list)
    author_people: list[PersonRecord] = field(default_factory=list)
    year: int | None = None
    version_label: str = ""
    version_date: date | None = None
    collection_key: str = ""
    position: int = 0
    access_level: str = "public"
    availability: str = "disponible"
    urls: list[tuple[str, str]] = field(default_factory=list)  # (url, label)
    # What the document says of how to get it (« accessible aux adhérents COORACE »…).
    where_to_find: str = ""
    part_of_key: str = ""  # slug of the resource that holds it (a letter's issue, a manual)
    part_of_detail: str = ""  # where in it: « p. 4-5 », « n°3, mars 2007 »
    group_codes: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    source_key: str = ""  # identity within the document: "document", "bibliographie-12"
    source_page: int | None = None  # the page of sources.pages that gives it
    doubts: list[str] = field(default_factory=list)


@dataclass
class BlockRecord:
    kind: str  # resources.models.BlockKind value
    body: str
    heading: str = ""


@dataclass
class FicheLinkRecord:
    target_code: str
    kind: str  # resources.models.FicheLinkKind value


@dataclass
class FicheRecord:
    resource: ResourceRecord
    code: str
    part: str = ""
    section: str = ""
    section_title: str = ""
    position: int = 0
    blocks: list[BlockRecord] = field(default_factory=list)
    success_keys: list[str] = field(default_factory=list)
    watch_points: list[str] = field(default_factory=list)
    links: list[FicheLinkRecord] = field(default_factory=list)
    source_page: int | None = None  # the page of sources.pages that holds it
    doubts: list[str] = field(default_factory=list)


@dataclass
class KeywordRecord:
    name: str
    primary_fiche_codes: list[str] = field(default_factory=list)
    other_fiche_codes: list[str] = field(default_factory=list)


@dataclass
class EventSpeakerRecord:
    person: PersonRecord
    organisation: str = ""  # organisation name: the structure they spoke for
    role: str = ""  # their function as the programme prints it


@dataclass
class EventPartRecord:
    """A part of an event's programme: a phase, a talk, what was presented."""

    title: str
    source_key: str  # identity in the document: "evenement-introduction"…
    session: str = ""  # the programme's sequence it belongs to (« Acteurs engagés »)
    description: str = ""
    starts_at: time | None = None
    ends_at: time | None = None
    speakers: list[EventSpeakerRecord] = field(default_factory=list)
    card_keys: list[str] = field(default_factory=list)  # slugs of CardRecords (the document's)
    resource_keys: list[str] = field(default_factory=list)  # resource slugs
    source_page: int | None = None


@dataclass
class EventRecord:
    """A Rencontre, a training, a webinar: its day, its programme in parts.

    `starts_at` None: the document gives the day only, and the event is stored without
    an hour (`Event.date_only`), never with an invented one."""

    key: str  # the event's slug
    title: str
    kind: str  # events.models.EventKind value
    day: date
    starts_at: time | None = None
    end_day: date | None = None
    ends_at: time | None = None
    organiser: str = ""  # organisation name
    audience: str = "public"  # workgroups.models.Audience value
    published: bool = True  # its status at creation (later ones are the animators')
    summary: str = ""
    description: str = ""
    place: str = ""
    online_url: str = ""
    region: str = ""  # a région's name, as territories.services.find_region reads it
    takes_registrations: bool = True
    capacity: int | None = None
    resource_keys: list[str] = field(default_factory=list)  # what it left: its supports
    source_resource_key: str = ""  # the document it is read from (default: the document)
    parts: list[EventPartRecord] = field(default_factory=list)
    source_key: str = ""  # identity in the document: "evenement"
    source_page: int | None = None


@dataclass
class ParsedDocument:
    """Everything one source document yields."""

    code: str  # "000" … "004"
    source: ResourceRecord  # the document itself, as a library resource
    programmes: list[ProgrammeRecord] = field(default_factory=list)
    groups: list[GroupRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    collections: list[CollectionRecord] = field(default_factory=list)
    resources: list[ResourceRecord] = field(default_factory=list)
    fiches: list[FicheRecord] = field(default_factory=list)
    keywords: list[KeywordRecord] = field(default_factory=list)
    cards: list[CardRecord] = field(default_factory=list)
    project_listings: list[ProjectListingRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class SourceFormatError(ValueError):
    """The document does not have the structure its parser expects."""
