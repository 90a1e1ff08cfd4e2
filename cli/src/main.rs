//! The `namelink` command-line tool: each library stage as a subcommand.
//!
//! Reads the arguments (one input each) or, with none, standard input (one input a line) and
//! writes one output line per input line, in order. Errors: one line on stderr and exit code
//! 2 for bad usage or input (unknown tag or standard, invalid UTF-8), 1 for I/O failures.

#![forbid(unsafe_code)]

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use namelink::index::{Index, RegistrySource, SourceState};
use namelink::lang::{Lang, Tag};
use namelink::link::Linker;
use namelink::matcher::Matcher;
use namelink::normalize::Normalizer;
use namelink::registry::{EntityKind, Format, Registry};
use namelink::resolve::{Match, Options};
use namelink::token::TokenKind;
use namelink::translit::{Transliterator, conversions};
use namelink::variants::variants_with;
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
        /// Write JSON Lines: {"input", "output", "lang"} (the language read: given or detected).
        #[arg(long)]
        json: bool,
        /// Skip input lines that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
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
        /// Skip input lines that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
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
        /// Registry format: jsonl, csv or tsv (default: by the file's extension, .csv or .tsv,
        /// JSON Lines otherwise).
        #[arg(long, requires = "registry")]
        format: Option<String>,
        /// How many entities at most per query.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Decision threshold (default 0.7, or the one the index was built with).
        #[arg(long)]
        threshold: Option<f64>,
        /// Only entities of this kind: person, organization, place or other.
        #[arg(long)]
        kind: Option<String>,
        /// Write JSON Lines: {"query", "matches": [{"id", "kind", "name", "matched", "score",
        /// "explanation", "attributes"}]}.
        #[arg(long)]
        json: bool,
        /// Skip input lines that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
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
        /// Registry format: jsonl, csv or tsv (default: by the file's extension, .csv or .tsv,
        /// JSON Lines otherwise).
        #[arg(long, requires = "registry")]
        format: Option<String>,
        /// Language of the texts: az, tr, ru, en or auto (detect per text).
        #[arg(long, default_value = "auto")]
        lang: String,
        /// The least score of a mention (default 0.7, or the one the index was built with).
        #[arg(long)]
        threshold: Option<f64>,
        /// Write JSON Lines: {"file", "start", "end", "text", "id", "name", "kind", "score",
        /// "explanation"} (byte offsets); an ambiguous mention has "id": null and
        /// "candidates": [{"id", "name", "score"}].
        #[arg(long)]
        json: bool,
        /// Skip files that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
        /// Text files; standard input (one text) when none.
        files: Vec<std::path::PathBuf>,
    },
    /// Build and save an index: `namelink index build --registry people.jsonl --out people.idx`.
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
    /// Spellings of a name for searching elsewhere: `namelink variants "Sahil Babayev"`.
    ///
    /// One line per spelling: input, spelling, score against the input, and the conventions
    /// that give it; the most widely produced first. Every spelling is a match of the input.
    Variants {
        /// Write JSON Lines: {"input", "variants": [{"text", "score", "sources"}]}.
        #[arg(long)]
        json: bool,
        /// Skip input lines that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
        /// Names, one input each; standard input (one a line) when none.
        name: Vec<String>,
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
        /// Skip input lines that cannot be read (reported on stderr) instead of stopping.
        #[arg(long)]
        skip_bad: bool,
        /// Texts, one input each; standard input (one a line) when none.
        text: Vec<String>,
    },
}

