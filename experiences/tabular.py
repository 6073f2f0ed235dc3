"""Import and export of experience cards in the admin (django-import-export).

The columns are those of the « Modèle de fiche expérience » (experiences.card_template),
so a filled template imports here as it is, plus « Identifiant » (the slug), « Statut »
and « Présentation des outils » (`ExperienceCard.tools_intro`). Several départements or
groups go in one cell, separated by commas, by code or by label (« 35, 56 »,
« Ille-et-Vilaine (35) »); partners, freins, leviers and tools one per line. Unknown
porteurs and partners are created.
"""

from collections import defaultdict, deque

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max, Q
from django.utils import timezone
from import_export import widgets
from import_export.fields import Field
from import_export.instance_loaders import CachedInstanceLoader

from experiences.card_template import template_fields
from experiences.models import (
    CardCategory,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    PointKind,
)
from experiences.search import one_search_refresh
from organisations.enums import StructureType
from organisations.matching import OrganisationIndex
from organisations.models import Organisation
from organisations.tabular import NAME_MAX_LENGTH, OrganisationsWidget, OrganisationWidget
from territories.models import Departement, Milieu, Region, Scale
from vita.history import CHANGED, CREATED, record_history
from vita.import_preview import CellDiff
from vita.models import PublicationStatus
from vita.slugs import free_slugs
from vita.tabular import (
    CODE_SEPARATOR,
    LINE_SEPARATOR,
    ChoiceWidget,
    IdentifiedResource,
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
    """The preview's changed fields, read by `CardResource.preview` only when the preview
    is shown (the task worker shows none)."""

    def __init__(self, resource, instance, new):
        self.resource, self.original, self.instance, self.new = resource, instance, None, new

    def compare_with(self, resource, instance):
        self.instance = instance

    def as_html(self):
        self.left, self.right = (
            [self.resource.preview(field, card) for field in self.resource.get_import_fields()]
            for card in (self.original, self.instance)
        )
        return super().as_html()


class CardLoader(CachedInstanceLoader):
    """The cards a file names, read at once, with their related rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource.read_related(self.all_instances.values())


class CardResource(IdentifiedResource):
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
        # Cards are written BATCH_SIZE at a time, with their history and related rows;
        # the cards a file names are read at once (`get_queryset`).
        use_bulk = True
        batch_size = 500
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
        self.user = None
        self.dry_run = False
        self.pending = {}  # id(card) → its related rows to write, until its batch is
        self.typed_porteurs = {}  # id(porteur) → a porteur given its first structure type
        self.line_of_slug = {}  # the first line of each Identifiant, for duplicates
        self.stored = defaultdict(lambda: defaultdict(list))  # card pk → its related rows
        self.changed_fields = {}  # id(card) → the fields its row changes
        concrete = {field.name for field in ExperienceCard._meta.concrete_fields}
        self.updated_fields = tuple(  # what a row may change, if unknown
            field.attribute
            for field in self.fields.values()
            if field.attribute in concrete and field.attribute != "slug"
        )

    def get_queryset(self):
        return ExperienceCard.objects.select_related("porteur", "region")

    def read_related(self, cards):
        """The related rows of the stored cards a file names, read at once: what a row
        compares and rewrites. Kept beside the cards, not in their prefetch caches: a
        row's copy of its card (the preview's « before ») would drop those and query."""
        self.stored = defaultdict(lambda: defaultdict(list))
        pks = [card.pk for card in cards]
        if not pks:
            return
        for attribute in ("departements", "partners"):
            field = ExperienceCard._meta.get_field(attribute)
            card_column = f"{field.m2m_field_name()}_id"
            target = field.m2m_reverse_field_name()
            links = field.remote_field.through.objects.filter(**{f"{card_column}__in": pks})
            for link in links.select_related(target).order_by("pk"):
                self.stored[getattr(link, card_column)][attribute].append(getattr(link, target))
        for name, rows in (
            ("listings", CardListing.objects.order_by("pk")),
            ("points", CardPoint.objects.order_by("card", "kind", "position")),
            ("tools", CardTool.objects.order_by("card", "position")),
        ):
            for row in rows.filter(card__in=pks):
                self.stored[row.card_id][name].append(row)

    # -- reading a file --------------------------------------------------------------------

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        """A dry run (the preview, the worker's check) writes nothing, not even in a
        transaction rolled back: every check of a row is made in Python
        (`clean_instance`), and the organisations it would create wait unsaved."""
        self.dry_run = dry_run
        return super().import_data(dataset, dry_run, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        self.user = user if getattr(user, "pk", None) else None
        self.typed_porteurs.clear()
        for widget in [self.groups, *(field.widget for field in self.fields.values())]:
            if isinstance(widget, RememberingWidget):
                widget.forget()
        # The template marks required columns « Titre * »: the same columns.
        dataset.headers = [str(h).rstrip(" *") if h else h for h in dataset.headers or []]
        super().before_import(dataset, **kwargs)
        if dataset.headers:
            self.identify_new_rows(dataset)
            self.find_organisations(dataset)

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
        if not self.dry_run:
            Organisation.objects.bulk_create(created)
            record_history(Organisation, [org.pk for org in created], CREATED, self.user)
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
        if instance.slug:
            line = self.line_of(kwargs.get("row_number", 0), kwargs.get("first_row", 0))
            first = self.line_of_slug.setdefault(instance.slug, line)
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
        """A stored card the row leaves as it is, related rows included. The fields it
        changes are noted for `bulk_update`."""
        if import_validation_errors or original.pk is None:
            return False
        changed = tuple(
            field.attribute
            for field in self.get_import_fields()
            if field.attribute
            and not isinstance(field.widget, widgets.ManyToManyWidget)  # _related_changes
            and field.get_value(instance) != field.get_value(original)
        )
        if changed or self._related_changes(instance, row):
            self.changed_fields[id(instance)] = changed
            return False
        return True

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.status == PublicationStatus.PUBLISHED and not instance.published_at:
            instance.published_at = timezone.now()
        if instance.pk is None and self.user:
            instance.created_by = self.user

    def after_save_instance(self, instance, row, **kwargs):
        """The card waits for its batch (`bulk_create`, `bulk_update`): what it changes
        of its related rows is kept until then."""
        super().after_save_instance(instance, row, **kwargs)
        self.pending[id(instance)] = self._related_changes(instance, row)
        porteur = instance.porteur
        if self.fields["porteur_type"].column_name in row and porteur:
            structure_type = self._cleaned("porteur_type", row)
            if structure_type and not porteur.structure_types:
                porteur.structure_types = [structure_type]
                self.typed_porteurs[id(porteur)] = porteur

    def _related_changes(self, card, row) -> dict:
        """The related rows of `card` the row sets otherwise: {what: wanted}, where what
        is a many-to-many field, « groups », a kind of point or « tools »."""
        new = card.pk is None
        stored = defaultdict(list) if new else self.stored[card.pk]
        changes = {}
        for name in ("departement", "partners"):
            field = self.fields[name]
            if field.column_name in row:
                wanted = _distinct(field.clean(row))
                if new or {o.pk for o in wanted} != {o.pk for o in stored[field.attribute]}:
                    changes[field.attribute] = wanted
        if self.fields["working_group"].column_name in row:
            groups = _distinct(self._cleaned("working_group", row))
            listed = {listing.working_group_id for listing in stored["listings"]}
            if {group.pk for group in groups} != listed:
                changes["groups"] = groups
        for kind, name in ((PointKind.FREIN, "freins"), (PointKind.LEVIER, "leviers")):
            if self.fields[name].column_name in row:
                texts = self._cleaned(name, row)
                if new or [p.text for p in stored["points"] if p.kind == kind] != texts:
                    changes[kind] = texts
        if self.fields["tools"].column_name in row:
            texts = self._cleaned("tools", row)
            if new or [tool.text for tool in stored["tools"]] != texts:
                changes["tools"] = texts
        return changes

    def get_diff_class(self):
        return PreviewDiff

    def preview(self, field, card) -> str:
        """A field as the preview shows it: a new card's many-to-many rows are not
        written yet when its row is shown, they are read from what waits."""
        waiting = self.pending.get(id(card), {})
        if field.attribute in waiting:
            return field.widget.render(waiting[field.attribute])
        if card.pk and field.attribute in ("departements", "partners"):
            return field.widget.render(self.stored[card.pk][field.attribute])
        return field.export(card)

    # -- writing a batch -------------------------------------------------------------------

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.create_instances, True, dry_run, raise_errors, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.update_instances, False, dry_run, raise_errors, result)

    def _write_batch(self, cards, created: bool, dry_run, raise_errors, result):
        """A batch of cards and their related rows, then one search refresh; a dry run
        writes nothing. A write the database refuses is the import's error."""
        try:
            if cards and not dry_run:
                with one_search_refresh() as refreshed:
                    refreshed.update(self._create(cards) if created else self._update(cards))
                    self._write_related(cards, created)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self._forget(cards)

    def _create(self, cards) -> list[int]:
        ExperienceCard.objects.bulk_create(cards)
        pks = [card.pk for card in cards]
        record_history(ExperienceCard, pks, CREATED, self.user)
        return pks

    def _update(self, cards) -> list[int]:
        now = timezone.now()
        # Django's bulk_update writes a CASE per card and field: cards are grouped by the
        # fields their rows change, only those are written.
        by_fields = defaultdict(list)
        for card in cards:
            card.updated_at = now
            changed = self.changed_fields.pop(id(card), None)
            by_fields[self.updated_fields if changed is None else changed].append(card)
        for fields, grouped in by_fields.items():
            if fields:
                extra = ["published_at"] if "status" in fields else []
                ExperienceCard.objects.bulk_update(grouped, [*fields, *extra])
        pks = [card.pk for card in cards]
        # One date for the batch: one statement, not a CASE per card.
        ExperienceCard.objects.filter(pk__in=pks).update(updated_at=now)
        record_history(ExperienceCard, pks, CHANGED, self.user)
        return pks

    def _forget(self, cards):
        for card in cards:
            self.pending.pop(id(card), None)
            self.changed_fields.pop(id(card), None)
        cards.clear()

    def _write_related(self, cards, created: bool):
        changes = [(card, self.pending.get(id(card), {})) for card in cards]
        for attribute in ("departements", "partners"):
            self._write_many_to_many(attribute, changes, created)
        self._write_listings(changes, created)
        self._write_points(changes, created)
        self._write_tools(changes, created)
        if self.typed_porteurs:
            porteurs = list(self.typed_porteurs.values())
            Organisation.objects.bulk_update(porteurs, ["structure_types"])
            record_history(Organisation, [org.pk for org in porteurs], CHANGED, self.user)
            self.typed_porteurs.clear()

    @staticmethod
    def _write_many_to_many(attribute, changes, created):
        field = ExperienceCard._meta.get_field(attribute)
        through = field.remote_field.through
        card_column = f"{field.m2m_field_name()}_id"
        other_column = f"{field.m2m_reverse_field_name()}_id"
        rewritten = [(card, change[attribute]) for card, change in changes if attribute in change]
        if not rewritten:
            return
        if not created:
            through.objects.filter(
                **{f"{card_column}__in": [card.pk for card, _ in rewritten]}
            ).delete()
        through.objects.bulk_create(
            through(**{card_column: card.pk, other_column: item.pk})
            for card, items in rewritten
            for item in items
        )

    def _write_listings(self, changes, created):
        """A listing's position is the card's place in its group: kept for the groups
        that stay, the new ones put the card last."""
        rewritten = [(card, change["groups"]) for card, change in changes if "groups" in change]
        if not rewritten:
            return
        listed = {
            card.pk: [] if created else self.stored[card.pk]["listings"] for card, _ in rewritten
        }
        wanted = {card.pk: {group.pk for group in groups} for card, groups in rewritten}
        stale = [
            listing.pk
            for card_pk, listings in listed.items()
            for listing in listings
            if listing.working_group_id not in wanted[card_pk]
        ]
        if stale:
            CardListing.objects.filter(pk__in=stale).delete()
        last = dict(
            CardListing.objects.filter(working_group__in={pk for g in wanted.values() for pk in g})
            .values_list("working_group")
            .annotate(last=Max("position"))
        )
        added = []
        for card, groups in rewritten:
            kept = {listing.working_group_id for listing in listed[card.pk]}
            for group in groups:
                if group.pk not in kept:
                    last[group.pk] = (last.get(group.pk) or 0) + 1
                    added.append(
                        CardListing(card=card, working_group=group, position=last[group.pk])
                    )
        CardListing.objects.bulk_create(added)

    def _write_points(self, changes, created):
        """Freins and leviers rewritten in their new order; a point that stays keeps its
        rubrique (not in the file)."""
        rewritten = [
            (card, kind, change[kind])
            for card, change in changes
            for kind in PointKind.values
            if kind in change
        ]
        if not rewritten:
            return
        topics = {}
        if not created:
            for card, kind, _ in rewritten:
                for point in self.stored[card.pk]["points"]:
                    if point.kind == kind:
                        topics.setdefault((card.pk, kind, point.text), point.topic)
            stale = Q()
            for kind in PointKind.values:
                cards = [card.pk for card, of_kind, _ in rewritten if of_kind == kind]
                if cards:
                    stale |= Q(card__in=cards, kind=kind)
            CardPoint.objects.filter(stale).delete()
        CardPoint.objects.bulk_create(
            CardPoint(
                card=card,
                kind=kind,
                position=position,
                text=text,
                topic=topics.get((card.pk, kind, text), ""),
            )
            for card, kind, texts in rewritten
            for position, text in enumerate(texts)
        )

    def _write_tools(self, changes, created):
        """Tools rewritten in their new order; a tool that stays keeps its link to the
        library (not in the file)."""
        rewritten = [(card, change["tools"]) for card, change in changes if "tools" in change]
        if not rewritten:
            return
        linked = {}
        if not created:
            for card, _ in rewritten:
                for tool in self.stored[card.pk]["tools"]:
                    linked.setdefault((card.pk, tool.text), tool.resource_id)
            CardTool.objects.filter(card__in=[card.pk for card, _ in rewritten]).delete()
        CardTool.objects.bulk_create(
            CardTool(
                card=card,
                position=position,
                text=text,
                resource_id=linked.get((card.pk, text)),
            )
            for card, texts in rewritten
            for position, text in enumerate(texts)
        )

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
