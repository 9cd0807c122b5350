use super::dates::date_line;
use super::names::byline;
use super::*;

fn units(s: &str) -> Vec<String> {
    s.lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

const BODY1: &str =
    "The Millbrook town council voted on Tuesday to repair the old footbridge over the river.";
const BODY2: &str =
    "Work is expected to start in the spring and to take about six weeks, the clerk said.";

#[test]
fn comment_form_and_captcha_lines_are_chrome() {
    for line in [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Name*",
        "Email*",
        "Website",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
        "Δ",
        "Please enter your comment!",
        "Captcha verification failed!",
        "CAPTCHA user score failed. Please contact us!",
        "I'm not a robot",
        "Continue on app",
        "Share this:",
        "Facebook Twitter LinkedIn Email",
        "Home | News | Sport | Contact",
        "We use cookies to improve your experience on our site.",
        "© 2024 Millbrook Gazette. All rights reserved.",
        "Read more: Council approves budget",
        "5 min read",
    ] {
        assert_ne!(classify(line, false), LineKind::Text, "{line}");
    }
    assert_eq!(classify(BODY1, false), LineKind::Text);
}

#[test]
fn article_sentences_mentioning_chrome_words_are_kept() {
    for line in [
        "The council will share the cost of the new bridge with the county.",
        "Residents can leave a comment on the plan at the library until Friday.",
        "By the end of the year, the council hopes to have finished the work.",
    ] {
        assert_eq!(classify(line, false), LineKind::Text, "{line}");
    }
}

#[test]
fn bylines_are_parsed() {
    assert_eq!(
        byline("By Ada Quill"),
        Some(LineKind::Byline(vec!["Ada Quill".into()], None))
    );
    assert_eq!(
        byline("By Ada Quill and Tomas Reed, Staff Writers | March 3, 2024"),
        Some(LineKind::Byline(
            vec!["Ada Quill".into(), "Tomas Reed".into()],
            Some("2024-03-03".into())
        ))
    );
    assert_eq!(
        byline("Author: Mira van der Berg"),
        Some(LineKind::Byline(vec!["Mira van der Berg".into()], None))
    );
    assert_eq!(byline("By Tuesday, the council had voted twice."), None);
    assert_eq!(
        byline("By the end of the year the bridge will be open."),
        None
    );
}

#[test]
fn shouted_bylines_are_title_cased() {
    assert_eq!(
        byline("BY ADA QUILL"),
        Some(LineKind::Byline(vec!["Ada Quill".into()], None))
    );
}

#[test]
fn bylines_inside_a_related_list_are_not_the_authors() {
    let u = units(&format!(
            "{BODY1}\nRelated Articles\nLibrary extends its opening hours\nBy Tomas Reed\nMarch 9, 2024"
        ));
    let c = clean(&u, "T", &[]);
    assert!(c.authors.is_empty(), "{:?}", c.authors);
    assert_eq!(c.date, None);
    assert_eq!(c.paragraphs, vec![BODY1]);
}

#[test]
fn names_are_recognised() {
    assert!(is_name_like("Ada Quill"));
    assert!(is_name_like("J. R. Quill"));
    assert!(is_name_like("Ana María de la Cruz"));
    assert!(!is_name_like("Latest Stories"));
    assert!(!is_name_like("Ada"));
    assert!(!is_name_like("The council met."));
    assert!(!is_name_like("Budget 2024 Plans"));
}

#[test]
fn dates_are_found() {
    assert_eq!(find_date("March 3, 2024").unwrap().0, "2024-03-03");
    assert_eq!(find_date("3 Mar 2024").unwrap().0, "2024-03-03");
    assert_eq!(find_date("Sept. 9 2023").unwrap().0, "2023-09-09");
    assert_eq!(find_date("2024-03-05").unwrap().0, "2024-03-05");
    assert_eq!(
        find_date("2024-03-05T10:15:00+0100").unwrap().0,
        "2024-03-05T10:15:00+01:00"
    );
    assert_eq!(
        find_date("2024-03-05T10:15:00Z").unwrap().0,
        "2024-03-05T10:15:00Z"
    );
    assert_eq!(
        find_date("2024-03-05T10:15:00").unwrap().0,
        "2024-03-05T10:15:00"
    );
    // A time of day after a written date is kept, with its zone when it names one.
    assert_eq!(
        find_date("March 3, 2024 at 10:15 a.m. EST").unwrap().0,
        "2024-03-03T10:15:00-05:00"
    );
    assert_eq!(
        find_date("3 Mar 2024, 9.05pm").unwrap().0,
        "2024-03-03T21:05:00"
    );
    assert_eq!(
        find_date("March 3, 2024 12 AM").unwrap().0,
        "2024-03-03T00:00:00"
    );
    assert_eq!(
        find_date("March 3, 2024 10:15 ET").unwrap().0,
        "2024-03-03T10:15:00"
    );
    // Numbers that are not a time stay out of it.
    assert_eq!(
        find_date("March 3, 2024 3 min read").unwrap().0,
        "2024-03-03"
    );
    assert_eq!(find_date("March 3, 2024 25:00").unwrap().0, "2024-03-03");
    assert_eq!(
        find_date("March 3, 2024 10:15amazing").unwrap().0,
        "2024-03-03T10:15:00"
    );
    assert!(find_date("February 30, 2024").is_none());
    assert!(find_date("The council has 12 members and 3 clerks.").is_none());
}

#[test]
fn date_lines_are_only_dates() {
    assert_eq!(
        date_line("Published March 3, 2024 at 10:15 a.m. EST"),
        Some(LineKind::DateLine {
            date: "2024-03-03T10:15:00-05:00".into(),
            updated: false
        })
    );
    assert_eq!(
        date_line("Updated: Tue 5 Mar 2024 09.00 GMT"),
        Some(LineKind::DateLine {
            date: "2024-03-05T09:00:00+00:00".into(),
            updated: true
        })
    );
    assert_eq!(
        date_line("On March 3, 2024 the council met in the school hall."),
        None
    );
    assert_eq!(
        date_line("Published: 11th June 2024 | Updated: 12 June 2024"),
        Some(LineKind::DateLine {
            date: "2024-06-11".into(),
            updated: false
        })
    );
}

#[test]
fn repeated_name_with_bio_is_a_byline_and_both_go() {
    let u = units(&format!(
            "{BODY1}\n{BODY2}\nAda Quill\nAda Quill\nReporter covering local government and schools.\nLatest stories\nRelated Articles\nLeave a reply\nPlease enter your comment!\nContinue on app"
        ));
    let c = clean(&u, "Footbridge Repairs Approved", &[]);
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
}

#[test]
fn name_followed_by_bio_is_a_byline() {
    let u = units(&format!(
        "{BODY1}\n{BODY2}\nTomas Reed\nEditor and writer specializing in transport.\n"
    ));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.authors, vec!["Tomas Reed"]);
    assert_eq!(c.paragraphs.len(), 2);
}

