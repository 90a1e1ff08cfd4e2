#!/usr/bin/env python3
"""Writes tests/data/pairs.tsv: namelink's own labelled name pairs (az, tr, ru, en).

Usage: scripts/make_test_pairs.py > tests/data/pairs.tsv

Every spelling below was written for namelink from how Azerbaijani, Turkish, Russian and
English media write these names (no dataset was copied). Positives pair every two spellings
of one group; hard negatives are written out by hand (one letter, gender form, shared surname,
wrong initial, different patronymic); random negatives pair groups at random (seeded).
Columns as in the development data: a, b, label, category, source.
"""
import itertools
import random

PERSONS = [
    ["Sahil Babayev", "Сахил Бабаев", "Sakhil Babaev", "S. Babayev", "Babayev Sahil", "Sahil Babayevlə"],
    ["Anar Əliyev", "Анар Алиев", "Anar Aliyev", "A. Aliyev", "Алиев Анар", "Анаром Алиевым",
     "Anar Rasim oğlu Əliyev", "Алиев Анар Расим оглы", "Анар Расимович Алиев", "Anar Rasimovich Aliyev"],
    ["İlham Əliyev", "Ильхам Алиев", "Ilham Aliyev", "Əliyev İlham", "Ilkham Aliev"],
    ["Mehriban Əliyeva", "Мехрибан Алиева", "Mehriban Aliyeva", "Mehriban Aliyeva"],
    ["Ceyhun Bayramov", "Джейхун Байрамов", "Jeyhun Bayramov", "Dzheykhun Bayramov"],
    ["Heydər Əliyev", "Гейдар Алиев", "Heydar Aliyev", "Geydar Aliev"],
    ["Elmar Məmmədyarov", "Эльмар Мамедъяров", "Elmar Mammadyarov", "Elmar Mamedyarov"],
    ["Novruz Məmmədov", "Новруз Мамедов", "Novruz Mammadov"],
    ["Əli Əsədov", "Али Асадов", "Ali Asadov"],
    ["Ramiz Mehdiyev", "Рамиз Мехтиев", "Ramiz Mekhtiev"],
    ["Zakir Həsənov", "Закир Гасанов", "Zakir Hasanov", "Zakir Gasanov"],
    ["Mikayıl Cabbarov", "Микаил Джаббаров", "Mikayil Jabbarov"],
    ["Şahin Mustafayev", "Шахин Мустафаев", "Shahin Mustafayev"],
    ["Emin Hüseynov", "Эмин Гусейнов", "Emin Huseynov"],
    ["Leyla Əliyeva", "Лейла Алиева", "Leyla Aliyeva"],
    ["Xəyal Xəlilov", "Хаял Халилов", "Khayal Khalilov"],
    ["Cəfər Cəfərov", "Джафар Джафаров", "Jafar Jafarov"],
    ["Rəşad Sadıqov", "Рашад Садыгов", "Rashad Sadigov"],
    ["Recep Tayyip Erdoğan", "Реджеп Тайип Эрдоган", "Recep Tayyip Erdogan", "Cumhurbaşkanı Recep Tayyip Erdoğan"],
    ["Mahinur Özdemir Göktaş", "Махинур Оздемир Гёкташ", "Mahinur Ozdemir Goktas", "Mahinur Göktaş"],
    ["Derya Yanık", "Дерья Янык", "Derya Yanik", "Daria Yanyk", "Dərya Yanık"],
    ["Mevlüt Çavuşoğlu", "Мевлют Чавушоглу", "Mevlut Cavusoglu"],
    ["Hakan Fidan", "Хакан Фидан", "Bakan Hakan Fidan"],
    ["Emine Erdoğan", "Эмине Эрдоган", "Emine Erdogan"],
    ["Kemal Kılıçdaroğlu", "Кемаль Кылычдароглу", "Kemal Kilicdaroglu"],
    ["Süleyman Soylu", "Сулейман Сойлу", "Suleyman Soylu"],
    ["Binali Yıldırım", "Бинали Йылдырым", "Binali Yildirim"],
    ["Михаил Мишустин", "Mikhail Mishustin", "Mixail Mişustin", "Mihail Mişustin", "M. Mishustin"],
    ["Мария Захарова", "Mariya Zakharova", "Mariya Zaxarova", "Mariya Zaharova", "Mariia Zakharova"],
    ["Сергей Лавров", "Sergey Lavrov", "Sergei Lavrov", "Serqey Lavrov"],
    ["Владимир Путин", "Vladimir Putin", "V. Putin", "Путин Владимир Владимирович", "Vladimir Vladimirovich Putin"],
    ["Дмитрий Медведев", "Dmitry Medvedev", "Dmitriy Medvedev", "Dmitri Medvedev"],
    ["Юлия Щеглова", "Yuliya Shcheglova", "Iuliia Shcheglova", "Julija Ščeglova"],
    ["Алексей Оверчук", "Aleksey Overchuk", "Aleksei Overchuk"],
    ["Татьяна Голикова", "Tatyana Golikova", "Tatiana Golikova", "Tatyana Qolikova"],
]

