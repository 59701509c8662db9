//! Where image files live: `<data dir>/uploads/<storage key>` (the folder `deploy/backup.sh`
//! archives), served at `/media/<storage key>`. A key such as `3f/3f9c...e1.jpg` holds 128 random
//! bits, so a file's address cannot be guessed (images of members-only posts rely on this), and
//! its first two hex digits spread files over 256 folders.

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;

/// The files of uploaded images.
#[derive(Debug, Clone)]
pub struct MediaFiles {
    root: PathBuf,
}

/// Whether `key` has the exact form of a storage key: two hex digits, a slash, 32 hex digits, and
/// `.jpg` or `.png`. Anything else (dots, slashes, encodings) is no key, so no path outside the
/// uploads folder can ever be named.
pub fn is_key(key: &str) -> bool {
    let Some((dir, file)) = key.split_once('/') else {
        return false;
    };
    let Some((name, ext)) = file.split_once('.') else {
        return false;
    };
    let hex = |s: &str, len: usize| {
        s.len() == len
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    hex(dir, 2) && hex(name, 32) && name.starts_with(dir) && matches!(ext, "jpg" | "png")
}

/// A fresh random key with this extension (`jpg` or `png`).
pub fn new_key(extension: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}/{name}.{extension}", &name[..2])
}

impl MediaFiles {
    /// The uploads folder inside a data folder.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("uploads"),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file of a key, or `None` when `key` is not a well-formed key.
    pub fn path(&self, key: &str) -> Option<PathBuf> {
        is_key(key).then(|| self.root.join(key))
    }

    /// Writes a file completely before it appears under its name (write, sync, rename), so a
    /// reader never sees half an image.
    pub fn write(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a storage key")
        })?;
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes a file; one already gone is fine.
    pub fn remove(&self, key: &str) -> std::io::Result<()> {
        let Some(path) = self.path(key) else {
            return Ok(());
        };
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_strictly_shaped() {
        let a = new_key("jpg");
        let b = new_key("png");
        assert_ne!(a[3..35], b[3..35]);
        assert!(is_key(&a) && is_key(&b), "{a} {b}");
        for bad in [
            "",
            "ab",
            "../comune.db",
            "ab/../../comune.db",
            "ab/abcdef0123456789abcdef0123456789.jpg/..",
            "cd/abcdef0123456789abcdef0123456789.jpg",
            "ab/ABCDEF0123456789ABCDEF0123456789.jpg",
            "ab/abcdef0123456789abcdef0123456789.svg",
            "ab/abcdef0123456789abcdef0123456789.jpg.png",
            "ab/abcdef0123456789abcdef012345678.jpg",
            "ab\\abcdef0123456789abcdef0123456789.jpg",
            "ab/abcdef0123456789abcdef0123456789.jpg\0",
        ] {
            assert!(!is_key(bad), "{bad:?}");
        }
        assert!(is_key("ab/abcdef0123456789abcdef0123456789.jpg"));
    }

    #[test]
    fn files_are_written_whole_and_removed_once() {
        let dir = tempfile::tempdir().unwrap();
        let files = MediaFiles::in_data_dir(dir.path());
        let key = new_key("jpg");
        files.write(&key, b"pixels").unwrap();
        let path = files.path(&key).unwrap();
        assert!(path.starts_with(dir.path().join("uploads")));
        assert_eq!(std::fs::read(&path).unwrap(), b"pixels");
        // Nothing but the file is left in its folder.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
        files.remove(&key).unwrap();
        files.remove(&key).unwrap();
        assert!(!path.exists());
        assert!(files.write("../escape.jpg", b"x").is_err());
    }
}
