//! What users act on: no silent no-ops, answers with kind, alias, explanation and
//! attributes, registries as CSV and TSV, thresholds saved in indexes.

mod support;
use support::namelink;

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("namelink-product-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn translit_auto_takes_a_route_or_says_there_is_none() {
    // Sahil Babayev has no az/tr letter, but no English spelling either: read as az.
    let o = namelink(
        &["translit", "--to", "ru", "Sahil Babayev", "Patricia"],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "Сахил Бабаев\nПатриша\n");
    // --json says what it read each line as.
    let o = namelink(
        &["translit", "--to", "ru", "--json", "Derya Yanık", "2024"],
        None,
    );
    assert_eq!(
        out(&o),
        "{\"input\":\"Derya Yanık\",\"output\":\"Дерья Янык\",\"lang\":\"tr\"}\n\
         {\"input\":\"2024\",\"output\":\"2024\",\"lang\":null}\n"
    );
    // No route: an error naming the language detected, never the input echoed.
    let o = namelink(&["translit", "--to", "az-Cyrl", "Patricia Bradshaw"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).is_empty());
    assert!(
        err(&o).contains("detected as en: no conversion from en to az-Cyrl"),
        "{}",
        err(&o)
    );
    // Already in the target: unchanged, and that is no error.
    let o = namelink(&["translit", "--to", "az", "Sahil Babayev"], None);
    assert_eq!(out(&o), "Sahil Babayev\n");
}

