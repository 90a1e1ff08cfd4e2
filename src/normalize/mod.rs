//! The normalizer: one canonical form of a name or a text, with tokens that point back into
//! the original.
//!
//! In order, for each character of the input:
//!
//! 1. opt-in: repair of Windows-1252 mojibake of Turkish and Azerbaijani (`Ã¼ → ü`, `ÅŸ → ş`,
//!    `ý → ı`), from `data/normalize/mojibake.tsv`;
//! 2. removal of invisible characters (ZWSP, ZWJ, ZWNJ, soft hyphen, BOM, LRM/RLM and the
//!    other bidi controls; `data/normalize/ignorable.tsv`);
//! 3. unification of apostrophes (`’ ʼ ‘ ′ ´` → `'`) and dashes (`– —` → `-`)
//!    (`data/normalize/punctuation.tsv`);
//! 4. Unicode NFKC (NFC with [`NormalizerBuilder::compatibility`] off) of each letter with its
//!    combining marks; Russian stress accents (`Смирно́в`) are dropped;
//! 5. case folding with the language's rules: Turkish and Azerbaijani `I → ı`, `İ → i`;
//!    for other languages `İ → i`; never a stray combining dot (`i̇ → i`);
//! 6. tokenization ([`crate::token`]), with spans into the original text;
//! 7. homoglyph folding inside tokens that mix Latin and Cyrillic: the letters of the script
//!    in the minority become their look-alikes in the majority script (`Аliyev` with a
//!    Cyrillic `А` → `aliyev`; `data/normalize/homoglyphs.tsv`).
//!
//! Cost: O(n) in the input. Guarantees: the result is idempotent (normalizing
//! [`Normalized::text`] again gives the same text; the opt-in mojibake repair excepted), and
//! every token's span slices the original text on character boundaries.
//!
//! # Examples
//!
//! ```
//! use namelink::lang::Lang;
//! use namelink::normalize::{normalize, Normalizer};
//! use namelink::token::TokenKind;
//!
//! let n = normalize("İLHAM ƏLİYEV", Lang::Az);
//! assert_eq!(n.text, "ilham əliyev");
//! assert_eq!(normalize("IĞDIR", Lang::Tr).text, "ığdır");
//! assert_eq!(normalize("ISTANBUL", Lang::En).text, "istanbul");
//!
//! let text = "S.Babayev\u{200B} və Аliyev"; // a zero-width space and a Cyrillic А
//! let n = normalize(text, Lang::Az);
//! let words: Vec<_> = n.tokens.iter().map(|t| (t.text.as_str(), t.kind)).collect();
//! assert_eq!(words, [("s", TokenKind::Initial), ("babayev", TokenKind::Word),
//!                    ("və", TokenKind::Word), ("aliyev", TokenKind::Word)]);
//! assert_eq!(&text[n.tokens[3].span.range()], "Аliyev");
//!
//! let fix = Normalizer::builder().repair_mojibake(true).build(Lang::Tr);
//! assert_eq!(fix.normalize("GÃ¶ktaÅŸ").text, "göktaş");
//! ```

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::case::{is_mark, is_stable_letter, lower, push_upper};
use crate::lang::{Lang, Script, detect, script_of};
use crate::tables::{IGNORABLE, MOJIBAKE, PUNCTUATION, in_ranges};
use token::{Piece, Span, Token, token_script, tokenize};

mod homoglyph;
mod link;
pub mod token;
mod words;

use homoglyph::{fold_letters, majority};
pub(crate) use link::{LinkText, for_linking};
pub(crate) use words::{Word, glued_fragments_are_one_word, words, words_into};

/// A normalized text and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Its tokens: words, initials, titles and numbers, in order.
    pub tokens: Vec<Token>,
    /// The language used (the detected one when [`Lang::Auto`] was asked for).
    pub lang: Lang,
}

