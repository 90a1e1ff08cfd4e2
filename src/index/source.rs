//! Which registry file an index was built from, and writing index files safely.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{IndexFileError, IoError};

/// The registry file an index was built from: its path as given, size and CRC-32, recorded
/// in the saved index so that a user of the index can be told when the registry changed.
///
/// ```no_run
/// use namelink::index::{Index, RegistrySource, SourceState};
/// let index = Index::load_file("people.idx")?;
/// if let Some(source) = index.source() {
///     if source.state() != SourceState::Unchanged {
///         eprintln!("{} changed since the index was built", source.path().display());
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrySource {
    path: PathBuf,
    size: u64,
    crc32: u32,
}

/// How a recorded registry file compares with the file at its path now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceState {
    /// Same size and checksum.
    Unchanged,
    /// Another size or checksum.
    Changed,
    /// No file can be read at the recorded path.
    Missing,
}

impl RegistrySource {
    /// Reads the file at `path` to record its size and checksum.
    ///
    /// # Errors
    ///
    /// When the file cannot be read.
    pub fn of_file(path: impl AsRef<Path>) -> std::io::Result<RegistrySource> {
        let (size, crc32) = size_and_crc(path.as_ref())?;
        Ok(RegistrySource {
            // Absolute, so that the index can be used from any folder.
            path: std::fs::canonicalize(path.as_ref())?,
            size,
            crc32,
        })
    }

    /// The file's absolute path when the index was built.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's size in bytes then.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The file's CRC-32 then.
    pub fn crc32(&self) -> u32 {
        self.crc32
    }

    /// Compares with the file at the recorded path now (reads it whole when the size is the
    /// same).
    pub fn state(&self) -> SourceState {
        match std::fs::metadata(&self.path) {
            Err(_) => SourceState::Missing,
            Ok(m) if m.len() != self.size => SourceState::Changed,
            Ok(_) => match size_and_crc(&self.path) {
                Err(_) => SourceState::Missing,
                Ok((size, crc)) if (size, crc) == (self.size, self.crc32) => SourceState::Unchanged,
                Ok(_) => SourceState::Changed,
            },
        }
    }

    pub(super) fn save(&self, out: &mut super::file::Writer) {
        out.str(&self.path.to_string_lossy());
        out.u64(self.size);
        out.u32(self.crc32);
    }

    pub(super) fn load(r: &mut super::file::Reader<'_>) -> Result<RegistrySource, IndexFileError> {
        Ok(RegistrySource {
            path: PathBuf::from(r.string()?),
            size: r.u64()?,
            crc32: r.u32()?,
        })
    }
}

fn size_and_crc(path: &Path) -> std::io::Result<(u64, u32)> {
    let mut f = std::fs::File::open(path)?;
    let mut crc = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        crc.update(buf.get(..n).unwrap_or(&[]));
    }
    Ok((size, crc.finalize()))
}

/// Writes a file all at once or not at all: `write` fills a new temporary file beside
/// `path` (a unique name, created exclusively), which is flushed to disk and renamed over
/// `path`, and the folder is synced. A reader opening `path` meanwhile gets the old file or
/// the new one, never part of either; of two writers, the last to finish wins.
///
/// `path` must be a regular file or not exist: a folder, a device, a pipe or a symbolic
/// link is refused rather than replaced.
pub(super) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), IndexFileError>,
) -> Result<(), IndexFileError> {
    let shown = path.display();
    let io = |what: &str, e: std::io::Error| {
        IndexFileError::Io(IoError::new(format!("{shown}: {what}"), e))
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(IndexFileError::Io(IoError::other(format!(
                "{shown}: is a symbolic link; give the path it points to"
            ))));
        }
        Ok(m) if !m.is_file() => {
            return Err(IndexFileError::Io(IoError::other(format!(
                "{shown}: not a regular file (a folder, device or pipe is never replaced)"
            ))));
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| IndexFileError::Io(IoError::other(format!("{shown}: not a file name"))))?;
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // A temporary file is private (0600); the index gets the mode of the file it
        // replaces, or the usual 0644.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let tmp = builder
        .tempfile_in(&dir)
        .map_err(|e| io("cannot create a temporary file beside it: ", e))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file());
        write(&mut w)?;
        w.flush().map_err(|e| io("", e))?;
    }
    tmp.as_file().sync_all().map_err(|e| io("", e))?;
    // (On error the temporary file is removed when `tmp` is dropped.)
    tmp.persist(path).map_err(|e| io("", e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Flushes a folder's entries to disk (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
