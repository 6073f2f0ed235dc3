from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from experiences.card_spreadsheet import CardSheet
from experiences.models import (
    CardContact,
    CardLink,
    CardListing,
    CardSubmission,
    CardTool,
    ExperienceCard,
    FicheCardLink,
    Frein,
    Levier,
    ProjectListing,
)
from resources.admin import FicheAdmin
from vita.admin import (
    ArrayContainsFilter,
    FrenchSortedColumnsMixin,
    HistoryAdmin,
    ReviewPointsAdminMixin,
    WorkflowAdminMixin,
)
from vita.spreadsheets import SpreadsheetAdminMixin


class MilieuFilter(ArrayContainsFilter):
    title = "milieu"
    parameter_name = "milieu"
    field_name = "milieux"


class CardContactInline(admin.TabularInline):
    model = CardContact
    autocomplete_fields = ["person", "working_groups"]
    extra = 0


class FreinInline(admin.TabularInline):
    model = Frein
    fields = ["position", "topic", "text"]
    extra = 0


class LevierInline(admin.TabularInline):
    model = Levier
    fields = ["position", "topic", "text"]
    extra = 0


class CardToolInline(admin.TabularInline):
    model = CardTool
    autocomplete_fields = ["resource"]
    extra = 0


class CardLinkInline(admin.TabularInline):
    model = CardLink
    fk_name = "card"
    autocomplete_fields = ["target_card", "target_resource"]
    extra = 0


class CardListingInline(admin.TabularInline):
    model = CardListing
    autocomplete_fields = ["working_group"]
    extra = 0


class CardSubmissionInline(admin.StackedInline):
    """Who proposed the card: read-only, for the animators (never on public pages)."""

    model = CardSubmission
    fields = ["contact_name", "contact_email", "contact_phone", "source", "submitted_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0


@admin.register(CardSubmission)
class CardSubmissionAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["card", "contact_name", "contact_email", "source", "submitted_at"]
    list_filter = ["source", "card__status"]
    list_select_related = ["card"]
    search_fields = ["card__title", "contact_name", "contact_email"]
    autocomplete_fields = ["card"]
    readonly_fields = ["submitted_at"]
    date_hierarchy = "submitted_at"


@admin.register(ExperienceCard)
class ExperienceCardAdmin(
    ReviewPointsAdminMixin,
    WorkflowAdminMixin,
    SpreadsheetAdminMixin,
    HistoryAdmin,
    ImportExportModelAdmin,
):
    resource_classes = [CardSheet]
    preview_url_name = "experiences:preview"
    list_display = ["title", "porteur", "region", "category", "status", "published_at"]
    list_filter = [
        "status", "category", "region", "working_groups", MilieuFilter, "themes",
        "submission__source",
    ]  # fmt: skip
    list_select_related = ["porteur", "region"]
    search_fields = ["title", "porteur__name", "porteur__acronym", "territory_name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "porteur", "partners", "region", "departements", "resources", "themes", "keywords",
        "source_resource", "fiche",
    ]  # fmt: skip
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "published_at"
    inlines = [
        CardSubmissionInline, CardContactInline, FreinInline, LevierInline, CardToolInline,
        CardListingInline, CardLinkInline,
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "porteur", "partners"]}),
        (
            "Territoire",
            {"fields": ["region", "region_as_written", "departements", "territory_name", "scale",
                        "milieux"]},
        ),
        ("Période et chiffres", {"fields": ["start_year", "end_year", "key_figures"]}),
        (
            "L'expérience",
            {"fields": ["context", "actions", "results", "perspectives", "problematiques"]},
        ),
        ("Mutualisation", {"fields": ["mutualisation_sought", "mutualisation_offered"]}),
        ("Outils et ressources", {"fields": ["tools_intro"]}),
        ("Classement", {"fields": ["themes", "keywords", "resources"]}),
        ("Source", {"fields": ["source_resource", "source_page", "fiche"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "review_comment", "created_at", "updated_at"]},
        ),
    ]  # fmt: skip


class FicheCardLinkInline(admin.TabularInline):
    model = FicheCardLink
    autocomplete_fields = ["card"]
    extra = 0
    verbose_name = "fiche expérience citée"
    verbose_name_plural = "fiches expériences citées"


# The manual's fiches cite experience cards too; the inline lives here so that
# resources does not depend on experiences.
FicheAdmin.inlines = [*FicheAdmin.inlines, FicheCardLinkInline]


@admin.register(ProjectListing)
class ProjectListingAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["title", "working_group", "porteur_name", "region_as_written", "departement"]
    list_filter = ["working_group"]
    list_select_related = ["working_group", "departement"]
    search_fields = ["title", "porteur_name"]
    autocomplete_fields = ["working_group", "departement", "source_resource"]
