from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from resources.library_spreadsheet import LibrarySheet
from resources.models import (
    Collection,
    Fiche,
    FicheBlock,
    FicheKeyPoint,
    FicheLink,
    IssueMailing,
    Keyword,
    KeywordEntry,
    Resource,
    ResourceLink,
    Theme,
)
from vita.admin import (
    FrenchSortedColumnsMixin,
    HistoryAdmin,
    ReviewPointsAdminMixin,
    WorkflowAdminMixin,
)
from vita.sorting import FrenchSortKey
from vita.spreadsheets import SpreadsheetAdminMixin
from vita.subscriptions.topics import get_topic


@admin.register(Theme)
class ThemeAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Keyword)
class KeywordAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Collection)
class CollectionAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "position"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class ResourceLinkInline(admin.TabularInline):
    model = ResourceLink
    extra = 0


class ReadOnlyAdminMixin:
    """Rows the portal writes and the animators only read."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class IssueMailingInline(ReadOnlyAdminMixin, admin.TabularInline):
    """On an issue of the Lettre: whether and when it was mailed to the subscribers."""

    model = IssueMailing
    fields = ["topic", "status", "created_at", "sent_at", "recipients"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = "envoi aux abonnés"


@admin.register(IssueMailing)
class IssueMailingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Each new issue of the Lettre VITA mailed to its subscribers (`resources.mailings`),
    read only: sent by the scheduled job « mail-new-issues », once."""

    list_display = ["resource", "topic_label", "status", "created_at", "sent_at", "recipients"]
    list_filter = ["status", "topic"]
    list_select_related = ["resource"]
    fields = ["resource", "topic", "status", "created_at", "sent_at", "recipients", "message"]
    readonly_fields = fields

    @admin.display(description="envoi", ordering="topic")
    def topic_label(self, mailing):
        topic = get_topic(mailing.topic)
        return topic.label if topic else mailing.topic


@admin.register(Resource)
class ResourceAdmin(
    ReviewPointsAdminMixin,
    WorkflowAdminMixin,
    SpreadsheetAdminMixin,
    HistoryAdmin,
    ImportExportModelAdmin,
):
    resource_classes = [LibrarySheet]
    preview_url_name = "resources:preview"
    list_display = ["title", "kind", "collection", "year", "access_level", "availability", "status"]
    list_filter = ["status", "kind", "access_level", "availability", "collection", "themes"]
    list_select_related = ["collection"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "author_people", "author_organisations", "publisher", "collection", "working_groups",
        "themes", "part_of",
    ]  # fmt: skip
    readonly_fields = ["download_count", "created_at", "updated_at"]
    inlines = [ResourceLinkInline, IssueMailingInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description", "themes"]}),
        ("Fichier et liens", {"fields": ["file", "access_level", "availability",
                                         "where_to_find"]}),
        (
            "Édition",
            {"fields": ["author_people", "author_organisations", "publisher", "year",
                        "version_label", "version_date", "part_of", "part_of_detail",
                        "collection", "position"]},
        ),
        ("Groupes de travail", {"fields": ["working_groups"]}),
        ("Publication", {"fields": ["status", "published_at", "review_comment", "download_count",
                                    "created_at", "updated_at"]}),
    ]  # fmt: skip


class FicheBlockInline(admin.StackedInline):
    model = FicheBlock
    extra = 0


class FicheKeyPointInline(admin.TabularInline):
    model = FicheKeyPoint
    extra = 0


class FicheLinkInline(admin.TabularInline):
    model = FicheLink
    fk_name = "source"
    autocomplete_fields = ["target"]
    extra = 0
    verbose_name = "fiche citée"
    verbose_name_plural = "fiches citées"


class KeywordEntryInline(admin.TabularInline):
    model = KeywordEntry
    autocomplete_fields = ["keyword"]
    extra = 0


@admin.register(Fiche)
class FicheAdmin(FrenchSortedColumnsMixin, ReviewPointsAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "part", "section", "position"]
    list_filter = ["part", "resource__kind"]
    list_select_related = ["resource"]
    search_fields = ["code", "resource__title"]
    autocomplete_fields = ["resource"]
    inlines = [FicheBlockInline, FicheKeyPointInline, FicheLinkInline, KeywordEntryInline]

    def get_queryset(self, request):
        # A fiche is named by its resource's title, in lists and autocompletes alike.
        return super().get_queryset(request).select_related("resource")

    @admin.display(description="titre", ordering=FrenchSortKey("resource__title"))
    def title(self, fiche):
        return fiche.resource.title
