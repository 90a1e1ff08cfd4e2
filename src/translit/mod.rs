//! Transliteration between Azerbaijani (Latin and Cyrillic), Turkish, Russian (Cyrillic and its
//! romanization standards) and English, driven by the rule tables in `data/translit/`.
//!
//! # How a table is applied
//!
//! A table is a list of rules `key → replacement`, each with an optional condition on the
//! letter before the key (`^` = word start) and the letter after it (`$` = word end). At each
//! position the engine takes the **longest** key that matches, and among keys of one length the
//! **first row in the file** whose conditions hold. Keys and conditions are lower-case and
//! compared with the lower-cased text (Turkic casing for az/tr sources). A character that no
//! rule covers is copied unchanged, so nothing is dropped.
//!
//! Case is carried over: a replacement for an upper-case letter is capitalized (`Щ → Shch`),
//! and the whole replacement is upper-cased inside an all-capitals word (`ЩИТ → SHCHIT`), with
//! Turkic upper-casing for az/tr targets (`Ильхам → İlxam`).
//!
//! Conversions with no table of their own go through Azerbaijani Latin (`az-Cyrl → ru` is
//! `az-Cyrl → az → ru`), and `ru → en` uses the `wikipedia` standard.
//!
//! Cost: O(n · k) for n characters and k rules per letter (k is 1 for most letters, at most a
//! dozen); the input is NFC-normalized first when it is not already.
//!
//! # Examples
//!
//! ```
//! use namelink::lang::Tag;
//! use namelink::translit::{transliterate, Transliterator};
//!
//! assert_eq!(transliterate("Sahil Babayev", Tag::AZ, Tag::RU)?, "Сахил Бабаев");
//! assert_eq!(transliterate("Мария Захарова", Tag::RU, Tag::AZ)?, "Mariya Zaxarova");
//! assert_eq!(transliterate("Xəlilov", Tag::AZ, Tag::EN)?, "Khalilov");
//! assert_eq!(transliterate("Азәрбајҹан", Tag::AZ_CYRL, Tag::AZ)?, "Azərbaycan");
//!
//! let icao = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "icao-9303")?;
//! assert_eq!(icao.transliterate("Юлия Щеглова"), "Iuliia Shcheglova");
//! let wiki = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "wikipedia")?;
//! assert_eq!(wiki.transliterate("Юлия Щеглова"), "Yuliya Shcheglova");
//! # Ok::<(), namelink::Error>(())
//! ```

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::error::Error;
use crate::lang::{Tag, detect};
use crate::tables::{TABLES, Table};

mod engine;

pub(crate) use engine::{Compiled, apply, apply_traced};
use engine::{apply_checked, needs};

/// One conversion table: a named standard or convention for one pair of tags.
///
/// ```
/// use namelink::lang::Tag;
/// use namelink::translit::Standard;
///
/// let s = Standard::find(Tag::RU, Tag::RU_LATN, "gost-7.79-a").unwrap();
/// assert_eq!(s.name(), "GOST 7.79-2000 system A");
/// assert!(Standard::all().count() > 30);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Standard {
    table: &'static Table,
}

impl Standard {
    /// Every table namelink has, in a stable order.
    pub fn all() -> impl Iterator<Item = Standard> {
        TABLES.iter().map(|table| Standard { table })
    }

    /// The table with this `id` for `from → to`.
    pub fn find(from: Tag, to: Tag, id: &str) -> Option<Standard> {
        Standard::all().find(|s| {
            s.table.from == from.as_str() && s.table.to == to.as_str() && s.table.id == id
        })
    }

    /// Short identifier (`icao-9303`, `press`, `official` …), unique per pair of tags.
    pub fn id(&self) -> &'static str {
        self.table.id
    }

    /// Human-readable name.
    pub fn name(&self) -> &'static str {
        self.table.name
    }

    /// One-line description.
    pub fn description(&self) -> &'static str {
        self.table.description
    }

    /// Source tag.
    pub fn from(&self) -> Tag {
        parse_static_tag(self.table.from)
    }

    /// Target tag.
    pub fn to(&self) -> Tag {
        parse_static_tag(self.table.to)
    }

    /// The file in `data/translit/` the table was compiled from.
    pub fn source(&self) -> &'static str {
        self.table.source
    }

    fn pair(from: Tag, to: Tag) -> impl Iterator<Item = Standard> {
        Standard::all().filter(move |s| s.table.from == from.as_str() && s.table.to == to.as_str())
    }
}

