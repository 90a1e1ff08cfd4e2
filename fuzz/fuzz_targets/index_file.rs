#![no_main]
//! Loading any bytes as a saved index: an index or an error, never a panic or a huge
//! allocation. Half the inputs get a valid header (magic, version, length, CRC-32) in front,
//! so that the payload parser itself is exercised, not only the checksum.
use libfuzzer_sys::fuzz_target;
use namelink::index::{INDEX_FORMAT_VERSION, Index};

fuzz_target!(|data: &[u8]| {
    let (wrap, payload) = match data.split_first() {
        Some((&flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    let bytes = if wrap {
        let mut b = b"NAMELINKIDX\0".to_vec();
        b.extend_from_slice(&INDEX_FORMAT_VERSION.to_le_bytes());
        b.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        b.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
        b.extend_from_slice(payload);
        b
    } else {
        payload.to_vec()
    };
    if let Ok(index) = Index::load(&bytes[..]) {
        let _ = index.resolve("Sahil Babayev", 3);
        let _ = index.registry().len();
    }
});
