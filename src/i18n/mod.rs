//! The words of the default theme and of gazette's own outputs (page titles, edition
//! titles, feed lines) in the site's `language`: a table of messages keyed by id for each
//! shipped language (`strings/*.toml`, English the reference), the site's `[strings]`
//! overrides on top, CLDR plural rules, and dates formatted by ICU4X.

use std::collections::HashMap;
use std::sync::Arc;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use rustc_hash::FxHashMap;

use crate::diagnostic::Problem;

mod dates;
mod template;

pub use template::register;

/// The shipped tables: language subtag and TOML text.
pub const SHIPPED: [(&str, &str); 10] = [
    ("en", include_str!("strings/en.toml")),
    ("de", include_str!("strings/de.toml")),
    ("fr", include_str!("strings/fr.toml")),
    ("es", include_str!("strings/es.toml")),
    ("it", include_str!("strings/it.toml")),
    ("pt", include_str!("strings/pt.toml")),
    ("nl", include_str!("strings/nl.toml")),
    ("pl", include_str!("strings/pl.toml")),
    ("sv", include_str!("strings/sv.toml")),
    ("ja", include_str!("strings/ja.toml")),
];

/// A message: one text, or a text per CLDR plural category (`other` always present).
#[derive(Debug, Clone)]
enum Message {
    Text(String),
    Plural(Vec<(PluralCategory, String)>),
}

/// The site's messages, plural rules and date formats. Cheap to clone.
#[derive(Clone)]
pub struct Strings(Arc<Inner>);

struct Inner {
    language: &'static str,
    /// Looked up on every `t()` call: hashed with Fx, not SipHash.
    messages: FxHashMap<String, Message>,
    plurals: PluralRules,
    dates: dates::Dates,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({})", self.0.language)
    }
}

/// A problem with one `[strings]` entry: its id and what is wrong.
pub struct OverrideProblem {
    pub id: String,
    pub message: String,
}

/// What [`Strings::load`] found: the strings, a warning about `language` if gazette has no
/// table for it, and the problems of `[strings]`.
pub struct Loaded {
    pub strings: Strings,
    pub language_warning: Option<String>,
    pub problems: Vec<OverrideProblem>,
    /// `[strings]` entries that work but read wrong: plural forms the language lacks or
    /// does not use.
    pub warnings: Vec<OverrideProblem>,
}

impl Strings {
    /// The strings for a BCP 47 `language` tag (`de-AT` uses the `de` table and Austrian
    /// dates), with `overrides` (site.toml's `[strings]`) applied.
    pub fn load(language: &str, overrides: &toml::Table) -> Loaded {
        let locale: Option<Locale> = language.parse().ok();
        let subtag = locale
            .as_ref()
            .map(|l| l.id.language.as_str().to_string())
            .unwrap_or_default();
        let shipped = SHIPPED.iter().find(|(code, _)| *code == subtag);
        let language_warning = shipped.is_none().then(|| {
            let codes: Vec<&str> = SHIPPED.iter().map(|(c, _)| *c).collect();
            format!(
                "`language`: gazette has no strings for `{language}`, so the theme's words and dates are in English; shipped: {} (or translate every message in [strings])",
                codes.join(", ")
            )
        });
        let (code, text) = *shipped.unwrap_or(&SHIPPED[0]);
        // Plain `en` keeps gazette's day-month-year dates; `en-US` gets US dates.
        let date_locale = match (&locale, shipped) {
            (Some(l), Some(_)) if !language.eq_ignore_ascii_case("en") => l.clone(),
            _ => "en-GB".parse().expect("a valid locale"),
        };
        // The site's own language's rules (CLDR has them for many more languages than we
        // have tables for: a Czech `[strings]` gets Czech plurals), else the table's.
        let table_locale: Locale = code.parse().expect("a valid locale");
        let plurals = locale
            .as_ref()
            .and_then(|l| PluralRules::try_new_cardinal(l.into()).ok())
            .unwrap_or_else(|| {
                PluralRules::try_new_cardinal((&table_locale).into())
                    .expect("compiled plural rules for every shipped language")
            });
        let mut messages: FxHashMap<String, Message> = parse_table(text)
            .expect("shipped tables parse (unit tested)")
            .into_iter()
            .collect();
        // English, the reference the overrides are checked against: read only when there
        // are overrides (a second parse of the English table otherwise).
        let reference = if overrides.is_empty() {
            HashMap::new()
        } else {
            reference()
        };
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (id, value) in overrides {
            match check_override(&reference, id, value) {
                Ok(m) => {
                    if let Some(message) = plural_forms_warning(&m, &plurals, language) {
                        warnings.push(OverrideProblem {
                            id: id.clone(),
                            message: format!("[strings] `{id}`: {message}"),
                        });
                    }
                    messages.insert(id.clone(), m);
                }
                Err(Problem { message, .. }) => problems.push(OverrideProblem {
                    id: id.clone(),
                    message,
                }),
            }
        }
        Loaded {
            strings: Strings(Arc::new(Inner {
                language: code,
                messages,
                plurals,
                dates: dates::Dates::new(&date_locale),
            })),
            language_warning,
            problems,
            warnings,
        }
    }

