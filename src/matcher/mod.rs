//! The matcher: do two spellings name the same person, place or organisation?
//!
//! Both names are split into keyed parts ([`crate::key::name_key`]; titles and patronymic
//! particles dropped). Every part of one name is scored against every part of the other, and
//! the best pairs are aligned regardless of order (`Babayev Sahil` = `Sahil Babayev`):
//!
//! * equal keys score 1 (`Sakhil`~`Sahil`: `kh=h`);
//! * other keys score `1 - d / n - 0.45·u` for the weighted edit distance `d`
//!   ([`crate::similarity::distance_detail`]) over the longer key's `n` letters, where `u`
//!   counts the edits that are no known spelling variation, so that one unrelated letter in a
//!   short name (`Sahib`/`Sahil`: 0.35) weighs more than a vowel a writer changed
//!   (`Məmmədov`/`Мамедов`: 0.97);
//! * an initial scores [`MatcherBuilder::initial_score`] against a name it begins
//!   (`S.`~`Sahil`), 0 against another (`S.`≁`Anar`);
//! * a surname and its other-gender form (`Əliyev`/`Əliyeva`, `Бабаев`/`Бабаева`) score
//!   [`MatcherBuilder::gender_score`]: same family, different person;
//! * a part and the same part with an Azerbaijani/Turkish suffix or a Russian case ending
//!   (`Babayevlə`, `Erdoğan'ın`, `Алиевым`; `data/key/suffixes.tsv`) score
//!   [`MatcherBuilder::inflection_score`] (the other-gender reading wins for `-a`).
//!
//! The name score is the weighted mean over aligned pairs and the unpaired parts of the
//! shorter name; very common parts (`data/key/common.tsv`: `Əliyev`, `Məmmədov`, `Ivanov`)
//! weigh [`MatcherBuilder::common_weight`], initials 0.6. Each part only one name has costs a
//! factor ([`MatcherBuilder::missing_part`]: a missing middle name costs little; against a
//! one-part name it costs more). Patronymics (`Rasim oğlu`, `Расимович`) are compared on
//! their own: a missing one costs little, a different one halves the score.
//!
//! Scores are in [0, 1], symmetric, and 1 for a name compared with itself. The default
//! threshold is 0.7.
//!
//! Cost: O(p·q·n·m) for names of p and q parts of n and m letters; a prepared query
//! ([`Matcher::prepare`]) keys the query once.
//!
//! # Examples
//!
//! ```
//! use namelink::matcher::compare;
//!
//! assert!(compare("Sahil Babayev", "Сахил Бабаев").is_match);
//! assert!(compare("Sakhil Babaev", "S.Babayev").is_match);
//! assert!(compare("Babayev Sahil", "Sahil Babayev").is_match);
//! assert!(!compare("Sahil Babayev", "Sahib Babayev").is_match);
//! assert!(!compare("Leyla Əliyeva", "Leyla Əliyev").is_match);
//! let c = compare("Sakhil Babaev", "Sahil Babayev");
//! assert!(c.explanation.to_string().contains("kh=h"), "{}", c.explanation);
//! ```

use std::fmt;
use std::hash::Hasher;
use std::sync::LazyLock;

use crate::key::{Fnv, NameKey, Part, PartRef, name_key, with_views};
use crate::lang::Lang;
use crate::normalize::normalize;
use readings::readings;

/// Why two parts were paired.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// Written the same.
    Equal,
    /// Different spellings with the same key; the rules that made them meet (`kh=h`, `ə=a`).
    SameKey(Vec<String>),
    /// Keys a weighted edit distance apart.
    Close {
        /// The two keys.
        keys: (String, String),
        /// Their weighted edit distance.
        distance: f64,
    },
    /// An initial and a name it begins.
    Initial,
    /// A surname and its other-gender form.
    GenderForm,
    /// A name and the same name with a case or other suffix (`Babayevlə`, `Алиевым`).
    Inflection,
    /// Two different names of one country's list of frequent names (`Mehmet`/`Mahmut`).
    DifferentNames,
}

