"""ISO 3166-1 alpha-3: every officially assigned code, from pycountry (which packages Debian's iso-codes data)."""

import pycountry

ISO3_CODES = frozenset(country.alpha_3 for country in pycountry.countries)