/// Settings for normalization; build with [`Normalizer::new`] or [`Normalizer::builder`].
#[derive(Clone, Debug)]
pub struct Normalizer {
    lang: Lang,
    fold_case: bool,
    compatibility: bool,
    fold_homoglyphs: bool,
    repair_mojibake: bool,
    /// Apostrophes and dashes made one (`data/normalize/punctuation.tsv`); the linker reads
    /// them itself (a dash between words is not a hyphen in a name).
    punctuation: bool,
}

/// Builds a [`Normalizer`]. A builder can build again and again.
#[derive(Clone, Debug)]
pub struct NormalizerBuilder {
    fold_case: bool,
    compatibility: bool,
    fold_homoglyphs: bool,
    repair_mojibake: bool,
}

impl Default for NormalizerBuilder {
    fn default() -> Self {
        NormalizerBuilder {
            fold_case: true,
            compatibility: true,
            fold_homoglyphs: true,
            repair_mojibake: false,
        }
    }
}

impl NormalizerBuilder {
    /// Lower-case with the language's rules. Default: `true`.
    ///
    /// ```
    /// use namelink::{lang::Lang, normalize::Normalizer};
    /// let n = Normalizer::builder().fold_case(false).build(Lang::Tr);
    /// assert_eq!(n.normalize("İstanbul").text, "İstanbul");
    /// ```
    pub fn fold_case(&mut self, yes: bool) -> &mut NormalizerBuilder {
        self.fold_case = yes;
        self
    }

    /// NFKC (fold compatibility characters such as full-width letters and ligatures) instead
    /// of NFC. Default: `true`.
    ///
    /// ```
    /// use namelink::{lang::Lang, normalize::Normalizer};
    /// assert_eq!(Normalizer::new(Lang::En).normalize("Ａｌｉ").text, "ali");
    /// let nfc = Normalizer::builder().compatibility(false).build(Lang::En);
    /// assert_eq!(nfc.normalize("Ａｌｉ").text, "ａｌｉ");
    /// ```
    pub fn compatibility(&mut self, yes: bool) -> &mut NormalizerBuilder {
        self.compatibility = yes;
        self
    }

    /// Fold Latin/Cyrillic look-alikes inside mixed-script tokens. Default: `true`.
    ///
    /// ```
    /// use namelink::{lang::Lang, normalize::Normalizer};
    /// let keep = Normalizer::builder().fold_homoglyphs(false).build(Lang::Az);
    /// assert_eq!(keep.normalize("Аliyev").text, "аliyev");
    /// ```
    pub fn fold_homoglyphs(&mut self, yes: bool) -> &mut NormalizerBuilder {
        self.fold_homoglyphs = yes;
        self
    }

    /// Repair Turkish/Azerbaijani text decoded with the wrong code page (`Ã¼ → ü`,
    /// `ý → ı`). Default: `false`, because `ý`, `þ`, `ð` are real letters elsewhere.
    ///
    /// ```
    /// use namelink::{lang::Lang, normalize::Normalizer};
    /// let fix = Normalizer::builder().repair_mojibake(true).build(Lang::Tr);
    /// assert_eq!(fix.normalize("Yanýk").text, "yanık");
    /// ```
    pub fn repair_mojibake(&mut self, yes: bool) -> &mut NormalizerBuilder {
        self.repair_mojibake = yes;
        self
    }

    /// A normalizer for `lang` ([`Lang::Auto`] detects the language of each text).
    pub fn build(&self, lang: Lang) -> Normalizer {
        Normalizer {
            lang,
            fold_case: self.fold_case,
            compatibility: self.compatibility,
            fold_homoglyphs: self.fold_homoglyphs,
            repair_mojibake: self.repair_mojibake,
            punctuation: true,
        }
    }
}

/// Normalizes `text` with the default settings for `lang`.
pub fn normalize(text: &str, lang: Lang) -> Normalized {
    Normalizer::new(lang).normalize(text)
}

impl Normalizer {
    /// The default normalizer for `lang`.
    pub fn new(lang: Lang) -> Normalizer {
        NormalizerBuilder::default().build(lang)
    }

    /// A builder with the defaults.
    pub fn builder() -> NormalizerBuilder {
        NormalizerBuilder::default()
    }

