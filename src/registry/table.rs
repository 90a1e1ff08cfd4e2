//! Registries as tables: CSV, or TSV (tab-separated, no quoting).
//!
//! The first row names the columns. `id` and `kind` are required, and the names come from
//! a `names` column (several names in one cell, separated by `|`) or a `name` column (one
//! name a row). Rows sharing an id are one entity: one row per alias works as well as one
//! row per entity, and the first row's name is the canonical one. Every other column is an
//! attribute (an empty cell is no attribute). Column names are matched without regard to case
//! or surrounding spaces; a byte-order mark is accepted.
//!
//! ```
//! use namelink::registry::{Format, Registry};
//!
//! // One row per alias:
//! let csv = "id,kind,name,dob\n\
//!            babayev-sahil,person,Sahil Babayev,1980-01-01\n\
//!            babayev-sahil,person,Сахил Бабаев,\n";
//! let r = Registry::from_reader(csv.as_bytes(), Format::Csv)?;
//! let sahil = r.get(r.find("babayev-sahil").unwrap()).unwrap();
//! assert_eq!(sahil.names, ["Sahil Babayev", "Сахил Бабаев"]);
//! assert_eq!(sahil.attributes["dob"], "1980-01-01");
//!
//! // One row per entity, its names in one cell:
//! let tsv = "id\tkind\tnames\naz\tplace\tAzerbaijan|Azərbaycan|Азербайджан\n";
//! let r = Registry::from_reader(tsv.as_bytes(), Format::Tsv)?;
//! assert_eq!(r.get(r.find("az").unwrap()).unwrap().names.len(), 3);
//! # Ok::<(), namelink::registry::RegistryError>(())
//! ```

use std::collections::HashMap;
use std::io::Read;

use super::{Entity, EntityKind, Registry, RegistryError, RegistryErrorKind};

/// The separator of several names in one `names` cell.
pub const NAME_SEPARATOR: char = '|';

