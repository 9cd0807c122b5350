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
    /// Serve the site from memory on a local port; with --watch, rebuild and reload on change.
    Serve(ServeArgs),
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Rebuild on every change and reload open pages.
    #[arg(long, short)]
    pub watch: bool,
    /// The port to listen on (0: any free port; the one chosen is printed).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, short, default_value = "127.0.0.1", value_name = "ADDR")]
    pub interface: std::net::IpAddr,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Poll the files instead of using the system's file events (for network and
    /// container file systems, or when the inotify limit is reached).
    #[arg(long)]
    pub poll: bool,
}
