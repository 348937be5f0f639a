//! fingertip audits the sprawl of government apps, mini programs, public accounts,
//! work groups, work platforms and reporting forms ("指尖上的形式主义").
//!
//! The pipeline, wired in [`pipeline`] and nowhere else (the `fingertip` binary adds
//! the command line and all console output):
//!
//! ```text
//! sources (files, crawl) → registry (resolve, store, history) → overlap → rules → recommend → report
//! ```
//!
//! - [`sources`] reads inventory tables and documents (and crawls public listings) into
//!   [`model::Record`]s and [`model::Document`]s plus a list of [`model::Problem`]s.
//! - [`normalize`] maps the many spellings of a function or data field to canonical tags.
//! - [`registry`] resolves records into [`model::Platform`]s with stable ids, and keeps
//!   them in SQLite across refreshes.
//! - [`overlap`] finds platforms whose functions and data overlap and clusters them.
//! - [`rules`] checks every platform against the policy rule catalog.
//! - [`recommend`] turns findings and clusters into actions with reasons and assignees.
//! - [`report`] renders the results as JSON, Markdown, HTML, XLSX, CSV, GraphML and DOT.
//!
//! `overlap`, `rules` and `recommend` are pure: they do no I/O and cannot fail on it.
#![deny(missing_docs)]

pub mod config;
pub mod error;
pub mod model;
pub mod normalize;
pub mod org;
pub mod overlap;
pub mod pipeline;
pub mod progress;
pub mod proposal;
pub mod recommend;
pub mod registry;
pub mod report;
pub mod rules;
pub mod sources;

pub use error::{Error, Result};
