//! The library's error type. Errors are for failures that stop a stage (an unreadable
//! inventory folder, a bad settings file, a registry that cannot be opened); bad rows and
//! cells are not errors but [`crate::model::Problem`]s.

use std::path::PathBuf;

/// Errors that stop a command. Every variant names the path, line or URL involved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The inventory path is not a folder or a table file we can read.
    #[error("{path}: 不是清单文件夹或可读取的表格文件（csv/xlsx/json/jsonl）")]
    NotAnInventory {
        /// The path given.
        path: PathBuf,
    },
    /// An inventory could not be read at all (the cause says why).
    #[error("无法读取清单 {path}: {source}")]
    Inventory {
        /// The inventory folder or file.
        path: PathBuf,
        /// What failed.
        #[source]
        source: Box<Error>,
    },
    /// A settings file (fingertip.toml, sources.toml, waivers) is invalid.
    #[error("{path}: 配置错误: {message}")]
    Config {
        /// The settings file.
        path: PathBuf,
        /// What is wrong, with line and key where known.
        message: String,
    },
    /// A bad command-line value that clap could not catch (e.g. a date).
    #[error("参数错误: {0}")]
    Usage(String),
    /// The SQLite registry failed.
    #[error("{path}: 登记库错误: {message}")]
    Registry {
        /// The registry file.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// A proposal for `fingertip check` cannot be read (the file, line or cell and key
    /// are in it).
    #[error(transparent)]
    Proposal(#[from] crate::sources::proposal::ProposalError),
    /// A network fetch failed in a way that stops the crawl of a source.
    #[error("{url}: {message}")]
    Fetch {
        /// The URL involved.
        url: String,
        /// What failed.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
