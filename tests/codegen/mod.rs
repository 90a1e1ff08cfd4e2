//! Turns the human-edited tables in `data/` into `src/tables/generated.rs`.
//!
//! Used by `tests/tables_fresh.rs`, which fails when the checked-in file is stale (and rewrites
//! it when not run on CI). It needs nothing from the crate, so a broken table never stops the
//! generator from running. Every error names the file and line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// One transliteration rule as written in a table.
#[derive(Clone, Debug)]
struct Row {
    key: String,
    to: String,
    before: String,
    after: String,
    oneway: bool,
    line: usize,
}

#[derive(Debug, Default)]
struct TableFile {
    path: String,
    id: String,
    from: String,
    to: String,
    name: String,
    description: String,
    reversible: bool,
    rows: Vec<Row>,
}

/// Reads a TSV line into fields, keeping empty trailing fields.
fn fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

fn parse_context(field: &str, boundary: char, at: &str) -> Result<String, String> {
    let body = field.strip_prefix('!').unwrap_or(field);
    if field.starts_with('!') && body.is_empty() {
        return Err(format!("{at}: a context `!` must name what it excludes"));
    }
    let other = if boundary == '^' { '$' } else { '^' };
    if body.contains(other) {
        return Err(format!(
            "{at}: `{other}` cannot appear in this context column"
        ));
    }
    for c in body.chars() {
        if c != boundary && !c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c)
        {
            return Err(format!(
                "{at}: context character {c:?} is not a letter (comments go on lines of their own)"
            ));
        }
        if c != boundary && c.to_lowercase().ne(std::iter::once(c)) {
            return Err(format!("{at}: context letter {c:?} must be lower-case"));
        }
    }
    Ok(field.to_string())
}

fn parse_table(path: &Path, rel: &str) -> Result<TableFile, String> {
    // Text is compared in NFC, so the tables are NFC too (iuliia's JSON has decomposed ž).
    let text: String = fs::read_to_string(path)
        .map_err(|e| format!("{rel}: {e}"))?
        .nfc()
        .collect();
    let mut t = TableFile {
        path: rel.to_string(),
        ..Default::default()
    };
    for (n, line) in text.lines().enumerate() {
        let at = format!("{rel}:{}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(directive) = line.strip_prefix('@') {
            let f = fields(directive);
            let value = f.get(1).map(|s| s.to_string()).unwrap_or_default();
            match f[0] {
                "id" => t.id = value,
                "from" => t.from = value,
                "to" => t.to = value,
                "name" => t.name = value,
                "description" => t.description = value,
                "reversible" => t.reversible = true,
                other => return Err(format!("{at}: unknown directive @{other}")),
            }
            continue;
        }
        let f = fields(line);
        if f.len() < 2 {
            return Err(format!(
                "{at}: a rule needs at least `key<TAB>replacement` (an empty replacement still needs the tab)"
            ));
        }
        if f.len() > 5 {
            return Err(format!(
                "{at}: at most 5 columns: key, replacement, before, after, flags"
            ));
        }
        let key = f[0].to_string();
        if key.is_empty() {
            return Err(format!("{at}: empty key"));
        }
        if key.chars().any(|c| c.to_lowercase().ne(std::iter::once(c))) {
            return Err(format!(
                "{at}: key {key:?} must be lower-case (case is handled by the engine)"
            ));
        }
        let before = parse_context(f.get(2).copied().unwrap_or(""), '^', &at)?;
        let after = parse_context(f.get(3).copied().unwrap_or(""), '$', &at)?;
        let oneway = match f.get(4).copied().unwrap_or("") {
            "" => false,
            "oneway" => true,
            other => return Err(format!("{at}: unknown flag {other:?} (known: oneway)")),
        };
        t.rows.push(Row {
            key,
            to: f[1].to_string(),
            before,
            after,
            oneway,
            line: n + 1,
        });
    }
    for (field, name) in [
        (&t.id, "id"),
        (&t.from, "from"),
        (&t.to, "to"),
        (&t.name, "name"),
    ] {
        if field.is_empty() {
            return Err(format!("{rel}: missing @{name}"));
        }
    }
    if t.rows.is_empty() {
        return Err(format!("{rel}: no rules"));
    }
    Ok(t)
}

