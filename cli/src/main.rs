//! The `namelink` command-line tool: each library stage as a subcommand.
//!
//! Reads the arguments (one input each) or, with none, standard input (one input a line) and
//! writes one output line per input line, in order. Errors: one line on stderr and exit code
//! 2 for bad usage or input (unknown tag or standard, invalid UTF-8), 1 for I/O failures.

#![forbid(unsafe_code)]

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use namelink::index::{Index, RegistrySource, SourceState};
use namelink::lang::{Lang, Tag};
use namelink::link::Linker;
use namelink::matcher::{Matcher, Reason};
use namelink::normalize::Normalizer;
use namelink::registry::Registry;
use namelink::token::TokenKind;
use namelink::translit::{Transliterator, conversions};
use serde_json::json;

#[derive(Parser)]
#[command(
    name = "namelink",
    version,
    about = "Find one name under every spelling across az, tr, ru and en"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Transliterate names or text: `namelink translit --from az --to ru "Sahil Babayev"`.
    Translit {
        /// Source: az, az-Cyrl, tr, ru, ru-Latn, en, or auto (detect each line).
        #[arg(long, default_value = "auto")]
        from: String,
        /// Target: az, az-Cyrl, tr, ru, ru-Latn, en.
        #[arg(long)]
        to: Option<String>,
        /// Standard (for ru -> ru-Latn: icao-9303 (default), bgn-pcgn, gost-7.79-a, wikipedia ...).
        #[arg(long)]
        standard: Option<String>,
        /// List every supported (from, to, standard) and exit.
        #[arg(long)]
        list: bool,
        /// Write JSON Lines: {"input": ..., "output": ...}.
        #[arg(long)]
        json: bool,
        /// Texts, one input each; standard input (one a line) when none.
        text: Vec<String>,
    },
    /// Compare two names: `namelink compare "Sahil Babayev" "Сахил Бабаев"`.
    Compare {
        /// Write JSON Lines: {"a", "b", "score", "match", "explanation"}.
        #[arg(long)]
        json: bool,
        /// Read `a<TAB>b` lines from standard input; write `score<TAB>match` (1 or 0) lines in
        /// the same order.
        #[arg(long)]
        tsv: bool,
        /// Decision threshold (default 0.7, the matcher's).
        #[arg(long)]
        threshold: Option<f64>,
        /// The two names; with none, `a<TAB>b` lines are read from standard input.
        names: Vec<String>,
    },
    /// Resolve names to registry entities: `namelink resolve --registry people.jsonl "Сахил Бабаев"`.
    Resolve {
        /// Registry (JSON Lines: {"id", "kind", "names"}); the built-in places when neither
        /// this nor --index is given.
        #[arg(long, conflicts_with = "index")]
        registry: Option<std::path::PathBuf>,
        /// An index saved by `namelink index build`.
        #[arg(long)]
        index: Option<std::path::PathBuf>,
        /// How many entities at most per query.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Decision threshold (default 0.7).
        #[arg(long)]
        threshold: Option<f64>,
        /// Write JSON Lines: {"query", "matches": [{"id", "name", "score"}]}.
        #[arg(long)]
        json: bool,
        /// Queries, one each; standard input (one a line) when none.
        query: Vec<String>,
    },
    /// Find registry entities in running text: `namelink link --registry people.jsonl article.txt`.
    Link {
        /// Registry (JSON Lines: {"id", "kind", "names"}); the built-in places when neither
        /// this nor --index is given.
        #[arg(long, conflicts_with = "index")]
        registry: Option<std::path::PathBuf>,
        /// An index saved by `namelink index build`.
        #[arg(long)]
        index: Option<std::path::PathBuf>,
        /// Language of the texts: az, tr, ru, en or auto (detect per text).
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Write JSON Lines: {"file", "start", "end", "text", "id", "score"} (byte offsets).
        #[arg(long)]
        json: bool,
        /// Text files; standard input (one text) when none.
        files: Vec<std::path::PathBuf>,
    },
    /// Build and save an index: `namelink index build --registry people.jsonl --out people.idx`.
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
    /// Normalize names or text: case, Unicode form, invisible characters, homoglyphs.
    Normalize {
        /// Language: az, tr, ru, en or auto (detect each line).
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Repair Turkish/Azerbaijani mojibake (Ã¼ -> ü, ý -> ı).
        #[arg(long)]
        repair_mojibake: bool,
        /// Write JSON Lines with the tokens and their byte spans.
        #[arg(long)]
        json: bool,
        /// Texts, one input each; standard input (one a line) when none.
        text: Vec<String>,
    },
}

