use super::*;

fn strings(language: &str) -> Strings {
    Strings::load(language, &toml::Table::new()).strings
}

fn plural(strings: &Strings, id: &str, n: u64) -> String {
    let template = strings.template(id, Some(n)).expect("a known id");
    template.replace("{count}", &n.to_string())
}

/// Every table has exactly the English ids, each a text where English has a text and plural
/// forms where English has them, with the same placeholders, and every plural form the
/// language's rules pick for 0..=1000 (Polish `few` and `many`, Japanese `other` only).
#[test]
fn every_table_is_complete_and_matches_english() {
    let reference = reference();
    for (code, text) in SHIPPED {
        let table = parse_table(text).unwrap_or_else(|e| panic!("{code}: {e}"));
        let mut missing: Vec<&String> = reference
            .keys()
            .filter(|k| !table.contains_key(*k))
            .collect();
        let mut extra: Vec<&String> = table
            .keys()
            .filter(|k| !reference.contains_key(*k))
            .collect();
        missing.sort();
        extra.sort();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{code}: missing {missing:?}, unknown {extra:?}"
        );
        let locale: Locale = code.parse().unwrap();
        let rules = PluralRules::try_new_cardinal((&locale).into()).unwrap();
        let needed: std::collections::BTreeSet<String> = (0..=1000u64)
            .map(|n| format!("{:?}", rules.category_for(n)))
            .collect();
        for (id, en) in &reference {
            let m = &table[id];
            assert_eq!(
                placeholders(m),
                placeholders(en),
                "{code}: {id}: placeholders"
            );
            match (en, m) {
                (Message::Text(_), Message::Text(t)) => {
                    assert!(
                        !t.trim().is_empty() || id == "full_stop",
                        "{code}: {id} is empty"
                    )
                }
                (Message::Plural(_), Message::Plural(forms)) => {
                    let have: std::collections::BTreeSet<String> =
                        forms.iter().map(|(c, _)| format!("{c:?}")).collect();
                    let lacking: Vec<_> = needed.difference(&have).collect();
                    assert!(
                        lacking.is_empty(),
                        "{code}: {id} lacks the forms {lacking:?}"
                    );
                }
                _ => panic!("{code}: {id} must be a text or plural forms, as in English"),
            }
        }
    }
}

/// No message in another language is left in English, except the words that are the same
/// in both (checked one by one here, so a forgotten translation cannot hide).
#[test]
fn no_table_copies_english() {
    let same_word: &[(&str, &str)] = &[
        ("fr", "nav_sources"),
        ("fr", "sources_title"),
        ("fr", "source_kicker"),
        ("fr", "page_title_n"),
        ("pl", "tag_kicker"),
        ("fr", "search_site_label"),
        ("fr", "search_source"),
        ("pt", "search_site_label"),
        ("pl", "search_tag"),
    ];
    let reference = reference();
    for (code, text) in &SHIPPED[1..] {
        let table = parse_table(text).unwrap();
        for (id, en) in &reference {
            // Patterns of placeholders and punctuation may well be the same.
            let pattern = ["tag_feed_title", "full_stop", "edition_month"].contains(&id.as_str());
            if pattern || same_word.contains(&(code, id)) {
                continue;
            }
            let (Message::Text(a), Message::Text(b)) = (en, &table[id]) else {
                continue;
            };
            assert_ne!(a, b, "{code}: `{id}` is the English text");
        }
    }
}

#[test]
fn plural_forms_follow_each_language() {
    let counts = [1, 2, 5, 22];
    let forms = |lang: &str, id: &str| -> Vec<String> {
        let s = strings(lang);
        counts.iter().map(|&n| plural(&s, id, n)).collect()
    };
    assert_eq!(
        forms("en", "story_count"),
        ["1 story", "2 stories", "5 stories", "22 stories"]
    );
    assert_eq!(
        forms("de", "reading_time"),
        [
            "1 Minute Lesezeit",
            "2 Minuten Lesezeit",
            "5 Minuten Lesezeit",
            "22 Minuten Lesezeit"
        ]
    );
    assert_eq!(
        forms("pl", "reading_time"),
        [
            "1 minuta czytania",
            "2 minuty czytania",
            "5 minut czytania",
            "22 minuty czytania"
        ]
    );
    assert_eq!(
        forms("ja", "reading_time"),
        [
            "1分で読めます",
            "2分で読めます",
            "5分で読めます",
            "22分で読めます"
        ]
    );
}