PLACES = [
    ["Azərbaycan", "Азербайджан", "Azerbaijan", "Azerbaycan"],
    ["Türkiyə", "Türkiye", "Turkiye"],
    ["Bakı", "Baku", "Баку", "Bakü"],
    ["Gəncə", "Гянджа", "Ganja", "Gence"],
    ["Sumqayıt", "Сумгаит", "Sumgait", "Sumqayit"],
    ["Naxçıvan", "Нахичевань", "Nakhchivan", "Nahçıvan"],
    ["Şəki", "Шеки", "Shaki", "Sheki"],
    ["Lənkəran", "Ленкорань", "Lankaran", "Lenkoran"],
    ["Xankəndi", "Ханкенди", "Khankendi"],
    ["Qəbələ", "Габала", "Gabala", "Qabala"],
    ["Москва", "Moskva", "Moskova"],
    ["Санкт-Петербург", "Sankt-Peterburq", "Sankt-Peterburg", "Saint Petersburg"],
    ["Ankara", "Анкара"],
    ["İzmir", "Izmir", "Измир"],
]

# (a, b, what) hand-written neighbours: different people or places.
HARD = [
    # one letter or one sound away
    ("Sahil Babayev", "Sahib Babayev", "letter"), ("Сахил Бабаев", "Sahib Babayev", "letter"),
    ("Elmar Məmmədyarov", "Elmir Məmmədyarov", "letter"), ("Ramiz Mehdiyev", "Rafiz Mehdiyev", "letter"),
    ("Zakir Həsənov", "Zahir Həsənov", "letter"), ("Emin Hüseynov", "Emil Hüseynov", "letter"),
    ("Hakan Fidan", "Hasan Fidan", "letter"), ("Mevlüt Çavuşoğlu", "Mesut Çavuşoğlu", "letter"),
    ("Sergey Lavrov", "Sergey Lavrin", "letter"), ("Mikhail Mishustin", "Mikhail Mishutin", "letter"),
    ("Anar Əliyev", "Anar Əlizadə", "letter"), ("Derya Yanık", "Derya Yanıkoğlu", "letter"),
    ("Novruz Məmmədov", "Novruz Məhərrəmov", "letter"), ("Şahin Mustafayev", "Şahin Mustafazadə", "letter"),
    ("Cəfər Cəfərov", "Cəfər Cəfərli", "letter"), ("Bakı", "Bakur", "letter"), ("Şəki", "Şəkər", "letter"),
    ("Gəncə", "Gənclik", "letter"), ("Qəbələ", "Qəbirli", "letter"), ("Москва", "Москворецкий", "letter"),
    ("Ankara", "Anakara", "letter"), ("Баку", "Бакуриани", "letter"), ("Sumqayıt", "Sumqayıtçay", "letter"),
    ("Ilham Aliyev", "Ilyas Aliyev", "letter"), ("Emine Erdoğan", "Emre Erdoğan", "letter"),
    ("Süleyman Soylu", "Süleyman Soyer", "letter"), ("Binali Yıldırım", "Binali Yıldız", "letter"),
    ("Юлия Щеглова", "Юлия Щеголева", "letter"), ("Дмитрий Медведев", "Дмитрий Медведь", "letter"),
    ("Татьяна Голикова", "Татьяна Голубева", "letter"),
    # the other gender of the surname: same family, another person
    ("Anar Əliyev", "Anar Əliyeva", "gender"), ("Leyla Əliyeva", "Leyla Əliyev", "gender"),
    ("Sahil Babayev", "Sahil Babayeva", "gender"), ("Сахил Бабаев", "Сахил Бабаева", "gender"),
    ("Sahil Babayevlə", "Sahil Babayeva", "gender"), ("Mariya Zakharova", "Mariya Zakharov", "gender"),
    ("Novruz Məmmədov", "Novruz Məmmədova", "gender"), ("Ceyhun Bayramov", "Ceyhun Bayramova", "gender"),
    ("Aliyev", "Aliyeva", "gender"), ("Бабаев", "Бабаева", "gender"), ("Mammadov", "Mammadova", "gender"),
    ("Jafarov", "Jafarova", "gender"), ("Hasanov", "Гасанова", "gender"), ("Мишустин", "Mishustina", "gender"),
    ("Tatyana Golikova", "Tatyana Golikov", "gender"), ("Zakir Həsənov", "Zakir Həsənova", "gender"),
    # a shared surname, another given name
    ("İlham Əliyev", "Anar Əliyev", "shared-part"), ("Heydər Əliyev", "İlham Əliyev", "shared-part"),
    ("Mehriban Əliyeva", "Leyla Əliyeva", "shared-part"), ("Recep Tayyip Erdoğan", "Emine Erdoğan", "shared-part"),
    ("Ильхам Алиев", "Анар Алиев", "shared-part"), ("Sahil Babayev", "Anar Babayev", "shared-part"),
    ("Сергей Лавров", "Пётр Лавров", "shared-part"), ("Mariya Zakharova", "Yelena Zakharova", "shared-part"),
    ("Vladimir Putin", "Vladimir Medvedev", "shared-part"), ("Dmitry Medvedev", "Dmitry Peskov", "shared-part"),
    ("Derya Yanık", "Derya Yılmaz", "shared-part"), ("Mahinur Özdemir Göktaş", "Mahinur Aydın", "shared-part"),
    ("Hakan Fidan", "Hakan Yılmaz", "shared-part"), ("Şahin Mustafayev", "Şahin Əliyev", "shared-part"),
    ("Emin Hüseynov", "Elçin Hüseynov", "shared-part"), ("Zakir Həsənov", "Əli Həsənov", "shared-part"),
    # an initial that is not the given name
    ("S. Babayev", "Anar Babayev", "initial"), ("A. Aliyev", "İlham Əliyev", "initial"),
    ("А. Алиев", "Ильхам Алиев", "initial"), ("M. Mishustin", "Sergey Mishustin", "initial"),
    ("V. Putin", "Dmitry Putin", "initial"), ("D. Yanık", "Mahinur Yanık", "initial"),
    # the same name with another father
    ("Anar Rasim oğlu Əliyev", "Anar Kamal oğlu Əliyev", "patronymic"),
    ("Алиев Анар Расим оглы", "Алиев Анар Вагиф оглы", "patronymic"),
    ("Путин Владимир Владимирович", "Путин Владимир Ильич", "patronymic"),
    ("Анар Расимович Алиев", "Анар Кямалович Алиев", "patronymic"),
]


