//! Files and folders Libertas creates are private to the user it runs as: files 0600, folders
//! 0700, whatever the process umask says.
//!
//! A mode passed to `open(2)` or `mkdir(2)` is masked by the umask, which can only remove
//! bits; a umask of 000 would still leave 0600, but an odd umask such as 0277 would leave a file
//! its owner cannot write. So every file and folder is created with the private mode *and* then
//! set to exactly that mode. SQLite gives a database's `-wal` and `-shm` files the mode of the
//! database file, which is why the database files are created here, empty and 0600, before
//! SQLite first opens them.
//!
//! On systems other than Unix these functions create files and folders with the platform's
//! defaults.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The mode of every file Libertas creates.
pub const FILE_MODE: u32 = 0o600;
/// The mode of every folder Libertas creates.
pub const DIR_MODE: u32 = 0o700;

fn open_private(path: &Path, opts: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(FILE_MODE);
    }
    let file = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok(file)
}

/// Creates a new file with mode 0600 for writing; refuses an existing one.
pub fn create_new(path: &Path) -> io::Result<File> {
    open_private(path, OpenOptions::new().write(true).create_new(true))
}

/// Creates (or truncates) a file with mode 0600 for writing: temporary files that are renamed
/// into place, where a stale one from a crash may be in the way.
pub fn create(path: &Path) -> io::Result<File> {
    open_private(
        path,
        OpenOptions::new().write(true).create(true).truncate(true),
    )
}

/// Creates `dir` and any missing parents with mode 0700. Folders that already exist are left
/// as they are (an operator's folder is theirs).
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        if !parent.as_os_str().is_empty() && !parent.is_dir() {
            create_dir_all(parent)?;
        }
    }
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(DIR_MODE);
    }
    match b.create(dir) {
        Ok(()) => set_mode(dir, DIR_MODE),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// A folder of Libertas's own inside the data directory (`backups`, `evidence`, …): created
/// with mode 0700, or set to 0700 if it already exists with a looser mode.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    create_dir_all(dir)?;
    tighten(dir, DIR_MODE).map(|_| ())
}

/// Makes sure an existing file (or folder) gives nothing to group or others: an older
/// Libertas, or a copy made with another umask, may have left it readable. Returns whether
/// the mode had to change. A missing path is left alone.
#[cfg(unix)]
pub fn tighten(path: &Path, mode: u32) -> io::Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().mode() & 0o077 != 0 => {
            set_mode(path, mode)?;
            Ok(true)
        }
        Ok(_) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Elsewhere file modes are the platform's business.
#[cfg(not(unix))]
pub fn tighten(_path: &Path, _mode: u32) -> io::Result<bool> {
    Ok(false)
}

/// Creates an empty SQLite database file with mode 0600 if it does not exist, so that SQLite,
/// which creates `-wal` and `-shm` with the database file's mode, keeps them private too; an
/// existing one (and its `-wal`, `-shm`) is tightened to 0600.
pub fn prepare_sqlite_file(path: &Path) -> io::Result<()> {
    match create_new(path) {
        Ok(f) => {
            f.sync_all()?;
            if let Some(dir) = path.parent() {
                File::open(dir)?.sync_all()?;
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                if tighten(Path::new(&p), FILE_MODE)? {
                    tracing::warn!(file = %Path::new(&p).display(), "tightened a database file to mode 0600");
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_exact() {
        let t = tempfile::tempdir().unwrap();
        let deep = t.path().join("a/b/c");
        create_dir_all(&deep).unwrap();
        assert_eq!(mode(&deep), 0o700);
        let f = deep.join("f");
        drop(create_new(&f).unwrap());
        assert_eq!(mode(&f), 0o600);
        assert!(
            create_new(&f).is_err(),
            "create_new refuses an existing file"
        );
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(tighten(&f, FILE_MODE).unwrap());
        assert_eq!(mode(&f), 0o600);
        let db = deep.join("x.sqlite");
        prepare_sqlite_file(&db).unwrap();
        assert_eq!(
            (mode(&db), std::fs::metadata(&db).unwrap().len()),
            (0o600, 0)
        );
    }
}
