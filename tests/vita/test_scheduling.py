"""Scheduled jobs (vita.scheduling): each occurrence runs once, and only once, however
many schedulers look at the same time."""

import threading
import time as clock
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tests import factories
from vita import scheduling
from vita.models import ScheduledRun
from vita.scheduling import Daily, Every, Job, run_due_jobs

AT_10_07 = datetime(2026, 3, 2, 10, 7, tzinfo=UTC)
QUARTER = Every(minutes=15)


def counting_job(name="count", schedule=QUARTER, pause=0.0):
    calls = []
    lock = threading.Lock()

    def target():
        clock.sleep(pause)
        with lock:
            calls.append(1)
        return "fait"

    return Job(name, schedule, target, "compte"), calls


def failing():
    AccessAttempt.objects.create(
        user_agent="x", ip_address="10.0.0.1", username="u", failures_since_start=1
    )
    raise RuntimeError("boom")


@task()
def scheduled_noop() -> None:
    pass


@pytest.fixture
def registry(monkeypatch):
    """An empty registry the test fills, instead of the declared jobs."""
    jobs = {}
    monkeypatch.setattr(scheduling, "REGISTRY", jobs)
    monkeypatch.setattr(scheduling, "_discovered", True)
    return jobs


def test_schedules_on_the_clock_and_in_paris_time():
    assert Every(minutes=15).last_due(AT_10_07) == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert Every(minutes=15).next_due(AT_10_07) == datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
    at_4 = Daily(time(4, 0))
    # Winter: 04:00 in Paris is 03:00 UTC; summer: 02:00 UTC.
    assert at_4.last_due(AT_10_07) == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 1, 0, tzinfo=UTC)  # 03:00 in Paris: not yet today's
    assert at_4.last_due(summer) == datetime(2026, 6, 30, 2, 0, tzinfo=UTC)
    assert at_4.next_due(summer) == datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_due_job_runs_once_and_its_run_is_kept():
    job, calls = counting_job()
    runs = run_due_jobs(AT_10_07, [job])
    assert run_due_jobs(AT_10_07 + timedelta(minutes=5), [job]) == []
    assert len(calls) == 1 and len(runs) == 1
    run = ScheduledRun.objects.get()
    assert (run.job, run.due_at, run.status, run.message) == (
        "count",
        datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        ScheduledRun.Status.SUCCEEDED,
        "fait",
    )
    assert run.finished_at >= run.started_at and run.claimed_by


@pytest.mark.django_db
def test_a_job_not_due_does_not_run_then_runs_at_its_next_occurrence():
    job, calls = counting_job()
    run_due_jobs(AT_10_07, [job])
    assert run_due_jobs(AT_10_07 + timedelta(minutes=7, seconds=59), [job]) == []
    assert len(run_due_jobs(AT_10_07 + timedelta(minutes=8), [job])) == 1  # 10:15
    assert len(calls) == 2


@pytest.mark.django_db
def test_missed_occurrences_run_once_when_the_scheduler_comes_back():
    job, calls = counting_job()
    daily, daily_calls = counting_job("daily", Daily(time(4, 0)))
    run_due_jobs(AT_10_07, [job, daily])
    three_days_later = AT_10_07 + timedelta(days=3, hours=6)  # 16:07 UTC
    runs = run_due_jobs(three_days_later, [job, daily])
    assert [(run.job, run.due_at) for run in runs] == [
        ("count", datetime(2026, 3, 5, 16, 0, tzinfo=UTC)),
        ("daily", datetime(2026, 3, 5, 3, 0, tzinfo=UTC)),
    ]
    assert len(calls) == 2 and len(daily_calls) == 2


@pytest.mark.django_db
def test_a_failing_job_is_recorded_writes_nothing_and_does_not_stop_the_others(caplog):
    job, calls = counting_job("z-after")
    broken = Job("a-broken", Every(minutes=15), failing, "échoue")
    runs = run_due_jobs(AT_10_07, [broken, job])
    assert [run.status for run in runs] == [
        ScheduledRun.Status.FAILED,
        ScheduledRun.Status.SUCCEEDED,
    ]
    failed = ScheduledRun.objects.get(job="a-broken")
    assert "RuntimeError: boom" in failed.message and failed.finished_at
    assert not AccessAttempt.objects.exists()  # its transaction was rolled back
    assert "Scheduled job a-broken" in caplog.text and "boom" in caplog.text
    assert len(calls) == 1
    # Tried again at its next occurrence, not before.
    assert run_due_jobs(AT_10_07 + timedelta(minutes=1), [broken]) == []
    assert len(run_due_jobs(AT_10_07 + timedelta(minutes=8), [broken])) == 1


@pytest.mark.django_db
def test_a_task_job_is_enqueued_for_the_worker():
    job = Job("noop", Every(minutes=60), scheduled_noop, "rien")
    (run,) = run_due_jobs(AT_10_07, [job])
    assert run.status == ScheduledRun.Status.ENQUEUED
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("scheduled_noop") and str(queued.id) in run.message