    /// The language this normalizer was built for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Normalizes `text` and splits it into tokens.
    pub fn normalize(&self, text: &str) -> Normalized {
        let lang = match self.lang {
            Lang::Auto => detect(text).lang.unwrap_or(Lang::En),
            l => l,
        };
        let (norm, pieces) = self.clean(text, lang.is_turkic());
        let mut tokens = tokenize(&norm, &pieces, text);
        if self.fold_homoglyphs {
            for (_, t) in tokens.iter_mut() {
                if !token_script(&t.text).1 {
                    continue;
                }
                let Some(target) = majority(&t.text) else {
                    t.mixed_script = true;
                    continue;
                };
                // From the letters as written where they are at hand: capitals that only
                // look alike as capitals (Cyrillic Н, М, В, Т in `SAНIL`), Greek Ν (N) and
                // ν (v); else from the lower-cased token.
                let original = text.get(t.span.start..t.span.end);
                if let Some(folded) = original.and_then(|o| fold_letters(o, target)) {
                    t.text = self.clean(&folded, lang.is_turkic()).0;
                }
                // (And what compatibility forms became: `𐞥` is `q`.)
                if let Some(folded) = fold_letters(&t.text, target) {
                    t.text = folded;
                }
                let (script, mixed) = token_script(&t.text);
                t.script = script;
                t.mixed_script = mixed;
            }
        }
        // Rebuild the text with the folded tokens.
        let mut out = String::with_capacity(norm.len());
        let mut at = 0;
        for (range, t) in &tokens {
            out.push_str(norm.get(at..range.start).unwrap_or(""));
            out.push_str(&t.text);
            at = range.end;
        }
        out.push_str(norm.get(at..).unwrap_or(""));
        Normalized {
            text: out,
            tokens: tokens.into_iter().map(|(_, t)| t).collect(),
            lang,
        }
    }

    /// Steps 1-5: the cleaned text and the map back to the original.
    fn clean(&self, text: &str, turkic: bool) -> (String, Vec<Piece>) {
        let mut out = String::with_capacity(text.len());
        let mut pieces = Vec::with_capacity(text.len() / 2);
        let mut group: Vec<char> = Vec::with_capacity(4);
        let mut folded = String::with_capacity(8);
        let mut i = 0;
        while let Some(c) = text.get(i..).and_then(|s| s.chars().next()) {
            let start = i;
            i += c.len_utf8();
            if self.repair_mojibake {
                if let Some((seq, fixed)) = mojibake_at(text.get(start..).unwrap_or("")) {
                    i = start + seq.len();
                    pieces.push(piece(out.len(), start, i));
                    for f in fixed.chars() {
                        self.push_folded(&mut out, f, turkic);
                    }
                    continue;
                }
            }
            if in_ranges(IGNORABLE, c) {
                continue;
            }
            if let Some(rep) = punctuation(c).filter(|_| self.punctuation) {
                pieces.push(piece(out.len(), start, i));
                out.push_str(rep);
                continue;
            }
            // Fast path: NFC/NFKC leave a lone ASCII character or common letter alone.
            if (c.is_ascii() || is_stable_letter(c))
                && !text
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(is_mark_or_ignorable)
            {
                pieces.push(piece(out.len(), start, i));
                self.push_folded(&mut out, c, turkic);
                continue;
            }
            group.clear();
            group.push(c);
            while let Some(n) = text.get(i..).and_then(|s| s.chars().next()) {
                if is_mark(n) {
                    group.push(n);
                } else if !in_ranges(IGNORABLE, n) {
                    break;
                }
                i += n.len_utf8();
            }
            pieces.push(piece(out.len(), start, i));
            let cyrillic = script_of(c) == Script::Cyrillic;
            folded.clear();
            let mut fold = |ch: char| {
                if cyrillic && matches!(ch, '\u{0300}' | '\u{0301}') {
                    return; // Russian stress accent
                }
                if ch == '\u{0307}'
                    && (folded.ends_with('i') || folded.ends_with('ı') || folded.ends_with('I'))
                {
                    // i̇ (a stray dot above): drop it; ı̇ and İ are i/İ in Turkic casing.
                    if folded.ends_with('ı') {
                        folded.pop();
                        folded.push('i');
                    } else if folded.ends_with('I') {
                        folded.pop();
                        folded.push(if self.fold_case { 'i' } else { 'İ' });
                    }
                    return;
                }
                match punctuation(ch).filter(|_| self.punctuation) {
                    // NFKC can make apostrophes and dashes (″ → ′′).
                    Some(rep) => folded.push_str(rep),
                    None => self.push_folded(&mut folded, ch, turkic),
                }
            };
            if self.compatibility {
                group.iter().copied().nfkc().for_each(&mut fold);
            } else {
                group.iter().copied().nfc().for_each(&mut fold);
            }
            // Case folding can leave a letter and its marks uncomposed (İ + ́ → i + ́).
            out.extend(folded.chars().nfc());
        }
        (out, pieces)
    }

