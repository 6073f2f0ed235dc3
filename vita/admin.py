"""Admin pieces shared by the apps."""

from urllib.parse import urlencode

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import CharField, TextField
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from vita import accounts, audit, reviews, scheduling, spreadsheet_jobs, workflow
from vita.history_display import FrenchChangesHelper, restore_changes, status_label
from vita.models import (
    REVIEWABLE_MODELS,
    ImportJob,
    PublicationStatus,
    ReviewPoint,
    ScheduledRun,
    Subscription,
)
from vita.reviews import selectors as review_selectors
from vita.sorting import FrenchSortKey
from vita.subscriptions.services import subscription_name
from vita.subscriptions.topics import TOPICS


@admin.action(
    permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s")
)
def delete_selected(modeladmin, request, queryset):
    """Django's own bulk deletion, with every record it deletes in the audit log."""
    confirmed = bool(request.POST.get("post"))
    # Read once: Django's action then lists and deletes these same rows.
    chosen = [(record.pk, str(record)) for record in queryset] if confirmed else []
    response = django_delete_selected(modeladmin, request, queryset)
    # None: deleted. A lone record's LogEntry is saved on its own, and logged then.
    if confirmed and response is None and len(chosen) > 1:
        audit.bulk_deletion(request.user, modeladmin.model, chosen)
    return response


# Every change list of the site, the apps' own and Django's (users, groups) alike.
admin.site.add_action(delete_selected, "delete_selected")


class ArrayContainsFilter(admin.SimpleListFilter):
    """Filter on one value of a choice array (structure types, milieux)."""

    field_name: str

    def lookups(self, request, model_admin):
        field = model_admin.model._meta.get_field(self.field_name)
        return field.base_field.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_name}__contains": [self.value()]})
        return queryset


def choice_labels(values, choices_enum) -> str:
    labels = dict(choices_enum.choices)
    return ", ".join(str(labels.get(value, value)) for value in values)


class NameLookupAdminMixin:
    """Search and autocompletes find names without accents and despite typos."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        from vita.search import matching_names

        return matching_names(queryset, search_term), False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Large imports: their progress, their errors, and the confirmation."""

    list_display = ["original_name", "model", "status", "total_rows", "user", "created_at"]
    list_filter = ["status", "model"]
    change_form_template = "admin/vita/importjob/progress.html"

    def has_add_permission(self, request):
        return False  # started from a model's « Importer » page

    def has_change_permission(self, request, job=None):
        return job is None or self._may_import(request, job)

    def has_view_permission(self, request, job=None):
        return job is None or self._may_import(request, job)

    def has_delete_permission(self, request, job=None):
        return job is not None and not job.running and self._may_import(request, job)

    @classmethod
    def _may_import(cls, request, job) -> bool:
        return cls._may_import_model(request, job.model)

    def get_queryset(self, request):
        """The jobs of the data the user may import."""
        jobs = super().get_queryset(request).select_related("user")
        labels = jobs.values_list("model", flat=True).distinct()
        allowed = [label for label in labels if self._may_import_model(request, label)]
        return jobs.filter(model__in=allowed)

    @staticmethod
    def _may_import_model(request, label: str) -> bool:
        app, model = label.split(".")
        return request.user.has_perm(f"{app}.import_{model}")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is None or not self._may_import(request, job):
            raise PermissionDenied
        if request.method == "POST":
            if job.status == ImportJob.Status.CHECKED and "confirmer" in request.POST:
                spreadsheet_jobs.confirm(job)
            return redirect("admin:vita_importjob_change", job.pk)
        app, model = job.model.split(".")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import de « {job.original_name} »",
            "job": job,
            "opts": self.model._meta,
            "original": job,
            "changelist_url": reverse(f"admin:{app}_{model}_changelist"),
        }
        return TemplateResponse(request, self.change_form_template, context)


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """The scheduled jobs (vita.scheduling) and their runs, read only: above the list, each
    declared job with its schedule, its last run and its next occurrence."""

    list_display = ["job", "due_at", "status", "short_message"]
    list_filter = ["status", "job"]
    fields = ["job", "due_at", "status", "started_at", "finished_at", "claimed_by", "message"]
    readonly_fields = fields
    change_list_template = "admin/vita/scheduledrun/change_list.html"

    def has_add_permission(self, request):
        return False  # made by the scheduler only

    def has_change_permission(self, request, run=None):
        return False

    def has_delete_permission(self, request, run=None):
        return False  # the trace of what ran

    @admin.display(description="compte rendu")
    def short_message(self, run):
        lines = run.message.strip().splitlines()
        return lines[-1][:120] if lines else ""

    def changelist_view(self, request, extra_context=None):
        now = timezone.now()
        jobs = scheduling.registered_jobs()
        last_runs = {}
        for run in (
            ScheduledRun.objects.filter(job__in=[job.name for job in jobs])
            .order_by("job", "-due_at")
            .distinct("job")
        ):
            last_runs[run.job] = run
        declared = [
            {
                "job": job,
                "last_run": last_runs.get(job.name),
                "next_due": job.schedule.next_due(now),
            }
            for job in jobs
        ]
        return super().changelist_view(
            request,
            extra_context={
                "title": "Tâches planifiées",
                "declared_jobs": declared,
                **(extra_context or {}),
            },
        )


