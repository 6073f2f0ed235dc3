"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from vita import imports
from vita.models import ImportJob


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

    @staticmethod
    def _may_import(request, job) -> bool:
        app, model = job.model.split(".")
        return request.user.has_perm(f"{app}.import_{model}")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

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
