#!/usr/bin/env python3
"""Convert iuliia 0.13.0 schema JSON files into namelink rule tables (data/translit/*.tsv).

Usage: scripts/iuliia_to_tsv.py SCHEMA_DIR OUT_DIR

SCHEMA_DIR holds iuliia's `schemas/*.json` (PyPI iuliia==0.13.0, MIT, Anton Zhiyanov); the
development copy sits in ../shared/dev-eval/sources/iuliia-0.13.0-schemas/. Only the letter
tables are used (`mapping`, `prev_mapping`, `next_mapping`, `ending_mapping`); the `samples`
are not copied. iuliia's rules translate into namelink's table format like this:

  mapping       {"х": "kh"}       ->  х  kh
  prev_mapping  {"ае": "ye"}      ->  е  ye  а        (before = previous letter)
  prev_mapping  {"е": "ye"}       ->  е  ye  ^        (iuliia's empty previous letter = word start)
  next_mapping  {"ъа": "y"}       ->  ъ  y       а    (after = next letter)
  ending_mapping {"ий": "y"}      ->  ий y   !^  $    (a word ending, not the whole word)

Where iuliia writes Cyrillic ё (U+0451) in its Latin output, the tables write ë (U+00EB), as
the standards themselves print it.

iuliia tries prev_mapping, then next_mapping, then mapping; namelink tries the longest key
first and then rows in file order, so the rows are written in that order.
"""
import json
import os
import sys

# namelink id, iuliia schema, short name, description
SCHEMAS = [
    ("icao-9303", "icao_doc_9303", "ICAO Doc 9303",
     "ICAO Doc 9303 (2015), machine-readable travel documents; Russian passports since 2013"),
    ("bgn-pcgn", "bgn_pcgn", "BGN/PCGN 1947",
     "BGN/PCGN 1947 for Russian, with its е/ё/ы/э context rules and ” ’ for ъ ь"),
    ("bgn-pcgn-simple", "bgn_pcgn_alt", "BGN/PCGN 1947 (simplified)",
     "BGN/PCGN 1947 without the separating signs (ASCII apostrophes dropped)"),
    ("gost-7.79-a", "gost_779", "GOST 7.79-2000 system A",
     "GOST 7.79-2000 system A = ISO 9:1995: one Latin letter per Cyrillic letter, reversible"),
    ("gost-7.79-b", "gost_779_alt", "GOST 7.79-2000 system B",
     "GOST 7.79-2000 system B: ASCII letters and digraphs (shh, yu, c before e/i/y/j = cz)"),
    ("ala-lc", "ala_lc", "ALA-LC",
     "ALA-LC Romanization Tables (Library of Congress), with ligature ties and diacritics"),
    ("ala-lc-ascii", "ala_lc_alt", "ALA-LC (ASCII)",
     "ALA-LC without diacritics and ligature ties"),
    ("mvd-310", "mvd_310", "MVD 310 (1997)",
     "Russian internal-affairs order 310 (1997), passports 1997-2010"),
    ("mvd-310-fr", "mvd_310_fr", "MVD 310 (1997, French)",
     "Order 310 (1997), the French-based variant (ou, ch, tch)"),
    ("mvd-782", "mvd_782", "MVD 782 (2000)",
     "Russian internal-affairs order 782 (2000), passports 2010-2013"),
    ("scientific", "scientific", "Scientific",
     "Scientific transliteration (linguistics), č š ž x"),
    ("ungegn-1987", "ungegn_1987", "UNGEGN 1987",
     "UN 1987 recommendation for geographical names (= GOST 16876-71 table 1)"),
    ("wikipedia", "wikipedia", "Wikipedia",
     "English Wikipedia's system: ye at word start and after vowels, yo, -y for -ий/-ый"),
    ("bs-2979", "bs_2979", "BS 2979:1958",
     "British Standard 2979:1958 (Oxford University Press, British Library)"),
    ("bs-2979-ascii", "bs_2979_alt", "BS 2979:1958 (ASCII)",
     "BS 2979:1958 without diacritics"),
    ("gost-16876", "gost_16876", "GOST 16876-71 table 1",
     "GOST 16876-71 table 1 (diacritics)"),
    ("gost-16876-ascii", "gost_16876_alt", "GOST 16876-71 table 2",
     "GOST 16876-71 table 2 (ASCII digraphs)"),
    ("gost-52290", "gost_52290", "GOST R 52290-2004",
     "GOST R 52290-2004, road signs"),
    ("gost-52535", "gost_52535", "GOST R 52535.1-2006",
     "GOST R 52535.1-2006, identity cards (as ICAO Doc 9303 of 2006)"),
    ("gost-7034", "gost_7034", "GOST R 7.0.34-2014",
     "GOST R 7.0.34-2014, simplified transliteration for libraries"),
    ("iso-9-1954", "iso_9_1954", "ISO/R 9:1954", "ISO/R 9:1954"),
    ("iso-9-1968", "iso_9_1968", "ISO/R 9:1968", "ISO/R 9:1968 (= GOST 16876-71 table 1 base)"),
    ("iso-9-1968-alt", "iso_9_1968_alt", "ISO/R 9:1968 (alternative)",
     "ISO/R 9:1968 alternative table"),
    ("mosmetro", "mosmetro", "Moscow Metro", "Moscow Metro map (2016)"),
    ("telegram", "telegram", "Telegram", "Telegram's login transliteration"),
    ("yandex-maps", "yandex_maps", "Yandex.Maps", "Yandex.Maps"),
    ("yandex-money", "yandex_money", "Yandex.Money", "Yandex.Money bank card names"),
]

