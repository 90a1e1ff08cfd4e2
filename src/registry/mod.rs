//! The registry: the entities names resolve to, loaded from JSON Lines.
//!
//! One entity a line:
//!
//! ```json
//! {"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev", "Sahil Babayev oğlu"]}
//! ```
//!
//! * `id`: a unique, non-empty string;
//! * `kind`: `person`, `organization`, `place` or `other`;
//! * `names`: a non-empty list; the first is the canonical display name, the rest are aliases
//!   in any language or script. Aliases are for what spelling rules cannot bridge
//!   (`Turkey` / `Türkiye` / `Турция`): one spelling of a person is enough for namelink to
//!   find them under the others.
//!
//! Every other field is kept as one of the entity's [`Entity::attributes`] (a date of birth,
//! a programme, a nationality, a source URL: what a user acts on once a name is resolved);
//! an `"attributes": {..}` object is taken apart into its fields the same way. Blank lines and
//! lines starting with `#` are skipped. A
//! registry is loaded whole or not at all: the first bad line (malformed JSON, with its
//! column; a duplicate `id`; an empty `names`; an unknown `kind`; invalid UTF-8) is an error
//! naming the line.
//!
//! # CSV and TSV
//!
//! A registry may also be a table with a header row: `id`, `kind`, and `names` (several in a
//! cell, separated by `|`) or `name` (one a row; rows sharing an id are one entity); every
//! other column is an attribute. [`Registry::load`] goes by the file's extension
//! (`.csv`, `.tsv`), [`Registry::from_reader`] by the [`Format`] given.
//!
//! # Examples
//!
//! ```
//! use namelink::registry::{EntityKind, Registry};
//!
//! let jsonl = r#"{"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}
//! {"id": "tr", "kind": "place", "names": ["Türkiye", "Turkey", "Турция"], "iso": "TR"}"#;
//! let registry = Registry::from_jsonl_str(jsonl)?;
//! assert_eq!(registry.len(), 2);
//! let id = registry.find("tr").unwrap();
//! let turkey = registry.get(id).unwrap();
//! assert_eq!(turkey.kind, EntityKind::Place);
//! assert_eq!(turkey.attributes["iso"], "TR");
//!
//! let err = Registry::from_jsonl_str("{\"id\": \"a\", \"kind\": \"person\", \"names\": []}").unwrap_err();
//! assert_eq!(err.to_string(), "registry line 1: entity \"a\" has no names");
//! # Ok::<(), namelink::registry::RegistryError>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::Path;

use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

mod table;
pub use table::NAME_SEPARATOR;

/// How a registry file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// JSON Lines: one `{"id", "kind", "names", …}` object a line (the module docs).
    JsonLines,
    /// CSV with a header row (see the module docs, "CSV and TSV").
    Csv,
    /// Tab-separated values with a header row, no quoting.
    Tsv,
}

impl Format {
    /// The format named `s`: `jsonl` (or `json`, `ndjson`), `csv`, `tsv`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" | "jsonlines" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            _ => None,
        }
    }

    /// The format a file's name says (`.csv`, `.tsv`/`.tab`); JSON Lines otherwise.
    pub fn of_path(path: impl AsRef<Path>) -> Format {
        path.as_ref()
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
            .unwrap_or(Format::JsonLines)
    }
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party or other organisation.
    Organization,
    /// A country, city, region or other place.
    Place,
    /// Anything else.
    Other,
}

impl EntityKind {
    /// The kind's name in the registry format.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    /// The kind named `s` in the registry format (`person`, `organization` or
    /// `organisation`, `place`, `other`).
    ///
    /// ```
    /// use namelink::registry::EntityKind;
    /// assert_eq!(EntityKind::parse("place"), Some(EntityKind::Place));
    /// assert_eq!(EntityKind::parse("city"), None);
    /// ```
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "person" => EntityKind::Person,
            "organization" | "organisation" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// The index of an entity in its [`Registry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(transparent)]
pub struct EntityId(u32);

impl EntityId {
    /// The id of the entity at this position (checked by the caller).
    pub(crate) fn from_index(i: u32) -> EntityId {
        EntityId(i)
    }

