//! The readings of registered names' parts: a part written in Latin letters as an English
//! name (`Bradshaw` = Брэдшо) or as a foreign press romanization of a Russian name
//! (`Glouchtchenko` = Глущенко), kept per distinct part key so that a query in Cyrillic
//! finds and scores the name as [`Matcher::compare`](crate::matcher::Matcher::compare)
//! does. Posted under the readings' blocking keys too (`build.rs`).

use compact_str::CompactString;

use super::IndexFileError;
use super::file::{Reader, Writer};
use crate::key::{Reading, ReadingStarts};

/// Per distinct part key, its readings: those of key `k` are
/// `items[bounds[k]..bounds[k + 1]]` (no bounds at all when no key has any).
#[derive(Debug, Default)]
pub(crate) struct KeyReadings {
    bounds: Vec<u32>,
    items: Vec<(Reading, CompactString)>,
    /// Per distinct key, the first letters of its readings (made from `items`; not saved).
    starts: Vec<ReadingStarts>,
}

impl KeyReadings {
    /// From each distinct key's readings, in key order (`distinct` keys; keys missing from
    /// `of` have none).
    pub(super) fn new(
        distinct: usize,
        mut of: hashbrown::HashMap<u32, Vec<(Reading, CompactString)>>,
    ) -> KeyReadings {
        if of.is_empty() {
            return KeyReadings::default();
        }
        let mut r = KeyReadings {
            bounds: Vec::with_capacity(distinct + 1),
            items: Vec::new(),
            starts: Vec::new(),
        };
        for k in 0..distinct as u32 {
            r.bounds.push(r.items.len() as u32);
            if let Some(list) = of.remove(&k) {
                r.items.extend(list);
            }
        }
        r.bounds.push(r.items.len() as u32);
        r.items.shrink_to_fit();
        r.index_starts();
        r
    }

    /// Fills [`KeyReadings::starts`] from the readings.
    fn index_starts(&mut self) {
        let distinct = self.bounds.len().saturating_sub(1);
        self.starts = (0..distinct as u32)
            .map(|k| ReadingStarts::of(self.of(k)))
            .collect();
    }

    /// The readings of distinct key `key`.
    pub(super) fn of(&self, key: u32) -> &[(Reading, CompactString)] {
        let k = key as usize;
        match (self.bounds.get(k), self.bounds.get(k + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The first letters of the readings of distinct key `key`.
    pub(super) fn starts(&self, key: u32) -> ReadingStarts {
        self.starts.get(key as usize).copied().unwrap_or_default()
    }

    pub(super) fn memory_usage(&self) -> usize {
        self.bounds.capacity() * 4
            + self.starts.capacity() * std::mem::size_of::<ReadingStarts>()
            + self.items.capacity() * std::mem::size_of::<(Reading, CompactString)>()
            + self
                .items
                .iter()
                .filter(|(_, k)| k.is_heap_allocated())
                .map(|(_, k)| k.capacity())
                .sum::<usize>()
    }

    pub(super) fn save(&self, out: &mut Writer) {
        out.u32s(&self.bounds);
        let codes: Vec<u8> = self.items.iter().map(|(how, _)| code(*how)).collect();
        out.bytes(&codes);
        let mut text = String::new();
        let mut ends = Vec::with_capacity(self.items.len());
        for (_, k) in &self.items {
            text.push_str(k);
            ends.push(text.len() as u32);
        }
        out.text(&text);
        out.u32s(&ends);
    }

    /// Reads what [`KeyReadings::save`] wrote for an index of `distinct` part keys, checking
    /// every number.
    pub(super) fn load(r: &mut Reader<'_>, distinct: usize) -> Result<KeyReadings, IndexFileError> {
        let corrupt = || IndexFileError::Corrupt("part readings".into());
        let bounds = r.u32s()?;
        let codes = r.bytes()?;
        let text = r.text()?;
        let ends = r.u32s()?;
        let bounds_ok = bounds.is_empty()
            || (bounds.len() == distinct + 1
                && bounds.first() == Some(&0)
                && bounds.windows(2).all(|w| w[0] <= w[1])
                && bounds.last().is_some_and(|&b| b as usize == codes.len()));
        let ends_ok = ends.len() == codes.len()
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends
                .last()
                .map_or(text.is_empty(), |&e| e as usize == text.len())
            && ends.iter().all(|&e| text.is_char_boundary(e as usize));
        if !bounds_ok || !ends_ok || (bounds.is_empty() && !codes.is_empty()) {
            return Err(corrupt());
        }
        let mut items = Vec::with_capacity(codes.len());
        let mut start = 0usize;
        for (&c, &end) in codes.iter().zip(&ends) {
            let how = Reading::ALL
                .get(usize::from(c))
                .copied()
                .ok_or_else(corrupt)?;
            let key = text.get(start..end as usize).ok_or_else(corrupt)?;
            items.push((how, CompactString::from(key)));
            start = end as usize;
        }
        let mut r = KeyReadings {
            bounds,
            items,
            starts: Vec::new(),
        };
        r.index_starts();
        Ok(r)
    }
}

/// A reading's number in the file: its place in [`Reading::ALL`].
fn code(how: Reading) -> u8 {
    Reading::ALL.iter().position(|&r| r == how).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_and_loaded_alike_and_damage_is_an_error() {
        let mut of = hashbrown::HashMap::new();
        of.insert(1, vec![(Reading::English, CompactString::from("bredxo"))]);
        of.insert(
            3,
            vec![
                (Reading::Foreign, CompactString::from("gluxqenko")),
                (Reading::Spanish, CompactString::from("hesus")),
            ],
        );
        let r = KeyReadings::new(4, of);
        assert_eq!(r.of(0), &[]);
        assert_eq!(r.starts(0), ReadingStarts::default());
        assert_eq!(r.starts(1).all, 1 << (b'b' - b'a'));
        assert_eq!(r.of(1)[0].1, "bredxo");
        assert_eq!(r.of(3).len(), 2);
        assert_eq!(r.of(9), &[]);
        let mut w = Writer::default();
        r.save(&mut w);
        let bytes = w.into_bytes();
        let mut slice: &[u8] = &bytes;
        let mut reader = Reader::new(&mut slice, bytes.len() as u64);
        let back = KeyReadings::load(&mut reader, 4).expect("loads");
        assert_eq!(back.of(3), r.of(3));
        // The same bytes for an index of another number of keys: an error, not a wrong answer.
        let mut slice: &[u8] = &bytes;
        let mut reader = Reader::new(&mut slice, bytes.len() as u64);
        assert!(KeyReadings::load(&mut reader, 5).is_err());
    }
}
