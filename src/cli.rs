//! The command line, as clap derive structs: one per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "gazette", version, about = "A static site generator for curated news digests", long_about = None)]
pub struct Cli {
    /// The site folder (holding site.toml and content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
    /// Turn captured articles (a browser's "save as text" or "save page as HTML") into
    /// draft articles in content/; prints each draft's path.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Captures to import (.txt or .html).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The original story's URL, when the capture does not have it.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
    /// The publication's name, when the capture does not have it.
    #[arg(long, value_name = "NAME")]
    pub source_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Include drafts (`draft: true` / `published: false`).
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site (default: site.toml's output_dir, "public").
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Use this base URL instead of site.toml's.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
}