#[test]
fn bio_sentence_at_the_end_names_the_author() {
    let u = units(&format!(
        "{BODY1}\n{BODY2}\nAda Quill is a staff writer for the Millbrook Gazette.\n"
    ));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.paragraphs.len(), 2);
}

#[test]
fn byline_and_date_at_the_top() {
    let u = units(&format!(
        "By Ada Quill\nMarch 3, 2024\n{BODY1}\nBy Ada Quill\n{BODY2}"
    ));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.date.as_deref(), Some("2024-03-03"));
    assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
}

#[test]
fn name_next_to_a_date_is_the_author() {
    let u = units(&format!("Ada Quill\n4 March 2024\n{BODY1}"));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.paragraphs, vec![BODY1]);
}

#[test]
fn published_date_wins_over_updated() {
    let u = units(&format!(
        "Updated March 9, 2024\nPublished March 3, 2024\n{BODY1}"
    ));
    assert_eq!(clean(&u, "T", &[]).date.as_deref(), Some("2024-03-03"));
}

#[test]
fn related_list_headlines_are_dropped_until_prose_resumes() {
    let u = units(&format!(
            "{BODY1}\nRelated Articles\nCouncil approves new bus timetable\nLibrary extends opening hours\n{BODY2}"
        ));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.paragraphs, vec![BODY1, BODY2]);
}

#[test]
fn everything_after_leave_a_reply_is_dropped() {
    let u = units(&format!(
        "{BODY1}\nLeave a reply\nGreat article, I agree with every word the council said today.\n"
    ));
    assert_eq!(clean(&u, "T", &[]).paragraphs, vec![BODY1]);
}

#[test]
fn a_comment_link_above_the_article_does_not_end_it() {
    let u = units(&format!("3 Comments\n{BODY1}\n{BODY2}\nComments\nWhat a lovely bridge that is, I walk over it every single day."));
    assert_eq!(clean(&u, "T", &[]).paragraphs, vec![BODY1, BODY2]);
}

#[test]
fn menus_titles_and_duplicates_are_dropped() {
    let u = units(&format!(
        "Home\nTown\nCouncil\nEvents\nFootbridge Repairs Approved\n{BODY1}\n{BODY1}"
    ));
    let c = clean(&u, "Footbridge Repairs Approved", &[]);
    assert_eq!(c.paragraphs, vec![BODY1]);
}

#[test]
fn known_authors_are_not_repeated_in_the_text() {
    let u = units(&format!("{BODY1}\nBy Ada Quill\nAda Quill"));
    let c = clean(&u, "T", &["Ada Quill".to_string()]);
    assert_eq!(c.paragraphs, vec![BODY1]);
}

#[test]
fn captions_and_url_lines() {
    let u = units(&format!(
            "https://news.example.org/2024/03/footbridge\n{BODY1}\nFILE – The old footbridge in 2019. (Photo/Ada Quill)\nSource: https://news.example.org/other"
        ));
    let c = clean(&u, "T", &[]);
    assert_eq!(
        c.url.as_deref(),
        Some("https://news.example.org/2024/03/footbridge")
    );
    assert_eq!(c.paragraphs, vec![BODY1]);
}

#[test]
fn a_quotation_mentioning_a_reporter_stays() {
    let q = "\"Any reporter can see the bridge is unsafe,\" said Councillor Ben Ode on Tuesday.";
    let u = units(&format!("Ada Quill\nAda Quill\n{q}"));
    let c = clean(&u, "T", &[]);
    assert_eq!(c.paragraphs, vec![q]);
}
