//! Saved indexes: a round trip answers as the original; a damaged file is a clear error.

use namelink::index::{INDEX_FORMAT_VERSION, Index, IndexFileError};
use namelink::registry::Registry;

const REGISTRY: &str = r#"
{"id": "babayev-sahil", "kind": "person", "names": ["Sahil Babayev"]}
{"id": "aliyev-anar", "kind": "person", "names": ["Anar Əliyev", "Anar Rasim oğlu Əliyev"]}
{"id": "siemens", "kind": "organization", "names": ["Siemens AG"]}
{"id": "turkey", "kind": "place", "names": ["Türkiye", "Turkey", "Турция"]}
"#;

fn saved() -> (Index, Vec<u8>) {
    let index = Index::new(Registry::from_jsonl_str(REGISTRY).expect("registry"));
    let mut bytes = Vec::new();
    index.save(&mut bytes).expect("save");
    (index, bytes)
}

fn answers(index: &Index) -> Vec<Vec<(String, u64)>> {
    [
        "Сахил Бабаев",
        "А. Алиев",
        "Siemens Aktiengesellschaft",
        "Türkiyənin",
        "Sahib Babayev",
    ]
    .iter()
    .map(|q| {
        index
            .resolve(q, 3)
            .into_iter()
            .map(|m| (m.id, m.score.to_bits()))
            .collect()
    })
    .collect()
}

#[test]
fn a_loaded_index_answers_as_the_built_one() {
    let (index, bytes) = saved();
    let loaded = Index::load(&bytes[..]).expect("load");
    assert_eq!(loaded.len(), index.len());
    assert_eq!(loaded.registry().len(), index.registry().len());
    assert_eq!(answers(&loaded), answers(&index));
    assert_eq!(loaded.matcher().threshold(), index.matcher().threshold());
}

#[test]
fn damaged_files_are_errors() {
    let (_, bytes) = saved();
    assert_eq!(
        Index::load(&b""[..]).unwrap_err(),
        IndexFileError::NotAnIndex
    );
    assert_eq!(
        Index::load(&b"{\"id\": 1}\n"[..]).unwrap_err(),
        IndexFileError::NotAnIndex
    );
    assert_eq!(
        Index::load(&bytes[..bytes.len() - 7]).unwrap_err(),
        IndexFileError::Truncated
    );
    assert_eq!(
        Index::load(&bytes[..20]).unwrap_err(),
        IndexFileError::Truncated
    );
    let mut flipped = bytes.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x40;
    assert_eq!(
        Index::load(&flipped[..]).unwrap_err(),
        IndexFileError::Checksum
    );
    let mut newer = bytes.clone();
    newer[12..16].copy_from_slice(&(INDEX_FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        Index::load(&newer[..]).unwrap_err(),
        IndexFileError::Version {
            found: INDEX_FORMAT_VERSION + 1,
            expected: INDEX_FORMAT_VERSION
        }
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        Index::load(&longer[..]).unwrap_err(),
        IndexFileError::Corrupt(_)
    ));
    let msg = IndexFileError::Version {
        found: 9,
        expected: 1,
    }
    .to_string();
    assert!(msg.contains("rebuild the index"), "{msg}");
}

/// The file with `payload` behind a valid header: what a damaged or hand-made file whose
/// checksum still matches looks like to the loader.
fn with_header(payload: &[u8]) -> Vec<u8> {
    let mut b = b"NAMELINKIDX\0".to_vec();
    b.extend_from_slice(&INDEX_FORMAT_VERSION.to_le_bytes());
    b.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    b.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    b.extend_from_slice(payload);
    b
}

#[test]
fn inconsistent_payloads_with_a_valid_checksum_are_errors() {
    let (_, bytes) = saved();
    let payload = &bytes[28..];
    // Every single byte of the payload changed in turn, and the payload cut anywhere: each
    // is an index that answers, or an error; never a panic or a partial index.
    for i in 0..payload.len() {
        let mut p = payload.to_vec();
        p[i] ^= 0xA5;
        if let Ok(index) = Index::load(&with_header(&p)[..]) {
            let _ = index.resolve("Sahil Babayev", 3);
            let _ = index.registry().len();
        }
    }
    for cut in 0..payload.len() {
        assert!(
            Index::load(&with_header(&payload[..cut])[..]).is_err(),
            "cut at {cut}"
        );
    }
    // A count that claims more than the file holds is refused before anything is allocated.
    let mut huge = payload.to_vec();
    let settings = u32::from_le_bytes(huge[..4].try_into().expect("4 bytes")) as usize;
    let count_at = 4 + settings + 4 + 4; // the entity text's length (no registry source)
    huge[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(
        Index::load(&with_header(&huge)[..]).unwrap_err(),
        IndexFileError::Corrupt(_)
    ));
}

