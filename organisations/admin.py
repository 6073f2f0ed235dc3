from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from organisations.enums import StructureType
from organisations.models import Organisation, Person, PersonMention, Presentation
from organisations.organisation_spreadsheet import OrganisationSheet, PersonSheet
from vita.admin import (
    ArrayContainsFilter,
    FrenchSortedColumnsMixin,
    HistoryAdmin,
    NameLookupAdminMixin,
    ReviewPointsAdminMixin,
    choice_labels,
)
from vita.spreadsheets import SpreadsheetAdminMixin


class StructureTypeFilter(ArrayContainsFilter):
    title = "type de structure"
    parameter_name = "type"
    field_name = "structure_types"


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
    list_filter = [StructureTypeFilter, "departement__region", "proposed"]
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
    ]  # fmt: skip

    @admin.display(description="types")
    def types(self, organisation):
        return choice_labels(organisation.structure_types, StructureType)


@admin.register(Person)
class PersonAdmin(
    FrenchSortedColumnsMixin, NameLookupAdminMixin, SpreadsheetAdminMixin, ImportExportModelAdmin
):
    resource_classes = [PersonSheet]
    list_display = ["last_name", "first_name", "role", "organisation", "contact_is_public"]
    list_filter = ["contact_is_public"]
    list_select_related = ["organisation"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    autocomplete_fields = ["organisation"]
    inlines = [PersonMentionInline]
