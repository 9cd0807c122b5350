//! What every fuzz target needs once per process: a site's configuration and the highlighter.

use std::sync::OnceLock;

use gazette::config::SiteConfig;
use gazette::markdown::Highlighter;

pub struct Env {
    pub config: SiteConfig,
    pub hl: Highlighter,
}

/// A minimal site (in a temporary folder) with a time zone that has daylight saving time.
pub fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("gazette-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"Fuzz\"\nbase_url = \"https://example.org/\"\ntimezone = \"Europe/Paris\"\n",
        )
        .unwrap();
        let config = SiteConfig::load(&root).unwrap_or_else(|_| panic!("fuzz site.toml"));
        Env {
            config,
            hl: Highlighter::new(),
        }
    })
}
