"""The card's search document, declared once: its weighted fields, from which the SQL
that keeps `search_vector` and `rank_vector` is generated.

A field is a path from the card, as in a query: a column of the card (`"title"`), of
the row a foreign key names (`"porteur__name"`), of the rows of a many-to-many
(`"departements__name"`) or of the rows that point to the card (`"points__text"`).
Every table a field reads gets statement-level triggers over transition tables, so a
bulk write refreshes each card once per statement, and `one_search_refresh` (in
`experiences.search`) defers a bulk writer's refresh to its end. Renaming a porteur, a
région or a département updates their cards at once, whatever wrote it.

Migrations hold the generated SQL as frozen text. After a change here, run
`python manage.py card_search_migration`: a test fails while the latest migration's
SQL differs from what this declaration generates.
"""

# ruff: noqa: S608 - the SQL is built from the models' table and column names

import sys
from dataclasses import dataclass, field

from django.apps import apps

from experiences.models import ExperienceCard
from vita.models import SEARCH_CONFIG

# Consecutive fields of one relation are read together. Keep the order: the positions
# of the words are part of the ranking.
WEIGHTED_FIELDS = {
    "A": ("title",),
    "B": (
        "summary",
        "territory_name",
        "region_as_written",
        "porteur__name",
        "porteur__acronym",
        "region__name",
        "departements__name",
    ),
    "C": (
        "key_figures",
        "context",
        "actions",
        "results",
        "perspectives",
        "problematiques",
        "mutualisation_sought",
        "mutualisation_offered",
        "points__topic",
        "points__text",
        "tools__text",
    ),
}
# The small vector results are ranked by (migration 0012): the title and presentation.
RANKED_WEIGHTS = "AB"

REFRESH = "experiences_refresh_card_search"
TRIGGER_SUFFIX = "_card_search_"
# Triggers of other derived data, installed by their own migrations: the words of the
# spelling suggestions (0010).
OTHER_TRIGGERS = frozenset(
    ("experiences_experiencecard", f"search_words_{verb}")
    for verb in ("insert", "update", "delete")
)

_CARD = ExperienceCard._meta
_CARD_OF_ROW = "SELECT x.id FROM {rows} x"
_ALL_EVENTS = ("insert", "update", "delete")
_EVENTS = {
    "insert": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
    "update": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    "delete": ("DELETE", "REFERENCING OLD TABLE AS old_rows"),
}


@dataclass
class Source:
    """A table the document reads: the statements on it that change the document, the
    columns whose update does, and queries of the cards of its rows (`{rows}` AS x)."""

    table: str
    events: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    cards_of_rows: list = field(default_factory=list)
    outermost_only: bool = False  # the card table: the refresh's own write is not followed
    key_may_change: bool = False  # a point moved to another card refreshes both

    def reads(self, events, columns, cards_of_rows):
        self.events += [event for event in events if event not in self.events]
        self.columns += [column for column in columns if column not in self.columns]
        if cards_of_rows not in self.cards_of_rows:
            self.cards_of_rows.append(cards_of_rows)


def _groups(paths):
    """[("", [card columns]), ("porteur", ["name", "acronym"]), …] in the given order."""
    groups = []
    for path in paths:
        relation, _, name = path.rpartition("__")
        if groups and groups[-1][0] == relation:
            groups[-1][1].append(name)
        else:
            groups.append((relation, [name]))
    return groups


def _columns(model, names):
    return [model._meta.get_field(name).column for name in names]


def _text(alias, columns):
    listed = [f"{alias}.{column}" for column in columns]
    return listed[0] if len(listed) == 1 else f"concat_ws(' ', {', '.join(listed)})"