/// Reads a CSV (`delimiter` b',') or TSV (b'\t') registry.
pub(super) fn read(reader: impl Read, delimiter: u8) -> Result<Registry, RegistryError> {
    let tsv = delimiter == b'\t';
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(!tsv)
        .from_reader(reader);
    let err = |line: usize, kind: RegistryErrorKind| RegistryError {
        line,
        column: None,
        kind,
    };
    let format = if tsv { "TSV" } else { "CSV" };
    let mut records = rows.records();
    let header = match records.next() {
        None => return Ok(Registry::new()),
        Some(h) => h.map_err(|e| csv_error(e, format))?,
    };
    let columns: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let c = if i == 0 {
                c.trim_start_matches('\u{feff}')
            } else {
                c
            };
            c.trim().to_lowercase()
        })
        .collect();
    let find = |name: &str| columns.iter().position(|c| c == name);
    let (Some(id_col), Some(kind_col)) = (find("id"), find("kind")) else {
        return Err(err(
            1,
            RegistryErrorKind::Header(header_message(format, &columns)),
        ));
    };
    let (names_col, split) = match (find("names"), find("name")) {
        (Some(c), _) => (c, true),
        (None, Some(c)) => (c, false),
        (None, None) => {
            return Err(err(
                1,
                RegistryErrorKind::Header(header_message(format, &columns)),
            ));
        }
    };

    // Entities in order of first appearance, with the line they first appeared on.
    let mut entities: Vec<(Entity, usize)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for record in records {
        let record = record.map_err(|e| csv_error(e, format))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            return Err(err(
                line,
                RegistryErrorKind::Json(format!(
                    "expected {} {format} fields as in the header, found {}",
                    columns.len(),
                    record.len()
                )),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let id = cell(id_col).to_string();
        let kind = EntityKind::parse(cell(kind_col))
            .ok_or_else(|| err(line, RegistryErrorKind::UnknownKind(cell(kind_col).into())))?;
        let names: Vec<String> = if split {
            cell(names_col)
                .split(NAME_SEPARATOR)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect()
        } else {
            Some(cell(names_col))
                .filter(|n| !n.is_empty())
                .map(String::from)
                .into_iter()
                .collect()
        };
        let at = match by_id.get(&id) {
            Some(&at) => at,
            None => {
                by_id.insert(id.clone(), entities.len());
                entities.push((Entity::new(id.clone(), kind, Vec::<String>::new()), line));
                entities.len() - 1
            }
        };
        let (entity, first_line) = &mut entities[at];
        if entity.kind != kind {
            return Err(err(
                line,
                RegistryErrorKind::Json(format!(
                    "entity {id:?} is a {} here but a {} on line {first_line}",
                    kind.as_str(),
                    entity.kind.as_str()
                )),
            ));
        }
        for n in names {
            if !entity.names.contains(&n) {
                entity.names.push(n);
            }
        }
        for (i, c) in columns.iter().enumerate() {
            let value = cell(i);
            if i == id_col || i == kind_col || i == names_col || value.is_empty() {
                continue;
            }
            match entity.attributes.get(c) {
                Some(old) if old != value => {
                    return Err(err(
                        line,
                        RegistryErrorKind::Json(format!(
                            "entity {id:?}: {c} is {value:?} here but {old} on line {first_line}"
                        )),
                    ));
                }
                _ => {
                    entity.attributes.insert(c.clone(), value.into());
                }
            }
        }
    }
    let mut registry = Registry::new();
    let mut lines = HashMap::new();
    for (entity, line) in entities {
        registry.push_at(entity, line, &mut lines)?;
    }
    Ok(registry)
}

fn header_message(format: &str, columns: &[String]) -> String {
    format!(
        "expected a {format} header naming the columns id, kind and names (several names \
         separated by {NAME_SEPARATOR}) or name (one a row); found: {}",
        columns.join(", ")
    )
}

fn csv_error(e: csv::Error, format: &str) -> RegistryError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let kind = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => RegistryErrorKind::InvalidUtf8,
        csv::ErrorKind::Io(io) => RegistryErrorKind::Io(io.to_string()),
        _ => RegistryErrorKind::Json(format!("not valid {format}: {e}")),
    };
    RegistryError {
        line,
        column: None,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Format;

    fn load(text: &str, format: Format) -> Result<Registry, String> {
        Registry::from_reader(text.as_bytes(), format).map_err(|e| e.to_string())
    }

    #[test]
    fn rows_of_one_id_merge_and_conflicts_name_both_lines() {
        let r = load(
            "id,kind,name\na,person,Anar Əliyev\na,person,Анар Алиев\na,person,Anar Əliyev\n",
            Format::Csv,
        );
        let r = r.expect("registry");
        assert_eq!(r.len(), 1);
        assert_eq!(r.iter().next().map(|e| e.1.names.len()), Some(2));
        let e = load("id,kind,name\na,person,Anar\na,place,Anar\n", Format::Csv);
        assert_eq!(
            e.err().as_deref(),
            Some("registry line 3: entity \"a\" is a place here but a person on line 2")
        );
        let e = load(
            "id,kind,name,dob\na,person,Anar,1980\na,person,A,1981\n",
            Format::Csv,
        );
        assert!(e.is_err_and(|m| m.contains("dob is \"1981\" here but \"1980\" on line 2")));
    }

    #[test]
    fn bad_rows_name_their_line() {
        let e = load("id,kind,names\na,person\n", Format::Csv);
        assert!(e.is_err_and(|m| m.starts_with("registry line 2: expected 3 CSV fields")));
        let e = load("id\tkind\tnames\na\tcity\tBaku\n", Format::Tsv);
        assert!(e.is_err_and(|m| m.starts_with("registry line 2: unknown kind \"city\"")));
        let e = load("id,kind,names\na,person,\n", Format::Csv);
        assert!(e.is_err_and(|m| m.contains("has no names")));
        // Quotes are data in TSV.
        let r = load("id\tkind\tnames\na\tperson\t\"Anar\"\n", Format::Tsv).expect("tsv");
        assert_eq!(
            r.iter().next().map(|e| e.1.names[0].clone()).as_deref(),
            Some("\"Anar\"")
        );
        assert!(load("", Format::Csv).is_ok_and(|r| r.is_empty()));
    }
}
