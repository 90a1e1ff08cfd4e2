//! Transliteration conformance against the published samples in the development data.
//!
//! ```sh
//! cargo run --release --example conformance -- ../shared/dev-eval [--show N]
//! ```
//!
//! For each sample file under `translit/`, runs the matching namelink conversion on every
//! input and compares with the expected output exactly; prints the pass rate per file and
//! per standard, and up to N failures per file with `--show N`. Files for systems namelink
//! does not implement are listed as such. The data stays where it is: nothing is copied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use namelink::lang::Tag;
use namelink::translit::Transliterator;
use unicode_normalization::UnicodeNormalization;

/// Which namelink conversion a sample file tests: (from, to, standard).
fn conversion_for(file: &str) -> Option<(Tag, Tag, &'static str)> {
    let ru = |s| Some((Tag::RU, Tag::RU_LATN, s));
    if let Some(schema) = file
        .strip_prefix("iuliia-")
        .and_then(|f| f.strip_suffix(".tsv"))
    {
        return match schema {
            "icao_doc_9303" => ru("icao-9303"),
            "bgn_pcgn" => ru("bgn-pcgn"),
            "bgn_pcgn_alt" => ru("bgn-pcgn-simple"),
            "gost_779" => ru("gost-7.79-a"),
            "gost_779_alt" => ru("gost-7.79-b"),
            "ala_lc" => ru("ala-lc"),
            "ala_lc_alt" => ru("ala-lc-ascii"),
            "mvd_310" => ru("mvd-310"),
            "mvd_310_fr" => ru("mvd-310-fr"),
            "mvd_782" => ru("mvd-782"),
            "scientific" => ru("scientific"),
            "ungegn_1987" => ru("ungegn-1987"),
            "wikipedia" => ru("wikipedia"),
            "bs_2979" => ru("bs-2979"),
            "bs_2979_alt" => ru("bs-2979-ascii"),
            "gost_16876" => ru("gost-16876"),
            "gost_16876_alt" => ru("gost-16876-ascii"),
            "gost_52290" => ru("gost-52290"),
            "gost_52535" => ru("gost-52535"),
            "gost_7034" => ru("gost-7034"),
            "iso_9_1954" => ru("iso-9-1954"),
            "iso_9_1968" => ru("iso-9-1968"),
            "iso_9_1968_alt" => ru("iso-9-1968-alt"),
            "mosmetro" => ru("mosmetro"),
            "telegram" => ru("telegram"),
            "yandex_maps" => ru("yandex-maps"),
            "yandex_money" => ru("yandex-money"),
            _ => None,
        };
    }
    match file {
        "cldr41-ru-Cyrl-Latn-BGN.tsv" => ru("bgn-pcgn-cldr"),
        "interscript-bgnpcgn-rus-Cyrl-Latn-1947.tsv" => ru("bgn-pcgn"),
        "interscript-alalc-rus-Cyrl-Latn-1997.tsv" | "interscript-alalc-rus-Cyrl-Latn-2012.tsv" => {
            ru("ala-lc")
        }
        "interscript-gost-rus-Cyrl-Latn-7.79-2000-2002.tsv" => ru("gost-7.79-a"),
        "interscript-gost-rus-Cyrl-Latn-16876-71-1983.tsv" => ru("gost-16876"),
        "interscript-un-rus-Cyrl-Latn-1987.tsv" => ru("ungegn-1987"),
        "sigpwned-forenames-ru-native-to-romanized.tsv"
        | "sigpwned-surnames-ru-native-to-romanized.tsv" => Some((Tag::RU, Tag::EN, "wikipedia")),
        "cldr41-az-Cyrl-Latn-BGN.tsv"
        | "cldr41-az-Cyrl-Latn-BGN-letters.tsv"
        | "interscript-az-aze-Cyrl-Latn-1939.tsv"
        | "interscript-az-aze-Cyrl-Latn-1958.tsv"
        | "interscript-bgnpcgn-aze-Cyrl-Latn-1993.tsv" => Some((Tag::AZ_CYRL, Tag::AZ, "official")),
        "sigpwned-surnames-az-native-to-romanized.tsv" => Some((Tag::AZ, Tag::EN, "press")),
        _ => None,
    }
}

/// iuliia writes Cyrillic ё (U+0451) in Latin output where the standards print ë (U+00EB);
/// namelink follows the standards, so the iuliia samples are compared with that one fix.
fn erratum(file: &str, expected: &str) -> String {
    if file.starts_with("iuliia-") {
        expected.replace('\u{0451}', "\u{00EB}")
    } else {
        expected.to_string()
    }
}

fn rows(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: conformance DEV_EVAL_DIR [--show N]   (e.g. ../shared/dev-eval)");
        return ExitCode::from(2);
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut files = Vec::new();
    for sub in ["ru", "az", "uz"] {
        let dir = root.join("translit").join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("conformance: cannot read {}", dir.display());
            return ExitCode::from(2);
        };
        let mut v: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        v.sort();
        files.extend(v);
    }
    let mut per_standard: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut all_pass, mut all_rows) = (0, 0);
    println!("{:<58} {:>7} {:>7}  conversion", "file", "pass", "rate");
    for path in files {
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(rows) = rows(&path) else { continue };
        let Some((from, to, standard)) = conversion_for(&file) else {
            println!(
                "{file:<58} {:>7} {:>7}  (no namelink standard for this system)",
                "-", "-"
            );
            continue;
        };
        let t = match Transliterator::with_standard(from, to, standard) {
            Ok(t) => t,
            Err(e) => {
                println!("{file:<58} error: {e}");
                continue;
            }
        };
        let mut pass = 0;
        let mut failures = Vec::new();
        for (input, expected) in &rows {
            let expected = erratum(&file, expected);
            let got = t.transliterate(input);
            // Canonically equivalent text is the same text: compare in NFC.
            if got.nfc().eq(expected.nfc()) {
                pass += 1;
            } else if failures.len() < show {
                failures.push(format!(
                    "    {input}\n      want {expected}\n      got  {got}"
                ));
            }
        }
        let name = format!("{from} -> {to} {standard}");
        println!(
            "{file:<58} {:>7} {:>6.1}%  {name}",
            format!("{pass}/{}", rows.len()),
            100.0 * pass as f64 / rows.len().max(1) as f64
        );
        for f in failures {
            println!("{f}");
        }
        let e = per_standard.entry(name).or_default();
        e.0 += pass;
        e.1 += rows.len();
        all_pass += pass;
        all_rows += rows.len();
    }
    println!("\nper conversion:");
    for (name, (pass, n)) in &per_standard {
        println!(
            "  {name:<40} {pass:>4}/{n:<4} {:>6.1}%",
            100.0 * *pass as f64 / (*n).max(1) as f64
        );
    }
    println!("\nall implemented: {all_pass}/{all_rows}");
    ExitCode::SUCCESS
}
