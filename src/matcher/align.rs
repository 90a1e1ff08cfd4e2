//! Aligning two names' parts: best pairs first, whatever the order; unpaired, missing and
//! joined parts; patronymics and legal forms.

use super::part::{is_gender_pair, rule_difference};
use super::{Explanation, Matcher, PairNote, Reason};
use crate::key::{PartKind, PartRef};
use crate::similarity::{distance, distance_detail};

/// Buffers for the alignment, reused across comparisons on one thread.
#[derive(Default)]
struct AlignScratch {
    names_a: Vec<usize>,
    names_b: Vec<usize>,
    cands: Vec<Cand>,
    used_a: Vec<bool>,
    used_b: Vec<bool>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<AlignScratch> = std::cell::RefCell::new(AlignScratch::default());
}

/// One scored pair, before alignment.
struct Cand {
    i: usize,
    j: usize,
    score: f64,
    weight: f64,
}

impl Matcher {
    pub(super) fn score_parts(
        &self,
        pa: &[PartRef<'_>],
        pb: &[PartRef<'_>],
        explain: Option<&mut Explanation>,
    ) -> f64 {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.score_parts_with(pa, pb, explain, &mut scratch),
            Err(_) => self.score_parts_with(pa, pb, explain, &mut AlignScratch::default()),
        })
    }

