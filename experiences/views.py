from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from experiences.json_ld import card_json_ld
from experiences.selectors import card_detail, related_cards, search_cards


@require_safe
def experience_list(request):
    search = search_cards(request.GET)
    # htmx asks for the search block alone, to swap it in place.
    template = (
        "experiences/_search.html" if request.headers.get("HX-Request") else "experiences/list.html"
    )
    return render(request, template, {"search": search})


@require_safe
def experience_detail(request, slug):
    card = card_detail(slug)
    if card is None:
        raise Http404("Fiche introuvable")
    show_all_contacts = request.user.has_perm("resources.view_member_resources")
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
            "json_ld": card_json_ld(card, request),
        },
    )
