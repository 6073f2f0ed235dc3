"""The site's own pages: home, the site-wide search, the look-ups, « Mon espace », the
footer's pages. They compose the domain apps' reads."""

from datetime import UTC, datetime, time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from events.selectors import next_public_events, registrations_of
from experiences.selectors import group_cards, organisation_cards
from organisations.models import Organisation
from organisations.selectors import organisation_detail, presentations
from portal import findable, personal_data, services
from portal.forms import DeleteAccountForm
from portal.lookups import lookup, too_short
from portal.models import SitePage
from portal.my_data import SECTIONS, my_data_json
from portal.selectors import (
    france_map,
    key_figures,
    latest_cards,
    member_space,
    regions_with_counts,
    site_search,
)
from resources.selectors import group_documents, group_productions, productions_in_progress
from support.selectors import requests_of
from vita.db.replica import reads_from_replica
from vita.history import redirect_to_current_slug
from vita.ratelimits import limit_lookups, limit_searches
from vita.subscriptions.selectors import live_subscriptions
from workgroups.audiences import Audience, audience_line, may_see
from workgroups.selectors import (
    group_detail,
    group_members,
    meetings_for,
    member_structures,
    memberships_of,
    open_calls,
    programmes_with_groups,
    user_membership,
)


@require_safe
@reads_from_replica
def home(request):
    view_box, map_regions = france_map()
    return render(
        request,
        "home.html",
        {
            "programmes": programmes_with_groups(),
            "map_view_box": view_box,
            "map_regions": map_regions,
            "regions": regions_with_counts(),
            "latest_cards": latest_cards(),
            "figures": key_figures(),
            "open_calls": open_calls(),
            "next_events": next_public_events(),
        },
    )


@require_safe
@limit_searches
@reads_from_replica
def search(request):
    found = site_search(request.GET.get("q", "").strip()[:200])
    return render(
        request,
        "search.html",
        {"q": found.text, "groups": found.groups, "total": found.total, "misspelt": found.misspelt},
    )


LOOKUP_KINDS = {"structure", "territoire", "personne"}
NOTHING_FOUND = {
    "structure": "Aucune structure ne correspond à « {} ».",
    "territoire": "Aucun territoire ne correspond à « {} » : essayez une commune, un "
    "département ou une région.",
    "personne": "Aucune personne ne correspond à « {} ».",
}


@require_safe
@limit_lookups
def name_lookup(request):
    """JSON for autocompletes: ?type=structure|territoire|personne&q=…"""
    kind = request.GET.get("type", "")
    if kind not in LOOKUP_KINDS:
        return JsonResponse({"erreur": "Type de recherche inconnu."}, status=400)
    text = request.GET.get("q", "")[:100]
    try:
        results = lookup(kind, text, may_see_people=may_see(request.user, Audience.NETWORK))
    except PermissionError:
        return JsonResponse({"erreur": "Réservé aux adhérents."}, status=403)
    # Nothing said while too little is typed (the field was just cleared).
    message = "" if results or too_short(text) else NOTHING_FOUND[kind].format(text.strip())
    if request.headers.get("HX-Request"):
        # The autocomplete of the filters: links to the filtered list.
        return render(request, "_lookup_results.html", {"results": results, "message": message})
    return JsonResponse({"resultats": results} | ({"message": message} if message else {}))


@login_required
@require_safe
def my_space(request):
    """« Mon espace »: who the member is for the network, what they proposed or wrote and
    where it stands, their groups, registrations and subscriptions, and their rights on
    their data."""
    upcoming_registrations, past_registrations = registrations_of(request.user)
    return render(
        request,
        "my_space.html",
        member_space(request.user)
        | {
            "data_sections": [label for _, label, _ in SECTIONS],
            "group_memberships": memberships_of(request.user),
            "subscriptions": live_subscriptions(request.user),
            "support_requests": requests_of(request.user),
            "upcoming_registrations": upcoming_registrations,
            "past_registrations": past_registrations,
        },
    )


