from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from organisations.forms import AccountRequestForm, PersonalDataRequestForm
from organisations.selectors import organisation_list
from organisations.services import request_account, request_personal_data_change
from vita.db.replica import reads_from_replica
from vita.ratelimits import TOO_MANY, limit_searches, public_form_limited

ACCOUNT_ASKED = (
    "Merci : votre demande de compte est transmise aux animateurs du réseau. Vous recevrez "
    "leur réponse par e-mail."
)
DATA_REQUEST_SENT = (
    "Merci : votre demande est transmise aux animateurs du réseau, qui vous répondront par e-mail."
)


@require_safe
@limit_searches
@reads_from_replica
def organisation_index(request):
    text = request.GET.get("q", "").strip()[:200]
    page = Paginator(organisation_list(text), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page, "q": text})


@require_http_methods(["GET", "HEAD", "POST"])
def account_request(request):
    """« Demander un compte »: stored for the animators, who accept or refuse it."""
    form = AccountRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, ACCOUNT_ASKED)
            return redirect("home")
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        # Only requests that would be stored count against the limit.
        if public_form_limited(request, "account-request", data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                request_account(**data)
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(request, ACCOUNT_ASKED)
                return redirect("home")
    return render(request, "organisations/account_request.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def personal_data_request(request):
    """« Retrait ou anonymisation »: someone named on the site asks to be withdrawn from
    the public pages or anonymised; the animators deal with it in the admin."""
    form = PersonalDataRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    done = redirect("site_page", slug="donnees-personnelles")
    if form.is_bound and form.is_valid():
        if form.is_spam():
            messages.success(request, DATA_REQUEST_SENT)
            return done
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        if public_form_limited(request, "personal-data-request", data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            request_personal_data_change(**data)
            messages.success(request, DATA_REQUEST_SENT)
            return done
    return render(
        request, "organisations/personal_data_request.html", {"form": form}, status=status
    )