    /// The id as an index.
    pub fn as_usize(self) -> usize {
        self.0 as usize
    }
}

/// One entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    /// Unique id.
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Canonical name first, then aliases.
    pub names: Vec<String>,
    /// Everything else the registry says about it (date of birth, programme, nationality,
    /// source URL…), as JSON values by field name; returned with every answer.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

impl Entity {
    /// An entity; `names` must not be empty (checked when it is added to a registry).
    ///
    /// ```
    /// use namelink::registry::{Entity, EntityKind};
    ///
    /// let e = Entity::new("babayev-sahil", EntityKind::Person, ["Sahil Babayev", "Сахил Бабаев"])
    ///     .with_attribute("position", "minister");
    /// assert_eq!(e.names.len(), 2);
    /// assert_eq!(e.attributes["position"], "minister");
    /// ```
    pub fn new<N: Into<String>>(
        id: impl Into<String>,
        kind: EntityKind,
        names: impl IntoIterator<Item = N>,
    ) -> Entity {
        Entity {
            id: id.into(),
            kind,
            names: names.into_iter().map(Into::into).collect(),
            attributes: serde_json::Map::new(),
        }
    }

    /// The entity with attribute `key` set to `value`.
    pub fn with_attribute(
        mut self,
        key: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Entity {
        self.attributes.insert(key.into(), value.into());
        self
    }

    /// The canonical display name.
    pub fn name(&self) -> &str {
        self.names.first().map(String::as_str).unwrap_or("")
    }
}

/// Why a registry could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    line: usize,
    column: Option<usize>,
    kind: RegistryErrorKind,
}

/// The kinds of [`RegistryError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryErrorKind {
    /// The line is not valid JSON for an entity, or not a valid CSV/TSV row (the message says
    /// why).
    Json(String),
    /// A CSV or TSV header without the columns a registry needs (the message says which).
    Header(String),
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// An id appears twice (the first line it appeared on is given).
    DuplicateId {
        /// The id.
        id: String,
        /// Where it appeared first.
        first_line: usize,
    },
    /// An empty id.
    EmptyId,
    /// An entity with no names (or only empty ones).
    NoNames(String),
    /// A kind other than person, organization, place, other.
    UnknownKind(String),
    /// Reading failed.
    Io(String),
    /// More entities than an index can hold (2³² − 1).
    TooMany,
    /// A line longer than this many bytes ([`MAX_LINE_BYTES`]).
    LineTooLong(usize),
    /// An id that could be mistaken for another (the message says why): white space at
    /// either end, or a control or invisible formatting character.
    BadId(String),
    /// A name holding a control character (a tab, a line break): it would garble
    /// line-based output.
    ControlCharacter {
        /// The entity's id.
        id: String,
        /// The name, with the character escaped.
        name: String,
    },
    /// A name with nothing to match on (only punctuation or invisible characters).
    Unmatchable {
        /// The entity's id.
        id: String,
        /// The name.
        name: String,
    },
    /// A line that is valid JSON but not an object (an array, a string, a number).
    NotAnObject,
}

/// The longest registry line read, in bytes (1 MiB): an entity with thousands of aliases
/// fits; a runaway line is an error, not a memory spike.
pub const MAX_LINE_BYTES: usize = 1 << 20;

