//! Script and language detection, and the language tags every other stage takes.
//!
//! Detection is a cheap look at letters, not a language model: it answers "which alphabet" per
//! character and token, and gives a *hint* for Latin text (Azerbaijani letters `ə q x`, Turkish
//! letters `ğ ı ş İ` without them, otherwise English/unknown) and for Cyrillic text
//! (Azerbaijani letters `ә ғ ҝ һ ј ө ү ҹ`, otherwise Russian). Cost: one pass, O(n).
//!
//! # Examples
//!
//! ```
//! use namelink::lang::{detect, script_of, Lang, Script};
//!
//! assert_eq!(script_of('ə'), Script::Latin);
//! assert_eq!(script_of('ә'), Script::Cyrillic);
//! assert_eq!(detect("Dərya Yanık").lang, Some(Lang::Az));
//! assert_eq!(detect("Derya Yanık").lang, Some(Lang::Tr));
//! assert_eq!(detect("Сахил Бабаев").lang, Some(Lang::Ru));
//! assert_eq!(detect("Азәрбајҹан").lang, Some(Lang::Az));
//! assert!(detect("Аliyev").mixed); // a Cyrillic А
//! ```

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// The writing system of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Script {
    /// Latin letters, including `ə` (IPA block) and full-width forms.
    Latin,
    /// Cyrillic letters, including the Azerbaijani `ә ғ ҝ һ ј ө ү ҹ`.
    Cyrillic,
    /// Arabic letters.
    Arabic,
    /// Greek letters.
    Greek,
    /// Letters of any other script.
    Other,
    /// Not a letter: digits, punctuation, spaces, combining marks.
    Common,
}

/// The script of one character.
///
/// ```
/// use namelink::lang::{script_of, Script};
/// assert_eq!(script_of('ş'), Script::Latin);
/// assert_eq!(script_of('Ж'), Script::Cyrillic);
/// assert_eq!(script_of('7'), Script::Common);
/// ```
pub fn script_of(c: char) -> Script {
    let u = c as u32;
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Script::Latin
        } else {
            Script::Common
        };
    }
    match u {
        // Letters of the common Latin and Cyrillic blocks, without the Unicode table lookup.
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F | 0x0250..=0x02AF => {
            return Script::Latin;
        }
        0x0400..=0x0481 | 0x048A..=0x04FF => return Script::Cyrillic,
        _ => {}
    }
    if !c.is_alphabetic() {
        return Script::Common;
    }
    match u {
        0x00C0..=0x024F | 0x0250..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF => Script::Latin,
        0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFB00..=0xFB06 => Script::Latin,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF => Script::Arabic,
        0xFE70..=0xFEFF => Script::Arabic,
        _ => Script::Other,
    }
}

/// A language namelink knows, or `Auto` to let it detect one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    /// Detect from the text.
    Auto,
    /// Azerbaijani.
    Az,
    /// Turkish.
    Tr,
    /// Russian.
    Ru,
    /// English (and unknown Latin-script text).
    En,
}

impl Lang {
    /// Whether the language uses Turkic casing (`I ↔ ı`, `İ ↔ i`).
    pub fn is_turkic(self) -> bool {
        matches!(self, Lang::Az | Lang::Tr)
    }

    /// The BCP 47 language subtag (`"auto"` for [`Lang::Auto`]).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Auto => "auto",
            Lang::Az => "az",
            Lang::Tr => "tr",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language in a script, named by a BCP 47 tag: `az`, `az-Cyrl`, `tr`, `ru`, `ru-Latn`, `en`.
///
/// A language's usual script is implied (`az` is Latin, `ru` Cyrillic). `auto` parses to
/// [`Tag::AUTO`].
///
/// ```
/// use namelink::lang::{Lang, Script, Tag};
/// let t: Tag = "az-Cyrl".parse()?;
/// assert_eq!((t.lang, t.script), (Lang::Az, Script::Cyrillic));
/// assert_eq!(t.to_string(), "az-Cyrl");
/// assert!("xx".parse::<Tag>().is_err());
/// # Ok::<(), namelink::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Tag {
    /// The language.
    pub lang: Lang,
    /// The script.
    pub script: Script,
}

