//! Line-department categories (自然资源, 教育, 卫健 …) and the compiled-in table of
//! common bureau names and their variants that maps a bureau to its category.

use std::fmt;

/// The line department a unit belongs to: what a 行业主管部门 is chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // Each variant is named by its `label_zh`.
pub enum Category {
    GovernmentOffice,
    PartyOffice,
    Cyberspace,
    Data,
    Organisation,
    Publicity,
    UnitedFront,
    PoliticsLaw,
    Discipline,
    SocialWork,
    Development,
    Education,
    Science,
    Industry,
    PublicSecurity,
    CivilAffairs,
    Justice,
    Finance,
    HumanResources,
    NaturalResources,
    Ecology,
    Housing,
    Transport,
    WaterResources,
    Agriculture,
    Commerce,
    CultureTourism,
    Health,
    VeteranAffairs,
    Emergency,
    Audit,
    Market,
    Statistics,
    Forestry,
    UrbanManagement,
    MedicalSecurity,
    Petition,
    EthnicReligious,
    Sports,
    Taxation,
    Meteorology,
    Militia,
    Court,
    Procuratorate,
    Congress,
    Cppcc,
    TradeUnion,
    Youth,
    Women,
    Disabled,
}

/// One row of the table: the category, name stems that take any bureau suffix
/// (局, 厅, 委员会, 委, 分局), whole bureau names, the names of institutions under the
/// line department (they share its category but are units of their own), and keywords
/// for names the table lacks.
struct Row {
    category: Category,
    code: &'static str,
    label: &'static str,
    stems: &'static [&'static str],
    names: &'static [&'static str],
    institutions: &'static [&'static str],
    keywords: &'static [&'static str],
}

/// Bureau suffixes a stem takes.
const STEM_SUFFIXES: [&str; 5] = ["局", "厅", "委员会", "委", "分局"];

