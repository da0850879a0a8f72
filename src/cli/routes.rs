//! `casegraph routes`: trafficking corridors, with the cases and documents behind each.

use super::args::{FilterArgs, Format};
use super::print_out;
use crate::error::Result;
use crate::graph;
use crate::model::EntityKind;
use crate::query::routes::routes;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  casegraph routes graphs/sample.ron
  casegraph routes graphs/sample.ron --from Nigeria
  casegraph routes graphs/sample.ron --to Spain --format json")]
pub struct RoutesArgs {
    /// The graph file (RON)
    pub graph: PathBuf,
    /// Only corridors leaving this country (a name, an alias or an id)
    #[arg(long, value_name = "COUNTRY")]
    pub from: Option<String>,
    /// Only corridors reaching this country (a name, an alias or an id)
    #[arg(long, value_name = "COUNTRY")]
    pub to: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// A table or JSON
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: RoutesArgs) -> Result<()> {
    let g = graph::load(&a.graph)?;
    let f = a.filter.filter();
    let g = if f.is_empty() { g } else { f.apply(&g) };
    let country = |name: &Option<String>| -> Result<_> {
        let Some(name) = name else { return Ok(None) };
        let n = crate::query::find(&g, name)?;
        if g.entity(n).kind != EntityKind::Country {
            return Err(
                crate::query::QueryError::Usage(format!("{} is a {}, not a country", g.entity(n).name, g.entity(n).kind.as_str())).into()
            );
        }
        Ok(Some(n))
    };
    let r = routes(&g, country(&a.from)?, country(&a.to)?);
    let out = match a.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&r).unwrap_or_default()),
        Format::Table => r.table(),
    };
    print_out(&out)?;
    if r.corridors.is_empty() {
        return Err(crate::query::QueryError::NoResult.into());
    }
    Ok(())
}
