//! Language-aware case mapping (crate-internal; the public face is
//! [`crate::normalize::lowercase`] and [`crate::normalize::uppercase`]).
//!
//! For Turkish and Azerbaijani, Unicode SpecialCasing.txt gives `I → ı`, `İ → i`, `i → İ`,
//! `I + U+0307 → i`. For other languages `İ` lower-cases to plain `i` here: namelink never
//! produces `i̇` (i with a stray combining dot), which `str::to_lowercase` does.

/// Lower-case one character; `turkic` selects the tr/az rules. Characters whose lower case is
/// several characters keep only the first (none of them occur in az/tr/ru/en letters).
#[inline]
pub(crate) fn lower(c: char, turkic: bool) -> char {
    if c.is_ascii() {
        if turkic && c == 'I' {
            return 'ı';
        }
        return c.to_ascii_lowercase();
    }
    match c {
        'İ' => 'i',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Appends the upper case of `c`; `turkic` selects the tr/az rules (`i → İ`).
#[inline]
pub(crate) fn push_upper(out: &mut String, c: char, turkic: bool) {
    if c.is_ascii() {
        if turkic && c == 'i' {
            out.push('İ');
        } else {
            out.push(c.to_ascii_uppercase());
        }
        return;
    }
    match c {
        'ı' => out.push('I'),
        _ => out.extend(c.to_uppercase()),
    }
}

/// A combining mark (general category M).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

/// A character that belongs to a word: a letter, digit or combining mark.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkic_pairs() {
        assert_eq!(lower('I', true), 'ı');
        assert_eq!(lower('I', false), 'i');
        assert_eq!(lower('İ', true), 'i');
        assert_eq!(lower('İ', false), 'i');
        let mut s = String::new();
        push_upper(&mut s, 'i', true);
        push_upper(&mut s, 'i', false);
        push_upper(&mut s, 'ı', false);
        push_upper(&mut s, 'ə', true);
        push_upper(&mut s, 'ß', false);
        assert_eq!(s, "İIIƏSS");
    }
}
