"""Import and export of working groups (django-import-export), keyed by their codes."""

from import_export import widgets
from import_export.fields import Field

from organisations.organisation_spreadsheet import OrganisationsWidget
from vita.slugs import free_slug
from vita.spreadsheets import ChoiceWidget, CodeWidget, FrenchDateWidget, FrenchSheet
from workgroups.models import Programme, WorkingGroup, WorkingGroupKind


class WorkingGroupSheet(FrenchSheet):
    code = Field("code", "Code")
    name = Field("name", "Nom", widget=widgets.CharWidget())
    kind = Field("kind", "Type", widget=ChoiceWidget(WorkingGroupKind.choices, "un type de groupe"))
    programme = Field(
        "programme", "Programme", widget=CodeWidget(Programme, "slug", "un programme")
    )
    position = Field("position", "Ordre", widget=widgets.IntegerWidget())
    period_start = Field("period_start", "Début", widget=FrenchDateWidget())
    period_end = Field("period_end", "Fin", widget=FrenchDateWidget())
    period_label = Field("period_label", "Période", widget=widgets.CharWidget())
    origin = Field("origin", "Origine", widget=widgets.CharWidget())
    objectives = Field("objectives", "Objectifs", widget=widgets.CharWidget())
    conclusions = Field("conclusions", "Conclusions", widget=widgets.CharWidget())
    member_organisations = Field(
        "member_organisations", "Structures membres", widget=OrganisationsWidget()
    )

    class Meta:
        model = WorkingGroup
        import_id_fields = ["code"]
        fields = [
            "code", "name", "kind", "programme", "position", "period_start", "period_end",
            "period_label", "origin", "objectives", "conclusions", "member_organisations",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:  # a new group gets its slug from its code and name, errors or not
            if not instance.slug and instance.code:
                instance.slug = free_slug(WorkingGroup, f"{instance.code} {instance.name}")