#[test]
fn resolve_gives_kind_alias_explanation_and_attributes() {
    let dir = temp("attrs");
    let reg = dir.join("people.jsonl");
    std::fs::write(
        &reg,
        "{\"id\": \"babayev-sahil\", \"kind\": \"person\", \"names\": [\"Sahil Babayev\", \"Labour Minister\"], \
          \"dob\": \"1980-01-01\", \"attributes\": {\"programme\": \"none\"}}\n\
         {\"id\": \"babayev-city\", \"kind\": \"place\", \"names\": [\"Babayev\"]}\n",
    )
    .expect("write");
    let r = reg.to_str().expect("path");
    let o = namelink(
        &["resolve", "--registry", r, "--json", "Labour Minister"],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).expect("json");
    let m = &v["matches"][0];
    assert_eq!(m["id"], "babayev-sahil");
    assert_eq!(m["kind"], "person");
    assert_eq!(m["name"], "Sahil Babayev");
    assert_eq!(m["matched"], "Labour Minister");
    assert_eq!(m["attributes"]["dob"], "1980-01-01");
    assert_eq!(m["attributes"]["programme"], "none");
    assert!(m["explanation"].as_str().is_some_and(|e| !e.is_empty()));
    // Text: one line per answer, eight columns.
    let o = namelink(&["resolve", "--registry", r, "Sahil Babayev"], None);
    let line = out(&o);
    let cols: Vec<&str> = line.trim_end().split('\t').collect();
    assert_eq!(cols.len(), 8, "{line}");
    assert_eq!(&cols[..3], ["Sahil Babayev", "babayev-sahil", "person"]);
    assert!(cols[7].contains("\"dob\":\"1980-01-01\""), "{line}");
    // --kind keeps one kind.
    let o = namelink(
        &["resolve", "--registry", r, "--kind", "place", "Babayev"],
        None,
    );
    assert!(
        out(&o).starts_with("Babayev\tbabayev-city\tplace\t"),
        "{}",
        out(&o)
    );
    let o = namelink(&["resolve", "--registry", r, "--kind", "planet", "x"], None);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn registries_in_csv_and_tsv() {
    let dir = temp("csv");
    // One row per alias, with a byte-order mark and an attribute column.
    let csv = dir.join("people.csv");
    std::fs::write(
        &csv,
        "\u{feff}id,kind,name,dob\nbabayev-sahil,person,Sahil Babayev,1980\n\
         babayev-sahil,person,\"Babayev, Sahil\",\n",
    )
    .expect("write");
    // One row per entity, names in one cell.
    let tsv = dir.join("people.tsv");
    std::fs::write(
        &tsv,
        "id\tkind\tnames\nyanik-derya\tperson\tDerya Yanık|Дерья Янык\n",
    )
    .expect("write");
    let o = namelink(
        &[
            "resolve",
            "--registry",
            csv.to_str().expect("p"),
            "Sakhil Babaev",
        ],
        None,
    );
    assert!(
        out(&o).starts_with("Sakhil Babaev\tbabayev-sahil\tperson\t1.000"),
        "{}",
        err(&o)
    );
    assert!(out(&o).contains("{\"dob\":\"1980\"}"), "{}", out(&o));
    let o = namelink(
        &[
            "resolve",
            "--registry",
            tsv.to_str().expect("p"),
            "Daria Yanyk",
        ],
        None,
    );
    assert!(
        out(&o).starts_with("Daria Yanyk\tyanik-derya\t"),
        "{} {}",
        out(&o),
        err(&o)
    );
    // --format overrides the extension; a wrong format says what was expected.
    let o = namelink(
        &[
            "resolve",
            "--registry",
            csv.to_str().expect("p"),
            "--format",
            "jsonl",
            "x",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("expected JSON Lines"), "{}", err(&o));
    let headless = dir.join("bad.csv");
    std::fs::write(&headless, "babayev-sahil,person,Sahil Babayev\n").expect("write");
    let o = namelink(
        &["resolve", "--registry", headless.to_str().expect("p"), "x"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("expected a CSV header naming the columns id, kind and names"),
        "{}",
        err(&o)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn thresholds_on_index_build_and_link() {
    let dir = temp("threshold");
    let reg = dir.join("people.jsonl");
    std::fs::write(
        &reg,
        "{\"id\": \"babayev-sahil\", \"kind\": \"person\", \"names\": [\"Sahil Babayev\"]}\n",
    )
    .expect("write");
    let idx = dir.join("people.idx");
    let (r, i) = (reg.to_str().expect("p"), idx.to_str().expect("p"));
    // "S. Babayev" scores about 0.9: a match at the default 0.7, not at a saved 0.95.
    let o = namelink(&["resolve", "--registry", r, "S. Babayev"], None);
    assert!(out(&o).contains("babayev-sahil"), "{}", out(&o));
    let o = namelink(
        &[
            "index",
            "build",
            "--registry",
            r,
            "--threshold",
            "0.95",
            "--out",
            i,
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = namelink(&["resolve", "--index", i, "S. Babayev"], None);
    assert_eq!(out(&o), "S. Babayev\t-\n");
    let text = dir.join("a.txt");
    std::fs::write(&text, "Nazir S. Babayev çıxış edib.").expect("write");
    let t = text.to_str().expect("p");
    let o = namelink(&["link", "--registry", r, t], None);
    assert_eq!(out(&o).lines().count(), 1, "{}", out(&o));
    let o = namelink(&["link", "--registry", r, "--threshold", "0.99", t], None);
    assert_eq!(out(&o), "");
    let o = namelink(&["link", "--registry", r, "--threshold", "2", t], None);
    assert_eq!(o.status.code(), Some(2));
    // link --json names the entity and its kind.
    let o = namelink(&["link", "--registry", r, "--json", t], None);
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).expect("json");
    assert_eq!(v["name"], "Sahil Babayev");
    assert_eq!(v["kind"], "person");
    std::fs::remove_dir_all(dir).ok();
}

/// `variants` gives at least eight spellings for each person of the seed articles, every one
/// a match of the input (checked with `compare`, as a user would).
#[test]
fn variants_of_the_seed_people_are_many_and_all_matches() {
    for person in [
        "Sahil Babayev",
        "Derya Yanık",
        "Anar Əliyev",
        "Mahinur Özdemir Göktaş",
    ] {
        let o = namelink(&["variants", person], None);
        assert!(o.status.success(), "{}", err(&o));
        let text = out(&o);
        let spellings: Vec<&str> = text.lines().filter_map(|l| l.split('\t').nth(1)).collect();
        let mut distinct = spellings.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), spellings.len(), "{text}");
        assert!(spellings.len() >= 8, "{person}: {text}");
        assert_eq!(spellings.first(), Some(&person));
        assert!(spellings.contains(&"Сахил Бабаев") || person != "Sahil Babayev");
        let pairs: String = spellings
            .iter()
            .map(|s| format!("{person}\t{s}\n"))
            .collect();
        let o = namelink(&["compare", "--tsv"], Some(pairs.as_bytes()));
        assert!(
            out(&o).lines().all(|l| l.ends_with("\t1")),
            "{person}: {}",
            out(&o)
        );
    }
}

#[test]
fn link_reports_namesakes_as_one_ambiguous_mention() {
    let dir = temp("namesakes");
    let reg = dir.join("people.jsonl");
    std::fs::write(
        &reg,
        "{\"id\": \"a\", \"kind\": \"person\", \"names\": [\"Sahil Babayev\"]}\n\
         {\"id\": \"b\", \"kind\": \"person\", \"names\": [\"Sahil Babayev\"]}\n",
    )
    .expect("write");
    let r = reg.to_str().expect("p");
    let o = namelink(
        &["link", "--registry", r],
        Some("Nazir Sahil Babayev gəldi.".as_bytes()),
    );
    assert_eq!(
        out(&o),
        "-:6-19\tSahil Babayev\ta|b\t1.000\tambiguous: a, b\n"
    );
    let o = namelink(
        &["link", "--registry", r, "--json"],
        Some("Nazir Sahil Babayev gəldi.".as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).expect("json");
    assert!(v["id"].is_null());
    assert_eq!(v["candidates"][0]["id"], "a");
    assert_eq!(v["candidates"][1]["id"], "b");
    std::fs::remove_dir_all(dir).ok();
}
