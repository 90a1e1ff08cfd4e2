#!/usr/bin/env python3
"""Writes tests/data/near_miss.tsv: labelled near-miss pairs of full names built from the
published name lists in data/names/names-dataset.tsv (names-dataset 3.3.1, MIT).

Negatives: two people of one country whose names differ in one part only, where that part is
two *different* entries of the country's list that a plain string metric calls close
(Levenshtein distance 1 or 2 on the lower-cased letters, both at least 4 letters): Mehmet
Yılmaz / Mahmut Yılmaz, Elnur Hasanov / Elnur Hüseynov. Entries that are spellings of one name
(the list holds ASCII forms and other-script spellings too: Aliyev, Eliyev, Əliyev) are not
paired: two entries count as one name when they are equal after folding the letters that
writers trade (ə/a/e, ı/i/y, ş/s/w, ç/c, ğ/q/g/k/h, ö/o/u, ü/u, z/s, d/t, b/p, doubled letters).

Positives: the same person written another way: folded to ASCII (Ş->S, ə->e, ı->i ...),
surname first, or in capitals.

Deterministic (seeded); run `python3 scripts/make_near_miss.py > tests/data/near_miss.tsv`.
"""
import random
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASCII = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ç": "c",
                       "Ç": "C", "ğ": "g", "Ğ": "G", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"})
SAME = str.maketrans({"ə": "a", "e": "a", "ı": "i", "y": "i", "ş": "s", "ç": "c", "ğ": "g",
                      "q": "g", "k": "g", "h": "g", "x": "g", "ö": "o", "u": "o", "ü": "o",
                      "z": "s", "d": "t", "b": "p", "w": "s"})


def fold(name):
    s = unicodedata.normalize("NFC", name.lower()).translate(SAME)
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    out = []
    for c in s:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main():
    lists = defaultdict(list)  # (country, part) -> names
    for line in (ROOT / "data/names/names-dataset.tsv").read_text().splitlines():
        if line.startswith("#"):
            continue
        country, part, gender, name = line.split("\t")
        lists[(country, part)].append((name, gender))
    rng = random.Random(20261202)
    rows = []
    for country in ["AZ", "TR", "RU", "US"]:
        given = lists[(country, "given")][:300]
        surnames = lists[(country, "surname")][:600]
        for part, names in (("given", given), ("surname", surnames)):
            close = []
            for i, (a, ga) in enumerate(names):
                for b, gb in names[i + 1:]:
                    la, lb = a.lower(), b.lower()
                    if min(len(la), len(lb)) < 4 or fold(a) == fold(b):
                        continue
                    if lev(la, lb) <= 2 and ga == gb:
                        close.append((a, b))
            rng.shuffle(close)
            for a, b in close[:40]:
                if part == "given":
                    s = rng.choice(surnames)[0]
                    rows.append((f"{a} {s}", f"{b} {s}", 0, f"near-miss/given/{country}"))
                else:
                    g = rng.choice(given)[0]
                    rows.append((f"{g} {a}", f"{g} {b}", 0, f"near-miss/surname/{country}"))
        for _ in range(60):
            g, s = rng.choice(given)[0], rng.choice(surnames)[0]
            full = f"{g} {s}"
            how = rng.choice(["ascii", "reordered", "capitals"])
            if how == "ascii" and full.translate(ASCII) == full:
                how = "reordered"
            other = {"ascii": full.translate(ASCII), "reordered": f"{s} {g}",
                     "capitals": full.upper()}[how]
            rows.append((full, other, 1, f"same/{how}/{country}"))
    out = sys.stdout
    out.write("# namelink's near-miss pairs: full names from data/names/names-dataset.tsv "
              "(names-dataset 3.3.1, MIT);\n# written by scripts/make_near_miss.py (see there).\n")
    out.write("a\tb\tlabel\tcategory\n")
    for a, b, label, cat in rows:
        out.write(f"{a}\t{b}\t{label}\t{cat}\n")


if __name__ == "__main__":
    main()
