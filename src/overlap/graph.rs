//! The overlap graph of clusters as a petgraph graph: platform nodes, the tags that link
//! them, and weighted similarity edges. Built for clusters only, never for the whole
//! registry; `report` exports it to GraphML and DOT.

use std::collections::BTreeMap;

use petgraph::graph::{NodeIndex, UnGraph};

use super::{Family, Overlap};
use crate::model::Platform;

/// A node of the overlap graph.
#[derive(Debug, Clone, PartialEq)]
pub enum GraphNode {
    /// A platform (index into the platform slice) and its cluster number (0-based).
    Platform {
        /// Platform index.
        platform: usize,
        /// Cluster number in `Overlap::clusters`.
        cluster: usize,
    },
    /// A function or data-field tag shared inside a cluster.
    Tag {
        /// Canonical tag text.
        tag: String,
        /// True for a data field, false for a function.
        data_field: bool,
        /// IDF weight of the tag.
        weight: f64,
        /// Cluster number the tag node belongs to (tag nodes are per cluster, so each
        /// cluster is its own connected component).
        cluster: usize,
    },
}

/// An edge of the overlap graph.
#[derive(Debug, Clone, PartialEq)]
pub enum GraphEdge {
    /// Two platforms overlap with this weighted similarity.
    Similar {
        /// Weighted Jaccard similarity.
        similarity: f64,
    },
    /// A platform has a tag (weight = the tag's IDF weight).
    HasTag {
        /// IDF weight.
        weight: f64,
    },
}

/// The overlap graph type.
pub type OverlapGraph = UnGraph<GraphNode, GraphEdge>;

/// Builds the graph of all clusters: each member, its similarity edge to the target and
/// the tags shared inside its cluster (each member linked to the tags it shares with the
/// target). Nodes are added cluster by cluster, members in index order and tags heaviest
/// first, so the graph is deterministic.
pub fn cluster_graph(platforms: &[Platform], overlap: &Overlap) -> OverlapGraph {
    let all: Vec<usize> = (0..overlap.clusters.len()).collect();
    cluster_graph_of(platforms, overlap, &all)
}

/// The graph of the clusters numbered `cluster_numbers` (positions in
/// `Overlap::clusters`; unknown numbers are skipped). Node cluster numbers stay the
/// positions, so a partial graph still matches `clusters.json`.
pub fn cluster_graph_of(
    platforms: &[Platform],
    overlap: &Overlap,
    cluster_numbers: &[usize],
) -> OverlapGraph {
    let mut graph = OverlapGraph::default();
    let chosen = cluster_numbers
        .iter()
        .filter_map(|&no| overlap.clusters.get(no).map(|c| (no, c)));
    for (cluster_no, cluster) in chosen {
        let nodes: BTreeMap<usize, NodeIndex> = cluster
            .members
            .iter()
            .map(|&m| {
                let node = graph.add_node(GraphNode::Platform {
                    platform: m,
                    cluster: cluster_no,
                });
                (m, node)
            })
            .collect();
        let Some(&target_node) = nodes.get(&cluster.target) else {
            continue;
        };
        // (data_field, tag) -> (node, weight), created on first use.
        let mut tag_nodes: BTreeMap<(bool, String), NodeIndex> = BTreeMap::new();
        for (&member, &node) in &nodes {
            if member == cluster.target {
                continue;
            }
            let Some(pair) = overlap.pair_of(member, cluster.target) else {
                continue;
            };
            graph.add_edge(
                node,
                target_node,
                GraphEdge::Similar {
                    similarity: pair.similarity,
                },
            );
            let (functions, data_fields) = overlap.shared_tags(platforms, member, cluster.target);
            let tagged = functions
                .into_iter()
                .map(|t| (false, t))
                .chain(data_fields.into_iter().map(|t| (true, t)));
            for (data_field, tag) in tagged {
                let weight = overlap.tag_weight(pair.family, &tag, data_field);
                let key = (data_field, tag);
                let tag_node = match tag_nodes.get(&key) {
                    Some(&t) => t,
                    None => {
                        let t = graph.add_node(GraphNode::Tag {
                            tag: key.1.clone(),
                            data_field,
                            weight,
                            cluster: cluster_no,
                        });
                        graph.add_edge(target_node, t, GraphEdge::HasTag { weight });
                        tag_nodes.insert(key, t);
                        t
                    }
                };
                graph.add_edge(node, tag_node, GraphEdge::HasTag { weight });
            }
        }
    }
    graph
}

/// The family two platforms of a cluster were compared in (for tag weights).
pub fn family_of(platforms: &[Platform], a: usize, b: usize) -> Option<Family> {
    Family::of_pair(platforms.get(a)?.kind, platforms.get(b)?.kind)
}
