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
