"""Reads of organisations for the public pages."""

from django.db.models import Prefetch

from experiences.selectors import published_cards
from organisations.models import Organisation


def organisation_detail(slug: str) -> Organisation | None:
    cards = published_cards().select_related("region").order_by("title")
    return (
        Organisation.objects.select_related("departement", "departement__region", "parent")
        .prefetch_related(
            "networks",
            Prefetch("members", queryset=Organisation.objects.order_by("name")),
            Prefetch("carried_cards", queryset=cards, to_attr="published_carried_cards"),
            Prefetch("partner_cards", queryset=cards, to_attr="published_partner_cards"),
        )
        .filter(slug=slug)
        .first()
    )
