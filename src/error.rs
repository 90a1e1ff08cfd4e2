//! The error type: returned only while choosing or building something (a conversion, later a
//! registry); transliteration and normalization themselves are total functions.

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
}