#[rustfmt::skip]
const TABLE: &[Row] = &[
    Row { category: Category::GovernmentOffice, code: "government-office", label: "政府办公室",
        stems: &[], names: &["人民政府办公室", "政府办公室", "人民政府办公厅", "政府办公厅", "政府办", "府办", "政务公开办公室"], institutions: &[],
        keywords: &["政府办", "政务公开"] },
    Row { category: Category::PartyOffice, code: "party-office", label: "党委办公室",
        stems: &[], names: &["委办公室", "委办", "委办公厅", "党委办公室", "党委办", "党政办", "党政综合办公室", "党政办公室"], institutions: &[],
        keywords: &["党政办", "委办公"] },
    Row { category: Category::Cyberspace, code: "cyberspace", label: "网信",
        stems: &[], names: &["网信办", "委网信办", "网络安全和信息化委员会办公室", "委网络安全和信息化委员会办公室", "互联网信息办公室", "网信局"], institutions: &[],
        keywords: &["网信", "网络安全和信息化", "互联网信息"] },
    Row { category: Category::Data, code: "data", label: "数据/政务服务",
        stems: &["数据", "大数据", "大数据发展管理", "大数据管理", "数据资源管理", "政务服务数据管理", "政务服务和数据管理", "政务服务管理", "政务数据", "行政审批", "行政审批服务", "政务服务和大数据管理"],
        names: &["政数局", "审批局", "营商环境建设局"], institutions: &["政务服务中心", "大数据中心", "政务服务和大数据中心"],
        keywords: &["数据", "政务服务", "行政审批", "营商环境", "便民服务"] },
    Row { category: Category::Organisation, code: "organisation", label: "组织",
        stems: &[], names: &["组织部", "委组织部", "编办", "委编办", "机构编制委员会办公室", "委机构编制委员会办公室"], institutions: &[],
        keywords: &["组织部", "机构编制", "编办", "机关工委", "直属机关工作委员会"] },
    Row { category: Category::Publicity, code: "publicity", label: "宣传",
        stems: &[], names: &["宣传部", "委宣传部", "人民政府新闻办公室", "新闻办", "精神文明建设办公室", "文明办"], institutions: &["融媒体中心"],
        keywords: &["宣传", "新闻办", "精神文明", "文明办", "融媒体", "新闻中心", "广播电视台"] },
    Row { category: Category::UnitedFront, code: "united-front", label: "统战",
        stems: &[], names: &["统战部", "委统战部", "统一战线工作部", "委统一战线工作部"], institutions: &[],
        keywords: &["统战", "统一战线"] },
    Row { category: Category::PoliticsLaw, code: "politics-law", label: "政法",
        stems: &["政法"], names: &["政法委员会", "委政法委员会", "政法委", "委政法委", "综治办"], institutions: &["综治中心"],
        keywords: &["政法", "综治", "平安建设"] },
    Row { category: Category::Discipline, code: "discipline", label: "纪检监察",
        stems: &[], names: &["纪委监委", "纪委", "监委", "纪律检查委员会", "监察委员会", "纪工委", "纪检监察工委"], institutions: &[],
        keywords: &["纪律检查", "纪检", "监察委"] },
    Row { category: Category::SocialWork, code: "social-work", label: "社会工作",
        stems: &[], names: &["社会工作部", "委社会工作部", "社工部"], institutions: &[],
        keywords: &["社会工作部"] },
    Row { category: Category::Development, code: "development", label: "发展改革",
        stems: &["发展和改革", "发展改革", "发改"], names: &[], institutions: &[],
        keywords: &["发展和改革", "发展改革", "发改"] },
    Row { category: Category::Education, code: "education", label: "教育",
        stems: &["教育", "教育体育", "教育和体育", "教体", "教育科技", "教育科学技术"], names: &["教委"], institutions: &[],
        keywords: &["教育", "学校", "中学", "小学", "幼儿园", "教研"] },
    Row { category: Category::Science, code: "science", label: "科技",
        stems: &["科学技术", "科技"], names: &[], institutions: &[],
        keywords: &["科学技术局", "科技局"] },
    Row { category: Category::Industry, code: "industry", label: "工业和信息化",
        stems: &["工业和信息化", "工信", "经济和信息化", "经信", "工业和科技", "经济信息化"], names: &[], institutions: &[],
        keywords: &["工业和信息化", "经济和信息化", "工信", "经信"] },
    Row { category: Category::PublicSecurity, code: "public-security", label: "公安",
        stems: &["公安"], names: &["公安交通管理局"], institutions: &["派出所", "交警大队"],
        keywords: &["公安", "派出所", "交警", "交通警察"] },
    Row { category: Category::CivilAffairs, code: "civil-affairs", label: "民政",
        stems: &["民政"], names: &[], institutions: &[],
        keywords: &["民政", "养老服务", "社会福利", "救助管理"] },
    Row { category: Category::Justice, code: "justice", label: "司法",
        stems: &["司法"], names: &[], institutions: &["司法所"],
        keywords: &["司法", "法律援助", "公证处"] },
    Row { category: Category::Finance, code: "finance", label: "财政",
        stems: &["财政"], names: &[], institutions: &["财政所"],
        keywords: &["财政", "国库"] },
    Row { category: Category::HumanResources, code: "human-resources", label: "人力资源社会保障",
        stems: &["人力资源和社会保障", "人力资源社会保障", "人社"], names: &[], institutions: &["人才发展服务中心"],
        keywords: &["人力资源", "社会保障", "人社", "就业", "社保", "人才"] },
    Row { category: Category::NaturalResources, code: "natural-resources", label: "自然资源",
        stems: &["自然资源", "自然资源和规划", "规划和自然资源", "国土资源", "自然资源规划", "国土"], names: &[], institutions: &["自然资源所", "国土资源所"],
        keywords: &["自然资源", "国土", "不动产登记"] },
    Row { category: Category::Ecology, code: "ecology", label: "生态环境",
        stems: &["生态环境", "环境保护", "环保"], names: &[], institutions: &[],
        keywords: &["生态环境", "环境保护", "环保", "环境监测"] },
    Row { category: Category::Housing, code: "housing", label: "住房城乡建设",
        stems: &["住房和城乡建设", "住房城乡建设", "住建", "住房和城乡规划建设", "住房保障"], names: &[], institutions: &["住房公积金管理中心"],
        keywords: &["住房", "城乡建设", "住建", "公积金", "物业"] },
    Row { category: Category::Transport, code: "transport", label: "交通运输",
        stems: &["交通运输", "交通"], names: &["公路局"], institutions: &["公路事业发展中心", "运输管理所"],
        keywords: &["交通运输", "公路", "运输管理", "交通局"] },
    Row { category: Category::WaterResources, code: "water-resources", label: "水利",
        stems: &["水利", "水务", "水利和湖泊", "水资源"], names: &[], institutions: &["水利站", "水管站"],
        keywords: &["水利", "水务", "河湖", "河长"] },
    Row { category: Category::Agriculture, code: "agriculture", label: "农业农村",
        stems: &["农业农村", "农业", "农业和农村", "乡村振兴", "农业农村和水利", "畜牧兽医", "农业机械化"], names: &[], institutions: &["农技站", "农业综合服务中心", "农经站"],
        keywords: &["农业", "农村", "乡村振兴", "农技", "畜牧", "扶贫", "农机", "渔业"] },
    Row { category: Category::Commerce, code: "commerce", label: "商务",
        stems: &["商务", "商务和投资促进", "商务和经济合作"], names: &[], institutions: &[],
        keywords: &["商务", "招商", "投资促进"] },
    Row { category: Category::CultureTourism, code: "culture-tourism", label: "文化旅游",
        stems: &["文化和旅游", "文化广电旅游", "文化广电体育和旅游", "文化旅游", "文旅", "文化广电新闻出版旅游", "文化体育和旅游", "文广旅体", "文广新旅"], names: &[], institutions: &["文化馆", "图书馆", "博物馆", "文化站", "综合文化站"],
        keywords: &["文化", "旅游", "文旅", "图书馆", "博物馆", "非遗"] },
    Row { category: Category::Health, code: "health", label: "卫生健康",
        stems: &["卫生健康", "卫健", "卫生和计划生育", "卫计", "卫生"], names: &[], institutions: &["疾病预防控制中心", "疾控中心", "卫生院", "中心血站"],
        keywords: &["卫生", "卫健", "健康", "疾病预防", "疾控", "医院", "血站", "爱国卫生", "计划生育"] },
    Row { category: Category::VeteranAffairs, code: "veteran-affairs", label: "退役军人事务",
        stems: &["退役军人事务", "退役军人"], names: &[], institutions: &["退役军人服务中心", "退役军人服务站"],
        keywords: &["退役军人", "双拥"] },
    Row { category: Category::Emergency, code: "emergency", label: "应急管理",
        stems: &["应急管理", "应急", "安全生产监督管理", "安监"], names: &["消防救援局"], institutions: &["消防救援支队", "消防救援大队", "消防大队"],
        keywords: &["应急", "安全生产", "安监", "消防", "防汛", "减灾", "森林防火"] },
    Row { category: Category::Audit, code: "audit", label: "审计",
        stems: &["审计"], names: &[], institutions: &[],
        keywords: &["审计"] },
    Row { category: Category::Market, code: "market", label: "市场监管",
        stems: &["市场监督管理", "市场监管", "市场和质量监督管理", "食品药品监督管理"], names: &[], institutions: &["市场监督管理所", "市场监管所"],
        keywords: &["市场监督", "市场监管", "食品药品", "质量监督", "特种设备"] },
    Row { category: Category::Statistics, code: "statistics", label: "统计",
        stems: &["统计"], names: &[], institutions: &["统计站", "调查队"],
        keywords: &["统计", "调查队"] },
    Row { category: Category::Forestry, code: "forestry", label: "林业",
        stems: &["林业", "林业和草原", "林草"], names: &[], institutions: &["林业站", "林场"],
        keywords: &["林业", "林草", "林场", "森林"] },
    Row { category: Category::UrbanManagement, code: "urban-management", label: "城市管理",
        stems: &["城市管理", "城市管理综合执法", "城管", "综合行政执法", "城市管理和综合执法"], names: &[], institutions: &["城市运行管理中心"],
        keywords: &["城市管理", "城管", "综合行政执法", "城市运行"] },
    Row { category: Category::MedicalSecurity, code: "medical-security", label: "医疗保障",
        stems: &["医疗保障", "医保"], names: &[], institutions: &[],
        keywords: &["医疗保障", "医保"] },
    Row { category: Category::Petition, code: "petition", label: "信访",
        stems: &["信访"], names: &[], institutions: &[],
        keywords: &["信访"] },
    Row { category: Category::EthnicReligious, code: "ethnic-religious", label: "民族宗教",
        stems: &["民族宗教事务", "民族宗教", "民宗", "民族事务"], names: &[], institutions: &[],
        keywords: &["民族宗教", "民宗", "宗教事务"] },
    Row { category: Category::Sports, code: "sports", label: "体育",
        stems: &["体育"], names: &[], institutions: &[],
        keywords: &["体育"] },
    Row { category: Category::Taxation, code: "taxation", label: "税务",
        stems: &["税务"], names: &[], institutions: &["税务所"],
        keywords: &["税务"] },
    Row { category: Category::Meteorology, code: "meteorology", label: "气象",
        stems: &["气象"], names: &[], institutions: &["气象台"],
        keywords: &["气象"] },
    Row { category: Category::Militia, code: "militia", label: "人民武装",
        stems: &[], names: &["人民武装部", "武装部", "人武部"], institutions: &[],
        keywords: &["武装部", "人武部"] },
    Row { category: Category::Court, code: "court", label: "法院",
        stems: &[], names: &["人民法院", "中级人民法院", "高级人民法院", "法院"], institutions: &[],
        keywords: &["法院", "法庭"] },
    Row { category: Category::Procuratorate, code: "procuratorate", label: "检察院",
        stems: &[], names: &["人民检察院", "检察院"], institutions: &[],
        keywords: &["检察"] },
    Row { category: Category::Congress, code: "congress", label: "人大",
        stems: &[], names: &["人大常委会", "人民代表大会常务委员会", "人大", "人大常委会办公室"], institutions: &[],
        keywords: &["人大", "人民代表大会"] },
    Row { category: Category::Cppcc, code: "cppcc", label: "政协",
        stems: &[], names: &["政协", "政协委员会", "中国人民政治协商会议委员会"], institutions: &[],
        keywords: &["政协", "政治协商"] },
    Row { category: Category::TradeUnion, code: "trade-union", label: "工会",
        stems: &[], names: &["总工会", "工会", "机关工会"], institutions: &[],
        keywords: &["工会"] },
    Row { category: Category::Youth, code: "youth", label: "共青团",
        stems: &[], names: &["团委", "共青团", "团县委", "团市委", "团区委", "团省委", "团州委", "团工委"], institutions: &[],
        keywords: &["共青团", "团委"] },
    Row { category: Category::Women, code: "women", label: "妇联",
        stems: &[], names: &["妇联", "妇女联合会", "妇委会"], institutions: &[],
        keywords: &["妇联", "妇女联合会", "妇女"] },
    Row { category: Category::Disabled, code: "disabled", label: "残联",
        stems: &[], names: &["残联", "残疾人联合会"], institutions: &[],
        keywords: &["残联", "残疾人"] },
];