class FrenchSortedColumnsMixin:
    """A changelist sorted by a text column (a clicked « nom » or « titre ») sorts it in
    French order, as the models' default orderings do (`vita.sorting.FrenchSortKey`)."""

    def get_changelist(self, request, **kwargs):
        return FrenchSortedChangeList


class FrenchSortedChangeList(ChangeList):
    def get_ordering(self, request, queryset):
        return [_french_order(self.model, part) for part in super().get_ordering(request, queryset)]


def _french_order(model, part):
    """`part` of a changelist's ordering, a text column's as its French sort key."""
    if not isinstance(part, str):
        return part
    path = part.removeprefix("-")
    try:
        field = get_fields_from_path(model, path)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return part
    if not isinstance(field, CharField | TextField) or field.choices:
        return part  # codes and choices keep their own order
    key = FrenchSortKey(path)
    return key.desc() if part.startswith("-") else key.asc()


class HistoryAdmin(FrenchSortedColumnsMixin, SimpleHistoryAdmin):
    """django-simple-history's pages in human terms (`vita.history_display`): each change
    under its field's label with French values and Paris dates, long texts as a word
    diff; a version's page lists what restoring it would change and, when that changes
    the publication status, says so and asks for a confirmation before saving."""

    STATUS_CONFIRMATION = "confirmer_statut"

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchChangesHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model.history.model
        version = get_object_or_404(
            history, **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
        )
        current = self.model._default_manager.filter(pk=version.instance.pk).first()
        if not self.has_view_history_or_change_history_permission(request, current):
            raise PermissionDenied
        moves = self._status_move(request, current, request.POST.get("status"))
        if request.method == "POST" and moves and not request.POST.get(self.STATUS_CONFIRMATION):
            # Saved only once the person said yes to the change of status.
            self.message_user(
                request,
                f"Rien n'a été restauré : la restauration changerait le statut ({moves[0]} → "
                f"{moves[1]}). Cochez la case de confirmation pour la faire.",
                messages.ERROR,
            )
            return redirect(request.path)
        kept = self._kept_fields(request, current)
        # What the form does not show stays as it is: `save_model` copies it back.
        request.vita_restored_over = current
        context = {
            "version": version,
            "restore_changes": restore_changes(current, version.instance, kept) if current else [],
            "status_move": self._status_move(request, current, version.instance.status)
            if hasattr(version.instance, "status")
            else None,
            "status_confirmation": self.STATUS_CONFIRMATION,
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)

    def history_view_title(self, request, obj):
        return f"Historique : {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"Une version de « {obj} »"
        return f"Restaurer une version de « {obj} »"

    def _kept_fields(self, request, current) -> list[str]:
        """The record's fields the person may not change (read-only in the form): a
        restore leaves them as they are, as the form would."""
        if current is None:
            return []
        names = set(self.get_readonly_fields(request, current))
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if field.name in names and not field.primary_key
        ]

    def save_model(self, request, obj, form, change):
        current = getattr(request, "vita_restored_over", None)
        if current is not None:
            # The version's instance carries every field, read-only ones too (a status a
            # contributor may not set, the animators' comment): the current values stay.
            for name in self._kept_fields(request, current):
                attname = self.model._meta.get_field(name).attname
                setattr(obj, attname, getattr(current, attname))
        super().save_model(request, obj, form, change)

    def _status_move(self, request, current, status) -> tuple[str, str, str] | None:
        """(from, to, what it means for the public site) when restoring would change the
        publication status; None otherwise, or when the person may not set it (it is then
        read-only in the form, and the restore keeps the status)."""
        if current is None or not hasattr(current, "status") or status in (None, current.status):
            return None
        if "status" in self.get_readonly_fields(request, current):
            return None
        was, becomes = current.status, status
        if was == PublicationStatus.PUBLISHED:
            meaning = "elle ne sera plus visible sur le site public"
        elif becomes == PublicationStatus.PUBLISHED:
            meaning = "elle sera publiée sur le site public, visible de tous"
        else:
            meaning = "elle reste hors du site public"
        return status_label(was), status_label(becomes), meaning


