//! The index file: its format, its error type, saving and loading.

use super::*;

/// An I/O failure on an index file, kept whole: what was being done, and the
/// [`std::io::Error`] itself (its kind, and as the error's source).
#[derive(Debug, Clone)]
pub struct IoError {
    context: String,
    error: std::sync::Arc<std::io::Error>,
}

impl IoError {
    /// `error` met while doing `context` (`"people.idx: "`, written before the error).
    pub(crate) fn new(context: impl Into<String>, error: std::io::Error) -> IoError {
        IoError {
            context: context.into(),
            error: std::sync::Arc::new(error),
        }
    }

    /// A failure with no error from the system behind it (a folder where a file should be).
    pub(crate) fn other(message: impl Into<String>) -> IoError {
        IoError::new("", std::io::Error::other(message.into()))
    }

    /// The kind of the underlying error (`NotFound`, `PermissionDenied`…).
    pub fn kind(&self) -> std::io::ErrorKind {
        self.error.kind()
    }

    /// The underlying error.
    pub fn io_error(&self) -> &std::io::Error {
        &self.error
    }
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.context, self.error)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.error)
    }
}

/// Two I/O failures are equal when they say the same (kind, context and message).
impl PartialEq for IoError {
    fn eq(&self, other: &IoError) -> bool {
        self.context == other.context
            && self.error.kind() == other.error.kind()
            && self.error.to_string() == other.error.to_string()
    }
}

impl Eq for IoError {}

/// Why a saved index could not be loaded (or saved).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IndexFileError {
    /// Reading or writing failed; the [`std::io::Error`] is kept ([`IoError::io_error`],
    /// and as the error's source).
    #[error("cannot read or write the index: {0}")]
    Io(#[source] IoError),
    /// The file does not start like a namelink index.
    #[error("not a namelink index file")]
    NotAnIndex,
    /// Written by a namelink with another index format.
    #[error(
        "index format version {found}, but this namelink reads version {expected}: rebuild the index"
    )]
    Version {
        /// The file's format version.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file is shorter than its header says.
    #[error("the index file is truncated")]
    Truncated,
    /// The contents do not match their checksum.
    #[error("the index file is corrupted (checksum mismatch)")]
    Checksum,
    /// The contents are inconsistent (the message says where).
    #[error("the index file is corrupted: {0}")]
    Corrupt(String),
}

/// The format of saved indexes; bumped whenever the layout or the keys change.
pub const INDEX_FORMAT_VERSION: u32 = 6;

/// The largest payload [`Index::load`] reads from a stream (16 GiB, about 150 million names):
/// a header declaring more is refused before anything is read. [`Index::load_file`] checks
/// the declared length against the file's own size instead.
pub const MAX_STREAM_PAYLOAD: u64 = 16 << 30;

/// The most candidates per query a saved index may ask for.
pub(super) const MAX_CANDIDATES: usize = 1 << 16;

pub(super) const MAGIC: &[u8; 12] = b"NAMELINKIDX\0";

/// Magic, version, payload length, CRC-32.
pub(super) const HEADER_LEN: u64 = 28;

impl Index {
    /// Saves the index: a header (magic, format version, payload length, CRC-32) and the
    /// payload (matcher settings, entities, keyed names, posting lists).
    ///
    /// # Errors
    ///
    /// [`IndexFileError::Io`] when writing fails.
    pub fn save(&self, mut w: impl std::io::Write) -> Result<(), IndexFileError> {
        let mut out = file::Writer::default();
        let settings = serde_json::to_string(self.matcher.settings())
            .map_err(|e| IndexFileError::Io(IoError::new("", e.into())))?;
        out.str(&settings);
        out.u32(self.candidates as u32);
        match &self.source {
            Some(source) => {
                out.u32(1);
                source.save(&mut out);
            }
            None => out.u32(0),
        }
        self.entities.save(&mut out);
        // Names and parts in columns, read back in bulk.
        let column = |f: &dyn Fn(&IndexedName) -> u32| self.names.iter().map(f).collect::<Vec<_>>();
        out.u32s(&column(&|n| n.entity.as_usize() as u32));
        out.u32s(&column(&|n| n.name));
        out.u32s(&column(&|n| n.first_part));
        out.u32s(&column(&|n| {
            u32::from(n.part_count) << 16 | u32::from(n.key_len)
        }));
        out.u32s(&column(&|n| n.first_letter));
        out.u32s(&self.parts.iter().map(|p| p.key).collect::<Vec<_>>());
        out.u32s(
            &self
                .parts
                .iter()
                .map(|p| u32::from(p.kind) << 8 | u32::from(p.common))
                .collect::<Vec<_>>(),
        );
        out.text(&self.arena);
        out.u32s(&self.key_bounds);
        self.readings.save(&mut out);
        self.part_names.save(&mut out);
        self.blocking.save(&mut out);
        self.pairs.save(&mut out);
        self.loose.save(&mut out);
        let payload = out.into_bytes();
        let io = |e: std::io::Error| IndexFileError::Io(IoError::new("", e));
        w.write_all(MAGIC).map_err(io)?;
        w.write_all(&INDEX_FORMAT_VERSION.to_le_bytes())
            .map_err(io)?;
        w.write_all(&(payload.len() as u64).to_le_bytes())
            .map_err(io)?;
        w.write_all(&crc32fast::hash(&payload).to_le_bytes())
            .map_err(io)?;
        w.write_all(&payload).map_err(io)?;
        w.flush().map_err(io)
    }