/// The inverse of a reversible table: context-free rows, replacement -> key.
fn reverse(t: &TableFile) -> Result<TableFile, String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for r in &t.rows {
        if r.oneway || !r.before.is_empty() || !r.after.is_empty() {
            continue;
        }
        let key = r.to.to_lowercase();
        if key.is_empty() {
            return Err(format!(
                "{}:{}: {:?} maps to nothing, so the table cannot be @reversible (mark the row oneway)",
                t.path, r.line, r.key
            ));
        }
        if let Some(prev) = seen.insert(key.clone(), r.line) {
            return Err(format!(
                "{}:{}: {:?} is also produced by line {prev}, so the table cannot be @reversible (mark one row oneway)",
                t.path, r.line, r.to
            ));
        }
        rows.push(Row {
            key,
            to: r.key.clone(),
            before: String::new(),
            after: String::new(),
            oneway: false,
            line: r.line,
        });
    }
    Ok(TableFile {
        path: t.path.clone(),
        id: t.id.clone(),
        from: t.to.clone(),
        to: t.from.clone(),
        name: format!("{} (reverse)", t.name),
        description: format!("The inverse of: {}", t.description),
        reversible: false,
        rows,
    })
}

fn ctx(field: &str, boundary: char) -> String {
    let (negate, body) = match field.strip_prefix('!') {
        Some(b) => (true, b),
        None => (false, field),
    };
    let has_boundary = body.contains(boundary);
    let chars: String = body.chars().filter(|&c| c != boundary).collect();
    if !negate && !has_boundary && chars.is_empty() {
        return "Ctx::ANY".to_string();
    }
    format!("Ctx {{ negate: {negate}, boundary: {has_boundary}, chars: {chars:?} }}")
}

fn emit_table(out: &mut String, t: &TableFile) {
    // Candidates per first letter: longest key first, then file order.
    let mut rows: Vec<&Row> = t.rows.iter().collect();
    rows.sort_by(|a, b| {
        let fa = a.key.chars().next();
        let fb = b.key.chars().next();
        fa.cmp(&fb)
            .then(b.key.chars().count().cmp(&a.key.chars().count()))
            .then(a.line.cmp(&b.line))
    });
    let mut index: Vec<(char, usize, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let c = r.key.chars().next().unwrap_or('\0');
        match index.last_mut() {
            Some(last) if last.0 == c => last.2 += 1,
            _ => index.push((c, i, 1)),
        }
    }
    let _ = writeln!(out, "    Table {{");
    let _ = writeln!(out, "        id: {:?},", t.id);
    let _ = writeln!(out, "        from: {:?},", t.from);
    let _ = writeln!(out, "        to: {:?},", t.to);
    let _ = writeln!(out, "        name: {:?},", t.name);
    let _ = writeln!(out, "        description: {:?},", t.description);
    let _ = writeln!(out, "        source: {:?},", t.path);
    let _ = write!(out, "        index: &[");
    for (c, start, len) in &index {
        let _ = write!(out, "({c:?}, {start}, {len}), ");
    }
    let _ = writeln!(out, "],");
    let _ = writeln!(out, "        rules: &[");
    for r in rows {
        let first = r.key.chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        let _ = writeln!(
            out,
            "            Rule {{ rest: {:?}, to: {:?}, before: {}, after: {} }},",
            &r.key[first..],
            r.to,
            ctx(&r.before, '^'),
            ctx(&r.after, '$')
        );
    }
    let _ = writeln!(out, "        ],");
    let _ = writeln!(out, "    }},");
}

