//! `gen-handbook OUT_DIR --policies N [--seed 1] [--flavor F]
//! [--today 2026-11-23] [--words 900]`: writes a synthetic handbook and
//! prints what was planted as one line of JSON. Bad arguments, or an
//! OUT_DIR that is not empty, exit with status 2 and a message.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gen_handbook::{Flavor, Options};

/// Writes a synthetic policy handbook (or the same policies as a Hugo,
/// Zola or mdBook site) with a known number of planted problems, and
/// prints what was planted.
#[derive(Parser)]
#[command(name = "gen-handbook")]
struct Cli {
    /// Output folder; must be absent or empty.
    #[arg(value_name = "OUT_DIR")]
    out_dir: PathBuf,
    /// Number of policies, drafts and retired ones included.
    #[arg(long, value_name = "N")]
    policies: usize,
    /// Random seed: another seed, another handbook of the same shape.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = Flavor::Policybook)]
    flavor: Flavor,
    /// The date review status is judged against (YYYY-MM-DD).
    #[arg(long, default_value_t = gen_handbook::DEFAULT_TODAY)]
    today: jiff::civil::Date,
    /// Approximate words of prose per policy (each varies by ±15%).
    #[arg(long, default_value_t = 900)]
    words: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let opts = Options {
        policies: cli.policies,
        seed: cli.seed,
        flavor: cli.flavor,
        today: cli.today,
        words: cli.words,
    };
    match gen_handbook::generate(&cli.out_dir, &opts) {
        Ok(expected) => {
            println!(
                "{}",
                serde_json::to_string(&expected.summary).expect("plain data serialises")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-handbook: {e}");
            ExitCode::from(2)
        }
    }
}