#[derive(Subcommand)]
enum IndexAction {
    /// Key every name of a registry and save the index to a file.
    Build {
        /// Registry (JSON Lines).
        #[arg(long)]
        registry: std::path::PathBuf,
        /// Where to write the index.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// An error for the one-line message and the exit code.
struct Fail {
    code: u8,
    message: String,
}

impl Fail {
    fn usage(message: impl ToString) -> Fail {
        Fail {
            code: 2,
            message: message.to_string(),
        }
    }

    fn io(e: io::Error) -> Fail {
        Fail {
            code: 1,
            message: format!("I/O error: {e}"),
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    if stdout_is_closed() {
        // Rust's standard output quietly drops writes to a closed descriptor; the answers
        // would be lost while the exit code said all was well.
        eprintln!("namelink: error: standard output is closed");
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|()| out.flush().map_err(Fail::io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.code == 1 && f.message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("namelink: error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// An argument error from clap, as one line on stderr and exit code 2 (`--help` and
/// `--version` print in full on stdout and exit 0).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // (A closed stdout or a broken pipe here leaves nothing to report.)
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            eprintln!("namelink: error: {}", one_line(&e.render().to_string()));
            ExitCode::from(2)
        }
    }
}

/// clap's message without its `error:` prefix, usage block and help hint, on one line.
fn one_line(message: &str) -> String {
    let mut lines = message
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty());
    let first = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error:")
        .trim();
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        first.to_string()
    } else {
        format!("{first} {}", rest.join(" "))
    }
}

/// Whether file descriptor 1 was closed when namelink started (`namelink … >&-`).
///
/// Rust's start-up code reopens a closed standard descriptor on `/dev/null` for reading and
/// writing, where a shell's `> /dev/null` opens it for writing only: that is how the two are
/// told apart (Linux, through `/proc`; elsewhere a failing duplicate is the only sign).
#[cfg(target_os = "linux")]
fn stdout_is_closed() -> bool {
    let null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    let read_write = || {
        std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        })
    };
    null && read_write()
}

#[cfg(all(unix, not(target_os = "linux")))]
fn stdout_is_closed() -> bool {
    use std::os::fd::AsFd;
    io::stdout().as_fd().try_clone_to_owned().is_err()
}

#[cfg(not(unix))]
fn stdout_is_closed() -> bool {
    false
}

/// The inputs: the arguments, or the lines of standard input. Checks all of standard input
/// before anything is written, so a bad line never leaves a partial answer behind.
fn inputs(args: Vec<String>) -> Result<Vec<String>, Fail> {
    if !args.is_empty() {
        return Ok(args
            .iter()
            .flat_map(|a| a.split('\n').map(|l| l.trim_end_matches('\r').to_string()))
            .collect());
    }
    let mut bytes = Vec::new();
    io::stdin().read_to_end(&mut bytes).map_err(Fail::io)?;
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            String::from_utf8(l.to_vec()).map_err(|e| {
                Fail::usage(format!(
                    "standard input line {} is not valid UTF-8 ({e})",
                    n + 1
                ))
            })
        })
        .collect()
}

