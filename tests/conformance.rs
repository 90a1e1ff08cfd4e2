//! Golden cases: published examples of the standards namelink implements, plus our own cases
//! for the press conventions. The full published sample sets are checked by
//! `cargo run --example conformance -- ../shared/dev-eval` (results in the README).

use namelink::lang::Tag;
use namelink::translit::{Transliterator, transliterate};
use unicode_normalization::UnicodeNormalization;

/// (standard, Russian input, expected romanization). iuliia prints Cyrillic ё (U+0451) in its
/// Latin samples where the standards print ë (U+00EB); the samples are quoted with ë.
const RUSSIAN: &[(&str, &str, &str)] = &[
    // iuliia 0.13.0 iuliia/schemas/icao_doc_9303.json `samples` (MIT, Anton Zhiyanov)
    (
        "icao-9303",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Iuliia, sieesh eshche etikh miagkikh frantsuzskikh bulok iz Ioshkar-Oly, da vypei altaiskogo chaiu",
    ),
    ("icao-9303", "Юлия Щеглова", "Iuliia Shcheglova"),
    ("icao-9303", "Гайа Васильева", "Gaia Vasileva"),
    ("icao-9303", "Андрей Видный", "Andrei Vidnyi"),
    ("icao-9303", "Артём Краевой", "Artem Kraevoi"),
    ("icao-9303", "Мадыр Чёткий", "Madyr Chetkii"),
    // iuliia 0.13.0 iuliia/schemas/bgn_pcgn.json `samples` (MIT, Anton Zhiyanov)
    (
        "bgn-pcgn",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Yuliya, s”yesh’ yeshchë etikh myagkikh frantsuzskikh bulok iz Yoshkar-Oly, da vypey altayskogo chayu",
    ),
    (
        "bgn-pcgn",
        "Россия, город Йошкар-Ола, улица Яна Крастыня",
        "Rossiya, gorod Yoshkar-Ola, ulitsa Yana Krastynya",
    ),
    ("bgn-pcgn", "Елизово", "Yelizovo"),
    ("bgn-pcgn", "Чапаевск", "Chapayevsk"),
    ("bgn-pcgn", "Мейеровка", "Meyyerovka"),
    ("bgn-pcgn", "Юрьев объезд", "Yur’yev ob”yezd"),
    // iuliia 0.13.0 iuliia/schemas/gost_779.json `samples` (MIT, Anton Zhiyanov)
    (
        "gost-7.79-a",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Ûliâ, sʺešʹ eŝë ètih mâgkih francuzskih bulok iz Joškar-Oly, da vypej altajskogo čaû",
    ),
    // iuliia 0.13.0 iuliia/schemas/gost_779_alt.json `samples` (MIT, Anton Zhiyanov)
    (
        "gost-7.79-b",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Yuliya, s``esh` eshhyo e`tix myagkix franczuzskix bulok iz Joshkar-Oly`, da vy`pej altajskogo chayu",
    ),
    // iuliia 0.13.0 iuliia/schemas/ala_lc.json `samples` (MIT, Anton Zhiyanov)
    (
        "ala-lc",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "I͡ulii͡a, sʺeshʹ eshchë ėtikh mi͡agkikh frant͡suzskikh bulok iz Ĭoshkar-Oly, da vypeĭ altaĭskogo chai͡u",
    ),
    // iuliia 0.13.0 iuliia/schemas/mvd_310.json `samples` (MIT, Anton Zhiyanov)
    (
        "mvd-310",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Yuliya, syesh' eshche etikh myagkikh frantsuzskikh bulok iz Yoshkar-Oly, da vypey altayskogo chayu",
    ),
    ("mvd-310", "Юлия Щеглова", "Yuliya Shcheglova"),
    ("mvd-310", "Гайа Васильева", "Gaya Vasilyeva"),
    ("mvd-310", "Андрей Видный", "Andrey Vidnyy"),
    // iuliia 0.13.0 iuliia/schemas/mvd_782.json `samples` (MIT, Anton Zhiyanov)
    (
        "mvd-782",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Yuliya, syesh' eshche etikh myagkikh frantsuzskikh bulok iz Yoshkar-Oly, da vypey altayskogo chayu",
    ),
    ("mvd-782", "Юлия Щеглова", "Yuliya Shcheglova"),
    ("mvd-782", "Гайа Васильева", "Gaya Vasilyeva"),
    ("mvd-782", "Андрей Видный", "Andrey Vidnyy"),
    ("mvd-782", "Артём Краевой", "Artyem Krayevoy"),
    ("mvd-782", "Мадыр Чёткий", "Madyr Chetkiy"),
    // iuliia 0.13.0 iuliia/schemas/scientific.json `samples` (MIT, Anton Zhiyanov)
    (
        "scientific",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Julija, sʺešʹ eščë ètix mjagkix francuzskix bulok iz Joškar-Oly, da vypej altajskogo čaju",
    ),
    // iuliia 0.13.0 iuliia/schemas/ungegn_1987.json `samples` (MIT, Anton Zhiyanov)
    (
        "ungegn-1987",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Julija, sʺešʹ eščë ètih mjagkih francuzskih bulok iz Joškar-Oly, da vypej altajskogo čaju",
    ),
    (
        "ungegn-1987",
        "Россия, город Йошкар-Ола, улица Яна Крастыня",
        "Rossija, gorod Joškar-Ola, ulica Jana Krastynja",
    ),
    // iuliia 0.13.0 iuliia/schemas/wikipedia.json `samples` (MIT, Anton Zhiyanov)
    (
        "wikipedia",
        "Юлия, съешь ещё этих мягких французских булок из Йошкар-Олы, да выпей алтайского чаю",
        "Yuliya, syesh yeshchyo etikh myagkikh frantsuzskikh bulok iz Yoshkar-Oly, da vypey altayskogo chayu",
    ),
    (
        "wikipedia",
        "Россия, город Йошкар-Ола, улица Яна Крастыня",
        "Rossiya, gorod Yoshkar-Ola, ulitsa Yana Krastynya",
    ),
    ("wikipedia", "Ельцин", "Yeltsin"),
    ("wikipedia", "Раздольное", "Razdolnoye"),
    ("wikipedia", "Юрьев", "Yuryev"),
    ("wikipedia", "Белкин", "Belkin"),
];