    #[inline]
    fn push_folded(&self, out: &mut String, c: char, turkic: bool) {
        if self.fold_case {
            out.push(lower(c, turkic));
        } else {
            out.push(c);
        }
    }
}

/// Whether `c` is an invisible formatting character that the normalizer removes
/// (`data/normalize/ignorable.tsv`: Default_Ignorable_Code_Point and the bidi controls).
pub(crate) fn is_invisible(c: char) -> bool {
    in_ranges(IGNORABLE, c)
}

fn is_mark_or_ignorable(c: char) -> bool {
    is_mark(c) || in_ranges(IGNORABLE, c)
}

fn piece(norm: usize, start: usize, end: usize) -> Piece {
    Piece {
        norm,
        orig: Span { start, end },
    }
}

pub(crate) fn punctuation(c: char) -> Option<&'static str> {
    if c.is_ascii() && c != '`' {
        return None;
    }
    let mut buf = [0u8; 4];
    let key: &str = c.encode_utf8(&mut buf);
    PUNCTUATION
        .binary_search_by(|e| e.0.cmp(key))
        .ok()
        .and_then(|i| PUNCTUATION.get(i))
        .map(|e| e.1)
}

fn mojibake_at(s: &str) -> Option<(&'static str, &'static str)> {
    let c = s.chars().next()?;
    if c.is_ascii() {
        return None;
    }
    MOJIBAKE
        .iter()
        .filter(|(seq, _)| s.starts_with(seq))
        .max_by_key(|(seq, _)| seq.len())
        .copied()
}

/// Lower-cases `text` with the language's rules (Unicode SpecialCasing for `tr`/`az`:
/// `I → ı`, `İ → i`, `I + U+0307 → i`); for other languages `İ → i` with no stray dot
/// (where `str::to_lowercase` gives `i̇`).
/// Borrows when nothing changes.
///
/// ```
/// use namelink::{lang::Lang, normalize::lowercase};
/// assert_eq!(lowercase("DİYARBAKIR", Lang::Tr), "diyarbakır");
/// assert_eq!(lowercase("DİYARBAKIR", Lang::En), "diyarbakir");
/// assert_eq!(lowercase("CONSTANTINOPLE", Lang::Tr), "constantınople");
/// ```
pub fn lowercase(text: &str, lang: Lang) -> Cow<'_, str> {
    let turkic = lang.is_turkic();
    let unchanged = text.chars().all(|c| lower(c, turkic) == c);
    if unchanged {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // SpecialCasing: U+0307 after I (with no other above-mark between) is removed, and the
    // I becomes i: `I + U+0307` is canonically `İ`.
    let mut after_capital_i = false;
    for c in text.chars() {
        if c == '\u{0307}' && after_capital_i {
            after_capital_i = false;
            if out.ends_with('ı') {
                out.pop();
                out.push('i');
            }
            continue;
        }
        if c == 'I' {
            after_capital_i = true;
        } else if !is_mark(c) || unicode_normalization::char::canonical_combining_class(c) == 230 {
            after_capital_i = false;
        }
        out.push(lower(c, turkic));
    }
    Cow::Owned(out)
}