/// Parses `U+XXXX`, `U+XXXX..U+YYYY` or a literal character.
fn parse_char(s: &str, at: &str) -> Result<char, String> {
    if let Some(hex) = s.strip_prefix("U+") {
        let n = u32::from_str_radix(hex, 16).map_err(|e| format!("{at}: {s:?}: {e}"))?;
        return char::from_u32(n).ok_or_else(|| format!("{at}: {s:?} is not a character"));
    }
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!("{at}: expected one character or U+XXXX, got {s:?}")),
    }
}

fn parse_text(s: &str, at: &str) -> Result<String, String> {
    // A sequence of U+XXXX separated by spaces, or literal text.
    if s.starts_with("U+") {
        s.split(' ').map(|p| parse_char(p, at)).collect()
    } else {
        Ok(s.to_string())
    }
}

fn data_rows(path: &Path, rel: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{rel}: {e}"))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            (
                n + 1,
                l.split('\t').map(|s| s.trim_end().to_string()).collect(),
            )
        })
        .collect())
}

/// `from<TAB>to` character pairs, both ways unique.
fn emit_char_pairs(
    out: &mut String,
    root: &Path,
    rel: &str,
    names: [&str; 2],
) -> Result<(), String> {
    let mut ab: Vec<(char, char)> = Vec::new();
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let at = format!("{rel}:{n}");
        if f.len() < 2 {
            return Err(format!("{at}: expected `a<TAB>b`"));
        }
        ab.push((parse_char(&f[0], &at)?, parse_char(&f[1], &at)?));
    }
    // (An empty name: that direction is not needed; the table is still checked.)
    for (name, flip) in [(names[0], false), (names[1], true)] {
        let mut v: Vec<(char, char)> = ab
            .iter()
            .map(|&(a, b)| if flip { (b, a) } else { (a, b) })
            .collect();
        v.sort();
        for w in v.windows(2) {
            if w[0].0 == w[1].0 {
                return Err(format!("{rel}: {:?} appears twice", w[0].0));
            }
        }
        if name.is_empty() {
            continue;
        }
        let _ = write!(out, "pub(crate) static {name}: &[(char, char)] = &[");
        for (a, b) in v {
            let _ = write!(out, "({a:?}, {b:?}), ");
        }
        let _ = writeln!(out, "];\n");
    }
    Ok(())
}

/// Character ranges, one `U+XXXX` or `U+XXXX..U+YYYY` a line.
fn emit_ranges(out: &mut String, root: &Path, rel: &str, name: &str) -> Result<(), String> {
    let mut v = Vec::new();
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let at = format!("{rel}:{n}");
        let (a, b) = match f[0].split_once("..") {
            Some((a, b)) => (parse_char(a, &at)?, parse_char(b, &at)?),
            None => {
                let c = parse_char(&f[0], &at)?;
                (c, c)
            }
        };
        if a > b {
            return Err(format!("{at}: empty range"));
        }
        v.push((a, b));
    }
    v.sort();
    for w in v.windows(2) {
        if w[1].0 <= w[0].1 {
            return Err(format!("{rel}: ranges {:?} and {:?} overlap", w[0], w[1]));
        }
    }
    let _ = write!(out, "pub(crate) static {name}: &[(char, char)] = &[");
    for (a, b) in v {
        let _ = write!(out, "({a:?}, {b:?}), ");
    }
    let _ = writeln!(out, "];\n");
    Ok(())
}

/// `from<TAB>to` strings (sorted by `from`); `to` may be empty.
fn emit_str_map(out: &mut String, root: &Path, rel: &str, name: &str) -> Result<(), String> {
    let mut v: Vec<(String, String)> = Vec::new();
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let at = format!("{rel}:{n}");
        if f.len() < 2 {
            return Err(format!("{at}: expected `from<TAB>to`"));
        }
        v.push((parse_text(&f[0], &at)?, parse_text(&f[1], &at)?));
    }
    v.sort();
    for w in v.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(format!("{rel}: {:?} appears twice", w[0].0));
        }
    }
    let _ = write!(out, "pub(crate) static {name}: &[(&str, &str)] = &[");
    for (a, b) in v {
        let _ = write!(out, "({a:?}, {b:?}), ");
    }
    let _ = writeln!(out, "];\n");
    Ok(())
}

