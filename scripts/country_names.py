#!/usr/bin/env python3
"""Regenerate src/country/names.tsv: each country's name in English, French, Spanish and
Arabic, by ISO 3166-1 alpha-3 code, from the Unicode CLDR as Python's babel ships it.

Run once, by hand, from the repository's root, with babel and pycountry installed
(`python3 -m venv /tmp/bv && /tmp/bv/bin/pip install babel pycountry`):

    /tmp/bv/bin/python scripts/country_names.py > src/country/names.tsv

CLDR names territories by ISO 3166-1 alpha-2 code; pycountry's ISO 3166-1 table gives each
alpha-2 code its alpha-3 one. Only countries (entries of ISO 3166-1) are kept: CLDR's regions
("Africa", "Latin America") and its codes outside the standard (XK for Kosovo) are left out.
Tabs and line breaks never occur in CLDR names; the script checks it.
`cargo test --lib country` checks the file it writes.
"""
import sys

import babel
import babel.core
import pycountry
from babel import Locale

LANGUAGES = ["en", "fr", "es", "ar"]


def main():
    locales = {lang: Locale(lang).territories for lang in LANGUAGES}
    rows = []
    for country in pycountry.countries:
        names = [locales[lang].get(country.alpha_2) for lang in LANGUAGES]
        if not all(names):
            continue
        for name in names:
            if "\t" in name or "\n" in name:
                sys.exit(f"unexpected tab or line break in {name!r}")
        rows.append((country.alpha_3, *names))
    rows.sort()
    out = sys.stdout
    out.write("# Country names by ISO 3166-1 alpha-3 code, in English, French, Spanish and Arabic.\n")
    out.write(f"# From the Unicode CLDR (Common Locale Data Repository), version {babel.core.get_cldr_version()}, ")
    out.write(f"as babel {babel.__version__} ships it;\n")
    out.write(f"# alpha-2 to alpha-3 codes from pycountry {pycountry_version()}.\n")
    out.write("# CLDR data: Copyright © 1991-2025 Unicode, Inc., under the Unicode License v3\n")
    out.write("# (https://www.unicode.org/license.txt).\n")
    out.write("# Generated; do not edit by hand. Regenerate from the repository's root with:\n")
    out.write("#   /tmp/bv/bin/python scripts/country_names.py > src/country/names.tsv\n")
    out.write("code\t" + "\t".join(LANGUAGES) + "\n")
    for row in rows:
        out.write("\t".join(row) + "\n")


def pycountry_version():
    try:
        from importlib.metadata import version

        return version("pycountry")
    except Exception:  # the version is only a note in the header
        return "(version unknown)"


if __name__ == "__main__":
    main()
