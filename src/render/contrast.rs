//! Highlighting stylesheets readable by everyone: every token colour of a syntect theme is
//! darkened or lightened just enough to reach WCAG AA contrast (4.5:1) against the theme's
//! code background. Popular themes fall short on comments and constants (InspiredGitHub's
//! comments are 2.9:1 on white, base16-ocean.dark's 2.7:1), which axe reports as violations.

/// AA for normal text is 4.5:1; a little more survives rounding to whole hex digits.
const TARGET: f64 = 4.6;

/// `css` (as syntect writes it) with each `color:` that is too faint against the
/// `.hl-code` background moved toward black or white until it reads.
pub fn readable(css: &str) -> String {
    let Some(background) = code_background(css) else {
        return css.to_string();
    };
    let mut out = String::with_capacity(css.len());
    for line in css.split_inclusive('\n') {
        out.push_str(&readable_declaration(line, background).unwrap_or_else(|| line.to_string()));
    }
    out
}

/// The `background-color` of the `.hl-code` rule.
fn code_background(css: &str) -> Option<Rgb> {
    let rule = &css[css.find(".hl-code {")?..];
    let rule = &rule[..rule.find('}')?];
    rule.lines()
        .find_map(|l| l.trim().strip_prefix("background-color:"))
        .and_then(|v| parse_hex(v.trim().trim_end_matches(';')))
}

/// A ` color: #xxxxxx;` line with a readable colour, or None when it already reads (or is
/// not such a line).
fn readable_declaration(line: &str, background: Rgb) -> Option<String> {
    let value = line.trim_start().strip_prefix("color:")?;
    let color = parse_hex(value.trim().trim_end_matches(';'))?;
    if contrast(color, background) >= TARGET {
        return None;
    }
    let fixed = push_apart(color, background);
    let indent = &line[..line.len() - line.trim_start().len()];
    let newline = if line.ends_with('\n') { "\n" } else { "" };
    Some(format!("{indent}color: {};{newline}", fixed.hex()))
}

/// `color` mixed toward black or white (whichever the background allows) in small steps
/// until it reaches the target.
fn push_apart(color: Rgb, background: Rgb) -> Rgb {
    let toward = if contrast(Rgb(0, 0, 0), background) >= contrast(Rgb(255, 255, 255), background) {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (1..=50)
        .map(|step| color.mix(toward, f64::from(step) / 50.0))
        .find(|c| contrast(*c, background) >= TARGET)
        .unwrap_or(toward)
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `#rrggbb` or `#rrggbbaa` (the alpha is ignored: syntect's token colours are opaque).
fn parse_hex(value: &str) -> Option<Rgb> {
    let hex = value.strip_prefix('#')?;
    if !matches!(hex.len(), 6 | 8) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = ".hl-code {\n color: #323232;\n background-color: #ffffff;\n}\n\n.hl-comment {\n color: #969896;\nfont-style: italic;\n}\n.hl-keyword {\n color: #a71d5d;\n}\n";

    #[test]
    fn faint_colours_reach_aa_and_readable_ones_stay() {
        let out = readable(CSS);
        assert!(out.contains(" color: #323232;"), "{out}");
        assert!(out.contains(" color: #a71d5d;"), "{out}");
        assert!(!out.contains("#969896"), "{out}");
        let comment = out
            .lines()
            .skip_while(|l| !l.starts_with(".hl-comment"))
            .find_map(|l| l.trim().strip_prefix("color:"))
            .unwrap();
        let fixed = parse_hex(comment.trim().trim_end_matches(';')).unwrap();
        let ratio = contrast(fixed, Rgb(255, 255, 255));
        assert!(
            (4.5..5.5).contains(&ratio),
            "{ratio}: just enough, not black"
        );
        assert!(out.contains("background-color: #ffffff;"));
    }

    #[test]
    fn dark_backgrounds_lighten_their_faint_colours() {
        let css = CSS
            .replace("#ffffff", "#2b303b")
            .replace("#323232", "#c0c5ce");
        let out = readable(&css);
        for line in out.lines() {
            if let Some(v) = line.trim().strip_prefix("color:") {
                let c = parse_hex(v.trim().trim_end_matches(';')).unwrap();
                assert!(contrast(c, Rgb(0x2b, 0x30, 0x3b)) >= 4.5, "{line}");
            }
        }
    }

    #[test]
    fn css_without_a_code_background_is_left_alone() {
        assert_eq!(
            readable(".x { color: #eeeeee; }\n"),
            ".x { color: #eeeeee; }\n"
        );
    }
}