/// `ending<TAB>base<TAB>cases` rows (`-`: no base ending; cases from `nom gen dat acc ins
/// pre`, as bits in that order), in file order.
fn emit_cases(out: &mut String, root: &Path, rel: &str, name: &str) -> Result<(), String> {
    const CASES: [&str; 6] = ["nom", "gen", "dat", "acc", "ins", "pre"];
    let _ = write!(out, "pub(crate) static {name}: &[(&str, &str, u8)] = &[");
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let at = format!("{rel}:{n}");
        if f.len() < 3 {
            return Err(format!("{at}: expected `ending<TAB>base<TAB>cases`"));
        }
        let ending = parse_text(&f[0], &at)?;
        let base = match f[1].as_str() {
            "-" => String::new(),
            b => parse_text(b, &at)?,
        };
        if ending.is_empty() || ending.chars().chain(base.chars()).any(char::is_uppercase) {
            return Err(format!("{at}: endings must be non-empty and lower-case"));
        }
        let mut mask = 0u8;
        for case in f[2].split(' ').filter(|c| !c.is_empty()) {
            let bit = CASES
                .iter()
                .position(|c| *c == case)
                .ok_or_else(|| format!("{at}: unknown case {case:?} (one of {CASES:?})"))?;
            mask |= 1 << bit;
        }
        if mask == 0 {
            return Err(format!("{at}: no case"));
        }
        let _ = write!(out, "({ending:?}, {base:?}, {mask}), ");
    }
    let _ = writeln!(out, "];\n");
    Ok(())
}

/// One word a line (first column), lower-case, sorted and unique.
fn emit_words(out: &mut String, root: &Path, rel: &str, name: &str) -> Result<(), String> {
    let mut v: Vec<String> = Vec::new();
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let w = f[0].clone();
        if w.chars().any(|c| c.to_lowercase().ne(std::iter::once(c))) {
            return Err(format!("{rel}:{n}: {w:?} must be lower-case"));
        }
        v.push(w);
    }
    v.sort();
    v.dedup();
    let _ = write!(out, "pub(crate) static {name}: &[&str] = &[");
    for w in v {
        let _ = write!(out, "{w:?}, ");
    }
    let _ = writeln!(out, "];\n");
    Ok(())
}

/// `a<TAB>b<TAB>cost` edit costs between key letters (`-` = insertion/deletion), both orders,
/// sorted.
fn emit_costs(out: &mut String, root: &Path, rel: &str, name: &str) -> Result<(), String> {
    let mut v: Vec<(char, char, f32)> = Vec::new();
    for (n, f) in data_rows(&root.join(rel), rel)? {
        let at = format!("{rel}:{n}");
        if f.len() < 3 {
            return Err(format!("{at}: expected `letter<TAB>letter<TAB>cost`"));
        }
        let a = parse_char(&f[0], &at)?;
        let b = parse_char(&f[1], &at)?;
        let cost: f32 = f[2]
            .parse()
            .map_err(|e| format!("{at}: cost {:?}: {e}", f[2]))?;
        if !(0.0..=1.0).contains(&cost) {
            return Err(format!("{at}: cost must be in [0, 1]"));
        }
        v.push((a, b, cost));
        if b != '-' {
            v.push((b, a, cost));
        }
    }
    v.sort_by_key(|x| (x.0, x.1));
    for w in v.windows(2) {
        if (w[0].0, w[0].1) == (w[1].0, w[1].1) {
            return Err(format!("{rel}: {:?}/{:?} appears twice", w[0].0, w[0].1));
        }
    }
    let _ = write!(out, "pub(crate) static {name}: &[(char, char, f32)] = &[");
    for (a, b, c) in v {
        let _ = write!(out, "({a:?}, {b:?}, {c:?}), ");
    }
    let _ = writeln!(out, "];\n");
    Ok(())
}