/// Tags in the generated tables are checked by a test (`every_table_tag_parses`).
fn parse_static_tag(s: &str) -> Tag {
    s.parse().unwrap_or(Tag::AUTO)
}

/// Where a pair has several tables and none is named, this one is used.
const DEFAULT_STANDARDS: &[(Tag, Tag, &str)] = &[(Tag::RU, Tag::RU_LATN, "icao-9303")];

/// Pairs served by another pair's table: `(from, to) → (from, via_to, standard)`.
const ALIASES: &[(Tag, Tag, Tag, &str)] = &[(Tag::RU, Tag::EN, Tag::RU_LATN, "wikipedia")];

/// The pivot for conversions without a table of their own.
const PIVOT: Tag = Tag::AZ;

/// A prepared conversion from one tag to another.
///
/// Build it once and reuse it: [`Transliterator::transliterate`] does no table lookups by name.
#[derive(Clone, Debug)]
pub struct Transliterator {
    from: Tag,
    to: Tag,
    standard: Option<&'static str>,
    /// For a fixed source: one route. For `Tag::AUTO`: one route per detectable source.
    routes: Vec<(Tag, Vec<Compiled>)>,
}

impl Transliterator {
    /// The conversion `from → to` with its default standard.
    ///
    /// # Errors
    ///
    /// [`Error::NoConversion`] when namelink has no table (or chain of two) for the pair.
    pub fn new(from: Tag, to: Tag) -> Result<Transliterator, Error> {
        Transliterator::build(from, to, None)
    }

    /// The conversion `from → to` under a named standard (see [`Standard::all`]).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownStandard`] (listing the valid ones) or [`Error::NoConversion`].
    ///
    /// ```
    /// use namelink::lang::Tag;
    /// use namelink::translit::Transliterator;
    /// let t = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "gost-7.79-a")?;
    /// assert_eq!(t.transliterate("Щёлково"), "Ŝëlkovo");
    /// let back = Transliterator::with_standard(Tag::RU_LATN, Tag::RU, "gost-7.79-a")?;
    /// assert_eq!(back.transliterate("Ŝëlkovo"), "Щёлково");
    /// assert!(Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "nope").is_err());
    /// # Ok::<(), namelink::Error>(())
    /// ```
    pub fn with_standard(from: Tag, to: Tag, standard: &str) -> Result<Transliterator, Error> {
        Transliterator::build(from, to, Some(standard))
    }

