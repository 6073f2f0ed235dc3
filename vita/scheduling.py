"""Scheduled jobs: declared once in code, each occurrence run once and only once.

django-tasks runs jobs but schedules none. A job is declared in an app's
`scheduled_jobs.py` with `@scheduled(name, schedule, description)` on a function (run by
the scheduler itself) or on a django-tasks task (enqueued for the worker). Two ways run
what is due, with the same code:

- `manage.py run_scheduler`: a small process that looks every 30 seconds (`make run`
  starts it beside the worker);
- `manage.py run_due_jobs`: one pass, for a cron job or a systemd timer.

**Once and only once.** An occurrence is claimed by inserting its `ScheduledRun(job,
due_at)` row with `ON CONFLICT DO NOTHING`: PostgreSQL lets one insert win, and only the
scheduler whose insert returned a row runs the job. Two schedulers, on one machine or
two, never run the same occurrence twice.

**Missed occurrences.** Only a job's latest occurrence is ever due: a scheduler that comes
back after a day down runs an hourly job once, not 24 times.

**Failures.** A function job runs in a transaction: if it raises, it writes nothing, its
error is logged and kept on its run (visible in the admin), the other jobs still run, and
the job is tried again at its next occurrence. A scheduler killed in the middle of a job
leaves its run « En cours »: that occurrence is not run again (at most once), the next one
is.

Why our own and not a library: django-apscheduler (APScheduler) needs exactly one
scheduler; django-tasks-scheduler needs Redis; procrastinate and django-q2 are a second
queue beside django-tasks; django-crontab and django-cron are no longer kept up; the
django-tasks schedulers (django-periodic-tasks, django-scheduled-tasks) are young 0.x
releases. The claim above is one SQL statement on the database we already have.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task

from vita.models import ScheduledRun

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5000  # the end of a long traceback is the useful part


@dataclass(frozen=True)
class Every:
    """Every N minutes, on the clock (every 15 minutes: at :00, :15, :30 and :45)."""

    minutes: int

    def last_due(self, now: datetime) -> datetime:
        step = self.minutes * 60
        return datetime.fromtimestamp(int(now.timestamp()) // step * step, UTC)

    def next_due(self, now: datetime) -> datetime:
        return self.last_due(now) + timedelta(minutes=self.minutes)

    def __str__(self):
        return f"toutes les {self.minutes} minutes"


@dataclass(frozen=True)
class Daily:
    """Every day at a time of the site's time zone (Europe/Paris), summer and winter."""

    at: time

    def _on(self, day) -> datetime:
        return datetime.combine(day, self.at, ZoneInfo(settings.TIME_ZONE)).astimezone(UTC)

    def last_due(self, now: datetime) -> datetime:
        today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
        due = self._on(today)
        return due if due <= now else self._on(today - timedelta(days=1))

    def next_due(self, now: datetime) -> datetime:
        today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
        due = self._on(today)
        return due if due > now else self._on(today + timedelta(days=1))

    def __str__(self):
        return f"chaque jour à {self.at:%H:%M}"


@dataclass(frozen=True)
class Job:
    name: str  # stable: the runs are kept under it
    schedule: Every | Daily
    target: Callable | Task  # a function run here, or a task enqueued for the worker
    description: str

    @property
    def enqueues(self) -> bool:
        return isinstance(self.target, Task)


REGISTRY: dict[str, Job] = {}
_discovered = False


def scheduled(name: str, schedule: Every | Daily, description: str):
    """Declares the decorated function or django-tasks task as a scheduled job."""

    def register(target):
        if name in REGISTRY:
            raise ValueError(f"A scheduled job is already named {name!r}")
        REGISTRY[name] = Job(name, schedule, target, description)
        return target

    return register


def registered_jobs() -> list[Job]:
    """Every declared job: each app's `scheduled_jobs` module is imported once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("scheduled_jobs")
        _discovered = True
    return sorted(REGISTRY.values(), key=lambda job: job.name)


def run_due_jobs(now: datetime | None = None, jobs: list[Job] | None = None) -> list[ScheduledRun]:
    """Runs every job whose latest occurrence no scheduler has claimed yet; returns the
    runs this call made. A failing job does not stop the others."""
    now = now or timezone.now()
    runs = []
    for job in registered_jobs() if jobs is None else jobs:
        run = _claim(job, job.schedule.last_due(now))
        if run is not None:
            _run(job, run)
            runs.append(run)
    return runs


def _claim(job: Job, due_at: datetime) -> ScheduledRun | None:
    """Inserts the occurrence's row; None when another scheduler inserted it first. Outside
    a transaction the insert commits at once, so the claim holds whatever happens next."""
    run = ScheduledRun(
        job=job.name,
        due_at=due_at,
        status=ScheduledRun.Status.RUNNING,
        started_at=timezone.now(),
        claimed_by=f"{socket.gethostname()}:{os.getpid()}"[:200],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO vita_scheduledrun
                (job, due_at, status, started_at, message, claimed_by)
            VALUES (%s, %s, %s, %s, '', %s)
            ON CONFLICT (job, due_at) DO NOTHING
            RETURNING id
            """,
            [run.job, run.due_at, run.status, run.started_at, run.claimed_by],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    run.pk = row[0]
    return run


def _run(job: Job, run: ScheduledRun) -> None:
    try:
        if job.enqueues:
            result = job.target.enqueue()
            run.status, run.message = ScheduledRun.Status.ENQUEUED, f"Tâche {result.id}"
        else:
            with transaction.atomic():
                outcome = job.target()
            run.status, run.message = ScheduledRun.Status.SUCCEEDED, str(outcome or "")
    except Exception:  # any job's error: logged and kept, the next job still runs
        logger.exception("Scheduled job %s (due %s) failed", job.name, run.due_at.isoformat())
        run.status = ScheduledRun.Status.FAILED
        run.message = traceback.format_exc()[-MAX_MESSAGE_CHARS:]
    run.finished_at = timezone.now()
    ScheduledRun.objects.filter(pk=run.pk).update(
        status=run.status, message=run.message, finished_at=run.finished_at
    )
    logger.info("Scheduled job %s (due %s): %s", job.name, run.due_at.isoformat(), run.status)
