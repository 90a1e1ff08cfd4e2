//! The `namelink` binary under hostile use: one-line argument errors, a closed standard
//! output, output that one input cannot garble, and index files written safely.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::namelink;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder of this test's own.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("namelink-rel-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write_registry(path: &Path, lines: &[&str]) {
    std::fs::write(path, lines.join("\n") + "\n").expect("write registry");
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

const SAHIL: &str = r#"{"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}"#;

#[test]
fn argument_errors_are_one_line_with_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["resolve", "--top", "18446744073709551616", "x"],
        &["resolve", "--registry", "a", "--index", "b", "x"],
        &["compare", "--no-such-flag"],
    ] {
        let o = namelink(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("namelink: error: "), "{err}");
        assert!(o.stdout.is_empty());
    }
    // Help and version still print in full, successfully.
    let o = namelink(&["--help"], None);
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("Commands:"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_output_is_an_error() {
    let bin = env!("CARGO_BIN_EXE_namelink");
    let closed = Command::new("sh")
        .arg("-c")
        .arg(format!("'{bin}' compare a b >&-"))
        .output()
        .expect("sh");
    assert_eq!(closed.status.code(), Some(1));
    assert!(text(&closed.stderr).contains("standard output is closed"));
    // Sent to /dev/null on purpose: fine.
    let null = Command::new("sh")
        .arg("-c")
        .arg(format!("'{bin}' compare a b >/dev/null"))
        .output()
        .expect("sh");
    assert_eq!(null.status.code(), Some(0));
}

#[test]
fn one_input_line_gives_one_output_line() {
    let dir = temp_dir("lines");
    let reg = dir.join("people.jsonl");
    write_registry(&reg, &[SAHIL]);
    // A tab and a carriage return inside a query: one line, the columns intact.
    let o = namelink(
        &["resolve", "--registry", p(&reg)],
        Some(b"Sahil\tBabayev\rX\nSahil Babayev\n"),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("Sahil\\tBabayev\\rX\t"), "{out}");
    assert!(lines.iter().all(|l| l.split('\t').count() == 8), "{out}");
    let o = namelink(
        &["translit", "--from", "az", "--to", "ru", "Sahil\rBabayev"],
        None,
    );
    assert_eq!(text(&o.stdout), "Сахил\\rБабаев\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ids_and_names_that_would_garble_or_mislead_are_refused_naming_the_line() {
    let dir = temp_dir("ids");
    let reg = dir.join("bad.jsonl");
    let cases: [(&str, &str); 7] = [
        (
            r#"{"id": "a\nb", "kind": "person", "names": ["Anar"]}"#,
            "invisible or control character",
        ),
        (
            r#"{"id": "a", "kind": "person", "names": ["Anar\tƏliyev"]}"#,
            "control character",
        ),
        (
            r#"{"id": "   ", "kind": "person", "names": ["Anar"]}"#,
            "empty id",
        ),
        (
            r#"{"id": "x ", "kind": "person", "names": ["Anar"]}"#,
            "white space at either end",
        ),
        (
            r#"{"id": "x\u200b", "kind": "person", "names": ["Anar"]}"#,
            "invisible or control character U+200B",
        ),
        (
            r#"{"id": "a", "kind": "person", "names": ["\u200b--"]}"#,
            "no letter or digit",
        ),
        (
            r#"["a", "person", ["Anar"]]"#,
            "expected JSON Lines, one object",
        ),
    ];
    for (line, why) in cases {
        write_registry(&reg, &[SAHIL, line]);
        let o = namelink(&["resolve", "--registry", p(&reg), "x"], None);
        assert_eq!(o.status.code(), Some(2), "{line}");
        let err = text(&o.stderr);
        assert!(
            err.contains("registry line 2") && err.contains(why),
            "{line}: {err}"
        );
        assert!(o.stdout.is_empty());
    }
    // `é` composed and decomposed is one id, so the second is a duplicate.
    write_registry(
        &reg,
        &[
            "{\"id\": \"caf\u{e9}\", \"kind\": \"place\", \"names\": [\"Cafe\"]}",
            "{\"id\": \"cafe\u{301}\", \"kind\": \"place\", \"names\": [\"Kafe\"]}",
        ],
    );
    let o = namelink(&["resolve", "--registry", p(&reg), "x"], None);
    assert!(
        text(&o.stderr).contains("registry line 2: duplicate id"),
        "{}",
        text(&o.stderr)
    );
    // A byte-order mark is fine.
    std::fs::write(&reg, format!("\u{feff}{SAHIL}\n")).expect("write");
    let o = namelink(&["resolve", "--registry", p(&reg), "Сахил Бабаев"], None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("babayev-sahil"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn build(reg: &Path, out: &Path) -> Output {
    namelink(
        &["index", "build", "--registry", p(reg), "--out", p(out)],
        None,
    )
}

#[test]
fn index_build_refuses_targets_it_must_not_replace() {
    let dir = temp_dir("targets");
    let reg = dir.join("people.jsonl");
    write_registry(&reg, &[SAHIL]);
    let before = std::fs::read(&reg).expect("read");
    // The registry itself, a folder, a device, a symbolic link.
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut targets = vec![reg.clone(), folder.clone(), PathBuf::from("/dev/null")];
    #[cfg(unix)]
    {
        let link = dir.join("link.idx");
        std::os::unix::fs::symlink(dir.join("real.idx"), &link).expect("symlink");
        targets.push(link);
    }
    for target in &targets {
        let o = build(&reg, target);
        assert_eq!(o.status.code(), Some(2), "{}", target.display());
        assert_eq!(text(&o.stderr).lines().count(), 1);
    }
    assert_eq!(std::fs::read(&reg).expect("read"), before);
    // Nothing but what was there: no temporary files left behind.
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["folder", "link.idx", "people.jsonl"][..left.len()].to_vec()
    );
    assert!(std::fs::read_dir(&folder).expect("ls").next().is_none());
    // A file of the user's named like an old temporary file is left alone.
    let idx = dir.join("people.idx");
    let theirs = dir.join("people.tmp-namelink");
    std::fs::write(&theirs, "mine").expect("write");
    assert!(build(&reg, &idx).status.success());
    assert_eq!(std::fs::read_to_string(&theirs).expect("read"), "mine");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn resolve_with_an_index_warns_when_its_registry_changed() {
    let dir = temp_dir("stale");
    let reg = dir.join("people.jsonl");
    let idx = dir.join("people.idx");
    write_registry(&reg, &[SAHIL]);
    assert!(build(&reg, &idx).status.success());
    let o = namelink(&["resolve", "--index", p(&idx), "Сахил Бабаев"], None);
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    write_registry(
        &reg,
        &[
            SAHIL,
            r#"{"id": "b", "kind": "person", "names": ["Anar Əliyev"]}"#,
        ],
    );
    let o = namelink(&["resolve", "--index", p(&idx), "Сахил Бабаев"], None);
    assert!(o.status.success());
    assert!(
        text(&o.stderr).contains("has changed since"),
        "{}",
        text(&o.stderr)
    );
    assert!(text(&o.stdout).contains("babayev-sahil"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two builders write one path ten times each, from two registries, while eight readers
/// resolve with it: every reader gets a complete old or new index, never an error, and the
/// file at the end is one of the two.
#[test]
fn concurrent_builders_and_readers_never_see_half_an_index() {
    let dir = temp_dir("race");
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    write_registry(&a, &[SAHIL]);
    write_registry(
        &b,
        &[
            SAHIL,
            r#"{"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}"#,
        ],
    );
    let idx = dir.join("shared.idx");
    assert!(build(&a, &idx).status.success());
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let readers: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let mut reads = 0;
                    while !done.load(std::sync::atomic::Ordering::Relaxed) || reads == 0 {
                        let o = namelink(&["resolve", "--index", p(&idx), "Сахил Бабаев"], None);
                        assert!(o.status.success(), "reader: {}", text(&o.stderr));
                        assert!(text(&o.stdout).contains("babayev-sahil"));
                        reads += 1;
                    }
                    reads
                })
            })
            .collect();
        let builders: Vec<_> = [&a, &b]
            .into_iter()
            .map(|reg| {
                let idx = &idx;
                s.spawn(move || {
                    for _ in 0..10 {
                        let o = build(reg, idx);
                        assert!(o.status.success(), "builder: {}", text(&o.stderr));
                    }
                })
            })
            .collect();
        for b in builders {
            b.join().expect("builder");
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        for r in readers {
            assert!(r.join().expect("reader") > 0);
        }
    });
    let last = namelink::index::Index::load_file(&idx).expect("a complete index");
    assert!(last.entity_count() == 1 || last.entity_count() == 2);
    let temporaries = std::fs::read_dir(&dir)
        .expect("ls")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    assert_eq!(temporaries, 0);
    let _ = std::fs::remove_dir_all(&dir);
}
