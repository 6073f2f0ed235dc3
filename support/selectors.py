"""Reads of support requests: the structure's own (its page, « Mon espace », its data) and
the animators' figures."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from organisations.models import Person
from resources.models import Theme
from support.models import (
    ExpertiseDays,
    NoteKind,
    StatusChange,
    SupportNote,
    SupportRequest,
    SupportStatus,
)
from territories.models import Region
from vita.sorting import FrenchSortKey, french_sort_key

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=1))


def with_days(requests):
    """Each request with `days_given`, the sum of its days of expertise (one subquery)."""
    total = (
        ExpertiseDays.objects.filter(request=OuterRef("pk"))
        .order_by()
        .values("request")
        .annotate(total=Sum("days"))
        .values("total")
    )
    return requests.annotate(
        days_given=Coalesce(Subquery(total, output_field=DecimalField()), ZERO)
    )


def prefill(user) -> dict:
    """What a signed-in member's request starts from: their person, structure and its
    territory."""
    if not user.is_authenticated:
        return {}
    person = Person.objects.filter(account=user).select_related("organisation__departement").first()
    if person is None:
        return {"contact_name": user.get_full_name(), "contact_email": user.email}
    found = {
        "contact_name": person.full_name,
        "contact_email": person.email or user.email,
        "contact_phone": person.phone,
    }
    organisation = person.organisation
    if organisation is not None:
        found["organisation_name"] = organisation.name
        if organisation.departement is not None:
            found["departement"] = organisation.departement.code
            found["region"] = Region.objects.get(pk=organisation.departement.region_id).code
    return found


def _for_page():
    return (
        with_days(SupportRequest.objects.all())
        .select_related("region", "departement", "expert__organisation")
        .prefetch_related("themes")
    )


def owned_request(reference: str, user) -> SupportRequest | None:
    """The request of that reference, if `user`'s account sent it."""
    if not user.is_authenticated:
        return None
    return _for_page().filter(reference=reference, user=user).first()


def request_by_link(reference: str, token: str) -> SupportRequest | None:
    """The request of the private link (its reference and secret), or None."""
    if not token:
        return None
    return _for_page().filter(reference=reference, token=token).first()


@dataclass
class FollowPage:
    request: SupportRequest
    changes: list[StatusChange]
    messages: list[SupportNote]
    days: list[ExpertiseDays]


def follow_page(support_request: SupportRequest) -> FollowPage:
    """What the structure reads on its request's page: the status and its moves, the
    expert, the messages (never the internal notes), the days given."""
    return FollowPage(
        request=support_request,
        changes=list(support_request.status_changes.all()),
        messages=list(
            support_request.notes.filter(kind=NoteKind.MESSAGE).select_related("written_by")
        ),
        days=list(support_request.expertise_days.select_related("expert")),
    )


def requests_of(user) -> list[SupportRequest]:
    """« Mes demandes d'appui »: the requests the account sent, the latest first."""
    if not user.is_authenticated:
        return []
    return list(with_days(SupportRequest.objects.filter(user=user)).select_related("expert"))


def support_request_data(user) -> list[dict]:
    """The requests the account sent (« Télécharger mes données »)."""
    requests = SupportRequest.objects.filter(user=user).prefetch_related(
        "themes",
        Prefetch("notes", queryset=SupportNote.objects.filter(kind=NoteKind.MESSAGE)),
        "expertise_days",
    )
    return [
        {
            "reference": item.reference,
            "structure": item.organisation_name,
            "contact": item.contact_name,
            "e_mail": item.contact_email,
            "telephone": item.contact_phone,
            "region": item.region.name,
            "departement": str(item.departement or ""),
            "themes": [theme.name for theme in item.themes.all()],
            "projet": item.project,
            "besoin": item.need,
            "etat": item.get_status_display(),
            "expert": str(item.expert or ""),
            "messages": [
                {"le": note.created_at, "de_vous": note.from_requester, "texte": note.text}
                for note in item.notes.all()
            ],
            "jours_d_expertise": [
                {"le": entry.day, "jours": entry.days} for entry in item.expertise_days.all()
            ],
            "envoyee_le": item.created_at,
        }
        for item in requests.select_related("region", "departement", "expert")
    ]


# -- the animators' figures ------------------------------------------------------------------


@dataclass
class Row:
    label: str
    counts: list[tuple[str, int]]  # (status, number), in SupportStatus order
    total: int
    code: str = ""  # what the queue's filter takes (a theme's or a région's id)


@dataclass
class Figures:
    statuses: list[tuple[str, str]]
    by_theme: list[Row]
    without_theme: Row
    by_region: list[Row]
    total: Row
    days_total: Decimal
    days_by_expert: list[tuple[str, Decimal]]
    days_by_theme: list[tuple[str, Decimal]]


def _rows(pairs, labels) -> list[Row]:
    """{key: {status: n}} → rows in `labels`' order, each status in SupportStatus order."""
    rows = []
    for key, (label, code) in labels.items():
        by_status = pairs.get(key, {})
        counts = [(status, by_status.get(status, 0)) for status in SupportStatus.values]
        rows.append(Row(label, counts, sum(n for _, n in counts), code))
    return rows


def figures() -> Figures:
    """Requests per theme and per région by status (a request of two themes counts under
    each), and the days of expertise given: in all, per expert, per theme."""
    per_theme = defaultdict(dict)
    for theme, status, n in (
        SupportRequest.themes.through.objects.values_list("theme", "supportrequest__status")
        .annotate(n=Count("supportrequest"))
        .order_by()
    ):
        per_theme[theme][status] = n
    # In French order (the model's ordering).
    themes = {t.pk: (t.name, str(t.pk)) for t in Theme.objects.filter(pk__in=per_theme)}
    without = defaultdict(int)
    for status, n in (
        SupportRequest.objects.filter(themes__isnull=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        without[status] = n
    per_region, overall = defaultdict(dict), defaultdict(int)
    for region, status, n in (
        SupportRequest.objects.values_list("region", "status").annotate(n=Count("pk")).order_by()
    ):
        per_region[region][status] = n
        overall[status] += n
    regions = {
        r.pk: (r.name, str(r.pk))
        for r in Region.objects.filter(pk__in=per_region).order_by(FrenchSortKey("name"))
    }
    days = ExpertiseDays.objects.order_by()
    expert_totals = list(days.values_list("expert").annotate(total=Sum("days")))
    people = Person.objects.in_bulk([pk for pk, _ in expert_totals if pk])
    by_expert = [
        (str(people[pk]) if pk else "Sans expert·e nommé·e", total) for pk, total in expert_totals
    ]
    by_theme = [
        (name, total)
        for name, total in SupportRequest.themes.through.objects.filter(
            supportrequest__expertise_days__isnull=False
        )
        .values_list("theme__name")
        .annotate(total=Sum("supportrequest__expertise_days__days"))
        .order_by()
    ]
    return Figures(
        statuses=list(SupportStatus.choices),
        by_theme=_rows(per_theme, themes),
        without_theme=_rows({None: without}, {None: ("Sans thème", "")})[0],
        by_region=_rows(per_region, regions),
        total=_rows({None: overall}, {None: ("Toutes les demandes", "")})[0],
        days_total=days.aggregate(total=Coalesce(Sum("days"), ZERO))["total"],
        days_by_expert=sorted(by_expert, key=lambda pair: (-pair[1], french_sort_key(pair[0]))),
        days_by_theme=sorted(by_theme, key=lambda pair: (-pair[1], french_sort_key(pair[0]))),
    )
