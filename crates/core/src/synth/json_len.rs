//! The exact length of the JSON text of a template, without writing it.
//!
//! Validation needs only the size of the template (CloudFormation's limits);
//! the text itself is rendered when a caller asks for it
//! ([`StackArtifact::json`](super::StackArtifact::json)). The count follows
//! serde_json's pretty printer with a one-space indent byte for byte: `{`,
//! then per entry a line break (after a comma from the second on), the
//! indent, the key, `: ` and the value, then a line break, the outer indent
//! and `}`; `{}` and `[]` when empty; strings escaped as serde_json escapes
//! them. A test checks it against the rendered text of every example.

use serde_json::{Number, Value as Json};

/// The length of `StackArtifact::render_json(template)`, final newline included.
pub(crate) fn rendered_len(template: &Json) -> usize {
    value_len(template, 0) + 1
}

fn value_len(v: &Json, depth: usize) -> usize {
    match v {
        Json::Null | Json::Bool(true) => 4,
        Json::Bool(false) => 5,
        Json::Number(n) => number_len(n),
        Json::String(s) => string_len(s),
        Json::Array(items) if items.is_empty() => 2,
        Json::Object(map) if map.is_empty() => 2,
        Json::Array(items) => {
            let body: usize = items.iter().map(|i| depth + 1 + value_len(i, depth + 1)).sum();
            container_len(items.len(), body, depth)
        }
        Json::Object(map) => {
            let body: usize = map
                .iter()
                .map(|(k, v)| depth + 1 + string_len(k) + 2 + value_len(v, depth + 1))
                .sum();
            container_len(map.len(), body, depth)
        }
    }
}

/// The brackets, the line breaks and commas between `entries`, and the
/// indent of the closing bracket, around `body`.
fn container_len(entries: usize, body: usize, depth: usize) -> usize {
    let separators = 1 + 2 * (entries - 1);
    1 + separators + body + 1 + depth + 1
}

/// A string between quotes, with serde_json's escapes: two bytes for `"`,
/// `\`, backspace, tab, line feed, form feed and carriage return, six
/// (`\u00XX`) for the other control characters.
fn string_len(s: &str) -> usize {
    let escapes: usize = s.bytes().map(|b| usize::from(EXTRA[usize::from(b)])).sum();
    s.len() + escapes + 2
}

/// The bytes serde_json's escape of each byte adds to it.
static EXTRA: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = 5;
        b += 1;
    }
    t[0x08] = 1;
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[0x0C] = 1;
    t[b'\r' as usize] = 1;
    t[b'"' as usize] = 1;
    t[b'\\' as usize] = 1;
    t
};

fn number_len(n: &Number) -> usize {
    let mut counter = Counter(0);
    serde_json::to_writer(&mut counter, n).ok();
    counter.0
}

/// An `io::Write` that counts bytes.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::rendered_len;
    use crate::synth::StackArtifact;

    #[test]
    fn counts_what_serde_json_writes() {
        let docs = [
            json!({}),
            json!([]),
            json!(null),
            json!("a \"quoted\" \\ line\nbreak\ttab\u{1}\u{1f}\u{7f} é ✓"),
            json!({"A": {"B": [1, -2, 3.5, 1e300, true, false, null, {}, [], [[]], {"C": {}}]}, "D": ""}),
            json!({"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "k", "Value": "v"}]}}}}),
        ];
        for doc in docs {
            assert_eq!(rendered_len(&doc), StackArtifact::render_json(&doc).len(), "{doc}");
        }
    }
}
