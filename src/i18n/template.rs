//! The `t` function of templates: `{{ t(id="read_original", source=s.name, source_url=s.url) }}`.
//! `count=` picks the plural form and fills `{count}`; every other argument fills the
//! placeholder of its name. An argument `x` given with `x_url` becomes a link. Text and
//! arguments are escaped where the template autoescapes (HTML); a safe string (another
//! `t(...)`, `| safe`) is written as is.

use tera::{Kwargs, State, Value};

use std::collections::HashMap;

use super::{Message, Strings};

/// Adds `t` to `tera`.
pub fn register(tera: &mut tera::Tera, strings: &Strings) {
    let strings = strings.clone();
    // Most messages are fixed text: escaped once here, then each call is a lookup (a
    // 10,000-article site makes some 200,000 calls).
    let fixed: HashMap<String, Value> = strings
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
    tera.register_function(
        "t",
        SafeFunction(move |kwargs: Kwargs, state: &State| {
            if state.autoescaping_enabled() {
                if let Some(v) = fixed.get(kwargs.must_get::<&str>("id")?) {
                    return Ok(v.clone());
                }
            }
            translate(&strings, &kwargs, state)
        }),
    );
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

fn translate(strings: &Strings, kwargs: &Kwargs, state: &State) -> tera::TeraResult<Value> {
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
    let write = |v: &Value, out: &mut String| -> tera::TeraResult<()> {
        match v.as_str() {
            Some(s) if escape && !v.is_safe() => out.push_str(&state.escape(s)?),
            Some(s) => out.push_str(s),
            None => out.push_str(&v.to_string()),
        }
        Ok(())
    };
    let mut out = String::with_capacity(template.len() + 32);
    super::fill(
        template,
        &mut out,
        |text, out| match escape {
            true => out.push_str(&crate::text::escape_html(text)),
            false => out.push_str(text),
        },
        |name, out| {
            let Some(value) = kwargs.get::<&Value>(name).ok().flatten() else {
                return Err(format!("t(id=\"{id}\"): missing argument `{name}`"));
            };
            let url_key = [name, "_url"].concat();
            let url = kwargs.get::<&Value>(&url_key).ok().flatten();
            if let Some(url) = url {
                out.push_str("<a href=\"");
                write(url, out).map_err(|e| e.to_string())?;
                out.push_str("\">");
            }
            write(value, out).map_err(|e| e.to_string())?;
            if url.is_some() {
                out.push_str("</a>");
            }
            Ok(())
        },
    )
    .map_err(tera::Error::message)?;
    Ok(if escape {
        Value::safe_string(&out)
    } else {
        Value::from(out)
    })
}

fn unknown_id(id: &str) -> String {
    format!("t(): unknown message id `{id}`; {}", super::id_hint(id))
}
