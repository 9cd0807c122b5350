//! Live reload: a hub that tells every open page what happened (a new site, new stylesheets,
//! a failed build), the WebSocket endpoint pages connect to, and the script injected into
//! served HTML. Messages are small JSON objects:
//!
//! - `{"type":"hello","build":N}` on connecting: a page built before N reloads itself;
//! - `{"type":"reload","build":N}` after site N was swapped in;
//! - `{"type":"css","build":N}` when only stylesheets changed: pages re-fetch them;
//! - `{"type":"error","text":"..."}` when a build failed (also sent on connecting while the
//!   site is broken): pages show it as an overlay until the next good build.

use std::sync::Mutex;

use axum::extract::ws::{Message, WebSocket};
use serde_json::json;
use tokio::sync::broadcast;

/// The WebSocket endpoint; `/__gazette/` is reserved in serve mode.
pub const WS_PATH: &str = "/__gazette/ws";

#[derive(Debug, Default, Clone)]
struct HubState {
    build: u64,
    error: Option<String>,
}

/// What a build that is now served changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Only stylesheets: pages swap them without reloading.
    Css,
    /// Anything else: pages reload.
    Site,
}

pub struct Hub {
    tx: broadcast::Sender<String>,
    state: Mutex<HubState>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    pub fn new() -> Self {
        let (tx, _) = broadcast::channel(64);
        Hub {
            tx,
            state: Mutex::new(HubState::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Call after site `build` is servable. A CSS-only change after a failed build still
    /// reloads (the page on screen may predate several changes).
    pub fn published(&self, build: u64, change: Published) {
        let mut state = self.state();
        let kind = if change == Published::Css && state.error.is_none() {
            "css"
        } else {
            "reload"
        };
        state.build = build;
        state.error = None;
        let _ = self
            .tx
            .send(json!({ "type": kind, "build": build }).to_string());
    }

    /// A build failed; the previous site stays.
    pub fn failed(&self, text: String) {
        let mut state = self.state();
        let _ = self
            .tx
            .send(json!({ "type": "error", "text": &text }).to_string());
        state.error = Some(text);
    }

    /// The current error, if the last build failed.
    pub fn error(&self) -> Option<String> {
        self.state().error.clone()
    }

    /// What a page connecting now must hear first, and the feed of what follows.
    fn subscribe(&self) -> (Vec<String>, broadcast::Receiver<String>) {
        let state = self.state();
        let rx = self.tx.subscribe();
        let mut first = vec![json!({ "type": "hello", "build": state.build }).to_string()];
        if let Some(text) = &state.error {
            first.push(json!({ "type": "error", "text": text }).to_string());
        }
        (first, rx)
    }
}

/// One open page's connection: forwards the hub's messages until either side goes away.
pub async fn connection(mut socket: WebSocket, hub: std::sync::Arc<Hub>) {
    let (first, mut rx) = hub.subscribe();
    for text in first {
        if socket.send(Message::Text(text.into())).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            msg = rx.recv() => {
                let text = match msg {
                    Ok(text) => text,
                    // Missed messages: tell the page where things stand now.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let (first, fresh) = hub.subscribe();
                        rx = fresh;
                        first.join("\n")
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                };
                for line in text.lines() {
                    if socket.send(Message::Text(line.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    }
}

/// The script injected before `</body>` of every HTML response in serve mode.
pub fn script(build: u64) -> String {
    SCRIPT.replace("__BUILD__", &build.to_string())
}

const SCRIPT: &str = r#"<script data-gazette-live-reload>
(() => {
  let build = __BUILD__;
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__gazette/ws";
  const overlayId = "__gazette_overlay";
  // The overlay lives in a shadow root whose styles start from `all: initial`: no rule of the
  // site's theme reaches inside, so it reads the same on every theme, light or dark.
  const overlayStyle = ":host{all:initial;position:fixed;inset:0;z-index:2147483647;display:block}" +
    ".box{box-sizing:border-box;height:100%;overflow:auto;padding:2em;margin:0;" +
    "background:#141414;color:#f2f2f2;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace}" +
    "p{margin:0 0 1em;font-weight:bold;color:#ff9b9b;background:#141414}" +
    "pre{margin:0;padding:0;white-space:pre-wrap;font:inherit;color:#f2f2f2;background:#141414;border:0}";
  function showError(text) {
    let host = document.getElementById(overlayId);
    if (!host) {
      host = document.createElement("div");
      host.id = overlayId;
      const root = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = overlayStyle;
      const box = document.createElement("div");
      box.className = "box";
      box.setAttribute("role", "alert");
      const title = document.createElement("p");
      title.textContent = "gazette: the site did not build; still serving the last good version. Fix it and save.";
      box.append(title, document.createElement("pre"));
      root.append(style, box);
      document.body.appendChild(host);
    }
    host.shadowRoot.querySelector("pre").textContent = text;
  }
  function clearError() {
    const host = document.getElementById(overlayId);
    if (host) host.remove();
  }
  function refreshStylesheets(n) {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const u = new URL(link.href);
      u.searchParams.set("__gazette", String(n));
      link.href = u.href;
    }
  }
  function connect() {
    const ws = new WebSocket(url);
    ws.onopen = () => { window.__gazetteLive = "open"; };
    ws.onmessage = (event) => {
      const m = JSON.parse(event.data);
      if (m.type === "hello") {
        if (m.build !== build && m.build > 0) location.reload();
      } else if (m.type === "reload") {
        location.reload();
      } else if (m.type === "css") {
        build = m.build;
        clearError();
        refreshStylesheets(m.build);
      } else if (m.type === "error") {
        showError(m.text);
      }
    };
    ws.onclose = () => {
      window.__gazetteLive = "closed";
      setTimeout(connect, 1000);
    };
  }
  connect();
})();
</script>
"#;

/// `html` with the live-reload script before its last `</body>` (or at the end).
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let script = script(build);
    let at = rfind_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_closing_body() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", 7);
        let text = String::from_utf8(out).unwrap();
        let script_at = text.find("<script data-gazette-live-reload>").unwrap();
        assert!(script_at < text.find("</BODY>").unwrap());
        assert!(text.contains("let build = 7;"));
        assert!(text.ends_with("</BODY></html>"));
    }

    #[test]
    fn injects_at_the_end_without_a_body_tag() {
        let out = inject(b"<p>x</p>", 1);
        assert!(String::from_utf8(out)
            .unwrap()
            .starts_with("<p>x</p><script"));
    }

    #[test]
    fn a_css_change_after_a_failure_reloads() {
        let hub = Hub::new();
        let (_, mut rx) = hub.subscribe();
        hub.failed("a.md:2: error: bad".into());
        hub.published(2, Published::Css);
        hub.published(3, Published::Css);
        let msgs: Vec<String> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        assert!(msgs[0].contains("\"error\""));
        assert!(msgs[1].contains("\"reload\""));
        assert!(msgs[2].contains("\"css\""));
        assert_eq!(hub.error(), None);
    }
}