    fn build(from: Tag, to: Tag, standard: Option<&str>) -> Result<Transliterator, Error> {
        if to == Tag::AUTO {
            return Err(Error::NoConversion {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let mut routes = Vec::new();
        let mut chosen = None;
        if from == Tag::AUTO {
            for src in [Tag::AZ, Tag::AZ_CYRL, Tag::TR, Tag::RU, Tag::EN] {
                if let Ok((route, id)) = route(src, to, standard) {
                    chosen = chosen.or(id);
                    routes.push((src, route.into_iter().map(Compiled::new).collect()));
                }
            }
            if let Some(s) = standard {
                if chosen.is_none() {
                    return Err(unknown_standard(s, from, to));
                }
            }
        } else {
            let (r, id) = route(from, to, standard)?;
            chosen = id;
            routes.push((from, r.into_iter().map(Compiled::new).collect()));
        }
        Ok(Transliterator {
            from,
            to,
            standard: chosen,
            routes,
        })
    }

    /// Source tag ([`Tag::AUTO`] when detecting).
    pub fn from(&self) -> Tag {
        self.from
    }

    /// Target tag.
    pub fn to(&self) -> Tag {
        self.to
    }

    /// The id of the standard in use, where the route has a choice of one.
    pub fn standard(&self) -> Option<&'static str> {
        self.standard
    }

    /// The language `text` is read as: the source given, or with [`Tag::AUTO`] the one
    /// detected ([`detect`]; [`Tag::AUTO`] when `text` has no letter to tell by).
    ///
    /// A Latin name going to another language, detected as English only for want of az/tr
    /// letters, is read as Azerbaijani unless it shows English spelling (`w`, `j`, `th`, `sh`, `ch`,
    /// `ph`, `gh`, `ck`, `oo`, `ee`, `ea`, `ou`, `tion`, or `c` before e/i/y): `Sahil Babayev`
    /// becomes Сахил Бабаев, `Patricia Bradshaw` Патриша Брэдшо.
    ///
    /// ```
    /// use namelink::lang::Tag;
    /// use namelink::translit::Transliterator;
    /// let t = Transliterator::new(Tag::AUTO, Tag::RU)?;
    /// assert_eq!(t.source_of("Sahil Babayev"), Tag::AZ);
    /// assert_eq!(t.transliterate("Sahil Babayev"), "Сахил Бабаев");
    /// assert_eq!(t.source_of("Patricia Bradshaw"), Tag::EN);
    /// assert_eq!(t.source_of("Derya Yanık"), Tag::TR);
    /// # Ok::<(), namelink::Error>(())
    /// ```
    pub fn source_of(&self, text: &str) -> Tag {
        if self.from != Tag::AUTO {
            return self.from;
        }
        let Some(tag) = detect(text).tag() else {
            return Tag::AUTO;
        };
        let az_route = self.to == Tag::AZ || self.routes.iter().any(|r| r.0 == Tag::AZ);
        if tag == Tag::EN && self.to != Tag::EN && az_route && !reads_as_english(text) {
            return Tag::AZ;
        }
        tag
    }

    /// As [`Transliterator::transliterate`], but an error where `text`'s language has no
    /// route to the target: never the input passed off as converted.
    ///
    /// # Errors
    ///
    /// [`Error::NoConversion`] naming the language detected (or given).
    ///
    /// ```
    /// use namelink::lang::Tag;
    /// use namelink::translit::Transliterator;
    /// let t = Transliterator::new(Tag::AUTO, Tag::AZ)?;
    /// assert_eq!(t.try_transliterate("Сахил Бабаев")?, "Saxil Babayev"); // х is x in az
    /// assert_eq!(t.try_transliterate("Sahil Babayev")?, "Sahil Babayev"); // already az
    /// # Ok::<(), namelink::Error>(())
    /// ```
    pub fn try_transliterate<'a>(&self, text: &'a str) -> Result<Cow<'a, str>, Error> {
        if self.route_for(text).is_some() {
            return Ok(self.transliterate(text));
        }
        let source = self.source_of(text);
        if source == Tag::AUTO || source == self.to {
            // Nothing to convert: no letters, or already in the target.
            return Ok(Cow::Borrowed(text));
        }
        Err(Error::NoConversion {
            from: source.to_string(),
            to: self.to.to_string(),
        })
    }

    /// Transliterates `text`. Borrows when nothing changes.
    ///
    /// With [`Tag::AUTO`] as source, the language of the whole `text` is detected
    /// ([`Transliterator::source_of`]); text in a language with no route to the target is
    /// returned unchanged ([`Transliterator::try_transliterate`] says so instead).
    pub fn transliterate<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let Some(tables) = self.route_for(text) else {
            return Cow::Borrowed(text);
        };
        let mut current = nfc(text);
        for table in tables {
            if !needs(table, &current) {
                continue;
            }
            let mut out = String::with_capacity(current.len() + current.len() / 2);
            apply(table, &current, &mut out);
            current = Cow::Owned(out);
        }
        current
    }

    /// Transliterates `text`, appending to `out` (which is not cleared): lets a caller reuse
    /// one buffer across many names.
    pub fn transliterate_into(&self, text: &str, out: &mut String) {
        match self.route_for(text) {
            Some([table]) => {
                // Most names are NFC already: convert first, and only when a character that
                // may not be (a mark, a letter outside Latin and Cyrillic) turned up, again
                // from the NFC form.
                let at = out.len();
                if !apply_checked(table, text, out) {
                    if let Cow::Owned(composed) = nfc(text) {
                        out.truncate(at);
                        apply(table, &composed, out);
                    }
                }
            }
            _ => out.push_str(&self.transliterate(text)),
        }
    }

    fn route_for(&self, text: &str) -> Option<&[Compiled]> {
        if self.from != Tag::AUTO {
            return self.routes.first().map(|r| r.1.as_slice());
        }
        let tag = self.source_of(text);
        self.routes
            .iter()
            .find(|r| r.0 == tag)
            .map(|r| r.1.as_slice())
    }
}

/// Whether Latin `text` shows English spelling (see [`Transliterator::source_of`]).
fn reads_as_english(text: &str) -> bool {
    let lower = text.to_lowercase();
    const CLUES: [&str; 13] = [
        "w", "j", "th", "sh", "ch", "ph", "gh", "ck", "oo", "ee", "ea", "ou", "tion",
    ];
    CLUES.iter().any(|c| lower.contains(c))
        || lower
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'c' && matches!(w[1], b'e' | b'i' | b'y'))
}

