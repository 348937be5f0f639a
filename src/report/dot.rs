//! `overlap.dot`: the overlap graph of clusters in Graphviz DOT. Each cluster becomes a
//! `subgraph cluster_<n>` box; platform nodes are boxes labelled with name and id, tag
//! nodes are ellipses (data fields dashed). Every id is quoted and escaped.

use std::collections::BTreeMap;
use std::io::Write;

use petgraph::visit::EdgeRef;

use super::escape;
use super::graphml::finite;
use crate::model::Platform;
use crate::overlap::graph::{GraphEdge, GraphNode, OverlapGraph};

/// Writes `graph` as an undirected DOT graph.
pub fn write_dot(
    graph: &OverlapGraph,
    platforms: &[Platform],
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all(
        b"graph \"overlap\" {\n  graph [overlap=false, splines=true, fontname=\"Noto Sans CJK SC\"];\n  node [fontname=\"Noto Sans CJK SC\"];\n  edge [fontname=\"Noto Sans CJK SC\"];\n",
    )?;
    // Platform nodes grouped by cluster so each cluster draws as one box.
    let mut by_cluster: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for idx in graph.node_indices() {
        match &graph[idx] {
            GraphNode::Platform { platform, cluster } => {
                by_cluster
                    .entry(*cluster)
                    .or_default()
                    .push((idx.index(), *platform));
            }
            GraphNode::Tag {
                tag, data_field, ..
            } => {
                let style = if *data_field { ", style=dashed" } else { "" };
                writeln!(
                    out,
                    "  \"n{}\" [label=\"{}\", shape=ellipse{style}];",
                    idx.index(),
                    escape::dot(tag)
                )?;
            }
        }
    }
    for (cluster, nodes) in &by_cluster {
        let number = cluster + 1;
        writeln!(out, "  subgraph \"cluster_{number}\" {{")?;
        writeln!(out, "    label=\"#{number}\";")?;
        for (node, platform) in nodes {
            let label = match platforms.get(*platform) {
                Some(p) => format!("{}\n{}", p.name, p.id),
                None => String::new(),
            };
            let kind = platforms.get(*platform).map_or("", |p| p.kind.code());
            writeln!(
                out,
                "    \"n{node}\" [label=\"{}\", shape=box, kind=\"{kind}\"];",
                escape::dot(&label)
            )?;
        }
        writeln!(out, "  }}")?;
    }
    for edge in graph.edge_references() {
        let (attrs, weight) = match edge.weight() {
            GraphEdge::Similar { similarity } => ("penwidth=2", *similarity),
            GraphEdge::HasTag { weight } => ("color=gray", *weight),
        };
        let weight = finite(weight);
        writeln!(
            out,
            "  \"n{}\" -- \"n{}\" [weight={weight:.3}, label=\"{weight:.2}\", {attrs}];",
            edge.source().index(),
            edge.target().index()
        )?;
    }
    out.write_all(b"}\n")
}
