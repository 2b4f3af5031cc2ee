//! `pathway`: check, run, test and draw referral pathways. A thin shell over pathway-core:
//! it reads files, calls the library, and prints.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clap::{Parser, Subcommand, ValueEnum};
use pathway_core::DiagramFormat;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod audit;
mod report;
mod source;
mod synthetic;
mod testing;

#[derive(Parser)]
#[command(name = "pathway", version, about = "Check, run, test and draw domestic abuse referral pathways.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate pathway files. Prints every problem with its line, column and fix; exits 1 on errors.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check a pathway as `check` does and, if it passes, write its compiled form: what the
    /// practitioner's site loads, with no YAML parser or validator needed to read it.
    Build {
        file: PathBuf,
        /// Where to write the compiled pathway (by convention NAME.pathway).
        #[arg(long, short)]
        out: PathBuf,
        /// `json` prints what was built and the pathway's metadata, for site builds.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Walk a pathway with the answers in a file and print the outcome.
    ///
    /// FILE is a pathway's YAML, or its compiled form from `pathway build`.
    Run {
        file: PathBuf,
        /// A YAML mapping from step id to answer (see docs/pathway-format.md).
        #[arg(long)]
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run case studies forward and back, and report what they cover.
    ///
    /// Each PATH is a pathway folder (pathway.yaml with cases/ beside it), a pathway file, or
    /// one case study file inside a cases/ folder. Running all of a pathway's cases also
    /// checks that together they reach every step, answer, route and destination.
    Test {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Prove the pathway's declared properties and destinations' preconditions over every walk.
    ///
    /// Each is proven (no walk breaks it), refuted (with the shortest walk that does, as an
    /// answers file to paste into a case study), or undecided if the search could not cover
    /// every walk within the limit. Exits 1 unless every one is proven.
    Verify {
        file: PathBuf,
        /// Stop each check after exploring this many partial walks.
        #[arg(long, default_value_t = pathway_core::VERIFY_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Make small authoring mistakes in copies of a pathway and report those that neither
    /// `check`, the case studies nor the declared properties notice.
    ///
    /// DIR is a pathway folder: pathway.yaml with its cases/ beside it.
    Mutants {
        dir: PathBuf,
        /// Exit 1 if the share of mistakes caught (equivalent ones aside) is below this.
        #[arg(long, default_value_t = 0.0)]
        min_score: f64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Compare two versions of a pathway by what they do: every class of walk whose referrals,
    /// their order, risk level, warnings or interrupts differ, each with an example walk given
    /// to both (as answers files for `run`); then the wording, questions and contacts changed.
    Diff {
        /// The earlier version.
        old: PathBuf,
        /// The later version.
        new: PathBuf,
        /// Stop each comparison after exploring this many joint states.
        #[arg(long, default_value_t = pathway_core::VERIFY_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Draw the pathway as a diagram: steps, the end, routes (SVG) and destinations in their own shapes.
    Graph {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// What a pathway says on past cases, from an export (CSV, or JSON Lines), one case a row;
    /// or, given two versions, which cases a change would route differently, and how.
    ///
    /// Columns are the pathway's own (`pathway synthetic` writes an example) unless a column
    /// map says which of the export's columns is which step or item (see docs/audit.md). A row
    /// that cannot be read is reported with its number, column and reason, and counted; the
    /// run goes on unless --strict. Prints a summary; writes one outcome a case, the cases that
    /// differ, and an HTML report, where asked.
    Audit(audit::Args),
    /// Write seeded, made-up past cases in the pathway's own columns, for trying `audit`.
    Synthetic {
        file: PathBuf,
        /// How many cases.
        #[arg(long, default_value_t = 1000)]
        cases: u64,
        /// The same seed gives the same cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write JSON Lines instead of CSV.
        #[arg(long)]
        json_lines: bool,
        /// Where to write (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// List every distinct outcome the pathway can reach, with an example walk for each.
    Outcomes {
        file: PathBuf,
        /// Stop after exploring this many partial walks.
        #[arg(long, default_value_t = 5_000_000)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
    /// Laid out by the core; every step, route and destination id on its element.
    Svg,
}

/// A failure to do what was asked, as opposed to a pathway or case study that is wrong.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: the file is not UTF-8 text (first bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// How many threads the commands that use every core start: one a core.
fn cores() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { files, format } => report::check(&files, format == Format::Json),
        Command::Build { file, out, format } => report::build(&file, &out, format == Format::Json),
        Command::Run { file, answers, format } => report::run(&file, &answers, format == Format::Json),
        Command::Test { paths, format } => testing::test(&paths, format == Format::Json),
        Command::Verify { file, limit, format } => report::verify(&file, limit, format == Format::Json),
        Command::Mutants { dir, min_score, format } => {
            testing::mutants(&dir, min_score, format == Format::Json)
        }
        Command::Diff { old, new, limit, format } => report::diff(&old, &new, limit, format == Format::Json),
        Command::Graph { file, format } => report::graph(
            &file,
            match format {
                GraphFormat::Mermaid => DiagramFormat::Mermaid,
                GraphFormat::Dot => DiagramFormat::Dot,
                GraphFormat::Svg => DiagramFormat::Svg,
            },
        ),
        Command::Outcomes { file, limit, format } => report::outcomes(&file, limit, format == Format::Json),
        Command::Audit(args) => audit::audit(args),
        Command::Synthetic { file, cases, seed, json_lines, out } => {
            synthetic::synthetic(&file, cases, seed, json_lines, out.as_deref())
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
