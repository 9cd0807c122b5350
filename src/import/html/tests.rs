use super::*;

const P1: &str =
    "The Millbrook town council voted on Tuesday to repair the old footbridge over the river.";
const P2: &str =
    "Work is expected to start in the spring and to take about six weeks, the clerk said.";

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
}

#[test]
fn open_graph_and_meta_fields() {
    let html = page(
        r#"<title>Footbridge Repairs Approved | Millbrook Gazette</title>
            <meta property="og:title" content="Footbridge Repairs Approved">
            <meta property="og:site_name" content="Millbrook Gazette">
            <meta name="author" content="Ada Quill">
            <meta property="article:published_time" content="2024-03-05T10:15:00+01:00">
            <link rel="canonical" href="https://gazette.example.org/2024/03/footbridge/">"#,
        &format!("<article><p>{P1}</p><p>{P2}</p></article>"),
    );
    let c = parse(&html).unwrap();
    assert_eq!(c.title, "Footbridge Repairs Approved");
    assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.date.as_deref(), Some("2024-03-05T10:15:00+01:00"));
    assert_eq!(
        c.url.as_deref(),
        Some("https://gazette.example.org/2024/03/footbridge/")
    );
    assert_eq!(c.paragraphs, vec![P1, P2]);
}

#[test]
fn title_tag_suffix_is_stripped_when_the_site_is_known() {
    let html = page(
        r#"<title>Footbridge Repairs Approved - Millbrook Gazette</title><meta property="og:site_name" content="Millbrook Gazette">"#,
        &format!("<p>{P1}</p>"),
    );
    assert_eq!(parse(&html).unwrap().title, "Footbridge Repairs Approved");
}

#[test]
fn h1_is_the_last_resort_title() {
    let html = page(
        "",
        &format!("<h1>Footbridge &amp; Path Repairs</h1><p>{P1}</p>"),
    );
    assert_eq!(parse(&html).unwrap().title, "Footbridge & Path Repairs");
}

#[test]
fn json_ld_fields() {
    let html = page(
        r#"<title>x</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Millbrook Gazette"},
              {"@type":"NewsArticle","headline":"Footbridge Repairs Approved","datePublished":"2024-03-05",
               "author":[{"@type":"Person","name":"Ada Quill"},{"@type":"Person","name":"Tomas Reed"}],
               "publisher":{"@type":"Organization","name":"Millbrook Gazette"},
               "mainEntityOfPage":{"@id":"https://gazette.example.org/footbridge"}}]}</script>"#,
        &format!("<main><p>{P1}</p></main>"),
    );
    let c = parse(&html).unwrap();
    assert_eq!(c.title, "Footbridge Repairs Approved");
    assert_eq!(c.authors, vec!["Ada Quill", "Tomas Reed"]);
    assert_eq!(c.date.as_deref(), Some("2024-03-05"));
    assert_eq!(
        c.url.as_deref(),
        Some("https://gazette.example.org/footbridge")
    );
    assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
}

#[test]
fn time_element_and_header_byline() {
    let html = page(
        "<title>Footbridge Repairs Approved</title>",
        &format!(
            r#"<article><header><h1>Footbridge Repairs Approved</h1><p class="byline">By Ada Quill</p>
                <time datetime="2024-03-05">5 March</time></header><p>{P1}</p></article>"#
        ),
    );
    let c = parse(&html).unwrap();
    assert_eq!(c.authors, vec!["Ada Quill"]);
    assert_eq!(c.date.as_deref(), Some("2024-03-05"));
    assert_eq!(c.paragraphs, vec![P1]);
}

#[test]
fn chrome_blocks_are_skipped() {
    let html = page(
        "<title>T</title><style>p { color: red }</style>",
        &format!(
            r#"<nav><ul><li>Home</li><li>News</li></ul></nav>
                <header><p>Millbrook Gazette</p></header>
                <main><article><p>{P1}</p>
                <div class="share-buttons"><p>Share this story with your friends on every network.</p></div>
                <figure><img src="a.jpg"><figcaption>The old footbridge seen from the east bank.</figcaption></figure>
                <script>document.write("<p>injected text that is not part of the story.</p>")</script>
                <p>{P2}</p>
                <aside><p>Related: the council approved a new bus timetable last month.</p></aside>
                <section id="comments"><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p></form></section>
                </article></main>
                <footer><p>Copyright 2024 Millbrook Gazette, all rights reserved.</p></footer>"#
        ),
    );
    let c = parse(&html).unwrap();
    assert_eq!(c.paragraphs, vec![P1, P2]);
}

#[test]
fn a_wrapper_with_a_chrome_class_is_read_when_nothing_else_is() {
    let html = page(
        "<title>T</title>",
        &format!(
            r#"<div id="page" class="site has-sidebar"><p>{P1}</p><div class="share"><p>Share this story on every network you use.</p></div></div>"#
        ),
    );
    assert_eq!(parse(&html).unwrap().paragraphs, vec![P1]);
}

#[test]
fn the_article_with_most_text_wins() {
    let html = page(
            "<title>T</title>",
            &format!("<article><p>Short teaser for another story.</p></article><article><p>{P1}</p><p>{P2}</p></article>"),
        );
    assert_eq!(parse(&html).unwrap().paragraphs, vec![P1, P2]);
}

#[test]
fn line_chrome_inside_the_article_is_dropped() {
    let html = page(
            "<title>T</title>",
            &format!("<article><p>{P1}</p><p>Continue on app</p><p>Leave a reply</p><p>Great story, thanks for writing it up for all of us.</p></article>"),
        );
    assert_eq!(parse(&html).unwrap().paragraphs, vec![P1]);
}

#[test]
fn unknown_site_suffix_becomes_site_name() {
    let html = page(
        "<title>Footbridge Repairs Approved | Millbrook Gazette</title>",
        &format!("<p>{P1}</p>"),
    );
    let c = parse(&html).unwrap();
    assert_eq!(c.title, "Footbridge Repairs Approved");
    assert_eq!(c.site_name.as_deref(), Some("Millbrook Gazette"));
}
