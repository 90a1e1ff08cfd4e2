//! Every `$ namelink …` example in README.md runs, and prints exactly what the README shows.
//!
//! A README block of type `text` whose lines start with `$ ` is a shell session: each such
//! line is run by `sh` in a copy of `examples/data/` (where `people.jsonl` and
//! `article.txt` are), with the `namelink` built for these tests first on the PATH, and its
//! standard output must equal the lines that follow it, up to the next `$ ` line.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (line number, command, expected output lines) of every example.
fn examples(readme: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut out: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut in_block = false;
    let mut current: Option<(usize, String, Vec<String>)> = None;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            if let Some(c) = current.take() {
                out.push(c);
            }
            in_block = line == "```text";
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            if let Some(c) = current.take() {
                out.push(c);
            }
            current = Some((i + 1, cmd.to_string(), Vec::new()));
        } else if let Some(c) = current.as_mut() {
            c.2.push(line.to_string());
        }
    }
    out.retain(|(_, cmd, _)| cmd.contains("namelink") || cmd.starts_with("cat "));
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("temp dir");
    for entry in std::fs::read_dir(from).expect("examples/data") {
        let entry = entry.expect("entry");
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let cases = examples(&readme);
    assert!(cases.len() >= 20, "only {} examples found", cases.len());

    let dir = std::env::temp_dir().join(format!("namelink-readme-{}", std::process::id()));
    copy_dir(&root.join("examples/data"), &dir);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_namelink"));
    let bin_dir = bin.parent().expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for (line, cmd, want) in &cases {
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .expect("run sh");
        let got = String::from_utf8_lossy(&out.stdout);
        let got: Vec<&str> = got.lines().collect();
        if got != *want || !out.status.success() {
            failures.push(format!(
                "README.md:{line}: $ {cmd}\n  exit {:?}, stderr {}\n  shown:\n    {}\n  printed:\n    {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim(),
                want.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
