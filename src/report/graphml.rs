//! `overlap.graphml`: the overlap graph of clusters as GraphML, which Gephi, yEd and
//! networkx open directly. Nodes carry their type (platform or tag), name, kind, cluster
//! number and weight; edges carry their type and weight.

use std::io::Write;

use petgraph::visit::EdgeRef;

use super::escape;
use crate::model::Platform;
use crate::overlap::graph::{GraphEdge, GraphNode, OverlapGraph};

/// Writes `graph` as GraphML. Platform nodes are named by their platform id (`p:<id>`),
/// tag nodes by their tag (`t:<tag>` / `d:<tag>` for data fields); node ids in the file
/// are `n<index>` so any id text is safe. Cluster numbers are 1-based, as in
/// `clusters.json`.
pub fn write_graphml(
    graph: &OverlapGraph,
    platforms: &[Platform],
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="pid" for="node" attr.name="platform_id" attr.type="string"/>
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="cluster" for="node" attr.name="cluster" attr.type="int"/>
  <key id="nweight" for="node" attr.name="weight" attr.type="double"/>
  <key id="etype" for="edge" attr.name="type" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="overlap" edgedefault="undirected">
"#,
    )?;
    for idx in graph.node_indices() {
        let node_id = idx.index();
        match &graph[idx] {
            GraphNode::Platform { platform, cluster } => {
                let (pid, name, kind) = match platforms.get(*platform) {
                    Some(p) => (p.id.as_str(), p.name.as_str(), p.kind.code()),
                    None => ("", "", ""),
                };
                writeln!(
                    out,
                    "    <node id=\"n{node_id}\"><data key=\"type\">platform</data><data key=\"pid\">{}</data><data key=\"name\">{}</data><data key=\"kind\">{kind}</data><data key=\"cluster\">{}</data></node>",
                    escape::xml(pid),
                    escape::xml(name),
                    cluster + 1
                )?;
            }
            GraphNode::Tag {
                tag,
                data_field,
                weight,
                ..
            } => {
                let kind = if *data_field {
                    "data_field"
                } else {
                    "function"
                };
                writeln!(
                    out,
                    "    <node id=\"n{node_id}\"><data key=\"type\">tag</data><data key=\"name\">{}</data><data key=\"kind\">{kind}</data><data key=\"nweight\">{}</data></node>",
                    escape::xml(tag),
                    finite(*weight)
                )?;
            }
        }
    }
    for edge in graph.edge_references() {
        let (etype, weight) = match edge.weight() {
            GraphEdge::Similar { similarity } => ("similar", *similarity),
            GraphEdge::HasTag { weight } => ("has_tag", *weight),
        };
        writeln!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"etype\">{etype}</data><data key=\"weight\">{}</data></edge>",
            edge.id().index(),
            edge.source().index(),
            edge.target().index(),
            finite(weight)
        )?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// GraphML doubles cannot be NaN or infinite in most readers; those become 0.
pub(crate) fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}
