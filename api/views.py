"""The public read API, /api/v1/: each list calls the selector of its page with the same
query string, so it takes the same parameters and codes and finds the same records in
the same order; each detail calls its page's selector. Views only parse, call and
serialize (api/serializers.py says what is shown).

Every endpoint is anonymous and read-only: a member's session gives nothing more here.
Lists read from the replica like their pages; answers carry an ETag and a Last-Modified
(api/conditional.py); the throttles count like the pages' limits (api/throttling.py)."""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from api import selectors
from api import serializers as s
from api.conditional import conditional_response
from events import selectors as events
from events.models import EventKind
from experiences.filters import CARD_FACETS
from experiences.selectors import (
    SORTS,
    card_detail,
    group_cards,
    organisation_cards,
    search_cards,
)
from organisations.selectors import organisation_detail, organisation_list, presentations
from resources.filters import LIBRARY_FACETS
from resources.models import AccessLevel
from resources.selectors import (
    LIBRARY_SORTS,
    citing_fiches,
    fiche_detail,
    group_productions,
    manual_table_of_contents,
    resource_cards,
    resource_detail,
    search_library,
)
from vita import faceting
from vita.db.replica import reads_from_replica
from workgroups.audiences import Audience
from workgroups.models import WorkingGroupStatus
from workgroups.selectors import group_detail, programmes_with_groups, status_filter

# Page sizes: the faceted lists' are their pages' (20), so a page of the API is a page
# of the site; the others are short lists the site shows whole or by 50.
PAGE_SIZE = 50
TERRITORY_PAGE_SIZE = 200


class PublicEndpoint(APIView):
    """Anonymous and read-only; conditional GET on every answer."""

    authentication_classes = ()
    http_method_names = ["get", "head"]
    # The list whose latest change is the answer's Last-Modified (api.selectors.last_change).
    list_name = ""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200:
            return response
        return conditional_response(request, response, self.last_modified())

    def last_modified(self):
        record = getattr(self, "record", None)
        if record is not None:
            return getattr(record, "updated_at", None)
        return selectors.last_change(self.list_name) if self.list_name else None

    def context(self, **extra):
        return {"request": self.request, **extra}

    def found(self, record, message):
        if record is None:
            raise NotFound(message)
        self.record = record
        return record


class ListEndpoint(PublicEndpoint):
    """A list: its content read from the replica like its page's, the date of its
    latest change (Last-Modified) too."""

    @reads_from_replica
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _refuse(errors: list[str]):
    """The French messages the list's page shows, as a 400: nothing is silently dropped."""
    raise ValidationError({"errors": errors})


def _envelope(request, page, results, **extra) -> dict:
    url = request.build_absolute_uri()
    previous = None
    if page.has_previous():
        number = page.previous_page_number()
        previous = (
            remove_query_param(url, "page")
            if number == 1
            else replace_query_param(url, "page", number)
        )
    return {
        "count": page.paginator.count,
        "next": replace_query_param(url, "page", page.next_page_number())
        if page.has_next()
        else None,
        "previous": previous,
        "results": results,
        **extra,
    }


def _paginated(view, items, serializer, size=PAGE_SIZE, **context):
    page, error = faceting.paginate(items, view.request.query_params.get("page"), size)
    if error:
        _refuse([error])
    data = serializer(page.object_list, many=True, context=view.context(**context)).data
    return Response(_envelope(view.request, page, data))


PAGE = OpenApiParameter("page", int, description="Le numéro de la page (1 par défaut).")
Q = OpenApiParameter("q", str, description="Des mots, cherchés comme sur la page de la liste.")
BAD_CODES = {400: s.ErrorsSerializer}


def _facet_parameters(registry, vocabulary: str, leave_out=()):
    return [
        OpenApiParameter(
            facet.name,
            str,
            many=True,
            explode=True,
            description=f"{facet.label} : un ou plusieurs codes (« ou ») parmi ceux de "
            f"/api/v1/vocabulaires/{vocabulary}/.",
        )
        for facet in registry
        if facet.name not in leave_out
    ]


# -- experience cards -------------------------------------------------------------------

