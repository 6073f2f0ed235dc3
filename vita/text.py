import re
import unicodedata


def plain(text: str) -> str:
    """Lower case, without accents: « Isère » → « isere »."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def choice_code(text: str, choices) -> str | None:
    """The code of the choice written `text`, by its label or its code, accents and case
    aside: « Intercommunalité / pays » and « intercommunalite » give « intercommunalite »."""
    wanted = plain(str(text).strip())
    for code, label in choices:
        if wanted in (plain(str(label)), plain(str(code))):
            return code
    return None


# What no text of the portal may hold: PostgreSQL refuses NUL in text; XML 1.0, the
# format of the XLSX and DOCX files openpyxl and python-docx write (exports, the card
# templates), refuses the other C0 controls but tab, line feed and carriage return, and
# U+FFFE, U+FFFF; lone surrogates are not even UTF-8.
REFUSED_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def refused_character(text: str) -> str | None:
    """The first character of `text` the portal can neither store nor export, or None."""
    found = REFUSED_CHARACTERS.search(text)
    return found.group() if found else None


def code_point(character: str) -> str:
    """« U+0000 »: how a message names an invisible character."""
    return f"U+{ord(character):04X}"


def refused_message(character: str, what: str = "Ce texte") -> str:
    """Why a text is refused, in French: « Ce texte contient un caractère invisible… »."""
    return (
        f"{what} contient un caractère invisible que le site n'accepte pas "
        f"({code_point(character)}) : retirez-le, puis envoyez de nouveau."
    )


def shown(text: str, length: int = 60) -> str:
    """`text` cut to `length` characters, its refused characters shown as « � »."""
    return REFUSED_CHARACTERS.sub("\ufffd", text[:length])
