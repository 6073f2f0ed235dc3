from django.contrib import admin

from experiences.models import (
    CardContact,
    CardLink,
    CardListing,
    CardTool,
    ExperienceCard,
    FicheCardLink,
    Frein,
    Levier,
    ProjectListing,
)
from resources.admin import FicheAdmin
from vita.admin import ArrayContainsFilter


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


@admin.register(ExperienceCard)
class ExperienceCardAdmin(admin.ModelAdmin):
    list_display = ["title", "porteur", "region", "category", "status", "published_at"]
    list_filter = ["status", "category", "region", "working_groups", MilieuFilter, "themes"]
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
        CardContactInline, FreinInline, LevierInline, CardToolInline, CardListingInline,
        CardLinkInline,
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
        ("Classement", {"fields": ["themes", "keywords", "resources"]}),
        ("Source", {"fields": ["source_resource", "source_page", "fiche"]}),
        ("Publication", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
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
class ProjectListingAdmin(admin.ModelAdmin):
    list_display = ["title", "working_group", "porteur_name", "region_as_written", "departement"]
    list_filter = ["working_group"]
    list_select_related = ["working_group", "departement"]
    search_fields = ["title", "porteur_name"]
    autocomplete_fields = ["working_group", "departement", "source_resource"]
