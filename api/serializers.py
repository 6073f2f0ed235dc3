"""What the API shows of each record: public fields only, by stable codes and slugs.

Every record is reached through the pages' own selectors, so what is published and who
may read it is decided there; these serializers add the API's own rule: no contact and
no personal detail. A card's contacts, a group's facilitators, e-mail addresses and phone
numbers (even a structure's) are never written; a person is named (an author, a speaker)
only when their contact is public (`Person.contact_is_public`). A resource is shown only
when anyone may read it (`resources.access`): a reference to a reserved one is dropped.

Free texts (a card's context, a fiche's blocks…) name people as the documents and the
pages do; their e-mail addresses and phone numbers are masked (`Text`).

Field names are the models' (English), values and labels French; long texts are the
Markdown the pages render. `url` is the record in the API, `page` its page on the site.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import EventKind
from experiences.models import CardCategory, CardLinkKind
from organisations.enums import StructureType
from resources.models import (
    AccessLevel,
    Availability,
    BlockKind,
    FicheLinkKind,
    FichePart,
    KeyPointKind,
    ResourceKind,
)
from sources.selectors import mask_personal_data
from territories.models import Milieu, Scale
from vita.files import FileFormat
from vita.models import PublicationStatus
from workgroups.models import WorkingGroupKind, WorkingGroupStatus

# -- shared pieces ----------------------------------------------------------------------


class Text(serializers.CharField):
    """A text as the documents wrote it, their e-mail addresses and phone numbers masked
    as the documents' reader masks them (`sources.selectors.mask_personal_data`)."""

    def to_representation(self, value):
        return mask_personal_data(super().to_representation(value))


class CodeLabelSerializer(serializers.Serializer):
    code = Text()
    label = Text(help_text="Le libellé du code, tel que le site l'affiche.")


@extend_schema_field(CodeLabelSerializer)
class ChoiceField(serializers.Field):
    """A code of a vocabulary, with its French label."""

    def __init__(self, choices, **kwargs):
        self.labels = {code: str(label) for code, label in choices}
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"code": value, "label": self.labels.get(value, value)}

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return value or None  # a blank choice is no choice


def choice(choices, **kwargs):
    return ChoiceField(choices, allow_null=True, **kwargs)


def choices(choice_list, **kwargs):
    return serializers.ListField(child=ChoiceField(choice_list), read_only=True, **kwargs)


def api_link(view_name, lookup="slug"):
    return serializers.HyperlinkedIdentityField(
        view_name=view_name, lookup_field=lookup, lookup_url_kwarg=lookup
    )


def page_link(view_name, lookup="slug"):
    return serializers.HyperlinkedIdentityField(
        view_name=view_name,
        lookup_field=lookup,
        lookup_url_kwarg=lookup,
        help_text="La page du site.",
    )


def is_public_resource(resource) -> bool:
    """Anyone may read it: published, public (resources.access.LEVEL_AUDIENCES)."""
    return (
        resource is not None
        and resource.status == PublicationStatus.PUBLISHED
        and resource.access_level == AccessLevel.PUBLIC
    )


def public_name(person) -> str | None:
    """A person's name, when their contact is public; else nothing."""
    return person.full_name if person is not None and person.contact_is_public else None


# -- references from one record to another --------------------------------------------


class RegionRefSerializer(serializers.Serializer):
    code = Text(help_text="Code INSEE.")
    name = Text()
    url = api_link("api:region", "code")


class DepartementRefSerializer(serializers.Serializer):
    code = Text(help_text="Code INSEE.")
    name = Text()
    url = api_link("api:departement", "code")


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = Text()
    url = api_link("api:organisation")


class GroupRefSerializer(serializers.Serializer):
    code = Text()
    name = Text()
    url = api_link("api:group", "code")


class ProgrammeRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = Text()


class CardRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = Text()
    url = api_link("api:experience")


class ResourceRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = Text()
    url = api_link("api:resource")


class FicheRefSerializer(serializers.Serializer):
    code = Text()
    title = Text(source="resource.title")
    url = api_link("api:fiche", "code")


class NamedSlugSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = Text()


def public_cards(cards) -> list:
    return [card for card in cards if card.status == PublicationStatus.PUBLISHED]


def public_resources(resources) -> list:
    return [resource for resource in resources if is_public_resource(resource)]


# -- experience cards -------------------------------------------------------------------


