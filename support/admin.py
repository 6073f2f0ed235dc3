"""The animators' queue of support requests: the list (filtered by status, theme, région,
expert; searched), a request's page (what the structure sent, read only; the expert, the
status, messages and internal notes, all through `support.services`; the days of
expertise inline) and the figures page (`chiffres/`)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import number_format

from support import services
from support.models import (
    ExpertiseDays,
    StatusChange,
    SupportNote,
    SupportRequest,
    SupportStatus,
)
from support.selectors import figures, with_days
from vita.admin import HistoryAdmin

FOLLOW_FIELDS = ["status", "new_status", "expert", "message", "internal_note", "days_given"]
SENT_FIELDS = ["reference", "organisation_name", "contact_name", "contact_email",
               "contact_phone", "user", "project", "need", "created_at"]  # fmt: skip


class SupportRequestForm(forms.ModelForm):
    """The request's editable links, and what the animator does now: move the status,
    write to the structure, note something for the animators."""

    new_status = forms.ChoiceField(
        label="Changer l'état",
        choices=[("", "— ne pas changer —"), *SupportStatus.choices],
        required=False,
        help_text="La structure est prévenue par e-mail du nouvel état.",
    )
    message = forms.CharField(
        label="Message à la structure",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Elle le lit sur la page de sa demande et le reçoit par e-mail (avec le "
        "nouvel état, s'il change). Obligatoire pour un refus.",
    )
    internal_note = forms.CharField(
        label="Note interne",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Pour les animateurs seulement : la structure ne la voit jamais.",
    )

    class Meta:
        model = SupportRequest
        fields = ["organisation", "person", "region", "departement", "themes", "expert"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("new_status")
        if status and status == self.instance.status:
            self.add_error("new_status", services.SAME_STATUS.format(SupportStatus(status).label))
        if status == SupportStatus.REFUSED and not cleaned.get("message", "").strip():
            self.add_error("message", services.REFUSAL_NEEDS_A_MESSAGE)
        region, departement = cleaned.get("region"), cleaned.get("departement")
        if region and departement and departement.region_id != region.pk:
            self.add_error("departement", services.WRONG_DEPARTEMENT.format(departement, region))
        return cleaned


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Changements d'état (qui, quand)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SupportNoteInline(admin.TabularInline):
    """Notes and messages, as written: new ones are written with the fields above."""

    model = SupportNote
    fields = ["created_at", "kind", "author", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="de")
    def author(self, note):
        if note.from_requester:
            return "La structure"
        if note.written_by:
            return note.written_by.get_full_name() or note.written_by.get_username()
        return "—"


class ExpertiseDaysForm(forms.ModelForm):
    class Meta:
        model = ExpertiseDays
        fields = ["day", "days", "expert", "note"]
        localized_fields = ["days"]  # « 1,5 », as French is written
        # Narrow fields: the row stays within the admin's width.
        widgets = {
            "days": forms.TextInput(attrs={"size": 4, "inputmode": "decimal"}),
            "note": forms.TextInput(attrs={"size": 30}),
        }


class ExpertiseDaysInline(admin.TabularInline):
    model = ExpertiseDays
    form = ExpertiseDaysForm
    fields = ["day", "days", "expert", "note"]
    autocomplete_fields = ["expert"]
    extra = 1


@admin.register(SupportRequest)
class SupportRequestAdmin(HistoryAdmin):
    list_display = ["reference", "organisation_name", "region", "status", "expert", "days_given"]
    list_filter = [
        "status",
        "themes",
        ("region", admin.RelatedOnlyFieldListFilter),
        ("expert", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["region", "expert"]
    search_fields = ["reference", "organisation_name", "contact_name", "contact_email",
                     "project", "need"]  # fmt: skip
    date_hierarchy = "created_at"
    form = SupportRequestForm
    autocomplete_fields = ["organisation", "person", "expert", "themes"]
    readonly_fields = [*SENT_FIELDS, "status", "days_given"]
    inlines = [StatusChangeInline, SupportNoteInline, ExpertiseDaysInline]
    change_list_template = "admin/support/supportrequest/change_list.html"
    fieldsets = [
        ("La demande", {"fields": SENT_FIELDS}),
        ("Classement", {"fields": ["organisation", "person", "region", "departement", "themes"]}),
        ("Suivi", {"fields": FOLLOW_FIELDS}),
    ]

    def get_queryset(self, request):
        return with_days(super().get_queryset(request))

    def has_add_permission(self, request):
        return False  # sent by the structures, from « Demander un appui »

    @admin.display(description="jours d'expertise", ordering="days_given")
    def days_given(self, support_request):
        days = getattr(support_request, "days_given", None)
        return None if days is None else number_format(days.normalize())

    def save_model(self, request, obj, form, change):
        """The links as the form has them; the expert, the status, the message and the
        note through the services (each recorded, the structure told)."""
        if getattr(request, "vita_restored_over", None) is not None:
            return super().save_model(request, obj, form, change)  # a version restored
        new_expert = obj.expert
        if "expert" in form.changed_data:
            obj.expert_id = form.initial.get("expert")
        super().save_model(request, obj, form, change)
        data = form.cleaned_data
        try:
            if "expert" in form.changed_data:
                services.assign_expert(obj, new_expert, request.user)
            if data.get("new_status"):
                services.change_status(obj, data["new_status"], request.user, data["message"])
            elif data.get("message", "").strip():
                services.write_message(obj, data["message"], request.user)
            if data.get("internal_note", "").strip():
                services.add_internal_note(obj, data["internal_note"], request.user)
        except ValidationError as error:  # a race: another animator moved it meanwhile
            raise PermissionDenied(" ".join(error.messages)) from error

    def save_formset(self, request, form, formset, change):
        if formset.model is ExpertiseDays:
            for entry in formset.save(commit=False):
                if entry.expert_id is None:
                    entry.expert_id = form.instance.expert_id
                entry.save()
            for entry in formset.deleted_objects:
                entry.delete()
            return
        super().save_formset(request, form, formset, change)

    def get_urls(self):
        figures_view = self.admin_site.admin_view(self.figures_view)
        return [
            path("chiffres/", figures_view, name="support_supportrequest_figures"),
            *super().get_urls(),
        ]

    def figures_view(self, request):
        """Requests per theme and région by status, days of expertise given."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/support/figures.html",
            {
                **self.admin_site.each_context(request),
                "title": "Appuis individualisés : les chiffres",
                "opts": self.model._meta,
                "figures": figures(),
            },
        )