    /// The table's language subtag (`en` for a language gazette has no table for).
    pub fn language(&self) -> &'static str {
        self.0.language
    }

    /// The text of message `id` for `count` (the `other` form without one), if the id exists.
    fn template(&self, id: &str, count: Option<u64>) -> Option<&str> {
        match self.0.messages.get(id)? {
            Message::Text(t) => Some(t),
            Message::Plural(forms) => {
                let category = match count {
                    Some(n) => self.0.plurals.category_for(n),
                    None => PluralCategory::Other,
                };
                forms
                    .iter()
                    .find(|(c, _)| *c == category)
                    .or_else(|| forms.iter().find(|(c, _)| *c == PluralCategory::Other))
                    .map(|(_, t)| t.as_str())
            }
        }
    }

    /// Every form of message `id` by CLDR plural category name (`one`, `other`…; a message
    /// without forms is `other`), unfilled: for code that picks the form itself (search.js,
    /// with the browser's `Intl.PluralRules`).
    pub fn forms(&self, id: &str) -> Vec<(&'static str, &str)> {
        match self.0.messages.get(id) {
            None => Vec::new(),
            Some(Message::Text(t)) => vec![("other", t.as_str())],
            Some(Message::Plural(forms)) => forms
                .iter()
                .map(|(c, t)| (category_name(*c), t.as_str()))
                .collect(),
        }
    }

    /// Message `id` as plain text, `{name}` replaced by the value of `name` in `args`.
    /// For gazette's own ids, which every table has.
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let template = self.template(id, None).unwrap_or(id);
        fill::<std::convert::Infallible>(
            template,
            &mut out,
            |t, out| out.push_str(t),
            |name, out| {
                let value = args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
                out.push_str(value.unwrap_or(""));
                Ok(())
            },
        )
        .expect("plain arguments never fail");
        out
    }

    /// Message `id` as HTML: its text escaped, each `{name}` written by `arg`.
    pub fn html(
        &self,
        id: &str,
        mut arg: impl FnMut(&str, &mut String) -> Result<(), std::convert::Infallible>,
    ) -> String {
        let mut out = String::new();
        let template = self.template(id, None).unwrap_or(id);
        let _ = fill(
            template,
            &mut out,
            |t, out| out.push_str(&crate::text::escape_html(t)),
            &mut arg,
        );
        out
    }

    /// A date as readers of the language write it (`30. Mai 2024`, `2024年5月30日`).
    pub fn date(&self, d: jiff::civil::Date) -> String {
        self.0.dates.day(d)
    }

    /// A month and year as a title (`May 2024`, `Mayo de 2024`, `2024年5月`): the first
    /// letter capitalized, as at the start of a heading.
    pub fn month(&self, d: jiff::civil::Date) -> String {
        let title = self.text(
            "edition_month",
            &[
                ("month", &self.0.dates.month(d)),
                ("year", &d.year().to_string()),
            ],
        );
        let mut chars = title.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => title,
        }
    }

    /// The title of an ISO week's edition (`KW 22/2024`).
    pub fn week_title(&self, week: i8, year: i16) -> String {
        self.text(
            "edition_week",
            &[("week", &week.to_string()), ("year", &year.to_string())],
        )
    }

    /// The ids of every message, sorted: the English table's.
    pub fn ids() -> Vec<String> {
        let mut ids: Vec<String> = reference().into_keys().collect();
        ids.sort();
        ids
    }
}

