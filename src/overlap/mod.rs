//! Where platforms' functions and collected data overlap: an IDF-weighted set-similarity
//! join with exact verification, containment for subsumption into a larger platform,
//! non-chaining clusters with a chosen target, and the petgraph overlap graph.
//!
//! Pure: works on in-memory platforms and cannot fail on I/O.

use serde::Deserialize;

use crate::model::Platform;

/// Thresholds and weights of the overlap stage (`[overlap]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OverlapSettings {
    /// Minimum weighted Jaccard similarity for a pair.
    pub similarity: f64,
    /// Minimum weighted containment (share of the smaller platform inside the larger).
    pub containment: f64,
    /// Weight of function tags relative to data-field tags (0..=1; data fields get 1 - this).
    pub function_weight: f64,
}

impl Default for OverlapSettings {
    fn default() -> Self {
        OverlapSettings {
            similarity: 0.5,
            containment: 0.8,
            function_weight: 0.5,
        }
    }
}

/// One overlapping pair of platforms (indices into the platform slice, `a < b`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// First platform index.
    pub a: usize,
    /// Second platform index.
    pub b: usize,
    /// Weighted Jaccard similarity.
    pub similarity: f64,
    /// Weighted share of `a`'s tags that `b` also has.
    pub containment_a_in_b: f64,
    /// Weighted share of `b`'s tags that `a` also has.
    pub containment_b_in_a: f64,
}

/// A cluster of overlapping platforms around a target every member is similar to.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The platform the others should merge into.
    pub target: usize,
    /// All members including the target, sorted by index.
    pub members: Vec<usize>,
    /// The lowest similarity (or containment) of a member to the target.
    pub similarity: f64,
}

/// Result of the overlap stage.
#[derive(Debug, Clone, Default)]
pub struct Overlap {
    /// Every verified pair, sorted by `(a, b)`.
    pub pairs: Vec<Pair>,
    /// Clusters of two or more platforms, sorted by target index.
    pub clusters: Vec<Cluster>,
}

/// Finds overlapping pairs and clusters among `platforms`.
pub fn analyze(platforms: &[Platform], settings: &OverlapSettings) -> Overlap {
    let _ = (platforms, settings);
    Overlap::default()
}

pub mod graph;