/// The default matcher, or one with the `--threshold` given.
fn matcher_with(threshold: Option<f64>) -> Result<Matcher, Fail> {
    let mut b = Matcher::builder();
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(Fail::usage(format!(
                "--threshold must be in [0, 1], got {t}"
            )));
        }
        b.threshold(t);
    }
    Ok(b.build())
}

fn tag(s: &str) -> Result<Tag, Fail> {
    s.parse().map_err(Fail::usage)
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), Fail> {
    match cli.command {
        Command::Translit {
            from,
            to,
            standard,
            list,
            json,
            text,
        } => {
            if list {
                return list_conversions(out, json);
            }
            let from = tag(&from)?;
            let Some(to) = to else {
                return Err(Fail::usage(
                    "--to is required (az, az-Cyrl, tr, ru, ru-Latn, en); see --list",
                ));
            };
            let to = tag(&to)?;
            let t = match standard {
                Some(s) => Transliterator::with_standard(from, to, &s),
                None => Transliterator::new(from, to),
            }
            .map_err(Fail::usage)?;
            for line in inputs(text)? {
                let output = t.transliterate(&line);
                if json {
                    writeln!(out, "{}", json!({"input": line, "output": output}))
                        .map_err(Fail::io)?;
                } else {
                    writeln!(out, "{}", escaped(&output, true)).map_err(Fail::io)?;
                }
            }
            Ok(())
        }
        Command::Compare {
            json,
            tsv,
            threshold,
            names,
        } => {
            let matcher = matcher_with(threshold)?;
            let pairs: Vec<(String, String)> = match names.len() {
                2 if !tsv => vec![(names[0].clone(), names[1].clone())],
                0 => {
                    let lines = inputs(Vec::new())?;
                    let mut pairs = Vec::with_capacity(lines.len());
                    for (n, line) in lines.iter().enumerate() {
                        match line.split_once('\t') {
                            Some((a, b)) if !b.contains('\t') => {
                                pairs.push((a.to_string(), b.to_string()))
                            }
                            _ => {
                                return Err(Fail::usage(format!(
                                    "standard input line {}: expected two names separated by one tab",
                                    n + 1
                                )));
                            }
                        }
                    }
                    pairs
                }
                _ if tsv => {
                    return Err(Fail::usage(
                        "--tsv reads `a<TAB>b` lines from standard input; give no names",
                    ));
                }
                n => {
                    return Err(Fail::usage(format!(
                        "compare takes two names (or none, to read standard input), got {n}"
                    )));
                }
            };
            for (a, b) in pairs {
                let c = matcher.compare(&a, &b);
                let line = if tsv {
                    format!("{:.4}\t{}", c.score, u8::from(c.is_match))
                } else if json {
                    let parts: Vec<_> = c
                        .explanation
                        .pairs
                        .iter()
                        .map(|p| json!({"a": p.a, "b": p.b, "score": p.score, "reason": reason_name(&p.reason)}))
                        .collect();
                    json!({"a": a, "b": b, "score": c.score, "match": c.is_match,
                           "explanation": c.explanation.to_string(), "pairs": parts})
                    .to_string()
                } else {
                    let verdict = if c.is_match { "match" } else { "no match" };
                    format!(
                        "{:.3}\t{verdict}\t{}",
                        c.score,
                        escaped(&c.explanation.to_string(), false)
                    )
                };
                writeln!(out, "{line}").map_err(Fail::io)?;
            }
            Ok(())
        }
        Command::Index {
            action:
                IndexAction::Build {
                    registry,
                    out: path,
                },
        } => {
            if same_file(&registry, &path) {
                return Err(Fail::usage(format!(
                    "--out {} is the registry itself; write the index elsewhere",
                    path.display()
                )));
            }
            let source = RegistrySource::of_file(&registry)
                .map_err(|e| Fail::usage(format!("{}: {e}", registry.display())))?;
            let registry = Registry::load(&registry).map_err(Fail::usage)?;
            let index = Index::builder().source(source).build(registry);
            // Atomic: a new temporary file beside the target, renamed over it when complete.
            index.save_file(&path).map_err(Fail::usage)?;
            writeln!(
                out,
                "{}: {} entities, {} names",
                path.display(),
                index.entity_count(),
                index.len()
            )
            .map_err(Fail::io)?;
            Ok(())
        }
        Command::Resolve {
            registry,
            index,
            top,
            threshold,
            json,
            query,
        } => {
            let matcher = matcher_with(threshold)?;
            if top == 0 {
                return Err(Fail::usage("--top must be at least 1"));
            }
            // Read the queries first: a bad input line fails before any work or output.
            let queries = inputs(query)?;
            let index = load_index(index, registry, matcher)?;
            // With --index, the saved matcher keys and scores; --threshold still decides.
            let min = threshold.unwrap_or(index.matcher().threshold());
            for (q, matches) in queries
                .iter()
                .zip(index.resolve_batch_scored(&queries, top, min))
            {
                if json {
                    let m: Vec<_> = matches
                        .iter()
                        .map(|m| json!({"id": m.id, "name": m.name, "score": (m.score * 1e4).round() / 1e4}))
                        .collect();
                    writeln!(out, "{}", json!({"query": q, "matches": m})).map_err(Fail::io)?;
                } else if matches.is_empty() {
                    writeln!(out, "{}\t-", escaped(q, false)).map_err(Fail::io)?;
                } else {
                    let list: Vec<String> = matches
                        .iter()
                        .map(|m| {
                            format!(
                                "{} ({}, {:.3})",
                                escaped(&m.id, false),
                                escaped(&m.name, false),
                                m.score
                            )
                        })
                        .collect();
                    writeln!(out, "{}\t{}", escaped(q, false), list.join("; "))
                        .map_err(Fail::io)?;
                }
            }
            Ok(())
        }
        Command::Link {
            registry,
            index,
            lang,
            json,
            files,
        } => {
            let lang = match tag(&lang)? {
                t if t == Tag::AUTO => Lang::Auto,
                t => t.lang,
            };
            let texts = texts(files)?;
            let index = load_index(index, registry, Matcher::new())?;
            let linker = Linker::new(&index);
            for (file, text) in &texts {
                for m in linker.link(text, lang) {
                    if json {
                        let v = json!({"file": file, "start": m.span.start, "end": m.span.end,
                                       "text": m.text, "id": m.id,
                                       "score": (m.score * 1e4).round() / 1e4,
                                       "explanation": m.explanation.to_string()});
                        writeln!(out, "{v}").map_err(Fail::io)?;
                    } else {
                        writeln!(
                            out,
                            "{}:{}-{}\t{}\t{}\t{:.3}\t{}",
                            escaped(file, false),
                            m.span.start,
                            m.span.end,
                            escaped(&m.text, false),
                            escaped(&m.id, false),
                            m.score,
                            escaped(&m.explanation.to_string(), false)
                        )
                        .map_err(Fail::io)?;
                    }
                }
            }
            Ok(())
        }
        Command::Normalize {
            lang,
            repair_mojibake,
            json,
            text,
        } => {
            let lang = match tag(&lang)? {
                t if t == Tag::AUTO => Lang::Auto,
                t => t.lang,
            };
            let n = Normalizer::builder()
                .repair_mojibake(repair_mojibake)
                .build(lang);
            for line in inputs(text)? {
                let r = n.normalize(&line);
                if json {
                    let tokens: Vec<_> = r
                        .tokens
                        .iter()
                        .map(|t| {
                            json!({
                                "text": t.text,
                                "start": t.span.start,
                                "end": t.span.end,
                                "kind": kind_name(t.kind),
                                "joined": t.joined,
                            })
                        })
                        .collect();
                    let v = json!({"input": line, "text": r.text, "lang": r.lang.code(), "tokens": tokens});
                    writeln!(out, "{v}").map_err(Fail::io)?;
                } else {
                    writeln!(out, "{}", escaped(&r.text, true)).map_err(Fail::io)?;
                }
            }
            Ok(())
        }
    }
}