#[test]
fn language_tags_fall_back_to_their_language_then_english() {
    let at = Strings::load("de-AT", &toml::Table::new());
    assert_eq!(at.strings.language(), "de");
    assert!(at.language_warning.is_none());
    // Austrian German says Jänner.
    let jan: jiff::civil::Date = "2025-01-06".parse().unwrap();
    assert_eq!(at.strings.date(jan), "6. Jänner 2025");
    assert_eq!(strings("de").date(jan), "6. Januar 2025");
    let tr = Strings::load("tr", &toml::Table::new());
    assert_eq!(tr.strings.language(), "en");
    let warning = tr.language_warning.unwrap();
    assert!(
        warning.contains("`language`") && warning.contains("`tr`"),
        "{warning}"
    );
    assert_eq!(tr.strings.date(jan), "6 January 2025");
    assert!(Strings::load("not a tag!", &toml::Table::new())
        .language_warning
        .is_some());
    assert_eq!(strings("en-US").date(jan), "January 6, 2025");
    assert_eq!(strings("EN").language(), "en");
}

/// The dates every shipped language displays: an article's date, an edition's month.
#[test]
fn dates_per_language() {
    let day: jiff::civil::Date = "2024-05-30".parse().unwrap();
    let expected = [
        ("en", "30 May 2024", "May 2024"),
        ("de", "30. Mai 2024", "Mai 2024"),
        ("fr", "30 mai 2024", "Mai 2024"),
        ("es", "30 de mayo de 2024", "Mayo de 2024"),
        ("it", "30 maggio 2024", "Maggio 2024"),
        ("pt", "30 de maio de 2024", "Maio de 2024"),
        ("nl", "30 mei 2024", "Mei 2024"),
        ("pl", "30 maja 2024", "Maj 2024"),
        ("sv", "30 maj 2024", "Maj 2024"),
        ("ja", "2024年5月30日", "2024年5月"),
    ];
    for (code, date, month) in expected {
        let s = strings(code);
        assert_eq!(
            (code, s.date(day).as_str(), s.month(day).as_str()),
            (code, date, month)
        );
    }
    let weeks: Vec<String> = SHIPPED
        .iter()
        .map(|(c, _)| strings(c).week_title(22, 2024))
        .collect();
    assert_eq!(
        weeks,
        [
            "Week 22, 2024",
            "KW 22/2024",
            "Semaine 22, 2024",
            "Semana 22 de 2024",
            "Settimana 22, 2024",
            "Semana 22 de 2024",
            "Week 22 van 2024",
            "Tydzień 22, 2024",
            "Vecka 22, 2024",
            "2024年 第22週",
        ]
    );
}

#[test]
fn overrides_replace_messages_and_are_checked() {
    let overrides: toml::Table = toml::from_str(
        "skip_link = \"Direkt zum Text\"\nreading_time = { one = \"{count} Min.\", other = \"{count} Min.\" }\n",
    )
    .unwrap();
    let loaded = Strings::load("de", &overrides);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.strings.text("skip_link", &[]), "Direkt zum Text");
    assert_eq!(plural(&loaded.strings, "reading_time", 5), "5 Min.");

    let bad: toml::Table = toml::from_str(
        "skip_lnk = \"x\"\nzzzz_qqqq = \"x\"\nread_original = \"at {place}\"\nstory_count = { other = \"{count}\", lots = \"x\" }\nupdated = 3\n",
    )
    .unwrap();
    let mut problems: Vec<String> = Strings::load("en", &bad)
        .problems
        .into_iter()
        .map(|p| p.message)
        .collect();
    problems.sort();
    assert_eq!(
        problems,
        [
            "[strings] `read_original`: `{place}` is not a placeholder of this message; it has {source}",
            "[strings] `story_count`: `lots` is not a plural form; the forms are zero, one, two, few, many and other",
            "[strings] `updated`: a message is a text, or a table of plural forms (one = \"…\", other = \"…\")",
            "unknown message id `skip_lnk` in [strings]; did you mean `skip_link`?",
            "unknown message id `zzzz_qqqq` in [strings]; docs/templates.md lists every message id",
        ]
    );
}