def script(s):
    cyr = any("\u0400" <= c <= "\u04ff" for c in s)
    lat = any(c.isalpha() and c < "\u0400" for c in s)
    return "Zmix" if cyr and lat else ("Cyrl" if cyr else "Latn")


def main():
    rows = []
    for kind, groups in (("person", PERSONS), ("place", PLACES)):
        for g in groups:
            for a, b in itertools.combinations(dict.fromkeys(g), 2):
                rows.append((a, b, 1, f"positive/{kind}/{script(a)}-{script(b)}", "namelink"))
    for a, b, what in HARD:
        rows.append((a, b, 0, f"hard-negative-{what}/name/{script(a)}-{script(b)}", "namelink"))
    rnd = random.Random(7)
    for kind, groups in (("person", PERSONS), ("place", PLACES)):
        for _ in range(60 if kind == "person" else 30):
            g, h = rnd.sample(groups, 2)
            a, b = rnd.choice(g), rnd.choice(h)
            rows.append((a, b, 0, f"random-negative/{kind}/{script(a)}-{script(b)}", "namelink"))
    print("# namelink's own labelled name pairs; written by scripts/make_test_pairs.py (see there).")
    print("a\tb\tlabel\tcategory\tsource")
    for r in rows:
        print("\t".join(str(x) for x in r))


if __name__ == "__main__":
    main()
