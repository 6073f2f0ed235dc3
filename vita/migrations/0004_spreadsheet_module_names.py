"""The spreadsheet modules and classes were renamed (`experiences/tabular.py` is
`experiences/card_spreadsheet.py`, `CardResource` is `CardSheet`…): import jobs and queued
tasks stored under the old dotted paths are pointed at the new ones."""

from django.db import migrations

RENAMED = {
    "experiences.tabular.CardResource": "experiences.card_spreadsheet.CardSheet",
    "organisations.tabular.OrganisationResource": (
        "organisations.organisation_spreadsheet.OrganisationSheet"
    ),
    "organisations.tabular.PersonResource": "organisations.organisation_spreadsheet.PersonSheet",
    "resources.tabular.LibraryResource": "resources.library_spreadsheet.LibrarySheet",
    "workgroups.tabular.WorkingGroupResource": "workgroups.group_spreadsheet.WorkingGroupSheet",
    "vita.imports.check_import": "vita.spreadsheet_jobs.check_import",
    "vita.imports.run_import": "vita.spreadsheet_jobs.run_import",
}


def _rename(apps, renamed):
    ImportJob = apps.get_model("vita", "ImportJob")
    TaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in renamed.items():
        ImportJob.objects.filter(resource_path=old).update(resource_path=new)
        TaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _rename(apps, RENAMED)


def backwards(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("vita", "0003_review_points"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
