"""A facet's path — the lookup from a listed item to its codes (« region__code »,
« departements__code », « milieux ») — read against the models, and what it gives: the
condition that keeps the items having one of some codes, and the codes' counts, with the
ORM (a query per facet) or all facets in one SQL query.

Paths go from the item through one-valued relations (a foreign key) or one many-valued
relation first (a many-to-many or the rows pointing to the item, a « link ») to a
column, which may be an array (each element a code). A link row names its target once
per item (a unique pair, as Django's own many-to-many tables do): codes of the target
are counted plainly, codes further along (a group's programme) count each item once.
"""

# ruff: noqa: S608 - the SQL is built from model table names and Django's own compiled SQL

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.fields import ArrayField
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    Model,
    Q,
    QuerySet,
    TextField,
    UniqueConstraint,
)


@dataclass(frozen=True)
class Route:
    """A facet's path, read: where the codes are, seen from the item."""

    model: type[Model]  # the listed items'
    path: str
    link: type[Model] | None  # the rows of a many-valued first step, else None
    link_item: str  # the link's foreign key to the item
    from_link: list[str]  # the path from a link row to the codes
    first: str  # the item's field the path starts with (one-valued paths)
    is_array: bool
    # A link row per item and target at most (a many-to-many's own table, or a unique
    # constraint on the pair): one step from the link then reaches each code once.
    link_is_unique: bool = False

    @property
    def after_first(self) -> str:
        return "__".join(self.path.split("__")[1:])

    def condition(self, codes: list[str]) -> Q:
        """The items having one of `codes`. Many-valued paths are `id IN (subquery)`: an
        item with two chosen codes is still one result (no DISTINCT, counts stay right)
        and the one-query counts evaluate the condition once per item (an uncorrelated
        subquery is hashed once)."""
        lookup = "overlap" if self.is_array else "in"  # an array has one of the codes
        if self.link is not None:
            links = self.link.objects.filter(**{f"{'__'.join(self.from_link)}__{lookup}": codes})
            return Q(pk__in=links.values(self.link_item))
        if self.is_array:
            return Q(**{f"{self.path}__overlap": codes})
        field = self.model._meta.get_field(self.first)
        if field.many_to_one:  # a foreign key: its targets' ids, not a join per item
            targets = field.related_model.objects.filter(**{f"{self.after_first}__in": codes})
            return Q(**{f"{self.first}__in": targets.values("pk")})
        return Q(**{f"{self.path}__in": codes})

    def count(self, items: QuerySet) -> dict[str, int]:
        """Per code, its number of `items`, with the ORM."""
        if self.is_array:
            raise ValueError(f"« {self.path} »: an array is counted by count_in_one_query.")
        if self.link is not None:
            codes = "__".join(self.from_link)
            rows = (
                self.link.objects.filter(**{f"{self.link_item}__in": items.order_by().values("pk")})
                .values(codes)
                .annotate(n=Count(self.link_item, distinct=True))
            )
            return {str(row[codes]): row["n"] for row in rows if row[codes] is not None}
        rows = items.order_by().values(self.path).annotate(n=Count("pk"))
        return {str(row[self.path]): row["n"] for row in rows if row[self.path] is not None}


def route(model: type[Model], path: str) -> Route:
    """`path` read against `model`; a ValueError names a path these facets cannot take."""
    names = path.split("__")
    first = model._meta.get_field(names[0])
    link, link_item, from_link = None, "", []
    if first.many_to_many and not first.auto_created:  # a many-to-many of the item
        link = first.remote_field.through
        link_item, from_link = first.m2m_field_name(), [first.m2m_reverse_field_name(), *names[1:]]
    elif first.one_to_many or first.many_to_many:  # rows pointing to the item
        if first.many_to_many:
            raise ValueError(f"« {path} »: a reverse many-to-many; declare it on the item.")
        link, link_item, from_link = first.related_model, first.field.name, names[1:]
    current, walk = (link, from_link) if link is not None else (model, names)
    for name in walk[:-1]:
        field = current._meta.get_field(name)
        if not field.many_to_one:
            raise ValueError(f"« {path} »: « {name} » is not a foreign key.")
        current = field.related_model
    last = current._meta.get_field(walk[-1]) if walk else None
    if last is None or last.is_relation:
        raise ValueError(f"« {path} » must end with a column (a code, a slug…).")
    return Route(
        model=model,
        path=path,
        link=link,
        link_item=link_item,
        from_link=from_link,
        first=names[0],
        is_array=isinstance(last, ArrayField),
        link_is_unique=link is not None and _unique_pair(link, link_item, from_link[0]),
    )


def _unique_pair(link: type[Model], item_field: str, target_field: str) -> bool:
    """Whether `link` holds each (item, target) pair once."""
    if link._meta.auto_created:
        return True
    pairs = [set(fields) for fields in link._meta.unique_together]
    pairs += [
        set(constraint.fields)
        for constraint in link._meta.constraints
        if isinstance(constraint, UniqueConstraint) and constraint.condition is None
    ]
    return {item_field, target_field} in pairs