def test_a_name_is_declared_once(registry):
    scheduling.scheduled("one", Every(minutes=5), "")(lambda: None)
    with pytest.raises(ValueError, match="one"):
        scheduling.scheduled("one", Every(minutes=5), "")(lambda: None)


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_occurrence_once():
    """Four threads, each with its own database connection, look at the same moment,
    for five occurrences in turn: every occurrence runs exactly once."""
    job, calls = counting_job(pause=0.2)
    occurrences = [AT_10_07 + timedelta(minutes=15 * n) for n in range(5)]
    barrier = threading.Barrier(4)
    made = []

    def scheduler():
        try:
            for now in occurrences:
                barrier.wait(timeout=10)
                made.extend(run_due_jobs(now, [job]))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(calls) == 5 and len(made) == 5
    assert ScheduledRun.objects.filter(status=ScheduledRun.Status.SUCCEEDED).count() == 5
    assert len({run.claimed_by for run in made}) == 1  # one process, so one host:pid


@pytest.mark.django_db(transaction=True)
def test_two_scheduler_processes_run_the_declared_jobs_once(run_manage, settings):
    # Where the test database really is: the embedded server's socket and port are only
    # known once it runs, not from the settings.
    params = connection.get_connection_params()
    host = quote(params.get("host") or "127.0.0.1", safe="")
    url = f"postgresql://{params['user']}@{host}:{params.get('port') or 5432}/{params['dbname']}"
    outputs = []

    def scheduler():
        outputs.append(run_manage("run_due_jobs", env={"DATABASE_URL": url, "DEBUG": "true"}))

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [result.returncode for result in outputs] == [0, 0], [r.stderr for r in outputs]
    declared = [job.name for job in scheduling.registered_jobs()]
    assert sorted(ScheduledRun.objects.values_list("job", flat=True)) == declared
    printed = "".join(result.stdout for result in outputs)
    assert all(printed.count(f"{name}: Réussie") == 1 for name in declared)


@pytest.mark.django_db
def test_run_due_jobs_command_reports_and_fails_on_a_failed_job(registry, capsys):
    job, calls = counting_job()
    registry["count"] = job
    call_command("run_due_jobs")
    assert "count: Réussie. fait" in capsys.readouterr().out
    call_command("run_due_jobs")
    assert "Aucune tâche à lancer." in capsys.readouterr().out
    registry["broken"] = Job("broken", Every(minutes=15), failing, "échoue")
    with pytest.raises(CommandError, match="Échec de : broken"):
        call_command("run_due_jobs")
    assert len(calls) == 1


@pytest.mark.django_db
def test_run_scheduler_runs_what_is_due(registry, capsys):
    job, calls = counting_job()
    registry["count"] = job
    call_command("run_scheduler", "--once")
    assert len(calls) == 1 and ScheduledRun.objects.get().job == "count"
    assert "Scheduler: 1 job(s)" in capsys.readouterr().out


@pytest.mark.django_db
def test_login_failures_are_purged_once_the_lockout_is_over():
    from vita.scheduled_jobs import purge_login_failures

    old, _recent = (
        AccessAttempt.objects.create(
            user_agent="x", ip_address="10.0.0.1", username=name, failures_since_start=5
        )
        for name in ("old", "recent")
    )
    AccessAttempt.objects.filter(pk=old.pk).update(
        attempt_time=timezone.now() - timedelta(hours=1, minutes=1)
    )
    assert purge_login_failures() == "1 échec(s) de connexion effacé(s)."
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]


@pytest.mark.django_db
def test_expired_sessions_are_purged():
    from vita.scheduled_jobs import purge_expired_sessions

    for key, delta in (("expired", -1), ("alive", 1)):
        Session.objects.create(
            session_key=key, session_data="", expire_date=timezone.now() + timedelta(hours=delta)
        )
    purge_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["alive"]


@pytest.mark.django_db
def test_animators_see_the_jobs_and_their_runs_read_only(animator_client):
    run_due_jobs()
    failed = ScheduledRun.objects.get(job="purge-login-failures")
    ScheduledRun.objects.filter(pk=failed.pk).update(
        status=ScheduledRun.Status.FAILED, message="Traceback…\nRuntimeError: boom"
    )
    page = animator_client.get(reverse("admin:vita_scheduledrun_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tâches déclarées dans le code" in html
    assert "toutes les 15 minutes" in html and "chaque jour à 04:00" in html
    assert "RuntimeError: boom" in html and "Échec" in html
    detail = animator_client.get(reverse("admin:vita_scheduledrun_change", args=[failed.pk]))
    assert detail.status_code == 200 and "Traceback" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    delete = reverse("admin:vita_scheduledrun_delete", args=[failed.pk])
    assert animator_client.post(delete, {"post": "yes"}).status_code == 403
    assert ScheduledRun.objects.filter(pk=failed.pk).exists()


@pytest.mark.django_db
def test_subscriptions_are_purged_by_a_daily_job():
    """The subscriptions' purge (`vita.subscriptions.services.purge`) runs every day."""
    from vita.models import Subscription
    from vita.scheduled_jobs import purge_subscriptions
    from vita.scheduling import REGISTRY

    assert "purge-subscriptions" in REGISTRY
    factories.SubscriptionFactory(
        state=Subscription.State.PENDING, confirmation_sent_at=timezone.now() - timedelta(days=8)
    )
    assert purge_subscriptions() == "1 abonnement(s) effacé(s)."
    assert not Subscription.objects.exists()