impl Tag {
    /// Detect the language from the text.
    pub const AUTO: Tag = Tag::new(Lang::Auto, Script::Common);
    /// Azerbaijani in Latin script.
    pub const AZ: Tag = Tag::new(Lang::Az, Script::Latin);
    /// Azerbaijani in Cyrillic script.
    pub const AZ_CYRL: Tag = Tag::new(Lang::Az, Script::Cyrillic);
    /// Turkish.
    pub const TR: Tag = Tag::new(Lang::Tr, Script::Latin);
    /// Russian in Cyrillic script.
    pub const RU: Tag = Tag::new(Lang::Ru, Script::Cyrillic);
    /// Russian romanized (see the standards in [`crate::translit`]).
    pub const RU_LATN: Tag = Tag::new(Lang::Ru, Script::Latin);
    /// English.
    pub const EN: Tag = Tag::new(Lang::En, Script::Latin);

    /// Every tag namelink accepts, in the order `--list` and error messages give them.
    pub const ALL: [Tag; 7] = [
        Tag::AZ,
        Tag::AZ_CYRL,
        Tag::TR,
        Tag::RU,
        Tag::RU_LATN,
        Tag::EN,
        Tag::AUTO,
    ];

    /// A tag from its parts.
    pub const fn new(lang: Lang, script: Script) -> Tag {
        Tag { lang, script }
    }

    /// The canonical BCP 47 spelling.
    pub fn as_str(self) -> &'static str {
        match (self.lang, self.script) {
            (Lang::Auto, _) => "auto",
            (Lang::Az, Script::Cyrillic) => "az-Cyrl",
            (Lang::Az, _) => "az",
            (Lang::Tr, _) => "tr",
            (Lang::Ru, Script::Latin) => "ru-Latn",
            (Lang::Ru, _) => "ru",
            (Lang::En, _) => "en",
        }
    }

    fn valid_list() -> String {
        Tag::ALL
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tag {
    type Err = Error;

    fn from_str(s: &str) -> Result<Tag, Error> {
        let lower = s.trim().to_ascii_lowercase().replace('_', "-");
        let tag = match lower.as_str() {
            "auto" => Tag::AUTO,
            "az" | "az-latn" | "aze" => Tag::AZ,
            "az-cyrl" => Tag::AZ_CYRL,
            "tr" | "tr-latn" | "tur" => Tag::TR,
            "ru" | "ru-cyrl" | "rus" => Tag::RU,
            "ru-latn" => Tag::RU_LATN,
            "en" | "en-latn" | "eng" => Tag::EN,
            _ => {
                return Err(Error::UnknownTag {
                    tag: s.to_string(),
                    valid: Tag::valid_list(),
                });
            }
        };
        Ok(tag)
    }
}

/// What [`detect`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Detection {
    /// The script of most letters ([`Script::Common`] when there are none).
    pub script: Script,
    /// A language hint, `None` for scripts other than Latin and Cyrillic.
    pub lang: Option<Lang>,
    /// Letters of more than one script appear in one word.
    pub mixed: bool,
}

impl Detection {
    /// The tag that names the detected language in its script.
    pub fn tag(&self) -> Option<Tag> {
        self.lang.map(|lang| Tag::new(lang, self.script))
    }
}

/// Letters only Azerbaijani Cyrillic has (among az/ru).
const AZ_CYRILLIC: &str = "әғҝһјөүҹӘҒҜҺЈӨҮҸ";

