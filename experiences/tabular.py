"""Import and export of experience cards in the admin (django-import-export).

The columns are those of the « Modèle de fiche expérience » (experiences.card_template),
so a filled template imports here as it is, plus « Identifiant » (the slug) and
« Statut ». Several départements or groups go in one cell, separated by commas, by code
or by label (« 35, 56 », « Ille-et-Vilaine (35) »); partners, freins, leviers and tools
one per line. Unknown porteurs and partners are created.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from import_export import widgets
from import_export.fields import Field

from experiences.card_template import template_fields
from experiences.models import (
    CardCategory,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    PointKind,
)
from organisations.enums import StructureType
from organisations.models import Organisation
from territories.models import Departement, Milieu, Region, Scale
from vita.models import PublicationStatus
from vita.slugs import create_with_free_slug, free_slug
from vita.tabular import (
    CODE_SEPARATOR,
    LINE_SEPARATOR,
    ChoiceWidget,
    IdentifiedResource,
    LinesWidget,
    YearWidget,
    split,
)
from vita.text import plain
from workgroups.models import WorkingGroup


class RememberingWidget:
    """A widget that remembers what it looked up, for the length of one import (the
    resource calls `forget()` before each): a file names the same rows many times."""

    def forget(self):
        self.remembered = {}

    def remember(self, key, look_up):
        if not hasattr(self, "remembered"):
            self.forget()
        if key not in self.remembered:
            self.remembered[key] = look_up()
        return self.remembered[key]


def organisation_named(key: str) -> Organisation:
    """The organisation of that slug or name, or a new one of that name."""
    return Organisation.objects.by_key(key) or create_with_free_slug(Organisation, key, name=key)


class PorteurWidget(RememberingWidget, widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Organisation, field="slug")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        key = str(value).strip()
        return self.remember(key, lambda: organisation_named(key))

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class PartnersWidget(RememberingWidget, widgets.ManyToManyWidget):
    def __init__(self):
        super().__init__(Organisation, separator=LINE_SEPARATOR, field="slug")

    def clean(self, value, row=None, **kwargs):
        return [
            self.remember(name, lambda name=name: organisation_named(name))
            for name in split(value, LINE_SEPARATOR)
        ]

    def render(self, value, obj=None, **kwargs):
        return LINE_SEPARATOR.join(o.slug for o in value.all()) if value is not None else ""


def _by_spelling(model, labels):
    """Every row of `model` under its code and its labels, accents and case aside."""
    return {
        plain(spelling): item
        for item in model.objects.all()
        for spelling in (item.code, *labels(item))
    }


class ByCodeOrLabelWidget(RememberingWidget, widgets.ManyToManyWidget):
    """Rows by code or by label (« 35 », « Ille-et-Vilaine (35) », « Ille-et-Vilaine »),
    several separated by commas; exported as codes."""

    def __init__(self, model, labels, what: str):
        super().__init__(model, separator=CODE_SEPARATOR, field="code")
        self.labels = labels  # a row → its accepted spellings besides its code
        self.what = what

    def clean(self, value, row=None, **kwargs):
        by_spelling = self.remember("*", lambda: _by_spelling(self.model, self.labels))
        found, unknown = [], []
        for part in split(value):
            item = by_spelling.get(plain(part))
            (found if item else unknown).append(item or part)
        if unknown:
            raise ValueError(", ".join(f"« {part} »" for part in unknown) + f" : pas {self.what}.")
        return found

    def render(self, value, obj=None, **kwargs):
        return f"{CODE_SEPARATOR} ".join(item.code for item in value.all()) if value else ""


class RegionWidget(RememberingWidget, widgets.ForeignKeyWidget):
    """A région by its name or its INSEE code; exported by name."""

    def __init__(self):
        super().__init__(Region, field="code")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        by_spelling = self.remember("*", lambda: _by_spelling(Region, lambda r: [r.name]))
        found = by_spelling.get(plain(str(value).strip()))
        if found is None:
            raise ValueError(f"« {value} » n'est pas une région connue.")
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class CardResource(IdentifiedResource):
    slug = Field("slug", "Identifiant")
    status = Field("status", "Statut", widget=ChoiceWidget(PublicationStatus.choices, "un statut"))
    title = Field("title", widget=widgets.CharWidget())
    summary = Field("summary", widget=widgets.CharWidget())
    category = Field("category", widget=ChoiceWidget(CardCategory.choices, "une catégorie"))
    porteur = Field("porteur", widget=PorteurWidget())
    porteur_type = Field(column_name="porteur_type")
    partners = Field("partners", widget=PartnersWidget())
    region = Field("region", widget=RegionWidget())
    departement = Field(
        "departements",
        widget=ByCodeOrLabelWidget(
            Departement, lambda d: [d.name, f"{d.name} ({d.code})"], "un département connu"
        ),
    )
    territory_name = Field("territory_name", widget=widgets.CharWidget())
    scale = Field("scale", widget=ChoiceWidget(Scale.choices, "une échelle"))
    milieu = Field("milieux", widget=ChoiceWidget(Milieu.choices, "un milieu", multiple=True))
    start_year = Field("start_year", widget=YearWidget())
    end_year = Field("end_year", widget=YearWidget())
    working_group = Field(column_name="working_group")
    key_figures = Field("key_figures", widget=widgets.CharWidget())
    context = Field("context", widget=widgets.CharWidget())
    actions = Field("actions", widget=widgets.CharWidget())
    results = Field("results", widget=widgets.CharWidget())
    perspectives = Field("perspectives", widget=widgets.CharWidget())
    problematiques = Field("problematiques", widget=widgets.CharWidget())
    mutualisation_sought = Field("mutualisation_sought", widget=widgets.CharWidget())
    mutualisation_offered = Field("mutualisation_offered", widget=widgets.CharWidget())
    freins = Field(column_name="freins", widget=LinesWidget())
    leviers = Field(column_name="leviers", widget=LinesWidget())
    tools = Field(column_name="tools", widget=LinesWidget())

    # Written after the card itself: its listings, points, tools and porteur's type.
    RELATED = ("porteur_type", "working_group", "freins", "leviers", "tools")
    REQUIRED = ("title", "porteur", "region")  # what a published card needs

    class Meta:
        model = ExperienceCard
        import_id_fields = ["slug"]
        fields = [
            "slug", "status", "title", "summary", "category", "porteur", "porteur_type",
            "partners", "region", "departement", "territory_name", "scale", "milieu",
            "start_year", "end_year", "working_group", "key_figures", "context", "actions",
            "results", "perspectives", "problematiques", "mutualisation_sought",
            "mutualisation_offered", "freins", "leviers", "tools",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        labels = {field.key: field.label for field in template_fields()}
        for name, field in self.fields.items():
            if name in labels:
                field.column_name = labels[name]
        self.groups = ByCodeOrLabelWidget(
            WorkingGroup, lambda g: [g.name, f"{g.code} — {g.name}"], "un groupe de travail connu"
        )

    # -- reading a file --------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        for widget in [self.groups, *(field.widget for field in self.fields.values())]:
            if isinstance(widget, RememberingWidget):
                widget.forget()
        # The template marks required columns « Titre * »: the same columns.
        dataset.headers = [str(h).rstrip(" *") if h else h for h in dataset.headers or []]
        super().before_import(dataset, **kwargs)

    def identify(self, row):
        title = str(row.get(self.fields["title"].column_name) or "").strip()
        if not title:
            return None
        existing = ExperienceCard.objects.filter(title=title).first()
        return existing.slug if existing else free_slug(ExperienceCard, title)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in self.RELATED:
            try:
                self._cleaned(name, row)
            except ValueError as error:
                errors[self.fields[name].column_name] = [str(error)]
        for name in self.REQUIRED:
            if row.get(self.fields[name].column_name) in (None, ""):
                errors[self.fields[name].column_name] = ["Ce champ est obligatoire."]
        if errors:
            raise ValidationError(errors)

    def _cleaned(self, name, row):
        value = row.get(self.fields[name].column_name)
        if name == "porteur_type":
            return ChoiceWidget(StructureType.choices, "un type de structure").clean(value)
        if name == "working_group":
            return self.groups.clean(value)
        return LinesWidget().clean(value)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        present = {name for name in self.RELATED if self.fields[name].column_name in row}
        if "porteur_type" in present and instance.porteur:
            structure_type = self._cleaned("porteur_type", row)
            if structure_type and not instance.porteur.structure_types:
                instance.porteur.structure_types = [structure_type]
                instance.porteur.save(update_fields=["structure_types"])
        if "working_group" in present and self._groups_changed(instance, row):
            # A listing's position is the card's place in its group: kept for the groups
            # that stay, the new ones put the card last.
            wanted = {group.pk: group for group in self._cleaned("working_group", row)}
            instance.listings.exclude(working_group__in=wanted).delete()
            listed = set(instance.listings.values_list("working_group", flat=True))
            for pk, group in wanted.items():
                if pk not in listed:
                    last = group.listings.aggregate(last=Max("position"))["last"]
                    CardListing.objects.create(
                        card=instance, working_group=group, position=(last or 0) + 1
                    )
        for kind, name in ((PointKind.FREIN, "freins"), (PointKind.LEVIER, "leviers")):
            if name in present and self._points(instance, kind) != self._cleaned(name, row):
                instance.points.filter(kind=kind).delete()
                CardPoint.objects.bulk_create(
                    CardPoint(card=instance, kind=kind, position=position, text=text)
                    for position, text in enumerate(self._cleaned(name, row))
                )
        if "tools" in present and self._tools(instance) != self._cleaned("tools", row):
            instance.tools.all().delete()
            CardTool.objects.bulk_create(
                CardTool(card=instance, position=position, text=text)
                for position, text in enumerate(self._cleaned("tools", row))
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        if original.pk is None:
            return False
        present = {name for name in self.RELATED if self.fields[name].column_name in row}
        if "working_group" in present and self._groups_changed(original, row):
            return False
        for kind, name in ((PointKind.FREIN, "freins"), (PointKind.LEVIER, "leviers")):
            if name in present and self._points(original, kind) != self._cleaned(name, row):
                return False
        return "tools" not in present or self._tools(original) == self._cleaned("tools", row)

    def _groups_changed(self, card, row) -> bool:
        wanted = {group.pk for group in self._cleaned("working_group", row)}
        return wanted != set(card.listings.values_list("working_group", flat=True))

    @staticmethod
    def _points(card, kind) -> list[str]:
        return list(
            card.points.filter(kind=kind).order_by("position").values_list("text", flat=True)
        )

    @staticmethod
    def _tools(card) -> list[str]:
        return list(card.tools.order_by("position").values_list("text", flat=True))

    # -- writing a file --------------------------------------------------------------------

    def dehydrate_porteur_type(self, card):
        if card.porteur and card.porteur.structure_types:
            return StructureType(card.porteur.structure_types[0]).label
        return ""

    def dehydrate_working_group(self, card):
        return f"{CODE_SEPARATOR} ".join(
            listing.working_group.code for listing in card.listings.all()
        )

    def dehydrate_freins(self, card):
        return LINE_SEPARATOR.join(p.text for p in card.points.all() if p.kind == PointKind.FREIN)

    def dehydrate_leviers(self, card):
        return LINE_SEPARATOR.join(p.text for p in card.points.all() if p.kind == PointKind.LEVIER)

    def dehydrate_tools(self, card):
        return LINE_SEPARATOR.join(tool.text for tool in card.tools.all())

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .select_related("porteur", "region")
            .prefetch_related(
                "partners", "departements", "listings__working_group", "points", "tools"
            )
        )
