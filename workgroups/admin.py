from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from vita.admin import HistoryAdmin, ReviewPointsAdminMixin
from vita.spreadsheets import SpreadsheetAdminMixin
from workgroups.group_spreadsheet import WorkingGroupSheet
from workgroups.models import Programme, ProgrammePhase, WorkingGroup, WorkingGroupContact


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
