#![no_main]
//! Differential: a registered name under any mix of disguises (invisible characters, look-alike
//! letters of Cyrillic and Greek, full-width and mathematical letters, capitals, hyphen cuts),
//! put in a sentence, links to the entity that `resolve` gives it, whenever resolve reads
//! every word as a spelling of the name (no letter misspelt) and every word starts with a
//! capital: the linker and resolve read words through one normalizer.
use libfuzzer_sys::fuzz_target;
use namelink::index::Index;
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::registry::{Entity, EntityKind, Registry};
use std::sync::LazyLock;

const NAMES: [&str; 8] = [
    "Sahil Babayev",
    "Anar Əliyev",
    "Derya Yanık",
    "Mahinur Göktaş",
    "Сергей Кузнецов",
    "Наталья Соколова",
    "Margaret Thompson",
    "Rəşad Hüseynov",
];

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut r = Registry::new();
    for (i, n) in NAMES.iter().enumerate() {
        let _ = r.push(Entity::new(format!("p{i}"), EntityKind::Person, vec![*n]));
    }
    Index::new(r)
});

static LINKER: LazyLock<Linker<'static>> = LazyLock::new(|| Linker::new(&INDEX));

fn disguise(c: char, op: u8) -> String {
    let cyrillic = |c| match c {
        'a' => 'а', 'e' => 'е', 'o' => 'о', 'p' => 'р', 'c' => 'с', 'x' => 'х', 'y' => 'у',
        'A' => 'А', 'B' => 'В', 'E' => 'Е', 'H' => 'Н', 'K' => 'К', 'M' => 'М', 'O' => 'О',
        'P' => 'Р', 'C' => 'С', 'T' => 'Т', 'S' => 'Ѕ', 'а' => 'a', 'е' => 'e', 'о' => 'o',
        'р' => 'p', 'с' => 'c', 'Н' => 'H', 'М' => 'M', 'В' => 'B', 'Т' => 'T', 'К' => 'K',
        _ => c,
    };
    let greek = |c| match c {
        'a' => 'α', 'o' => 'ο', 'i' => 'ι', 'A' => 'Α', 'B' => 'Β', 'E' => 'Ε', 'K' => 'Κ',
        'M' => 'Μ', 'N' => 'Ν', 'T' => 'Τ', 'I' => 'Ι',
        _ => c,
    };
    let offset = |c: char, base: u32| match c {
        'A'..='Z' => char::from_u32(base + (c as u32 - 'A' as u32)).unwrap_or(c),
        'a'..='z' => char::from_u32(base + 26 + (c as u32 - 'a' as u32)).unwrap_or(c),
        _ => c,
    };
    match op % 8 {
        0 => format!("{c}\u{200B}"),
        1 => format!("{c}\u{AD}"),
        2 => cyrillic(c).to_string(),
        3 => match c {
            'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 - 0x21 + 0xFF01)
                .unwrap_or(c)
                .to_string(),
            _ => c.to_string(),
        },
        4 => offset(c, 0x1D400).to_string(),
        5 => greek(c).to_string(),
        6 => c.to_uppercase().collect(),
        _ => c.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, ops)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let id = format!("p{}", usize::from(pick) % NAMES.len());
    let chars: Vec<char> = name.chars().collect();
    let mut v = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match ops.get(i) {
            // (The space between the words stays a space.)
            Some(&op) if c != ' ' => v.push_str(&disguise(c, op)),
            _ => v.push(c),
        }
    }
    let Some(want) = INDEX.resolve(&v, 1).into_iter().next() else {
        return;
    };
    let capitals = v
        .split(' ')
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if want.id != id || !capitals || want.explanation.to_string().contains("distance") {
        return;
    }
    let text = format!("Dünən axşam {v} Bakıda çıxış etdi.");
    let at = "Dünən axşam ".len();
    let linked: Vec<_> = LINKER.link(&text, Lang::Auto).collect();
    assert!(
        linked
            .iter()
            .any(|m| m.id == id && m.span.start <= at && m.span.end >= at + v.len() - 1),
        "{v:?} resolves to {id} but links {:?}",
        linked.iter().map(|m| (&m.text, &m.id)).collect::<Vec<_>>()
    );
});