ExperiencePage = s.page_of(
    s.CardListSerializer,
    "ExperiencePage",
    facets=True,
    suggestion=s.Text(
        allow_null=True,
        help_text="Quand les mots tapés ne trouvent rien : les mots proches qui trouvent, "
        "dont les résultats sont donnés.",
    ),
    misspelt=s.Text(help_text="Les mots tapés, quand les résultats sont ceux de `suggestion`."),
)


class ExperienceList(ListEndpoint):
    list_name = "experiences"

    @extend_schema(
        operation_id="experiences_list",
        summary="Les fiches expériences publiées",
        description="Les paramètres, les codes, les résultats et leur ordre sont ceux de "
        "/experiences/ ; `facets` compte chaque option avec les autres filtres.",
        parameters=[
            Q,
            *_facet_parameters(CARD_FACETS, "experiences"),
            OpenApiParameter("debut", int, description="Depuis (année)."),
            OpenApiParameter("fin", int, description="Jusqu'à (année)."),
            OpenApiParameter("tri", str, enum=list(SORTS), description="L'ordre des résultats."),
            PAGE,
        ],
        responses={200: ExperiencePage, **BAD_CODES},
    )
    def get(self, request):
        search = search_cards(request.query_params)
        if search.errors:
            _refuse(search.errors)
        cards = s.CardListSerializer(search.page.object_list, many=True, context=self.context())
        return Response(
            _envelope(
                request,
                search.page,
                cards.data,
                facets=s.FacetSerializer(search.facets, many=True).data,
                suggestion=search.suggestion if search.misspelt else None,
                misspelt=search.misspelt,
            )
        )


class ExperienceDetail(PublicEndpoint):
    @extend_schema(summary="Une fiche expérience publiée", responses=s.CardDetailSerializer)
    def get(self, request, slug):
        card = self.found(card_detail(slug), "Fiche introuvable")
        return Response(s.CardDetailSerializer(card, context=self.context()).data)


# -- working groups ---------------------------------------------------------------------