#[derive(Subcommand)]
enum IndexAction {
    /// Key every name of a registry and save the index to a file.
    Build {
        /// Registry (JSON Lines, CSV or TSV).
        #[arg(long)]
        registry: std::path::PathBuf,
        /// Registry format: jsonl, csv or tsv (default: by the file's extension).
        #[arg(long)]
        format: Option<String>,
        /// Decision threshold saved in the index (default 0.7): what `resolve --index` and
        /// `link --index` use unless told otherwise.
        #[arg(long)]
        threshold: Option<f64>,
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
    let result = run(cli, &mut out);
    // Every answer written so far goes out whole before an error is reported.
    let flushed = out.flush().map_err(Fail::io);
    match result.and(flushed) {
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

/// The inputs, one at a time: the arguments (each line of each), or the lines of standard
/// input as they come, so that input of any size is answered in bounded memory.
///
/// A line that is not valid UTF-8, or that a command cannot read (`compare` without a tab),
/// is an error naming its line: every answer before it has been written whole, none after.
/// With `--skip-bad` it is reported on stderr and skipped instead.
struct Inputs {
    args: std::vec::IntoIter<String>,
    from_stdin: bool,
    stdin: io::StdinLock<'static>,
    /// The line number of the input last returned (1-based).
    line: usize,
    skip_bad: bool,
    buf: Vec<u8>,
}

impl Inputs {
    fn new(args: Vec<String>, skip_bad: bool) -> Inputs {
        let from_stdin = args.is_empty();
        let args: Vec<String> = args
            .iter()
            .flat_map(|a| a.split('\n').map(|l| l.trim_end_matches('\r').to_string()))
            .collect();
        Inputs {
            args: args.into_iter(),
            from_stdin,
            stdin: io::stdin().lock(),
            line: 0,
            skip_bad,
            buf: Vec::new(),
        }
    }

    /// Where the current input came from, for messages.
    fn place(&self) -> String {
        if self.from_stdin {
            format!("standard input line {}", self.line)
        } else {
            format!("argument line {}", self.line)
        }
    }

    /// The current input cannot be read because of `why`: an error, or with `--skip-bad` a
    /// note on stderr and `Ok` (the caller goes on to the next input).
    fn bad(&self, why: &str) -> Result<(), Fail> {
        let message = format!("{}: {why}", self.place());
        if self.skip_bad {
            eprintln!("namelink: skipped {message}");
            Ok(())
        } else {
            Err(Fail::usage(message))
        }
    }

    /// The next input, `None` at the end.
    fn next_input(&mut self) -> Option<Result<String, Fail>> {
        loop {
            self.line += 1;
            if !self.from_stdin {
                return self.args.next().map(Ok);
            }
            self.buf.clear();
            match self.stdin.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(Fail::io(e))),
            }
            let mut l = self.buf.as_slice();
            l = l.strip_suffix(b"\n").unwrap_or(l);
            l = l.strip_suffix(b"\r").unwrap_or(l);
            match std::str::from_utf8(l) {
                Ok(text) => return Some(Ok(text.to_string())),
                Err(e) => {
                    let why = format!("not valid UTF-8 ({e})");
                    if let Err(f) = self.bad(&why) {
                        return Some(Err(f));
                    }
                }
            }
        }
    }
}

/// The default matcher, or one with the `--threshold` given.
fn matcher_with(threshold: Option<f64>) -> Result<Matcher, Fail> {
    let mut b = Matcher::builder();
    if let Some(t) = threshold {
        b.threshold(t)
            .map_err(|_| Fail::usage(format!("--threshold must be in [0, 1], got {t}")))?;
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
            skip_bad,
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
            let mut inputs = Inputs::new(text, skip_bad);
            while let Some(line) = inputs.next_input() {
                let line = line?;
                // The language read (given, or detected line by line): an error where it has
                // no route to the target, never the input passed off as converted.
                let lang = t.source_of(&line);
                let output = match t.try_transliterate(&line) {
                    Ok(o) => o,
                    Err(e) => {
                        let detected = if from == Tag::AUTO {
                            "detected as "
                        } else {
                            ""
                        };
                        inputs.bad(&format!("{detected}{lang}: {e}"))?;
                        continue;
                    }
                };
                if json {
                    let lang = if lang == Tag::AUTO {
                        serde_json::Value::Null
                    } else {
                        lang.to_string().into()
                    };
                    writeln!(
                        out,
                        "{}",
                        json!({"input": line, "output": output, "lang": lang})
                    )
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
            skip_bad,
            names,
        } => {
            let matcher = matcher_with(threshold)?;
            let mut inputs = Inputs::new(Vec::new(), skip_bad);
            let mut given = match names.len() {
                2 if !tsv => Some((names[0].clone(), names[1].clone())),
                0 => None,
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
            let from_stdin = given.is_none();
            let mut next_pair = || -> Option<Result<(String, String), Fail>> {
                if !from_stdin {
                    return given.take().map(Ok);
                }
                loop {
                    let line = match inputs.next_input()? {
                        Ok(line) => line,
                        Err(f) => return Some(Err(f)),
                    };
                    match line.split_once('\t') {
                        Some((a, b)) if !b.contains('\t') => {
                            return Some(Ok((a.to_string(), b.to_string())));
                        }
                        _ => {
                            if let Err(f) = inputs.bad("expected two names separated by one tab") {
                                return Some(Err(f));
                            }
                        }
                    }
                }
            };
            while let Some(pair) = next_pair() {
                let (a, b) = pair?;
                let c = matcher.compare(&a, &b);
                let line = if tsv {
                    format!("{:.4}\t{}", c.score, u8::from(c.is_match))
                } else if json {
                    let parts: Vec<_> = c
                        .explanation
                        .pairs
                        .iter()
                        .map(|p| json!({"a": p.a, "b": p.b, "score": p.score, "reason": p.reason.as_str()}))
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
                    format,
                    threshold,
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
            let progress = Progress::spinner();
            progress.say(format!("reading {}", registry.display()));
            let registry = load_registry(&registry, format.as_deref())?;
            progress.say(format!("keying {} entities", registry.len()));
            let index = Index::builder()
                .matcher(matcher_with(threshold)?)
                .source(source)
                .build(registry);
            progress.say(format!("writing {}", path.display()));
            // Atomic: a new temporary file beside the target, renamed over it when complete.
            index.save_file(&path).map_err(Fail::usage)?;
            progress.done();
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
            format,
            top,
            threshold,
            kind,
            json,
            skip_bad,
            query,
        } => {
            let matcher = matcher_with(threshold)?;
            if top == 0 {
                return Err(Fail::usage("--top must be at least 1"));
            }
            let kind = match kind {
                None => None,
                Some(k) => Some(EntityKind::parse(&k).ok_or_else(|| {
                    Fail::usage(format!(
                        "--kind {k}: expected person, organization, place or other"
                    ))
                })?),
            };
            let index = load_index(index, registry, format.as_deref(), matcher)?;
            // With --index, the saved matcher keys and scores; --threshold still decides.
            let mut options = Options::new()
                .top(top)
                .min_score(threshold.unwrap_or(index.matcher().threshold()));
            options.kind = kind;
            // Queries are read and answered a batch at a time (all cores on each batch), so
            // any amount of input is answered in bounded memory.
            let mut inputs = Inputs::new(query, skip_bad);
            let mut batch: Vec<String> = Vec::with_capacity(RESOLVE_BATCH);
            let progress = Progress::counter("queries");
            loop {
                let mut pending = None;
                while batch.len() < RESOLVE_BATCH {
                    match inputs.next_input() {
                        Some(Ok(q)) => batch.push(q),
                        Some(Err(f)) => {
                            pending = Some(f);
                            break;
                        }
                        None => break,
                    }
                }
                let done = pending.is_some() || batch.len() < RESOLVE_BATCH;
                for (q, matches) in batch.iter().zip(index.resolve_batch_with(&batch, &options)) {
                    write_matches(out, q, &matches, json)?;
                }
                progress.add(batch.len());
                batch.clear();
                if let Some(f) = pending {
                    return Err(f);
                }
                if done {
                    progress.done();
                    return Ok(());
                }
            }
        }
        Command::Link {
            registry,
            index,
            format,
            lang,
            threshold,
            json,
            skip_bad,
            files,
        } => {
            let lang = match tag(&lang)? {
                t if t == Tag::AUTO => Lang::Auto,
                t => t.lang,
            };
            let index = load_index(index, registry, format.as_deref(), matcher_with(threshold)?)?;
            let mut linker = Linker::new(&index);
            if let Some(t) = threshold {
                linker = linker.with_threshold(t).map_err(Fail::usage)?;
            }
            // One text at a time: read, linked and written before the next is read.
            let names: Vec<Option<std::path::PathBuf>> = if files.is_empty() {
                vec![None]
            } else {
                files.into_iter().map(Some).collect()
            };
            let progress = Progress::files(names.len());
            for path in names {
                progress.add(1);
                let (file, text) = match read_text(path) {
                    Ok(t) => t,
                    Err(f) if skip_bad && f.code == 2 => {
                        eprintln!("namelink: skipped {}", f.message);
                        continue;
                    }
                    Err(f) => return Err(f),
                };
                for m in linker.link(&text, lang) {
                    // An ambiguous mention (namesakes claiming it alike) names every rival.
                    let ids: Vec<&str> = m.candidates.iter().map(|r| r.id.as_str()).collect();
                    let explanation = if m.is_ambiguous() {
                        format!("ambiguous: {}", ids.join(", "))
                    } else {
                        m.explanation.to_string()
                    };
                    if json {
                        let mut v = json!({"file": file, "start": m.span.start, "end": m.span.end,
                                       "text": m.text, "id": m.id, "name": m.name,
                                       "kind": m.kind.as_str(),
                                       "score": (m.score * 1e4).round() / 1e4,
                                       "explanation": explanation});
                        if m.is_ambiguous() {
                            let rivals: Vec<_> = m
                                .candidates
                                .iter()
                                .map(|r| {
                                    json!({"id": r.id, "name": r.name,
                                                "score": (r.score * 1e4).round() / 1e4})
                                })
                                .collect();
                            v["id"] = serde_json::Value::Null;
                            v["candidates"] = rivals.into();
                        }
                        writeln!(out, "{v}").map_err(Fail::io)?;
                    } else {
                        let id = if m.is_ambiguous() {
                            ids.join("|")
                        } else {
                            m.id.clone()
                        };
                        writeln!(
                            out,
                            "{}:{}-{}\t{}\t{}\t{:.3}\t{}",
                            escaped(&file, false),
                            m.span.start,
                            m.span.end,
                            escaped(&m.text, false),
                            escaped(&id, false),
                            m.score,
                            escaped(&explanation, false)
                        )
                        .map_err(Fail::io)?;
                    }
                }
            }
            progress.done();
            Ok(())
        }
        Command::Variants {
            json,
            skip_bad,
            name,
        } => {
            let matcher = Matcher::new();
            let mut inputs = Inputs::new(name, skip_bad);
            while let Some(line) = inputs.next_input() {
                let line = line?;
                let found = variants_with(&matcher, &line);
                if json {
                    let v: Vec<_> = found
                        .iter()
                        .map(|v| {
                            json!({"text": v.text, "score": (v.score * 1e4).round() / 1e4,
                                   "sources": v.sources})
                        })
                        .collect();
                    writeln!(out, "{}", json!({"input": line, "variants": v})).map_err(Fail::io)?;
                    continue;
                }
                for v in &found {
                    writeln!(
                        out,
                        "{}\t{}\t{:.3}\t{}",
                        escaped(&line, false),
                        escaped(&v.text, false),
                        v.score,
                        v.sources.join(", ")
                    )
                    .map_err(Fail::io)?;
                }
            }
            Ok(())
        }
        Command::Normalize {
            lang,
            repair_mojibake,
            json,
            skip_bad,
            text,
        } => {
            let lang = match tag(&lang)? {
                t if t == Tag::AUTO => Lang::Auto,
                t => t.lang,
            };
            let n = Normalizer::builder()
                .repair_mojibake(repair_mojibake)
                .build(lang);
            let mut inputs = Inputs::new(text, skip_bad);
            while let Some(line) = inputs.next_input() {
                let line = line?;
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

/// Progress on stderr for long jobs (index build, batch resolve, linking many files), drawn
/// only when stderr is a terminal: piped or redirected, namelink stays quiet.
struct Progress(indicatif::ProgressBar);

impl Progress {
    fn new(bar: indicatif::ProgressBar, template: &str) -> Progress {
        use std::io::IsTerminal;
        if !io::stderr().is_terminal() {
            return Progress(indicatif::ProgressBar::hidden());
        }
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Progress(bar)
    }

    /// A spinner with a message (the job's current step).
    fn spinner() -> Progress {
        Progress::new(
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {elapsed} {msg}",
        )
    }

    /// A count of `what` done, with its rate (the total is unknown: input is streamed).
    fn counter(what: &str) -> Progress {
        Progress::new(
            indicatif::ProgressBar::no_length(),
            &format!("{{spinner}} {{elapsed}} {{human_pos}} {what} ({{per_sec}})"),
        )
    }

    /// A bar over `n` files.
    fn files(n: usize) -> Progress {
        Progress::new(
            indicatif::ProgressBar::new(n as u64),
            "{bar:30} {pos}/{len} files {elapsed} (eta {eta})",
        )
    }

    fn say(&self, message: String) {
        self.0.set_message(message);
    }

    fn add(&self, n: usize) {
        self.0.inc(n as u64);
    }

    fn done(&self) {
        self.0.finish_and_clear();
    }
}

/// Cleared on every way out, so that an error message starts on a clean line.
impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// How many queries `resolve` reads before answering them (on all cores).
const RESOLVE_BATCH: usize = 4096;

/// Writes one query's answers: in text, one line per entity
/// (`query<TAB>id<TAB>kind<TAB>score<TAB>name<TAB>matched<TAB>explanation<TAB>attributes`,
/// attributes as a JSON object or `-`), or `query<TAB>-` when there is none; in JSON, one line
/// per query.
fn write_matches(
    out: &mut impl Write,
    query: &str,
    matches: &[Match],
    json: bool,
) -> Result<(), Fail> {
    if json {
        let m: Vec<_> = matches
            .iter()
            .map(|m| {
                json!({"id": m.id, "kind": m.kind.as_str(), "name": m.name, "matched": m.matched,
                       "score": (m.score * 1e4).round() / 1e4,
                       "explanation": m.explanation.to_string(), "attributes": m.attributes})
            })
            .collect();
        return writeln!(out, "{}", json!({"query": query, "matches": m})).map_err(Fail::io);
    }
    if matches.is_empty() {
        return writeln!(out, "{}\t-", escaped(query, false)).map_err(Fail::io);
    }
    for m in matches {
        let attributes = if m.attributes.is_empty() {
            "-".to_string()
        } else {
            serde_json::Value::Object(m.attributes.clone()).to_string()
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
            escaped(query, false),
            escaped(&m.id, false),
            m.kind.as_str(),
            m.score,
            escaped(&m.name, false),
            escaped(&m.matched, false),
            escaped(&m.explanation.to_string(), false),
            escaped(&attributes, false)
        )
        .map_err(Fail::io)?;
    }
    Ok(())
}

/// The saved index, or one built from the registry file, or from the built-in registry.
fn load_index(
    index: Option<std::path::PathBuf>,
    registry: Option<std::path::PathBuf>,
    format: Option<&str>,
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
            .build(load_registry(&path, format)?),
        (None, None) => Index::builder().matcher(matcher).build(Registry::builtin()),
    })
}

/// A registry file in the format given (`--format`) or its name says.
fn load_registry(path: &std::path::Path, format: Option<&str>) -> Result<Registry, Fail> {
    let format = match format {
        None => Format::of_path(path),
        Some(f) => Format::parse(f)
            .ok_or_else(|| Fail::usage(format!("--format {f}: expected jsonl, csv or tsv")))?,
    };
    Registry::load_as(path, format).map_err(Fail::usage)
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

/// One text to link: a file whole, or standard input (named `-`).
fn read_text(path: Option<std::path::PathBuf>) -> Result<(String, String), Fail> {
    let decode = |name: &str, bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|e| {
            Fail::usage(format!(
                "{name}: not valid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ))
        })
    };
    match path {
        None => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(Fail::io)?;
            Ok(("-".to_string(), decode("standard input", bytes)?))
        }
        Some(f) => {
            let name = f.display().to_string();
            let bytes = std::fs::read(&f).map_err(|e| Fail::usage(format!("{name}: {e}")))?;
            let text = decode(&name, bytes)?;
            Ok((name, text))
        }
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
