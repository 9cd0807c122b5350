//! The `gazette` binary: parse the command line, run the library, print problems, exit
//! 0 (success), 1 (content or configuration errors) or 2 (usage errors, from clap).

mod cli;
mod report;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use cli::{BuildArgs, Cli, Command, ImportArgs};
use gazette::markdown::Highlighter;
use gazette::BuildOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&cli.root, args),
        Command::Import(args) => import(&cli.root, args),
    }
}

fn import(root: &std::path::Path, args: ImportArgs) -> ExitCode {
    let opts = gazette::import::ImportOptions {
        source_url: args.source_url,
        source_name: args.source_name,
    };
    let (imported, diags) =
        gazette::import::import_files(root, &args.files, &opts, &Highlighter::new());
    for draft in &imported {
        println!("{}", draft.path.display());
        for w in &draft.warnings {
            eprintln!("{}: warning: {w}", draft.path.display());
        }
    }
    report::print(&diags, false);
    if diags.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn build(root: &std::path::Path, args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        drafts: args.selection.drafts,
        future: args.selection.future,
        base_url: args.base_url,
    };
    let hl = Highlighter::new();
    let site = match gazette::generate(&opts, &hl) {
        Ok(site) => site,
        Err(diags) => return report::failure(diags, args.quiet),
    };
    report::print(&site.diagnostics, args.quiet);
    let out = gazette::output_dir(root, &site.config, args.output.as_deref());
    if let Err(e) = gazette::output::write_site(root, &out, &site.files) {
        eprintln!("{}: {e}", report::label_error());
        eprintln!("the previous output, if any, is unchanged");
        return ExitCode::from(1);
    }
    if !args.quiet {
        let d = &site.digest;
        println!(
            "built {} articles, {} tags, {} editions -> {} in {:.2} s",
            report::thousands(d.stories.len()),
            report::thousands(d.tags.len()),
            report::thousands(d.editions.len()),
            out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}
