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
//!    and homoglyph cleanup, tokens with spans into the original ([`token`]).
//! 4. [`key`]: cross-script comparison keys (`Babayev`, `Бабаев`, `Babaev` → `babaev`).
//! 5. [`similarity`] and [`matcher`]: weighted edit distance over keys, token alignment,
//!    initials, patronymics, gender forms; [`matcher::compare`] gives a score in [0, 1], a
//!    decision and an explanation.
//! 6. [`registry`], [`index`] and [`resolve`]: entities from JSON Lines, candidate retrieval
//!    through blocking keys, and resolution of a query to ranked entities.
//!
//! Language is always an explicit argument, with [`lang::Lang::Auto`] / [`lang::Tag::AUTO`]
//! to detect it. Building a conversion can fail ([`Error`]); transliterating and normalizing
//! cannot.
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
//! # Crate features
//!
//! * `cli` (default): the `namelink` command-line tool (pulls in `clap`). Library users can
//!   turn it off with `default-features = false`.

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
pub mod token;
pub mod translit;
pub mod variants;

pub use error::Error;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