#[test]
fn russian_standards_reproduce_their_published_samples() {
    let mut failures = Vec::new();
    for &(standard, input, expected) in RUSSIAN {
        let t = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, standard)
            .expect("standard exists");
        let got = t.transliterate(input);
        // Canonically equivalent text is the same text: compare in NFC.
        if !got.nfc().eq(expected.nfc()) {
            failures.push(format!(
                "{standard}: {input}\n  want {expected}\n  got  {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Azerbaijani Cyrillic -> Latin.
/// source: Debian bookworm unicode-cldr-core 41-0.1,
/// cldr/common/testData/transforms/az-t-az-cyrl-m0-bgn.txt (Unicode License, (c) Unicode Inc.)
const AZ_CLDR: &[(&str, &str)] = &[
    ("вә", "və"),
    ("Маддә", "Maddə"),
    ("Һәр", "Hər"),
    ("һүгугуна", "hüququna"),
    ("шәхс", "şəxs"),
    ("ја", "ya"),
    ("шәхсијјәтинин", "şəxsiyyətinin"),
    ("халглар", "xalqlar"),
    ("груплар", "qruplar"),
    ("башгалары", "başqaları"),
    ("јахшы", "yaxşı"),
];

#[test]
fn azerbaijani_cyrillic_reproduces_cldr_and_round_trips() {
    for &(cyr, lat) in AZ_CLDR {
        assert_eq!(
            transliterate(cyr, Tag::AZ_CYRL, Tag::AZ).unwrap(),
            lat,
            "{cyr}"
        );
        assert_eq!(
            transliterate(lat, Tag::AZ, Tag::AZ_CYRL).unwrap(),
            cyr,
            "{lat}"
        );
    }
}

/// Our own cases: how the press of each language writes the others' names.
/// (from, to, input, expected)
const PRESS: &[(&str, &str, &str, &str)] = &[
    ("az", "ru", "Sahil Babayev", "Сахил Бабаев"),
    ("az", "ru", "Anar Əliyev", "Анар Алиев"),
    ("tr", "ru", "Derya Yanık", "Дерья Янык"),
    (
        "tr",
        "ru",
        "Mahinur Özdemir Göktaş",
        "Махинур Оздемир Гёкташ",
    ),
    ("tr", "ru", "Recep Tayyip Erdoğan", "Реджеп Тайип Эрдоган"),
    ("az", "ru", "İlham Əliyev", "Ильхам Алиев"),
    ("az", "ru", "Ceyhun Bayramov", "Джейхун Байрамов"),
    ("az", "ru", "Elçin Quliyev", "Эльчин Кулиев"),
    ("az", "ru", "Heydər Həsənov", "Гейдар Гасанов"),
    ("tr", "ru", "Emine Erdoğan", "Эмине Эрдоган"),
    ("ru", "az", "Михаил Мишустин", "Mixail Mişustin"),
    ("ru", "tr", "Михаил Мишустин", "Mihail Mişustin"),
    ("ru", "az", "Мария Захарова", "Mariya Zaxarova"),
    ("ru", "tr", "Мария Захарова", "Mariya Zaharova"),
    ("ru", "az", "Сергей Лавров", "Serqey Lavrov"),
    ("ru", "tr", "Сергей Лавров", "Sergey Lavrov"),
    ("ru", "az", "Алиев", "Aliyev"),
    ("az", "en", "Dərya Yanık", "Derya Yanik"),
    ("az", "en", "Məmmədov", "Mammadov"),
    ("az", "en", "Cəfərov", "Jafarov"),
    ("az", "en", "Xəlilov", "Khalilov"),
    ("az", "en", "Şahin Mustafayev", "Shahin Mustafayev"),
    (
        "tr",
        "en",
        "Mahinur Özdemir Göktaş",
        "Mahinur Ozdemir Goktas",
    ),
    ("ru", "en", "Сахил Бабаев", "Sakhil Babayev"),
    ("ru", "ru-Latn", "Сахил Бабаев", "Sakhil Babaev"),
    ("az-Cyrl", "ru", "Һејдәр Әлијев", "Гейдар Алиев"),
];

#[test]
fn press_conventions() {
    let mut failures = Vec::new();
    for &(from, to, input, expected) in PRESS {
        let got = transliterate(input, from.parse().unwrap(), to.parse().unwrap()).unwrap();
        if got != expected {
            failures.push(format!(
                "{from}->{to}: {input}\n  want {expected}\n  got  {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
