//! Deterministic name corpora for the benches, generated from name parts written for namelink
//! (common Azerbaijani, Turkish and Russian given names and surnames; no external data).

#![allow(dead_code)]

/// Russian given names (Cyrillic).
pub const RU_GIVEN: &[&str] = &[
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Артём",
    "Николай",
    "Владимир",
    "Юрий",
    "Олег",
    "Павел",
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Екатерина",
    "Светлана",
    "Юлия",
    "Анастасия",
    "Дарья",
    "Ксения",
    "Сахил",
    "Анар",
    "Ильхам",
    "Джейхун",
    "Махинур",
    "Дерья",
    "Эльчин",
    "Гейдар",
];
/// Russian patronymics (Cyrillic).
pub const RU_PATRONYMIC: &[&str] = &[
    "Александрович",
    "Сергеевич",
    "Владимирович",
    "Николаевич",
    "Иванович",
    "Юрьевич",
    "Михайлович",
    "Алексеевна",
    "Андреевна",
    "Викторовна",
    "Олеговна",
    "Дмитриевна",
];
/// Russian surnames (Cyrillic).
pub const RU_SURNAME: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлова",
    "Захарова",
    "Щеглова",
    "Мишустин",
    "Бабаев",
    "Алиев",
    "Гасанов",
    "Мамедов",
    "Гусейнов",
    "Джафаров",
    "Халилов",
    "Эрдоган",
    "Гёкташ",
    "Янык",
    "Байрамов",
    "Кулиев",
    "Ильин",
    "Достоевский",
    "Чайковский",
    "Вяземский",
];
/// Azerbaijani and Turkish given names (Latin).
pub const AZ_GIVEN: &[&str] = &[
    "Sahil",
    "Anar",
    "İlham",
    "Ceyhun",
    "Elçin",
    "Heydər",
    "Rəşad",
    "Əli",
    "Məhəmməd",
    "Hüseyn",
    "Nərgiz",
    "Aygün",
    "Günay",
    "Leyla",
    "Səbinə",
    "Xədicə",
    "Ülviyyə",
    "Şahin",
    "Tofiq",
    "Vüqar",
    "Mahinur",
    "Derya",
    "Recep",
    "Emine",
    "Mehmet",
    "Ayşe",
    "Fatma",
    "Mustafa",
    "Özlem",
    "Gökhan",
];
/// Azerbaijani and Turkish surnames (Latin).
pub const AZ_SURNAME: &[&str] = &[
    "Babayev",
    "Əliyev",
    "Məmmədov",
    "Həsənov",
    "Hüseynov",
    "Cəfərov",
    "Xəlilov",
    "Quliyev",
    "İsmayılov",
    "Əhmədov",
    "Bayramov",
    "Mustafayev",
    "Qasımov",
    "Sadıqov",
    "Kərimov",
    "Əsgərov",
    "Yanık",
    "Göktaş",
    "Özdemir",
    "Erdoğan",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Aydın",
    "Öztürk",
    "Arslan",
    "Doğan",
];

/// A small deterministic generator (64-bit LCG), so every run sees the same corpus.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

/// `n` Russian names: given name, half of them with a patronymic, surname.
pub fn russian_names(n: usize, seed: u64) -> Vec<String> {
    let mut r = Lcg(seed);
    (0..n)
        .map(|_| {
            let given = r.pick(RU_GIVEN);
            let surname = r.pick(RU_SURNAME);
            if r.next() % 2 == 0 {
                format!("{given} {} {surname}", r.pick(RU_PATRONYMIC))
            } else {
                format!("{given} {surname}")
            }
        })
        .collect()
}

/// `n` Azerbaijani/Turkish names: one or two given names and a surname.
pub fn azerbaijani_names(n: usize, seed: u64) -> Vec<String> {
    let mut r = Lcg(seed);
    (0..n)
        .map(|_| {
            let given = r.pick(AZ_GIVEN);
            let surname = r.pick(AZ_SURNAME);
            if r.next() % 4 == 0 {
                format!("{given} {} {surname}", r.pick(AZ_GIVEN))
            } else {
                format!("{given} {surname}")
            }
        })
        .collect()
}

/// Name parts of real registries: `data/names/names-dataset.tsv`, the most frequent given names
/// and surnames of Azerbaijan, Turkey, Russia and the United States from names-dataset 3.3.1
/// (Philippe Remy, MIT licence), made by `scripts/bench_names.py`.
const NAMES_TSV: &str = include_str!("../../data/names/names-dataset.tsv");

