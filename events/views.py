"""The pages of the events, under /rencontres/: the list, an event's page with its
registration form, a registration's private page, the iCal file and the feed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import linebreaks
from django.views.decorators.http import require_http_methods, require_safe

from events import selectors, services
from events.forms import RegistrationForm
from events.ical import event_calendar
from events.json_ld import event_json_ld
from events.models import Event
from vita.feeds import SiteFeed
from vita.notifications import site_url
from vita.ratelimits import TOO_MANY, public_form_limited
from workgroups.audiences import audience_line, may_see

REGISTERED = "C'est fait : votre place est réservée. Un e-mail de confirmation vous est envoyé."
WAITING = (
    "L'événement est complet : vous êtes sur la liste d'attente, en position {rank}. Un "
    "e-mail vous le confirme, et un autre vous préviendra si une place se libère."
)
CANCELLED = "Votre inscription est annulée."


@require_safe
def event_list(request):
    found = selectors.event_list(
        request.user,
        kind=request.GET.get("type", "").strip()[:50],
        region_code=request.GET.get("region", "").strip()[:10],
    )
    return render(request, "events/list.html", {"found": found})


def _visible_event(request, slug):
    """The published event of that slug the visitor may see; else a 404, the login page
    (whether a reserved event exists is not an anonymous visitor's) or a 403 in French."""
    event = selectors.event_detail(slug)
    if event is not None and may_see(request.user, event.audience, event.working_group):
        return event, None
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if event is None:
        raise Http404("Événement introuvable")
    raise PermissionDenied(
        f"{audience_line(event.audience, event.working_group)} : votre compte ne donne pas "
        "accès à cet événement."
    )


def _prefill(user) -> dict:
    if not user.is_authenticated:
        return {}
    person = getattr(user, "person", None)
    organisation = person.organisation if person is not None else None
    return {
        "name": person.full_name if person else user.get_full_name(),
        "email": user.email or (person.email if person else ""),
        "organisation_name": organisation.name if organisation else "",
    }


@require_http_methods(["GET", "HEAD", "POST"])
def event_page(request, slug):
    """An event: when, where, for whom, its places, its programme, what it left; the
    registration form while it takes registrations."""
    event, login = _visible_event(request, slug)
    if login is not None:
        return login
    refusal = services.registration_refusal(event, request.user)
    mine = selectors.user_registration(event, request.user)
    posted = request.POST if request.method == "POST" else None
    form = None if refusal or mine else RegistrationForm(posted, initial=_prefill(request.user))
    status = 200
    if request.method == "POST" and form is None:
        status = 400  # sent while it was open, arrived once closed: the page says why
    elif form is not None and form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, REGISTERED)
            return redirect(event)
        if public_form_limited(request, "event-registration", form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            data = form.cleaned_data
            try:
                registration = services.register(
                    event,
                    name=data["name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    note=data["note"],
                    user=request.user,
                )
            except services.RegistrationRefused as error:
                form.add_error(None, error.messages[0])
                status = 400
            else:
                if registration.status == registration.Status.CONFIRMED:
                    messages.success(request, REGISTERED)
                else:
                    rank = services.waiting_rank(registration)
                    messages.success(request, WAITING.format(rank=rank))
                return redirect("events:registration", registration.token)
    elif form is not None and form.is_bound:
        status = 400
    response = render(
        request,
        "events/detail.html",
        {
            "event": event,
            "audience": audience_line(event.audience, event.working_group),
            "json_ld": event_json_ld(event),
            "places_left": selectors.places_left(event),
            "presented_cards": selectors.presented_cards(event),
            "linked_organisations": selectors.public_organisation_ids(event),
            "is_over": event.is_over,
            "refusal": refusal,
            "mine": mine,
            "form": form,
        },
        status=status,
    )
    if event.audience != "public" or request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def registration_page(request, token):
    """A registration's private page, reached by the link of its e-mails (or from « Mon
    espace »): its state, its rank in line, the iCal file, « Annuler mon inscription »."""
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404("Inscription introuvable : le lien est peut-être incomplet.")
    error, status = "", 200
    if request.method == "POST" and request.POST.get("action") == "annuler":
        try:
            services.cancel_registration(registration)
        except services.RegistrationRefused as refused:
            error, status = refused.messages[0], 400
        else:
            messages.success(request, CANCELLED)
            return redirect("events:registration", token)
    elif request.method == "POST":
        error, status = "Cette action n'existe pas.", 400
    registration.refresh_from_db()
    event = registration.event
    response = render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": event,
            "rank": services.waiting_rank(registration),
            "may_cancel": registration.status != registration.Status.CANCELLED
            and not event.is_cancelled
            and event.starts_at > timezone.now(),
            "error": error,
        },
        status=status,
    )
    # The link is its holder's: never kept by a cache. The site's `same-origin` referrer
    # policy keeps it from other sites (`no-referrer` would make the browser send
    # `Origin: null` with the cancel form, which the CSRF check refuses).
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"  # a link that leaked is not indexed
    return response


@require_safe
def event_ical(request, slug):
    """The event as an iCalendar file, for the event's audience."""
    event, login = _visible_event(request, slug)
    if login is not None:
        return login
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    if event.audience != "public":
        patch_cache_control(response, private=True)
    return response


class UpcomingEventsFeed(SiteFeed):
    """The upcoming public events, as an Atom feed (its addresses on SITE_URL)."""

    feed_type = Atom1Feed
    title = "Rencontres et formations du centre de ressources VITA"
    subtitle = "Les prochaines Rencontres nationales, formations, webinaires et réunions ouvertes."
    language = "fr"

    def link(self) -> str:
        return site_url(reverse("events:list"))

    def feed_url(self) -> str:
        return site_url(reverse("events:feed"))

    def items(self):
        return selectors.feed_events()

    def item_title(self, event: Event) -> str:
        when = date_format(timezone.localtime(event.starts_at), "j F Y")
        cancelled = "Annulé — " if event.is_cancelled else ""
        return f"{cancelled}{event.title} ({when})"

    def item_description(self, event: Event) -> str:
        when = date_format(
            timezone.localtime(event.starts_at),
            "l j F Y" if event.date_only else "l j F Y à H\\hi",
        )
        where = event.place or ("En ligne" if event.online_url else "")
        parts = [f"{event.get_kind_display()} — {when}" + (f" — {where}" if where else "")]
        if event.summary:
            parts.append(event.summary)
        return linebreaks("\n\n".join(parts), autoescape=True)

    def item_pubdate(self, event: Event):
        return event.created_at

    def item_updateddate(self, event: Event):
        return event.updated_at


event_feed = UpcomingEventsFeed()