impl Reason {
    /// A short name for the reason (`equal`, `same-key`, `close`, `initial`, `gender-form`,
    /// `suffix`, `different-names`), as the CLI's JSON and the Python package give it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Equal => "equal",
            Reason::SameKey(_) => "same-key",
            Reason::Close { .. } => "close",
            Reason::Initial => "initial",
            Reason::GenderForm => "gender-form",
            Reason::Inflection => "suffix",
            Reason::DifferentNames => "different-names",
        }
    }
}

/// One aligned pair of parts.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PairNote {
    /// The part of the first name, as written (lower-cased).
    pub a: String,
    /// The part of the second name.
    pub b: String,
    /// The pair's score in [0, 1].
    pub score: f64,
    /// Why they were paired.
    pub reason: Reason,
}

/// Why a [`Comparison`] came out as it did, for people (`Display`) and code (fields).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// The aligned pairs, best first.
    pub pairs: Vec<PairNote>,
    /// Parts of the first name left unpaired.
    pub unpaired_a: Vec<String>,
    /// Parts of the second name left unpaired.
    pub unpaired_b: Vec<String>,
    /// Other factors (missing or different patronymic, missing parts).
    pub notes: Vec<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items: Vec<String> = Vec::new();
        for p in &self.pairs {
            let why = match &p.reason {
                Reason::Equal => "equal".to_string(),
                Reason::SameKey(rules) if rules.is_empty() => "same key".to_string(),
                Reason::SameKey(rules) => rules.join(", "),
                Reason::Close { keys, distance } => {
                    format!("{}~{} (distance {distance:.2})", keys.0, keys.1)
                }
                Reason::Initial => "initial".to_string(),
                Reason::GenderForm => "gender form".to_string(),
                Reason::Inflection => "suffix".to_string(),
                Reason::DifferentNames => "different names".to_string(),
            };
            items.push(format!("{}~{}: {why} [{:.2}]", p.a, p.b, p.score));
        }
        for u in &self.unpaired_a {
            items.push(format!("{u}: only in the first name"));
        }
        for u in &self.unpaired_b {
            items.push(format!("{u}: only in the second name"));
        }
        items.extend(self.notes.iter().cloned());
        f.write_str(&items.join("; "))
    }
}

/// The result of comparing two names.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Comparison {
    /// Similarity in [0, 1].
    pub score: f64,
    /// `score >= threshold`.
    pub is_match: bool,
    /// Why.
    pub explanation: Explanation,
}

/// A name keyed once, to compare against many others.
#[derive(Clone, Debug)]
pub struct Prepared {
    name: String,
    key: NameKey,
}

impl Prepared {
    /// A name keyed elsewhere (the linker's case-stripped words).
    pub(crate) fn from_parts(name: String, parts: Vec<Part>) -> Prepared {
        Prepared {
            name,
            key: NameKey { parts },
        }
    }

    /// The name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its keyed parts.
    pub fn key(&self) -> &NameKey {
        &self.key
    }
}

/// Compares names; build with [`Matcher::new`] or [`Matcher::builder`].
#[derive(Clone, Debug)]
pub struct Matcher {
    c: MatcherBuilder,
    /// A hash of the settings: the per-thread memo of part scores keeps matchers apart.
    fingerprint: u64,
}

