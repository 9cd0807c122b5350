//! The HTTP side: the built site is a map from output path to bytes, so nothing outside it
//! can ever be served; request paths are still decoded and checked strictly, segment by
//! segment. GET and HEAD only, a Host check against DNS rebinding, exact content types,
//! `Cache-Control: no-store`, and the live-reload script injected into HTML.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::reload::{self, WS_PATH};
use super::Shared;

/// Request paths longer than this are refused (414).
pub const MAX_PATH_BYTES: usize = 2048;

/// One built site, as served.
#[derive(Default)]
pub struct Snapshot {
    /// 0 until the first good build.
    pub build: u64,
    pub files: HashMap<String, Bytes>,
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(String),
    /// A folder asked for without its trailing slash: where to go instead.
    Redirect(String),
    NotFound,
    BadRequest,
    TooLong,
}

/// Resolves a raw (still percent-encoded) request path against the site's files.
pub fn resolve(raw: &str, query: Option<&str>, has: impl Fn(&str) -> bool) -> Target {
    if raw.len() > MAX_PATH_BYTES {
        return Target::TooLong;
    }
    let Some(rest) = raw.strip_prefix('/') else {
        return Target::BadRequest;
    };
    let raw_segments: Vec<&str> = rest.split('/').collect();
    let trailing_slash = rest.is_empty() || rest.ends_with('/');
    let used = if trailing_slash {
        &raw_segments[..raw_segments.len() - 1]
    } else {
        &raw_segments[..]
    };
    let mut segments = Vec::with_capacity(used.len());
    for seg in used {
        match decode_segment(seg) {
            Some(s) => segments.push(s),
            None => return Target::BadRequest,
        }
    }
    let key = segments.join("/");
    if trailing_slash {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if has(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if has(&key) {
        Target::File(key)
    } else if has(&format!("{key}/index.html")) {
        let mut location = format!("{raw}/");
        if let Some(q) = query {
            location.push('?');
            location.push_str(q);
        }
        Target::Redirect(location)
    } else {
        Target::NotFound
    }
}

/// One path segment, decoded; `None` for anything that could step outside or smuggle a
/// separator: empty, `.`, `..`, `/`, `\`, NUL and other control characters, bad UTF-8.
fn decode_segment(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    let bad = decoded.is_empty()
        || decoded == "."
        || decoded == ".."
        || decoded.contains(['/', '\\'])
        || decoded.chars().any(char::is_control);
    (!bad).then_some(decoded)
}

/// The Content-Type for an output path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "eml" => "message/rfc822",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

/// True if `host` (a Host header or URI authority) names this server.
pub fn host_allowed(allowed: &[String], host: &str) -> bool {
    allowed.iter().any(|a| a.eq_ignore_ascii_case(host))
}

/// Host names this server answers to, with its port.
pub fn allowed_hosts(interface: std::net::IpAddr, port: u16) -> Vec<String> {
    let mut hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    let own = std::net::SocketAddr::new(interface, port).to_string();
    if !interface.is_unspecified() && !hosts.contains(&own) {
        hosts.push(own);
    }
    hosts
}

/// Every request comes here.
pub async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if let Err(mut refusal) = check_host(&shared, req.headers(), req.uri()) {
        refusal
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return refusal;
    }
    if req.uri().path() == WS_PATH {
        return websocket(shared, req).await;
    }
    // hyper sends no body for HEAD, with the Content-Length of the GET.
    match *req.method() {
        Method::GET | Method::HEAD => {}
        _ => {
            let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
            r.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return r;
        }
    };
    let site = shared.snapshot();
    if site.build == 0 {
        broken_site(&shared)
    } else {
        serve_from(&site, req.uri())
    }
}

fn serve_from(site: &Snapshot, uri: &Uri) -> Response {
    let target = resolve(uri.path(), uri.query(), |k| site.files.contains_key(k));
    match target {
        Target::File(key) => file_response(site, &key, StatusCode::OK),
        Target::Redirect(location) => {
            let mut r = plain(StatusCode::MOVED_PERMANENTLY, "301 Moved Permanently\n");
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Target::NotFound if site.files.contains_key("404.html") => {
            file_response(site, "404.html", StatusCode::NOT_FOUND)
        }
        Target::NotFound => plain(StatusCode::NOT_FOUND, "404 Not Found\n"),
        Target::BadRequest => plain(StatusCode::BAD_REQUEST, "400 Bad Request\n"),
        Target::TooLong => plain(StatusCode::URI_TOO_LONG, "414 URI Too Long\n"),
    }
}

fn file_response(site: &Snapshot, key: &str, status: StatusCode) -> Response {
    let bytes = site.files.get(key).cloned().unwrap_or_default();
    let ctype = content_type(key);
    // An email edition is previewed as the mail program gets it: no script added.
    let body = if ctype.starts_with("text/html") && !key.ends_with("/email.html") {
        Bytes::from(reload::inject(&bytes, site.build))
    } else {
        bytes
    };
    with_headers(status, ctype, body)
}

/// Before the first good build there is no site: a page with the errors and the script,
/// which reloads once the site builds.
fn broken_site(shared: &Shared) -> Response {
    let error = shared.hub.error().unwrap_or_else(|| "building…".into());
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gazette: build failed</title></head>\
         <body><h1>The site did not build</h1><pre>{}</pre></body></html>",
        crate::text::escape_html(&error)
    );
    let body = Bytes::from(reload::inject(html.as_bytes(), 0));
    with_headers(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        body,
    )
}

fn with_headers(status: StatusCode, ctype: &'static str, body: Bytes) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_headers(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(text.as_bytes()),
    )
}