impl RegistryError {
    /// The 1-based line of the registry the error is on (0 when not about a line).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column, for JSON syntax errors.
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// What went wrong.
    pub fn kind(&self) -> &RegistryErrorKind {
        &self.kind
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "registry line {}, column {c}: ", self.line)?,
            None if self.line > 0 => write!(f, "registry line {}: ", self.line)?,
            None => f.write_str("registry: ")?,
        }
        match &self.kind {
            RegistryErrorKind::Json(m) => write!(f, "{m}"),
            RegistryErrorKind::InvalidUtf8 => f.write_str("not valid UTF-8"),
            RegistryErrorKind::DuplicateId { id, first_line } => {
                write!(f, "duplicate id {id:?} (first on line {first_line})")
            }
            RegistryErrorKind::EmptyId => f.write_str("empty id"),
            RegistryErrorKind::NoNames(id) => write!(f, "entity {id:?} has no names"),
            RegistryErrorKind::UnknownKind(k) => {
                write!(
                    f,
                    "unknown kind {k:?} (valid: person, organization, place, other)"
                )
            }
            RegistryErrorKind::Io(m) => write!(f, "cannot read: {m}"),
            RegistryErrorKind::TooMany => f.write_str("too many entities"),
            RegistryErrorKind::LineTooLong(limit) => write!(f, "line longer than {limit} bytes"),
            RegistryErrorKind::BadId(why) => write!(f, "{why}"),
            RegistryErrorKind::ControlCharacter { id, name } => {
                write!(f, "entity {id:?}: name {name} holds a control character")
            }
            RegistryErrorKind::Unmatchable { id, name } => {
                write!(
                    f,
                    "entity {id:?}: name {name:?} has no letter or digit to match on"
                )
            }
            RegistryErrorKind::NotAnObject => f.write_str(
                "expected JSON Lines, one object {\"id\": …, \"kind\": …, \"names\": […]} a line \
                 (for a CSV or TSV registry, name the file .csv or .tsv, or give --format)",
            ),
            RegistryErrorKind::Header(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RegistryError {}

/// The registry line as written: `kind` as a string so that an unknown kind gets its own
/// error.
#[derive(Deserialize)]
struct RawEntity {
    id: String,
    kind: String,
    names: Vec<String>,
    /// Every other field.
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

impl RawEntity {
    /// The other fields as attributes: an `attributes` object taken apart into its fields.
    fn attributes(&mut self) -> serde_json::Map<String, serde_json::Value> {
        let mut out = std::mem::take(&mut self.rest);
        if let Some(serde_json::Value::Object(inner)) = out.remove("attributes") {
            for (k, v) in inner {
                out.entry(k).or_insert(v);
            }
        }
        out
    }
}

/// Entities by id. Immutable once built; `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    entities: Vec<Entity>,
    /// Filled by `push`; for a registry read from a saved index, built on the first `find`.
    by_id: std::sync::OnceLock<IdMap>,
}

/// Entity indexes by id: a hash table of 4-byte indexes, each hashed by the id it points to,
/// so that the ids are not stored twice (at a million entities, a map of id strings cost
/// about 90 bytes an entity).
#[derive(Clone, Debug, Default)]
struct IdMap {
    table: hashbrown::HashTable<u32>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl IdMap {
    fn build(entities: &[Entity]) -> IdMap {
        let mut map = IdMap::default();
        for i in 0..entities.len() {
            map.insert(entities, i as u32);
        }
        map
    }

    fn get(&self, entities: &[Entity], id: &str) -> Option<EntityId> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&i| {
                entities.get(i as usize).is_some_and(|e| e.id == id)
            })
            .map(|&i| EntityId(i))
    }

    /// Adds entity `i` (already in `entities`; its id not yet in the map).
    fn insert(&mut self, entities: &[Entity], i: u32) {
        let id_of = |j: &u32| entities.get(*j as usize).map_or("", |e| e.id.as_str());
        let hash = self.hasher.hash_one(id_of(&i));
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, i, |j| hasher.hash_one(id_of(j)));
    }
}

/// Collects entities into a registry, checking each as [`Registry::push`] does: the first
/// entity that cannot be added is the error, and no registry is returned then (a registry
/// missing an entity is never passed off as whole, which is why `Registry` itself does not
/// implement `FromIterator` or `Extend`: they could not say so).
///
/// ```
/// use namelink::registry::{Entity, EntityKind, Registry, RegistryError};
///
/// let people = [("babayev-sahil", "Sahil Babayev"), ("yanik-derya", "Derya Yanık")];
/// let registry: Result<Registry, RegistryError> = people
///     .into_iter()
///     .map(|(id, name)| Entity::new(id, EntityKind::Person, [name]))
///     .collect();
/// assert_eq!(registry?.len(), 2);
///
/// let twice = [Entity::new("a", EntityKind::Person, ["A"]), Entity::new("a", EntityKind::Person, ["B"])];
/// let err = twice.into_iter().collect::<Result<Registry, _>>().unwrap_err();
/// // (entities are numbered from 1, as lines)
/// assert_eq!(err.to_string(), "registry line 2: duplicate id \"a\" (first on line 1)");
/// # Ok::<(), RegistryError>(())
/// ```
impl FromIterator<Entity> for Result<Registry, RegistryError> {
    fn from_iter<I: IntoIterator<Item = Entity>>(iter: I) -> Self {
        let mut registry = Registry::new();
        registry.try_extend(iter)?;
        Ok(registry)
    }
}

