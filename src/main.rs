//! The `gazette` binary: parse the command line, run the library, print problems, exit
//! 0 (success), 1 (content or configuration errors) or 2 (usage errors, from clap).

mod cli;
mod report;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use cli::{BuildArgs, Cli, Command, ServeArgs};
use gazette::markdown::Highlighter;
use gazette::BuildOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&cli.root, args),
        Command::Serve(args) => serve(&cli.root, args),
    }
}

fn serve(root: &std::path::Path, args: ServeArgs) -> ExitCode {
    let opts = gazette::serve::ServeOptions {
        root: root.to_path_buf(),
        interface: args.interface,
        port: args.port,
        drafts: args.selection.drafts,
        future: args.selection.future,
        watch: args.watch,
        poll: args.poll,
    };
    match gazette::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(gazette::serve::ServeError::Build) => {
            eprintln!("the site did not build; fix the errors above (or use --watch to fix them while serving)");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}: {e}", report::label_error());
            ExitCode::from(1)
        }
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