/// `text` in NFC; borrowed when it already is (checked on the bytes for Latin and Cyrillic).
fn nfc(text: &str) -> Cow<'_, str> {
    if is_simple_nfc(text.as_bytes()) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// True when every character is below U+0300 or a Cyrillic letter U+0400..U+04FF other than
/// the combining marks U+0483..U+0489: such text is always NFC.
fn is_simple_nfc(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x00..=0x7F => i += 1,
            0xC2..=0xCB | 0xD0 | 0xD1 | 0xD3 => i += 2,
            0xD2 if !matches!(bytes.get(i + 1), Some(0x83..=0x89)) => i += 2,
            _ => return false,
        }
    }
    true
}

fn unknown_standard(standard: &str, from: Tag, to: Tag) -> Error {
    let mut valid: Vec<&str> = Standard::pair(from, to).map(|s| s.id()).collect();
    if from == Tag::AUTO || valid.is_empty() {
        valid = Standard::all()
            .filter(|s| s.to() == to)
            .map(|s| s.id())
            .collect();
    }
    valid.dedup();
    Error::UnknownStandard {
        standard: standard.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        valid: valid.join(", "),
    }
}

/// One table for the pair, honouring a requested standard and the defaults.
fn direct(from: Tag, to: Tag, standard: Option<&str>) -> Result<Option<&'static Table>, Error> {
    let mut pair = Standard::pair(from, to).peekable();
    if pair.peek().is_none() {
        return Ok(None);
    }
    let want = standard.or_else(|| {
        DEFAULT_STANDARDS
            .iter()
            .find(|d| d.0 == from && d.1 == to)
            .map(|d| d.2)
    });
    match want {
        Some(id) => match pair.find(|s| s.id() == id) {
            Some(s) => Ok(Some(s.table)),
            None => Err(unknown_standard(id, from, to)),
        },
        None => Ok(pair.next().map(|s| s.table)),
    }
}

type Route = (Vec<&'static Table>, Option<&'static str>);

fn route(from: Tag, to: Tag, standard: Option<&str>) -> Result<Route, Error> {
    if from.lang == to.lang && from.script == to.script {
        return Ok((Vec::new(), None));
    }
    if let Some(a) = ALIASES.iter().find(|a| a.0 == from && a.1 == to) {
        return route(a.0, a.2, Some(standard.unwrap_or(a.3)));
    }
    if let Some(t) = direct(from, to, standard)? {
        return Ok((vec![t], Some(t.id)));
    }
    // Through Azerbaijani, else through Russian (English names reach Azerbaijani and
    // Turkish through their Russian transcription).
    for via in [PIVOT, Tag::RU] {
        if from == via || to == via || (via == Tag::RU && from != Tag::EN) {
            continue;
        }
        // Ask for the standard on whichever step has a choice.
        let first = direct(from, via, None)?;
        let second = direct(via, to, None)?;
        if let (Some(a), Some(b)) = (first, second) {
            if let Some(s) = standard {
                if a.id != s && b.id != s {
                    return Err(unknown_standard(s, from, to));
                }
            }
            return Ok((vec![a, b], None));
        }
    }
    Err(Error::NoConversion {
        from: from.to_string(),
        to: to.to_string(),
    })
}

/// Transliterates with the default standard for the pair.
///
/// # Errors
///
/// [`Error::NoConversion`] when there is no route between the tags.
///
/// ```
/// use namelink::lang::Tag;
/// use namelink::translit::transliterate;
/// assert_eq!(transliterate("Recep Tayyip Erdoğan", Tag::TR, Tag::RU)?, "Реджеп Тайип Эрдоган");
/// assert_eq!(transliterate("Михаил Мишустин", Tag::RU, Tag::TR)?, "Mihail Mişustin");
/// assert_eq!(transliterate("Сахил Бабаев", Tag::RU, Tag::RU_LATN)?, "Sakhil Babaev");
/// # Ok::<(), namelink::Error>(())
/// ```
pub fn transliterate(text: &str, from: Tag, to: Tag) -> Result<Cow<'_, str>, Error> {
    Ok(Transliterator::new(from, to)?.transliterate(text))
}

/// One entry of [`conversions`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Conversion {
    /// Source tag.
    pub from: Tag,
    /// Target tag.
    pub to: Tag,
    /// The standard's id.
    pub standard: &'static str,
    /// Whether this is the pair's default.
    pub default: bool,
    /// One line on what it does.
    pub description: String,
}

