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
    /// Entity `e`'s attributes as a JSON object, `attrs[attr_bounds[e]..attr_bounds[e + 1]]`
    /// (empty when it has none).
    attrs: String,
    attr_bounds: Vec<u64>,
}

impl EntityStore {
    pub(crate) fn from_registry(registry: &Registry) -> EntityStore {
        let mut s = EntityStore {
            bounds: vec![0],
            attr_bounds: vec![0],
            ..EntityStore::default()
        };
        for (_, e) in registry.iter() {
            s.first.push(s.bounds.len() as u32 - 1);
            s.kinds.push(kind_code(e.kind));
            if !e.attributes.is_empty() {
                s.attrs
                    .push_str(&serde_json::Value::Object(e.attributes.clone()).to_string());
            }
            s.attr_bounds.push(s.attrs.len() as u64);
            for t in std::iter::once(&e.id).chain(&e.names) {
                s.text.push_str(t);
                s.bounds.push(s.text.len() as u64);
            }
        }
        s.first.push(s.bounds.len() as u32 - 1);
        s.text.shrink_to_fit();
        s.attrs.shrink_to_fit();
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

    /// Entity `e`'s attributes (checked to be a JSON object when the store was loaded).
    pub(crate) fn attributes(&self, e: EntityId) -> serde_json::Map<String, serde_json::Value> {
        let i = e.as_usize();
        let text = match (self.attr_bounds.get(i), self.attr_bounds.get(i + 1)) {
            (Some(&a), Some(&b)) => self.attrs.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        };
        if text.is_empty() {
            return serde_json::Map::new();
        }
        serde_json::from_str(text).unwrap_or_default()
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
                    let names = (0..self.name_count(e)).map(|k| self.name(e, k).to_string());
                    let mut entity = Entity::new(self.id(e), self.kind(e), names);
                    entity.attributes = self.attributes(e);
                    entity
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
            + self.attrs.capacity()
            + self.attr_bounds.capacity() * 8
    }

    pub(super) fn save(&self, out: &mut Writer) {
        out.text(&self.text);
        out.u64s(&self.bounds);
        out.u32s(&self.first);
        out.bytes(&self.kinds);
        out.text(&self.attrs);
        out.u64s(&self.attr_bounds);
    }

    /// Reads a store back, checking every boundary: a damaged file is an error, never a
    /// store that panics or mixes up names later.
    pub(super) fn load(r: &mut Reader<'_>) -> Result<EntityStore, IndexFileError> {
        let s = EntityStore {
            text: r.text()?,
            bounds: r.u64s()?,
            first: r.u32s()?,
            kinds: r.bytes()?,
            attrs: r.text()?,
            attr_bounds: r.u64s()?,
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
        // One attribute object (or nothing) per entity, each a JSON object.
        let attr_bounds_ok = s.attr_bounds.len() == s.kinds.len() + 1
            && s.attr_bounds.first() == Some(&0)
            && s.attr_bounds.last() == Some(&(s.attrs.len() as u64))
            && s.attr_bounds.windows(2).all(|w| w[0] <= w[1])
            && s.attr_bounds
                .iter()
                .all(|&b| s.attrs.is_char_boundary(b as usize));
        if !attr_bounds_ok {
            return corrupt("attribute boundaries");
        }
        let objects_ok = s.attr_bounds.windows(2).all(|w| {
            let text = s.attrs.get(w[0] as usize..w[1] as usize).unwrap_or("");
            text.is_empty()
                || serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).is_ok()
        });
        if !objects_ok {
            return corrupt("attributes");
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