class WorkflowAdminMixin:
    """Admin actions for the editorial workflow (vita.workflow), each with a confirmation
    page; « Renvoyer en brouillon » asks for the comment there. The status is read-only
    in the form for those who may not publish, and a published record is archived
    rather than deleted."""

    workflow_actions = ["submit", "publish", "send_back", "archive"]
    preview_url_name: str  # the public page's preview, for records not yet published

    def view_on_site(self, record):
        if record.status == PublicationStatus.PUBLISHED:
            return record.get_absolute_url()
        return reverse(self.preview_url_name, args=[record.slug])

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name in self.workflow_actions:
            transition = workflow.TRANSITIONS[name]
            if workflow.may(request.user, transition, self.model):
                actions[name] = (self._workflow_action(name), name, transition.label)
        return actions

    def _workflow_action(self, name):
        def action(modeladmin, request, queryset):
            return modeladmin.confirm_transition(request, queryset, name)

        return action

    def confirm_transition(self, request, queryset, name):
        transition = workflow.TRANSITIONS[name]
        records = list(queryset)
        problems = workflow.check(records, name, request.user)
        if request.POST.get("confirmation") == "oui" and not problems:
            try:
                moved = workflow.apply(records, name, request.user, request.POST.get("comment", ""))
            except ValidationError as error:
                problems = error.messages
            else:
                self.message_user(request, f"{transition.label} : {moved} ligne(s).")
                return None
        return TemplateResponse(
            request,
            "admin/workflow_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": transition.label,
                "opts": self.model._meta,
                "transition": transition,
                "records": records,
                "problems": problems,
                "action_name": name,
                "selected": [str(record.pk) for record in records],
                "asks_comment": name == "send_back",
            },
        )

    def get_readonly_fields(self, request, obj=None):
        # The comment is written by « Renvoyer en brouillon »; the status, by those who
        # may publish (the others submit with the action).
        fields = [*super().get_readonly_fields(request, obj), "review_comment"]
        if not request.user.has_perm(workflow.publish_permission(self.model)):
            fields += ["status", "published_at"]
        return fields

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, object_id)
        published = record is not None and record.status == PublicationStatus.PUBLISHED
        if published and self.has_delete_permission(request, record):
            self.message_user(
                request,
                "Une fiche publiée ne se supprime pas : archivez-la (action « Archiver »), "
                "ou dépubliez-la d'abord pour pouvoir la supprimer.",
                level=messages.WARNING,
            )
            return redirect(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                object_id,
            )
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        """A bulk delete leaves the published records aside: archive them instead."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        published = [str(o) for o in objs if o.status == PublicationStatus.PUBLISHED]
        return deleted, model_count, perms_needed, [*protected, *published]


# -- « Points à vérifier » ---------------------------------------------------------------


def _admin_url(record, view: str = "change") -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[record.pk])


def _points_url(record=None, **filters) -> str:
    if record is not None:
        filters = {"fiche": record._meta.label_lower, "object_id": record.pk, **filters}
    return f"{reverse('admin:vita_reviewpoint_changelist')}?{urlencode(filters)}"


class OpenPointsFilter(admin.SimpleListFilter):
    title = "points à vérifier"
    parameter_name = "points"

    def lookups(self, request, model_admin):
        return [("oui", "Oui"), ("non", "Non")]

    def queryset(self, request, queryset):
        if self.value() in ("oui", "non"):
            return review_selectors.having_open_points(queryset, self.value() == "oui")
        return queryset


class ReviewPointsAdminMixin:
    """For the admins of the records that receive « points à vérifier »
    (vita.models.REVIEWABLE_MODELS), shown to those who may see the points: a column with
    each record's open points (counted in the list's own query), a filter « Points à
    vérifier : oui / non », and the open points at the top of the record's page."""

    points_field = "open_points_list"

    def _sees_points(self, request) -> bool:
        return request.user.has_perm("vita.view_reviewpoint")

    def get_queryset(self, request):
        records = super().get_queryset(request)
        if self._sees_points(request):
            records = review_selectors.with_open_points(records, "open_points_count")
        return records

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        return [*columns, "open_points"] if self._sees_points(request) else columns

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return [*filters, OpenPointsFilter] if self._sees_points(request) else filters

    @admin.display(description="points à vérifier", ordering="open_points_count")
    def open_points(self, record):
        count = getattr(record, "open_points_count", 0)
        if not count:
            return "0"
        return format_html('<a href="{}">{}</a>', _points_url(record, status__exact="open"), count)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, self.points_field] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != self.points_field]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and self._sees_points(request) and _open_points(obj):
            fieldsets.insert(0, ("Points à vérifier", {"fields": [self.points_field]}))
        return fieldsets

    @admin.display(description="ouverts")
    def open_points_list(self, record):
        # Lines of their own: the admin's form indents lists and paragraphs.
        lines = format_html_join(
            "",
            '<div class="review-point"><a href="{}">{}</a> <span class="quiet">— {}{}, {}</span>'
            "</div>",
            (
                (
                    _admin_url(point),
                    point,
                    point.get_origin_display(),
                    f" (document {point.document})" if point.document else "",
                    f"« {point.where} »" if point.where else "où : non précisé",
                )
                for point in _open_points(record)
            ),
        )
        return format_html(
            '<div class="review-points">{}<div><a href="{}">Tous les points de cette fiche</a>'
            "</div></div>",
            lines,
            _points_url(record),
        )


