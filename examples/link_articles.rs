//! Links the entities mentioned in a folder of articles and groups the articles that mention
//! the same people.
//!
//! ```text
//! cargo run --release --example link_articles                      # the sample articles
//! cargo run --release --example link_articles -- ../shared/seeds   # any folder of .txt files
//! cargo run --release --example link_articles -- DIR --registry FILE
//! ```
//!
//! The registry is `examples/data/registry.jsonl` (people with one spelling each, two
//! organisations) plus the built-in places, unless `--registry` names another. Articles that
//! share a person are put in one group (people, not places: every article here mentions
//! Azerbaijan and Turkey).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use namelink::index::Index;
use namelink::lang::Lang;
use namelink::link::Linker;
use namelink::registry::{EntityKind, Registry};

fn main() {
    if let Err(e) = run() {
        eprintln!("link_articles: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dir = root.join("examples/data/articles");
    let mut registry_path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--registry" => registry_path = args.next().map(PathBuf::from),
            _ => dir = PathBuf::from(a),
        }
    }
    let registry = match registry_path {
        Some(p) => Registry::load(&p).map_err(|e| format!("{}: {e}", p.display()))?,
        None => {
            let mut r = Registry::builtin();
            let own = Registry::load(root.join("examples/data/registry.jsonl"))
                .map_err(|e| e.to_string())?;
            for (_, e) in own.iter() {
                r.push(e.clone()).map_err(|e| e.to_string())?;
            }
            r
        }
    };
    let index = Index::new(registry);
    let linker = Linker::new(&index);

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .txt files", dir.display()));
    }

    // Per article: the people it mentions.
    let mut people: Vec<BTreeSet<String>> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("## {name}");
        let mut found = BTreeSet::new();
        for m in linker.link(&text, Lang::Auto) {
            if m.is_ambiguous() {
                let ids: Vec<&str> = m.candidates.iter().map(|r| r.id.as_str()).collect();
                println!(
                    "  {:>5}..{:<5} {:<28} ? ambiguous: {}",
                    m.span.start,
                    m.span.end,
                    m.text,
                    ids.join(", ")
                );
                continue;
            }
            println!(
                "  {:>5}..{:<5} {:<28} → {:<22} {:.2}  {}",
                m.span.start, m.span.end, m.text, m.id, m.score, m.explanation
            );
            let kind = index.registry().get(m.entity).map(|e| e.kind);
            if kind == Some(EntityKind::Person) {
                found.insert(m.id);
            }
        }
        people.push(found);
    }

    // Articles sharing a person, transitively.
    let mut group: Vec<usize> = (0..files.len()).collect();
    fn root_of(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for a in 0..files.len() {
        for b in a + 1..files.len() {
            if !people[a].is_disjoint(&people[b]) {
                let (ra, rb) = (root_of(&mut group, a), root_of(&mut group, b));
                group[rb] = ra;
            }
        }
    }
    println!("\n## Groups (articles sharing a person)");
    let mut seen = BTreeSet::new();
    for a in 0..files.len() {
        let r = root_of(&mut group, a);
        if !seen.insert(r) {
            continue;
        }
        let members: Vec<usize> = (0..files.len())
            .filter(|&b| root_of(&mut group, b) == r)
            .collect();
        let shared: BTreeSet<&String> = members.iter().flat_map(|&b| &people[b]).collect();
        let names: Vec<String> = members
            .iter()
            .filter_map(|&b| {
                files[b]
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .collect();
        println!("- {}: {:?}", names.join(", "), shared);
    }
    Ok(())
}
