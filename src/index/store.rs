//! The registry inside an index, compact: every id and name back to back in one string, with
//! the boundaries in flat arrays. About 40 bytes an entity of one name, where a [`Registry`]
//! of `String`s takes four times that; saved and loaded in bulk.

use super::IndexFileError;
use super::file::{Reader, Writer};
use crate::registry::{Entity, EntityId, EntityKind, Registry};

#[derive(Debug, Default)]
pub(crate) struct EntityStore {
    /// Every entity's id, then its names.
    text: String,
    /// String `i` is `text[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<u64>,
    /// Entity `e`'s strings are `first[e]..first[e + 1]`: its id, then its names.
    first: Vec<u32>,
    kinds: Vec<u8>,
}

impl EntityStore {
    pub(crate) fn from_registry(registry: &Registry) -> EntityStore {
        let mut s = EntityStore {
            bounds: vec![0],
            ..EntityStore::default()
        };
        for (_, e) in registry.iter() {
            s.first.push(s.bounds.len() as u32 - 1);
            s.kinds.push(kind_code(e.kind));
            for t in std::iter::once(&e.id).chain(&e.names) {
                s.text.push_str(t);
                s.bounds.push(s.text.len() as u64);
            }
        }
        s.first.push(s.bounds.len() as u32 - 1);
        s.text.shrink_to_fit();
        s
    }

    /// How many entities.
    pub(crate) fn len(&self) -> usize {
        self.kinds.len()
    }

    fn string(&self, i: usize) -> &str {
        match (self.bounds.get(i), self.bounds.get(i + 1)) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// Entity `e`'s strings (id, names): their range of string numbers.
    fn strings(&self, e: EntityId) -> std::ops::Range<usize> {
        let i = e.as_usize();
        match (self.first.get(i), self.first.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    pub(crate) fn id(&self, e: EntityId) -> &str {
        let r = self.strings(e);
        if r.is_empty() {
            ""
        } else {
            self.string(r.start)
        }
    }

    /// Entity `e`'s name number `k` (0: the canonical name).
    pub(crate) fn name(&self, e: EntityId, k: usize) -> &str {
        let r = self.strings(e);
        let i = r.start + 1 + k;
        if i < r.end { self.string(i) } else { "" }
    }

    pub(crate) fn name_count(&self, e: EntityId) -> usize {
        self.strings(e).len().saturating_sub(1)
    }

    pub(crate) fn kind(&self, e: EntityId) -> EntityKind {
        kind_from(self.kinds.get(e.as_usize()).copied().unwrap_or(3)).unwrap_or(EntityKind::Other)
    }

    /// The entities as a [`Registry`] (already checked when the store was made or loaded).
    pub(crate) fn to_registry(&self) -> Registry {
        Registry::from_checked(
            (0..self.len())
                .map(|i| {
                    let e = EntityId::from_index(i as u32);
                    let names = (0..self.name_count(e))
                        .map(|k| self.name(e, k).to_string())
                        .collect();
                    Entity::new(self.id(e), self.kind(e), names)
                })
                .collect(),
        )
    }

    /// Heap bytes held.
    pub(crate) fn memory_usage(&self) -> usize {
        self.text.capacity()
            + self.bounds.capacity() * 8
            + self.first.capacity() * 4
            + self.kinds.capacity()
    }

    pub(super) fn save(&self, out: &mut Writer) {
        out.text(&self.text);
        out.u64s(&self.bounds);
        out.u32s(&self.first);
        out.bytes(&self.kinds);
    }

    /// Reads a store back, checking every boundary: a damaged file is an error, never a
    /// store that panics or mixes up names later.
    pub(super) fn load(r: &mut Reader<'_>) -> Result<EntityStore, IndexFileError> {
        let s = EntityStore {
            text: r.text()?,
            bounds: r.u64s()?,
            first: r.u32s()?,
            kinds: r.bytes()?,
        };
        let corrupt = |what: &str| Err(IndexFileError::Corrupt(format!("entities: {what}")));
        let text_ok = s.bounds.first() == Some(&0)
            && s.bounds.last() == Some(&(s.text.len() as u64))
            && s.bounds.windows(2).all(|w| w[0] <= w[1])
            && s.bounds
                .iter()
                .all(|&b| s.text.is_char_boundary(b as usize));
        if !text_ok {
            return corrupt("string boundaries");
        }
        // Every entity has an id and at least one name, and the strings are all used.
        let strings_ok = s.first.len() == s.kinds.len() + 1
            && s.first.first() == Some(&0)
            && s.first.last().map(|&l| l as usize + 1) == Some(s.bounds.len())
            && s.first.windows(2).all(|w| w[1] >= w[0].saturating_add(2));
        if !strings_ok {
            return corrupt("entity records");
        }
        if let Some(&k) = s.kinds.iter().find(|&&k| k > 3) {
            return corrupt(&format!("kind {k}"));
        }
        Ok(s)
    }
}

fn kind_code(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        _ => 3,
    }
}

fn kind_from(b: u8) -> Option<EntityKind> {
    Some(match b {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        2 => EntityKind::Place,
        3 => EntityKind::Other,
        _ => return None,
    })
}
