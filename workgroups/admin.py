from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportModelAdmin

from vita.admin import HistoryAdmin, ReviewPointsAdminMixin
from vita.spreadsheets import SpreadsheetAdminMixin
from workgroups import services
from workgroups.group_spreadsheet import WorkingGroupSheet
from workgroups.models import (
    AnswerStatus,
    CallAnswer,
    CallForInterest,
    CallQuestion,
    Programme,
    ProgrammePhase,
    WorkingGroup,
    WorkingGroupContact,
)


class ProgrammePhaseInline(admin.StackedInline):
    model = ProgrammePhase
    extra = 0


class WorkingGroupInline(admin.TabularInline):
    model = WorkingGroup
    fields = ["position", "code", "name", "kind"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["name", "start_year", "end_year", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organiser"]
    inlines = [ProgrammePhaseInline, WorkingGroupInline]


class WorkingGroupContactInline(admin.TabularInline):
    model = WorkingGroupContact
    autocomplete_fields = ["person", "organisation"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(
    ReviewPointsAdminMixin, SpreadsheetAdminMixin, HistoryAdmin, ImportExportModelAdmin
):
    resource_classes = [WorkingGroupSheet]
    list_display = ["code", "name", "kind", "programme", "period_label"]
    list_filter = ["programme", "kind"]
    list_select_related = ["programme"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"slug": ["code", "name"]}
    autocomplete_fields = ["programme", "member_organisations"]
    inlines = [WorkingGroupContactInline]
    fieldsets = [
        (None, {"fields": ["programme", "position", "code", "name", "slug", "kind"]}),
        ("Période", {"fields": ["period_start", "period_end", "period_label"]}),
        ("Contenu", {"fields": ["origin", "objectives", "conclusions"]}),
        ("Membres", {"fields": ["member_organisations"]}),
    ]


# -- Calls for interest ----------------------------------------------------------------------


class CallQuestionInline(admin.TabularInline):
    model = CallQuestion
    fields = ["position", "text"]
    extra = 1


class CallAnswerInline(admin.TabularInline):
    """The call's answers, read only: they are decided from their own list."""

    model = CallAnswer
    fields = ["answer_link", "full_name", "email", "wants_account", "status", "created_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "réponses (à examiner depuis la liste des réponses)"

    @admin.display(description="structure")
    def answer_link(self, answer):
        url = reverse("admin:workgroups_callanswer_change", args=[answer.pk])
        return format_html('<a href="{}">{}</a>', url, answer.organisation_name)

    @admin.display(description="contact")
    def full_name(self, answer):
        return answer.full_name


@admin.action(permissions=["change"], description="Clore l'appel maintenant")
def close_calls(modeladmin, request, queryset):
    closed = services.close_calls(queryset)
    modeladmin.message_user(request, f"{closed} appel(s) clos.")


@admin.register(CallForInterest)
class CallForInterestAdmin(HistoryAdmin):
    list_display = ["title", "working_group", "deadline", "open_display", "answers_display"]
    list_filter = ["working_group", "deadline"]
    list_select_related = ["working_group"]
    search_fields = ["title", "theme", "working_group__code", "working_group__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["working_group"]
    readonly_fields = ["opened_by"]
    date_hierarchy = "deadline"
    actions = [close_calls]
    inlines = [CallQuestionInline, CallAnswerInline]
    fieldsets = [
        (None, {"fields": ["working_group", "title", "slug", "theme", "presentation"]}),
        ("Calendrier", {"fields": ["deadline", "opened_at", "opened_by", "closed_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                answer_count=Count("answers"),
                pending_count=Count("answers", filter=Q(answers__status=AnswerStatus.PENDING)),
            )
        )

    @admin.display(description="ouvert", boolean=True)
    def open_display(self, call):
        return call.is_open()

    @admin.display(description="réponses", ordering="answer_count")
    def answers_display(self, call):
        url = reverse("admin:workgroups_callanswer_changelist") + f"?call__id__exact={call.pk}"
        return format_html(
            '<a href="{}">{} dont {} en attente</a>', url, call.answer_count, call.pending_count
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.opened_by_id is None:
            obj.opened_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CallAnswer)
class CallAnswerAdmin(HistoryAdmin):
    """The answers, pending first; accepted or refused by the actions, never edited."""

    list_display = ["organisation_name", "full_name", "call", "status", "wants_account",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "wants_account", "call__working_group", "call"]
    list_select_related = ["call"]
    search_fields = ["organisation_name", "first_name", "last_name", "email", "call__title"]
    date_hierarchy = "created_at"
    actions = ["accept", "refuse"]
    fieldsets = [
        ("Réponse", {"fields": ["call", "organisation_name", "first_name", "last_name", "role",
                                "email", "phone", "answers_display", "wants_account",
                                "submitted_by", "created_at"]}),
        ("Décision", {"fields": ["status", "decided_by", "decided_at", "refusal_reason",
                                 "refusal_sent_at"]}),
        ("Ce qu'elle a donné", {"fields": ["organisation", "person", "membership", "account"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("status", "-created_at")

    def get_readonly_fields(self, request, obj=None):
        return [name for _, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request):
        return False  # made by the public form only

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing to save: decided by the actions, deleted once dealt with.
        extra_context = {**(extra_context or {}), "show_save": False,
                         "show_save_and_continue": False}  # fmt: skip
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="contact", ordering="last_name")
    def full_name(self, answer):
        return answer.full_name

    @admin.display(description="réponses aux questions")
    def answers_display(self, answer):
        """Each question in the call's order, then any the call no longer asks."""
        asked = [question.text for question in answer.call.questions.all()]
        order = asked + [text for text in answer.answers if text not in asked]
        pairs = [(text, answer.answers[text]) for text in order if text in answer.answers]
        return format_html_join(
            "", '<p><strong>{}</strong><br><span style="white-space: pre-line">{}</span></p>', pairs
        )

    @admin.action(permissions=["change"], description="Accepter : membre du groupe (et compte)")
    def accept(self, request, queryset):
        return self._decide(request, queryset, "accept")

    @admin.action(permissions=["change"], description="Refuser")
    def refuse(self, request, queryset):
        return self._decide(request, queryset, "refuse")

    def _decide(self, request, queryset, action):
        answers = list(queryset.select_related("call__working_group"))
        problems = [
            f"{answer} : elle est déjà {answer.get_status_display().lower()}."
            for answer in answers
            if answer.status != AnswerStatus.PENDING
        ]
        if request.POST.get("confirmation") == "oui" and not problems:
            try:
                if action == "accept":
                    services.accept_answers(answers, request)
                    done = f"{len(answers)} réponse(s) acceptée(s) : membres du groupe."
                else:
                    services.refuse_answers(
                        answers, request.user, reason=request.POST.get("reason", ""),
                        send_reason=request.POST.get("send_reason") == "oui",
                    )  # fmt: skip
                    done = f"{len(answers)} réponse(s) refusée(s)."
            except ValidationError as error:
                problems = error.messages
            else:
                self.message_user(request, done)
                return None
        return TemplateResponse(
            request,
            "admin/workgroups/answer_decision.html",
            {
                **self.admin_site.each_context(request),
                "title": "Accepter des réponses" if action == "accept" else "Refuser des réponses",
                "opts": self.model._meta,
                "answers": answers,
                "problems": problems,
                "action_name": action,
                "accepting": action == "accept",
                "reason": request.POST.get("reason", ""),
            },
        )
