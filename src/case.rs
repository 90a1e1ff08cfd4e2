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
    let u = c as u32;
    if u < 0x80 {
        if turkic && c == 'I' {
            return 'ı';
        }
        return c.to_ascii_lowercase();
    }
    // Basic Cyrillic: А-Я and Ѐ-Џ have their small letters at fixed offsets; Latin-1 capitals
    // are 0x20 below their small letters; and the Turkic letters Ğ Ş Ə.
    match u {
        0x0410..=0x042F => return char::from_u32(u + 0x20).unwrap_or(c),
        0x0400..=0x040F => return char::from_u32(u + 0x50).unwrap_or(c),
        0x0430..=0x045F | 0x00DF..=0x00FF => return c,
        0x00C0..=0x00D6 | 0x00D8..=0x00DE => return char::from_u32(u + 0x20).unwrap_or(c),
        0x011E | 0x015E => return char::from_u32(u + 1).unwrap_or(c),
        0x011F | 0x015F | 0x0131 | 0x0259 => return c,
        0x018F => return 'ə',
        _ => {}
    }
    match c {
        'İ' => 'i',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Is `c` an upper-case letter? (Fast for ASCII and basic Cyrillic.)
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x0400..=0x042F => true,
        0..=0x7F | 0x0430..=0x045F => false,
        _ => c.is_uppercase(),
    }
}

/// Is `c` a lower-case letter that has an upper case? (Modifier letters such as ʺ are
/// lower-case in Unicode but have no case.)
#[inline]
pub(crate) fn is_cased_lower(c: char) -> bool {
    match c as u32 {
        0x61..=0x7A | 0x0430..=0x045F => true,
        0..=0x7F | 0x0400..=0x042F => false,
        _ => c.is_lowercase() && c.to_uppercase().ne(std::iter::once(c)),
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
    match c as u32 {
        0..=0x02FF | 0x0370..=0x0482 | 0x048A..=0x0590 => false,
        _ => unicode_normalization::char::is_combining_mark(c),
    }
}

/// A character that belongs to a word: a letter, digit or combining mark.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin letters (but × and ÷), IPA letters such as ə, and Cyrillic letters and the
        // combining marks U+0483..U+0489 (U+0482 is a sign).
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x02AF => true,
        0x0400..=0x0481 | 0x0483..=0x04FF => true,
        _ => c.is_alphanumeric() || is_mark(c),
    }
}

/// Characters that are NFC and NFKC-stable on their own and never combine with what follows
/// them in canonical order: most Latin and Cyrillic letters. (Latin-1 signs with
/// compatibility decompositions, the Ĳ/Ŀ/ŉ/ſ and DŽ/LJ/NJ/DZ digraph letters and the spacing
/// modifiers are left out.)
#[inline]
pub(crate) fn is_stable_letter(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x0131 | 0x0134..=0x013E | 0x0141..=0x0148 | 0x014A..=0x017E
        | 0x0180..=0x01C3 | 0x01CD..=0x01F0 | 0x01F4..=0x02AF
        | 0x0400..=0x0482 | 0x048A..=0x04FF)
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

    #[test]
    fn fast_paths_agree_with_unicode() {
        for u in (0..0x0600).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            let slow = c.to_lowercase().next().unwrap_or(c);
            if c != 'İ' && c != 'I' {
                assert_eq!(lower(c, false), slow, "{c:?}");
            }
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_mark(c), "{c:?}");
            assert_eq!(
                is_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "{c:?}"
            );
            if is_stable_letter(c) {
                use unicode_normalization::UnicodeNormalization;
                let s = c.to_string();
                assert_eq!(s.nfkc().collect::<String>(), s, "{c:?}");
                assert_eq!(
                    unicode_normalization::char::canonical_combining_class(c),
                    0,
                    "{c:?}"
                );
            }
        }
    }
}
