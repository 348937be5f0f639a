//! The interactive overlap view of `report.html`: the cluster data the page's script
//! draws, embedded as JSON made safe for `<script>`, and its fallback list.

use super::*;

/// A platform as the overlap view's script sees it.
#[derive(Serialize)]
struct NodeJs<'a> {
    /// Platform index, used for the `#p<i>` anchor.
    i: usize,
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    /// Similarity to the cluster target.
    sim: f64,
    /// Whether the page has a detail section for it.
    d: bool,
}

#[derive(Serialize)]
struct ClusterJs<'a> {
    n: usize,
    sim: f64,
    target: NodeJs<'a>,
    members: Vec<NodeJs<'a>>,
}

#[derive(Serialize)]
struct LabelsJs {
    similarity: &'static str,
    target: &'static str,
    members: &'static str,
}

#[derive(Serialize)]
struct GraphJs<'a> {
    labels: LabelsJs,
    clusters: Vec<ClusterJs<'a>>,
}

impl Page<'_, '_> {
    pub(super) fn clusters(&self, out: &mut dyn Write) -> io::Result<()> {
        let prep = self.prep;
        writeln!(
            out,
            "<section id=\"clusters\"><h2>{}</h2>",
            self.t("二、重复建设聚类", "2. Overlap clusters")
        )?;
        if prep.clusters.is_empty() {
            return writeln!(
                out,
                "<p>{}</p></section>",
                self.t(
                    "未发现功能或数据重复建设的平台。",
                    "No platforms overlap in functions or data."
                )
            );
        }
        writeln!(
            out,
            "<p class=\"hint\">{}</p>",
            self.t(
                "每个方框是一组重复建设的平台：中心为建议保留的整合目标，连线越粗相似度越高。点击平台可跳转到详情。",
                "Each box is a group of overlapping platforms: the merge target in the centre, thicker lines for higher similarity. Click a platform for its details."
            )
        )?;
        let drawn = prep.clusters.len().min(prep.options.max_graph_clusters);
        write!(
            out,
            "<div class=\"controls noprint\"><label>{} <select id=\"cluster-pick\"><option value=\"all\">{}</option>",
            self.t("查看", "Show"),
            self.t("全部聚类", "All clusters")
        )?;
        for (k, c) in prep.clusters.iter().take(drawn).enumerate() {
            write!(
                out,
                "<option value=\"{k}\">#{} {}</option>",
                c.number,
                h(&truncate(&prep.platform(c.target).name, 30))
            )?;
        }
        writeln!(out, "</select></label></div>")?;
        write!(out, "<div class=\"legend\">")?;
        let colors = [
            (Kind::App, "#2f6fb0"),
            (Kind::MiniProgram, "#2e9e74"),
            (Kind::Account, "#c07a2c"),
            (Kind::Group, "#8a5cb8"),
            (Kind::Platform, "#b8443a"),
            (Kind::Form, "#6b7280"),
            (Kind::Website, "#4b7f8c"),
        ];
        for (kind, color) in colors {
            write!(
                out,
                "<span><i style=\"background:{color}\"></i>{}</span>",
                text::kind(kind, self.lang)
            )?;
        }
        writeln!(out, "</div>")?;
        writeln!(
            out,
            "<div class=\"graph-wrap\"><svg id=\"cluster-svg\" role=\"img\" aria-label=\"{}\" height=\"240\"></svg></div>",
            self.t("重复建设聚类图", "Overlap cluster graph")
        )?;
        self.capped_note(
            out,
            drawn,
            prep.clusters.len(),
            "clusters.json / overlap.graphml",
        )?;

        // The data the script draws.
        let node = |idx: usize, sim: f64| {
            let p = prep.platform(idx);
            NodeJs {
                i: idx,
                id: &p.id,
                name: &p.name,
                kind: p.kind.code(),
                sim: round3(sim),
                d: self.has_detail.get(idx).copied().unwrap_or(false),
            }
        };
        let graph = GraphJs {
            labels: LabelsJs {
                similarity: self.t("相似度", "similarity"),
                target: self.t("整合目标", "merge target"),
                members: self.t("平台", "platforms"),
            },
            clusters: prep
                .clusters
                .iter()
                .take(drawn)
                .map(|c| ClusterJs {
                    n: c.number,
                    sim: round3(c.similarity),
                    target: node(c.target, 1.0),
                    members: c
                        .members
                        .iter()
                        .filter(|&&m| m != c.target)
                        .map(|&m| {
                            node(
                                m,
                                pair_similarity(prep, m, c.target).unwrap_or(c.similarity),
                            )
                        })
                        .collect(),
                })
                .collect(),
        };
        let json = serde_json::to_string(&graph).map_err(io::Error::other)?;
        writeln!(
            out,
            "<script type=\"application/json\" id=\"cluster-data\">{}</script>",
            escape::script_json(&json)
        )?;

        // The same clusters as a table, for print and for readers without script.
        writeln!(
            out,
            "<h3>{}</h3><table class=\"data sortable\" id=\"cluster-table\"><thead><tr><th data-type=\"num\" class=\"n\">#</th><th>{}</th><th>{}</th><th data-type=\"num\" class=\"n\">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            self.t("聚类明细", "Cluster list"),
            self.t("整合目标", "Target"),
            self.t("重复平台", "Duplicates"),
            self.t("相似度", "Similarity"),
            self.t("共同功能", "Shared functions"),
            self.t("共同采集数据项", "Shared data fields")
        )?;
        let cap = prep.options.max_table_rows;
        for c in prep.clusters.iter().take(cap) {
            let members: Vec<String> = c
                .members
                .iter()
                .filter(|&&m| m != c.target)
                .map(|&m| format!("{}（{}）", self.name_link(m), h(&prep.platform(m).id)))
                .collect();
            writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td>{}（{}）</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                c.number,
                self.name_link(c.target),
                h(&prep.platform(c.target).id),
                members.join("、"),
                round3(c.similarity),
                h(&c.shared_functions.join("、")),
                h(&c.shared_data_fields.join("、"))
            )?;
        }
        writeln!(out, "</tbody></table>")?;
        self.capped_note(
            out,
            prep.clusters.len().min(cap),
            prep.clusters.len(),
            "clusters.json",
        )?;
        writeln!(out, "</section>")
    }
}
