#![no_main]
//! A registry built from fuzz input (one entity per line: `kind<TAB>name<TAB>alias…`),
//! indexed, saved and loaded back: the loaded index gives the same answers as the built one,
//! for every name of the registry and for each input line as a query.
use libfuzzer_sys::fuzz_target;
use namelink::index::Index;
use namelink::registry::{Entity, EntityKind, Registry};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut registry = Registry::new();
    let mut queries = Vec::new();
    for (i, line) in text.lines().take(64).enumerate() {
        let mut fields = line.split('\t');
        let kind = match fields.next().unwrap_or("") {
            "o" => EntityKind::Organization,
            "l" => EntityKind::Place,
            "x" => EntityKind::Other,
            _ => EntityKind::Person,
        };
        let names: Vec<String> = fields.take(8).map(str::to_string).collect();
        queries.extend(names.iter().cloned());
        queries.push(line.to_string());
        // Refused entities (no names, control characters, nothing to match) are left out.
        let _ = registry.push(Entity::new(format!("e{i}"), kind, names));
    }
    let built = Index::new(registry);
    let mut bytes = Vec::new();
    built.save(&mut bytes).expect("saving to memory cannot fail");
    let loaded = Index::load(&bytes[..]).expect("an index just saved loads");
    assert_eq!(loaded.len(), built.len());
    assert_eq!(loaded.entity_count(), built.entity_count());
    for q in queries.iter().take(256) {
        let a: Vec<(String, u64)> = built
            .resolve(q, 5)
            .into_iter()
            .map(|m| (m.id, m.score.to_bits()))
            .collect();
        let b: Vec<(String, u64)> = loaded
            .resolve(q, 5)
            .into_iter()
            .map(|m| (m.id, m.score.to_bits()))
            .collect();
        assert_eq!(a, b, "query {q:?}");
    }
});