/// Every supported `(from, to, standard)`, direct tables first, then aliases and chains.
pub fn conversions() -> Vec<Conversion> {
    let mut out: Vec<Conversion> = Vec::new();
    for s in Standard::all() {
        let (from, to) = (s.from(), s.to());
        let default = match direct(from, to, None) {
            Ok(Some(t)) => t.id == s.id(),
            _ => false,
        };
        out.push(Conversion {
            from,
            to,
            standard: s.id(),
            default,
            description: format!("{}: {}", s.name(), s.description()),
        });
    }
    for a in ALIASES {
        out.push(Conversion {
            from: a.0,
            to: a.1,
            standard: a.3,
            default: true,
            description: format!("the {} standard of {} -> {}", a.3, a.0, a.2),
        });
    }
    let tags = [Tag::AZ, Tag::AZ_CYRL, Tag::TR, Tag::RU, Tag::EN];
    for from in tags {
        for to in tags {
            if from == to || out.iter().any(|c| c.from == from && c.to == to) {
                continue;
            }
            if let Ok((tables, _)) = route(from, to, None) {
                let [first, second] = tables.as_slice() else {
                    continue;
                };
                let via = first.to;
                out.push(Conversion {
                    from,
                    to,
                    standard: if via == "ru" { "via-ru" } else { "via-az" },
                    default: true,
                    description: format!("{from} -> {via} -> {to} ({} + {})", first.id, second.id),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, from: Tag, to: Tag) -> String {
        match transliterate(text, from, to) {
            Ok(s) => s.into_owned(),
            Err(e) => format!("ERROR {e}"),
        }
    }

    fn std(text: &str, id: &str) -> String {
        match Transliterator::with_standard(Tag::RU, Tag::RU_LATN, id) {
            Ok(tr) => tr.transliterate(text).into_owned(),
            Err(e) => format!("ERROR {e}"),
        }
    }

    #[test]
    fn every_table_tag_parses() {
        for s in Standard::all() {
            assert_ne!(s.from(), Tag::AUTO, "{}", s.source());
            assert_ne!(s.to(), Tag::AUTO, "{}", s.source());
        }
    }

    #[test]
    fn developers_brief_names_to_russian() {
        assert_eq!(t("Sahil Babayev", Tag::AZ, Tag::RU), "Сахил Бабаев");
        assert_eq!(t("Anar Əliyev", Tag::AZ, Tag::RU), "Анар Алиев");
        assert_eq!(t("Derya Yanık", Tag::TR, Tag::RU), "Дерья Янык");
        assert_eq!(
            t("Mahinur Özdemir Göktaş", Tag::TR, Tag::RU),
            "Махинур Оздемир Гёкташ"
        );
        assert_eq!(
            t("Recep Tayyip Erdoğan", Tag::TR, Tag::RU),
            "Реджеп Тайип Эрдоган"
        );
        assert_eq!(t("İlham Əliyev", Tag::AZ, Tag::RU), "Ильхам Алиев");
        assert_eq!(t("Ceyhun Bayramov", Tag::AZ, Tag::RU), "Джейхун Байрамов");
        assert_eq!(t("Həsənov", Tag::AZ, Tag::RU), "Гасанов");
    }

    #[test]
    fn russian_names_to_azerbaijani_and_turkish() {
        assert_eq!(t("Михаил Мишустин", Tag::RU, Tag::AZ), "Mixail Mişustin");
        assert_eq!(t("Михаил Мишустин", Tag::RU, Tag::TR), "Mihail Mişustin");
        assert_eq!(t("Мария Захарова", Tag::RU, Tag::AZ), "Mariya Zaxarova");
        assert_eq!(t("Мария Захарова", Tag::RU, Tag::TR), "Mariya Zaharova");
        assert_eq!(t("Ильхам Алиев", Tag::RU, Tag::AZ), "İlxam Aliyev");
        assert_eq!(t("ИЛЬИН", Tag::RU, Tag::TR), "İLİN");
        assert_eq!(t("Дмитрий", Tag::RU, Tag::AZ), "Dmitri");
    }

    #[test]
    fn to_english() {
        assert_eq!(t("Dərya Yanık", Tag::AZ, Tag::EN), "Derya Yanik");
        assert_eq!(t("Məmmədov", Tag::AZ, Tag::EN), "Mammadov");
        assert_eq!(t("Cəfərov", Tag::AZ, Tag::EN), "Jafarov");
        assert_eq!(t("Xəlilov", Tag::AZ, Tag::EN), "Khalilov");
        assert_eq!(t("İsmayılov", Tag::AZ, Tag::EN), "Ismayilov");
        assert_eq!(t("Erdoğan", Tag::TR, Tag::EN), "Erdogan");
        assert_eq!(t("İSTANBUL IĞDIR", Tag::TR, Tag::EN), "ISTANBUL IGDIR");
        assert_eq!(t("Сахил Бабаев", Tag::RU, Tag::EN), "Sakhil Babayev");
    }

    #[test]
    fn azerbaijani_cyrillic_both_ways() {
        assert_eq!(
            t("Азәрбајҹан Республикасы", Tag::AZ_CYRL, Tag::AZ),
            "Azərbaycan Respublikası"
        );
        assert_eq!(
            t("Azərbaycan Respublikası", Tag::AZ, Tag::AZ_CYRL),
            "Азәрбајҹан Республикасы"
        );
        assert_eq!(t("İLHAM ƏLİYEV", Tag::AZ, Tag::AZ_CYRL), "ИЛҺАМ ӘЛИЈЕВ");
        assert_eq!(t("ИЛҺАМ ӘЛИЈЕВ", Tag::AZ_CYRL, Tag::AZ), "İLHAM ƏLİYEV");
        // 1939 alphabet letters are read too (interscript az-aze-Cyrl-Latn-1939 test: Юя -> Yuya).
        assert_eq!(t("Юя", Tag::AZ_CYRL, Tag::AZ), "Yuya");
    }

    #[test]
    fn chains_through_azerbaijani_latin() {
        assert_eq!(t("Һејдәр Әлијев", Tag::AZ_CYRL, Tag::RU), "Гейдар Алиев");
        assert_eq!(t("Һејдәр Әлијев", Tag::AZ_CYRL, Tag::EN), "Heydar Aliyev");
    }

    #[test]
    fn context_rules() {
        // Wikipedia: е is ye at word start and after vowels and signs; -ий is -y.
        assert_eq!(std("Елена Васильева", "wikipedia"), "Yelena Vasilyeva");
        assert_eq!(std("Великий", "wikipedia"), "Veliky");
        assert_eq!(std("Ий", "wikipedia"), "Iy");
        // All-capitals words stay in capitals.
        assert_eq!(std("ЩЕГЛОВА", "icao-9303"), "SHCHEGLOVA");
        assert_eq!(std("Щеглова", "icao-9303"), "Shcheglova");
    }

    #[test]
    fn unknown_characters_pass_through() {
        assert_eq!(
            std("Путин 2024 — 中文 ok", "icao-9303"),
            "Putin 2024 — 中文 ok"
        );
        assert!(matches!(
            transliterate("abc", Tag::RU, Tag::RU),
            Ok(Cow::Borrowed("abc"))
        ));
        let tr = Transliterator::new(Tag::RU, Tag::RU_LATN);
        assert!(matches!(
            tr.map(|t| t.transliterate("John")),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn decomposed_input_is_composed_first() {
        // й written as и + U+0306 COMBINING BREVE
        assert_eq!(std("Андре\u{0438}\u{0306}", "icao-9303"), "Andrei");
        // The same through a reused buffer, which converts first and checks NFC on the way.
        let icao = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "icao-9303");
        let mut out = String::from("x ");
        if let Ok(t) = icao {
            t.transliterate_into("Андре\u{0438}\u{0306}", &mut out);
        }
        assert_eq!(out, "x Andrei");
    }

    #[test]
    fn auto_source() {
        let tr = Transliterator::new(Tag::AUTO, Tag::RU);
        let Ok(tr) = tr else { panic!("auto to ru") };
        assert_eq!(tr.transliterate("Sahil Babayevlə"), "Сахил Бабаевла");
        assert_eq!(tr.transliterate("Erdoğan"), "Эрдоган");
        assert_eq!(tr.transliterate("Алиев"), "Алиев");
    }

    #[test]
    fn errors_name_the_valid_values() {
        let e = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "iso-1234").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("icao-9303") && msg.contains("wikipedia"),
            "{msg}"
        );
        assert!(matches!(
            Transliterator::new(Tag::AZ, Tag::TR),
            Err(Error::NoConversion { .. })
        ));
    }

    #[test]
    fn every_listed_conversion_builds() {
        let list = conversions();
        assert!(list.len() > 35);
        for c in list {
            let t = if c.standard.starts_with("via-") {
                Transliterator::new(c.from, c.to)
            } else {
                Transliterator::with_standard(c.from, c.to, c.standard)
            };
            assert!(t.is_ok(), "{} -> {} {}", c.from, c.to, c.standard);
        }
    }
}
