//! summit-ls: serve LSP over stdio, or run `check`, `export` or `init` on a corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use summit_ls::cli::{check, export, fix, init, overview};

#[derive(Parser)]
#[command(version, about = "A language server for corpora of diplomatic meeting reports")]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Serve the Language Server Protocol over stdin/stdout (the default).
    #[arg(long, global = false)]
    stdio: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Language Server Protocol over stdin/stdout.
    Serve,
    /// Print the diagnostics of corpora, folders or reports; exit 1 on errors.
    Check {
        /// Corpus folders, folders holding corpora, reports or corpus.toml files.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = check::Format::Text)]
        format: check::Format,
    },
    /// Apply the safe fixes: insert inferred front matters, remove scrape residue
    /// lines, add the meetings the text refers to to `related`; exit 1 if errors are left.
    Fix {
        /// Corpus folders, folders holding corpora, reports or corpus.toml files.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Write nothing: print what would change as a unified diff.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the annotated corpus as JSON Lines: metadata, clean text, mentions.
    Export {
        /// Corpus folders, folders holding corpora, reports or corpus.toml files.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// Write one self-contained HTML page of the corpus: a timeline of its meetings,
    /// the references between them, who met whom, and how far annotation has come.
    Overview {
        /// Corpus folders, folders holding corpora, reports or corpus.toml files.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Write the page to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a starter corpus.toml for a folder of reports, with a [[person]] stub for
    /// each titled name they use; never overwrites one.
    Init {
        /// The folder of the reports.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        None | Some(Command::Serve) => summit_ls::server::serve_stdio(),
        Some(Command::Check { paths, format }) => {
            let stdout = std::io::stdout();
            match check::run(&paths, format, &mut stdout.lock()) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(err) => {
                    if format == check::Format::Json {
                        drop(check::print_json_error(&err, &mut stdout.lock()));
                    } else {
                        eprintln!("summit-ls check: {err}");
                    }
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Fix { paths, dry_run }) => {
            let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
            // A dry run's diff alone is on stdout, for `patch` or a pager.
            let outcome = if dry_run {
                fix::run(&paths, true, &mut stdout.lock(), &mut stderr.lock())
            } else {
                fix::run(&paths, false, &mut std::io::sink(), &mut stdout.lock())
            };
            match outcome {
                Ok(o) if o.not_written > 0 => ExitCode::from(2),
                Ok(o) if o.errors_left => ExitCode::from(1),
                Ok(_) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("summit-ls fix: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Init { dir }) => match init::run(&dir) {
            Ok(written) => {
                drop(init::print_written(&written, &mut std::io::stdout().lock()));
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("summit-ls init: {err}");
                ExitCode::from(2)
            }
        },
        Some(Command::Overview { paths, output }) => {
            let written = overview::page(&paths).map_err(|e| e.to_string()).and_then(|html| match &output {
                Some(file) => std::fs::write(file, html).map_err(|e| format!("cannot write {}: {e}", file.display())),
                // A closed pipe (`overview | head`) is no failure of the overview.
                None => {
                    drop(std::io::Write::write_all(&mut std::io::stdout().lock(), html.as_bytes()));
                    Ok(())
                }
            });
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("summit-ls overview: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Export { paths }) => {
            let stdout = std::io::stdout();
            match export::run(&paths, &mut std::io::BufWriter::new(stdout.lock())) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("summit-ls export: {err}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