/// The whole generated file.
pub fn generate(root: &Path) -> Result<String, String> {
    let dir = root.join("data/translit");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    let mut tables = Vec::new();
    for p in &paths {
        let rel = format!(
            "data/translit/{}",
            p.file_name()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default()
        );
        let t = parse_table(p, &rel)?;
        if t.reversible {
            let r = reverse(&t)?;
            tables.push(t);
            tables.push(r);
        } else {
            tables.push(t);
        }
    }
    let mut seen = BTreeMap::new();
    for t in &tables {
        if let Some(prev) =
            seen.insert((t.from.clone(), t.to.clone(), t.id.clone()), t.path.clone())
        {
            return Err(format!(
                "{}: ({}, {}, {}) is already defined in {prev}",
                t.path, t.from, t.to, t.id
            ));
        }
    }
    let mut out = String::new();
    out.push_str(
        "// @generated from data/ by: cargo test --test tables_fresh. DO NOT EDIT.\n\
         // Edit the tables in data/ and run that command to regenerate this file.\n\n\
         use super::{Ctx, Rule, Table};\n\n",
    );
    let _ = writeln!(out, "pub(crate) static TABLES: &[Table] = &[");
    for t in &tables {
        emit_table(&mut out, t);
    }
    let _ = writeln!(out, "];\n");
    let key = parse_table(&root.join("data/key/key.tsv"), "data/key/key.tsv")?;
    let _ = writeln!(out, "pub(crate) static KEY_TABLES: &[Table] = &[");
    emit_table(&mut out, &key);
    let _ = writeln!(out, "];\n");
    emit_costs(&mut out, root, "data/key/confusion.tsv", "COSTS")?;
    emit_words(&mut out, root, "data/key/particles.tsv", "PARTICLES")?;
    emit_words(
        &mut out,
        root,
        "data/key/initial_trades.tsv",
        "INITIAL_TRADES",
    )?;
    emit_words(&mut out, root, "data/key/common.tsv", "COMMON")?;
    emit_words(&mut out, root, "data/key/suffixes.tsv", "SUFFIXES")?;
    emit_words(&mut out, root, "data/key/stopwords.tsv", "STOPWORDS")?;
    emit_str_map(&mut out, root, "data/key/legal_forms.tsv", "LEGAL_FORMS")?;
    emit_str_map(&mut out, root, "data/key/numbers.tsv", "NUMBERS")?;
    emit_str_map(&mut out, root, "data/key/blocking.tsv", "BLOCKING")?;
    emit_char_pairs(
        &mut out,
        root,
        "data/normalize/homoglyphs.tsv",
        ["LATIN_TO_CYRILLIC", "CYRILLIC_TO_LATIN"],
    )?;
    emit_char_pairs(
        &mut out,
        root,
        "data/normalize/greek_homoglyphs.tsv",
        ["GREEK_TO_LATIN", ""],
    )?;
    emit_ranges(&mut out, root, "data/normalize/ignorable.tsv", "IGNORABLE")?;
    emit_str_map(
        &mut out,
        root,
        "data/normalize/punctuation.tsv",
        "PUNCTUATION",
    )?;
    emit_str_map(&mut out, root, "data/normalize/mojibake.tsv", "MOJIBAKE")?;
    emit_words(&mut out, root, "data/normalize/titles.tsv", "TITLES")?;
    emit_cases(&mut out, root, "data/link/ru_cases.tsv", "RU_CASES")?;
    emit_words(&mut out, root, "data/link/suffixes.tsv", "LINK_SUFFIXES")?;
    emit_str_map(&mut out, root, "data/link/harmony.tsv", "HARMONY")?;
    Ok(out)
}
