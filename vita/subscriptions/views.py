"""The public pages of subscriptions: « S'abonner », the confirmation link, the unsubscribe
link (and its one-click POST), and « Me désabonner de tout » from « Mon espace »."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from vita.ratelimits import TOO_MANY, public_form_limited
from vita.subscriptions import services
from vita.subscriptions.forms import SubscribeForm
from vita.subscriptions.topics import get_topic, listed_topics

# The same words whether the address was known, subscribed, pending or new: the page
# reveals nothing of who subscribes.
ASKED = (
    "Si cette adresse peut être abonnée, un e-mail vient d'y être envoyé : suivez son lien "
    "pour confirmer l'abonnement (il est valable {days} jours)."
)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """« S'abonner »: an address and a topic; a confirmation link is e-mailed."""
    listed = listed_topics()
    asked = request.GET.get("sujet")
    initial = {"topic": asked} if asked in {topic.code for topic in listed} else {}
    if request.user.is_authenticated and request.user.email:
        initial["email"] = request.user.email
    form = SubscribeForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    done = ASKED.format(days=services.CONFIRMATION_DAYS)
    if form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, done)
            return redirect("subscriptions:subscribe")
        data = form.cleaned_data
        if public_form_limited(request, "subscribe", data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            user = request.user if request.user.is_authenticated else None
            if user is not None and data["email"].lower() != user.email.lower():
                user = None  # another address than the account's: not the account's
            services.subscribe(data["email"], data["topic"], user=user)
            messages.success(request, done)
            return redirect("subscriptions:subscribe")
    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "topics": listed},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link of the confirmation e-mail: a page with a button, whose POST confirms (a
    mail filter that opens links subscribes nobody)."""
    if request.method == "POST":
        outcome, subscription = services.confirm(token)
    else:
        outcome, subscription = services.for_confirmation(token)
    if subscription is None:  # expired or unknown: a French page (400), nothing written
        return render(
            request, "subscriptions/invalid_link.html", {"kind": outcome.value}, status=400
        )
    return render(
        request,
        "subscriptions/confirm.html",
        _described(subscription)
        | {
            "outcome": outcome.value if outcome else "",
            "token": token,
            "days": services.CONFIRMATION_DAYS,
        },
    )


# Exempt from CSRF, this view only: RFC 8058's one-click unsubscribe is a POST that the
# reader's mail client sends by itself, from no page of ours, so it cannot carry a CSRF
# token. Nothing is at stake that CSRF protects: the unguessable token in the address is
# the authority, and the only effect is to stop mailings to that address (idempotent).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link of each mailing: a page with a button (GET), the unsubscription (POST,
    the button's or a mail client's one-click)."""
    if request.method == "POST":
        outcome, subscription = services.unsubscribe(token)
    else:
        subscription = services.find_by_unsubscribe_token(token)
        outcome = None
    if subscription is None:
        return render(request, "subscriptions/invalid_link.html", {"kind": "unsubscribe"},
                      status=400)  # fmt: skip
    return render(
        request,
        "subscriptions/unsubscribe.html",
        _described(subscription) | {"outcome": outcome.value if outcome else "", "token": token},
    )


def _described(subscription) -> dict:
    """What the pages of a subscription say of it: its name, and a search alert's search."""
    return {
        "subscription": subscription,
        "topic": get_topic(subscription.topic),
        "name": services.subscription_name(subscription),
        "link": services.subscription_link(subscription),
    }


@login_required
@require_POST
def unsubscribe_all(request):
    """« Me désabonner de tout », from « Mon espace »."""
    count = services.unsubscribe_all(request.user)
    if count:
        messages.success(
            request, "Vous êtes désabonné de tout : plus aucun envoi ne vous sera fait."
        )
    else:
        messages.info(request, "Vous n'aviez aucun abonnement en cours.")
    return redirect("my_space")