/// Host (and, for absolute-form requests, the URI's authority) must name this server;
/// a WebSocket's Origin, when sent, must be this server too.
#[allow(clippy::result_large_err)]
fn check_host(shared: &Shared, headers: &HeaderMap, uri: &Uri) -> Result<(), Response> {
    let forbidden = || plain(StatusCode::FORBIDDEN, "403 Forbidden: unexpected Host\n");
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    let Some(host) = host else {
        return Err(plain(StatusCode::BAD_REQUEST, "400 Bad Request: no Host\n"));
    };
    if !host_allowed(&shared.allowed_hosts, host) {
        return Err(forbidden());
    }
    if let Some(authority) = uri.authority() {
        if !host_allowed(&shared.allowed_hosts, authority.as_str()) {
            return Err(forbidden());
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|o| host_allowed(&shared.allowed_hosts, o));
        if !ok {
            return Err(plain(StatusCode::FORBIDDEN, "403 Forbidden: bad Origin\n"));
        }
    }
    Ok(())
}

async fn websocket(shared: Arc<Shared>, req: Request) -> Response {
    let (mut parts, _) = req.into_parts();
    match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(ws) => {
            let hub = shared.hub.clone();
            ws.on_upgrade(move |socket| reload::connection(socket, hub))
        }
        Err(rejection) => rejection.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> impl Fn(&str) -> bool {
        |k: &str| ["index.html", "a/index.html", "a/b.css", "404.html"].contains(&k)
    }

    #[test]
    fn resolves_folders_files_and_redirects() {
        assert_eq!(
            resolve("/", None, site()),
            Target::File("index.html".into())
        );
        assert_eq!(
            resolve("/a/", None, site()),
            Target::File("a/index.html".into())
        );
        assert_eq!(
            resolve("/a/b.css", None, site()),
            Target::File("a/b.css".into())
        );
        assert_eq!(
            resolve("/a", Some("x=1"), site()),
            Target::Redirect("/a/?x=1".into())
        );
        assert_eq!(
            resolve("/%61/", None, site()),
            Target::File("a/index.html".into())
        );
        assert_eq!(resolve("/nope", None, site()), Target::NotFound);
    }

    #[test]
    fn refuses_traversal_and_smuggled_separators() {
        for bad in [
            "/../etc/passwd",
            "/a/../a/",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a%2fb.css",
            "/a%5cb.css",
            "/a\\b.css",
            "/a/%00",
            "//etc/passwd",
            "/a//b.css",
            "/./a/",
            "/%ff",
        ] {
            assert_eq!(resolve(bad, None, site()), Target::BadRequest, "{bad}");
        }
        assert_eq!(resolve("etc/passwd", None, site()), Target::BadRequest);
        assert_eq!(resolve(&"/a".repeat(2000), None, site()), Target::TooLong);
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("rss.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn hosts_are_matched_exactly_with_the_port() {
        let allowed = allowed_hosts("127.0.0.1".parse().unwrap(), 1111);
        assert!(host_allowed(&allowed, "LOCALHOST:1111"));
        assert!(host_allowed(&allowed, "[::1]:1111"));
        assert!(!host_allowed(&allowed, "localhost:1112"));
        assert!(!host_allowed(&allowed, "evil.example:1111"));
        assert!(!host_allowed(&allowed, "localhost"));
    }
}
