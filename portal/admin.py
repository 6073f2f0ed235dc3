from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect

from organisations.models import DataRequestKind, DataRequestStatus, Person, PersonalDataRequest
from organisations.services import withdraw_person
from portal.models import AccountDeletion, SitePage
from portal.services import anonymise_person, handle_personal_data_request
from vita.admin import HistoryAdmin


@admin.register(SitePage)
class SitePageAdmin(HistoryAdmin):
    """The footer's pages: written here, never added or deleted (the footer links to each)."""

    list_display = ["title", "slug", "updated_at"]
    fields = ["title", "body"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def view_on_site(self, obj):
        return obj.get_absolute_url()


# -- personal-data rights: they write across the apps (portal.services) -----------------


def _rights_action(name: str, description: str, service, done: str):
    @admin.action(permissions=["change"], description=description)
    def action(modeladmin, request, queryset):
        changed = sum(service(person) for person in queryset)
        modeladmin.message_user(request, f"{changed} personne(s) {done}.")

    action.__name__ = name
    return action


withdraw_people = _rights_action(
    "withdraw_people",
    "Retirer des pages publiques",
    withdraw_person,
    "retirée(s) des pages publiques",
)
anonymise_people = _rights_action(
    "anonymise_people", "Anonymiser (initiales, sans fonction ni coordonnées)",
    anonymise_person, "anonymisée(s)",
)  # fmt: skip

# The people's page (organisations.admin) with the rights' actions, which reach the cards'
# contacts: registered again here, where the site may write across the apps.
PersonAdmin = type(admin.site._registry[Person])
admin.site.unregister(Person)


@admin.register(Person)
class PersonRightsAdmin(PersonAdmin):
    actions = [*(PersonAdmin.actions or []), withdraw_people, anonymise_people]


def _handle(modeladmin, request, data_request, done: str, note: str = "") -> bool:
    try:
        handle_personal_data_request(data_request, request.user, done, note)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return False
    modeladmin.message_user(request, f"« {data_request} » : traitée, la réponse lui est envoyée.")
    return True


@admin.action(permissions=["change"], description="Faire ce qui est demandé")
def do_what_is_asked(modeladmin, request, queryset):
    for data_request in queryset.filter(status=DataRequestStatus.PENDING):
        _handle(modeladmin, request, data_request, data_request.kind)


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(admin.ModelAdmin):
    """« Retrait ou anonymisation »: the animator chooses the person the request is about,
    then withdraws or anonymises them (or closes it with a note); the request keeps who
    did what and when, and the requester gets the answer by e-mail."""

    list_display = ["created_at", "name_as_shown", "kind", "status", "done", "handled_at"]
    list_display_links = ["created_at", "name_as_shown"]
    list_filter = ["status", "kind"]
    search_fields = ["name_as_shown", "email", "pages"]
    actions = [do_what_is_asked]
    autocomplete_fields = ["person"]
    asked = ["name_as_shown", "pages", "email", "kind", "message", "created_at"]
    trace = ["status", "done", "handled_by", "handled_at"]

    def has_add_permission(self, request):
        return False  # asked for on the site

    ordering = [
        Case(
            When(status=DataRequestStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "-created_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "handled_by")

    def get_fields(self, request, obj=None):
        return [*self.asked, "person", "note", *self.trace]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == DataRequestStatus.PENDING:
            return [*self.asked, *self.trace]
        return [*self.asked, "person", "note", *self.trace]

    def response_change(self, request, obj):
        buttons = {
            "_withdraw": DataRequestKind.WITHDRAWAL,
            "_anonymise": DataRequestKind.ANONYMISATION,
            "_decline": "",
        }
        pressed = next((name for name in buttons if name in request.POST), None)
        if (
            pressed
            and obj.status == DataRequestStatus.PENDING
            and self.has_change_permission(request, obj)
        ):
            if _handle(self, request, obj, buttons[pressed], obj.note):
                return redirect("admin:organisations_personaldatarequest_changelist")
            return redirect(request.path)
        return super().response_change(request, obj)


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    """The trace of the accounts their members deleted: read only, no personal data."""

    list_display = [
        "deleted_at",
        "person_deleted",
        "memberships_deleted",
        "account_requests_deleted",
        "subscriptions_deleted",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