    /// Loads an index saved by [`Index::save`], checking magic, version, length and checksum
    /// before anything else; a damaged file is an error, never a partial index.
    ///
    /// # Errors
    ///
    /// Every variant of [`IndexFileError`].
    ///
    /// The arrays are read straight into place and checked as they come, the checksum
    /// computed on the way; whatever goes wrong, nothing but the error is returned, and a
    /// damaged payload reports [`IndexFileError::Checksum`] before anything it would have
    /// made look inconsistent.
    ///
    /// A header that declares a payload over [`MAX_STREAM_PAYLOAD`] is refused before
    /// anything else is read, so an endless or hostile stream costs bounded time and memory.
    pub fn load(r: impl std::io::Read) -> Result<Index, IndexFileError> {
        Index::load_at_most(r, MAX_STREAM_PAYLOAD)
    }

    /// [`Index::load`], refusing a declared payload longer than `limit` bytes.
    pub(in crate::index) fn load_at_most(
        r: impl std::io::Read,
        limit: u64,
    ) -> Result<Index, IndexFileError> {
        let mut r = std::io::BufReader::with_capacity(1 << 16, r);
        let mut header = [0u8; 28];
        let got = file::read_full(&mut r, &mut header)?;
        let read = header.get(..got).unwrap_or(&[]);
        let magic_ok = if got >= MAGIC.len() {
            read.starts_with(MAGIC)
        } else {
            MAGIC.starts_with(read)
        };
        if got == 0 || !magic_ok {
            return Err(IndexFileError::NotAnIndex);
        }
        if got < header.len() {
            return Err(IndexFileError::Truncated);
        }
        let word = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(header.get(at..at + 4).unwrap_or(&[0; 4]));
            u32::from_le_bytes(b)
        };
        let version = word(12);
        if version != INDEX_FORMAT_VERSION {
            return Err(IndexFileError::Version {
                found: version,
                expected: INDEX_FORMAT_VERSION,
            });
        }
        let len = u64::from(word(16)) | u64::from(word(20)) << 32;
        if len > limit {
            // A file shorter than its header says, or a stream longer than we read.
            return Err(if limit == MAX_STREAM_PAYLOAD {
                IndexFileError::Corrupt(format!(
                    "declared payload of {len} bytes is over the limit of {MAX_STREAM_PAYLOAD}"
                ))
            } else {
                IndexFileError::Truncated
            });
        }
        let crc = word(24);
        let mut body = file::Reader::new(&mut r, len);
        let parsed = Index::read_payload(&mut body);
        // Whatever the parse said, the checksum over the whole payload speaks first.
        body.drain()?;
        if body.crc() != crc {
            return Err(IndexFileError::Checksum);
        }
        let index = parsed?;
        if file::read_full(&mut r, &mut [0u8; 1])? != 0 {
            return Err(IndexFileError::Corrupt(
                "bytes after the end of the index".into(),
            ));
        }
        Ok(index)
    }

    /// [`Index::save`] to a file, atomically: the index goes to a new temporary file beside
    /// `path`, is flushed to disk and renamed over `path`. Whatever happens (a crash, a full
    /// disk, another process saving to the same path), `path` holds a complete old or new
    /// index, never part of one; of two concurrent savers, the last to finish wins.
    ///
    /// # Errors
    ///
    /// [`IndexFileError::Io`], also when `path` exists and is not a regular file (a folder,
    /// a device, a pipe or a symbolic link is never replaced).
    pub fn save_file(&self, path: impl AsRef<std::path::Path>) -> Result<(), IndexFileError> {
        source::write_atomically(path.as_ref(), |w| self.save(w))
    }

    /// [`Index::load`] from a file. For a regular file, the payload length its header
    /// declares is checked against the file's size before anything is allocated; anything
    /// else (a pipe, `/dev/stdin`) is read as a stream, up to [`MAX_STREAM_PAYLOAD`].
    ///
    /// # Errors
    ///
    /// As [`Index::load`].
    pub fn load_file(path: impl AsRef<std::path::Path>) -> Result<Index, IndexFileError> {
        let f = std::fs::File::open(path.as_ref()).map_err(|e| {
            IndexFileError::Io(IoError::new(format!("{}: ", path.as_ref().display()), e))
        })?;
        let limit = match f.metadata() {
            Ok(m) if m.is_file() => m.len().saturating_sub(HEADER_LEN),
            _ => MAX_STREAM_PAYLOAD,
        };
        Index::load_at_most(f, limit.min(MAX_STREAM_PAYLOAD))
    }

    /// The registry file the index was built from, when the builder was told
    /// ([`IndexBuilder::source`]; `namelink index build` always records it).
    pub fn source(&self) -> Option<&RegistrySource> {
        self.source.as_ref()
    }

    /// The payload after the header (see [`Index::save`]).
    pub(in crate::index) fn read_payload(
        r: &mut file::Reader<'_>,
    ) -> Result<Index, IndexFileError> {
        let settings: MatcherBuilder = serde_json::from_str(&r.string()?)
            .map_err(|e| IndexFileError::Corrupt(format!("matcher settings: {e}")))?;
        // Checked like the builder's: a threshold of 2 would silently match nothing.
        settings
            .check()
            .map_err(|e| IndexFileError::Corrupt(format!("matcher settings: {e}")))?;
        let matcher = settings.build();
        let candidates = r.u32()? as usize;
        if candidates == 0 || candidates > MAX_CANDIDATES {
            return Err(IndexFileError::Corrupt(format!(
                "candidates per query {candidates}, not in 1..={MAX_CANDIDATES}"
            )));
        }
        let source = match r.u32()? {
            0 => None,
            1 => Some(RegistrySource::load(r)?),
            n => return Err(IndexFileError::Corrupt(format!("registry source flag {n}"))),
        };
        let entities = EntityStore::load(r)?;
        let (entity, name, first_part, counts, first_letter) =
            (r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?, r.u32s()?);
        let n = entity.len();
        if [
            name.len(),
            first_part.len(),
            counts.len(),
            first_letter.len(),
        ] != [n; 4]
        {
            return Err(IndexFileError::Corrupt("name records".into()));
        }
        let mut names = Vec::with_capacity(n);
        for i in 0..n {
            let at = |v: &[u32]| v.get(i).copied().unwrap_or(0);
            let (e, k) = (EntityId::from_index(at(&entity)), at(&name));
            if (k as usize) >= entities.name_count(e) {
                return Err(IndexFileError::Corrupt("a name of no entity".into()));
            }
            names.push(IndexedName {
                entity: e,
                name: k,
                first_part: at(&first_part),
                part_count: (at(&counts) >> 16) as u16,
                key_len: at(&counts) as u16,
                first_letter: at(&first_letter),
            });
        }
        let (keys, packed) = (r.u32s()?, r.u32s()?);
        if keys.len() != packed.len() {
            return Err(IndexFileError::Corrupt("part records".into()));
        }
        let mut parts = Vec::with_capacity(keys.len());
        for (&key, &p) in keys.iter().zip(&packed) {
            let kind = (p >> 8) as u8;
            if kind > 4 {
                return Err(IndexFileError::Corrupt(format!("part kind {kind}")));
            }
            parts.push(ArenaPart {
                key,
                kind,
                common: p & 1 != 0,
            });
        }
        let arena = r.text()?;
        let key_bounds = r.u32s()?;
        let distinct = key_bounds.len().saturating_sub(1);
        let bounds_ok = key_bounds.first().is_some_and(|&b| b == 0)
            && key_bounds
                .last()
                .is_some_and(|&b| b as usize == arena.len())
            && key_bounds.windows(2).all(|w| w[0] <= w[1])
            && key_bounds
                .iter()
                .all(|&b| arena.is_char_boundary(b as usize));
        let parts_ok = parts.iter().all(|p| (p.key as usize) < distinct);
        let names_ok = names
            .iter()
            .all(|n| (n.first_part as usize + usize::from(n.part_count)) <= parts.len());
        if !bounds_ok || !parts_ok || !names_ok {
            return Err(IndexFileError::Corrupt("part records".into()));
        }
        let readings = KeyReadings::load(r, distinct)?;
        let part_names = Lists::load(r, names.len(), "part lists")?;
        if part_names.len() != distinct {
            return Err(IndexFileError::Corrupt("part lists".into()));
        }
        let blocking = Postings::load(r, part_names.len(), "blocking keys")?;
        let pairs = Postings::load(r, names.len(), "pair keys")?;
        let loose = LooseLists::load(r, names.len())?;
        if !r.is_empty() {
            return Err(IndexFileError::Corrupt("trailing data".into()));
        }
        Ok(Index {
            entities,
            registry: std::sync::OnceLock::new(),
            matcher,
            shapes: shapes_of(&names, &parts, &arena, &key_bounds),
            names,
            parts,
            arena,
            key_bounds,
            readings,
            part_names,
            blocking,
            pairs,
            loose,
            candidates: candidates.max(1),
            source,
        })
    }
}

