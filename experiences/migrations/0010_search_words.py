"""The words of the spelling suggestions, one row per word with its number of published
cards, instead of one row per card and word (20 million rows at 100,000 cards).

Statement triggers on the card table add the words of the published cards a statement
writes and subtract those of the published cards it changes or deletes, in one upsert;
a card's words are those of 0004 (title, summary, territory, story).

Frozen: the SQL is written out here, never imported from another migration or the app.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

PUBLISHED = "published"

# A card's words, as in 0004: the letters of French words; anything else separates words.
WORDS_OF = """
SELECT DISTINCT c.id, word, immutable_unaccent(word)
FROM regexp_split_to_table(
    lower(concat_ws(' ', c.title, c.summary, c.territory_name, c.actions)),
    '[^a-zàâäçéèêëîïôöùûüÿœæ]+') AS word
WHERE length(word) BETWEEN 4 AND 60
"""


def _counted(*sides):
    """An upsert of the words of (rows, +1 or -1) sides, for their published cards."""
    changes = " UNION ALL ".join(
        f"SELECT w.word, w.plain, {delta} FROM {rows} c, "
        f"LATERAL ({WORDS_OF}) AS w(card_id, word, plain) WHERE c.status = '{PUBLISHED}'"
        for rows, delta in sides
    )
    return f"""
    INSERT INTO experiences_searchword (word, plain, cards)
    SELECT word, min(plain), sum(delta) FROM ({changes}) AS changes (word, plain, delta)
    GROUP BY word HAVING sum(delta) <> 0
    ON CONFLICT (word) DO UPDATE SET cards = experiences_searchword.cards + excluded.cards
    """


# The rows whose words or publication may differ (transition tables allow no column list:
# the search refresh, which rewrites every card's vector, changes none).
CHANGED = """(SELECT {side}.* FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.title, n.summary, n.territory_name, n.actions, n.status)
        IS DISTINCT FROM (o.title, o.summary, o.territory_name, o.actions, o.status))"""

EVENTS = [
    ("insert", "INSERT", "NEW TABLE AS new_rows", _counted(("new_rows", 1))),
    ("update", "UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows",
     _counted((CHANGED.format(side="o"), -1), (CHANGED.format(side="n"), 1))),
    ("delete", "DELETE", "OLD TABLE AS old_rows", _counted(("old_rows", -1))),
]  # fmt: skip

SEARCH_WORDS = "".join(
    f"""
CREATE FUNCTION experiences_search_words_{verb}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {upsert};
    RETURN NULL;
END $$;
CREATE TRIGGER search_words_{verb} AFTER {event} ON experiences_experiencecard
REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION experiences_search_words_{verb}();
"""
    for verb, event, tables, upsert in EVENTS
) + _counted(("experiences_experiencecard", 1)) + ";"

NO_SEARCH_WORDS = "".join(
    f"DROP TRIGGER search_words_{verb} ON experiences_experiencecard;"
    f"DROP FUNCTION experiences_search_words_{verb}();"
    for verb, *_ in EVENTS
)

# The card words' triggers of 0009, and back: recreated and filled again.
NO_CARD_WORDS = """
DROP TRIGGER card_words_insert ON experiences_experiencecard;
DROP TRIGGER card_words_update ON experiences_experiencecard;
DROP FUNCTION experiences_card_words_insert();
DROP FUNCTION experiences_card_words_update();
"""
CARD_WORDS = f"""
CREATE FUNCTION experiences_card_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO experiences_cardword (card_id, word, plain)
    SELECT words.* FROM new_rows c, LATERAL ({WORDS_OF}) AS words;
    RETURN NULL;
END $$;
CREATE TRIGGER card_words_insert AFTER INSERT ON experiences_experiencecard
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION experiences_card_words_insert();

-- Transition tables allow no column list: the rows whose words may differ are picked.
CREATE FUNCTION experiences_card_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH reworded AS (
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.title, n.summary, n.territory_name, n.actions)
            IS DISTINCT FROM (o.title, o.summary, o.territory_name, o.actions)
    ), forgotten AS (
        DELETE FROM experiences_cardword w USING reworded WHERE w.card_id = reworded.id
    )
    INSERT INTO experiences_cardword (card_id, word, plain)
    SELECT words.* FROM new_rows c JOIN reworded ON reworded.id = c.id,
    LATERAL ({WORDS_OF}) AS words;
    RETURN NULL;
END $$;
CREATE TRIGGER card_words_update AFTER UPDATE ON experiences_experiencecard
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION experiences_card_words_update();

INSERT INTO experiences_cardword (card_id, word, plain)
SELECT words.* FROM experiences_experiencecard c, LATERAL ({WORDS_OF}) AS words;
"""

class Migration(migrations.Migration):
    dependencies = [("experiences", "0009_bulk_card_writes")]

    operations = [
        migrations.RunSQL(NO_CARD_WORDS, CARD_WORDS),
        migrations.DeleteModel(name="CardWord"),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("plain", models.CharField(max_length=60)),
                ("cards", models.IntegerField(default=0, verbose_name="fiches publiées")),
            ],
            options={
                "verbose_name": "mot des fiches",
                "verbose_name_plural": "mots des fiches",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["plain"], name="search_word_plain_trgm", opclasses=["gin_trgm_ops"]
                    )
                ],
            },
        ),
        migrations.RunSQL(SEARCH_WORDS, NO_SEARCH_WORDS),
    ]
