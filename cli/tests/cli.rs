//! The `namelink` binary: outputs, order, exit codes and one-line errors.

use std::process::Output;

mod support;
use support::namelink;

/// A fresh temporary folder holding `people.jsonl` with one person; returns both paths.
fn temp_registry(tag: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("namelink-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let reg = dir.join("people.jsonl");
    std::fs::write(
        &reg,
        "{\"id\": \"babayev-sahil\", \"kind\": \"person\", \"names\": [\"Sahil Babayev\"]}\n",
    )
    .expect("write");
    (dir, reg)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 errors")
}

#[test]
fn translit_arguments_one_line_each() {
    let o = namelink(
        &[
            "translit",
            "--from",
            "az",
            "--to",
            "ru",
            "Sahil Babayev",
            "Anar Əliyev",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Сахил Бабаев\nАнар Алиев\n");
}

#[test]
fn translit_reads_stdin_lines_in_order_keeping_empty_ones() {
    let input = "Derya Yanık\n\nRecep Tayyip Erdoğan\r\nMahinur Özdemir Göktaş";
    let o = namelink(
        &["translit", "--from", "tr", "--to", "ru"],
        Some(input.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Дерья Янык\n\nРеджеп Тайип Эрдоган\nМахинур Оздемир Гёкташ\n"
    );
}

#[test]
fn translit_standard_and_json() {
    let o = namelink(
        &[
            "translit",
            "--from",
            "ru",
            "--to",
            "ru-Latn",
            "--standard",
            "wikipedia",
            "--json",
            "Юлия Щеглова",
        ],
        None,
    );
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "{\"input\":\"Юлия Щеглова\",\"output\":\"Yuliya Shcheglova\",\"lang\":\"ru\"}\n"
    );
}

#[test]
fn translit_list_names_every_standard() {
    let o = namelink(&["translit", "--list"], None);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in [
        "icao-9303",
        "bgn-pcgn",
        "gost-7.79-a",
        "gost-7.79-b",
        "ala-lc",
        "mvd-310",
        "mvd-782",
        "scientific",
        "ungegn-1987",
        "wikipedia",
        "official",
        "press",
    ] {
        assert!(out.contains(id), "{id} missing from --list");
    }
}

#[test]
fn unknown_tag_and_standard_are_one_line_errors_with_exit_2() {
    let o = namelink(&["translit", "--from", "xx", "--to", "ru", "a"], None);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("az-Cyrl") && e.contains("ru-Latn"), "{e}");
    assert!(stdout(&o).is_empty());

    let o = namelink(
        &[
            "translit",
            "--from",
            "ru",
            "--to",
            "ru-Latn",
            "--standard",
            "iso-1",
            "a",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("icao-9303"), "{e}");
}

#[test]
fn invalid_utf8_stops_at_its_line_with_every_answer_before_it_whole() {
    let input = b"\xd0\x90\n\xff\xfe\n\xd0\x91\n";
    let o = namelink(&["translit", "--from", "ru", "--to", "az"], Some(input));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("standard input line 2"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "A\n", "the answer before the bad line, whole");
    let o = namelink(
        &["translit", "--from", "ru", "--to", "az", "--skip-bad"],
        Some(input),
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "A\nB\n");
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn normalize_text_and_json_spans() {
    let o = namelink(&["normalize", "--lang", "tr", "İSTANBUL IĞDIR"], None);
    assert_eq!(stdout(&o), "istanbul ığdır\n");
    let o = namelink(&["normalize", "--json", "--lang", "az", "S.Babayev"], None);
    let out = stdout(&o);
    assert!(
        out.contains("\"kind\":\"initial\"") && out.contains("\"start\":2"),
        "{out}"
    );
    let o = namelink(&["normalize", "--lang", "de", "x"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn compare_two_names_json_and_tsv() {
    let o = namelink(&["compare", "Sakhil Babaev", "Sahil Babayev"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("1.000\tmatch\t") && out.contains("kh=h"),
        "{out}"
    );

    let o = namelink(
        &["compare", "--json", "Leyla Əliyeva", "Leyla Əliyev"],
        None,
    );
    let out = stdout(&o);
    assert!(
        out.contains("\"match\":false") && out.contains("gender-form"),
        "{out}"
    );

    let input = "Sahil Babayev\tСахил Бабаев\nSahib Babayev\tSahil Babayev\n";
    let o = namelink(&["compare", "--tsv"], Some(input.as_bytes()));
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].ends_with("\t1") && lines[1].ends_with("\t0"),
        "{out}"
    );
}

#[test]
fn compare_errors() {
    let o = namelink(&["compare", "one"], None);
    assert_eq!(o.status.code(), Some(2));
    // A bad line stops the run there: the answers before it are whole, none after it.
    let o = namelink(&["compare", "--tsv"], Some(b"a\tb\nno tab here\nc\td\n"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("standard input line 2"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    // With --skip-bad it is reported and skipped.
    let o = namelink(
        &["compare", "--tsv", "--skip-bad"],
        Some(b"a\tb\nno tab here\nc\td\n"),
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).starts_with("namelink: skipped standard input line 2: expected two names"),
        "{}",
        stderr(&o)
    );
    let o = namelink(&["compare", "--threshold", "1.5", "a", "b"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn resolve_with_the_built_in_places() {
    let o = namelink(
        &["resolve", "Азербайджан", "Türkiyənin", "Sahil Babayev"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("Азербайджан\tcountry-az\tplace\t1.000\tAzerbaijan\t"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("Türkiyənin\tcountry-tr\tplace"),
        "{out}"
    );
    assert_eq!(lines[2], "Sahil Babayev\t-");
}

#[test]
fn resolve_with_a_registry_file_json_and_errors() {
    let (dir, good) = temp_registry("cli");
    let g = good.to_str().expect("path");
    let o = namelink(
        &["resolve", "--registry", g, "--json"],
        Some("Сахил Бабаев\nSahib Babayev\n".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("\"id\":\"babayev-sahil\"")
            && lines[0].contains("\"query\":\"Сахил Бабаев\""),
        "{out}"
    );
    assert_eq!(lines[1], "{\"query\":\"Sahib Babayev\",\"matches\":[]}");

    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\": \"a\", \"kind\": \"person\", \"names\": [\"A\"]}\n{\"id\": \"a\", \"kind\": \"person\", \"names\": [\"B\"]}\n",
    )
    .expect("write");
    let o = namelink(
        &["resolve", "--registry", bad.to_str().expect("path"), "x"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "namelink: error: registry line 2: duplicate id \"a\" (first on line 1)"
    );
    assert!(stdout(&o).is_empty());

    let o = namelink(
        &[
            "resolve",
            "--registry",
            dir.join("missing.jsonl").to_str().expect("path"),
            "x",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn index_build_then_resolve_with_it() {
    let (dir, reg) = temp_registry("idx");
    let idx = dir.join("people.idx");
    let o = namelink(
        &[
            "index",
            "build",
            "--registry",
            reg.to_str().expect("p"),
            "--out",
            idx.to_str().expect("p"),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = namelink(
        &[
            "resolve",
            "--index",
            idx.to_str().expect("p"),
            "Sakhil Babaev",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        "Sakhil Babaev\tbabayev-sahil\tperson\t1.000\tSahil Babayev\tSahil Babayev\t\
         babaev~babayev: ye=e [1.00]; sakhil~sahil: kh=h [1.00]\t-\n"
    );
    // A damaged index is a one-line error, never an answer.
    let bytes = std::fs::read(&idx).expect("read");
    std::fs::write(&idx, &bytes[..bytes.len() / 2]).expect("write");
    let o = namelink(
        &[
            "resolve",
            "--index",
            idx.to_str().expect("p"),
            "Sakhil Babaev",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "namelink: error: the index file is truncated"
    );
    assert!(stdout(&o).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn link_json_lines_with_byte_offsets() {
    let (dir, reg) = temp_registry("link-json");
    let article = dir.join("article.txt");
    std::fs::write(
        &article,
        "Görüş Sahil Babayevlə keçirilib. S.Babayev danışıb.\n",
    )
    .expect("write");
    let o = namelink(
        &[
            "link",
            "--json",
            "--registry",
            reg.to_str().expect("path"),
            article.to_str().expect("path"),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let first: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(first["text"], "Sahil Babayevlə");
    assert_eq!(first["id"], "babayev-sahil");
    assert_eq!(first["start"], "Görüş ".len());
    assert_eq!(first["end"], "Görüş Sahil Babayevlə".len());
    assert!(
        lines[0].starts_with("{\"file\":"),
        "fields in the documented order"
    );
    assert!(lines[1].contains("\"text\":\"S.Babayev\""));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn link_reads_standard_input_with_the_builtin_places() {
    let o = namelink(
        &["link"],
        Some("Heyət Bakı'ya, sonra Türkiyəyə gedib.".as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("-:7-15\tBakı'ya\tcity-asia-baku"), "{out}");
    assert!(out.contains("Türkiyəyə\tcountry-tr"), "{out}");
}

#[test]
fn link_errors_are_one_line_and_nothing_is_half_done() {
    // Files are linked one at a time: a bad one stops the run after the ones before it.
    let (dir, reg) = temp_registry("link-errors");
    let good = dir.join("good.txt");
    std::fs::write(&good, "Sahil Babayev").expect("write");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Sahil \xff Babayev").expect("write");
    let r = reg.to_str().expect("path");
    let both = [good.to_str().expect("p"), bad.to_str().expect("p")];
    let o = namelink(&["link", "--registry", r, both[0], both[1]], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o).lines().count(), 1, "good.txt's mention, whole");
    assert!(
        stderr(&o).contains("bad.txt: not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    let o = namelink(
        &["link", "--skip-bad", "--registry", r, both[1], both[0]],
        None,
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(
        stderr(&o).starts_with("namelink: skipped "),
        "{}",
        stderr(&o)
    );
    for args in [
        vec!["link", "--registry", r, "/nonexistent/article.txt"],
        vec![
            "link",
            "--registry",
            "/nonexistent/people.jsonl",
            good.to_str().expect("p"),
        ],
        vec!["link", "--lang", "xx", good.to_str().expect("p")],
    ] {
        let o = namelink(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stdout(&o).is_empty(), "no partial output for {args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: {}", stderr(&o));
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn translit_english_names_to_russian_and_azerbaijani() {
    let o = namelink(
        &[
            "translit",
            "--from",
            "en",
            "--to",
            "ru",
            "Maxwell",
            "McCullough",
            "Agnew",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Максуэлл\nМаккаллоу\nАгню\n");
    // To Azerbaijani through the Russian transcription.
    let o = namelink(&["translit", "--from", "en", "--to", "az", "Maxwell"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Maksuell\n");
}
