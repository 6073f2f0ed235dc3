"""Counts of the experience list's facet options, in SQL.

One query counts every facet asked and the results: the cards' query (filters and
full-text match included) is compiled by the ORM and run once, as a CTE, and each facet
groups its rows.
The ORM would compile and run the cards' query once per facet. Table names come from the
models; values travel as parameters.
"""

# ruff: noqa: S608 - the SQL is built from model table names and Django's own compiled SQL

from functools import reduce
from operator import and_, or_

from django.db import connection, connections
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from experiences.models import CardListing, ExperienceCard
from organisations.models import Organisation
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
    "type": ("porteur", "porteur_id"),
}


def _facet_queries() -> dict[str, str]:
    """Per facet, its (code, number of cards) over the cards of the `card` CTE that its
    `{where}` keeps."""
    listing = (
        f"FROM card JOIN {_table(CardListing)} l ON l.card_id = card.id "
        f"JOIN {_table(WorkingGroup)} g ON g.id = l.working_group_id"
    )
    departements, themes = ExperienceCard.departements.through, ExperienceCard.themes.through
    return {
        "programme": f"SELECT p.slug, count(DISTINCT card.id) {listing} "
        f"JOIN {_table(Programme)} p ON p.id = g.programme_id {{where}} GROUP BY 1",
        "groupe": f"SELECT g.code, count(*) {listing} {{where}} GROUP BY 1",
        "region": f"SELECT r.code, count(*) FROM card "
        f"JOIN {_table(Region)} r ON r.id = card.region {{where}} GROUP BY 1",
        "departement": f"SELECT d.code, count(*) FROM card "
        f"JOIN {_table(departements)} t ON t.experiencecard_id = card.id "
        f"JOIN {_table(Departement)} d ON d.id = t.departement_id {{where}} GROUP BY 1",
        "type": f"SELECT code, count(*) FROM card JOIN {_table(Organisation)} o "
        "ON o.id = card.porteur, unnest(o.structure_types) AS code {where} GROUP BY 1",
        "milieu": "SELECT code, count(*) FROM card, unnest(card.milieux) AS code {where} "
        "GROUP BY 1",
        "theme": f"SELECT th.slug, count(*) FROM card "
        f"JOIN {_table(themes)} t ON t.experiencecard_id = card.id "
        f"JOIN {_table(Theme)} th ON th.id = t.theme_id {{where}} GROUP BY 1",
        "categorie": "SELECT category, count(*) FROM card {where} GROUP BY 1",
    }


def count_facets(
    cards: QuerySet, names: list[str], selected: dict[str, Q] | None = None
) -> tuple[dict[str, dict[str, int]], int]:
    """The option counts of the facets `names` and the number of results, in one query.

    `cards` are the cards matching every filter but the `selected` facets' conditions.
    A facet's counts apply every other facet's condition (a selected facet shows what
    its other options would add): the cards are read once, with a flag per selected
    condition, keeping those that fail one condition at most; each facet, and the total,
    groups the rows its conditions keep. Written in SQL because the ORM would compile and
    run the cards' query (its full-text match included) once per facet."""
    selected = selected or {}
    # The CTE reads only the columns its facets group, from the covering index when it
    # can; the porteurs' types are read for the cards the type facet keeps.
    columns = {"id": "pk"} | {
        alias: field for name, (alias, field) in CARD_COLUMNS.items() if name in names
    }
    flag_of = {name: f"selected_{i}" for i, name in enumerate(selected)}
    flags = list(flag_of.values())
    cards = cards.order_by().annotate(
        **{flag_of[name]: ExpressionWrapper(q, BooleanField()) for name, q in selected.items()}
    )
    if len(flags) > 1:
        # Each condition but one, for each one: rows failing two conditions count nowhere.
        conditions = list(selected.values())
        cards = cards.filter(
            reduce(
                or_,
                (
                    reduce(and_, conditions[:i] + conditions[i + 1 :])
                    for i in range(len(conditions))
                ),
            )
        )
    # On the database the cards are read from: the replica for the list page, if any.
    database = cards.db
    compiled = cards.values_list(*columns.values(), *flags).query.get_compiler(using=database)
    card_sql, params = compiled.as_sql()

    def kept_unless(flag=None):
        wanted = [f"card.{other}" for other in flags if other != flag]
        return f"WHERE {' AND '.join(wanted)}" if wanted else ""

    queries = _facet_queries()
    queries = {name: queries[name].format(where=kept_unless(flag_of.get(name))) for name in names}
    facets_sql = " UNION ALL ".join(
        [
            f"SELECT %s, NULL, count(*) FROM card {kept_unless()}",
            *(f"SELECT %s, facet.* FROM ({queries[name]}) AS facet" for name in names),
        ]
    )
    sql = f"WITH card ({', '.join([*columns, *flags])}) AS MATERIALIZED ({card_sql}) {facets_sql}"
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    total = 0
    with connections[database].cursor() as cursor:
        cursor.execute(sql, (*params, TOTAL, *names))
        for name, code, number in cursor.fetchall():
            if name == TOTAL:
                total = number
            else:
                counts[name][code] = number
    return counts, total


TOTAL = ""  # the name of the results' count among the facets' rows
