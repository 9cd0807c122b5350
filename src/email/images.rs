//! The email edition's images get `width` and `height`. Outlook sizes an image by these
//! attributes and ignores CSS `max-width`, so without them an image shows at its natural
//! size and can burst the column. The size comes from the header of the site's own file (a
//! story's copied asset, a file from `static/` or the theme's); an image from elsewhere on
//! the web keeps its markup. An image wider than the column gets the column's width and its
//! height in proportion; the inlined `max-width: 100%; height: auto` still shrinks it on a
//! phone.

use std::collections::HashMap;
use std::path::Path;

use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::render::theme::{StaticSource, Theme};

/// The built-in email template's column: 600 px less 28 px of padding on each side.
pub const COLUMN: u32 = 544;

/// The files a build copies, by their path in the output, for reading images' sizes.
pub struct Images<'a> {
    base_url: &'a str,
    files: HashMap<&'a str, Source<'a>>,
}

enum Source<'a> {
    Disk(&'a Path),
    Embedded(&'a [u8]),
}

impl<'a> Images<'a> {
    /// Stories' assets, then the theme's and the site's static files, which win a clash as
    /// they do when the build copies them.
    pub fn new(digest: &'a Digest, theme: &'a Theme, config: &'a SiteConfig) -> Images<'a> {
        let assets = digest
            .assets
            .iter()
            .map(|a| (a.output.as_str(), Source::Disk(&a.source)));
        let statics = theme.statics.iter().map(|(path, source)| {
            let source = match source {
                StaticSource::Embedded(bytes) => Source::Embedded(bytes),
                StaticSource::Disk(path) => Source::Disk(path),
            };
            (path.as_str(), source)
        });
        Images {
            base_url: config.base_url.trim_end_matches('/'),
            files: assets.chain(statics).collect(),
        }
    }

    /// The `width` and `height` for the image at `src` (the site's URL, or a path from its
    /// root), if it is one of the site's files and its header says how large it is.
    pub fn size(&self, src: &str) -> Option<(u32, u32)> {
        let path = src.strip_prefix(self.base_url).unwrap_or(src);
        let path = path.strip_prefix('/')?.split(['?', '#']).next()?;
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        let size = match self.files.get(path.as_ref())? {
            Source::Disk(file) => imagesize::size(file).ok()?,
            Source::Embedded(bytes) => imagesize::blob_size(bytes).ok()?,
        };
        fit(size.width, size.height)
    }
}

/// `width` × `height` within the column, the ratio kept.
fn fit(width: usize, height: usize) -> Option<(u32, u32)> {
    let (width, height) = (u64::try_from(width).ok()?, u64::try_from(height).ok()?);
    if width == 0 || height == 0 {
        return None;
    }
    let column = u64::from(COLUMN);
    let (width, height) = if width <= column {
        (width, height)
    } else {
        (column, ((height * column + width / 2) / width).max(1))
    };
    Some((u32::try_from(width).ok()?, u32::try_from(height).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a GIF: its signature and its logical screen's size.
    fn gif_header(width: u16, height: u16) -> Vec<u8> {
        let mut gif = b"GIF89a".to_vec();
        gif.extend(width.to_le_bytes());
        gif.extend(height.to_le_bytes());
        gif.extend([0, 0, 0]);
        gif
    }

    #[test]
    fn a_wide_image_gets_the_column_and_keeps_its_ratio() {
        assert_eq!(fit(1200, 600), Some((544, 272)));
        assert_eq!(fit(300, 200), Some((300, 200)));
        assert_eq!(fit(544, 1), Some((544, 1)));
        assert_eq!(fit(100_000, 1), Some((544, 1)));
        assert_eq!(fit(0, 10), None);
    }

    #[test]
    fn sizes_come_from_the_sites_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let chart = dir.path().join("chart.gif");
        std::fs::write(&chart, gif_header(1200, 600)).unwrap();
        let embedded = gif_header(64, 32);
        let images = Images {
            base_url: "https://brief.example.org",
            files: [
                ("images/a chart.gif", Source::Disk(&chart)),
                ("logo.gif", Source::Embedded(&embedded)),
            ]
            .into_iter()
            .collect(),
        };
        let url = "https://brief.example.org/images/a%20chart.gif?v=2";
        assert_eq!(images.size(url), Some((544, 272)));
        assert_eq!(images.size("/logo.gif"), Some((64, 32)));
        assert_eq!(images.size("https://elsewhere.example/logo.gif"), None);
        assert_eq!(
            images.size("logo.gif"),
            None,
            "a relative path is no site URL"
        );
        assert_eq!(images.size("/missing.png"), None);
    }
}
