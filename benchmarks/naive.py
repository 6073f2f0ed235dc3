"""The naive card list the benchmark compares ours with: what a first Django version
would be, on the same data, in the same process.

A plain `ListView` filtered by a django-filter FilterSet over the same facets, text
matched with `icontains`, and each facet option counted by its own query. It is served
at /naif/experiences/ by `benchmarks.urls`, for the benchmark only.
"""

import django_filters
from django.db.models import Q
from django.http import HttpResponse
from django.template import engines
from django.views.generic import ListView

from experiences.models import CardCategory, ExperienceCard
from organisations.enums import StructureType
from resources.models import Theme
from territories.models import Departement, Milieu, Region
from vita.models import PublicationStatus
from workgroups.models import WorkingGroup


class NaiveCardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    region = django_filters.ModelMultipleChoiceFilter(
        field_name="region", to_field_name="code", queryset=Region.objects.all()
    )
    departement = django_filters.ModelMultipleChoiceFilter(
        field_name="departements", to_field_name="code", queryset=Departement.objects.all()
    )
    groupe = django_filters.ModelMultipleChoiceFilter(
        field_name="working_groups", to_field_name="code", queryset=WorkingGroup.objects.all()
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    milieu = django_filters.MultipleChoiceFilter(choices=Milieu.choices, method="contains")
    type = django_filters.MultipleChoiceFilter(choices=StructureType.choices, method="contains")
    categorie = django_filters.MultipleChoiceFilter(
        field_name="category", choices=CardCategory.choices
    )

    class Meta:
        model = ExperienceCard
        fields = []

    def search(self, queryset, name, value):
        matches = Q()
        for field in ("title", "summary", "context", "actions", "points__text"):
            matches |= Q(**{f"{field}__icontains": value})
        return queryset.filter(matches).distinct()

    def contains(self, queryset, name, value):
        field = "milieux" if name == "milieu" else "porteur__structure_types"
        return queryset.filter(**{f"{field}__overlap": value})


# One count per option: (parameter, its options, the filter of an option).
FACETS = [
    ("region", lambda: Region.objects.values_list("code", "name"),
     lambda code: Q(region__code=code)),
    ("departement", lambda: Departement.objects.values_list("code", "name"),
     lambda code: Q(departements__code=code)),
    ("groupe", lambda: WorkingGroup.objects.values_list("code", "name"),
     lambda code: Q(working_groups__code=code)),
    ("theme", lambda: Theme.objects.values_list("slug", "name"),
     lambda code: Q(themes__slug=code)),
    ("milieu", lambda: Milieu.choices, lambda code: Q(milieux__contains=[code])),
    ("type", lambda: StructureType.choices,
     lambda code: Q(porteur__structure_types__contains=[code])),
    ("categorie", lambda: CardCategory.choices, lambda code: Q(category=code)),
]  # fmt: skip

TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="fr"><title>Fiches expériences</title>
<h1>{{ paginator.count }} fiches</h1>
{% for name, options in facets %}<fieldset><legend>{{ name }}</legend>
{% for code, label, count in options %}<label><input type="checkbox" name="{{ name }}"
 value="{{ code }}"> {{ label }} ({{ count }})</label>{% endfor %}</fieldset>{% endfor %}
<ul>{% for card in object_list %}<li><a href="/experiences/{{ card.slug }}/">{{ card.title }}</a>
 — {{ card.porteur.name }}, {{ card.region.name }}<p>{{ card.summary|truncatewords:30 }}</p>
</li>{% endfor %}</ul>
{% if page_obj.has_next %}<a href="?page={{ page_obj.next_page_number }}">Suivantes</a>{% endif %}
</html>"""
)


class NaiveCardList(ListView):
    paginate_by = 20

    def get_queryset(self):
        published = ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED)
        self.filterset = NaiveCardFilter(self.request.GET, queryset=published)
        cards = self.filterset.qs if self.filterset.is_valid() else published
        return cards.select_related("porteur", "region").order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = self.object_list
        context["facets"] = [
            (name, [(code, label, cards.filter(of(code)).count()) for code, label in options()])
            for name, options, of in FACETS
        ]
        return context

    def render_to_response(self, context, **response_kwargs):
        return HttpResponse(TEMPLATE.render(context, self.request))