pub(super) fn part_code(k: PartKind) -> u8 {
    match k {
        PartKind::Name => 0,
        PartKind::Initial => 1,
        PartKind::Patronymic => 2,
        PartKind::Number => 3,
        _ => 4,
    }
}

/// The kind of a stored part (codes beyond the known ones are checked when loading).
pub(super) fn part_from(b: u8) -> PartKind {
    match b {
        0 => PartKind::Name,
        1 => PartKind::Initial,
        2 => PartKind::Patronymic,
        3 => PartKind::Number,
        _ => PartKind::LegalForm,
    }
}

/// Little-endian primitives of the index file.
pub(super) mod file {
    use std::io::Read;

    use zerocopy::IntoBytes;

    use super::{IndexFileError, IoError};

    #[derive(Default)]
    pub(in crate::index) struct Writer(Vec<u8>);

    impl Writer {
        pub fn u32(&mut self, v: u32) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn u64(&mut self, v: u64) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn str(&mut self, s: &str) {
            self.u32(s.len() as u32);
            self.0.extend_from_slice(s.as_bytes());
        }
        pub fn u32s(&mut self, v: &[u32]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            for x in v {
                self.0.extend_from_slice(&x.to_le_bytes());
            }
        }
        pub fn u64s(&mut self, v: &[u64]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            for x in v {
                self.0.extend_from_slice(&x.to_le_bytes());
            }
        }
        /// A string of any length.
        pub fn text(&mut self, s: &str) {
            self.bytes(s.as_bytes());
        }
        pub fn bytes(&mut self, v: &[u8]) {
            self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
            self.0.extend_from_slice(v);
        }
        pub fn into_bytes(self) -> Vec<u8> {
            self.0
        }
    }

