//! `email.eml`: the edition as one RFC 5322 message, `multipart/alternative` with the text
//! part first (mail programs show the last part they can), UTF-8, each part encoded
//! as lettre would (7bit, quoted-printable or base64, whichever is valid and shortest; see
//! `encode`).
//! Every header is derived from the site and the edition, so two builds write the same
//! bytes: the `Date` is the edition's newest story's, the `Message-ID` and the MIME
//! boundary are made from the site's URL and the edition's id.

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::Address;

use super::Input;
use crate::digest::Edition;

/// `List-Unsubscribe: <url>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(
            s.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .into(),
        ))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// The host of the site's `base_url`: the right side of the `Message-ID`, and the default
/// sender's domain.
pub fn site_host(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost")
}

/// The `From:` mailbox: `[newsletter] from`, else the site's title at `newsletter@` the
/// site's host (enough for a file to import; `send` asks for a real `from`).
pub fn sender(config: &crate::config::SiteConfig) -> Mailbox {
    let configured = config
        .newsletter
        .from
        .as_deref()
        .and_then(|f| f.parse().ok());
    configured.unwrap_or_else(|| {
        let address = format!("newsletter@{}", site_host(&config.base_url))
            .parse::<Address>()
            .unwrap_or_else(|_| Address::new("newsletter", "localhost").expect("valid address"));
        Mailbox::new(Some(config.title.clone()), address)
    })
}

/// The edition's `Subject:`, from `[newsletter] subject`.
pub fn subject(input: &Input, edition: &Edition) -> String {
    let mut values = tera::Context::new();
    values.insert_value("site", input.shared.site.clone());
    values.insert(
        "edition",
        &crate::render::context::edition_view(input.config, edition),
    );
    // The template was checked when site.toml was read; the title stands in if it still
    // fails on this edition's values.
    input
        .config
        .newsletter
        .subject
        .render(&values)
        .unwrap_or_else(|_| format!("{} — {}", input.config.title, edition.title))
}

/// A `Message-ID` that names this edition of this site, the same on every build.
pub fn message_id(base_url: &str, edition_id: &str) -> String {
    format!(
        "<{edition_id}.{:016x}.gazette@{}>",
        fnv1a(base_url.as_bytes()),
        site_host(base_url)
    )
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The message: both parts and every header. lettre refuses only a message without a
/// sender, and there always is one.
pub fn compose(
    input: &Input,
    edition: &Edition,
    html: &str,
    text: &str,
) -> Result<Vec<u8>, lettre::error::Error> {
    let config = input.config;
    let from = sender(config);
    let date = edition
        .stories
        .first()
        .map(|&i| input.digest.stories[i].date.timestamp())
        .unwrap_or_default();
    // lettre's date header panics before 1970 (a history digest's 1969 story): such
    // editions are dated at the epoch.
    let date = std::time::SystemTime::try_from(date)
        .ok()
        .filter(|&d| d >= std::time::UNIX_EPOCH)
        .unwrap_or(std::time::UNIX_EPOCH);
    let boundary = format!(
        "gazette-{:016x}",
        fnv1a(format!("{}{}", config.base_url, edition.id).as_bytes())
    );
    // The file names no recipient; `send` gives each its own envelope.
    let envelope =
        lettre::address::Envelope::new(Some(from.email.clone()), vec![from.email.clone()])?;
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .subject(subject(input, edition))
        .date(date)
        .message_id(Some(message_id(&config.base_url, &edition.id)))
        .envelope(envelope);
    if let Some(url) = &config.newsletter.unsubscribe {
        builder = builder.header(ListUnsubscribe(url.clone()));
    }
    let body = MultiPart::alternative()
        .boundary(boundary)
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(super::encode::body(text)),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(super::encode::body(html)),
        );
    Ok(builder.multipart(body)?.formatted())
}
