//! For the `serve` tests: a running `gazette serve` on a free port (killed on drop, even
//! when a test panics), raw HTTP/1.1 over loopback, a WebSocket client, and bounded polling.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::gazette;

/// Generous limit for anything we wait for; tests never assert on time.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A running server.
pub struct Server {
    child: Mutex<Child>,
    pub port: u16,
    output: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Server {
    /// `gazette --root ROOT serve --port 0 ARGS...`, once it prints its URL.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        Server::start_with_env(root, args, &[])
    }

    /// [`Server::start`] with extra environment variables.
    pub fn start_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = gazette()
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let output = Arc::new(Mutex::new(Vec::new()));
        collect_lines(child.stdout.take().unwrap(), output.clone());
        collect_lines(child.stderr.take().unwrap(), output.clone());
        let mut server = Server {
            child: Mutex::new(child),
            port: 0,
            output,
        };
        let line = server.wait_for_line("serving http://127.0.0.1:");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server.port = port;
        server
    }

    pub fn output(&self) -> Vec<String> {
        self.output.lock().unwrap().clone()
    }

    /// The first line containing `needle` (waiting for it).
    pub fn wait_for_line(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.output().into_iter().find(|l| l.contains(needle)) {
                return l;
            }
            if let Ok(Some(status)) = self.child.lock().unwrap().try_wait() {
                panic!(
                    "gazette exited ({status}) before printing {needle:?}:\n{}",
                    self.output().join("\n")
                );
            }
            if start.elapsed() > PATIENCE {
                panic!("no {needle:?} from gazette:\n{}", self.output().join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many lines contain `needle` so far.
    pub fn count_lines(&self, needle: &str) -> usize {
        self.output().iter().filter(|l| l.contains(needle)).count()
    }

    /// Waits until at least `n` lines contain `needle`.
    pub fn wait_for_count(&self, needle: &str, n: usize) {
        wait_until(&format!("{n} lines with {needle:?}"), self, || {
            self.count_lines(needle) >= n
        });
    }

    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, None)
    }

    pub fn request(&self, method: &str, path: &str, host: Option<&str>) -> Response {
        let host = host.map_or_else(|| format!("127.0.0.1:{}", self.port), str::to_string);
        let head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw_request(self.port, head.as_bytes())
    }

    /// A WebSocket to the live-reload endpoint, with its first (hello) message read.
    pub fn websocket(&self) -> LiveReload {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let url = format!("ws://127.0.0.1:{}/__gazette/ws", self.port);
        let (socket, _) = tungstenite::client(url, stream).expect("websocket handshake");
        let mut ws = LiveReload { socket };
        let hello = ws.next();
        assert_eq!(hello["type"], "hello", "{hello}");
        ws
    }
}

fn collect_lines(stream: impl Read + Send + 'static, out: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            match line {
                Ok(l) => out.lock().unwrap().push(l),
                Err(_) => break,
            }
        }
    });
}

/// Polls `cond` every 50 ms; panics with the server's output after [`PATIENCE`].
pub fn wait_until(what: &str, server: &Server, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        if start.elapsed() > PATIENCE {
            panic!(
                "timed out waiting for {what}; server output:\n{}",
                server.output().join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until `path` is served with status 200 and contains `text`.
pub fn wait_for_text(server: &Server, path: &str, text: &str) {
    wait_until(&format!("{path} to contain {text:?}"), server, || {
        let r = server.get(path);
        r.status == 200 && r.text().contains(text)
    });
}

pub struct LiveReload {
    socket: tungstenite::WebSocket<TcpStream>,
}

impl LiveReload {
    /// The next message (JSON).
    pub fn next(&mut self) -> serde_json::Value {
        loop {
            match self.socket.read().expect("websocket message") {
                tungstenite::Message::Text(t) => {
                    return serde_json::from_str(t.as_str()).expect("JSON message")
                }
                tungstenite::Message::Close(_) => panic!("websocket closed"),
                _ => {}
            }
        }
    }

    /// Skips messages until one of type `kind`.
    pub fn next_of(&mut self, kind: &str) -> serde_json::Value {
        loop {
            let m = self.next();
            if m["type"] == kind {
                return m;
            }
        }
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads the whole response (the server closes the connection).
pub fn raw_request(port: u16, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}
