from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from experiences import alerts, card_template, exports
from experiences.feeds import CardFeed, feed_path
from experiences.filters import CARD_FACETS
from experiences.forms import AlertForm
from experiences.json_ld import card_json_ld
from experiences.models import ExperienceCard, SubmissionSource
from experiences.selectors import (
    card_detail,
    card_selection,
    published_card,
    related_cards,
    search_cards,
)
from experiences.services import propose_cards
from vita import pdf, workflow
from vita.db.replica import reads_from_replica
from vita.faceting import redirects_to_canonical_address
from vita.files import CONTENT_TYPES, FileFormat
from vita.history import redirect_to_current_slug
from vita.models import Subscription
from vita.notifications import site_url
from vita.ratelimits import (
    TOO_MANY,
    limit_downloads,
    limit_exports,
    limit_searches,
    public_form_limited,
)
from vita.reviews.views import report_page
from workgroups.audiences import Audience, may_see


@require_safe
@vary_on_headers("HX-Request")  # the same URL answers a page or its search block
@redirects_to_canonical_address(CARD_FACETS)
@limit_searches
@reads_from_replica
def experience_list(request):
    search = search_cards(request.GET)
    # htmx asks for the search block alone, to swap it in place.
    template = (
        "experiences/_search.html" if request.headers.get("HX-Request") else "experiences/list.html"
    )
    return render(request, template, {"search": search})


# The feed of any search: rate-limited and read from the replica like the list itself.
card_feed = require_safe(limit_searches(reads_from_replica(CardFeed())))

# The same words whether the address was known, subscribed or new (vita.subscriptions).
ALERT_ASKED = (
    "Si cette adresse peut recevoir l'alerte, un e-mail vient d'y être envoyé : suivez son "
    "lien pour la confirmer (il est valable 7 jours)."
)
# Longer than a stored alert can hold (vita.models.Subscription.parameters).
ALERT_TOO_LONG = "Cette recherche est trop longue pour une alerte : retirez quelques filtres."


@require_http_methods(["GET", "HEAD", "POST"])
def alert(request):
    """« M'alerter des nouvelles fiches » for the search of the address' query string: a
    page with the form (GET, or a refused POST), the subscription asked (POST)."""
    selection = card_selection(request.GET)
    errors = list(selection.errors)
    if len(selection.query_string) > Subscription._meta.get_field("parameters").max_length:
        errors.append(ALERT_TOO_LONG)
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = AlertForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 400 if errors else 200
    if form.is_bound and not errors and form.is_valid():
        list_url = alerts.search_path(selection.query_string)
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, ALERT_ASKED)
            return redirect(list_url)
        email = form.cleaned_data["email"]
        if public_form_limited(request, "subscribe", email):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            user = request.user if request.user.is_authenticated else None
            if user is not None and email.lower() != user.email.lower():
                user = None  # another address than the account's: not the account's
            alerts.subscribe(email, selection, form.cleaned_data["frequence"], user=user)
            messages.success(request, ALERT_ASKED)
            return redirect(list_url)
    return render(
        request,
        "experiences/alert.html",
        {
            "form": form,
            "selection": selection,
            "errors": errors,
            "feed_url": feed_path(selection),
            "list_url": alerts.search_path(selection.query_string),
        },
        status=status,
    )


def _export(file_format: FileFormat):
    """An export of the list at the same query string (`experiences.exports`): a page
    saying why when its parameters are wrong or it holds too many cards, nothing made."""

    def decorator(make):
        @require_safe
        @limit_exports
        @reads_from_replica
        @wraps(make)
        def view(request):
            list_url = reverse("experiences:list") + (
                f"?{request.GET.urlencode()}" if request.GET else ""
            )
            try:
                chosen = exports.selection(request.GET, dossier=file_format == FileFormat.PDF)
                # Cards' addresses on the portal's public address, never the request's host.
                content = make(chosen, site_url(""))
            except exports.SelectionRefused as refused:
                return _export_refused(request, refused.messages, list_url, status=400)
            except pdf.PdfUnavailable:
                message = f"{pdf.UNAVAILABLE} : téléchargez la sélection en CSV ou en XLSX."
                return _export_refused(request, [message], list_url, status=503)
            response_class = HttpResponse if isinstance(content, bytes) else StreamingHttpResponse
            response = response_class(content, content_type=CONTENT_TYPES[file_format])
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=chosen.filename(file_format.value)
            )
            response["X-Content-Type-Options"] = "nosniff"
            response["X-Robots-Tag"] = "noindex"
            return response

        return view

    return decorator