class CardListSerializer(serializers.Serializer):
    """A card as the list shows it (`experiences.selectors.listed_cards`)."""

    slug = serializers.SlugField()
    title = Text()
    summary = Text(help_text="En bref (Markdown).")
    category = choice(CardCategory.choices)
    porteur = OrganisationRefSerializer()
    region = RegionRefSerializer()
    departements = DepartementRefSerializer(many=True)
    groups = serializers.SerializerMethodField()
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    url = api_link("api:experience")
    page = page_link("experiences:detail")

    @extend_schema_field(GroupRefSerializer(many=True))
    def get_groups(self, card):
        groups = [listing.working_group for listing in card.listings.all()]
        return GroupRefSerializer(groups, many=True, context=self.context).data


class CardPointSerializer(serializers.Serializer):
    topic = Text()
    text = Text()


class CardToolSerializer(serializers.Serializer):
    text = Text()
    resource = serializers.SerializerMethodField()

    @extend_schema_field(ResourceRefSerializer(allow_null=True))
    def get_resource(self, tool):
        if not is_public_resource(tool.resource):
            return None
        return ResourceRefSerializer(tool.resource, context=self.context).data


class CardLinkSerializer(serializers.Serializer):
    kind = choice(CardLinkKind.choices)
    label = Text()
    card = serializers.SerializerMethodField()
    resource = serializers.SerializerMethodField()

    @extend_schema_field(CardRefSerializer(allow_null=True))
    def get_card(self, link):
        target = link.target_card
        if target is None or target.status != PublicationStatus.PUBLISHED:
            return None
        return CardRefSerializer(target, context=self.context).data

    @extend_schema_field(ResourceRefSerializer(allow_null=True))
    def get_resource(self, link):
        if not is_public_resource(link.target_resource):
            return None
        return ResourceRefSerializer(link.target_resource, context=self.context).data


class CardDetailSerializer(CardListSerializer):
    """A published card, without its contacts."""

    region_as_written = Text(help_text="La région que donne le document.")
    territory_name = Text()
    scale = choice(Scale.choices)
    milieux = choices(Milieu.choices)
    partners = OrganisationRefSerializer(many=True)
    key_figures = Text(help_text="Markdown.")
    context = Text(help_text="Markdown.")
    actions = Text(help_text="L'expérience (Markdown).")
    results = Text(help_text="Markdown.")
    perspectives = Text(help_text="Markdown.")
    problematiques = Text(help_text="Markdown.")
    mutualisation_sought = Text(help_text="Markdown.")
    mutualisation_offered = Text(help_text="Markdown.")
    freins = serializers.SerializerMethodField()
    leviers = serializers.SerializerMethodField()
    tools_intro = Text()
    tools = CardToolSerializer(many=True)
    links = serializers.SerializerMethodField()
    themes = NamedSlugSerializer(many=True)
    keywords = NamedSlugSerializer(many=True)
    fiche = serializers.SerializerMethodField(help_text="Sa fiche du manuel (partie III).")
    source_resource = serializers.SerializerMethodField(help_text="Le document source.")
    source_page = serializers.IntegerField(allow_null=True)

    @extend_schema_field(CardPointSerializer(many=True))
    def get_freins(self, card):
        return CardPointSerializer(
            [p for p in card.points.all() if p.kind == "frein"], many=True
        ).data

    @extend_schema_field(CardPointSerializer(many=True))
    def get_leviers(self, card):
        points = [p for p in card.points.all() if p.kind == "levier"]
        return CardPointSerializer(points, many=True).data

    @extend_schema_field(CardLinkSerializer(many=True))
    def get_links(self, card):
        shown = [
            link
            for link in card.links.all()
            if link.label
            or (link.target_card and link.target_card.status == PublicationStatus.PUBLISHED)
            or is_public_resource(link.target_resource)
        ]
        return CardLinkSerializer(shown, many=True, context=self.context).data

    @extend_schema_field(FicheRefSerializer(allow_null=True))
    def get_fiche(self, card):
        if card.fiche is None or not is_public_resource(card.fiche.resource):
            return None
        return FicheRefSerializer(card.fiche, context=self.context).data

    @extend_schema_field(ResourceRefSerializer(allow_null=True))
    def get_source_resource(self, card):
        if not is_public_resource(card.source_resource):
            return None
        return ResourceRefSerializer(card.source_resource, context=self.context).data


# -- working groups ---------------------------------------------------------------------


