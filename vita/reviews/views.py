"""« Signaler une erreur »: the page each reviewable public page links to. The apps' own
views find the published record by its slug or code and hand it here."""

from django.contrib import messages
from django.shortcuts import redirect, render

from vita.ratelimits import TOO_MANY, public_form_limited
from vita.reviews.forms import ErrorReportForm
from vita.reviews.services import report_error

THANKS = (
    "Merci : votre signalement est transmis aux animateurs du réseau, qui vérifieront cette page."
)


def report_page(request, record, *, title: str, kind: str):
    """The form (GET), or a report (POST): stored for the animators, then back to the
    record's page with a confirmation. `title` names the record, `kind` says what it is
    (« la fiche expérience »)."""
    record_url = record.get_absolute_url()
    form = ErrorReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, THANKS)
            return redirect(record_url)
        data = form.cleaned_data
        # Only reports that would be stored count against the limit.
        if public_form_limited(request, "error-report", data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            report_error(record, what=data["what"], where=data["where"], email=data["email"])
            messages.success(request, THANKS)
            return redirect(record_url)
    return render(
        request,
        "report_error.html",
        {"form": form, "title": title, "kind": kind, "record_url": record_url},
        status=status,
    )
