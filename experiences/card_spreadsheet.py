"""Import and export of experience cards in the admin (django-import-export).

The columns are those of the « Modèle de fiche expérience » (experiences.card_template),
so a filled template imports here as it is, plus « Identifiant » (the slug), « Statut »
and « Présentation des outils » (`ExperienceCard.tools_intro`). Several départements or
groups go in one cell, separated by commas, by code or by label (« 35, 56 »,
« Ille-et-Vilaine (35) »); partners, freins, leviers and tools one per line. Unknown
porteurs and partners are created.

Only the library's documented hooks are used: what one import knows is one `CardImport`,
made in `before_import` and dropped in `after_import`, where its rows are written by the
card writer (`experiences.writing`).
"""

import dataclasses
from collections import defaultdict, deque

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import widgets
from import_export.fields import Field
from import_export.instance_loaders import CachedInstanceLoader

from experiences.card_template import template_fields
from experiences.models import CardCategory, ExperienceCard, PointKind
from experiences.writing import CardWrite, StoredRows, stored_rows, write_cards
from organisations.enums import StructureType
from organisations.matching import OrganisationIndex
from organisations.models import Organisation
from organisations.organisation_spreadsheet import (
    NAME_MAX_LENGTH,
    OrganisationsWidget,
    OrganisationWidget,
)
from territories.models import Departement, Milieu, Region, Scale
from vita.models import PublicationStatus
from vita.slugs import free_slugs
from vita.spreadsheet_preview import CellDiff
from vita.spreadsheets import (
    CODE_SEPARATOR,
    LINE_SEPARATOR,
    ChoiceWidget,
    IdentifiedSheet,
    ItemsWidget,
    RememberingWidget,
    YearWidget,
    split,
)
from vita.text import plain
from workgroups.models import WorkingGroup


def _distinct(rows) -> list:
    """Rows named once each, in order (an organisation of a dry run has no key yet)."""
    return list({row.pk or id(row): row for row in rows}.values())


def _items(value) -> list:
    """The rows of a many-to-many value: a related manager, or a list not saved yet."""
    if value is None:
        return []
    return list(value.all()) if hasattr(value, "all") else list(value)


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
        return f"{CODE_SEPARATOR} ".join(item.code for item in _items(value))


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


# A fiche is « publiée »: the statuses in the feminine too, exported so.
CARD_STATUSES = [
    *PublicationStatus.choices,
    (PublicationStatus.PUBLISHED, "Publiée"),
    (PublicationStatus.ARCHIVED, "Archivée"),
]


class PreviewDiff(CellDiff):
    """The preview's changed fields, read by `CardSheet.preview` only when the preview
    is shown (the task worker shows none)."""

    def __init__(self, resource, instance, new):
        self.resource, self.original, self.instance, self.new = resource, instance, None, new

    def compare_with(self, resource, instance):
        self.instance = instance

    def as_html(self):
        self.left, self.right = (
            [
                self.resource.preview(field, card, after)
                for field in self.resource.get_import_fields()
            ]
            for card, after in ((self.original, False), (self.instance, True))
        )
        return super().as_html()