/// The built-in registry's JSON Lines.
const BUILTIN: &str = include_str!("../../data/registry/builtin.jsonl");

impl Registry {
    /// An empty registry, to fill with [`Registry::push`].
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds an entity.
    ///
    /// # Errors
    ///
    /// A duplicate or empty id, or no names (line 0 in the error).
    pub fn push(&mut self, entity: Entity) -> Result<EntityId, RegistryError> {
        self.push_at(entity, 0, &mut HashMap::new())
    }

    fn push_at(
        &mut self,
        mut entity: Entity,
        line: usize,
        lines: &mut HashMap<EntityId, usize>,
    ) -> Result<EntityId, RegistryError> {
        let err = |kind| RegistryError {
            line,
            column: None,
            kind,
        };
        if entity.id.trim().is_empty() {
            return Err(err(RegistryErrorKind::EmptyId));
        }
        if let Some(why) = id_problem(&entity.id) {
            return Err(err(RegistryErrorKind::BadId(why)));
        }
        // One id, one spelling: `é` composed or decomposed is the same id.
        if !unicode_normalization::is_nfc(&entity.id) {
            use unicode_normalization::UnicodeNormalization;
            entity.id = entity.id.nfc().collect();
        }
        entity.names.retain(|n| !n.trim().is_empty());
        if entity.names.is_empty() {
            return Err(err(RegistryErrorKind::NoNames(entity.id)));
        }
        for name in &entity.names {
            if name.chars().any(char::is_control) {
                return Err(err(RegistryErrorKind::ControlCharacter {
                    id: entity.id.clone(),
                    name: format!("{name:?}"),
                }));
            }
            if crate::key::name_key(name).parts.is_empty() {
                return Err(err(RegistryErrorKind::Unmatchable {
                    id: entity.id.clone(),
                    name: name.clone(),
                }));
            }
        }
        let by_id = self.by_id.get_or_init(IdMap::default);
        if let Some(prev) = by_id.get(&self.entities, &entity.id) {
            return Err(err(RegistryErrorKind::DuplicateId {
                first_line: lines.get(&prev).copied().unwrap_or(0),
                id: entity.id,
            }));
        }
        let id = EntityId(
            u32::try_from(self.entities.len()).map_err(|_| err(RegistryErrorKind::TooMany))?,
        );
        lines.insert(id, line);
        self.entities.push(entity);
        if let Some(map) = self.by_id.get_mut() {
            map.insert(&self.entities, id.0);
        }
        Ok(id)
    }

    /// Adds every entity of `entities`, checking each as [`Registry::push`] does.
    ///
    /// # Errors
    ///
    /// The first entity that cannot be added (numbered from 1 in this call, as the error's
    /// line); the entities before it stay added, none after it is.
    pub fn try_extend(
        &mut self,
        entities: impl IntoIterator<Item = Entity>,
    ) -> Result<(), RegistryError> {
        let mut lines = HashMap::new();
        for (i, entity) in entities.into_iter().enumerate() {
            self.push_at(entity, i + 1, &mut lines)?;
        }
        Ok(())
    }