/// Settings of a [`Matcher`]. A builder can build again and again.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatcherBuilder {
    threshold: f64,
    initial_score: f64,
    gender_score: f64,
    common_weight: f64,
    missing_part: f64,
    missing_part_single: f64,
    missing_patronymic: f64,
    different_patronymic: f64,
    unrelated_letter: f64,
    inflection_score: f64,
    different_legal_form: f64,
    missing_legal_form: f64,
    initials_only: f64,
    conflicting_part: f64,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder {
            threshold: 0.7,
            initial_score: 0.8,
            gender_score: 0.3,
            common_weight: 0.6,
            missing_part: 0.92,
            missing_part_single: 0.65,
            missing_patronymic: 0.97,
            different_patronymic: 0.5,
            unrelated_letter: 0.45,
            inflection_score: 0.9,
            different_legal_form: 0.8,
            missing_legal_form: 0.98,
            initials_only: 0.85,
            conflicting_part: 0.8,
        }
    }
}

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`Error::OutOfRange`](crate::Error::OutOfRange) unless `value` is in [0, 1] (the
        /// setting is then left as it was).
        pub fn $name(&mut self, value: f64) -> Result<&mut MatcherBuilder, crate::Error> {
            if !(0.0..=1.0).contains(&value) {
                return Err(crate::Error::OutOfRange {
                    setting: stringify!($name),
                    expected: "in [0, 1]",
                    value: value.to_string(),
                });
            }
            self.$name = value;
            Ok(self)
        }
    };
}

impl MatcherBuilder {
    setter!(
        /// The decision threshold. Default: 0.7.
        ///
        /// ```
        /// use namelink::matcher::Matcher;
        /// let loose = Matcher::builder().threshold(0.6)?.build();
        /// assert!(loose.compare("Sahil Babayev", "Sahib Babayev").is_match);
        /// let err = Matcher::builder().threshold(1.5).unwrap_err();
        /// assert_eq!(err.to_string(), "threshold must be in [0, 1], got 1.5");
        /// # Ok::<(), namelink::Error>(())
        /// ```
        threshold
    );
    setter!(
        /// Score of an initial against a name it begins. Default: 0.8.
        initial_score
    );
    setter!(
        /// Score of a surname against its other-gender form. Default: 0.3.
        gender_score
    );
    setter!(
        /// Weight of a very common name part (1 for others). Default: 0.6.
        common_weight
    );
    setter!(
        /// Factor for each part only one name has, when both have two or more. Default: 0.92.
        missing_part
    );
    setter!(
        /// Factor for each part only one name has, when the other has only one. Default: 0.65.
        missing_part_single
    );
    setter!(
        /// Factor when only one name has a patronymic. Default: 0.97.
        missing_patronymic
    );
    setter!(
        /// Factor when the patronymics differ. Default: 0.5.
        different_patronymic
    );
    setter!(
        /// Score of a name part against the same part with a case or other suffix
        /// (`data/key/suffixes.tsv`: `Babayevlə`, `Алиевым`). Default: 0.9.
        inflection_score
    );
    setter!(
        /// Factor when two organisations' legal forms differ (`AG`/`GmbH`). Default: 0.8.
        different_legal_form
    );
    setter!(
        /// Factor when only one name has a legal form. Default: 0.98.
        missing_legal_form
    );
    setter!(
        /// Factor when one name is nothing but initials (`N.N.`). Default: 0.85.
        initials_only
    );
    setter!(
        /// Factor for each part of one name that pairs with no part of the other while the
        /// other also has one left over (a different surname). Default: 0.8.
        conflicting_part
    );
    setter!(
        /// Penalty on a part's score for each edit that costs the full 1: an unrelated letter
        /// rather than a known spelling variation (`Sahil`/`Sahib`). Default: 0.45.
        unrelated_letter
    );

