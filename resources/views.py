from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from resources.selectors import (
    citing_fiches,
    fiche_detail,
    keyword_index,
    links_by_kind,
    manual_table_of_contents,
)


@require_safe
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
        {"fiche": fiche, "links": links_by_kind(fiche), "cited_by": citing_fiches(fiche)},
    )


@require_safe
def keywords(request):
    return render(request, "resources/keywords.html", {"keywords": keyword_index()})
