//! `gazette send`: an edition's message through an SMTP server (lettre). One SMTP
//! transaction per recipient, each message with its own `To:`, so no recipient sees the
//! others; each is tried once, so one command never sends a message twice.

use std::net::IpAddr;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, SmtpTransport, Transport};

use crate::error::Error;

/// The environment variable the SMTP password is read from (never site.toml, never the URL).
pub const PASSWORD_VAR: &str = "GAZETTE_SMTP_PASSWORD";

/// Where to send: from `--smtp smtp://user@host:587` or `smtps://user@host:465`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// `smtps://`: TLS from the first byte; else STARTTLS.
    pub implicit_tls: bool,
    pub user: Option<String>,
    pub host: String,
    pub port: u16,
}

impl Server {
    pub fn parse(url: &str) -> Result<Server, Error> {
        let (implicit_tls, rest) = if let Some(r) = url.strip_prefix("smtps://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("smtp://") {
            (false, r)
        } else {
            return Err(Error::SmtpUrl { url: url.into() });
        };
        let rest = rest.trim_end_matches('/');
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((user, hp)) => (Some(user), hp),
            None => (None, rest),
        };
        if user.is_some_and(|u| u.contains(':')) {
            return Err(Error::PasswordInUrl);
        }
        let user = user.map(crate::urls::decode).filter(|u| !u.is_empty());
        let (host, port) =
            split_host_port(hostport).ok_or_else(|| Error::SmtpHostPort { url: url.into() })?;
        let port = port.unwrap_or(if implicit_tls { 465 } else { 587 });
        Ok(Server {
            implicit_tls,
            user,
            host,
            port,
        })
    }

    /// True for `localhost` and loopback addresses: plain SMTP is allowed there (a local
    /// relay, a test server), nowhere else.
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    fn transport(&self, password: Option<String>) -> Result<SmtpTransport, Error> {
        let tls = TlsParameters::new(self.host.clone()).map_err(|e| Error::Tls {
            host: self.host.clone(),
            cause: one_line(&e),
        })?;
        let tls = if self.implicit_tls {
            Tls::Wrapper(tls)
        } else if self.is_loopback() {
            Tls::Opportunistic(tls)
        } else {
            Tls::Required(tls)
        };
        let mut builder = SmtpTransport::builder_dangerous(self.host.as_str())
            .port(self.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some(user) = &self.user {
            let password = password.ok_or_else(|| Error::NoPassword { user: user.clone() })?;
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(builder.build())
    }
}

/// `host`, `host:port`, `[::1]:port`.
fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if host.is_empty() || host.contains(['/', '?', '#', ' ']) {
        return None;
    }
    let port = match port {
        Some(p) => Some(p.parse().ok()?),
        None => None,
    };
    Some((host.to_string(), port))
}

/// The message as sent to `to`: the edition's `email.eml` with a `To:` line first, the
/// recipient's name kept (`To: Bob <bob@example.org>`; lettre encodes what needs it).
pub fn addressed(eml: &[u8], to: &Mailbox) -> Vec<u8> {
    use lettre::message::header::{Headers, To};
    let mut headers = Headers::new();
    headers.set(To::from(lettre::message::Mailboxes::from(to.clone())));
    let mut out = headers.to_string().into_bytes();
    out.extend_from_slice(eml);
    out
}

/// Sends `eml` from `from` to each of `to`, one message each, in order. Stops at the first
/// failure; returns the recipients it was sent to, and the error if there was one.
pub fn send(
    server: &Server,
    password: Option<String>,
    from: &Address,
    to: &[Mailbox],
    eml: &[u8],
    mut sent: impl FnMut(&Address),
) -> Result<(), Error> {
    let transport = server.transport(password)?;
    for mailbox in to {
        let recipient = &mailbox.email;
        let envelope = Envelope::new(Some(from.clone()), vec![recipient.clone()]).map_err(|e| {
            Error::Envelope {
                cause: one_line(&e),
            }
        })?;
        transport
            .send_raw(&envelope, &addressed(eml, mailbox))
            .map_err(|e| {
                let (host, port, cause) = (server.host.clone(), server.port, one_line(&e));
                // The login happens with the first message; 535 is RFC 4954's "credentials
                // invalid".
                let refused = e.status().is_some_and(|code| code.to_string() == "535");
                match &server.user {
                    Some(user) if refused => Error::LoginRefused {
                        user: user.clone(),
                        host,
                        port,
                        cause,
                    },
                    _ => Error::Send {
                        recipient: recipient.to_string(),
                        host,
                        port,
                        cause,
                    },
                }
            })?;
        sent(recipient);
    }
    Ok(())
}

/// An error and its causes on one line.
fn one_line(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let s = cause.to_string();
        if !text.contains(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        source = cause.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls() {
        let s = Server::parse("smtp://me%40x.org@mail.example.org:2525").unwrap();
        assert_eq!(s.user.as_deref(), Some("me@x.org"));
        assert_eq!(
            (s.host.as_str(), s.port, s.implicit_tls),
            ("mail.example.org", 2525, false)
        );
        let s = Server::parse("smtps://mail.example.org").unwrap();
        assert_eq!((s.port, s.implicit_tls, s.user), (465, true, None));
        assert_eq!(Server::parse("smtp://[::1]:25").unwrap().host, "::1");
        assert!(Server::parse("smtp://[::1]:25").unwrap().is_loopback());
        assert!(Server::parse("smtp://127.0.0.2:25").unwrap().is_loopback());
        assert!(!Server::parse("smtp://mail.example.org")
            .unwrap()
            .is_loopback());
        assert!(matches!(
            Server::parse("smtp://u:pw@h"),
            Err(Error::PasswordInUrl)
        ));
        assert!(Server::parse("smtp://u:pw@h")
            .unwrap_err()
            .to_string()
            .contains(PASSWORD_VAR));
        assert!(Server::parse("http://h").is_err());
        assert!(Server::parse("smtp://h:port").is_err());
    }
}