# Variants derived from a schema: (namelink id, base schema, short name, description, glyph map).
# CLDR's BGN/PCGN transform writes the soft and hard signs as modifier primes (U+02B9, U+02BA)
# where the 1947 table and iuliia print typographic apostrophes.
VARIANTS = [
    ("bgn-pcgn-cldr", "bgn_pcgn", "BGN/PCGN 1947 (CLDR glyphs)",
     "BGN/PCGN 1947 as CLDR writes it: ʹ ʺ for ь ъ", {"\u2019": "\u02b9", "\u201d": "\u02ba"}),
]


GLYPHS = {}


def latin(value):
    """iuliia writes Cyrillic ё (U+0451) in Latin output where the standards print ë (U+00EB);
    a variant may also swap glyphs (GLYPHS)."""
    value = value.replace("\u0451", "\u00eb")
    for a, b in GLYPHS.items():
        value = value.replace(a, b)
    return value


def context_rows(mapping, key_is_prev):
    """Group 2-letter (or 1-letter) iuliia context keys by (letter, value)."""
    groups = {}
    order = []
    for key, value in mapping.items():
        if key_is_prev:
            ctx, cur = (key[:-1], key[-1])
            ctx = ctx or "^"
        else:
            cur, ctx = (key[0], key[1:])
            ctx = ctx or "$"
        value = latin(value)
        k = (cur, value)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(ctx)
    return [(cur, value, "".join(groups[(cur, value)])) for (cur, value) in order]


def main():
    src, out = sys.argv[1], sys.argv[2]
    jobs = [(i, n, sh, d, {}) for (i, n, sh, d) in SCHEMAS] + VARIANTS
    for ident, name, short, desc, glyphs in jobs:
        GLYPHS.clear()
        GLYPHS.update(glyphs)
        with open(os.path.join(src, name + ".json"), encoding="utf-8") as f:
            schema = json.load(f)
        lines = [
            f"# Russian Cyrillic -> Latin: {short}.",
            f"# source: PyPI iuliia==0.13.0, iuliia/schemas/{name}.json, letter tables only"
            " (MIT, (c) Anton Zhiyanov); converted by scripts/iuliia_to_tsv.py",
            f"# reference: {schema.get('url', '')}",
            "# columns: key, replacement, before (previous letter), after (next letter)",
            f"@id\t{ident}",
            "@from\tru",
            "@to\tru-Latn",
            f"@name\t{short}",
            f"@description\t{desc}",
        ]
        if ident == "gost-7.79-a":
            lines.append("@reversible")
        for key, value in (schema.get("ending_mapping") or {}).items():
            lines.append(f"{key}\t{latin(value)}\t!^\t$")
        for cur, value, ctx in context_rows(schema.get("prev_mapping") or {}, True):
            lines.append(f"{cur}\t{value}\t{ctx}")
        for cur, value, ctx in context_rows(schema.get("next_mapping") or {}, False):
            lines.append(f"{cur}\t{value}\t\t{ctx}")
        for key, value in schema["mapping"].items():
            lines.append(f"{key}\t{latin(value)}")
        path = os.path.join(out, f"ru-to-ru-Latn.{ident}.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
