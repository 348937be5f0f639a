//! `fingertip check`: a proposal for something new against an inventory or the registry.
//! Prints the verdict with its reasons (text, or `--format json`); exit 0 for build,
//! 1 for merge or reject, 2 for a proposal that cannot be read (the error names the
//! file, line or cell and key).

use anyhow::Result;
use fingertip::model::Lang;
use fingertip::pipeline::{self, CheckAgainst};
use fingertip::recommend::check::Verdict;
use fingertip::report::forms_json::{check_doc, check_text};

use super::{print_json, print_text, Status};
use crate::cli::{CheckArgs, OutputFormat};

/// Checks the proposal and prints the answer.
pub fn run(args: &CheckArgs, lang: Lang) -> Result<Status> {
    let against = match (&args.against, &args.db) {
        (Some(inventory), _) => CheckAgainst::Inventory(inventory.clone()),
        (None, Some(db)) => CheckAgainst::Registry {
            db: db.clone(),
            settings: args.settings.clone(),
        },
        // clap requires one of the two.
        (None, None) => {
            return Err(fingertip::Error::Usage(
                "请用 --against <清单> 或 --db <登记库> 指定比对对象".into(),
            )
            .into())
        }
    };
    let run = pipeline::check_proposal(&args.proposal, &against)?;
    match args.format {
        OutputFormat::Json => print_json(&check_doc(&run.proposal, &run.outcome))?,
        OutputFormat::Text => {
            let mut text = check_text(&run.proposal, &run.outcome, lang);
            text.push_str(&match lang {
                Lang::Zh => format!("（比对在用平台 {} 个）\n", run.platforms),
                Lang::En => format!("(checked against {} platforms in use)\n", run.platforms),
            });
            print_text(&text)?
        }
    }
    Ok(match run.outcome.verdict {
        Verdict::Build => Status::Ok,
        Verdict::Merge | Verdict::Reject => Status::NotToBuild,
    })
}
