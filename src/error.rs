//! The crate's error type, in one convention: [`Error`] holds every failure a namelink
//! call can have, and [`Error::kind`] says which, so a caller can `?` any of them into one
//! type. The stages' own errors ([`RegistryError`] with its line and column,
//! [`IndexFileError`] with its I/O source) convert into it with `?` and stay whole inside
//! it ([`Error::Registry`], [`Error::IndexFile`]). Transliteration, normalization and matching
//! themselves are total functions; errors come from choosing or loading something.
//!
//! ```
//! use namelink::{Error, ErrorKind};
//! use namelink::registry::Registry;
//!
//! fn load() -> Result<Registry, Error> {
//!     let r = Registry::from_jsonl_str(r#"{"id": "a", "kind": "person", "names": []}"#)?;
//!     Ok(r)
//! }
//! let err = load().unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Registry);
//! assert_eq!(err.to_string(), "registry line 1: entity \"a\" has no names");
//! ```

use crate::index::IndexFileError;
use crate::registry::RegistryError;

/// Which kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An unknown language tag.
    UnknownTag,
    /// An unknown standard for a pair of languages.
    UnknownStandard,
    /// No conversion between two languages.
    NoConversion,
    /// A setting outside its range.
    OutOfRange,
    /// A registry that cannot be read (its error says the line and why).
    Registry,
    /// An index file that cannot be read or written.
    IndexFile,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A language tag that namelink does not know.
    #[error("unknown language tag {tag:?} (valid: {valid})")]
    UnknownTag {
        /// The tag as given.
        tag: String,
        /// The valid tags, comma-separated.
        valid: String,
    },
    /// A standard that does not exist for this pair of languages.
    #[error("unknown standard {standard:?} for {from} -> {to} (valid: {valid})")]
    UnknownStandard {
        /// The standard as given.
        standard: String,
        /// Source tag.
        from: String,
        /// Target tag.
        to: String,
        /// The valid standards for the pair, comma-separated.
        valid: String,
    },
    /// A setting outside the values it can take.
    #[error("{setting} must be {expected}, got {value}")]
    OutOfRange {
        /// The setting.
        setting: &'static str,
        /// What it can be (`in [0, 1]`).
        expected: &'static str,
        /// The value given.
        value: String,
    },
    /// No table (or chain of two tables) converts between the two languages.
    #[error("no conversion from {from} to {to} (see `namelink translit --list`)")]
    NoConversion {
        /// Source tag.
        from: String,
        /// Target tag.
        to: String,
    },
    /// A registry that cannot be read.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// An index file that cannot be read or written.
    #[error(transparent)]
    IndexFile(#[from] IndexFileError),
}

impl Error {
    /// Which kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::UnknownTag { .. } => ErrorKind::UnknownTag,
            Error::UnknownStandard { .. } => ErrorKind::UnknownStandard,
            Error::NoConversion { .. } => ErrorKind::NoConversion,
            Error::OutOfRange { .. } => ErrorKind::OutOfRange,
            Error::Registry(_) => ErrorKind::Registry,
            Error::IndexFile(_) => ErrorKind::IndexFile,
        }
    }
}