class GroupListSerializer(serializers.Serializer):
    code = Text()
    name = Text()
    kind = choice(WorkingGroupKind.choices)
    status = choice(WorkingGroupStatus.choices)
    programme = ProgrammeRefSerializer()
    period_label = Text()
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    card_count = serializers.IntegerField(help_text="Ses fiches expériences publiées.")
    url = api_link("api:group", "code")
    page = page_link("workgroups:detail", "code")


class GroupDetailSerializer(GroupListSerializer):
    """A group, without its facilitators, members and workspace."""

    origin = Text(help_text="Markdown.")
    objectives = Text(help_text="Markdown.")
    conclusions = Text(help_text="Markdown.")
    member_organisations = serializers.SerializerMethodField()
    cards = serializers.SerializerMethodField(help_text="Ses fiches, dans l'ordre du groupe.")
    productions = serializers.SerializerMethodField(help_text="Ses productions publiques.")

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_member_organisations(self, group):
        members = [o for o in group.member_organisations.all() if not o.proposed]
        return OrganisationRefSerializer(members, many=True, context=self.context).data

    @extend_schema_field(CardRefSerializer(many=True))
    def get_cards(self, group):
        return CardRefSerializer(self.context["cards"], many=True, context=self.context).data

    @extend_schema_field(ResourceRefSerializer(many=True))
    def get_productions(self, group):
        productions = public_resources(self.context["productions"])
        return ResourceRefSerializer(productions, many=True, context=self.context).data


# -- organisations ------------------------------------------------------------------------


class OrganisationListSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = Text()
    acronym = Text()
    structure_types = choices(StructureType.choices)
    town = Text()
    departement = DepartementRefSerializer(allow_null=True)
    card_count = serializers.IntegerField(help_text="Les fiches publiées qu'elle porte.")
    url = api_link("api:organisation")
    page = page_link("organisations:detail")


class PresentationSerializer(serializers.Serializer):
    text = Text(help_text="Markdown.")
    year = serializers.IntegerField()
    source_title = Text()


