import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from vita.scheduling import registered_jobs, run_due_jobs

logger = logging.getLogger("vita.scheduling")


class Command(BaseCommand):
    help = (
        "Runs the scheduled jobs (vita.scheduling) as they fall due, until stopped. Two "
        "schedulers may run at once: each occurrence runs once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=30, help="seconds between two looks (30)"
        )
        parser.add_argument(
            "--once", action="store_true", help="look once and stop (as run_due_jobs)"
        )

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        jobs = registered_jobs()
        self.stdout.write(f"Scheduler: {len(jobs)} job(s), looking every {interval:g} s.")
        while True:
            try:
                run_due_jobs()
            except DatabaseError:
                logger.exception("The scheduler could not reach the database")
            if once or stop.wait(interval):
                break
            close_old_connections()  # a restarted database does not stop the scheduler
        self.stdout.write("Scheduler stopped.")
