"""Card triggers fit for bulk writes (an import writes 500 cards per statement).

- The search vector refresh can be deferred: while the transaction-local setting
  `experiences.defer_search_refresh` is on, the refresh triggers leave the cards alone,
  and `experiences.search.one_search_refresh` refreshes them once at the end. Without
  it, a batch refreshed each card once per table it wrote (the card, its points, its
  départements…), rewriting the row and its GIN entry each time.
- A card's words (spelling suggestions) are kept per statement, over transition tables,
  instead of a DELETE and an INSERT per card row.
"""

import importlib

from django.db import migrations

card_search = importlib.import_module("experiences.migrations.0003_card_search_vector")
card_words = importlib.import_module("experiences.migrations.0004_card_words")

ALWAYS = card_search.REFRESH_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
REFRESH = ALWAYS.split("$$")[1].strip().removesuffix(";")  # the UPDATE of the vectors

DEFERRABLE = f"""
CREATE OR REPLACE FUNCTION experiences_refresh_card_search(card_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('experiences.defer_search_refresh', true) = 'on' THEN
        RETURN;
    END IF;
    {REFRESH};
END $$;
"""

WORDS_OF = card_words.WORDS_OF_CARD.format(card_id="c.id", row="c")
WORDS_PER_STATEMENT = f"""
{card_words.DROP_TRIGGER}

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
"""

WORDS_PER_ROW = f"""
DROP TRIGGER card_words_insert ON experiences_experiencecard;
DROP TRIGGER card_words_update ON experiences_experiencecard;
DROP FUNCTION experiences_card_words_insert();
DROP FUNCTION experiences_card_words_update();
{card_words.TRIGGER.rsplit("INSERT INTO experiences_cardword", 1)[0]}
"""


class Migration(migrations.Migration):
    dependencies = [("experiences", "0008_history_and_submitter_account")]

    operations = [
        migrations.RunSQL(DEFERRABLE, ALWAYS),
        migrations.RunSQL(WORDS_PER_STATEMENT, WORDS_PER_ROW),
    ]
