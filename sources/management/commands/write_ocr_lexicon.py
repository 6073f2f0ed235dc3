"""Write fixtures/sources/ocr-lexicon.txt: hunspell-fr's answers for the OCR repair of 000.

Run it after changing a repair rule of `sources/repair/ocr.py` or the text of 000 (a
correction): the import reads the lexicon, never hunspell, and a test fails while the
committed lexicon differs from what this command writes.
"""

from django.core.management.base import BaseCommand, CommandError

from sources.repair.ocr import LEXICON_FILE, recorded_lexicon
from sources.spelling import DictionaryMissing


class Command(BaseCommand):
    help = "Écrit le lexique de la réparation OCR du document 000 (demande hunspell-fr)."

    def handle(self, *args, **options):
        try:
            text = recorded_lexicon()
        except DictionaryMissing as error:
            raise CommandError(
                "Le dictionnaire français manque : apt-get install hunspell hunspell-fr"
            ) from error
        LEXICON_FILE.write_text(text, encoding="utf-8")
        words = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
        self.stdout.write(f"{LEXICON_FILE.name} : {words} mots.")
