"""Reads of organisations for the public pages."""

from django.db.models import Count, Prefetch, Q

from organisations.models import AccountRequest, Organisation, Person, Presentation
from vita.models import PublicationStatus
from vita.search import matching_names, search_query
from vita.sorting import FrenchSortKey


def organisation_detail(slug: str) -> Organisation | None:
    """A public structure with its networks, presentations and members (its cards are
    the experiences app's: `experiences.selectors.organisation_cards`)."""
    return (
        Organisation.objects.public()
        .select_related("departement", "departement__region", "parent")
        .prefetch_related(
            "networks",
            Prefetch("presentations", queryset=Presentation.objects.order_by("-year", "-document")),
            Prefetch(
                "members", queryset=Organisation.objects.public().order_by(FrenchSortKey("name"))
            ),
        )
        .filter(slug=slug)
        .first()
    )


def presentations(organisation: Organisation) -> dict:
    """What the page presents: the latest document's presentation, the earlier ones
    (dated), and the structure's own description where an editor wrote one of its own."""
    dated = list(organisation.presentations.all())
    texts = {presentation.text.strip() for presentation in dated}
    description = organisation.description.strip()
    own = description if description not in texts else ""
    return {
        "description": own,
        "latest": dated[0] if dated else None,
        "earlier": dated[1:],
        # What the page presents first: a shared link's description of the structure.
        "first": own or (dated[0].text if dated else description),
    }


def matching_organisations(text: str):
    """Organisations matching `text` in full text, or by a name close to it."""
    by_text = Organisation.objects.filter(search_vector=search_query(text)).values("pk")
    by_name = matching_names(Organisation.objects.all(), text).values("pk")
    return Organisation.objects.public().filter(Q(pk__in=by_text) | Q(pk__in=by_name))


def organisation_list(text: str = ""):
    """Organisations by name, each with its count of published cards it carries."""
    organisations = matching_organisations(text) if text else Organisation.objects.public()
    return (
        organisations.select_related("departement__region")
        .annotate(
            card_count=Count(
                "carried_cards",
                filter=Q(carried_cards__status=PublicationStatus.PUBLISHED),
                distinct=True,
            )
        )
        .order_by(FrenchSortKey("name"), "pk")
    )


# -- a member's own data (« Télécharger mes données », portal.my_data) --------------------


def person_data(user) -> dict | None:
    """The member's person: their record, their structure, what each document says."""
    person = Person.objects.filter(account=user).select_related("organisation").first()
    if person is None:
        return None
    return {
        "prenom": person.first_name,
        "nom": person.last_name,
        "fonction": person.role,
        "structure": person.organisation.name if person.organisation else "",
        "e_mail": person.email,
        "telephone": person.phone,
        "coordonnees_publiques": person.contact_is_public,
        "retiree_des_pages_publiques_le": person.withdrawn_at,
        "anonymisee_le": person.anonymised_at,
        "mentions_dans_les_documents": [
            {
                "document": mention.source_label,
                "annee": mention.year,
                "fonction": mention.role,
                "e_mail": mention.email,
            }
            for mention in person.mentions.all()
        ],
    }


def account_request_data(user) -> list[dict]:
    """The member's requests for an account: of their account, or of its address."""
    requests = AccountRequest.objects.filter(
        Q(account=user) | Q(email__iexact=user.email) if user.email else Q(account=user)
    )
    return [
        {
            "prenom": r.first_name,
            "nom": r.last_name,
            "structure": r.organisation_name,
            "fonction": r.role,
            "e_mail": r.email,
            "message": r.message,
            "etat": r.get_status_display(),
            "demandee_le": r.created_at,
            "decidee_le": r.decided_at,
            "motif_du_refus": r.refusal_reason,
        }
        for r in requests.order_by("created_at")
    ]