    /// Loads JSON Lines from a reader.
    ///
    /// # Errors
    ///
    /// The first bad line, with its number (see the module docs); nothing is returned then.
    pub fn from_jsonl(mut reader: impl BufRead) -> Result<Registry, RegistryError> {
        let mut registry = Registry::new();
        let mut lines = HashMap::new();
        let mut bytes = Vec::new();
        for line_no in 1.. {
            bytes.clear();
            // At most one byte past the limit is read: a hostile line cannot fill memory.
            let read = (&mut reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut bytes)
                .map_err(|e| RegistryError {
                    line: line_no,
                    column: None,
                    kind: RegistryErrorKind::Io(e.to_string()),
                })?;
            if read == 0 {
                break;
            }
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            } else if bytes.len() > MAX_LINE_BYTES {
                return Err(RegistryError {
                    line: line_no,
                    column: None,
                    kind: RegistryErrorKind::LineTooLong(MAX_LINE_BYTES),
                });
            }
            let text = std::str::from_utf8(&bytes).map_err(|_| RegistryError {
                line: line_no,
                column: None,
                kind: RegistryErrorKind::InvalidUtf8,
            })?;
            // A byte-order mark (as some editors write) starts the first line.
            let text = if line_no == 1 {
                text.strip_prefix('\u{feff}').unwrap_or(text)
            } else {
                text
            };
            let text = text.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            if !text.starts_with('{') {
                // (serde would read a JSON array as the fields in order.)
                return Err(RegistryError {
                    line: line_no,
                    column: Some(1),
                    kind: RegistryErrorKind::NotAnObject,
                });
            }
            let mut raw: RawEntity = serde_json::from_str(text).map_err(|e| RegistryError {
                line: line_no,
                column: Some(e.column()),
                kind: RegistryErrorKind::Json(strip_position(&e.to_string())),
            })?;
            let kind = EntityKind::parse(&raw.kind).ok_or_else(|| RegistryError {
                line: line_no,
                column: None,
                kind: RegistryErrorKind::UnknownKind(raw.kind.clone()),
            })?;
            let mut entity = Entity::new(
                std::mem::take(&mut raw.id),
                kind,
                std::mem::take(&mut raw.names),
            );
            entity.attributes = raw.attributes();
            registry.push_at(entity, line_no, &mut lines)?;
        }
        Ok(registry)
    }

    /// Loads JSON Lines from a string.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_jsonl`].
    pub fn from_jsonl_str(text: &str) -> Result<Registry, RegistryError> {
        Registry::from_jsonl(text.as_bytes())
    }

    /// Loads a registry file, in the format its name says ([`Format::of_path`]: `.csv`,
    /// `.tsv`, JSON Lines otherwise).
    ///
    /// # Errors
    ///
    /// As [`Registry::from_reader`], or the file cannot be opened.
    pub fn load(path: impl AsRef<Path>) -> Result<Registry, RegistryError> {
        Registry::load_as(path.as_ref(), Format::of_path(path.as_ref()))
    }

    /// Loads a registry file in `format`.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_reader`], or the file cannot be opened.
    pub fn load_as(path: impl AsRef<Path>, format: Format) -> Result<Registry, RegistryError> {
        let file = std::fs::File::open(path.as_ref()).map_err(|e| RegistryError {
            line: 0,
            column: None,
            kind: RegistryErrorKind::Io(format!("{}: {e}", path.as_ref().display())),
        })?;
        Registry::from_reader(std::io::BufReader::new(file), format)
    }

    /// Reads a registry in `format` (CSV and TSV: the "CSV and TSV" section of the module
    /// docs).
    ///
    /// # Errors
    ///
    /// The first bad line or row, with its number; nothing is returned then.
    pub fn from_reader(reader: impl BufRead, format: Format) -> Result<Registry, RegistryError> {
        match format {
            Format::JsonLines => Registry::from_jsonl(reader),
            Format::Csv => table::read(reader, b','),
            Format::Tsv => table::read(reader, b'\t'),
        }
    }

    /// The built-in registry: 2,027 places (258 countries and territories, 1,727 cities: every
    /// capital, every city of 500,000 people or more, the cities of Azerbaijan and Turkey;
    /// 42 regions of Azerbaijan and Turkey) with their names in English, Azerbaijani (Latin and
    /// Cyrillic), Turkish and Russian, from CLDR 41 and GeoNames
    /// (`data/registry/builtin.jsonl`, made by `scripts/builtin_registry.py`; sources and
    /// licences in `data/registry/README.md`).
    ///
    /// ```
    /// let places = namelink::registry::Registry::builtin();
    /// let baku = places.find("city-asia-baku").and_then(|id| places.get(id));
    /// assert_eq!(baku.map(|e| e.names[..4].join(", ")).as_deref(), Some("Baku, Bakı, Bakü, Баку"));
    /// ```
    pub fn builtin() -> Registry {
        // Checked by a test; an empty registry rather than a panic should it ever fail.
        Registry::from_jsonl_str(BUILTIN).unwrap_or_default()
    }

    /// Entities already checked (read back from a saved index): no id map until `find`.
    pub(crate) fn from_checked(entities: Vec<Entity>) -> Registry {
        Registry {
            entities,
            by_id: std::sync::OnceLock::new(),
        }
    }

    /// The entity with this index.
    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.as_usize())
    }

    /// The index of the entity with this `id` (ids are kept in Unicode NFC; `id` is
    /// compared in NFC too).
    pub fn find(&self, id: &str) -> Option<EntityId> {
        let map = self.by_id.get_or_init(|| IdMap::build(&self.entities));
        if unicode_normalization::is_nfc(id) {
            map.get(&self.entities, id)
        } else {
            use unicode_normalization::UnicodeNormalization;
            map.get(&self.entities, &id.nfc().collect::<String>())
        }
    }

    /// How many entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// No entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entities with their indexes, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityId(i as u32), e))
    }
}

