import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from resources import access, mailings, services
from resources.feeds import ResourceFeed
from resources.filters import LIBRARY_FACETS
from resources.forms import DocumentRequestForm
from resources.json_ld import resource_json_ld
from resources.models import AccessLevel, Availability, Resource
from resources.selectors import (
    citing_fiches,
    collection_page,
    downloadable_resource,
    fiche_detail,
    keyword_index,
    links_by_kind,
    manual_table_of_contents,
    published_fiche,
    published_fiche_codes,
    resource_cards,
    resource_detail,
    search_library,
)
from vita.db.replica import reads_from_replica
from vita.faceting import redirects_to_canonical_address
from vita.files import CONTENT_TYPES, FileFormat, download_name, signed_download_url
from vita.files import file_format as file_format_of
from vita.history import redirect_to_current_slug
from vita.models import PublicationStatus
from vita.ratelimits import TOO_MANY, limit_downloads, limit_searches, public_form_limited
from vita.reviews.views import report_page

logger = logging.getLogger(__name__)


@require_safe
@limit_searches
@reads_from_replica
def manual(request):
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request, "resources/manual.html", {"parts": manual_table_of_contents(text), "q": text}
    )


@require_safe
def fiche(request, code):
    fiche = fiche_detail(code)
    if fiche is None:
        raise Http404("Fiche introuvable")
    return render(
        request,
        "resources/fiche.html",
        {
            "fiche": fiche,
            "links": links_by_kind(fiche),
            "cited_by": citing_fiches(fiche),
            "manual_codes": published_fiche_codes(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_fiche(request, code):
    """« Signaler une erreur » on a published fiche of the manual."""
    fiche = published_fiche(code)
    if fiche is None:
        raise Http404("Fiche introuvable")
    title = f"Fiche {fiche.code} — {fiche.resource.title}"
    return report_page(request, fiche, title=title, kind="la fiche du manuel")


@require_safe
@reads_from_replica
def keywords(request):
    return render(request, "resources/keywords.html", {"keywords": keyword_index()})


@require_safe
@vary_on_headers("HX-Request")  # the same URL answers a page or its search block
@redirects_to_canonical_address(LIBRARY_FACETS)
@limit_searches
@reads_from_replica
def library(request):
    search = search_library(request.GET)
    # htmx asks for the search block alone, to swap it in place.
    template = (
        "resources/_library_search.html"
        if request.headers.get("HX-Request")
        else ("resources/library.html")
    )
    return render(request, template, {"search": search})


# The feed of any library search: rate-limited and read from the replica like the list.
resource_feed = require_safe(limit_searches(reads_from_replica(ResourceFeed())))


@require_safe
@reads_from_replica
def collection(request, slug):
    """A collection of the library: its resources in order, each with the cards citing it."""
    page = collection_page(slug)
    if page is None:
        raise Http404("Collection introuvable")
    return render(
        request,
        "resources/collection.html",
        {"page": page, "topic": mailings.topic_of(page.collection)},
    )


@require_safe
def resource(request, slug):
    resource = resource_detail(slug)
    if resource is None:
        return redirect_to_current_slug(
            Resource, slug, "resources:resource", "Ressource introuvable"
        )
    refusal = _group_document_refused(request, resource)
    if refusal:
        return refusal
    return _resource_page(request, resource, DocumentRequestForm())


def _group_document_refused(request, resource):
    """A group's document is read by its groups' members alone, page and file: others
    get the login page, or a 403 that says whose it is; None when the reader may read."""
    if resource.access_level != AccessLevel.GROUP or access.may_read(request.user, resource):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(f"{access.audience_line(resource)} : votre compte n'y donne pas accès.")


@require_safe
def resource_preview(request, slug):
    """The page of a resource not yet published, for its author and the animators, and
    for the members of the groups it is a production of."""
    resource = resource_detail(slug, published_only=False)
    if resource is None or not access.may_preview(request.user, resource):
        raise Http404("Ressource introuvable")
    response = _resource_page(request, resource, DocumentRequestForm(), preview=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _resource_page(request, resource, request_form, status=200, preview=False):
    citing_cards, sourced_cards = resource_cards(resource)
    return render(
        request,
        "resources/resource.html",
        {
            "resource": resource,
            "citing_cards": citing_cards,
            "sourced_cards": sourced_cards,
            "cited_by": citing_fiches(resource.fiche) if hasattr(resource, "fiche") else [],
            "may_download": access.may_read(request.user, resource),
            "audience": access.audience_line(resource),
            "json_ld": resource_json_ld(resource),
            "request_form": request_form,
            "preview": preview,
        },
        status=status,
    )


@require_POST
def request_document(request, slug):
    """« Demander ce document »: the animators get the request by e-mail."""
    resource = resource_detail(slug)
    if resource is None or resource.availability != Availability.ON_REQUEST:
        raise Http404("Ressource introuvable")
    refusal = _group_document_refused(request, resource)
    if refusal:
        return refusal
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        return _resource_page(request, resource, form)
    if not form.is_spam():
        # Only requests that would be sent count against the limit.
        if public_form_limited(request, "document-request", form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY)
            return _resource_page(request, resource, form, status=429)
        services.request_document(resource, form.cleaned_data, request.build_absolute_uri())
    messages.success(request, "Votre demande est envoyée : un animateur vous répondra par e-mail.")
    return redirect(f"{reverse('resources:resource', args=[resource.slug])}#document")


@require_safe
@limit_downloads
def download(request, slug):
    """The file of a resource, for whoever may read it; each download is counted."""
    resource = downloadable_resource(slug)
    if resource is None:
        # A production not yet out, for those who read its preview.
        resource = downloadable_resource(slug, published_only=False)
        if resource is None or not access.may_preview(request.user, resource):
            raise Http404("Document introuvable")
        if not access.may_download_preview(request.user, resource):
            raise PermissionDenied("Votre compte ne donne pas accès à ce document.")
    elif not access.may_read(request.user, resource):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Votre compte ne donne pas accès à ce document.")
    stored_format = resource.file_format or file_format_of(resource.file.name)
    if not stored_format or not resource.file.storage.exists(resource.file.name):
        logger.error("The file of resource %s is missing: %s", resource.slug, resource.file.name)
        raise Http404("Le fichier de ce document est introuvable.")
    if request.method == "GET":
        services.record_download(resource)
    file_format = FileFormat(stored_format)
    filename = download_name(resource.title, file_format)
    content_type = CONTENT_TYPES[file_format]
    private = (
        resource.access_level != AccessLevel.PUBLIC
        or resource.status != PublicationStatus.PUBLISHED
    )
    signed_url = signed_download_url(
        resource.file, filename, content_type, private=private, method=request.method
    )
    if signed_url:
        # Object storage: the browser fetches the file from the bucket, by an address
        # made for this reader that soon expires (never to be cached or shared).
        response = redirect(signed_url)
        patch_cache_control(response, private=True, no_store=True)
        return response
    response = FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        # A shared cache must not hand a reserved file to the next reader.
        patch_cache_control(response, private=True, no_store=True)
    return response
