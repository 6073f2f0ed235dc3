"""« Demander un appui » and a request's page, for the structure that sent it: from
« Mon espace » (its account), or by the private link e-mailed to it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from support import services
from support.forms import MessageForm, SupportRequestForm
from support.selectors import follow_page, owned_request, prefill, request_by_link
from vita.ratelimits import TOO_MANY, public_form_limited

ASKED = (
    "Merci : votre demande {reference} est envoyée. Les animateurs du réseau l'étudient et "
    "vous écrivent ; vous la suivez sur cette page."
)
ASKED_BY_LINK = ASKED + " Le lien de cette page vous est aussi envoyé par e-mail."
SENT = "Votre message est envoyé aux animateurs."
NOT_FOUND = "Demande d'appui introuvable"


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    """The request form; a signed-in member's starts from their person and structure."""
    posted = request.POST if request.method == "POST" else None
    form = SupportRequestForm(posted, initial=prefill(request.user))
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, ASKED.format(reference=""))
            return redirect("support:ask")
        # Only requests that would be stored count against the limit.
        if public_form_limited(request, "support-request", form.cleaned_data["contact_email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                asked = services.ask_for_support(form.asked(), user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if request.user.is_authenticated:
                    messages.success(request, ASKED.format(reference=asked.reference))
                    return redirect(asked)
                messages.success(request, ASKED_BY_LINK.format(reference=asked.reference))
                return redirect(asked.get_private_url())
    return render(request, "support/ask.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, reference):
    """A request's page for the account that sent it; anyone else: 404 (an anonymous
    reader logs in first: whether a request exists is nobody else's business)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = owned_request(reference, request.user)
    if found is None:
        raise Http404(NOT_FOUND)
    return _follow(request, found, back=found.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def private(request, reference, token):
    """A request's page by its private link (no account needed): the secret is the key."""
    found = request_by_link(reference, token)
    if found is None:
        raise Http404(NOT_FOUND)
    response = _follow(request, found, back=found.get_private_url())
    response["X-Robots-Tag"] = "noindex"
    return response


def _follow(request, support_request, *, back):
    form = MessageForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():
            messages.success(request, SENT)
            return redirect(back)
        if public_form_limited(request, "support-message"):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            services.write_message(
                support_request,
                form.cleaned_data["text"],
                request.user if request.user.is_authenticated else None,
                from_requester=True,
            )
            messages.success(request, SENT)
            return redirect(back)
    response = render(
        request,
        "support/follow.html",
        {"page": follow_page(support_request), "form": form},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
