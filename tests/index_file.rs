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
    let count_at = 4 + settings + 4; // the entity text's length
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