class OrganisationDetailSerializer(serializers.Serializer):
    """A structure, without its e-mail, phone and address."""

    slug = serializers.SlugField()
    name = Text()
    acronym = Text()
    structure_types = choices(StructureType.choices)
    postal_code = Text()
    town = Text()
    departement = DepartementRefSerializer(allow_null=True)
    website = serializers.URLField()
    description = serializers.SerializerMethodField(help_text="Sa présentation (Markdown).")
    presentations = serializers.SerializerMethodField(help_text="Chaque document, daté.")
    parent = serializers.SerializerMethodField()
    networks = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    carried_cards = serializers.SerializerMethodField()
    partner_cards = serializers.SerializerMethodField()
    url = api_link("api:organisation")
    page = page_link("organisations:detail")

    def _organisations(self, organisations):
        shown = [o for o in organisations if not o.proposed]
        return OrganisationRefSerializer(shown, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_description(self, organisation):
        return self.context["presentations"]["description"]

    @extend_schema_field(PresentationSerializer(many=True))
    def get_presentations(self, organisation):
        return PresentationSerializer(organisation.presentations.all(), many=True).data

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_parent(self, organisation):
        parent = organisation.parent
        if parent is None or parent.proposed:
            return None
        return OrganisationRefSerializer(parent, context=self.context).data

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_networks(self, organisation):
        return self._organisations(organisation.networks.all())

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_members(self, organisation):
        return self._organisations(organisation.members.all())

    @extend_schema_field(CardRefSerializer(many=True))
    def get_carried_cards(self, organisation):
        cards = self.context["cards"][0]
        return CardRefSerializer(cards, many=True, context=self.context).data

    @extend_schema_field(CardRefSerializer(many=True))
    def get_partner_cards(self, organisation):
        cards = self.context["cards"][1]
        return CardRefSerializer(cards, many=True, context=self.context).data


# -- library resources --------------------------------------------------------------------


@extend_schema_field(serializers.ListField(child=Text()))
class AuthorsField(serializers.Field):
    """The authors as the library credits them: structures, and people whose contact is
    public (the others are left out, not named)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, resource):
        people = [public_name(person) for person in resource.author_people.all()]
        organisations = [o.name for o in resource.author_organisations.all()]
        return [name for name in people if name] + organisations


class ResourceListSerializer(serializers.Serializer):
    """A public resource as the library lists it (`resources.selectors.listed_resources`)."""

    slug = serializers.SlugField()
    title = Text()
    kind = choice(ResourceKind.choices)
    description = Text(help_text="Markdown.")
    year = serializers.IntegerField(allow_null=True)
    collection = NamedSlugSerializer(allow_null=True)
    authors = AuthorsField()
    publisher = OrganisationRefSerializer(allow_null=True)
    availability = choice(Availability.choices)
    file_format = choice(FileFormat.choices)
    file_size = serializers.IntegerField(allow_null=True, help_text="En octets.")
    download = serializers.SerializerMethodField(help_text="L'adresse de son fichier.")
    is_reference = serializers.BooleanField(help_text="Une référence bibliographique seule.")
    fiche = serializers.SerializerMethodField(help_text="Sa fiche structurée, s'il en a une.")
    url = api_link("api:resource")
    page = page_link("resources:resource")

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, resource):
        if not resource.file or resource.availability != Availability.AVAILABLE:
            return None
        path = reverse("resources:download", kwargs={"slug": resource.slug})
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(FicheRefSerializer(allow_null=True))
    def get_fiche(self, resource):
        fiche = getattr(resource, "fiche", None)
        return FicheRefSerializer(fiche, context=self.context).data if fiche else None


class ResourceLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    label = Text()


class ResourceDetailSerializer(ResourceListSerializer):
    part_of = serializers.SerializerMethodField(help_text="Le document qui la contient.")
    part_of_detail = Text()
    where_to_find = Text()
    version_label = Text()
    version_date = serializers.DateField(allow_null=True)
    links = ResourceLinkSerializer(many=True)
    themes = NamedSlugSerializer(many=True)
    working_groups = GroupRefSerializer(many=True)
    citing_cards = serializers.SerializerMethodField(help_text="Les fiches qui la citent.")
    source_of_cards = serializers.SerializerMethodField(
        help_text="Les fiches lues dans ce document."
    )

    @extend_schema_field(ResourceRefSerializer(allow_null=True))
    def get_part_of(self, resource):
        if not is_public_resource(resource.part_of):
            return None
        return ResourceRefSerializer(resource.part_of, context=self.context).data

    @extend_schema_field(CardRefSerializer(many=True))
    def get_citing_cards(self, resource):
        return CardRefSerializer(self.context["cards"][0], many=True, context=self.context).data

    @extend_schema_field(CardRefSerializer(many=True))
    def get_source_of_cards(self, resource):
        return CardRefSerializer(self.context["cards"][1], many=True, context=self.context).data


# -- the manual's fiches -----------------------------------------------------------------


class FicheListSerializer(serializers.Serializer):
    code = Text()
    title = Text(source="resource.title")
    kind = choice(ResourceKind.choices, source="resource.kind")
    part = choice(FichePart.choices)
    section = Text()
    section_title = Text()
    url = api_link("api:fiche", "code")
    page = page_link("resources:fiche", "code")


class FicheBlockSerializer(serializers.Serializer):
    kind = choice(BlockKind.choices)
    heading = Text(help_text="L'intitulé tel que la fiche l'écrit.")
    body = Text(help_text="Markdown.")


class FicheKeyPointSerializer(serializers.Serializer):
    kind = choice(KeyPointKind.choices)
    text = Text()


class FicheLinkSerializer(serializers.Serializer):
    kind = choice(FicheLinkKind.choices)
    fiche = FicheRefSerializer(source="target")


class FicheDetailSerializer(FicheListSerializer):
    description = Text(source="resource.description", help_text="Markdown.")
    resource = ResourceRefSerializer()
    blocks = FicheBlockSerializer(many=True)
    key_points = FicheKeyPointSerializer(many=True)
    links = serializers.SerializerMethodField()
    cited_by = serializers.SerializerMethodField(help_text="Les fiches qui la citent.")
    keywords = serializers.SerializerMethodField()
    experience_card = serializers.SerializerMethodField(help_text="Sa fiche expérience.")

    @extend_schema_field(FicheLinkSerializer(many=True))
    def get_links(self, fiche):
        # The page links its published fiches; the API only those anyone may read.
        shown = [
            link for link in fiche.outgoing_links.all() if is_public_resource(link.target.resource)
        ]
        return FicheLinkSerializer(shown, many=True, context=self.context).data

    @extend_schema_field(FicheRefSerializer(many=True))
    def get_cited_by(self, fiche):
        shown = [f for f in self.context["cited_by"] if is_public_resource(f.resource)]
        return FicheRefSerializer(shown, many=True, context=self.context).data

    @extend_schema_field(serializers.ListField(child=Text()))
    def get_keywords(self, fiche):
        return [entry.keyword.name for entry in fiche.keyword_entries.all()]

    @extend_schema_field(CardRefSerializer(allow_null=True))
    def get_experience_card(self, fiche):
        card = getattr(fiche, "experience_card", None)
        if card is None or card.status != PublicationStatus.PUBLISHED:
            return None
        return CardRefSerializer(card, context=self.context).data


# -- events -----------------------------------------------------------------------------


class EventListSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = Text()
    kind = choice(EventKind.choices)
    summary = Text()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    date_only = serializers.BooleanField(help_text="Un jour sans heure.")
    place = Text()
    online = serializers.SerializerMethodField(help_text="En ligne.")
    region = RegionRefSerializer(allow_null=True)
    is_cancelled = serializers.BooleanField()
    is_over = serializers.BooleanField()
    takes_registrations = serializers.BooleanField()
    capacity = serializers.IntegerField(allow_null=True)
    places_left = serializers.IntegerField(allow_null=True)
    url = api_link("api:event")
    page = page_link("events:detail")

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_online(self, event):
        return bool(event.online_url)


class SpeakerSerializer(serializers.Serializer):
    name = serializers.SerializerMethodField(help_text="Nommé si son contact est public.")
    organisation = OrganisationRefSerializer(allow_null=True)

    @extend_schema_field(Text(allow_null=True))
    def get_name(self, speaker):
        return public_name(speaker.person)


class EventPartSerializer(serializers.Serializer):
    title = Text()
    session = Text()
    starts_at = serializers.TimeField(allow_null=True)
    ends_at = serializers.TimeField(allow_null=True)
    description = Text(help_text="Markdown.")
    speakers = SpeakerSerializer(many=True)
    cards = CardRefSerializer(many=True)
    resources = serializers.SerializerMethodField()

    @extend_schema_field(ResourceRefSerializer(many=True))
    def get_resources(self, part):
        shown = public_resources(part.resources.all())
        return ResourceRefSerializer(shown, many=True, context=self.context).data


class EventDetailSerializer(EventListSerializer):
    description = Text(help_text="Markdown.")
    organiser = OrganisationRefSerializer(allow_null=True)
    working_group = GroupRefSerializer(allow_null=True)
    cancellation_note = Text()
    parts = EventPartSerializer(many=True)
    resources = serializers.SerializerMethodField(help_text="Les documents qu'il a laissés.")

    @extend_schema_field(ResourceRefSerializer(many=True))
    def get_resources(self, event):
        shown = public_resources(event.resources.all())
        return ResourceRefSerializer(shown, many=True, context=self.context).data


# -- territories and vocabularies --------------------------------------------------------


class RegionSerializer(RegionRefSerializer):
    departements = DepartementRefSerializer(many=True)


class DepartementSerializer(DepartementRefSerializer):
    region = RegionRefSerializer()


class ParameterSerializer(serializers.Serializer):
    name = Text(help_text="Le paramètre de la liste.")
    label = Text()
    codes = CodeLabelSerializer(many=True)


class VocabularySerializer(serializers.Serializer):
    list = Text(help_text="La liste de l'API qui prend ces paramètres.")
    parameters = ParameterSerializer(many=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api:vocabulary", lookup_field="list", lookup_url_kwarg="name"
    )


# -- list envelopes ----------------------------------------------------------------------


class FacetOptionSerializer(serializers.Serializer):
    code = Text(source="value")
    label = Text()
    count = serializers.IntegerField(help_text="Les résultats avec les autres filtres.")
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    parameter = Text(source="name")
    label = Text()
    options = FacetOptionSerializer(many=True)


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(
        child=Text(), help_text="Ce que la page de la liste dirait, en français."
    )


def page_of(item: type[serializers.Serializer], name: str, facets: bool = False, **extra):
    """The serializer of a page of a list (for the schema): DRF's pagination keys, the
    facets where the list has some, and the list's `extra` fields."""
    fields = {
        "count": serializers.IntegerField(help_text="Le nombre de résultats."),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": item(many=True),
    }
    if facets:
        fields["facets"] = FacetSerializer(many=True, help_text="Chaque facette, comptée.")
    return type(name, (serializers.Serializer,), fields | extra)