    fn score_parts_with(
        &self,
        pa: &[PartRef<'_>],
        pb: &[PartRef<'_>],
        mut explain: Option<&mut Explanation>,
        scratch: &mut AlignScratch,
    ) -> f64 {
        let AlignScratch {
            names_a,
            names_b,
            cands,
            used_a,
            used_b,
        } = scratch;
        names_a.clear();
        names_b.clear();
        let is_name =
            |p: &PartRef<'_>| !matches!(p.kind, PartKind::Patronymic | PartKind::LegalForm);
        names_a.extend((0..pa.len()).filter(|&i| is_name(&pa[i])));
        names_b.extend((0..pb.len()).filter(|&i| is_name(&pb[i])));
        // All-patronymic names (rare): compare them as names.
        let fallback = names_a.is_empty() || names_b.is_empty();
        if fallback {
            names_a.clear();
            names_b.clear();
            names_a.extend(0..pa.len());
            names_b.extend(0..pb.len());
        }
        let (names_a, names_b) = (&*names_a, &*names_b);

        let (sum, weights) = self.pair_up(
            pa,
            pb,
            (names_a, names_b),
            cands,
            (used_a, used_b),
            explain.as_deref_mut(),
        );
        let unpaired = |parts: &[PartRef<'_>], idx: &[usize], used: &[bool]| -> (usize, f64) {
            idx.iter()
                .filter(|&&i| !used[i])
                .fold((0, 0.0), |(n, w), &i| (n + 1, w + self.weight(&parts[i])))
        };
        let (ua, wa) = unpaired(pa, names_a, used_a);
        let (ub, wb) = unpaired(pb, names_b, used_b);
        // The shorter name's unpaired parts count against the mean; the longer name's surplus
        // parts cost a factor each.
        let unpaired_weight = match names_a.len().cmp(&names_b.len()) {
            std::cmp::Ordering::Less => wa,
            std::cmp::Ordering::Greater => wb,
            std::cmp::Ordering::Equal => (wa + wb) / 2.0,
        };
        let mut score = if weights + unpaired_weight > 0.0 {
            sum / (weights + unpaired_weight)
        } else {
            0.0
        };
        // A part each name has and the other does not match (İlham / Anar Əliyev; a different
        // last name after the same given names) speaks against the match.
        let conflicts = ua.min(ub);
        if conflicts > 0 {
            score *= self.c.conflicting_part.powi(conflicts as i32);
        }
        let surplus = names_a.len().abs_diff(names_b.len());
        if surplus > 0 {
            let factor = if names_a.len().min(names_b.len()) >= 2 {
                self.c.missing_part
            } else {
                self.c.missing_part_single
            };
            score *= factor.powi(surplus as i32);
        }
        if let Some(e) = explain.as_deref_mut() {
            e.unpaired_a = names_a
                .iter()
                .filter(|&&i| !used_a[i])
                .map(|&i| pa[i].text.to_string())
                .collect();
            e.unpaired_b = names_b
                .iter()
                .filter(|&&i| !used_b[i])
                .map(|&i| pb[i].text.to_string())
                .collect();
            if surplus > 0 {
                e.notes.push(format!("{surplus} part(s) in one name only"));
            }
            if conflicts > 0 {
                e.notes.push(format!("{conflicts} part(s) differ"));
            }
        }
        if !fallback {
            score *= self.patronymic_factor(pa, pb, explain.as_deref_mut());
        }
        if !fallback {
            score *= self.legal_form_factor(pa, pb, explain.as_deref_mut());
        }
        // Nothing but initials (N.N.) is weak evidence of anyone.
        let only_initials = |parts: &[PartRef<'_>], idx: &[usize]| {
            idx.iter().all(|&i| parts[i].kind == PartKind::Initial)
        };
        if only_initials(pa, names_a) != only_initials(pb, names_b) {
            score *= self.c.initials_only;
            if let Some(e) = explain.as_deref_mut() {
                e.notes.push("one name is initials only".to_string());
            }
        }
        // Words written together or apart (SergeiLavrov, Good Will / Goodwill).
        if names_a.len() != names_b.len() {
            score = self.written_together(pa, names_a, pb, names_b, score, explain);
        }
        score.clamp(0.0, 1.0)
    }

    /// Pairs the names' parts best first (each part at most once) into `cands`, marking
    /// `used`; returns the paired parts' weighted score sum and their weights.
    fn pair_up(
        &self,
        pa: &[PartRef<'_>],
        pb: &[PartRef<'_>],
        (names_a, names_b): (&[usize], &[usize]),
        cands: &mut Vec<Cand>,
        (used_a, used_b): (&mut Vec<bool>, &mut Vec<bool>),
        mut explain: Option<&mut Explanation>,
    ) -> (f64, f64) {
        cands.clear();
        for &i in names_a {
            for &j in names_b {
                let score = self.part_score_memo(&pa[i], &pb[j]);
                if score > 0.0 {
                    let weight = (self.weight(&pa[i]) + self.weight(&pb[j])) / 2.0;
                    cands.push(Cand {
                        i,
                        j,
                        score,
                        weight,
                    });
                }
            }
        }
        // Best first; ties broken by content, so that swapping the names changes nothing.
        cands.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| pair_order(&pa[x.i], &pb[x.j]).cmp(&pair_order(&pa[y.i], &pb[y.j])))
        });
        used_a.clear();
        used_a.resize(pa.len(), false);
        used_b.clear();
        used_b.resize(pb.len(), false);
        let (mut sum, mut weights) = (0.0, 0.0);
        for c in cands.iter() {
            if used_a[c.i] || used_b[c.j] {
                continue;
            }
            used_a[c.i] = true;
            used_b[c.j] = true;
            sum += c.score * c.weight;
            weights += c.weight;
            if let Some(e) = explain.as_deref_mut() {
                let (a, b) = (&pa[c.i], &pb[c.j]);
                let reason = match self.part_score(a, b).1 {
                    Some(r) => r,
                    None if a.key == b.key && a.text == b.text => Reason::Equal,
                    None if a.key == b.key => Reason::SameKey(rule_difference(a, b)),
                    None => Reason::Close {
                        keys: (a.key.to_string(), b.key.to_string()),
                        distance: distance(a.key, b.key),
                    },
                };
                e.pairs.push(PairNote {
                    a: a.text.to_string(),
                    b: b.text.to_string(),
                    score: c.score,
                    reason,
                });
            }
        }
        (sum, weights)
    }

    /// `score`, or the score of the names' parts joined (SergeiLavrov / Sergei Lavrov, Good
    /// Will / Goodwill) if that is better.
    fn written_together(
        &self,
        pa: &[PartRef<'_>],
        names_a: &[usize],
        pb: &[PartRef<'_>],
        names_b: &[usize],
        score: f64,
        explain: Option<&mut Explanation>,
    ) -> f64 {
        // Only a score below the missing-part factor can be beaten by the words joined (and
        // joining them allocates: most pairs of names stop here).
        if score >= self.c.missing_part {
            return score;
        }
        // Whole words only: an initial joined to a surname is no word.
        let (wa, wb) = (name_words(pa, names_a), name_words(pb, names_b));
        // (The tests below on the words' lengths and ends first: joining them allocates.)
        let (la, fa, za) = outline(wa.clone());
        let (lb, fb, zb) = outline(wb.clone());
        if la.abs_diff(lb) > 3 || (fa != fb && za != zb) {
            return score;
        }
        let (ja, jb) = (wa.collect::<String>(), wb.collect::<String>());
        // Words written together are as long as apart, give or take a letter or two; and
        // only a score below the missing-part factor can be beaten by them.
        let comparable = !ja.is_empty()
            && !jb.is_empty()
            && ja.len().abs_diff(jb.len()) <= 3
            && score < self.c.missing_part
            && (ja.chars().next() == jb.chars().next()
                || ja.chars().next_back() == jb.chars().next_back())
            && !is_gender_pair(&ja, &jb);
        if !comparable {
            return score;
        }
        let (d, full) = distance_detail(&ja, &jb);
        let n = ja.chars().count().max(jb.chars().count()).max(1) as f64;
        let together = (1.0 - d / n - self.c.unrelated_letter * full as f64) * self.c.missing_part;
        if together <= score {
            return score;
        }
        if let Some(e) = explain {
            e.notes.push(format!("written together: {ja}~{jb}"));
        }
        together
    }

    /// Patronymics: a different one costs much, one in one name only a little.
    fn patronymic_factor(
        &self,
        pa: &[PartRef<'_>],
        pb: &[PartRef<'_>],
        explain: Option<&mut Explanation>,
    ) -> f64 {
        fn patronymics<'a>(parts: &[PartRef<'a>]) -> Vec<&'a str> {
            parts
                .iter()
                .filter(|p| p.kind == PartKind::Patronymic)
                .map(|p| p.key)
                .collect()
        }
        let (pat_a, pat_b) = (patronymics(pa), patronymics(pb));
        let (factor, note) = match (pat_a.is_empty(), pat_b.is_empty()) {
            (true, true) => return 1.0,
            (false, false) => {
                let best = pat_a
                    .iter()
                    .flat_map(|x| pat_b.iter().map(move |y| patronymic_similarity(x, y)))
                    .fold(0.0, f64::max);
                if best < 0.5 {
                    (self.c.different_patronymic, "different patronymic")
                } else {
                    (1.0, "same patronymic")
                }
            }
            _ => (self.c.missing_patronymic, "patronymic in one name only"),
        };
        if let Some(e) = explain {
            e.notes.push(note.to_string());
        }
        factor
    }

    /// Legal forms compare only with each other: a different one costs a little, a missing
    /// one almost nothing.
    fn legal_form_factor(
        &self,
        pa: &[PartRef<'_>],
        pb: &[PartRef<'_>],
        explain: Option<&mut Explanation>,
    ) -> f64 {
        fn form<'a>(parts: &[PartRef<'a>]) -> Vec<&'a str> {
            parts
                .iter()
                .filter(|p| p.kind == PartKind::LegalForm)
                .map(|p| p.key)
                .collect()
        }
        let (fa, fb) = (form(pa), form(pb));
        // Codes are `family.form`: jsc.ojsc and jsc.cjsc are kinds of one thing.
        let family = |f: &str| f.split('.').next().unwrap_or(f).to_string();
        let (factor, note) = match (fa.is_empty(), fb.is_empty()) {
            (true, true) => return 1.0,
            (false, false) if fa.iter().any(|f| fb.contains(f)) => (1.0, "same legal form"),
            (false, false) if fa.iter().any(|f| fb.iter().any(|g| family(f) == family(g))) => {
                (self.c.missing_legal_form, "legal forms of one family")
            }
            (false, false) => (self.c.different_legal_form, "different legal form"),
            _ => (self.c.missing_legal_form, "legal form in one name only"),
        };
        if let Some(e) = explain {
            e.notes.push(note.to_string());
        }
        factor
    }
}

/// A content-based order for tie-breaking that does not depend on which name is first.
fn pair_order<'a>(a: &PartRef<'a>, b: &PartRef<'a>) -> (&'a str, &'a str) {
    if a.key <= b.key {
        (a.key, b.key)
    } else {
        (b.key, a.key)
    }
}

