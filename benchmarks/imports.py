"""The bulk import of experience cards through the task worker's job (check, then import),
on a synthetic file, in a transaction rolled back at the end: the database is unchanged."""

from __future__ import annotations

import resource
import time
from dataclasses import asdict, dataclass

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

HEADERS = [
    "Titre", "Structure porteuse", "Région", "Département", "L'expérience",
    "Freins rencontrés", "Leviers", "Année de début", "Milieu", "Partenaires",
]  # fmt: skip


@dataclass
class ImportMeasure:
    rows: int
    check_s: float
    import_s: float
    peak_rss_mb: float
    status: str

    def as_dict(self) -> dict:
        return asdict(self) | {
            "check_rows_per_s": self.rows / self.check_s,
            "import_rows_per_s": self.rows / self.import_s,
        }

    def table(self) -> str:
        return "\n".join(
            [
                "| rows | check s | rows/s | import s | rows/s | peak RSS MB | result |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
                f"| {self.rows} | {self.check_s:.0f} | {self.rows / self.check_s:.0f} "
                f"| {self.import_s:.0f} | {self.rows / self.import_s:.0f} "
                f"| {self.peak_rss_mb:.0f} | {self.status} |",
            ]
        )


def card_file(rows: int) -> bytes:
    data = [
        [
            f"Fiche de charge {n}",
            f"Structure {n % 2000}",
            "Bretagne",
            "35, 56",
            "Texte de l'expérience. " * 40,
            "Un frein\nUn autre",
            "Un levier",
            2019,
            "Rural",
            "Mission locale",
        ]
        for n in range(rows)
    ]
    return tablib.Dataset(*data, headers=HEADERS).export("csv").encode()


def run(rows: int) -> ImportMeasure:
    from experiences.card_spreadsheet import CardSheet
    from vita import spreadsheet_jobs
    from vita.models import ImportJob

    content = card_file(rows)
    with transaction.atomic():
        upload = SimpleUploadedFile("cards.csv", content)
        job = spreadsheet_jobs.start(None, "experiences.experiencecard", CardSheet, 0, upload)
        start = time.perf_counter()
        spreadsheet_jobs.check_import.call(job.pk)
        checked = time.perf_counter()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
        spreadsheet_jobs.run_import.call(job.pk)
        done = time.perf_counter()
        job.refresh_from_db()
        if job.file:
            job.file.delete(save=False)
        transaction.set_rollback(True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ImportMeasure(rows, checked - start, done - checked, peak, job.status)