    /// Reads until `buf` is full or the input ends; how many bytes were read.
    pub(in crate::index) fn read_full(
        r: &mut (impl Read + ?Sized),
        buf: &mut [u8],
    ) -> Result<usize, IndexFileError> {
        let mut got = 0;
        while got < buf.len() {
            match r.read(buf.get_mut(got..).unwrap_or(&mut [])) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(IndexFileError::Io(IoError::new("", e))),
            }
        }
        Ok(got)
    }

    /// How much of a large array is read (and allocated) at a time: a damaged count cannot
    /// make the reader allocate more than the file holds plus this.
    const CHUNK: usize = 1 << 22;

    /// The payload: `len` bytes, read straight into the arrays they become, with their
    /// CRC-32 computed on the way.
    pub(in crate::index) struct Reader<'a> {
        r: &'a mut dyn Read,
        left: u64,
        crc: crc32fast::Hasher,
    }

    impl<'a> Reader<'a> {
        pub fn new(r: &'a mut dyn Read, len: u64) -> Reader<'a> {
            Reader {
                r,
                left: len,
                crc: crc32fast::Hasher::new(),
            }
        }
        pub fn is_empty(&self) -> bool {
            self.left == 0
        }
        /// Fills `buf` from the payload.
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), IndexFileError> {
            if (buf.len() as u64) > self.left {
                return Err(IndexFileError::Corrupt("a record runs past the end".into()));
            }
            if read_full(self.r, buf)? < buf.len() {
                return Err(IndexFileError::Truncated);
            }
            self.left -= buf.len() as u64;
            self.crc.update(buf);
            Ok(())
        }
        /// Reads (and checksums) whatever is left of the payload.
        pub fn drain(&mut self) -> Result<(), IndexFileError> {
            let mut buf = vec![0u8; (self.left as usize).min(1 << 16)];
            while self.left > 0 {
                let n = (self.left as usize).min(buf.len());
                self.fill(buf.get_mut(..n).unwrap_or(&mut []))?;
            }
            Ok(())
        }
        pub fn crc(&self) -> u32 {
            self.crc.clone().finalize()
        }
        fn array<const N: usize>(&mut self) -> Result<[u8; N], IndexFileError> {
            let mut a = [0u8; N];
            self.fill(&mut a)?;
            Ok(a)
        }
        pub fn u32(&mut self) -> Result<u32, IndexFileError> {
            Ok(u32::from_le_bytes(self.array()?))
        }
        pub fn u64(&mut self) -> Result<u64, IndexFileError> {
            Ok(u64::from_le_bytes(self.array()?))
        }
        pub fn string(&mut self) -> Result<String, IndexFileError> {
            let n = self.u32()? as usize;
            let mut bytes = vec![0u8; n.min(self.left as usize)];
            self.fill(&mut bytes)?;
            if bytes.len() < n {
                return Err(IndexFileError::Corrupt("a record runs past the end".into()));
            }
            String::from_utf8(bytes)
                .map_err(|_| IndexFileError::Corrupt("a string is not UTF-8".into()))
        }
        fn count(&mut self, width: usize) -> Result<usize, IndexFileError> {
            let n = self.u64()?;
            if n.saturating_mul(width as u64) > self.left {
                return Err(IndexFileError::Corrupt("an array runs past the end".into()));
            }
            Ok(n as usize)
        }
        /// `n` values read into place a chunk at a time.
        fn values<T: Copy + Default + IntoBytes + zerocopy::FromBytes>(
            &mut self,
            n: usize,
        ) -> Result<Vec<T>, IndexFileError> {
            let mut v: Vec<T> = Vec::new();
            while v.len() < n {
                let start = v.len();
                let chunk = (n - start).min(CHUNK);
                v.resize(start + chunk, T::default());
                let dst = v.get_mut(start..).unwrap_or(&mut []);
                self.fill(dst.as_mut_bytes())?;
            }
            Ok(v)
        }
        pub fn u32s(&mut self) -> Result<Vec<u32>, IndexFileError> {
            let n = self.count(4)?;
            let mut v = self.values::<u32>(n)?;
            v.iter_mut().for_each(|x| *x = u32::from_le(*x));
            Ok(v)
        }
        pub fn u64s(&mut self) -> Result<Vec<u64>, IndexFileError> {
            let n = self.count(8)?;
            let mut v = self.values::<u64>(n)?;
            v.iter_mut().for_each(|x| *x = u64::from_le(*x));
            Ok(v)
        }
        pub fn text(&mut self) -> Result<String, IndexFileError> {
            String::from_utf8(self.bytes()?)
                .map_err(|_| IndexFileError::Corrupt("a string is not UTF-8".into()))
        }
        pub fn bytes(&mut self) -> Result<Vec<u8>, IndexFileError> {
            let n = self.count(1)?;
            // Read into spare capacity (no zeroing first); at most what the input holds.
            let mut v = Vec::new();
            let got = (&mut self.r)
                .take(n as u64)
                .read_to_end(&mut v)
                .map_err(|e| IndexFileError::Io(IoError::new("", e)))?;
            if got < n {
                return Err(IndexFileError::Truncated);
            }
            self.left -= n as u64;
            self.crc.update(&v);
            Ok(v)
        }
    }
}
