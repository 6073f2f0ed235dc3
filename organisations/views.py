from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.selectors import organisation_detail


@require_safe
def detail(request, slug):
    organisation = organisation_detail(slug)
    if organisation is None:
        raise Http404("Structure introuvable")
    return render(request, "organisations/detail.html", {"organisation": organisation})