def _open_points(record) -> list[ReviewPoint]:
    """A record's open points, read once per page: the form's fieldsets are asked for
    several times, then the list is shown."""
    if "_open_review_points" not in record.__dict__:
        record.__dict__["_open_review_points"] = review_selectors.open_points_of(record)
    return record.__dict__["_open_review_points"]


class DocumentFilter(admin.SimpleListFilter):
    title = "document source"
    parameter_name = "document"

    def lookups(self, request, model_admin):
        documents = (
            ReviewPoint.objects.exclude(document="")
            .order_by("document")
            .values_list("document", flat=True)
            .distinct()
        )
        return [(document, document) for document in documents]

    def queryset(self, request, queryset):
        return queryset.filter(document=self.value()) if self.value() else queryset


def _short_date(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


class RecordKindFilter(admin.SimpleListFilter):
    """The kind of record, by its stable label (« experiences.experiencecard »)."""

    title = "type de fiche"
    parameter_name = "fiche"

    def lookups(self, request, model_admin):
        models_ = [apps.get_model(label) for label in REVIEWABLE_MODELS]
        return [(m._meta.label_lower, capfirst(m._meta.verbose_name_plural)) for m in models_]

    def queryset(self, request, queryset):
        if self.value() in REVIEWABLE_MODELS:
            app_label, model = self.value().split(".")
            return queryset.filter(content_type__app_label=app_label, content_type__model=model)
        return queryset


@admin.action(permissions=["change"], description="Marquer comme réglé")
def close_selected(modeladmin, request, queryset):
    closed = reviews.close_points(queryset, request.user)
    modeladmin.message_user(request, f"{closed} point(s) marqué(s) comme réglé(s).")


@admin.register(ReviewPoint)
class ReviewPointAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    """The animators' queue: readers' reports and the import's doubts. Points are made by
    readers and by the import, never here; an animator settles them (« Marquer comme
    réglé »), from the list or from a point's page, with a note if need be."""

    list_display = [
        "what_text",
        "record_and_kind",
        "origin_and_document",
        "where",
        "created",
        "state",
    ]
    list_display_links = ["what_text"]
    list_filter = ["status", "origin", RecordKindFilter, DocumentFilter]
    list_select_related = ["content_type", "closed_by"]
    search_fields = ["what", "where", "email", "closing_note"]
    actions = [close_selected]
    fields = [
        "record_link", "public_page", "kind", "origin", "document", "where", "what", "email",
        "created_at", "status", "closed_at", "closed_by", "closing_note",
    ]  # fmt: skip
    readonly_fields = [field for field in fields if field != "closing_note"]

    def has_add_permission(self, request):
        return False  # from a reader's report or the import

    def get_fields(self, request, obj=None):
        # A report has no source document; an import's doubt, no reader to answer.
        unused = {ReviewPoint.Origin.REPORT: "document", ReviewPoint.Origin.IMPORT: "email"}
        return [field for field in self.fields if obj is None or field != unused[obj.origin]]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(GenericPrefetch("record", self._record_querysets(request)))
        )

    @staticmethod
    def _record_querysets(request):
        """Each kind of record read as its own admin reads it (a fiche with its
        resource, for its name): one query per kind."""
        querysets = []
        for label in REVIEWABLE_MODELS:
            model = apps.get_model(label)
            model_admin = admin.site._registry.get(model)
            querysets.append(
                model_admin.get_queryset(request)
                if model_admin is not None
                else model._default_manager.all()
            )
        return querysets

    @admin.display(description="ce qui est à vérifier", ordering="what")
    def what_text(self, point):
        return str(point)

    @admin.display(description="fiche")
    def record_link(self, point):
        record = point.record
        if record is None:
            return "(supprimée)"
        return format_html('<a href="{}">{}</a>', _admin_url(record), record)

    @admin.display(description="fiche")
    def record_and_kind(self, point):
        return format_html(
            '{}<br><span class="quiet">{}</span>', self.record_link(point), self.kind(point)
        )

    @admin.display(description="origine", ordering="origin")
    def origin_and_document(self, point):
        origin = point.get_origin_display()
        return f"{origin} ({point.document})" if point.document else origin

    @admin.display(description="page publique")
    def public_page(self, point):
        """The record's page on the site (its preview while it is not published)."""
        record = point.record
        if record is None:
            return "—"
        model_admin = admin.site._registry.get(type(record))
        on_site = getattr(model_admin, "view_on_site", None)
        url = on_site(record) if callable(on_site) else record.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description="type de fiche", ordering="content_type__model")
    def kind(self, point):
        return capfirst(point.content_type.model_class()._meta.verbose_name)

    @admin.display(description="relevé le", ordering="created_at")
    def created(self, point):
        return _short_date(point.created_at)

    @admin.display(description="état", ordering="status")
    def state(self, point):
        if point.status != ReviewPoint.Status.CLOSED:
            return point.get_status_display()
        who = point.closed_by.get_username() if point.closed_by else "l'import"
        return f"Réglé le {_short_date(point.closed_at)} par {who}"

    def response_change(self, request, point):
        if "_close" in request.POST and self.has_change_permission(request, point):
            closed = reviews.close_points([point], request.user, point.closing_note)
            if closed:
                self.message_user(request, f"« {point} » : marqué comme réglé.")
            return redirect("admin:vita_reviewpoint_changelist")
        return super().response_change(request, point)


