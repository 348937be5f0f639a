//! `fingertip rules [explain <id>] [--format json]`: the catalog or one rule.

use anyhow::Result;
use fingertip::model::Lang;
use fingertip::rules;

use super::{print_text, Status};
use crate::cli::{OutputFormat, RulesAction, RulesArgs};

/// Prints the catalog or one rule. An unknown id is a usage error (exit 2) naming close
/// ids.
pub fn run(args: &RulesArgs, lang: Lang) -> Result<Status> {
    let settings = rules::RuleSettings::default();
    let text = match &args.action {
        None => match args.format {
            OutputFormat::Text => rules::render::list_text(lang),
            OutputFormat::Json => rules::render::list_json(),
        },
        Some(RulesAction::Explain { id }) => {
            let meta = rules::catalog::get(id.trim())
                .ok_or_else(|| fingertip::Error::Usage(rules::render::unknown_rule_message(id)))?;
            match args.format {
                OutputFormat::Text => rules::render::explain_text(meta, &settings, lang),
                OutputFormat::Json => rules::render::explain_json(meta, &settings),
            }
        }
    };
    print_text(&text)?;
    Ok(Status::Ok)
}
