//! A part's body as lettre's `Body::new` encodes it, byte for byte, in linear time: lettre
//! inserts each `\r` by shifting the rest of the text and quoted-printable pushes one char
//! at a time, which made encoding the build's dearest step after CSS inlining. The choice of
//! encoding and the quoted-printable line breaking follow lettre 0.11 and quoted_printable
//! 0.5 (tested against them); base64, which a mostly-ASCII email never gets, is left to lettre.

use lettre::message::header::ContentTransferEncoding;
use lettre::message::Body;

/// The longest encoded line, without its CRLF.
const LIMIT: usize = 76;

/// `text` encoded as lettre's `Body::new(text)` would encode it.
pub fn body(text: &str) -> Body {
    let bytes = text.as_bytes();
    let encoding = if bytes.is_ascii() && !line_too_long(bytes) {
        ContentTransferEncoding::SevenBit
    } else if qp_efficient(bytes) {
        ContentTransferEncoding::QuotedPrintable
    } else {
        return Body::new(text.to_string());
    };
    let crlf = crlf_line_endings(bytes);
    let buf = match encoding {
        ContentTransferEncoding::QuotedPrintable => quoted_printable(&crlf),
        _ => crlf,
    };
    Body::dangerous_pre_encoded(buf, encoding)
}

/// lettre's test (email-encoding's): a line of 76 bytes or more, where every line after the
/// first counts its `\n`.
fn line_too_long(b: &[u8]) -> bool {
    let mut last = 0;
    memchr::memchr_iter(b'\n', b).any(|i| i - std::mem::replace(&mut last, i) >= 76)
        || b.len() - last >= 76
}

/// Quoted-printable is chosen when at most a third of the bytes need escaping (line
/// breaks count as such).
fn qp_efficient(b: &[u8]) -> bool {
    // Counted in bytes, 255 at a time: a sum the compiler vectorizes 32 lanes wide.
    let escaped: usize = b
        .chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &c| n + u8::from(!is_plain(c)));
            usize::from(n)
        })
        .sum();
    escaped <= b.len() / 3
}

/// Tab or printable ASCII (`' '..='~'`), tested without branches.
fn is_plain(c: u8) -> bool {
    (c == b'\t') | (c.wrapping_sub(b' ') <= b'~' - b' ')
}

/// Every `\n` not after a `\r` gets one.
fn crlf_line_endings(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + b.len() / 32 + 2);
    let mut from = 0;
    for i in memchr::memchr_iter(b'\n', b) {
        out.extend_from_slice(&b[from..i]);
        if i == 0 || b[i - 1] != b'\r' {
            out.push(b'\r');
        }
        from = i;
    }
    out.extend_from_slice(&b[from..]);
    out
}

/// Quoted-printable in text mode (CRLF is a line break), lines of at most [`LIMIT`].
fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut qp = Qp {
        out: Vec::with_capacity(input.len() + input.len() / 16),
        on_line: 0,
        backup: 0,
    };
    let mut was_cr = false;
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        i += 1;
        if was_cr {
            was_cr = false;
            if byte == b'\n' {
                qp.trailing_space_tab();
                qp.out.extend_from_slice(b"\r\n");
                qp.on_line = 0;
                continue;
            }
            qp.append(b"=0D");
        }
        if byte == b'\r' {
            was_cr = true;
        } else if LIMIT - qp.on_line >= 3 && !needs_escape(byte) {
            i += qp.copy_run(&input[i - 1..]) - 1;
        } else {
            qp.encode_byte(byte);
        }
    }
    if was_cr {
        qp.append(b"=0D");
    } else {
        qp.trailing_space_tab();
    }
    qp.out
}

fn needs_escape(c: u8) -> bool {
    (c == b'=') | !is_plain(c)
}

/// The encoder's state: the output, the bytes on its last line, and where the last
/// appended piece starts (a soft break that no longer fits goes before it).
struct Qp {
    out: Vec<u8>,
    on_line: usize,
    backup: usize,
}

impl Qp {
    /// Copies the bytes that need no escape from the start of `run`, up to 2 short of the
    /// line limit; returns how many (at least one: `run[0]` needs none).
    fn copy_run(&mut self, run: &[u8]) -> usize {
        let max = (LIMIT - self.on_line - 2).min(run.len());
        // Most of an email's bytes need no escape.
        let len = crate::text::first_byte(&run[..max], needs_escape)
            .unwrap_or(max)
            .max(1);
        self.out.extend_from_slice(&run[..len]);
        self.on_line += len;
        self.backup = self.out.len();
        len
    }

    fn encode_byte(&mut self, byte: u8) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        match byte {
            b'=' => self.append(b"=3D"),
            c if is_plain(c) => self.append(&[c]),
            c => self.append(&[b'=', HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]]),
        }
    }

    fn append(&mut self, piece: &[u8]) {
        if self.on_line + piece.len() > LIMIT {
            if self.on_line == LIMIT {
                self.on_line = self.out.len() - self.backup;
                self.out.splice(self.backup..self.backup, *b"=\r\n");
            } else {
                self.out.extend_from_slice(b"=\r\n");
                self.on_line = 0;
            }
        }
        self.out.extend_from_slice(piece);
        self.on_line += piece.len();
        self.backup = self.out.len() - piece.len();
    }

    /// A space or tab ending a line is escaped.
    fn trailing_space_tab(&mut self) {
        let piece: &[u8] = match self.out.last() {
            Some(b' ') => b"=20",
            Some(b'\t') => b"=09",
            _ => return,
        };
        self.on_line -= 1;
        self.out.pop();
        self.append(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::body;

    fn same_as_lettre(text: &str) {
        let ours = body(text);
        let theirs = lettre::message::Body::new(text.to_string());
        assert_eq!(ours.encoding(), theirs.encoding(), "{text:?}");
        assert_eq!(
            String::from_utf8_lossy(ours.as_ref()),
            String::from_utf8_lossy(theirs.as_ref()),
            "{text:?}"
        );
    }

    #[test]
    fn encodes_as_lettre_does() {
        for text in [
            "",
            "plain",
            "\n",
            "\r\n",
            "a\r",
            "trailing space \nand tab\t\n",
            &"x".repeat(75),
            &"x".repeat(76),
            &format!("a\n{}\n", "y".repeat(74)),
            &format!("{}é", "z".repeat(80)),
            &format!("{} \n{}=\n", "w".repeat(75), "v".repeat(73)),
            "Read the original at Danube Post, by Luc\u{ed}a Fern\u{e1}ndez:",
            "东京东京东京东京",
        ] {
            same_as_lettre(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn encodes_any_text_as_lettre_does(text in "([a= \t\r\né€]{0,3}[b-y]{0,90}){0,12}") {
            same_as_lettre(&text);
        }

        #[test]
        fn encodes_long_lines_as_lettre_does(text in "[a-z =\t]{60,200}[\n\r]{0,2}[a-zé ]{0,90}") {
            same_as_lettre(&text);
        }
    }
}
