//! Near misses: full names of two different people that differ in one part, where that part
//! is two different entries of one country's list of frequent names (`tests/data/
//! near_miss.tsv`, written by `scripts/make_near_miss.py` from names-dataset 3.3.1, MIT), and
//! the same people written another way. `cargo test --test near_miss -- --nocapture` prints
//! precision, recall, F1 and the wrong rows.

use namelink::matcher::Matcher;

#[test]
fn near_misses_stay_apart_and_variants_meet() {
    let text = include_str!("data/near_miss.tsv");
    let matcher = Matcher::new();
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("a\tb\t"))
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "bad row: {line}");
        let label = f[2] == "1";
        let c = matcher.compare(f[0], f[1]);
        match (c.is_match, label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => tn += 1,
        }
        if c.is_match != label {
            wrong.push(format!("{:.3} {} | {}  ({})", c.score, f[0], f[1], f[3]));
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE);
    println!("near misses: P={p:.4} R={r:.4} F1={f1:.4} (tp={tp} fp={fp} fn={fn_} tn={tn})");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(tp + fn_ >= 200 && fp + tn >= 200, "the set is complete");
    assert!(f1 >= 0.97, "near-miss F1 {f1:.4} < 0.97");
}
