//! Command-line interface: clap types and one handler per subcommand. The
//! only module that knows about clap or prints; everything it does is a
//! call into the library.

use crate::error::{Error, Result};
use crate::extract::{Extraction, Extractor, Gazetteer};
use crate::ingest::{read_inputs, IngestOptions};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "casegraph", version, about = "Press releases on human trafficking and migrant smuggling -> a knowledge graph of who worked with whom")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract entities and relations per document (JSON as in SCHEMA.md, or a table)
    Extract(ExtractArgs),
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders (.txt, .md, .html; folders are read recursively)
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Extra gazetteer/rule files (RON) added to the built-in ones
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Refuse files larger than this many bytes
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Fail on any unreadable file in a folder instead of skipping it
    #[arg(long)]
    pub strict: bool,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
    Table,
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Extract(a) => extract(a),
    }
}

fn extract_inputs(input: &InputArgs) -> Result<Vec<Extraction>> {
    let opts = IngestOptions { max_file_size: input.max_file_size, strict: input.strict };
    let ingested = read_inputs(&input.inputs, &opts)?;
    for w in &ingested.warnings {
        eprintln!("casegraph: warning: {w}");
    }
    for s in &ingested.skipped {
        eprintln!("casegraph: skipped {}: {}", s.path.display(), s.reason);
    }
    let ex = Extractor::new(Gazetteer::with_files(&input.gazetteers)?);
    Ok(ingested.documents.iter().map(|d| ex.extract(d)).collect())
}

fn extract(a: ExtractArgs) -> Result<()> {
    let docs = extract_inputs(&a.input)?;
    let out = match a.format {
        ExtractFormat::Json => crate::extract::to_json(&docs),
        ExtractFormat::Table => crate::extract::to_table(&docs),
    };
    print_out(&out)
}

/// Print to stdout; a closed pipe (`| head`) ends quietly.
fn print_out(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}
