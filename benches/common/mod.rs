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