/// Upper-cases `text` with the language's rules (`tr`/`az`: `i → İ`, `ı → I`).
///
/// ```
/// use namelink::{lang::Lang, normalize::uppercase};
/// assert_eq!(uppercase("istanbul", Lang::Tr), "İSTANBUL");
/// assert_eq!(uppercase("istanbul", Lang::En), "ISTANBUL");
/// assert_eq!(uppercase("ığdır", Lang::Az), "IĞDIR");
/// ```
pub fn uppercase(text: &str, lang: Lang) -> Cow<'_, str> {
    let turkic = lang.is_turkic();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_upper(&mut out, c, turkic);
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::token::TokenKind;

    fn words(text: &str, lang: Lang) -> Vec<String> {
        normalize(text, lang)
            .tokens
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn invisible_characters_go() {
        let n = normalize(
            "Sa\u{200B}hil Ba\u{00AD}ba\u{200D}yev\u{FEFF} \u{200E}Ə",
            Lang::Az,
        );
        assert_eq!(n.text, "sahil babayev ə");
        assert_eq!(words("Sa\u{200B}hil", Lang::Az), ["sahil"]);
    }

    #[test]
    fn stray_dots_and_stress_marks() {
        // Wikidata lower-cases İ to i + U+0307.
        assert_eq!(normalize("i\u{0307}radə", Lang::Az).text, "iradə");
        assert_eq!(normalize("i\u{0307}radə", Lang::En).text, "iradə");
        assert_eq!(normalize("Смирно\u{0301}в", Lang::Ru).text, "смирнов");
        // Latin marks stay: they are letters in az/tr.
        assert_eq!(normalize("S\u{0327}ahin", Lang::Tr).text, "şahin");
    }

    #[test]
    fn apostrophes_and_dashes() {
        assert_eq!(normalize("Erdoğan’ın", Lang::Tr).text, "erdoğan'ın");
        assert_eq!(normalize("Erdoğanʼın", Lang::Tr).text, "erdoğan'ın");
        let n = normalize("Baku–Tbilisi–Ceyhan", Lang::En);
        assert_eq!(n.text, "baku-tbilisi-ceyhan");
        let joined: Vec<bool> = n.tokens.iter().map(|t| t.joined).collect();
        assert_eq!(joined, [false, true, true]);
    }

    #[test]
    fn initials() {
        let n = normalize("А. Алиев", Lang::Ru);
        assert_eq!(n.tokens[0].kind, TokenKind::Initial);
        assert_eq!(n.tokens[0].text, "а");
        assert_eq!(n.tokens[1].kind, TokenKind::Word);
        let n = normalize("D.Yanık", Lang::Az);
        assert_eq!(n.tokens[0].kind, TokenKind::Initial);
        assert_eq!(n.tokens[1].text, "yanık");
        // A lower-case one-letter word is not an initial.
        let n = normalize("o da", Lang::Tr);
        assert_eq!(n.tokens[0].kind, TokenKind::Word);
    }

    #[test]
    fn titles() {
        let n = normalize("Bakan Göktaş", Lang::Tr);
        assert_eq!(n.tokens[0].kind, TokenKind::Title);
        let n = normalize("г-н Алиев", Lang::Ru);
        assert_eq!(n.tokens[0].kind, TokenKind::Title);
        assert_eq!(n.tokens[1].kind, TokenKind::Title);
        assert_eq!(n.tokens[2].kind, TokenKind::Word);
        assert_eq!(
            normalize("Minister Sahil", Lang::En).tokens[0].kind,
            TokenKind::Title
        );
    }

    #[test]
    fn homoglyphs_fold_into_the_majority_script() {
        assert_eq!(words("Аliyev", Lang::Az), ["aliyev"]); // Cyrillic А
        assert_eq!(words("Бaбaев", Lang::Ru), ["бабаев"]); // Latin a
        assert_eq!(words("Əliyеv", Lang::Az), ["əliyev"]); // Cyrillic е
        // Separate words in different scripts are left alone.
        assert_eq!(words("Aliyev Алиев", Lang::Az), ["aliyev", "алиев"]);
    }

    #[test]
    fn capitals_that_look_alike_only_as_capitals_fold_too() {
        // Folded before lower-casing: Cyrillic Н, М, В, Т, К in Latin words ...
        assert_eq!(words("SAНIL BABAYEV", Lang::Auto), ["sahil", "babayev"]);
        assert_eq!(words("Нikmət Hacıуev", Lang::Az), ["hikmət", "hacıyev"]);
        assert_eq!(words("Мikhail", Lang::Auto), ["mikhail"]);
        assert_eq!(words("МEНМEТ", Lang::Auto), ["mehmet"]);
        // ... and Latin H, M, B, T, K, P, C in Cyrillic words.
        assert_eq!(words("Hoвpyз Haбиeв", Lang::Auto), ["новруз", "набиев"]);
    }

    #[test]
    fn greek_and_mathematical_look_alikes_fold() {
        assert_eq!(words("Sahil Βabayev", Lang::Auto), ["sahil", "babayev"]); // Greek Β
        assert_eq!(words("Ιlham Aliyev", Lang::Auto), ["ilham", "aliyev"]); // Greek Ι
        assert_eq!(words("Sαhil Bαbαyev", Lang::Auto), ["sahil", "babayev"]); // Greek α
        assert_eq!(words("ΝATO", Lang::Auto), ["nato"]); // capital Ν is N, small ν is v
        // Mathematical bold letters are their letters (NFKC).
        assert_eq!(words("𝐒𝐚𝐡𝐢𝐥 𝐁𝐚𝐛𝐚𝐲𝐞𝐯", Lang::Auto), ["sahil", "babayev"]);
        // A Greek word is left Greek.
        assert_eq!(words("Αθήνα", Lang::Auto), ["αθήνα"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Ａｌｉ  Şİ\u{200B}ŞLİ, Смирно\u{0301}в";
        let n = normalize(text, Lang::Tr);
        let orig: Vec<&str> = n.tokens.iter().map(|t| &text[t.span.range()]).collect();
        assert_eq!(orig, ["Ａｌｉ", "Şİ\u{200B}ŞLİ", "Смирно\u{0301}в"]);
        assert_eq!(n.tokens[1].text, "şişli");
    }

    #[test]
    fn text_for_linking_keeps_case_and_maps_back() {
        // Plain news text is read as it is.
        let plain = "Nazir Sahil Babayev “DOST” mərkəzində — Сахил Бабаев.";
        let t = for_linking(plain, Lang::Az);
        assert_eq!(t.read(), plain);
        assert_eq!(t.original(6, 11), Some("Sahil"));
        // Disguises are read as resolve reads them, with the case kept.
        let text = "Nazir Ｓａｈｉｌ Ѕahil Bab\u{AD}ayev Sαhil, SAНIL.";
        let t = for_linking(text, Lang::Az);
        assert_eq!(t.read(), "Nazir Sahil Sahil Babayev Sahil, SAHIL.");
        let words: Vec<&str> = ["Sahil", "Babayev", "SAHIL"]
            .iter()
            .filter_map(|w| {
                let at = t.read().rfind(w)?;
                t.original(at, at + w.len())
            })
            .collect();
        assert_eq!(words, ["Sαhil", "Bab\u{AD}ayev", "SAНIL"]);
        assert_eq!(t.original(6, 11), Some("Ｓａｈｉｌ"));
    }

    #[test]
    fn mojibake_repair_is_opt_in() {
        let fix = Normalizer::builder().repair_mojibake(true).build(Lang::Az);
        assert_eq!(fix.normalize("Ã‡alÄ±ÅŸma BakanÄ±").text, "çalışma bakanı");
        assert_eq!(fix.normalize("MÉ™mmÉ™dov").text, "məmmədov");
        assert_eq!(normalize("Ã§", Lang::Tr).text, "ã§");
    }

    #[test]
    fn auto_detects_turkic_casing() {
        let n = normalize("IĞDIR", Lang::Auto);
        assert_eq!(n.lang, Lang::Tr);
        assert_eq!(n.text, "ığdır");
    }
}
