//! The `t` function of templates: `{{ t(id="read_original", source=s.name, source_url=s.url) }}`.
//! `count=` picks the plural form and fills `{count}`; every other argument fills the
//! placeholder of its name. An argument `x` given with `x_url` becomes a link. Text and
//! arguments are escaped where the template autoescapes (HTML); a safe string (another
//! `t(...)`, `| safe`) is written as is.

use tera::{Kwargs, State, Value};

use rustc_hash::FxHashMap;

use super::{Message, Strings};

/// Adds `t` to `tera`.
pub fn register(tera: &mut tera::Tera, strings: &Strings) {
    let strings = strings.clone();
    // Most messages are fixed text: escaped once here, then each call is a lookup (a
    // 10,000-article site makes some 200,000 calls).
    let fixed: FxHashMap<String, Value> = strings
        .0
        .messages
        .iter()
        .filter_map(|(id, m)| match m {
            Message::Text(t) if super::placeholders(m).is_empty() => {
                Some((id.clone(), Value::safe_string(&crate::text::escape_html(t))))
            }
            _ => None,
        })
        .collect();
    let pieces = Pieces::of(&strings);
    tera.register_function(
        "t",
        SafeFunction(move |kwargs: Kwargs, state: &State| {
            if state.autoescaping_enabled() {
                if let Some(v) = fixed.get(kwargs.must_get::<&str>("id")?) {
                    return Ok(v.clone());
                }
            }
            translate(&strings, &pieces, &kwargs, state)
        }),
    );
}

/// A piece of a message's text: text (as written and escaped), or a `{name}` with the
/// name of its `name_url` argument.
enum Piece {
    Text { raw: String, escaped: String },
    Arg { name: String, url: String },
}

/// Every message text cut into pieces once, keyed by the text, so a call does not parse
/// the text, escape it or make argument names again.
struct Pieces(FxHashMap<String, Vec<Piece>>);

impl Pieces {
    fn of(strings: &Strings) -> Pieces {
        let texts = strings.0.messages.values().flat_map(|m| match m {
            Message::Text(t) => vec![t.as_str()],
            Message::Plural(forms) => forms.iter().map(|(_, t)| t.as_str()).collect(),
        });
        Pieces(texts.map(|t| (t.to_string(), cut(t))).collect())
    }
}

fn cut(template: &str) -> Vec<Piece> {
    let pieces = std::cell::RefCell::new(Vec::new());
    let _ = super::fill::<std::convert::Infallible>(
        template,
        &mut String::new(),
        |text, _| {
            let escaped = crate::text::escape_html(text).into_owned();
            let raw = text.to_string();
            pieces.borrow_mut().push(Piece::Text { raw, escaped });
        },
        |name, _| {
            let (name, url) = (name.to_string(), [name, "_url"].concat());
            pieces.borrow_mut().push(Piece::Arg { name, url });
            Ok(())
        },
    );
    pieces.into_inner()
}

/// A function whose output is already escaped.
struct SafeFunction<F>(F);

impl<F> tera::Function<tera::TeraResult<Value>> for SafeFunction<F>
where
    F: Fn(Kwargs, &State) -> tera::TeraResult<Value> + Sync + Send + 'static,
{
    fn call(&self, kwargs: Kwargs, state: &State) -> tera::TeraResult<Value> {
        (self.0)(kwargs, state)
    }
    fn is_safe(&self) -> bool {
        true
    }
}

fn translate(
    strings: &Strings,
    pieces: &Pieces,
    kwargs: &Kwargs,
    state: &State,
) -> tera::TeraResult<Value> {
    let id: &str = kwargs.must_get("id")?;
    let count = match kwargs.get::<&Value>("count")? {
        None => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| {
            tera::Error::message(format!(
                "t(id=\"{id}\"): `count` must be a whole number ≥ 0"
            ))
        })?),
    };
    let Some(template) = strings.template(id, count) else {
        return Err(tera::Error::message(unknown_id(id)));
    };
    let escape = state.autoescaping_enabled();
    let mut out = String::with_capacity(template.len() + 32);
    for piece in pieces.0.get(template).map_or(&[][..], Vec::as_slice) {
        match piece {
            Piece::Text { escaped, .. } if escape => out.push_str(escaped),
            Piece::Text { raw, .. } => out.push_str(raw),
            Piece::Arg { name, url } => write_arg(kwargs, state, name, url, &mut out)
                .map_err(|e| match e {
                    None => format!("t(id=\"{id}\"): missing argument `{name}`"),
                    Some(e) => e,
                })
                .map_err(tera::Error::message)?,
        }
    }
    Ok(if escape {
        Value::safe_string(&out)
    } else {
        Value::from(out)
    })
}

/// Argument `name`, a link to `url` (the `name_url` argument) when there is one. The error
/// is None for a missing argument, else the escaper's.
fn write_arg(
    kwargs: &Kwargs,
    state: &State,
    name: &str,
    url: &str,
    out: &mut String,
) -> Result<(), Option<String>> {
    let Some(value) = kwargs.get::<&Value>(name).ok().flatten() else {
        return Err(None);
    };
    let url = kwargs.get::<&Value>(url).ok().flatten();
    if let Some(url) = url {
        out.push_str("<a href=\"");
        write_value(state, url, out).map_err(Some)?;
        out.push_str("\">");
    }
    write_value(state, value, out).map_err(Some)?;
    if url.is_some() {
        out.push_str("</a>");
    }
    Ok(())
}

/// A value as text, escaped where the template autoescapes unless it is safe.
fn write_value(state: &State, v: &Value, out: &mut String) -> Result<(), String> {
    match v.as_str() {
        Some(s) if state.autoescaping_enabled() && !v.is_safe() => {
            out.push_str(&state.escape(s).map_err(|e| e.to_string())?)
        }
        Some(s) => out.push_str(s),
        None => out.push_str(&v.to_string()),
    }
    Ok(())
}

fn unknown_id(id: &str) -> String {
    format!("t(): unknown message id `{id}`; {}", super::id_hint(id))
}