@login_required
@require_safe
def my_data_download(request):
    """« Télécharger mes données »: a JSON file of what the site keeps about the member."""
    response = HttpResponse(
        my_data_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-vita.json"'
    response["Cache-Control"] = "private, no-store"
    return response


ACCOUNT_DELETED = "Votre compte est supprimé, avec les données qu'il avait apportées."


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """« Supprimer mon compte »: confirmed with the password, then done and logged out."""
    if request.user.is_staff or request.user.is_superuser:
        # The team's accounts are the superusers' to close, in the admin.
        return render(request, "delete_account.html", {"form": None})
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, ACCOUNT_DELETED)
        return redirect("home")
    return render(
        request,
        "delete_account.html",
        {
            "form": form,
            "subscriptions": live_subscriptions(request.user),
            "registrations": [
                registration
                for registration in registrations_of(request.user)[0]
                if registration.status != registration.Status.CANCELLED
            ],
        },
    )


# -- for search engines -------------------------------------------------------------------

# Crawlers come back daily at most; the lists change when the animators publish.
ROBOTS_MAX_AGE = 24 * 3600
SITEMAP_MAX_AGE = 3600


@require_safe
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
def robots_txt(request):
    return HttpResponse(findable.robots_txt(), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
@reads_from_replica
def sitemap(request):
    """/sitemap.xml: the index of the sections' pages (`portal.findable.SITEMAPS`)."""
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": findable.sitemap_index()},
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex"},
    )


@require_safe
@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
@reads_from_replica
def sitemap_section(request, section):
    """/sitemap-<section>.xml?p=N: up to 50,000 addresses of one kind of page; 304 to a
    crawler whose copy is current, by its ETag only: the latest `lastmod` stays put when a
    record dated earlier joins (a card read from an older document), so a 304 by date
    (If-Modified-Since) would hide it. Last-Modified is given for information."""
    found = findable.section_page(section, request.GET.get("p", 1))
    if found is None:
        raise Http404("Pas de telle page du plan du site")
    xml, last_modified = found
    response = HttpResponse(xml, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex"
    if last_modified is not None:
        response["Last-Modified"] = http_date(
            datetime.combine(last_modified, time.min, tzinfo=UTC).timestamp()
        )
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


@require_safe
def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    # « Données personnelles » lists under its text what each form keeps (from the code).
    forms = personal_data.FORMS if slug == "donnees-personnelles" else ()
    return render(request, "site_page.html", {"page": page, "personal_data_forms": forms})


# -- pages that show a domain's record with what the apps above it hold ------------------


@require_safe
def organisation_page(request, slug):
    """A structure, with the cards it carries or is a partner of."""
    organisation = organisation_detail(slug)
    if organisation is None:
        return redirect_to_current_slug(
            Organisation, slug, "organisations:detail", "Structure introuvable"
        )
    carried, partnered = organisation_cards(organisation)
    # A structure's address is public; its phone and e-mail, as a person's, are the
    # network's members' (they may be someone's own).
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "presentations": presentations(organisation),
            "shows_phone_and_email": may_see(request.user, Audience.NETWORK),
            "carried_cards": carried,
            "partner_cards": partnered,
        },
    )


@require_safe
def group_page(request, code):
    """A working group, with its cards and its productions in the library; its member
    structures for everyone, its people and how to reach them for its members."""
    group = group_detail(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    sees_members = may_see(request.user, Audience.GROUP, group)
    return render(
        request,
        "workgroups/detail.html",
        {
            "group": group,
            "cards": group_cards(group),
            "productions": group_productions(group),
            "open_calls": open_calls(group),
            "member_structures": member_structures(group),
            "members": group_members(group) if sees_members else None,
            "members_audience": audience_line(Audience.GROUP, group),
            "may_enter_space": sees_members,
            "membership": user_membership(group, request.user),
            "calendar": meetings_for(group, request.user),
        },
    )


@require_safe
def group_space(request, code):
    """A group's members' space: its calendar, the documents shared with it only, its
    productions in progress. Its members' and the animators' (workgroups.audiences)."""
    group = group_detail(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    if not may_see(request.user, Audience.GROUP, group):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(
            f"L'espace du groupe {group.code} est réservé aux membres du groupe et aux "
            "animateurs. Vous pouvez demander à rejoindre le groupe depuis sa page."
        )
    response = render(
        request,
        "workgroups/space.html",
        {
            "group": group,
            "audience": audience_line(Audience.GROUP, group),
            "calendar": meetings_for(group, request.user),
            "documents": group_documents(group),
            "in_progress": productions_in_progress(group),
            "members": group_members(group),
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
