//! The matcher on namelink's own labelled pairs (`tests/data/pairs.tsv`, written by
//! `scripts/make_test_pairs.py`): 453 pairs of az/tr/ru/en person and place names, with hard
//! negatives. Prints precision, recall and F1 per type (`cargo test --test labelled -- --nocapture`).

use std::collections::BTreeMap;

use namelink::matcher::Matcher;

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

#[test]
fn own_labelled_pairs() {
    let text = include_str!("data/pairs.tsv");
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
            wrong.push(format!("{:.3} {} | {} ({t})", c.score, f[0], f[1]));
        }
    }
    let p = all.tp as f64 / (all.tp + all.fp) as f64;
    let r = all.tp as f64 / (all.tp + all.fn_) as f64;
    let f1 = 2.0 * p * r / (p + r);
    println!("own pairs: P={p:.4} R={r:.4} F1={f1:.4}");
    for (t, c) in &by_type {
        println!("  {t:<28} tp={} fp={} fn={} tn={}", c.tp, c.fp, c.fn_, c.tn);
    }
    println!("wrong:\n  {}", wrong.join("\n  "));
    assert!(all.tp + all.fp + all.fn_ + all.tn >= 300);
    assert!(f1 >= 0.95, "F1 {f1:.4}");
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