/// The saved index, or one built from the registry file, or from the built-in registry.
fn load_index(
    index: Option<std::path::PathBuf>,
    registry: Option<std::path::PathBuf>,
    matcher: Matcher,
) -> Result<Index, Fail> {
    Ok(match (index, registry) {
        (Some(path), _) => {
            let index = Index::load_file(&path).map_err(Fail::usage)?;
            if let Some(source) = index.source() {
                let state = source.state();
                if state != SourceState::Unchanged {
                    let how = if state == SourceState::Missing {
                        "is gone"
                    } else {
                        "has changed"
                    };
                    eprintln!(
                        "namelink: warning: registry {} {how} since {} was built; rebuild the index",
                        source.path().display(),
                        path.display()
                    );
                }
            }
            index
        }
        (None, Some(path)) => Index::builder()
            .matcher(matcher)
            .build(Registry::load(&path).map_err(Fail::usage)?),
        (None, None) => Index::builder().matcher(matcher).build(Registry::builtin()),
    })
}

/// `text` safe for one line of text output: control characters written as escapes (`\t`,
/// `\r`, `\n`, `\u{1b}`, and `\\` for a backslash), so that one input always gives one
/// line and a tab always separates columns. With `tabs` (outputs of one column), a tab and
/// a backslash are kept as they are.
fn escaped(text: &str, tabs: bool) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| {
        if tabs {
            !c.is_control() || c == '\t'
        } else {
            !(c.is_control() || c == '\\')
        }
    };
    if text.chars().all(plain) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if plain(c) => out.push(c),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether two paths name the same existing file (through links too).
