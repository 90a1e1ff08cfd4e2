//! Linking throughput: about 1 MiB of mixed az/tr/ru/en news documents (2-4 kB each, linked
//! one by one) against a registry of 100,000 people (realistic name parts, `benches/common`) and the built-in places.
//!
//! `cargo bench --bench link`. The text is our own sample articles
//! (`examples/data/articles`), each followed by generated sentences that name registered
//! people in four languages and scripts (Russian names in English, Azerbaijani and Turkish
//! names in Russian, Turkish suffixes after an apostrophe, surnames alone). Before the
//! criterion run it prints the linker's build time and how many mentions it finds.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namelink::index::Index;
use namelink::lang::{Lang, Tag};
use namelink::link::Linker;
use namelink::registry::Registry;
use namelink::translit::Transliterator;

mod common;

const ARTICLES: [&str; 10] = [
    include_str!("../examples/data/articles/01-en-social-meeting.txt"),
    include_str!("../examples/data/articles/02-az-sosial-gorus.txt"),
    include_str!("../examples/data/articles/03-ru-vstrecha.txt"),
    include_str!("../examples/data/articles/04-tr-bakan-ziyaret.txt"),
    include_str!("../examples/data/articles/05-ru-deklaratsiya.txt"),
    include_str!("../examples/data/articles/06-en-energy.txt"),
    include_str!("../examples/data/articles/07-en-economy.txt"),
    include_str!("../examples/data/articles/08-az-iqtisadiyyat.txt"),
    include_str!("../examples/data/articles/09-ru-ekonomika.txt"),
    include_str!("../examples/data/articles/10-tr-ekonomi.txt"),
];

fn registry(names: &[String]) -> Registry {
    common::with_people(Registry::builtin(), names)
}

/// About `bytes` of text in documents: an article followed by a paragraph of two sentences
/// naming registered people. One capitalised word per ~45 bytes, a little denser in names than
/// the seed articles of real news (one per 52 bytes).
fn documents(names: &[String], bytes: usize) -> Vec<String> {
    let to_ru = Transliterator::new(Tag::AZ, Tag::RU).expect("az -> ru");
    let to_en = Transliterator::new(Tag::RU, Tag::EN).expect("ru -> en");
    let cyrillic = |s: &str| s.chars().any(|c| ('А'..='я').contains(&c));
    let mut r = common::Lcg(7);
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < bytes {
        let mut out = String::new();
        out.push_str(ARTICLES[i % ARTICLES.len()]);
        out.push('\n');
        for _ in 0..2 {
            let name = &names[r.next() as usize % names.len()];
            let surname = name.rsplit(' ').next().unwrap_or(name);
            let sentence = match r.next() % 4 {
                0 if !cyrillic(name) => format!(
                    "Bakan {name} toplantıda konuştu. {surname}, iş birliğini vurguladı. \
                     Heyet {surname}'ın açıklamasını dinledi.\n"
                ),
                0 | 1 => {
                    let ru = if cyrillic(name) {
                        name.clone()
                    } else {
                        to_ru.transliterate(name).into_owned()
                    };
                    format!(
                        "Министр {ru} провёл встречу в Баку. Стороны обсудили сотрудничество \
                         Азербайджана и Турции в социальной сфере.\n"
                    )
                }
                2 if !cyrillic(name) => format!(
                    "Nazir {name} Bakıda görüş keçirib. Görüşdə Azərbaycanın və Türkiyənin \
                     əməkdaşlığı müzakirə olunub.\n"
                ),
                _ => {
                    let en = if cyrillic(name) {
                        to_en.transliterate(name).into_owned()
                    } else {
                        name.clone()
                    };
                    format!(
                        "Minister {en} met his counterpart in Ankara on Tuesday, the ministry \
                         said in a statement.\n"
                    )
                }
            };
            out.push_str(&sentence);
        }
        out.push('\n');
        i += 1;
        total += out.len();
        docs.push(out);
    }
    docs
}

fn bench(c: &mut Criterion) {
    let names = common::realistic_names(100_000, 21);
    let index = Index::new(registry(&names));
    let t = Instant::now();
    let linker = Linker::new(&index);
    let built = t.elapsed();
    let docs = documents(&names, 1 << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    let capitalised: usize = docs
        .iter()
        .flat_map(|d| d.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let link_all = || {
        docs.iter()
            .map(|d| linker.link(black_box(d), Lang::Auto).count())
            .sum::<usize>()
    };
    let t = Instant::now();
    let found = link_all();
    let once = t.elapsed();
    println!(
        "link: 100k people + {} places; linker built in {:.0} ms; {} documents, {:.2} MB, one \
         capitalised word per {:.0} bytes, {} mentions, {:.1} MB/s (one run)",
        index.registry().len() - names.len(),
        built.as_secs_f64() * 1e3,
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / capitalised.max(1) as f64,
        found,
        bytes as f64 / 1e6 / once.as_secs_f64()
    );

    let mut g = c.benchmark_group("link");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("mixed_news_100k_people", |b| {
        b.iter(|| black_box(link_all()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