/// `rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu…, or any tag
/// with such a script subtag, `pa-Arab`), else `ltr`: the page's `dir`.
pub fn direction(language: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 14] = [
        "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "ks", "syr", "nqo",
    ];
    const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm"];
    let subtags: Vec<String> = language
        .split(['-', '_'])
        .map(str::to_ascii_lowercase)
        .collect();
    let script = subtags.iter().skip(1).find(|s| s.len() == 4);
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => subtags
            .first()
            .is_some_and(|l| RTL_LANGUAGES.contains(&l.as_str())),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// Checks a `language` tag as `init --language` takes it: a BCP 47 tag written with `-`.
/// Returns a warning when gazette has no table for its language.
pub fn check_tag(tag: &str) -> Result<Option<String>, Problem> {
    check_syntax(tag)?;
    Ok(Strings::load(tag, &toml::Table::new()).language_warning)
}

/// A BCP 47 tag written with `-` whose language is a 2- or 3-letter code.
pub fn check_syntax(tag: &str) -> Result<(), Problem> {
    if tag.contains('_') {
        return Err(Problem::value(format!(
            "`{tag}` is not a BCP 47 tag; write it with `-`: `{}`",
            tag.replace('_', "-")
        )));
    }
    // ICU reads `deutsch` as a language subtag (5 to 8 letters are reserved for ones never
    // registered) and `` as `und`: neither names a language a browser knows.
    let language_len = tag.split('-').next().map_or(0, str::len);
    if tag.parse::<Locale>().is_err() || !(2..=3).contains(&language_len) {
        return Err(Problem::value(format!(
            "`{tag}` is not a BCP 47 language tag: write a language code (such as de, fr, pt-BR)"
        )));
    }
    Ok(())
}

/// The English table, which names every id and its placeholders.
fn reference() -> HashMap<String, Message> {
    parse_table(SHIPPED[0].1).expect("the English table parses (unit tested)")
}

/// Writes `template` to `out`: text through `text`, each `{name}` through `arg`. A `{` not
/// starting a `{name}` is text.
fn fill<E>(
    template: &str,
    out: &mut String,
    text: impl Fn(&str, &mut String),
    mut arg: impl FnMut(&str, &mut String) -> Result<(), E>,
) -> Result<(), E> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                text(&rest[..open], out);
                arg(&after[..close], out)?;
                rest = &after[close + 1..];
            }
            _ => {
                text(&rest[..=open], out);
                rest = after;
            }
        }
    }
    text(rest, out);
    Ok(())
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The `{name}`s of a message, every form of it.
fn placeholders(m: &Message) -> Vec<String> {
    let texts: Vec<&str> = match m {
        Message::Text(t) => vec![t],
        Message::Plural(forms) => forms.iter().map(|(_, t)| t.as_str()).collect(),
    };
    let mut names = Vec::new();
    for t in texts {
        let _ = fill::<std::convert::Infallible>(
            t,
            &mut String::new(),
            |_, _| {},
            |name, _| {
                names.push(name.to_string());
                Ok(())
            },
        );
    }
    names.sort();
    names.dedup();
    names
}

/// Why an override's plural forms read wrong in the language `code`: forms it needs are
/// missing (Polish `few`: `other` would say "2 artykułów"), or forms it never picks.
fn plural_forms_warning(message: &Message, rules: &PluralRules, code: &str) -> Option<String> {
    let Message::Plural(forms) = message else {
        return None;
    };
    // The forms whole numbers take (a count is one: Czech `many` is for fractions only),
    // and `other`, which every message has.
    let mut used: Vec<PluralCategory> = vec![PluralCategory::Other];
    for n in 0..=1000u64 {
        let category = rules.category_for(n);
        if !used.contains(&category) {
            used.push(category);
        }
    }
    used.sort_by_key(|c| CATEGORIES.iter().position(|(_, k)| k == c));
    let names = |cats: &[PluralCategory]| {
        let names: Vec<String> = (cats.iter())
            .map(|c| format!("`{}`", category_name(*c)))
            .collect();
        names.join(", ")
    };
    let missing: Vec<PluralCategory> = (used.iter().copied())
        .filter(|c| !forms.iter().any(|(f, _)| f == c))
        .collect();
    let unused: Vec<PluralCategory> = (forms.iter().map(|(c, _)| *c))
        .filter(|c| !used.contains(c))
        .collect();
    let all = names(&used);
    if !missing.is_empty() {
        Some(format!(
            "`{code}` has the plural forms {all}; {} missing, so `other` stands in for them",
            names(&missing)
        ))
    } else if !unused.is_empty() {
        Some(format!(
            "`{code}` has the plural forms {all}; {} is never used",
            names(&unused)
        ))
    } else {
        None
    }
}

