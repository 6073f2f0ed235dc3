"""French full-text search, set up by migration so every database has it.

- `unaccent` and `pg_trgm` extensions;
- `french_unaccent`: the French stemmer over unaccented text, so « mutualisé »,
  « Mutualisation » and « mutualiser » meet;
- `immutable_unaccent(text)`: unaccent is only STABLE (its dictionary could change), so
  indexes and generated columns need this wrapper naming the dictionary explicitly.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
DROP_CONFIGURATION = """
DROP FUNCTION IF EXISTS immutable_unaccent(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(CREATE_CONFIGURATION, DROP_CONFIGURATION),
    ]
