//! The matcher on namelink's own labelled pairs (`cargo test --test labelled -- --nocapture`
//! prints precision, recall and F1 per type, and the wrong rows):
//!
//! * `tests/data/pairs.tsv`, written by `scripts/make_test_pairs.py`: 453 pairs of
//!   az/tr/ru/en person and place names, with hard negatives;
//! * `tests/data/near_miss.tsv`, written by `scripts/make_near_miss.py` from names-dataset
//!   3.3.1 (MIT): full names of two different people that differ in one part, where that
//!   part is two different entries of one country's list of frequent names, and the same
//!   people written another way.

use std::collections::BTreeMap;

use namelink::matcher::Matcher;

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn f1(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        (p, r, 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE))
    }
}

/// Scores every `a b label category` row of `text` with the default matcher: the counts in
/// all and per type (the category's first field), printed with the wrong rows.
fn score(name: &str, text: &str) -> (Counts, BTreeMap<String, Counts>) {
    let matcher = Matcher::new();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    let mut wrong = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("a\tb\t"))
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "bad row: {line}");
        let label = f[2] == "1";
        let c = matcher.compare(f[0], f[1]);
        let t = f[3].split('/').next().unwrap_or("").to_string();
        for counts in [by_type.entry(t.clone()).or_default(), &mut all] {
            match (c.is_match, label) {
                (true, true) => counts.tp += 1,
                (true, false) => counts.fp += 1,
                (false, true) => counts.fn_ += 1,
                (false, false) => counts.tn += 1,
            }
        }
        if c.is_match != label {
            wrong.push(format!("{:.3} {} | {} ({})", c.score, f[0], f[1], f[3]));
        }
    }
    let (p, r, f1) = all.f1();
    println!("{name}: P={p:.4} R={r:.4} F1={f1:.4}");
    for (t, c) in &by_type {
        println!("  {t:<28} tp={} fp={} fn={} tn={}", c.tp, c.fp, c.fn_, c.tn);
    }
    println!("wrong:\n  {}", wrong.join("\n  "));
    (all, by_type)
}

#[test]
fn own_labelled_pairs() {
    let (all, by_type) = score("own pairs", include_str!("data/pairs.tsv"));
    assert!(all.tp + all.fp + all.fn_ + all.tn >= 300);
    let f1 = all.f1().2;
    assert!(f1 >= 0.98, "F1 {f1:.4}");
    // The neighbours the brief names never pass as the same person.
    for t in [
        "random-negative",
        "hard-negative-gender",
        "hard-negative-shared-part",
        "hard-negative-initial",
    ] {
        assert_eq!(
            by_type.get(t).map(|c| c.fp),
            Some(0),
            "false matches in {t}"
        );
    }
}

#[test]
fn near_misses_stay_apart_and_variants_meet() {
    let (all, _) = score("near misses", include_str!("data/near_miss.tsv"));
    assert!(
        all.tp + all.fn_ >= 200 && all.fp + all.tn >= 200,
        "the set is complete"
    );
    let f1 = all.f1().2;
    assert!(f1 >= 0.97, "near-miss F1 {f1:.4} < 0.97");
}
