"""Admin pieces shared by the apps."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from vita import audit, imports, workflow
from vita.models import ImportJob, PublicationStatus


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
        from vita.lookups import matching_names

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
                imports.confirm(job)
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