def _read(relation_name, names):
    """The SQL over the card `c` of consecutive fields of the card or of one relation,
    and what each table it reads does to cards: [(table, events, columns, the cards of
    rows `x`, whether a row may move to another card)]."""
    if not relation_name:
        columns = _columns(ExperienceCard, names)
        return [f"c.{column}" for column in columns], [
            (_CARD.db_table, [], columns, _CARD_OF_ROW, False)
        ]
    relation = _CARD.get_field(relation_name)
    model, alias = relation.related_model, relation_name
    table, columns = model._meta.db_table, _columns(model, names)
    text = _text(alias, columns)
    if relation.concrete and not relation.many_to_many:  # the row the card names
        key = relation.column
        expression = f"(SELECT {text} FROM {table} {alias} WHERE {alias}.id = c.{key})"
        cards = f"SELECT DISTINCT c.id FROM {{rows}} x JOIN {_CARD.db_table} c ON c.{key} = x.id"
        return [expression], [
            (_CARD.db_table, [], [key], _CARD_OF_ROW, False),
            (table, ["update"], columns, cards, False),
        ]
    if relation.many_to_many and relation.concrete:  # the rows of a many-to-many
        through = relation.remote_field.through._meta.db_table
        key, target = relation.m2m_column_name(), relation.m2m_reverse_name()
        expression = (
            f"(SELECT string_agg({text}, ' ') FROM {through} t JOIN {table} {alias} "
            f"ON {alias}.id = t.{target} WHERE t.{key} = c.id)"
        )
        cards = f"SELECT DISTINCT t.{key} FROM {{rows}} x JOIN {through} t ON t.{target} = x.id"
        return [expression], [
            (through, _ALL_EVENTS, [key, target], f"SELECT DISTINCT x.{key} FROM {{rows}} x", True),
            (table, ["update"], columns, cards, False),
        ]
    if relation.one_to_many:  # the rows that point to the card
        key = relation.field.column
        expression = (
            f"(SELECT string_agg({text}, ' ') FROM {table} {alias} WHERE {alias}.{key} = c.id)"
        )
        cards = f"SELECT DISTINCT x.{key} FROM {{rows}} x"
        return [expression], [(table, _ALL_EVENTS, [*columns, key], cards, True)]
    raise ValueError(f"{relation_name}: a relation the search document cannot read")


def sources() -> list[Source]:
    """Every table the document reads, the card's first."""
    card = Source(_CARD.db_table, ["insert", "update"], [], [_CARD_OF_ROW], outermost_only=True)
    found = {card.table: card}
    for paths in WEIGHTED_FIELDS.values():
        for group in _groups(paths):
            for table, events, columns, cards, key_may_change in _read(*group)[1]:
                source = found.setdefault(table, Source(table))
                source.reads(events, columns, cards)
                source.key_may_change |= key_may_change
    return list(found.values())


def refresh_function() -> str:
    weights = {
        weight: ",\n                ".join(
            expression for group in _groups(paths) for expression in _read(*group)[0]
        )
        for weight, paths in WEIGHTED_FIELDS.items()
    }
    vectors = ",\n".join(
        f"            setweight(to_tsvector('{SEARCH_CONFIG}', concat_ws(' ',\n"
        f"                {expressions})), '{weight}') AS {weight.lower()}"
        for weight, expressions in weights.items()
    )
    return f"""CREATE OR REPLACE FUNCTION {REFRESH}(card_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('experiences.defer_search_refresh', true) = 'on' THEN
        RETURN;
    END IF;
    UPDATE {_CARD.db_table} c
    SET search_vector = {" || ".join(f"v.{w.lower()}" for w in WEIGHTED_FIELDS)},
        rank_vector = {" || ".join(f"v.{w.lower()}" for w in RANKED_WEIGHTS)}
    FROM (
        SELECT c.id,
{vectors}
        FROM {_CARD.db_table} c JOIN unnest(card_ids) AS refreshed(id) ON c.id = refreshed.id
    ) AS v
    WHERE c.id = v.id;
END $$;
"""


def trigger_name(source: Source, event: str) -> str:
    name = f"{source.table}{TRIGGER_SUFFIX}{event}"
    if len(name) > 63:  # PostgreSQL would cut it, and the test would not find it
        raise ValueError(f"{name}: a trigger name longer than 63 characters")
    return name


def _cards(source: Source, event: str) -> str:
    if event != "update":
        rows = "new_rows" if event == "insert" else "old_rows"
        return " UNION ".join(query.format(rows=rows) for query in source.cards_of_rows)
    # Transition tables allow no column list: the rows whose document columns changed.
    new, old = (", ".join(f"{side}.{c}" for c in source.columns) for side in "no")
    changed = (
        "(SELECT {side}.* FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"WHERE ({new}) IS DISTINCT FROM ({old}))"
    )
    return "\n            UNION ".join(
        query.format(rows=changed.format(side=side))
        for query in source.cards_of_rows
        for side in ("no" if source.key_may_change else "n")
    )