#[test]
fn files_round_trip_and_the_registry_is_made_on_demand() {
    let (index, _) = saved();
    let path = std::env::temp_dir().join(format!("namelink-test-{}.idx", std::process::id()));
    index.save_file(&path).expect("save");
    let loaded = Index::load_file(&path).expect("load");
    let _ = std::fs::remove_file(&path);
    assert_eq!(answers(&loaded), answers(&index));
    assert_eq!(loaded.entity_count(), 4);
    assert!(loaded.memory_usage() > 0);
    let registry = Registry::from_jsonl_str(REGISTRY).expect("registry");
    let made: Vec<_> = loaded.registry().iter().map(|(_, e)| e.clone()).collect();
    let given: Vec<_> = registry.iter().map(|(_, e)| e.clone()).collect();
    assert_eq!(made, given);
    assert_eq!(
        loaded
            .registry()
            .find("turkey")
            .map(|e| loaded.entity_id(e)),
        Some("turkey")
    );
}

/// `payload` with its matcher settings (the first record) replaced by `settings`.
fn with_settings(payload: &[u8], settings: &str) -> Vec<u8> {
    let old = u32::from_le_bytes(payload[..4].try_into().expect("4 bytes")) as usize;
    let mut p = (settings.len() as u32).to_le_bytes().to_vec();
    p.extend_from_slice(settings.as_bytes());
    p.extend_from_slice(&payload[4 + old..]);
    p
}

#[test]
fn settings_in_a_file_are_checked_like_the_builders() {
    let (_, bytes) = saved();
    let payload = &bytes[28..];
    for (settings, what) in [
        (r#"{"threshold": 2.0}"#, "threshold is 2"),
        (r#"{"common_weight": 50.0}"#, "common_weight is 50"),
        (r#"{"missing_part": -100.0}"#, "missing_part is -100"),
        (r#"{"threshold": 0.7, "surprise": 1}"#, "unknown field"),
    ] {
        let err = Index::load(&with_header(&with_settings(payload, settings))[..]).unwrap_err();
        assert!(
            matches!(&err, IndexFileError::Corrupt(m) if m.contains(what)),
            "{settings}: {err}"
        );
    }
    // In range: loads, and decides with them.
    let strict = with_settings(payload, r#"{"threshold": 0.99}"#);
    let index = Index::load(&with_header(&strict)[..]).expect("load");
    assert_eq!(index.matcher().threshold(), 0.99);
}

/// An endless stream of zeros.
struct Zeros;

impl std::io::Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(0);
        Ok(buf.len())
    }
}

#[test]
fn a_declared_length_is_checked_before_anything_is_read() {
    let mut header = b"NAMELINKIDX\0".to_vec();
    header.extend_from_slice(&INDEX_FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(1u64 << 62).to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    // An endless stream behind a header declaring 2^62 bytes: refused at once.
    let err = Index::load(std::io::Read::chain(&header[..], Zeros)).unwrap_err();
    assert!(
        matches!(&err, IndexFileError::Corrupt(m) if m.contains("over the limit")),
        "{err}"
    );
    // A file declaring more than it holds: truncated, without reading on.
    let path = std::env::temp_dir().join(format!("namelink-len-{}.idx", std::process::id()));
    let mut file = header.clone();
    file.extend_from_slice(&[0u8; 100]);
    std::fs::write(&path, &file).expect("write");
    assert_eq!(
        Index::load_file(&path).unwrap_err(),
        IndexFileError::Truncated
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn the_registry_file_is_recorded_and_checked() {
    use namelink::index::{RegistrySource, SourceState};
    let dir = std::env::temp_dir().join(format!("namelink-src-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let reg = dir.join("r.jsonl");
    std::fs::write(&reg, REGISTRY).expect("write");
    let source = RegistrySource::of_file(&reg).expect("source");
    let index = Index::builder()
        .source(source.clone())
        .build(Registry::load(&reg).expect("registry"));
    let idx = dir.join("r.idx");
    index.save_file(&idx).expect("save");
    let loaded = Index::load_file(&idx).expect("load");
    assert_eq!(loaded.source(), Some(&source));
    assert_eq!(source.state(), SourceState::Unchanged);
    std::fs::write(&reg, REGISTRY.replace("Siemens AG", "Siemens SE")).expect("write");
    assert_eq!(source.state(), SourceState::Changed);
    std::fs::remove_file(&reg).expect("rm");
    assert_eq!(source.state(), SourceState::Missing);
    let _ = std::fs::remove_dir_all(&dir);
}
