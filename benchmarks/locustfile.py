"""The load run's visitors (locust): the filtered card list and card pages, no pause.

Run by `benchmarks.http.load`; BENCH_CARDS is the number of cards of the corpus."""

import os
import random

from locust import HttpUser, constant, task

CARDS = int(os.environ.get("BENCH_CARDS", "1000"))
FILTERED_LIST = "/experiences/?region=53&milieu=rural&categorie=siae"


class Visitor(HttpUser):
    wait_time = constant(0)

    @task(2)
    def card_list(self):
        self.client.get(FILTERED_LIST, name="liste filtrée")

    @task(2)
    def card_page(self):
        # The corpus numbers its cards banc-0, banc-1…; the imported ones come first.
        number = random.randrange(max(1, CARDS - 100))  # noqa: S311 - not a secret
        self.client.get(f"/experiences/banc-{number}/", name="fiche")
