from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ExportMixin, ImportExportModelAdmin

from organisations import services
from organisations.enums import ConventionStatus, StructureType
from organisations.models import (
    AccountRequest,
    NetworkMember,
    Organisation,
    Person,
    PersonMention,
    Presentation,
    RequestStatus,
)
from organisations.organisation_spreadsheet import (
    NetworkMemberSheet,
    OrganisationSheet,
    PersonSheet,
    account_holders,
)
from vita import accounts
from vita.admin import (
    AccountAdmin,
    ArrayContainsFilter,
    FrenchSortedColumnsMixin,
    HistoryAdmin,
    NameLookupAdminMixin,
    ReviewPointsAdminMixin,
    choice_labels,
)
from vita.spreadsheets import FrenchCSV, FrenchExportForm, FrenchXLSX, SpreadsheetAdminMixin


class StructureTypeFilter(ArrayContainsFilter):
    title = "type de structure"
    parameter_name = "type"
    field_name = "structure_types"


class ConventionFilter(admin.SimpleListFilter):
    """Where each structure's partnership convention stands; « Membres du réseau »: signed
    and not past its end."""

    title = "convention de partenariat"
    parameter_name = "convention"

    def lookups(self, request, model_admin):
        return [
            ("membres", "Membres du réseau (convention signée, en vigueur)"),
            ("en_cours", "En cours de signature"),
            ("finie", "Échue ou résiliée"),
            ("aucune", "Sans convention"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "membres":
            return queryset.network_members()
        if value == "en_cours":
            return queryset.filter(convention_status=ConventionStatus.IN_PROGRESS)
        if value == "finie":
            past_end = Q(
                convention_status=ConventionStatus.SIGNED,
                convention_ends_on__lt=timezone.localdate(),
            )
            ended = [ConventionStatus.EXPIRED, ConventionStatus.TERMINATED]
            return queryset.filter(Q(convention_status__in=ended) | past_end)
        if value == "aucune":
            return queryset.filter(convention_status="")
        return queryset


CONVENTION_FIELDS = ["convention_status", "convention_signed_on", "convention_ends_on"]
MANAGE_CONVENTIONS = "organisations.manage_conventions"


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["first_name", "last_name", "role", "contact_is_public"]
    extra = 0
    show_change_link = True


class PresentationInline(admin.StackedInline):
    """Each document's presentation of the structure; the page shows the latest."""

    model = Presentation
    fields = ["document", "source_title", "year", "text"]
    extra = 0


class PersonMentionInline(admin.TabularInline):
    """The person as each document names them (role, structure, e-mail of its year)."""

    model = PersonMention
    fields = ["document", "year", "role", "organisation", "email"]
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(
    ReviewPointsAdminMixin,
    NameLookupAdminMixin,
    SpreadsheetAdminMixin,
    HistoryAdmin,
    ImportExportModelAdmin,
):
    resource_classes = [OrganisationSheet]
    list_display = ["name", "acronym", "types", "town", "departement", "parent"]
    list_filter = [StructureTypeFilter, "departement__region", ConventionFilter, "proposed"]
    list_select_related = ["departement", "parent"]
    search_fields = ["name", "acronym", "town"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["departement", "parent", "networks"]
    inlines = [PresentationInline, PersonInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "acronym", "slug", "structure_types", "description", "proposed"]},
        ),
        (
            "Coordonnées",
            {"fields": ["address", "postal_code", "town", "cedex", "departement", "phone", "email",
                        "website"]},
        ),
        ("Réseaux et groupe", {"fields": ["networks", "parent"]}),
        ("Convention de partenariat", {"fields": CONVENTION_FIELDS}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        """A convention is the animators' to record; the contributors read it."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(MANAGE_CONVENTIONS):
            readonly += CONVENTION_FIELDS
        return readonly

    @admin.display(description="types")
    def types(self, organisation):
        return choice_labels(organisation.structure_types, StructureType)


@admin.register(NetworkMember)
class NetworkMemberAdmin(FrenchSortedColumnsMixin, ExportMixin, admin.ModelAdmin):
    """« Membres du réseau »: the structures with a signed convention in force, for the
    animators, with their people who have an account; exported for French Excel (CSV « ; »
    with a BOM) or XLSX. Read only: a convention is recorded on the structure."""

    resource_classes = [NetworkMemberSheet]
    formats = [FrenchCSV, FrenchXLSX]
    export_form_class = FrenchExportForm
    list_display = ["structure", "place", "types", "convention", "accounts"]
    list_display_links = None
    list_filter = ["departement__region", StructureTypeFilter]
    search_fields = ["name", "acronym", "town"]

    def get_queryset(self, request):
        holders = Person.objects.filter(account__is_active=True).select_related("account")
        return (
            super()
            .get_queryset(request)
            .network_members()
            .select_related("departement__region")
            .prefetch_related(Prefetch("people", queryset=holders, to_attr="with_accounts"))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="structure", ordering="name")
    def structure(self, member):
        url = reverse("admin:organisations_organisation_change", args=[member.pk])
        return format_html('<a href="{}">{}</a>', url, member)

    @admin.display(description="région / département", ordering="departement__code")
    def place(self, member):
        departement = member.departement
        return f"{departement.region.name} — {departement}" if departement else "-"

    @admin.display(description="convention", ordering="convention_signed_on")
    def convention(self, member):
        signed = f"signée le {member.convention_signed_on:%d/%m/%Y}"
        ends = member.convention_ends_on
        return f"{signed}, jusqu'au {ends:%d/%m/%Y}" if ends else signed

    @admin.display(description="types")
    def types(self, member):
        return choice_labels(member.structure_types, StructureType)

    @admin.display(description="personnes avec un compte")
    def accounts(self, member):
        names = [f"{p.first_name} {p.last_name}".strip() for p in account_holders(member)]
        return ", ".join(names) or "-"


@admin.register(Person)
class PersonAdmin(
    FrenchSortedColumnsMixin, NameLookupAdminMixin, SpreadsheetAdminMixin, ImportExportModelAdmin
):
    resource_classes = [PersonSheet]
    list_display = [
        "last_name", "first_name", "role", "organisation", "contact_is_public", "public_state",
    ]  # fmt: skip
    list_filter = ["contact_is_public", ("withdrawn_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["account", "withdrawn_at", "anonymised_at"]
    list_select_related = ["organisation"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    autocomplete_fields = ["organisation"]
    inlines = [PersonMentionInline]

    @admin.display(description="pages publiques")
    def public_state(self, person):
        if person.withdrawn_at:
            return "Retirée"
        return "Anonymisée" if person.anonymised_at else "Nommée"


# -- accounts of the network's people ---------------------------------------------------


def _accept(modeladmin, request, account_request) -> bool:
    try:
        user = services.accept_account_request(account_request, request)
    except ValidationError as error:
        modeladmin.message_user(
            request, f"{account_request} : {' '.join(error.messages)}", messages.ERROR
        )
        return False
    modeladmin.message_user(
        request, f"{account_request} : compte ouvert, une invitation part vers {user.email}."
    )
    return True


@admin.action(permissions=["change"], description="Accepter (ouvrir les comptes)")
def accept_requests(modeladmin, request, queryset):
    for account_request in queryset.filter(status=RequestStatus.PENDING):
        _accept(modeladmin, request, account_request)


# The requests waiting for a decision first, then the newest.
PENDING_FIRST = Case(
    When(status=RequestStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
).asc()


@admin.register(AccountRequest)
class AccountRequestAdmin(admin.ModelAdmin):
    """The requests of « Demander un compte »: pending first. An animator corrects a
    request if need be, then accepts it (structure, person and account, all or nothing)
    or refuses it with a reason, from its page; several are accepted from the list."""

    list_display = [
        "created_at", "last_name", "first_name", "organisation_name", "email", "status",
        "decided_at",
    ]  # fmt: skip
    list_display_links = ["created_at", "last_name"]
    list_filter = ["status", "created_at"]
    search_fields = ["last_name", "first_name", "organisation_name", "email"]
    actions = [accept_requests]
    editable = ["first_name", "last_name", "organisation_name", "role", "email", "message"]
    decision = ["status", "decided_by", "decided_at", "person", "account", "created_at"]

    def has_add_permission(self, request):
        return False  # asked for on the site

    ordering = [PENDING_FIRST, "-created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by", "person", "account")

    def get_fields(self, request, obj=None):
        return [*self.editable, "refusal_reason", *self.decision]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == RequestStatus.PENDING:
            return self.decision
        return [*self.editable, "refusal_reason", *self.decision]

    def response_change(self, request, obj):
        pending = obj.status == RequestStatus.PENDING
        if pending and "_accept" in request.POST and self.has_change_permission(request, obj):
            if _accept(self, request, obj):
                return redirect("admin:organisations_accountrequest_changelist")
            return redirect(request.path)
        if pending and "_refuse" in request.POST and self.has_change_permission(request, obj):
            try:
                services.refuse_account_request(obj, request.user, obj.refusal_reason)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return redirect(request.path)
            self.message_user(request, f"{obj} : demande refusée, le motif lui est envoyé.")
            return redirect("admin:organisations_accountrequest_changelist")
        return super().response_change(request, obj)


class PersonAccountForm(accounts.MemberAccountForm):
    """A member's account tied to their person: one chosen among the people, or else the
    person of the account's name in the structure given, found or created."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        # The people's autocomplete, through an existing relation to a person.
        widget=AutocompleteSelect(AccountRequest._meta.get_field("person"), admin.site),
        label="Personne",
        help_text="La fiche personne du membre (par son nom). Laissée vide pour un nouveau "
        "compte : une fiche est trouvée ou créée à son nom, dans la structure ci-dessous.",
    )
    organisation_name = forms.CharField(
        label="Structure",
        required=False,
        max_length=255,
        help_text="Pour une nouvelle fiche personne : le nom de sa structure, trouvée parmi "
        "les structures connues ou créée.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("person", Person.objects.filter(account=self.instance).first())

    def clean_person(self):
        person = self.cleaned_data.get("person")
        if person is not None and person.account_id not in (None, self.instance.pk):
            raise forms.ValidationError(f"{person} a déjà un autre compte.")
        return person


# Registered again, with the person: the kernel's page (vita.admin) knows no person.
admin.site.unregister(User)


@admin.register(User)
class PersonAccountAdmin(AccountAdmin):
    """Members' accounts as `vita.admin.AccountAdmin` opens them, each tied to a person
    of the network (and so to a structure): chosen, or found or created from the name."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._for_members(request):
            return fieldsets
        return [*fieldsets, ("Personne du réseau", {"fields": ["person", "organisation_name"]})]

    def get_form(self, request, obj=None, **kwargs):
        if self._for_members(request):
            kwargs["form"] = PersonAccountForm
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    @transaction.atomic
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "person" not in form.cleaned_data:
            return
        user = form.instance
        try:
            services.link_account(
                user,
                form.cleaned_data["person"],
                first_name=user.first_name,
                last_name=user.last_name,
                organisation_name=form.cleaned_data.get("organisation_name", ""),
            )
        except ValidationError as error:  # taken since the form was checked
            self.message_user(request, " ".join(error.messages), messages.ERROR)
