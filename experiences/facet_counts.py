"""Counts of the experience list's facet options, in SQL.

One query counts every facet asked: the cards' query (filters and full-text match
included) is compiled by the ORM and run once, as a CTE, and each facet groups its rows.
The ORM would compile and run the cards' query once per facet. Table names come from the
models; values travel as parameters.
"""

# ruff: noqa: S608 - the SQL is built from model table names and Django's own compiled SQL

from django.db import connection
from django.db.models import QuerySet

from experiences.models import CardListing, ExperienceCard
from resources.models import Theme
from territories.models import Departement, Region
from workgroups.models import Programme, WorkingGroup


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# The card columns a facet groups: facet → (its name in the CTE, the field).
CARD_COLUMNS = {
    "region": ("region", "region_id"),
    "categorie": ("category", "category"),
    "milieu": ("milieux", "milieux"),
    "type": ("types", "porteur__structure_types"),
}


def _facet_queries() -> dict[str, str]:
    """Per facet, its (code, number of cards) over the cards of the `card` CTE."""
    listing = (
        f"FROM card JOIN {_table(CardListing)} l ON l.card_id = card.id "
        f"JOIN {_table(WorkingGroup)} g ON g.id = l.working_group_id"
    )
    departements, themes = ExperienceCard.departements.through, ExperienceCard.themes.through
    return {
        "programme": f"SELECT p.slug, count(DISTINCT card.id) {listing} "
        f"JOIN {_table(Programme)} p ON p.id = g.programme_id GROUP BY 1",
        "groupe": f"SELECT g.code, count(*) {listing} GROUP BY 1",
        "region": f"SELECT r.code, count(*) FROM card "
        f"JOIN {_table(Region)} r ON r.id = card.region GROUP BY 1",
        "departement": f"SELECT d.code, count(*) FROM card "
        f"JOIN {_table(departements)} t ON t.experiencecard_id = card.id "
        f"JOIN {_table(Departement)} d ON d.id = t.departement_id GROUP BY 1",
        "type": "SELECT code, count(*) FROM card, unnest(card.types) AS code GROUP BY 1",
        "milieu": "SELECT code, count(*) FROM card, unnest(card.milieux) AS code GROUP BY 1",
        "theme": f"SELECT th.slug, count(*) FROM card "
        f"JOIN {_table(themes)} t ON t.experiencecard_id = card.id "
        f"JOIN {_table(Theme)} th ON th.id = t.theme_id GROUP BY 1",
        "categorie": "SELECT category, count(*) FROM card GROUP BY 1",
    }


def count_facets(cards: QuerySet, names: list[str]) -> dict[str, dict[str, int]]:
    """The option counts of the facets `names` over `cards`, in one query: the cards'
    query is compiled and run once (as a CTE), each facet groups its rows. Written in SQL
    because the ORM would compile and run the cards' query (its full-text match included)
    once per facet."""
    if not names:
        return {}
    # The CTE reads only the columns its facets group: the porteur's types cost a join
    # to every porteur of the matching cards.
    columns = {"id": "pk"} | {
        alias: field for name, (alias, field) in CARD_COLUMNS.items() if name in names
    }
    card_sql, params = cards.order_by().values_list(*columns.values()).query.sql_with_params()
    queries = _facet_queries()
    facets_sql = " UNION ALL ".join(
        f"SELECT %s, facet.* FROM ({queries[name]}) AS facet" for name in names
    )
    sql = f"WITH card ({', '.join(columns)}) AS MATERIALIZED ({card_sql}) {facets_sql}"
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *names))
        for name, code, number in cursor.fetchall():
            counts[name][code] = number
    return counts