/// Patronymic stems compared without the Russian endings (`rasimoviq` ~ `rasim`).
fn patronymic_similarity(a: &str, b: &str) -> f64 {
    let stem = |k: &str| -> String {
        for e in ["oviq", "eviq", "ovna", "evna", "iqna", "iq"] {
            if let Some(s) = k.strip_suffix(e) {
                return s.to_string();
            }
        }
        k.to_string()
    };
    let (sa, sb) = (stem(a), stem(b));
    let n = sa.chars().count().max(sb.chars().count()).max(1) as f64;
    (1.0 - distance(&sa, &sb) / n).max(0.0)
}

/// The keys of the whole words (not initials) among `parts[idx]`, in order.
fn name_words<'a>(
    parts: &'a [PartRef<'a>],
    idx: &'a [usize],
) -> impl Iterator<Item = &'a str> + Clone + 'a {
    idx.iter()
        .filter_map(|&i| parts.get(i))
        .filter(|p| p.kind == PartKind::Name)
        .map(|p| p.key)
}

/// The joined length of `words`, the first letter of the first and the last of the last.
fn outline<'a>(words: impl Iterator<Item = &'a str>) -> (usize, Option<char>, Option<char>) {
    let (mut len, mut first, mut last) = (0, None, None);
    for k in words {
        len += k.len();
        first = first.or_else(|| k.chars().next());
        last = k.chars().next_back();
    }
    (len, first, last)
}