impl Category {
    /// Every category, in table order.
    pub fn all() -> impl Iterator<Item = Category> {
        TABLE.iter().map(|r| r.category)
    }

    fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|r| r.category == self)
            .expect("every category has a table row")
    }

    /// A stable kebab-case code (`natural-resources`).
    pub fn code(self) -> &'static str {
        self.row().code
    }

    /// The category with this code (`natural-resources`) or Chinese label (自然资源).
    pub fn parse(text: &str) -> Option<Category> {
        let text = text.trim();
        TABLE
            .iter()
            .find(|row| row.code == text || row.label == text)
            .map(|row| row.category)
    }

    /// The Chinese label (自然资源).
    pub fn label_zh(self) -> &'static str {
        self.row().label
    }

    /// The category whose table holds exactly this bureau name (卫健委, 卫生健康委员会,
    /// 卫生健康局 are all 卫生健康).
    pub fn of_exact(bureau: &str) -> Option<Category> {
        TABLE.iter().find_map(|row| {
            let by_name = row.names.contains(&bureau);
            let by_stem = row.stems.iter().any(|stem| {
                bureau
                    .strip_prefix(stem)
                    .is_some_and(|suffix| STEM_SUFFIXES.contains(&suffix))
            });
            (by_name || by_stem).then_some(row.category)
        })
    }

    /// The category of a unit name: a bureau name of the table first, then an
    /// institution name (疾病预防控制中心 is 卫生健康), else the first row whose keyword
    /// the name contains (人民政府 is not read as 民政).
    pub fn of(name: &str) -> Option<Category> {
        Category::of_exact(name)
            .or_else(|| {
                TABLE
                    .iter()
                    .find(|row| row.institutions.contains(&name))
                    .map(|row| row.category)
            })
            .or_else(|| {
                let scanned = name.replace("人民政府", "、");
                TABLE
                    .iter()
                    .find(|row| row.keywords.iter().any(|k| scanned.contains(k)))
                    .map(|row| row.category)
            })
    }

    /// The longest table name (or stem with a suffix) that `text` starts with, in bytes.
    pub(crate) fn longest_known_prefix(text: &str) -> Option<usize> {
        let mut best = 0;
        for row in TABLE {
            for name in row.names.iter().chain(row.institutions) {
                if text.starts_with(name) {
                    best = best.max(name.len());
                }
            }
            for stem in row.stems {
                if let Some(rest) = text.strip_prefix(stem) {
                    for suffix in STEM_SUFFIXES {
                        if rest.starts_with(suffix) {
                            best = best.max(stem.len() + suffix.len());
                        }
                    }
                }
            }
        }
        (best > 0).then_some(best)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_codes_and_labels() {
        for category in Category::all() {
            assert_eq!(Category::parse(category.code()), Some(category));
            assert_eq!(Category::parse(category.label_zh()), Some(category));
        }
        assert_eq!(Category::parse("网信"), Some(Category::Cyberspace));
        assert_eq!(Category::parse("bogus"), None);
    }
    use std::collections::BTreeSet;

    #[test]
    fn every_category_has_one_row_and_unique_code() {
        let codes: BTreeSet<&str> = TABLE.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), TABLE.len());
        let categories: BTreeSet<Category> = Category::all().collect();
        assert_eq!(categories.len(), TABLE.len());
        for row in TABLE {
            assert!(!row.keywords.is_empty(), "{}", row.code);
            assert_eq!(row.category.code(), row.code);
        }
    }

    #[test]
    fn variants_of_one_bureau_share_a_category() {
        for name in [
            "卫生健康委员会",
            "卫健委",
            "卫健局",
            "卫生健康局",
            "卫生和计划生育委员会",
        ] {
            assert_eq!(Category::of_exact(name), Some(Category::Health), "{name}");
        }
        for name in [
            "自然资源局",
            "自然资源和规划局",
            "自然资源厅",
            "规划和自然资源局",
        ] {
            assert_eq!(
                Category::of_exact(name),
                Some(Category::NaturalResources),
                "{name}"
            );
        }
        for name in [
            "数据局",
            "大数据发展管理局",
            "政务服务数据管理局",
            "行政审批局",
        ] {
            assert_eq!(Category::of_exact(name), Some(Category::Data), "{name}");
        }
        assert_eq!(
            Category::of_exact("人民政府办公室"),
            Some(Category::GovernmentOffice)
        );
        assert_eq!(
            Category::of_exact("政府办"),
            Some(Category::GovernmentOffice)
        );
        assert_eq!(Category::of_exact("网信办"), Some(Category::Cyberspace));
        assert_eq!(Category::of_exact("教育体育局"), Some(Category::Education));
        assert_eq!(
            Category::of_exact("疾病预防控制中心"),
            None,
            "an institution, not the bureau"
        );
        assert_eq!(Category::of("疾病预防控制中心"), Some(Category::Health));
        assert_eq!(Category::of("人民政府"), None);
        assert_eq!(
            Category::of("人民政府办公室"),
            Some(Category::GovernmentOffice)
        );
        assert_eq!(Category::of_exact("疾病预防控制"), None);
        assert_eq!(Category::of_exact("书店"), None);
    }

    #[test]
    fn keywords_cover_names_the_table_lacks() {
        assert_eq!(Category::of("融媒体中心"), Some(Category::Publicity));
        assert_eq!(
            Category::of("公安局交通警察大队"),
            Some(Category::PublicSecurity)
        );
        assert_eq!(Category::of("第一中学"), Some(Category::Education));
        assert_eq!(Category::of("工业和信息化局"), Some(Category::Industry));
        assert_eq!(
            Category::of("网络安全和信息化委员会办公室"),
            Some(Category::Cyberspace)
        );
        assert_eq!(Category::of("书店"), None);
        assert_eq!(Category::Health.label_zh(), "卫生健康");
        assert_eq!(Category::Health.to_string(), "卫生健康");
    }

    #[test]
    fn longest_known_prefix_prefers_the_longest_name() {
        assert_eq!(
            Category::longest_known_prefix("政府办公室综合科"),
            Some("政府办公室".len())
        );
        assert_eq!(
            Category::longest_known_prefix("人民政府办公室"),
            Some("人民政府办公室".len())
        );
        assert_eq!(
            Category::longest_known_prefix("公安局刑侦大队"),
            Some("公安局".len())
        );
        assert_eq!(
            Category::longest_known_prefix("卫生健康委员会"),
            Some("卫生健康委员会".len())
        );
        assert_eq!(Category::longest_known_prefix("书店"), None);
    }
}