class CardLoader(CachedInstanceLoader):
    """The cards a file names, read at once, with their related rows: what a row compares
    and rewrites. Kept in the import's state, not in the cards' prefetch caches: a row's
    copy of its card (the preview's « before ») would drop those and query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource.state.stored = stored_rows(
            (card.pk for card in self.all_instances.values()),
            only={"departements", "partners", "listings", "points", "tools"},
        )


@dataclasses.dataclass(eq=False)
class CardImport:
    """What one import of a file knows, from `before_import` to `after_import`, then
    dropped: a resource keeps nothing from one import to the next."""

    user: object = None
    # Each remembering widget's look-ups, by its field: a file names the same rows often.
    looked_up: dict = dataclasses.field(default_factory=lambda: defaultdict(dict))
    # Porteurs and partners the file names that do not exist: created with the cards.
    new_organisations: list = dataclasses.field(default_factory=list)
    # Stored porteurs the file gives their first structure type.
    typed_porteurs: list = dataclasses.field(default_factory=list)
    # The related rows of the stored cards the file names (`CardLoader`), by card id.
    stored: dict = dataclasses.field(default_factory=lambda: defaultdict(StoredRows))
    # The first line of each Identifiant the file gives, for duplicates: shared by the
    # chunks of one file the worker checks apart (`vita.spreadsheet_jobs.check_import`).
    line_of_slug: dict = dataclasses.field(default_factory=dict)
    # Identifiants made here for rows without one: free by construction, not repeats.
    made_slugs: set = dataclasses.field(default_factory=set)
    # By slug: what `skip_row` found a row changes, then the rows to write (`CardWrite`).
    changes: dict = dataclasses.field(default_factory=dict)
    batch: dict = dataclasses.field(default_factory=dict)


class CardSheet(IdentifiedSheet):
    slug = Field("slug", "Identifiant")
    status = Field("status", "Statut", widget=ChoiceWidget(CARD_STATUSES, "un statut"))
    title = Field("title", widget=widgets.CharWidget())
    summary = Field("summary", widget=widgets.CharWidget())
    category = Field("category", widget=ChoiceWidget(CardCategory.choices, "une catégorie"))
    porteur = Field("porteur", widget=OrganisationWidget(create_missing=True))
    porteur_type = Field(column_name="porteur_type")
    partners = Field("partners", widget=OrganisationsWidget(create_missing=True))
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
    freins = Field(column_name="freins", widget=ItemsWidget())
    leviers = Field(column_name="leviers", widget=ItemsWidget())
    # Not in the template (a partner lists tools; the sentence over them is the editors').
    tools_intro = Field("tools_intro", "Présentation des outils", widget=widgets.CharWidget())
    tools = Field(column_name="tools", widget=ItemsWidget())

    # Written after the card itself: its listings, points, tools and porteur's type.
    RELATED = ("porteur_type", "working_group", "freins", "leviers", "tools")
    REQUIRED = ("title", "porteur", "region")  # what a published card needs
    # The model's check constraints, checked in Python (a query per row and constraint
    # otherwise); a test keeps this list equal to the model's.
    CONSTRAINTS = {
        "published_card_has_title_porteur_and_territory": lambda card: (
            card.status != PublicationStatus.PUBLISHED
            or bool(card.title and card.porteur and card.region)
        ),
        "card_period_in_order": lambda card: (
            card.start_year is None or card.end_year is None or card.end_year >= card.start_year
        ),
    }

    class Meta:
        model = ExperienceCard
        import_id_fields = ["slug"]
        fields = [
            "slug", "status", "title", "summary", "category", "porteur", "porteur_type",
            "partners", "region", "departement", "territory_name", "scale", "milieu",
            "start_year", "end_year", "working_group", "key_figures", "context", "actions",
            "results", "perspectives", "problematiques", "mutualisation_sought",
            "mutualisation_offered", "freins", "leviers", "tools_intro", "tools",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        # Rows are not saved one by one: `save_instance` adds each card to the import's
        # batch, which `after_import` hands to the card writer (`experiences.writing`). In
        # bulk mode the library opens no savepoint per row and sets no many-to-many.
        use_bulk = True
        instance_loader_class = CardLoader

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        labels = {field.key: field.label for field in template_fields()}
        for name, field in self.fields.items():
            if name in labels:
                field.column_name = labels[name]
        self.groups = ByCodeOrLabelWidget(
            WorkingGroup, lambda g: [g.name, f"{g.code} — {g.name}"], "un groupe de travail connu"
        )
        self.state: CardImport | None = None  # the import under way
        concrete = {field.name for field in ExperienceCard._meta.concrete_fields}
        self.updated_fields = tuple(  # what a row may change, if unknown
            field.attribute
            for field in self.fields.values()
            if field.attribute in concrete and field.attribute != "slug"
        )

    def get_queryset(self):
        return ExperienceCard.objects.select_related("porteur", "region")

    def _remembering_widgets(self) -> dict:
        widgets_ = {"groups": self.groups}
        widgets_.update((name, field.widget) for name, field in self.fields.items())
        return {n: w for n, w in widgets_.items() if isinstance(w, RememberingWidget)}

    # -- reading a file --------------------------------------------------------------------
    # A dry run (the preview, the worker's check) writes nothing, not even in a transaction
    # rolled back: every check of a row is made in Python (`clean_instance`), and the
    # organisations a file would create wait unsaved until the write.

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        self.state = CardImport(
            user=user if getattr(user, "pk", None) else None,
            line_of_slug=kwargs.get("identifiers_seen", {}),
        )
        for name, widget in self._remembering_widgets().items():
            widget.memory = self.state.looked_up[name]
        # The template marks required columns « Titre * »: the same columns.
        dataset.headers = [str(h).rstrip(" *") if h else h for h in dataset.headers or []]
        super().before_import(dataset, **kwargs)
        if dataset.headers:
            self.identify_new_rows(dataset)
            self.find_organisations(dataset)

    def after_import(self, dataset, result, **kwargs):
        """The import's batch, written by the card writer inside the library's transaction
        (an error is the import's, and writes nothing); a dry run writes nothing."""
        state, self.state = self.state, None
        for widget in self._remembering_widgets().values():
            widget.memory = None
        super().after_import(dataset, result, **kwargs)
        if state is not None and state.batch and not kwargs.get("dry_run", True):
            write_cards(
                list(state.batch.values()),
                user=state.user,
                new_organisations=state.new_organisations,
                typed_porteurs=state.typed_porteurs,
                stored=state.stored,
                updatable=self.updated_fields,
            )

    def identify_new_rows(self, dataset):
        """Rows without an Identifiant name a card by its title: the k-th such row of a
        title is the k-th card of that title (so a file imported twice finds the cards
        it made), further rows are new cards under free slugs."""
        title_column = self.fields["title"].column_name
        if title_column not in dataset.headers:
            return
        slugs = [str(slug or "").strip() for slug in dataset[self.ID_COLUMN]]
        titles = [str(title or "").strip() for title in dataset[title_column]]
        unnamed = [n for n, slug in enumerate(slugs) if not slug and titles[n]]
        if not unnamed:
            return
        named = set(filter(None, slugs))
        cards_of_title = defaultdict(deque)
        existing = ExperienceCard.objects.filter(title__in={titles[n] for n in unnamed})
        for title, slug in existing.order_by("pk").values_list("title", "slug"):
            if slug not in named:
                cards_of_title[title].append(slug)
        new_rows = []
        for n in unnamed:
            if cards_of_title[titles[n]]:
                slugs[n] = cards_of_title[titles[n]].popleft()
            else:
                new_rows.append(n)
        new_slugs = free_slugs(ExperienceCard, [titles[n] for n in new_rows], taken=named)
        for n, slug in zip(new_rows, new_slugs, strict=True):
            slugs[n] = slug
        self.state.made_slugs.update(new_slugs)
        del dataset[self.ID_COLUMN]
        dataset.append_col(slugs, header=self.ID_COLUMN)

    def find_organisations(self, dataset):
        """The porteurs and partners a file names, found by slug or name as every path
        finds them (`organisations.matching`) in one query, the missing ones created
        together, instead of one look-up per row."""
        keys = []
        porteurs, partners = self.fields["porteur"], self.fields["partners"]
        if porteurs.column_name in dataset.headers:
            keys += [str(key).strip() for key in dataset[porteurs.column_name] if key]
        if partners.column_name in dataset.headers:
            for cell in dataset[partners.column_name]:
                keys += split(cell, LINE_SEPARATOR)
        keys = [key for key in dict.fromkeys(keys) if key and len(key) <= NAME_MAX_LENGTH]
        index = OrganisationIndex(Organisation.objects.all())
        index.load(keys)
        found, created = {}, []
        for key in keys:
            found[key] = index.find(key)
            if found[key] is None:  # new, and found by the file's next names as it would be
                found[key] = Organisation(name=key)
                index.add(found[key])
                created.append(found[key])
        names = [organisation.name for organisation in created]
        for organisation, slug in zip(created, free_slugs(Organisation, names), strict=True):
            organisation.slug = slug
        self.state.new_organisations += created  # saved with the cards, if they are
        for key, organisation in found.items():
            for widget in (porteurs.widget, partners.widget):
                widget.remember(key, lambda organisation=organisation: organisation)

    def identify(self, row):
        """A row `identify_new_rows` left without an Identifiant has no title."""
        return None

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
        if instance.slug and instance.slug not in self.state.made_slugs:
            line = self.line_of(kwargs.get("row_number", 0), kwargs.get("first_row", 0))
            first = self.state.line_of_slug.setdefault(instance.slug, line)
            if first != line:
                errors[self.ID_COLUMN] = [f"Cet identifiant est déjà celui de la ligne {first}."]
        if errors:
            raise ValidationError(errors)

    def clean_instance(self, instance, exclude, validate_unique):
        """The model's checks without a query per row: related rows come from the
        widgets' look-ups or from the stored card (their existence is known), a card is
        found by its unique slug (`line_of_slug` catches a slug given twice), and the
        check constraints are read in Python."""
        fields = ExperienceCard._meta.concrete_fields
        relations = {field.name for field in fields if field.is_relation}
        errors = {}
        try:
            instance.full_clean(
                exclude={*exclude, *relations}, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for constraint in ExperienceCard._meta.constraints:
            if not self.CONSTRAINTS[constraint.name](instance):
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    constraint.get_violation_error_message()
                )
        if errors:
            raise ValidationError(errors)

    def _cleaned(self, name, row):
        value = row.get(self.fields[name].column_name)
        if name == "porteur_type":
            return ChoiceWidget(StructureType.choices, "un type de structure").clean(value)
        if name == "working_group":
            return self.groups.clean(value)
        return self.fields[name].widget.clean(value)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A stored card the row leaves as it is, related rows included (the library's
        documented way to skip a row). What the row changes is noted for its write."""
        if import_validation_errors or original.pk is None:
            return False
        changed = tuple(
            field.attribute
            for field in self.get_import_fields()
            if field.attribute
            and not isinstance(field.widget, widgets.ManyToManyWidget)  # _related_changes
            and field.get_value(instance) != field.get_value(original)
        )
        related = self._related_changes(instance, row)
        if changed or related:
            self.state.changes[instance.slug] = CardWrite(instance, fields=changed, **related)
            return False
        return True

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk is None and self.state.user:
            instance.created_by = self.state.user

    def save_instance(self, instance, is_create, row, **kwargs):
        """The card joins the import's batch, written in `after_import`: nothing is saved
        row by row, a dry run included."""
        self.before_save_instance(instance, row, **kwargs)
        write = self.state.changes.pop(instance.slug, None)
        if write is None:
            write = CardWrite(instance, **self._related_changes(instance, row))
        self.state.batch[instance.slug] = write
        porteur = instance.porteur
        if self.fields["porteur_type"].column_name in row and porteur:
            structure_type = self._cleaned("porteur_type", row)
            if structure_type and not porteur.structure_types:
                # Once typed, the same porteur is not added again.
                porteur.structure_types = [structure_type]
                if porteur.pk is not None:
                    self.state.typed_porteurs.append(porteur)
        self.after_save_instance(instance, row, **kwargs)

    def _related_changes(self, card, row) -> dict:
        """The related rows of `card` the row sets otherwise, as `CardWrite` names them:
        départements, partners, groups, freins, leviers, tools."""
        new = card.pk is None
        stored = StoredRows() if new else self.state.stored[card.pk]
        changes = {}
        for name in ("departement", "partners"):
            field_ = self.fields[name]
            if field_.column_name in row:
                wanted = _distinct(field_.clean(row))
                current = getattr(stored, field_.attribute)
                if new or {o.pk for o in wanted} != {o.pk for o in current}:
                    changes[field_.attribute] = wanted
        if self.fields["working_group"].column_name in row:
            groups = _distinct(self._cleaned("working_group", row))
            listed = {listing.working_group_id for listing in stored.listings}
            if {group.pk for group in groups} != listed:
                changes["groups"] = groups
        for kind, name in ((PointKind.FREIN, "freins"), (PointKind.LEVIER, "leviers")):
            if self.fields[name].column_name in row:
                texts = self._cleaned(name, row)
                if new or [p.text for p in stored.points if p.kind == kind] != texts:
                    changes[name] = texts
        if self.fields["tools"].column_name in row:
            texts = self._cleaned("tools", row)
            if new or [tool.text for tool in stored.tools] != texts:
                changes["tools"] = texts
        return changes

    def get_diff_class(self):
        return PreviewDiff

    def preview(self, field, card, after: bool) -> str:
        """A field as the preview shows it, before or after the row: the related rows
        the row sets are not written yet when it is shown, they are read from its
        write."""
        write = self.state.batch.get(card.slug) if after and self.state else None
        if write is not None and field.attribute in write.related:
            return field.widget.render(write.related[field.attribute])
        if card.pk and field.attribute in ("departements", "partners"):
            return field.widget.render(getattr(self.state.stored[card.pk], field.attribute))
        return field.export(card)

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
        texts = [p.text for p in card.points.all() if p.kind == PointKind.FREIN]
        return self.fields["freins"].widget.render(texts)

    def dehydrate_leviers(self, card):
        texts = [p.text for p in card.points.all() if p.kind == PointKind.LEVIER]
        return self.fields["leviers"].widget.render(texts)

    def dehydrate_tools(self, card):
        return self.fields["tools"].widget.render([tool.text for tool in card.tools.all()])

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .select_related("porteur", "region")
            .prefetch_related(
                "partners", "departements", "listings__working_group", "points", "tools"
            )
        )
