//! Keeps `NoEcho` parameter values out of what rcdk prints. rcdk's own
//! messages never contain a parameter value; this masks the ones AWS puts in
//! its messages (a validation error, a resource's failure reason) and in
//! stack outputs, and `NoEcho` defaults wherever a template is shown.

use std::io::{self, Write};

use serde_json::Value as Json;

/// The mask that replaces a secret.
pub(crate) const MASK: &str = "****";

/// Values never to print.
#[derive(Clone, Debug, Default)]
pub(crate) struct Secrets(Vec<String>);

/// Whether the template declares `key` as a `NoEcho` parameter.
pub(crate) fn no_echo(template: &Json, key: &str) -> bool {
    let flag = template
        .get("Parameters")
        .and_then(|p| p.get(key))
        .and_then(|p| p.get("NoEcho"));
    matches!(flag, Some(Json::Bool(true)))
        || flag
            .and_then(Json::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("true"))
}

impl Secrets {
    /// Adds `value` (empty values hide nothing).
    pub(crate) fn add(&mut self, value: &str) {
        if !value.is_empty() && !self.0.iter().any(|v| v == value) {
            self.0.push(value.to_owned());
            // Longest first, so a secret that contains another is masked whole.
            self.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// Adds the values given for the template's `NoEcho` parameters.
    pub(crate) fn add_given(&mut self, template: &Json, given: &[(String, String)]) {
        for (k, v) in given {
            if no_echo(template, k) {
                self.add(v);
            }
        }
    }

    /// Adds the defaults of the template's `NoEcho` parameters.
    pub(crate) fn add_defaults(&mut self, template: &Json) {
        let Some(params) = template.get("Parameters").and_then(Json::as_object) else {
            return;
        };
        for (k, p) in params {
            match p.get("Default") {
                Some(Json::String(s)) if no_echo(template, k) => self.add(s),
                Some(v) if no_echo(template, k) && !v.is_null() => self.add(&v.to_string()),
                _ => {}
            }
        }
    }

    /// `text` with every secret replaced by [`MASK`].
    pub(crate) fn mask(&self, text: &str) -> String {
        self.0.iter().fold(text.to_owned(), |t, s| t.replace(s.as_str(), MASK))
    }
}

/// A writer that masks secrets line by line (a secret never spans lines
/// rcdk writes, and masking needs whole text, not fragments).
pub(crate) struct Masked<'a> {
    inner: &'a mut dyn Write,
    secrets: &'a Secrets,
    line: Vec<u8>,
}

impl<'a> Masked<'a> {
    pub(crate) fn new(inner: &'a mut dyn Write, secrets: &'a Secrets) -> Self {
        Masked {
            inner,
            secrets,
            line: Vec::new(),
        }
    }

    fn emit(&mut self) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line).into_owned();
        self.line.clear();
        self.inner.write_all(self.secrets.mask(&text).as_bytes())
    }
}

impl Write for Masked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            self.line.push(b);
            if b == b'\n' {
                self.emit()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit()?;
        }
        self.inner.flush()
    }
}

impl Drop for Masked<'_> {
    fn drop(&mut self) {
        // A partial last line still reaches the output, masked.
        self.flush().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template() -> Json {
        json!({"Parameters": {
            "Password": {"Type": "String", "NoEcho": true, "Default": "defaultpw"},
            "Token": {"Type": "String", "NoEcho": "true"},
            "Size": {"Type": "Number", "Default": 3},
        }})
    }

    #[test]
    fn only_no_echo_values_are_secret() {
        let mut s = Secrets::default();
        s.add_given(
            &template(),
            &[
                ("Password".into(), "hunter2".into()),
                ("Token".into(), "tok".into()),
                ("Size".into(), "3".into()),
            ],
        );
        s.add_defaults(&template());
        assert_eq!(
            s.mask("pw hunter2, tok, default defaultpw, size 3"),
            "pw ****, ****, default ****, size 3"
        );
    }

    #[test]
    fn the_longer_secret_is_masked_whole() {
        let mut s = Secrets::default();
        s.add("abc");
        s.add("abcdef");
        assert_eq!(s.mask("x abcdef y abc"), "x **** y ****");
    }

    #[test]
    fn the_writer_masks_a_secret_split_across_writes() {
        let mut s = Secrets::default();
        s.add("hunter2");
        let mut out = Vec::new();
        {
            let mut w = Masked::new(&mut out, &s);
            write!(w, "value hun").unwrap();
            write!(w, "ter2 here\nand hunter2").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "value **** here\nand ****");
    }
}