fn category_name(category: PluralCategory) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(_, c)| *c == category)
        .map_or("other", |(name, _)| name)
}

const CATEGORIES: [(&str, PluralCategory); 6] = [
    ("zero", PluralCategory::Zero),
    ("one", PluralCategory::One),
    ("two", PluralCategory::Two),
    ("few", PluralCategory::Few),
    ("many", PluralCategory::Many),
    ("other", PluralCategory::Other),
];

fn parse_table(text: &str) -> Result<HashMap<String, Message>, Problem> {
    let table: toml::Table = toml::from_str(text).map_err(|e| Problem::value(e.to_string()))?;
    table
        .into_iter()
        .map(|(id, value)| parse_message(&value).map(|m| (id, m)))
        .collect()
}

/// A text, or a table of plural forms with `other`.
fn parse_message(value: &toml::Value) -> Result<Message, Problem> {
    match value {
        toml::Value::String(s) => Ok(Message::Text(s.clone())),
        toml::Value::Table(forms) => {
            let mut out = Vec::new();
            for (name, text) in forms {
                let Some((_, category)) = CATEGORIES.iter().find(|(n, _)| n == name) else {
                    return Err(Problem::value(format!(
                        "`{name}` is not a plural form; the forms are zero, one, two, few, many and other"
                    )));
                };
                let Some(text) = text.as_str() else {
                    return Err(Problem::value(format!("the `{name}` form must be a text")));
                };
                out.push((*category, text.to_string()));
            }
            if !forms.contains_key("other") {
                return Err(Problem::value("plural forms need `other`"));
            }
            Ok(Message::Plural(out))
        }
        _ => Err(Problem::value(
            "a message is a text, or a table of plural forms (one = \"…\", other = \"…\")",
        )),
    }
}

/// One `[strings]` entry checked against the English table: a known id, a text or plural
/// forms, and only the placeholders that message has.
fn check_override(
    reference: &HashMap<String, Message>,
    id: &str,
    value: &toml::Value,
) -> Result<Message, Problem> {
    let Some(known) = reference.get(id) else {
        return Err(Problem::value(format!(
            "unknown message id `{id}` in [strings]; {}",
            id_hint(id)
        )));
    };
    let message =
        parse_message(value).map_err(|e| Problem::value(format!("[strings] `{id}`: {e}")))?;
    if let (Message::Text(_), Message::Plural(_)) = (known, &message) {
        return Err(Problem::value(format!(
            "[strings] `{id}` takes no count, so it has no plural forms: write it as one text"
        )));
    }
    let mut allowed = placeholders(known);
    if matches!(known, Message::Plural(_)) && !allowed.iter().any(|p| p == "count") {
        allowed.push("count".into());
    }
    if let Some(bad) = placeholders(&message)
        .into_iter()
        .find(|p| !allowed.contains(p))
    {
        let has = if allowed.is_empty() {
            "it takes none".to_string()
        } else {
            let list: Vec<String> = allowed.iter().map(|p| format!("{{{p}}}")).collect();
            format!("it has {}", list.join(", "))
        };
        return Err(Problem::value(format!(
            "[strings] `{id}`: `{{{bad}}}` is not a placeholder of this message; {has}"
        )));
    }
    Ok(message)
}

/// "did you mean `x`?" for an unknown message id, else where the ids are listed.
pub(crate) fn id_hint(id: &str) -> String {
    let nearest = Strings::ids()
        .into_iter()
        .map(|k| (crate::content::fields::edit_distance(id, &k), k))
        .filter(|(d, k)| *d <= 3 && *d < k.len())
        .min();
    match nearest {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None => "docs/templates.md lists every message id".into(),
    }
}

#[cfg(test)]
mod tests;