class GroupList(ListEndpoint):
    list_name = "groupes"

    @extend_schema(
        operation_id="groupes_list",
        summary="Les groupes de travail et ateliers",
        description="Par programme, dans l'ordre de /groupes/, avec les mêmes paramètres.",
        parameters=[
            Q,
            OpenApiParameter("etat", str, enum=WorkingGroupStatus.values, description="État."),
            PAGE,
        ],
        responses={
            200: s.page_of(s.GroupListSerializer, "GroupPage"),
            **BAD_CODES,
        },
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()[:200]
        status, error = status_filter(request.query_params.get("etat", ""))
        if error:
            _refuse([error])
        programmes = programmes_with_groups(text, status)
        groups = [group for programme in programmes for group in programme.working_groups.all()]
        return _paginated(self, groups, s.GroupListSerializer)


class GroupDetail(PublicEndpoint):
    @extend_schema(summary="Un groupe de travail", responses=s.GroupDetailSerializer)
    def get(self, request, code):
        group = self.found(group_detail(code), "Groupe de travail introuvable")
        context = self.context(cards=group_cards(group), productions=group_productions(group))
        return Response(s.GroupDetailSerializer(group, context=context).data)


# -- organisations ----------------------------------------------------------------------


class OrganisationList(ListEndpoint):
    list_name = "structures"

    @extend_schema(
        operation_id="structures_list",
        summary="Les structures",
        description="Par nom, comme /structures/, chacune avec ses fiches publiées.",
        parameters=[Q, PAGE],
        responses={200: s.page_of(s.OrganisationListSerializer, "OrganisationPage"), **BAD_CODES},
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()[:200]
        return _paginated(self, organisation_list(text), s.OrganisationListSerializer)


class OrganisationDetail(PublicEndpoint):
    @extend_schema(summary="Une structure", responses=s.OrganisationDetailSerializer)
    def get(self, request, slug):
        organisation = self.found(organisation_detail(slug), "Structure introuvable")
        context = self.context(
            presentations=presentations(organisation), cards=organisation_cards(organisation)
        )
        return Response(s.OrganisationDetailSerializer(organisation, context=context).data)


# -- library resources --------------------------------------------------------------------

RESERVED_ACCESS = {*AccessLevel.values, *LIBRARY_FACETS.renamed.get("acces", {})} - {
    selectors.PUBLIC_ACCESS
}


class ResourceList(ListEndpoint):
    list_name = "ressources"

    @extend_schema(
        operation_id="ressources_list",
        summary="Les ressources publiques de la bibliothèque",
        description="Les paramètres, les codes, les résultats et leur ordre sont ceux de "
        "/ressources/?acces=public : l'API ne donne que ce que chacun peut lire.",
        parameters=[
            Q,
            *_facet_parameters(LIBRARY_FACETS, "ressources", leave_out={"acces"}),
            OpenApiParameter("tri", str, enum=list(LIBRARY_SORTS), description="L'ordre."),
            PAGE,
        ],
        responses={
            200: s.page_of(s.ResourceListSerializer, "ResourcePage", facets=True),
            **BAD_CODES,
        },
    )
    def get(self, request):
        params = request.query_params.copy()
        reserved = [code for code in params.getlist("acces") if code in RESERVED_ACCESS]
        if reserved:
            _refuse(
                [f"« {code} » : l'API ne donne que les ressources publiques." for code in reserved]
            )
        params.setlist("acces", [selectors.PUBLIC_ACCESS])
        search = search_library(params)
        if search.errors:
            _refuse(search.errors)
        facets = [facet for facet in search.facets if facet.name != "acces"]
        resources = s.ResourceListSerializer(
            search.page.object_list, many=True, context=self.context()
        )
        return Response(
            _envelope(
                request,
                search.page,
                resources.data,
                facets=s.FacetSerializer(facets, many=True).data,
            )
        )


class ResourceDetail(PublicEndpoint):
    @extend_schema(summary="Une ressource publique", responses=s.ResourceDetailSerializer)
    def get(self, request, slug):
        resource = resource_detail(slug)
        if resource is not None and not s.is_public_resource(resource):
            resource = None  # reserved: not the public's, and the API says no more
        self.found(resource, "Ressource introuvable")
        context = self.context(cards=resource_cards(resource))
        return Response(s.ResourceDetailSerializer(resource, context=context).data)


# -- the manual's fiches -----------------------------------------------------------------


class FicheList(ListEndpoint):
    list_name = "manuel"

    @extend_schema(
        operation_id="manuel_list",
        summary="Les fiches du manuel",
        description="Dans l'ordre du manuel, partie par partie, comme /manuel/.",
        parameters=[Q, PAGE],
        responses={200: s.page_of(s.FicheListSerializer, "FichePage"), **BAD_CODES},
    )
    def get(self, request):
        text = request.query_params.get("q", "").strip()[:200]
        fiches = [
            fiche
            for _part, part_fiches in manual_table_of_contents(text)
            for fiche in part_fiches
            if s.is_public_resource(fiche.resource)
        ]
        return _paginated(self, fiches, s.FicheListSerializer)


class FicheDetail(PublicEndpoint):
    @extend_schema(summary="Une fiche du manuel", responses=s.FicheDetailSerializer)
    def get(self, request, code):
        fiche = fiche_detail(code)
        if fiche is not None and not s.is_public_resource(fiche.resource):
            fiche = None
        self.found(fiche, "Fiche introuvable")
        self.record = fiche.resource  # the fiche's changes are its resource's
        context = self.context(cited_by=citing_fiches(fiche))
        return Response(s.FicheDetailSerializer(fiche, context=context).data)


# -- events -----------------------------------------------------------------------------


class EventList(ListEndpoint):
    list_name = "rencontres"

    @extend_schema(
        operation_id="rencontres_list",
        summary="Les rencontres publiques",
        description="À venir (la plus proche d'abord), puis passées (la plus récente "
        "d'abord), comme /rencontres/.",
        parameters=[
            OpenApiParameter("type", str, enum=EventKind.values, description="Type."),
            OpenApiParameter("region", str, description="Code INSEE de la région."),
            PAGE,
        ],
        responses={200: s.page_of(s.EventListSerializer, "EventPage"), **BAD_CODES},
    )
    def get(self, request):
        found = events.event_list(
            AnonymousUser(),
            kind=request.query_params.get("type", "").strip()[:50],
            region_code=request.query_params.get("region", "").strip()[:10],
        )
        if found.errors:
            _refuse(found.errors)
        return _paginated(self, found.upcoming + found.past, s.EventListSerializer, size=20)


class EventDetail(PublicEndpoint):
    @extend_schema(summary="Une rencontre publique", responses=s.EventDetailSerializer)
    def get(self, request, slug):
        event = events.event_detail(slug)
        if event is not None and event.audience != Audience.PUBLIC:
            event = None  # reserved to an audience: not the public's
        event = self.found(event, "Événement introuvable")
        return Response(s.EventDetailSerializer(event, context=self.context()).data)


# -- territories and vocabularies --------------------------------------------------------


class RegionList(ListEndpoint):
    @extend_schema(
        operation_id="regions_list",
        summary="Les régions",
        description="Par code INSEE, avec leurs départements.",
        parameters=[PAGE],
        responses={200: s.page_of(s.RegionSerializer, "RegionPage"), **BAD_CODES},
    )
    def get(self, request):
        return _paginated(self, selectors.regions(), s.RegionSerializer, TERRITORY_PAGE_SIZE)


class RegionDetail(PublicEndpoint):
    @extend_schema(summary="Une région", responses=s.RegionSerializer)
    def get(self, request, code):
        region = self.found(selectors.region(code), "Région introuvable")
        return Response(s.RegionSerializer(region, context=self.context()).data)


class DepartementList(ListEndpoint):
    @extend_schema(
        operation_id="departements_list",
        summary="Les départements",
        description="Par code INSEE, chacun avec sa région.",
        parameters=[PAGE],
        responses={200: s.page_of(s.DepartementSerializer, "DepartementPage"), **BAD_CODES},
    )
    def get(self, request):
        return _paginated(
            self, selectors.departements(), s.DepartementSerializer, TERRITORY_PAGE_SIZE
        )


class DepartementDetail(PublicEndpoint):
    @extend_schema(summary="Un département", responses=s.DepartementSerializer)
    def get(self, request, code):
        departement = self.found(selectors.departement(code), "Département introuvable")
        return Response(s.DepartementSerializer(departement, context=self.context()).data)


class VocabularyList(ListEndpoint):
    @extend_schema(
        operation_id="vocabulaires_list",
        summary="Les vocabulaires des listes",
        description="Pour chaque liste, ses paramètres et les codes qu'ils prennent, avec "
        "leurs libellés.",
        parameters=[PAGE],
        responses={200: s.page_of(s.VocabularySerializer, "VocabularyPage"), **BAD_CODES},
    )
    def get(self, request):
        return _paginated(self, selectors.vocabularies(), s.VocabularySerializer)


class VocabularyDetail(PublicEndpoint):
    @extend_schema(summary="Le vocabulaire d'une liste", responses=s.VocabularySerializer)
    def get(self, request, name):
        vocabulary = self.found(selectors.vocabulary(name), "Vocabulaire introuvable")
        return Response(s.VocabularySerializer(vocabulary, context=self.context()).data)


class Index(PublicEndpoint):
    @extend_schema(
        tags=["index"],
        summary="Les listes de l'API",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        names = {
            "experiences": "api:experiences",
            "groupes": "api:groups",
            "structures": "api:organisations",
            "ressources": "api:resources",
            "manuel": "api:fiches",
            "rencontres": "api:events",
            "regions": "api:regions",
            "departements": "api:departements",
            "vocabulaires": "api:vocabularies",
            "schema": "api:schema",
            "documentation": "api:docs",
        }
        return Response(
            {word: request.build_absolute_uri(reverse(name)) for word, name in names.items()}
        )


# -- the documentation -------------------------------------------------------------------


@require_safe
def docs(request):
    """The API's documentation: Swagger UI (drf-spectacular-sidecar's files, served by the
    project) over the schema, in the site's page."""
    return render(request, "api/docs.html")


@require_safe
def api_root(request):
    """/api/ itself: the documentation of the current version."""
    return redirect("api:docs")
