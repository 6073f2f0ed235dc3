from django.core.management.base import BaseCommand, CommandError

from vita.models import ScheduledRun
from vita.scheduling import run_due_jobs


class Command(BaseCommand):
    help = (
        "Runs once every scheduled job that is due (vita.scheduling), for a cron job or a "
        "systemd timer. Safe beside another scheduler: each occurrence runs once."
    )

    def handle(self, *args, **options):
        runs = run_due_jobs()
        for run in runs:
            last_line = run.message.strip().splitlines()[-1:] or [""]
            self.stdout.write(f"{run.job}: {run.get_status_display()}. {last_line[0]}".strip())
        if not runs:
            self.stdout.write("Aucune tâche à lancer.")
        failed = [run.job for run in runs if run.status == ScheduledRun.Status.FAILED]
        if failed:
            raise CommandError(f"Échec de : {', '.join(failed)} (voir le journal).")
