"""Finding territories from names as the sources write them."""

import re
import unicodedata

from territories.models import Departement, FormerRegion, Region

# Names no rule derives from the official ones.
REGION_ALIASES = {"paca": "93", "idf": "11"}


def _key(name: str) -> str:
    """« HAUTE - N ORMANDIE » and « Haute-Normandie » give the same key."""
    without_accents = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", without_accents.lower())


def find_region(name: str) -> Region | None:
    """The current région for a current or pre-2016 région name, or None."""
    key = _key(name)
    if not key:
        return None
    for region in Region.objects.all():
        if _key(region.name) == key:
            return region
    for former in FormerRegion.objects.select_related("current_region"):
        if _key(former.name) == key:
            return former.current_region
    if key in REGION_ALIASES:
        return Region.objects.filter(code=REGION_ALIASES[key]).first()
    return None


def find_departement(name_or_code: str) -> Departement | None:
    """A département from its INSEE code or its name, however written."""
    value = name_or_code.strip().upper()
    if re.fullmatch(r"\d{1,3}|2[AB]", value):
        return Departement.objects.filter(code=value.zfill(2)).first()
    key = _key(name_or_code)
    for departement in Departement.objects.all():
        if _key(departement.name) == key:
            return departement
    return None