#[cfg(unix)]
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => (x.dev(), x.ino()) == (y.dev(), y.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The texts to link: each file whole, or standard input as one text named `-`. All are read
/// and checked before anything is written.
fn texts(files: Vec<std::path::PathBuf>) -> Result<Vec<(String, String)>, Fail> {
    let decode = |name: &str, bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|e| {
            Fail::usage(format!(
                "{name}: not valid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ))
        })
    };
    if files.is_empty() {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(Fail::io)?;
        return Ok(vec![("-".to_string(), decode("standard input", bytes)?)]);
    }
    files
        .into_iter()
        .map(|f| {
            let name = f.display().to_string();
            let bytes = std::fs::read(&f).map_err(|e| Fail::usage(format!("{name}: {e}")))?;
            let text = decode(&name, bytes)?;
            Ok((name, text))
        })
        .collect()
}

fn reason_name(r: &Reason) -> &'static str {
    match r {
        Reason::Equal => "equal",
        Reason::SameKey(_) => "same-key",
        Reason::Close { .. } => "close",
        Reason::Initial => "initial",
        Reason::GenderForm => "gender-form",
        Reason::Inflection => "suffix",
        Reason::DifferentNames => "different-names",
        _ => "other",
    }
}

fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Initial => "initial",
        TokenKind::Title => "title",
        TokenKind::Number => "number",
        _ => "other",
    }
}

fn list_conversions(out: &mut impl Write, json: bool) -> Result<(), Fail> {
    for c in conversions() {
        if json {
            let v = json!({"from": c.from.as_str(), "to": c.to.as_str(), "standard": c.standard,
                           "default": c.default, "description": c.description});
            writeln!(out, "{v}").map_err(Fail::io)?;
        } else {
            let mark = if c.default { "*" } else { " " };
            writeln!(
                out,
                "{:<8} {:<8} {:<17}{mark} {}",
                c.from.as_str(),
                c.to.as_str(),
                c.standard,
                c.description
            )
            .map_err(Fail::io)?;
        }
    }
    Ok(())
}