/// Why an id could be mistaken for another, if it could.
fn id_problem(id: &str) -> Option<String> {
    if id.trim() != id {
        return Some(format!("id {id:?} has white space at either end"));
    }
    id.chars()
        .find(|&c| c.is_control() || crate::normalize::is_invisible(c))
        .map(|c| {
            format!(
                "id {id:?} holds an invisible or control character U+{:04X}",
                c as u32
            )
        })
}

/// serde_json appends " at line L column C"; the registry error says that itself.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_registry_loads_whole() {
        let r = Registry::from_jsonl_str(BUILTIN);
        assert_eq!(r.map(|r| r.len()).ok(), Some(2027));
    }

    fn err(text: &str) -> String {
        match Registry::from_jsonl_str(text) {
            Ok(_) => "ok".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_oversized_line_is_an_error_read_no_further() {
        let good = r#"{"id": "a", "kind": "person", "names": ["A"]}"#;
        let long = format!(
            "{good}\n{{\"id\": \"b\", \"kind\": \"person\", \"names\": [\"{}\"]}}\n",
            "x".repeat(MAX_LINE_BYTES)
        );
        assert_eq!(
            err(&long),
            format!("registry line 2: line longer than {MAX_LINE_BYTES} bytes")
        );
        // A line of exactly the limit, and a last line without a newline, are fine.
        let names = "y".repeat(MAX_LINE_BYTES - 48);
        let exact = format!(r#"{{"id": "c", "kind": "person", "names": ["{names}"]}}"#);
        assert!(exact.len() <= MAX_LINE_BYTES);
        assert_eq!(err(&format!("{exact}\n{good}")), "ok");
    }

    #[test]
    fn errors_name_the_line() {
        let good = r#"{"id": "a", "kind": "person", "names": ["A"]}"#;
        assert_eq!(
            err(&format!("{good}\n{good}")),
            "registry line 2: duplicate id \"a\" (first on line 1)"
        );
        assert_eq!(
            err(&format!(
                "{good}\n\n{{\"id\": \"b\", \"kind\": \"robot\", \"names\": [\"B\"]}}"
            )),
            "registry line 3: unknown kind \"robot\" (valid: person, organization, place, other)"
        );
        let e =
            Registry::from_jsonl_str(&format!("# comment\n{good}\n{{\"id\": \"b\", \"kind\": "))
                .unwrap_err();
        assert_eq!(e.line(), 3);
        assert!(e.column().is_some());
        assert!(err(r#"{"id": "a", "kind": "person"}"#).contains("missing field `names`"));
        assert!(err(r#"{"id": "", "kind": "person", "names": ["x"]}"#).contains("empty id"));
        assert!(err(r#"{"id": "a", "kind": "person", "names": ["  "]}"#).contains("no names"));
        let bad_utf8 = Registry::from_jsonl(
            &b"{\"id\": \"a\", \"kind\": \"person\", \"names\": [\"\xff\"]}"[..],
        );
        assert_eq!(
            bad_utf8.unwrap_err().to_string(),
            "registry line 1: not valid UTF-8"
        );
    }

    #[test]
    fn registry_is_send_and_sync() {
        fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        assert_all::<Registry>();
    }
}
