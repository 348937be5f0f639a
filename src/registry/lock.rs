//! The refresh lock: an exclusive lock on a file next to the registry
//! (`<db>.lock`) so that two refreshes never run against one registry at once. The
//! holder writes its process id into the file so the refusal can name it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use crate::error::{Error, Result};

/// A held refresh lock; released when dropped (and by the OS if the process dies).
#[derive(Debug)]
pub struct RefreshLock {
    file: File,
    path: PathBuf,
}

/// The lock file of a registry: the registry path with `.lock` appended.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

impl RefreshLock {
    /// Takes the lock for `db`, or fails at once with a message naming the lock file
    /// and the process holding it.
    pub fn acquire(db: &Path) -> Result<RefreshLock> {
        // Refuse another program's file before leaving a lock file beside it.
        super::store::check_registry_file(db)?;
        let path = lock_path(db);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let locked = file.try_lock_exclusive().map_err(|e| Error::io(&path, e))?;
        if !locked {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let holder = if holder.is_empty() {
                "未知".to_string()
            } else {
                holder.to_string()
            };
            return Err(Error::Usage(format!(
                "另一个刷新正在使用登记库 {}（锁文件 {}，持有进程 PID {holder}），本次刷新未执行；请等它结束后再试",
                db.display(),
                path.display()
            )));
        }
        file.set_len(0).map_err(|e| Error::io(&path, e))?;
        file.seek(SeekFrom::Start(0))
            .map_err(|e| Error::io(&path, e))?;
        write!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
        file.flush().map_err(|e| Error::io(&path, e))?;
        Ok(RefreshLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for RefreshLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_is_refused_with_pid() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        let first = RefreshLock::acquire(&db).unwrap();
        let err = RefreshLock::acquire(&db).unwrap_err().to_string();
        assert!(err.contains("r.db.lock"), "{err}");
        assert!(err.contains(&std::process::id().to_string()), "{err}");
        drop(first);
        RefreshLock::acquire(&db).unwrap();
    }
}