/// One country's parts: given names with their gender, surnames.
pub struct Country {
    pub code: &'static str,
    pub given: Vec<(&'static str, bool)>,
    pub surnames: Vec<&'static str>,
}

/// The countries of `data/names/names-dataset.tsv`, in file order (AZ, TR, RU, US).
pub fn countries() -> Vec<Country> {
    let mut out: Vec<Country> = Vec::new();
    for line in NAMES_TSV.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&'static str> = line.split('\t').collect();
        let [cc, part, gender, name] = f[..] else {
            continue;
        };
        if out.last().is_none_or(|c| c.code != cc) {
            out.push(Country {
                code: cc,
                given: Vec::new(),
                surnames: Vec::new(),
            });
        }
        let c = out.last_mut().expect("pushed");
        if part == "given" {
            c.given.push((name, gender == "F"));
        } else {
            c.surnames.push(name);
        }
    }
    out
}

/// Whether a surname is a feminine form (Алиева, Babayeva, Иванова).
fn feminine(surname: &str) -> bool {
    surname.ends_with('а') || surname.ends_with('я') || surname.ends_with("va")
}

impl Lcg {
    /// An index into `len` items, frequent (first) ones more often: rank ~ len·u².
    pub fn zipf(&mut self, len: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((len as f64) * u * u) as usize % len.max(1)
    }
}

/// `n` person names as registries hold them: 30% Azerbaijani, 30% Turkish, 30% Russian
/// (Cyrillic), 10% American; given name and surname of one gender (Russian and
/// Azerbaijani surnames have feminine forms), a quarter of the Turkish and Azerbaijani
/// with a second given name, a third of the Russian with a patronymic.
pub fn realistic_names(n: usize, seed: u64) -> Vec<String> {
    let countries = countries();
    let mut r = Lcg(seed);
    (0..n)
        .map(|i| {
            let c = &countries[match i % 10 {
                0..=2 => 0,
                3..=5 => 1,
                6..=8 => 2,
                _ => 3,
            }
            .min(countries.len() - 1)];
            let (given, female) = c.given[r.zipf(c.given.len())];
            let gendered = matches!(c.code, "AZ" | "RU");
            let surname = loop {
                let s = c.surnames[r.zipf(c.surnames.len())];
                if !gendered || feminine(s) == female {
                    break s;
                }
            };
            match c.code {
                "RU" if r.next() % 3 == 0 => {
                    let pats: Vec<&&str> = RU_PATRONYMIC
                        .iter()
                        .filter(|p| p.ends_with("на") == female)
                        .collect();
                    format!("{given} {} {surname}", pats[r.next() as usize % pats.len()])
                }
                "AZ" | "TR" if r.next() % 4 == 0 => {
                    let (second, _) = c.given[r.zipf(c.given.len())];
                    format!("{given} {second} {surname}")
                }
                _ => format!("{given} {surname}"),
            }
        })
        .collect()
}

/// `base` with one person entity per name (ids `p0`, `p1`, …; names repeat, ids do not).
pub fn with_people(
    mut base: namelink::registry::Registry,
    names: &[String],
) -> namelink::registry::Registry {
    for (i, name) in names.iter().enumerate() {
        let _ = base.push(namelink::registry::Entity::new(
            format!("p{i}"),
            namelink::registry::EntityKind::Person,
            vec![name.clone()],
        ));
    }
    base
}

/// `count` of `names`, spread over the whole list, written in the other script: Latin names
/// transliterated to Russian Cyrillic, Cyrillic ones romanized as English writes them (the
/// queries of `benches/resolve.rs` and `tests/agreement.rs`).
pub fn other_script(names: &[String], count: usize) -> Vec<String> {
    use namelink::lang::Tag;
    use namelink::translit::Transliterator;
    let (Ok(to_ru), Ok(to_en)) = (
        Transliterator::new(Tag::AZ, Tag::RU),
        Transliterator::new(Tag::RU, Tag::EN),
    ) else {
        return Vec::new();
    };
    let step = (names.len() / count.max(1)).max(1);
    names
        .iter()
        .step_by(step)
        .take(count)
        .map(|s| {
            if s.chars().any(|c| ('А'..='я').contains(&c)) {
                to_en.transliterate(s).into_owned()
            } else {
                to_ru.transliterate(s).into_owned()
            }
        })
        .collect()
}

/// The five surnames a skewed registry shares (`skewed_names`).
pub const SKEW_SURNAMES: [&str; 5] = ["Babayev", "Yılmaz", "Иванов", "Smith", "Məmmədov"];

/// [`realistic_names`] where every fifth name takes one of [`SKEW_SURNAMES`] in place of
/// its own: a registry with five very long posting lists (a clan-heavy list, a country's
/// commonest surnames), the worst case for a query that shares only its surname.
#[allow(dead_code)]
pub fn skewed_names(n: usize, seed: u64) -> Vec<String> {
    let mut names = realistic_names(n, seed);
    for (i, name) in names.iter_mut().enumerate().filter(|(i, _)| i % 5 == 0) {
        let given: Vec<&str> = name.split(' ').collect();
        let first = given.first().copied().unwrap_or("X");
        *name = format!("{first} {}", SKEW_SURNAMES[(i / 5) % SKEW_SURNAMES.len()]);
    }
    names
}
