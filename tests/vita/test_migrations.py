import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_pending_migrations():
    # Exits with status 1 (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_import_jobs_stored_under_the_old_spreadsheet_names_are_renamed():
    """A job or a queued task stored before the spreadsheet modules were renamed still
    finds its class and its task after the migration; backwards, the old names."""
    import importlib

    from django.apps import apps
    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    from vita.models import ImportJob

    renaming = importlib.import_module("vita.migrations.0004_spreadsheet_module_names")
    job = ImportJob.objects.create(
        model="experiences.experiencecard",
        resource_path="experiences.tabular.CardResource",
        format_index=0,
        original_name="fiches.csv",
    )

    renaming.forwards(apps, None)

    job.refresh_from_db()
    assert import_string(job.resource_path).__name__ == "CardSheet"
    for new in renaming.RENAMED.values():
        import_string(new)  # every new name exists
    renaming.backwards(apps, None)
    job.refresh_from_db()
    assert job.resource_path == "experiences.tabular.CardResource"
    assert DBTaskResult.objects.model._meta.get_field("task_path")