def trigger_function_body(source: Source, event: str) -> str:
    guard = "IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;\n    " * source.outermost_only
    return f"""
DECLARE
    card_ids bigint[];
BEGIN
    {guard}card_ids := ARRAY({_cards(source, event)});
    IF cardinality(card_ids) > 0 THEN
        PERFORM {REFRESH}(card_ids);
    END IF;
    RETURN NULL;
END """


def trigger_definition(source: Source, event: str) -> str:
    """As PostgreSQL gives it back (`pg_get_triggerdef`), for the comparison."""
    name = trigger_name(source, event)
    verb, referencing = _EVENTS[event]
    return (
        f"CREATE TRIGGER {name} AFTER {verb} ON {source.table} {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
    )


def declared_triggers() -> dict[tuple[str, str], tuple[str, str]]:
    """(table, trigger) → (its definition, its function's body), for every trigger of
    the document."""
    return {
        (source.table, trigger_name(source, event)): (
            trigger_definition(source, event),
            trigger_function_body(source, event),
        )
        for source in sources()
        for event in source.events
    }


# Whatever tables the previous document read, its triggers go.
DROP_TRIGGERS = f"""DO $drop$
DECLARE
    installed record;
BEGIN
    FOR installed IN
        SELECT tgname, tgrelid::regclass AS tbl, tgfoid::regprocedure AS function
        FROM pg_trigger
        WHERE NOT tgisinternal AND tgname ~ '{TRIGGER_SUFFIX}(insert|update|delete)$'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', installed.tgname, installed.tbl);
        EXECUTE format('DROP FUNCTION IF EXISTS %s', installed.function);
    END LOOP;
END $drop$;
"""

BACKFILL = f"SELECT {REFRESH}(ARRAY(SELECT id FROM {_CARD.db_table}));\n"


def install_sql() -> str:
    """The whole document: its triggers replaced and the refresh (a migration that installs
    it refreshes every card after it: `migration_source`)."""
    triggers = "".join(
        f"\nCREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$;\n"
        f"{definition};\n"
        for (_, name), (definition, body) in declared_triggers().items()
    )
    return f"{DROP_TRIGGERS}\n{refresh_function()}{triggers}"


def frozen() -> tuple[str, str] | None:
    """(migration name, SQL) of the latest migration that installs the document: the
    document the migrated databases have."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    (leaf,) = loader.graph.leaf_nodes(_CARD.app_label)
    for app_label, name in reversed(loader.graph.forwards_plan(leaf)):
        migration = loader.get_migration(app_label, name)
        installed = getattr(sys.modules[type(migration).__module__], "SEARCH_DOCUMENT", None)
        if app_label == _CARD.app_label and installed:
            return name, installed
    return None


def migration_source(previous: str) -> str:
    """A migration installing the declared document, `previous` (the SQL of the one it
    replaces) being its reverse. Both are written out: a migration never imports code
    that may change after it."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    tables = {source.table for source in sources()}
    app_labels = {
        model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables
    }
    dependencies = "".join(
        f"        {leaf!r},\n" for label in sorted(app_labels) for leaf in graph.leaf_nodes(label)
    )
    install = install_sql()
    if '"""' in install + previous:
        raise ValueError("The SQL holds a triple quote: it cannot be written in a literal.")
    return f'''"""The card's search document, as `experiences/search_document.py` declared it
(written by `python manage.py card_search_migration`).

Frozen: the SQL is written out, never imported; the reverse is the document before it.
"""

from django.db import migrations

SEARCH_DOCUMENT = r"""{install}"""

PREVIOUS = r"""{previous}"""

# Each card's document written again by the refresh just installed, both ways.
REFRESH_EVERY_CARD = r"""{BACKFILL}"""


class Migration(migrations.Migration):
    dependencies = [
{dependencies}    ]

    operations = [
        migrations.RunSQL(SEARCH_DOCUMENT + REFRESH_EVERY_CARD, PREVIOUS + REFRESH_EVERY_CARD)
    ]
'''