def _export_refused(request, reasons, list_url, status):
    return render(
        request,
        "experiences/export_refused.html",
        {"reasons": reasons, "list_url": list_url},
        status=status,
    )


@_export(FileFormat.CSV)
def export_csv(chosen, site_url):
    return exports.csv_lines(chosen, site_url)  # streamed


@_export(FileFormat.XLSX)
def export_xlsx(chosen, site_url):
    return exports.xlsx_bytes(chosen, site_url)


@_export(FileFormat.PDF)
def export_pdf(chosen, site_url):
    return exports.dossier_pdf(chosen, site_url)


@require_safe
def experience_detail(request, slug):
    card = card_detail(slug)
    if card is None:
        return redirect_to_current_slug(
            ExperienceCard, slug, "experiences:detail", "Fiche introuvable"
        )
    return _card_page(request, card)


@require_safe
def experience_preview(request, slug):
    """The page of a card not yet published, for its author and the animators."""
    card = card_detail(slug, published_only=False)
    if card is None or not workflow.may_preview(request.user, card):
        raise Http404("Fiche introuvable")
    response = _card_page(request, card, preview=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, slug):
    """« Signaler une erreur » on a published card."""
    card = published_card(slug)
    if card is None:
        raise Http404("Fiche introuvable")
    return report_page(request, card, title=card.title, kind="la fiche expérience")


def _card_page(request, card, preview=False):
    show_all_contacts = may_see(request.user, Audience.NETWORK)
    contacts = [c for c in card.contacts.all() if show_all_contacts or c.person.contact_is_public]
    return render(
        request,
        "experiences/detail.html",
        {
            "card": card,
            "contacts": contacts,
            "hidden_contacts": len(card.contacts.all()) - len(contacts),
            "freins": [p for p in card.points.all() if p.kind == "frein"],
            "leviers": [p for p in card.points.all() if p.kind == "levier"],
            "related": related_cards(card),
            "json_ld": card_json_ld(card),
            "preview": preview,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    """« Proposer une expérience »: the web form, or a filled DOCX or XLSX template. Valid
    proposals become cards in review; otherwise every problem is listed, nothing is written."""
    fields = card_template.template_fields()
    posted = request.POST if request.method == "POST" else None
    # The button says which part was sent; Enter in a field sends no button: a chosen file
    # says it then.
    uploading = request.POST.get("mode") == "fichier" or "fichier" in request.FILES
    mode = "fichier" if uploading else "formulaire"
    submitter = card_template.SubmitterForm(posted)
    card_form = card_template.proposal_form_class(fields)(posted if mode == "formulaire" else None)
    file_errors, status = [], 200
    if posted is not None:
        if submitter.is_valid() and submitter.is_spam():
            return redirect("experiences:proposed")  # a robot: thanked, nothing written
        if mode == "fichier":
            source, proposals, file_errors = _proposals_of_file(
                request.FILES.get("fichier"), fields
            )
        else:
            source = SubmissionSource.FORM
            proposals = [card_form.cleaned_data] if card_form.is_valid() else []
        if submitter.is_valid() and proposals:
            # Only proposals that would be written count against the limit.
            email = submitter.cleaned_data["contact_email"]
            if public_form_limited(request, "card-proposal", email):
                file_errors, status = [TOO_MANY], 429
            else:
                propose_cards(proposals, submitter.cleaned_data, source, request.user)
                return redirect("experiences:proposed")
    return render(
        request,
        "experiences/propose.html",
        {
            "submitter": submitter,
            "card_form": card_form,
            "mode": mode,
            "file_errors": file_errors,
            "max_rows": card_template.MAX_ROWS,
        },
        status=status,
    )


def _proposals_of_file(upload, fields):
    if upload is None:
        return "", [], ["Choisissez le fichier à déposer."]
    try:
        return card_template.read_proposals(upload, fields)
    except ValidationError as error:
        return "", [], error.messages


@require_safe
def proposed(request):
    return render(request, "experiences/proposed.html")


@require_safe
@limit_downloads
def card_template_docx(request):
    return _attachment(card_template.build_docx(), FileFormat.DOCX)


@require_safe
@limit_downloads
def card_template_xlsx(request):
    return _attachment(card_template.build_xlsx(), FileFormat.XLSX)


def _attachment(content: bytes, file_format: FileFormat) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"Modèle de fiche expérience.{file_format.value}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
