//! Precision, recall and F1 of the matcher on labelled pairs (`a b label category source` TSV).
//!
//! ```sh
//! cargo run --release --example evaluate -- ../shared/dev-eval/names/pairs.tsv
//! cargo run --release --example evaluate -- ../shared/dev-eval/names/external_nomenklatura_name_bench.tsv --by 3
//! cargo run --release --example evaluate -- tests/data/pairs.tsv --errors 10
//! ```
//!
//! Prints the figures at the matcher's default threshold: overall, per type (the first field
//! of `category`), per kind (the second field), or grouped by the first N fields with
//! `--by N`; the best threshold on the file (for information, not for tuning to it); and with
//! `--errors N`, up to N wrong rows per type. Slices: `--lang az` keeps rows whose languages
//! (the last field of `category`) mention `az`; `--cross-script` keeps Latin-Cyrillic pairs;
//! `--kind person` keeps rows of that kind. `--threshold T` and `--unrelated-letter P` change
//! those matcher settings.

use std::collections::BTreeMap;
use std::process::ExitCode;

use namelink::matcher::Matcher;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    tn: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, label: bool) {
        match (predicted, label) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, false) => self.tn += 1,
            (false, true) => self.fn_ += 1,
        }
    }

    /// Precision, recall, F1.
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1)
    }

    fn line(&self) -> String {
        let (p, r, f1) = self.prf();
        let n = self.tp + self.fp + self.tn + self.fn_;
        let acc = (self.tp + self.tn) as f64 / n.max(1) as f64;
        if self.tp + self.fn_ == 0 {
            // Negatives only: precision is undefined; the false-positive rate is what counts.
            format!(
                "n={n:<6} negatives only: false positives {}/{} ({:.2}%)",
                self.fp,
                n,
                100.0 * self.fp as f64 / n.max(1) as f64
            )
        } else {
            format!(
                "n={n:<6} P={p:.4} R={r:.4} F1={f1:.4} acc={acc:.4}  (tp={} fp={} fn={} tn={})",
                self.tp, self.fp, self.fn_, self.tn
            )
        }
    }
}

/// Precision, recall and F1 of the matcher on labelled pairs.
#[derive(clap::Parser)]
struct Args {
    /// Labelled pairs: `a<TAB>b<TAB>label<TAB>category<TAB>source` lines.
    path: String,
    /// Group the figures by the first N fields of `category`.
    #[arg(long)]
    by: Option<usize>,
    /// Print up to N wrong rows per type.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Keep rows whose languages (the last field of `category`) mention this one.
    #[arg(long)]
    lang: Option<String>,
    /// Keep rows of this kind.
    #[arg(long = "kind")]
    kind_filter: Option<String>,
    /// Keep Latin-Cyrillic pairs only.
    #[arg(long = "cross-script")]
    cross: bool,
    /// The matcher's decision threshold.
    #[arg(long)]
    threshold: Option<f64>,
    /// The matcher's penalty for an unrelated letter.
    #[arg(long)]
    unrelated_letter: Option<f64>,
}

fn main() -> ExitCode {
    use clap::Parser;
    let Args {
        path,
        by,
        errors,
        lang,
        kind_filter,
        cross,
        threshold,
        unrelated_letter,
    } = Args::parse();
    let path = &path;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("evaluate: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Matcher::builder();
    if let Some(t) = threshold {
        if let Err(e) = builder.threshold(t) {
            eprintln!("evaluate: --threshold: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(u) = unrelated_letter {
        if let Err(e) = builder.unrelated_letter(u) {
            eprintln!("evaluate: --unrelated-letter: {e}");
            return ExitCode::from(2);
        }
    }
    let matcher = builder.build();
    let threshold = matcher.threshold();

    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("a\tb\tlabel") || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(a), Some(b), Some(label), Some(category)) =
            (f.first(), f.get(1), f.get(2), f.get(3))
        else {
            eprintln!(
                "evaluate: {path}:{}: expected `a b label category source`",
                n + 1
            );
            return ExitCode::from(2);
        };
        let label = match *label {
            "1" => true,
            "0" => false,
            other => {
                eprintln!("evaluate: {path}:{}: label {other:?} is not 0 or 1", n + 1);
                return ExitCode::from(2);
            }
        };
        let fields: Vec<&str> = category.split('/').collect();
        if lang.as_deref().is_some_and(|l| {
            !fields.last().is_some_and(|f| f.contains(l)) || category.starts_with("external")
        }) {
            continue;
        }
        if cross && !category.contains("/Latn-Cyrl/") && !category.contains("/Cyrl-Latn/") {
            continue;
        }
        if kind_filter
            .as_deref()
            .is_some_and(|k| fields.get(1).is_none_or(|f| !f.split('~').any(|x| x == k)))
        {
            continue;
        }
        let score = matcher.compare(a, b).score;
        rows.push((
            a.to_string(),
            b.to_string(),
            label,
            category.to_string(),
            score,
        ));
    }

    let mut overall = Counts::default();
    let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
    let mut kinds: BTreeMap<String, Counts> = BTreeMap::new();
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (a, b, label, category, score) in &rows {
        let predicted = *score >= threshold;
        overall.add(predicted, *label);
        let fields: Vec<&str> = category.split('/').collect();
        let group = fields
            .iter()
            .take(by.unwrap_or(1))
            .copied()
            .collect::<Vec<_>>()
            .join("/");
        groups
            .entry(group.clone())
            .or_default()
            .add(predicted, *label);
        if by.is_none() {
            let kind = fields.get(1).copied().unwrap_or("-").to_string();
            kinds.entry(kind).or_default().add(predicted, *label);
        }
        if predicted != *label {
            let v = wrong.entry(group).or_default();
            if v.len() < errors {
                v.push(format!(
                    "    {score:.3} {} {a} | {b}   ({category})",
                    if *label { "missed" } else { "false match" }
                ));
            }
        }
    }
    println!("{path}: {} rows, threshold {threshold}", rows.len());
    println!("overall                          {}", overall.line());
    println!("by {}:", if by.is_some() { "category" } else { "type" });
    for (g, c) in &groups {
        println!("  {g:<40} {}", c.line());
    }
    if !kinds.is_empty() {
        println!("by kind:");
        for (k, c) in &kinds {
            println!("  {k:<40} {}", c.line());
        }
    }
    // The best threshold on this file, for information.
    let mut best = (0.0, 0.0);
    for step in 40..=99 {
        let t = step as f64 / 100.0;
        let mut c = Counts::default();
        for (_, _, label, _, score) in &rows {
            c.add(*score >= t, *label);
        }
        let f1 = c.prf().2;
        if f1 > best.1 {
            best = (t, f1);
        }
    }
    println!(
        "best threshold on this file: {:.2} (F1 {:.4})",
        best.0, best.1
    );
    for (g, v) in &wrong {
        if !v.is_empty() {
            println!("errors in {g}:");
            for line in v {
                println!("{line}");
            }
        }
    }
    ExitCode::SUCCESS
}
