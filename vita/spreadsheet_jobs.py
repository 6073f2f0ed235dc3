"""Large admin imports, run by the task worker (django-tasks with its database backend,
`manage.py db_worker`): the web request only stores the file and answers with a page
that follows the job.

A job first checks the whole file in chunks of rows, each chunk in a transaction that is
rolled back (so its progress can be saved between chunks), and lists every error. Once an
animator confirms a file without errors, the worker imports it in one transaction: any
failure writes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from vita.models import ImportJob
from vita.spreadsheet_preview import errors_of
from vita.spreadsheets import FORMATS

CHUNK_ROWS = 2000
MAX_LISTED_ERRORS = 200


def start(user, model_label: str, resource_class, format_index: int, upload) -> ImportJob:
    """Stores the file and queues its check."""
    job = ImportJob(
        user=user,
        model=model_label,
        resource_path=f"{resource_class.__module__}.{resource_class.__qualname__}",
        format_index=format_index,
        original_name=upload.name[:255],
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


def confirm(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.IMPORTING, checked_rows=0
    )
    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def _dataset(job: ImportJob):
    file_format = FORMATS[job.format_index]()
    with job.file.open("rb") as stored:
        content = stored.read()
    if not file_format.is_binary():
        content = content.decode("utf-8-sig")
    return file_format.create_dataset(content)


def _messages(result) -> list[str]:
    """« Ligne N — Colonne — message » for every error of `result`, N the spreadsheet's
    row (the header is row 1), as the preview and the public form say it."""
    return [str(error) for error in errors_of(result)]


@task()
def check_import(job_id: int) -> None:
    job = ImportJob.objects.get(pk=job_id)
    try:
        dataset = _dataset(job)
    except Exception as error:  # the formats raise many kinds for a damaged file
        _finish(job, ImportJob.Status.INVALID, errors=[f"Le fichier ne peut pas être lu : {error}"])
        return
    job.total_rows = len(dataset)
    job.save(update_fields=["total_rows"])
    resource = import_string(job.resource_path)(html_diff=False)
    errors, counts = [], {}
    identifiers_seen = {}  # across chunks: an Identifiant given twice is an error
    for start_row in range(0, len(dataset), CHUNK_ROWS):
        chunk = dataset.subset(rows=range(start_row, min(start_row + CHUNK_ROWS, len(dataset))))
        chunk.headers = dataset.headers
        chunk.sheet_rows = getattr(dataset, "sheet_rows", None)  # indexed from the file's start
        result = resource.import_data(
            chunk,
            dry_run=True,
            raise_errors=False,
            user=job.user,
            first_row=start_row,
            identifiers_seen=identifiers_seen,
        )
        errors += _messages(result)
        for key, value in result.totals.items():
            counts[key] = counts.get(key, 0) + value
        ImportJob.objects.filter(pk=job.pk).update(checked_rows=start_row + len(chunk))
    status = ImportJob.Status.INVALID if errors else ImportJob.Status.CHECKED
    _finish(job, status, errors=errors, counts=counts)


@task()
def run_import(job_id: int) -> None:
    job = ImportJob.objects.get(pk=job_id)
    resource = import_string(job.resource_path)(html_diff=False)
    dataset = _dataset(job)
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=False, raise_errors=False, user=job.user)
        errors = _messages(result)
        if errors:
            transaction.set_rollback(True)
    if errors:
        _finish(job, ImportJob.Status.FAILED, errors=errors)
    else:
        _finish(job, ImportJob.Status.DONE, counts=dict(result.totals))
        job.file.delete(save=False)  # imported: the file has no further use
        ImportJob.objects.filter(pk=job.pk).update(file="")


def _finish(job: ImportJob, status, errors=(), counts=None) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        errors=list(errors)[:MAX_LISTED_ERRORS],
        counts=counts if counts is not None else job.counts,
        checked_rows=job.total_rows,
        finished_at=timezone.now(),
    )