/// Detects script and language of `text` (a name, a token or a document).
pub fn detect(text: &str) -> Detection {
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut other: [usize; 3] = [0; 3];
    let (mut schwa, mut qx, mut turkic, mut az_cyrl) = (false, false, false, false);
    let mut mixed = false;
    let mut word_script: Option<Script> = None;
    for c in text.chars() {
        let s = script_of(c);
        match s {
            Script::Latin => {
                latin += 1;
                match c {
                    'ə' | 'Ə' => schwa = true,
                    'q' | 'Q' | 'x' | 'X' => qx = true,
                    'ğ' | 'Ğ' | 'ı' | 'İ' | 'ş' | 'Ş' => turkic = true,
                    _ => {}
                }
            }
            Script::Cyrillic => {
                cyrillic += 1;
                az_cyrl |= AZ_CYRILLIC.contains(c);
            }
            Script::Arabic => other[0] += 1,
            Script::Greek => other[1] += 1,
            Script::Other => other[2] += 1,
            Script::Common => {}
        }
        if s == Script::Common {
            if !c.is_alphanumeric() && !crate::case::is_mark(c) {
                word_script = None;
            }
        } else {
            match word_script {
                Some(w) if w != s => mixed = true,
                _ => word_script = Some(s),
            }
        }
    }
    let counts = [
        (latin, Script::Latin),
        (cyrillic, Script::Cyrillic),
        (other[0], Script::Arabic),
        (other[1], Script::Greek),
        (other[2], Script::Other),
    ];
    let (n, script) =
        counts.iter().copied().fold(
            (0, Script::Common),
            |best, c| if c.0 > best.0 { c } else { best },
        );
    let script = if n == 0 { Script::Common } else { script };
    let lang = match script {
        Script::Latin => Some(if schwa || (qx && turkic) {
            Lang::Az
        } else if turkic {
            Lang::Tr
        } else {
            Lang::En
        }),
        Script::Cyrillic => Some(if az_cyrl { Lang::Az } else { Lang::Ru }),
        _ => None,
    };
    Detection {
        script,
        lang,
        mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(script_of('a'), Script::Latin);
        assert_eq!(script_of('Ə'), Script::Latin);
        assert_eq!(script_of('ı'), Script::Latin);
        assert_eq!(script_of('Ҹ'), Script::Cyrillic);
        assert_eq!(script_of('ب'), Script::Arabic);
        assert_eq!(script_of('Ω'), Script::Greek);
        assert_eq!(script_of('中'), Script::Other);
        assert_eq!(script_of('-'), Script::Common);
        assert_eq!(script_of('\u{0301}'), Script::Common);
        assert_eq!(script_of('Ａ'), Script::Latin);
    }

    #[test]
    fn fast_script_ranges_are_letters() {
        for u in 0xC0..0x500u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if script_of(c) != Script::Common {
                assert!(c.is_alphabetic(), "{c:?}");
            } else {
                assert!(!c.is_alphabetic(), "{c:?}");
            }
        }
    }

    #[test]
    fn language_hints() {
        assert_eq!(detect("Sahil Babayevlə").lang, Some(Lang::Az));
        assert_eq!(detect("Qarabağ").lang, Some(Lang::Az));
        assert_eq!(detect("Erdoğan").lang, Some(Lang::Tr));
        assert_eq!(detect("İstanbul").lang, Some(Lang::Tr));
        assert_eq!(detect("Alex Maxwell").lang, Some(Lang::En));
        assert_eq!(detect("Sakhil Babaev").lang, Some(Lang::En));
        assert_eq!(detect("Ильхам Алиев").lang, Some(Lang::Ru));
        assert_eq!(detect("Һејдәр").lang, Some(Lang::Az));
        assert_eq!(detect("123").lang, None);
        assert_eq!(detect("123").script, Script::Common);
    }

    #[test]
    fn mixed_words_are_flagged_but_mixed_texts_are_not() {
        assert!(detect("Аliyev").mixed);
        assert!(!detect("Aliyev Алиев").mixed);
        assert!(!detect("Baku-Баку").mixed);
    }

    #[test]
    fn tags_parse_and_print() {
        for t in Tag::ALL {
            assert_eq!(t.as_str().parse::<Tag>(), Ok(t));
        }
        assert_eq!("AZ_cyrl".parse::<Tag>(), Ok(Tag::AZ_CYRL));
        let err = "de".parse::<Tag>().unwrap_err().to_string();
        assert!(err.contains("az-Cyrl") && err.contains("\"de\""), "{err}");
    }
}