#[test]
fn html_escapes_the_text_and_leaves_arguments_to_the_caller() {
    let overrides: toml::Table =
        toml::from_str("read_original = \"<Read> {source} & more\"").unwrap();
    let s = Strings::load("en", &overrides).strings;
    let html = s.html("read_original", |_, out| {
        out.push_str("<a href=\"u\">S</a>");
        Ok(())
    });
    assert_eq!(html, "&lt;Read&gt; <a href=\"u\">S</a> &amp; more");
    assert_eq!(
        s.text("names_and", &[("first", "A, B"), ("last", "C")]),
        "A, B and C"
    );
}

/// docs/templates.md lists every message id.
#[test]
fn every_id_is_documented() {
    let docs = include_str!("../../docs/templates.md");
    for id in Strings::ids() {
        assert!(
            docs.contains(&format!("`{id}`")),
            "docs/templates.md does not list `{id}`"
        );
    }
}

/// Plural overrides are checked against the language's forms: missing ones and unused
/// ones are warnings; forms for a message without a count are an error.
#[test]
fn plural_overrides_follow_the_languages_forms() {
    let load = |language: &str, toml: &str| {
        let table: toml::Table = toml::from_str(toml).unwrap();
        Strings::load(language, &table)
    };
    let pl = load(
        "pl",
        "story_count = { one = \"{count} artykuł\", other = \"{count} artykułów\" }\nreading_time = { one = \"a\", two = \"b\", few = \"c\", many = \"d\", other = \"e\" }\n",
    );
    let mut warned: Vec<String> = pl.warnings.into_iter().map(|w| w.message).collect();
    warned.sort();
    assert_eq!(
        warned,
        [
            "[strings] `reading_time`: `pl` has the plural forms `one`, `few`, `many`, `other`; `two` is never used",
            "[strings] `story_count`: `pl` has the plural forms `one`, `few`, `many`, `other`; `few`, `many` missing, so `other` stands in for them",
        ]
    );
    assert!(pl.problems.is_empty());
    assert!(load("en", "story_count = { one = \"a\", other = \"b\" }\n")
        .warnings
        .is_empty());
    let bad = load("de", "skip_link = { one = \"a\", other = \"b\" }\nreading_time = { one = \"{count} Minute\", other = \"{cuont} Minuten\" }\n");
    let mut problems: Vec<String> = bad.problems.into_iter().map(|p| p.message).collect();
    problems.sort();
    assert_eq!(
        problems,
        [
            "[strings] `reading_time`: `{cuont}` is not a placeholder of this message; it has {count}",
            "[strings] `skip_link` takes no count, so it has no plural forms: write it as one text",
        ]
    );
}

/// Plural rules follow the site's own language, table or not: Czech `[strings]` get Czech
/// forms; `EN` is `en` (day-month-year dates).
#[test]
fn plural_rules_and_dates_follow_the_sites_own_language() {
    let table: toml::Table = toml::from_str(
        "story_count = { one = \"{count} článek\", few = \"{count} články\", other = \"{count} článků\" }\n",
    )
    .unwrap();
    let cs = Strings::load("cs", &table);
    assert!(
        cs.warnings.is_empty(),
        "{:?}",
        cs.warnings.iter().map(|w| &w.message).collect::<Vec<_>>()
    );
    assert_eq!(plural(&cs.strings, "story_count", 2), "2 články");
    assert_eq!(plural(&cs.strings, "story_count", 5), "5 článků");
    let day = jiff::civil::date(2024, 5, 30);
    assert_eq!(
        Strings::load("EN", &toml::Table::new()).strings.date(day),
        "30 May 2024"
    );
}