    /// Checks that every setting is a number in [0, 1] (the setters refuse others; settings
    /// read from elsewhere, such as a saved index, are checked here). The error names the first
    /// setting out of range.
    ///
    /// ```
    /// let settings: namelink::matcher::MatcherBuilder =
    ///     serde_json::from_str(r#"{"threshold": 2}"#).unwrap();
    /// assert_eq!(settings.check().unwrap_err(), "threshold is 2, not in [0, 1]");
    /// ```
    pub fn check(&self) -> Result<(), String> {
        let c = self;
        let all = [
            ("threshold", c.threshold),
            ("initial_score", c.initial_score),
            ("gender_score", c.gender_score),
            ("common_weight", c.common_weight),
            ("missing_part", c.missing_part),
            ("missing_part_single", c.missing_part_single),
            ("missing_patronymic", c.missing_patronymic),
            ("different_patronymic", c.different_patronymic),
            ("unrelated_letter", c.unrelated_letter),
            ("inflection_score", c.inflection_score),
            ("different_legal_form", c.different_legal_form),
            ("missing_legal_form", c.missing_legal_form),
            ("initials_only", c.initials_only),
            ("conflicting_part", c.conflicting_part),
        ];
        match all.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
            Some((name, v)) => Err(format!("{name} is {v}, not in [0, 1]")),
            None => Ok(()),
        }
    }

    /// The matcher.
    pub fn build(&self) -> Matcher {
        let mut h = Fnv::default();
        h.write(serde_json::to_string(self).unwrap_or_default().as_bytes());
        Matcher {
            c: self.clone(),
            fingerprint: h.finish(),
        }
    }
}

static DEFAULT: LazyLock<Matcher> = LazyLock::new(Matcher::new);

/// Compares two names with the default [`Matcher`].
pub fn compare(a: &str, b: &str) -> Comparison {
    DEFAULT.compare(a, b)
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new()
    }
}
mod align;
mod part;
mod readings;

impl Matcher {
    /// The default matcher.
    pub fn new() -> Matcher {
        MatcherBuilder::default().build()
    }

    /// A builder with the defaults.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The decision threshold.
    pub fn threshold(&self) -> f64 {
        self.c.threshold
    }

    /// The settings this matcher was built with.
    pub(crate) fn settings(&self) -> &MatcherBuilder {
        &self.c
    }

    /// The factor for a name part only one of two names has.
    pub(crate) fn missing_part_factor(&self) -> f64 {
        self.c.missing_part
    }

    /// Keys a name once for many comparisons.
    ///
    /// A part written in plain ASCII letters also gets its key as an English name
    /// ([`Part::readings`]): `Bradshaw` meets `Брэдшо`, `Maxwell` `Максуэлл`; one with a
    /// French, Spanish or German press's letter groups, its key as such a romanization of a
    /// Russian name: `Khrouchtchev` meets `Хрущёв`; Spanish letter values too (`Juárez` meets
    /// `Хуарес`).
    pub fn prepare(&self, name: &str) -> Prepared {
        let mut key = name_key(name);
        for p in key.parts.iter_mut() {
            p.readings = readings(p);
        }
        Prepared {
            name: name.to_string(),
            key,
        }
    }

    /// The readings [`Matcher::prepare`] gives `part` (for the index's builder, which reads
    /// each distinct word once).
    pub(crate) fn part_readings(
        &self,
        part: &Part,
    ) -> Vec<(crate::key::Reading, compact_str::CompactString)> {
        readings(part)
    }

    /// [`Matcher::prepare`] without the readings (English, foreign press): the name taken
    /// as written only. [`Index::resolve`](crate::index::Index::resolve) looks a query up so
    /// first, and reads it another way only when that finds no match. (The index keeps the
    /// readings of the names it registers: a query in Cyrillic meets `Bradshaw` through its
    /// English reading.)
    pub fn prepare_as_indexed(&self, name: &str) -> Prepared {
        Prepared {
            name: name.to_string(),
            key: name_key(name),
        }
    }

    /// Compares two names, with an explanation.
    pub fn compare(&self, a: &str, b: &str) -> Comparison {
        self.compare_prepared(&self.prepare(a), &self.prepare(b))
    }

    /// Compares two prepared names, with an explanation.
    pub fn compare_prepared(&self, a: &Prepared, b: &Prepared) -> Comparison {
        let mut explanation = Explanation::default();
        let score = self.score_with(a, b, Some(&mut explanation));
        Comparison {
            score,
            is_match: score >= self.c.threshold,
            explanation,
        }
    }

