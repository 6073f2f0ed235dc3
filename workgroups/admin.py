from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
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
    GroupMembership,
    Meeting,
    MembershipStatus,
    Programme,
    ProgrammePhase,
    WorkingGroup,
    WorkingGroupContact,
    WorkingGroupStatus,
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


class ProductionsFormSet(BaseInlineFormSet):
    """The group's productions, checked with the group as it would be saved: a group is
    closed with its productions linked here, or with « clos sans production » ticked."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("resource") and not form.cleaned_data.get("DELETE")
        ]
        refusal = services.closing_refusal(self.instance, len(kept))
        if refusal:
            raise ValidationError(refusal)


class ProductionInline(admin.TabularInline):
    """The library's resources linked to the group (its productions and supports), shown
    on the group's page so that closing it asks for them."""

    # The library's link to the groups (`Resource.working_groups`), seen from the group.
    model = WorkingGroup.resources.through
    formset = ProductionsFormSet
    autocomplete_fields = ["resource"]
    extra = 0
    verbose_name = "production (document de la bibliothèque)"
    verbose_name_plural = "productions du groupe (documents de la bibliothèque)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "resource":
            field.label = "Document"
        return field


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    fields = ["organisation", "person", "role", "status", "decided_at"]
    readonly_fields = ["decided_at"]
    autocomplete_fields = ["organisation", "person"]
    extra = 0
    show_change_link = True


class MeetingInline(admin.TabularInline):
    """The group's calendar at a glance; a meeting's agenda, minutes and file are edited
    on its own page (« Réunions »)."""

    model = Meeting
    fields = ["starts_at", "title", "audience"]
    extra = 0
    show_change_link = True


@admin.action(permissions=["change"], description="Clore les groupes sélectionnés")
def close_groups(modeladmin, request, queryset):
    """All or nothing: a group without productions linked (nor their absence confirmed)
    stops the action, with its reason."""
    groups = list(queryset)
    refusals = [
        refusal
        for group in groups
        if (refusal := services.closing_refusal(_closed(group), group.resources.count()))
    ]
    if refusals:
        for refusal in refusals:
            modeladmin.message_user(
                request, f"Aucun groupe n'a été clos. {refusal}", messages.ERROR
            )
        return
    for group in groups:
        services.close_group(group)
    modeladmin.message_user(request, f"{len(groups)} groupe(s) clos.", messages.SUCCESS)


def _closed(group):
    group.status = WorkingGroupStatus.CLOSED
    return group


@admin.register(WorkingGroup)
class WorkingGroupAdmin(
    ReviewPointsAdminMixin, SpreadsheetAdminMixin, HistoryAdmin, ImportExportModelAdmin
):
    resource_classes = [WorkingGroupSheet]
    list_display = ["code", "name", "status", "kind", "programme", "period_label"]
    list_filter = ["status", "programme", "kind"]
    list_select_related = ["programme"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"slug": ["code", "name"]}
    autocomplete_fields = ["programme", "member_organisations"]
    inlines = [WorkingGroupContactInline, MembershipInline, MeetingInline, ProductionInline]
    actions = [close_groups]
    fieldsets = [
        (None, {"fields": ["programme", "position", "code", "name", "slug", "kind"]}),
        ("État", {"fields": ["status", "closed_without_productions"]}),
        ("Période", {"fields": ["period_start", "period_end", "period_label"]}),
        ("Contenu", {"fields": ["origin", "objectives", "conclusions"]}),
        (
            "Structures membres d'après les documents",
            {"fields": ["member_organisations"]},
        ),
    ]


def _decide_each(modeladmin, request, queryset, decide, done: str):
    """Apply one decision to each selected membership; those it does not apply to are
    named, the others decided."""
    decided = 0
    for membership in queryset.select_related("working_group", "organisation", "person"):
        try:
            decide(membership, request.user)
        except ValidationError as error:
            modeladmin.message_user(request, f"{membership} : {error.messages[0]}", messages.ERROR)
        else:
            decided += 1
    if decided:
        modeladmin.message_user(request, f"{decided} {done}.", messages.SUCCESS)


@admin.action(permissions=["change"], description="Accepter les demandes sélectionnées")
def approve(modeladmin, request, queryset):
    _decide_each(
        modeladmin, request, queryset, services.approve_membership, "demande(s) acceptée(s)"
    )


@admin.action(permissions=["change"], description="Refuser les demandes sélectionnées")
def refuse(modeladmin, request, queryset):
    _decide_each(modeladmin, request, queryset, services.refuse_membership, "demande(s) refusée(s)")


@admin.action(permissions=["change"], description="Mettre fin aux adhésions sélectionnées")
def end(modeladmin, request, queryset):
    _decide_each(modeladmin, request, queryset, services.end_membership, "adhésion(s) terminée(s)")


@admin.register(GroupMembership)
class GroupMembershipAdmin(HistoryAdmin):
    """The groups' members; the requests waiting for a decision first."""

    list_display = ["who", "group_code", "organisation", "role", "status", "created_at",
                    "message_start"]  # fmt: skip
    list_filter = ["status", "role", "working_group"]
    list_select_related = ["working_group", "organisation", "person"]
    search_fields = ["organisation__name", "person__last_name", "person__first_name"]
    autocomplete_fields = ["working_group", "organisation", "person"]
    readonly_fields = ["decided_by", "decided_at"]
    fields = ["working_group", "organisation", "person", "role", "status", "message",
              "decided_by", "decided_at"]  # fmt: skip
    actions = [approve, refuse, end]

    @admin.display(description="personne", ordering="person__last_name")
    def who(self, membership):
        return membership.person.full_name if membership.person else "(structure seule)"

    @admin.display(description="groupe", ordering="working_group__code")
    def group_code(self, membership):
        return membership.working_group.code

    @admin.display(description="message")
    def message_start(self, membership):
        return Truncator(membership.message).chars(80)

    ordering = [
        Case(
            When(status=MembershipStatus.REQUESTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "-created_at",
    ]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "working_group", "starts_at", "place", "audience"]
    list_filter = ["working_group", "audience"]
    list_select_related = ["working_group"]
    search_fields = ["title", "place", "working_group__code", "working_group__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["working_group"]
    fieldsets = [
        (None, {"fields": ["working_group", "title", "slug", "audience"]}),
        ("Quand et où", {"fields": ["starts_at", "ends_at", "place", "visio_url"]}),
        ("Ordre du jour et compte rendu", {"fields": ["agenda", "minutes", "minutes_file"]}),
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