# -- Accounts ------------------------------------------------------------------------------


class SubscriptionTopicFilter(admin.SimpleListFilter):
    title = "sujet"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return [(code, topic.label) for code, topic in TOPICS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(topic=self.value()) if self.value() else queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """The subscriptions to the mailings, read only: made and ended by their subscribers
    (vita.subscriptions); an animator deletes one on request."""

    list_display = [
        "email",
        "topic_label",
        "frequency",
        "state",
        "created_at",
        "confirmed_at",
        "last_sent_at",
        "unsubscribed_at",
    ]
    list_filter = ["state", SubscriptionTopicFilter]
    search_fields = ["email"]
    list_select_related = ["user"]
    fields = ["email", "topic_label", "parameters", "frequency", "user", "state", "created_at",
              "confirmation_sent_at", "confirmed_at", "last_sent_at",
              "unsubscribed_at"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # the public form only (double opt-in)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="sujet", ordering="topic")
    def topic_label(self, subscription):
        return subscription_name(subscription)  # a search alert names its search


@admin.action(permissions=["change"], description="Envoyer une invitation (choix du mot de passe)")
def send_invitations(modeladmin, request, queryset):
    users = [user for user in queryset if user.email and user.is_active]
    for user in users:
        accounts.invite(user, request)
    skipped = queryset.count() - len(users)
    modeladmin.message_user(
        request,
        f"{len(users)} invitation(s) envoyée(s)."
        + (f" {skipped} compte(s) sans adresse ou désactivé(s) : rien envoyé." if skipped else ""),
    )


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's accounts, for the superusers as Django makes them; an animator (who may
    add and change users, vita.roles) opens and edits members' accounts only, with
    `accounts.MemberAccountForm`: no staff or superuser status, no permission, no group
    but the members'. A new account gets an e-mail to choose its password."""

    actions = [send_invitations]
    member_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "username"]}),
        ("Accès", {"fields": ["is_active", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]

    def _for_members(self, request) -> bool:
        return not accounts.may_manage_every_account(request.user)

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return accounts.managed_by_animators(users) if self._for_members(request) else users

    def get_list_filter(self, request):
        if self._for_members(request):
            return ["is_active", "groups"]
        return super().get_list_filter(request)

    def get_fieldsets(self, request, obj=None):
        if not self._for_members(request):
            return super().get_fieldsets(request, obj)
        if obj is None:
            return [(None, {"fields": ["email", "first_name", "last_name", "username", "groups"]})]
        return self.member_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if self._for_members(request):
            return ["last_login", "date_joined"]
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if self._for_members(request):
            kwargs["form"] = accounts.MemberAccountForm
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        if self._for_members(request):
            raise PermissionDenied  # the member chooses it, from the invitation
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and self._for_members(request):
            accounts.invite(obj, request)

    def response_add(self, request, obj, post_url_continue=None):
        if self._for_members(request):
            self.message_user(
                request,
                f"Une invitation part vers {obj.email} : un lien pour choisir le mot de passe.",
            )
        return super().response_add(request, obj, post_url_continue)
