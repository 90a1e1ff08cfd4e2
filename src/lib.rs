//! # namelink
//!
//! Find one person, place or organisation under every spelling it gets across Azerbaijani,
//! Turkish, Russian and English: `Sahil Babayev`, `Сахил Бабаев`, `Sakhil Babaev`,
//! `S.Babayev`, `Sahil Babayevlə`.
//!
//! # Overview
//!
//! Data flows one way, one module per stage:
//!
//! 1. [`lang`]: script and language detection per character, token and text; the
//!    [`lang::Tag`]s (`az`, `az-Cyrl`, `tr`, `ru`, `ru-Latn`, `en`) that every stage takes.
//! 2. [`translit`]: transliteration driven by the rule tables in `data/translit/` — 27 Russian
//!    romanization standards (ICAO Doc 9303, BGN/PCGN, GOST 7.79, ALA-LC, MVD, Wikipedia …),
//!    Azerbaijani Cyrillic ↔ Latin, and press conventions between az/tr, ru and en.
//! 3. [`normalize`]: Unicode normalization, Turkic-aware case folding, invisible-character
//!    and homoglyph cleanup, and all splitting into words: tokens with spans into the
//!    original ([`token`]), the words of a name as [`key`] reads them, and the text as
//!    [`link`] reads it.
//! 4. [`key`]: cross-script comparison keys (`Babayev`, `Бабаев`, `Babaev` → `babaev`).
//! 5. [`similarity`] and [`matcher`]: weighted edit distance over keys, token alignment,
//!    initials, patronymics, gender forms; [`matcher::compare`] gives a score in [0, 1], a
//!    decision and an explanation.
//! 6. [`registry`], [`index`] and [`resolve`]: entities from JSON Lines, CSV or TSV (with
//!    their attributes), candidate retrieval through blocking keys, and resolution of a query
//!    to ranked entities; indexes saved to and loaded from files.
//! 7. [`link`]: the registry's entities found in running text, through Russian case endings
//!    and Azerbaijani and Turkish suffixes.
//! 8. [`variants`]: the spellings of a name to search for elsewhere.
//!
//! Language is always an explicit argument, with [`lang::Lang::Auto`] / [`lang::Tag::AUTO`]
//! to detect it. Every failure is an [`Error`] with a [`kind`](Error::kind) (the stages'
//! own errors convert into it with `?`); transliterating, normalizing and matching cannot
//! fail.
//!
//! # The whole path: registry → index → resolve → link → save and load
//!
//! ```
//! use namelink::index::Index;
//! use namelink::lang::Lang;
//! use namelink::link::Linker;
//! use namelink::registry::Registry;
//!
//! // A registry: each person once, in one spelling, with what you act on.
//! let registry = Registry::from_jsonl_str(r#"
//! {"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"], "position": "minister"}
//! {"id": "babayev-sahib", "kind": "person", "names": ["Sahib Babayev"]}
//! {"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev"]}
//! "#)?;
//!
//! // An index keys every name once.
//! let index = Index::new(registry);
//!
//! // Resolve spellings in any script, with the registry's attributes.
//! let found = index.resolve("Сахил Бабаев", 5);
//! assert_eq!(found.len(), 1); // not Sahib
//! assert_eq!(found[0].id, "babayev-sahil");
//! assert_eq!(found[0].attributes["position"], "minister");
//! assert_eq!(index.resolve("Анаром Алиевым", 1)[0].id, "aliyev-anar");
//!
//! // Link mentions in running text, suffixes and initials included.
//! let linker = Linker::new(&index);
//! let text = "Nazir Sahil Babayevlə görüşüb. S.Babayev çıxış edib.";
//! let mentions: Vec<_> = linker.link(text, Lang::Auto).collect();
//! assert_eq!(mentions.len(), 2);
//! assert_eq!(&text[mentions[0].span.range()], "Sahil Babayevlə");
//! assert!(mentions.iter().all(|m| m.id == "babayev-sahil"));
//!
//! // Save the index and load it back: the same answers, no rebuilding.
//! let mut file = Vec::new();
//! index.save(&mut file)?;
//! let loaded = Index::load(file.as_slice())?;
//! assert_eq!(loaded.resolve("Sakhil Babaev", 1)[0].id, "babayev-sahil");
//! # Ok::<(), namelink::Error>(())
//! ```
//!
//! # Example: transliterate a name
//!
//! ```
//! use namelink::lang::Tag;
//! use namelink::translit::{transliterate, Transliterator};
//!
//! assert_eq!(transliterate("Sahil Babayev", Tag::AZ, Tag::RU)?, "Сахил Бабаев");
//! assert_eq!(transliterate("Dərya Yanık", Tag::AZ, Tag::EN)?, "Derya Yanik");
//! let icao = Transliterator::with_standard(Tag::RU, Tag::RU_LATN, "icao-9303")?;
//! assert_eq!(icao.transliterate("Сахил Бабаев"), "Sakhil Babaev");
//! # Ok::<(), namelink::Error>(())
//! ```
//!
//! # Example: normalize a text
//!
//! ```
//! use namelink::lang::Lang;
//! use namelink::normalize::normalize;
//!
//! let text = "Azərbaycanın naziri S.Babayevlə";
//! let n = normalize(text, Lang::Az);
//! assert_eq!(n.text, "azərbaycanın naziri s.babayevlə");
//! let last = n.tokens.last().unwrap();
//! assert_eq!(&text[last.span.range()], "Babayevlə");
//! ```
//!
//! # Example: compare two names
//!
//! ```
//! use namelink::matcher::compare;
//!
//! let c = compare("Sakhil Babaev", "Sahil Babayev");
//! assert!(c.is_match);
//! assert_eq!(c.explanation.to_string(), "babaev~babayev: ye=e [1.00]; sakhil~sahil: kh=h [1.00]");
//! assert!(!compare("Leyla Əliyeva", "Leyla Əliyev").is_match); // gender form
//! ```
//!
//! # The command-line tool
//!
//! The `namelink` command is its own crate (`cli/` in the repository), so a crate that
//! depends on this library never compiles its argument parser.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub(crate) mod case;
mod error;
pub mod index;
pub mod key;
pub mod lang;
pub mod link;
pub mod matcher;
pub mod normalize;
pub mod registry;
pub mod resolve;
pub mod similarity;
pub(crate) mod tables;
pub mod translit;
pub mod variants;

pub use error::{Error, ErrorKind};
pub use normalize::token;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