    /// The score alone: the fast path for ranking many candidates.
    pub fn score_prepared(&self, a: &Prepared, b: &Prepared) -> f64 {
        self.score_with(a, b, None)
    }

    fn score_with(&self, a: &Prepared, b: &Prepared, explain: Option<&mut Explanation>) -> f64 {
        let (pa, pb) = (&a.key.parts, &b.key.parts);
        if pa.is_empty() || pb.is_empty() {
            // Nothing but titles, particles or punctuation: equal texts or nothing.
            // (Both must leave something after normalizing: a soft hyphen against nothing is
            // no match either way round. Found by fuzzing.)
            let same = pa.is_empty() && pb.is_empty() && {
                let (na, nb) = (
                    normalize(&a.name, Lang::Auto),
                    normalize(&b.name, Lang::Auto),
                );
                !na.text.trim().is_empty() && na.text == nb.text
            };
            return if same { 1.0 } else { 0.0 };
        }
        with_views(pa, |va| {
            with_views(pb, |vb| self.score_parts(va, vb, explain))
        })
    }

    /// Scores a query's parts against a candidate given as part views (the index's arena).
    pub(crate) fn score_views(&self, query: &Prepared, candidate: &[PartRef<'_>]) -> f64 {
        if query.key.parts.is_empty() || candidate.is_empty() {
            return 0.0;
        }
        with_views(&query.key.parts, |va| self.score_parts(va, candidate, None))
    }
}

#[cfg(test)]
mod tests {
    use super::part::is_gender_pair;
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        compare(a, b).score
    }

    #[test]
    fn gender_pairs() {
        assert!(is_gender_pair("aliev", "alieva"));
        assert!(is_gender_pair("babaeva", "babaev"));
        assert!(is_gender_pair("dostoevski", "dostoevskaya"));
        assert!(!is_gender_pair("alia", "ali"));
    }

    #[test]
    fn order_initials_missing_parts() {
        assert_eq!(s("Babayev Sahil", "Sahil Babayev"), 1.0);
        let initial = s("S. Babayev", "Sahil Babayev");
        assert!((0.8..1.0).contains(&initial), "{initial}");
        assert!(s("S. Babayev", "Anar Babayev") < 0.6);
        assert!(s("Mahinur Göktaş", "Mahinur Özdemir Göktaş") >= 0.9);
        assert!(s("Babayev", "Sahil Babayev") < 0.8);
    }

    #[test]
    fn patronymics() {
        let full = "Anar Rasim oğlu Əliyev";
        assert!(
            s(full, "Анар Расимович Алиев") >= 0.95,
            "{}",
            compare(full, "Анар Расимович Алиев").explanation
        );
        assert!(s(full, "Алиев Анар Расим оглы") >= 0.95);
        assert!(s(full, "Anar Əliyev") >= 0.9);
        assert!(s(full, "Anar Kamal oğlu Əliyev") < 0.6);
    }

    #[test]
    fn titles_are_ignored() {
        for (a, b) in [
            ("Minister Sahil Babayev", "Sahil Babayev"),
            ("Bakan Mahinur Özdemir Göktaş", "Mahinur Özdemir Göktaş"),
            ("министр Анар Алиев", "Anar Əliyev"),
            ("cənab Sahil Babayev", "Сахил Бабаев"),
            ("Sayın Derya Yanık", "Дерья Янык"),
            ("г-н Алиев", "Aliyev"),
        ] {
            assert!(
                compare(a, b).is_match,
                "{a} / {b}: {}",
                compare(a, b).explanation
            );
        }
    }

    #[test]
    fn empty_and_punctuation() {
        assert_eq!(s("", ""), 0.0);
        assert_eq!(s("...", "..."), 1.0);
        assert_eq!(s("Dr.", "Dr."), 1.0);
        assert_eq!(s("Sahil", ""), 0.0);
    }
}