# -- every facet in one query ---------------------------------------------------------------


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _facet_sql(route: Route, item: str, where: str) -> tuple[str, tuple[str, str] | None]:
    """The facet's (code, number of items) over the items of the `item` CTE that `where`
    keeps, and the item column it reads (its name in the CTE, the field), if any."""
    joins, column = [], None
    if route.link is not None:
        link_field = route.link._meta.get_field(route.link_item)
        joins.append(
            f"JOIN {_quoted(route.link._meta.db_table)} f1 "
            f"ON f1.{_quoted(link_field.column)} = {item}.id"
        )
        table, model, walk = "f1", route.link, route.from_link
    else:
        table, model, walk = item, route.model, route.path.split("__")
        first = model._meta.get_field(walk[0])
        column = (first.name, first.attname)
        if len(walk) == 1:
            walk = []
            code = f"{item}.{_quoted(first.name)}"
        else:
            target = first.related_model
            joins.append(
                f"JOIN {_quoted(target._meta.db_table)} f1 "
                f"ON f1.{_quoted(target._meta.pk.column)} = {item}.{_quoted(first.name)}"
            )
            table, model, walk = "f1", target, walk[1:]
    hops = 0
    for name in walk[:-1]:
        field = model._meta.get_field(name)
        target, hops = field.related_model, hops + 1
        joins.append(
            f"JOIN {_quoted(target._meta.db_table)} f{hops + 1} "
            f"ON f{hops + 1}.{_quoted(target._meta.pk.column)} = {table}.{_quoted(field.column)}"
        )
        table, model = f"f{hops + 1}", target
    code_field = (
        model._meta.get_field(walk[-1]) if walk else route.model._meta.get_field(route.first)
    )
    if walk:
        code = f"{table}.{_quoted(code_field.column)}"
    if route.is_array:
        # Each code at its first place only: an array may hold it twice.
        joins.append(f", unnest({code}) WITH ORDINALITY AS codes(code, place)")
        first_place = f"array_position({code}, codes.code) = codes.place"
        where = f"{where} AND {first_place}" if where else f"WHERE {first_place}"
        code, code_field = "codes.code", code_field.base_field
    if not isinstance(code_field, CharField | TextField):
        code = f"{code}::text"  # the facets' rows are one union: codes are text
    # Through a link holding each pair once, one step reaches its target once per item;
    # another link, a further step, or an array's elements may give a code twice.
    once = route.link is None or (route.link_is_unique and hops == 1 and not route.is_array)
    counted = "count(*)" if once else f"count(DISTINCT {item}.id)"
    return f"SELECT {code}, {counted} FROM {item} {' '.join(joins)} {where} GROUP BY 1", column


def count_in_one_query(
    items: QuerySet, routes: dict[str, Route], selected: dict[str, Q], item: str = "item"
) -> tuple[dict[str, dict[str, int]], int]:
    """The codes' counts of the facets `routes` and the number of results, in one query.

    `items` match every filter but the `selected` facets' conditions. A facet's counts
    apply every other facet's condition (a selected facet shows what its other options
    would add): the items are read once, as a CTE named `item`, with a flag per selected
    condition, keeping those that fail one condition at most; each facet, and the total,
    groups the rows its conditions keep, `UNION ALL`. Written in SQL because the ORM
    would compile and run the items' query (a full-text match included) once per facet."""
    # The CTE reads only the item columns its facets group (from a covering index when
    # it can); what lies further is joined for the rows each facet keeps.
    flag_of = {name: f"selected_{i}" for i, name in enumerate(selected)}
    flags = list(flag_of.values())

    def kept_unless(flag=None):
        wanted = [f"{item}.{other}" for other in flags if other != flag]
        return f"WHERE {' AND '.join(wanted)}" if wanted else ""

    queries, columns = {}, {"id": "pk"}
    for name, facet_route in routes.items():
        queries[name], column = _facet_sql(facet_route, item, kept_unless(flag_of.get(name)))
        if column:
            columns.setdefault(*column)
    items = items.order_by().annotate(
        **{flag_of[name]: ExpressionWrapper(q, BooleanField()) for name, q in selected.items()}
    )
    if len(flags) > 1:
        # Each condition but one, for each one: rows failing two conditions count nowhere.
        conditions = list(selected.values())
        items = items.filter(
            reduce(
                or_,
                (
                    reduce(and_, conditions[:i] + conditions[i + 1 :])
                    for i in range(len(conditions))
                ),
            )
        )
    # On the database the items are read from: the replica for a list page, if any.
    database = items.db
    compiled = items.values_list(*columns.values(), *flags).query.get_compiler(using=database)
    items_sql, params = compiled.as_sql()
    facets_sql = " UNION ALL ".join(
        [
            f"SELECT %s, NULL, count(*) FROM {item} {kept_unless()}",
            *(f"SELECT %s, facet.* FROM ({queries[name]}) AS facet" for name in routes),
        ]
    )
    sql = (
        f"WITH {item} ({', '.join([*columns, *flags])}) AS MATERIALIZED ({items_sql}) {facets_sql}"
    )
    counts: dict[str, dict[str, int]] = {name: {} for name in routes}
    total = 0
    with connections[database].cursor() as cursor:
        cursor.execute(sql, (*params, TOTAL, *routes))
        for name, code, number in cursor.fetchall():
            if name == TOTAL:
                total = number
            elif code is not None:
                counts[name][str(code)] = number
    return counts, total


TOTAL = ""  # the name of the results' count among the facets' rows
