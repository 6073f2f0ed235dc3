"""The load run's visitors (locust), no pause: the filtered card list, card pages, word
searches in the list and the site search, the home page and the library.

Run by `benchmarks.http.load`; BENCH_CARDS is the number of cards of the corpus."""

import os
import random

from locust import HttpUser, constant, task

CARDS = int(os.environ.get("BENCH_CARDS", "1000"))
FILTERED_LIST = "/experiences/?region=53&milieu=rural&categorie=siae"
# Words of the imported content, frequent and rare: the searches of the load run.
WORDS = ["mobilité", "clauses sociales", "garage", "insertion", "mutualiser", "recyclerie"]


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

    @task(1)
    def searched_list(self):
        word = random.choice(WORDS)  # noqa: S311 - not a secret
        self.client.get(f"/experiences/?q={word}", name="liste, recherche")

    @task(1)
    def site_search(self):
        word = random.choice(WORDS)  # noqa: S311 - not a secret
        self.client.get(f"/recherche/?q={word}", name="recherche")

    @task(1)
    def home(self):
        self.client.get("/", name="accueil")

    @task(1)
    def library(self):
        self.client.get("/ressources/", name="ressources")
