//! Build a small registry in code, resolve a handful of spellings, print matches and reasons.
//!
//! `cargo run --example resolve`

use namelink::index::Index;
use namelink::registry::{Entity, EntityKind, Registry, RegistryError};

fn main() -> Result<(), RegistryError> {
    let mut registry = Registry::new();
    // One spelling per person is enough; aliases are for what spelling cannot bridge.
    for (id, kind, names) in [
        ("babayev-sahil", EntityKind::Person, vec!["Sahil Babayev"]),
        ("yanik-derya", EntityKind::Person, vec!["Derya Yanık"]),
        ("aliyev-anar", EntityKind::Person, vec!["Anar Əliyev"]),
        (
            "goktas-mahinur",
            EntityKind::Person,
            vec!["Mahinur Özdemir Göktaş"],
        ),
        (
            "dost",
            EntityKind::Organization,
            vec!["DOST Agentliyi", "DOST Agency"],
        ),
        (
            "turkey",
            EntityKind::Place,
            vec!["Türkiye", "Turkey", "Türkiyə", "Турция"],
        ),
    ] {
        registry.push(Entity::new(id, kind, names))?;
    }
    let index = Index::new(registry);
    for query in [
        "Sakhil Babaev",
        "S.Babayev",
        "Daria Yanyk",
        "Анаром Алиевым",
        "Махинур Оздемир Гёкташ",
        "Türkiyənin",
        "Sahib Babayev",
        "Leyla Əliyeva",
    ] {
        let found = index.resolve(query, 3);
        if found.is_empty() {
            println!("{query:<26} -> (nothing above the threshold)");
        }
        for m in found {
            println!(
                "{query:<26} -> {} ({}) {:.3}: {}",
                m.id, m.name, m.score, m.explanation
            );
        }
    }
    Ok(())
}
