//! Reading a template body as CloudFormation reads it: JSON, or YAML with
//! the short-form intrinsic tags (`!Ref`, `!GetAtt A.B`, `!Sub`, ...), which
//! come back in their long form (`{"Fn::GetAtt": ["A", "B"]}`), so a
//! template deployed from hand-written YAML compares with a synthesized one.

use std::borrow::Cow;
use std::fmt;

use rcdk_core::yaml::{implicit_type, Implicit};
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value as Json};

/// How deep collections may nest, and how many nodes a template may have
/// once aliases are expanded: CloudFormation's 1 MB body limit keeps real
/// templates far below both, and hostile bodies (alias bombs) stop here.
const MAX_DEPTH: usize = 256;
const MAX_NODES: usize = 2_000_000;

/// Why a template body could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// Neither valid JSON nor valid YAML.
    Syntax,
    /// A `!Tag` that is not a CloudFormation intrinsic function.
    UnknownTag,
    /// Valid YAML that is not a template: several documents, a collection
    /// as a mapping key, an undefined alias.
    NotATemplate,
    /// Nested deeper, or with more nodes after alias expansion, than any
    /// template CloudFormation accepts.
    TooLarge,
}

/// A template body that could not be read, with the line and column (both
/// 1-based) where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    kind: ReadErrorKind,
    line: usize,
    column: usize,
    message: String,
}

impl ReadError {
    /// What kind of problem this is.
    pub fn kind(&self) -> &ReadErrorKind {
        &self.kind
    }

    /// The 1-based line where reading stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column where reading stopped.
    pub fn column(&self) -> usize {
        self.column
    }

    fn at(kind: ReadErrorKind, span: &Span, message: impl Into<String>) -> Self {
        ReadError {
            kind,
            line: span.start.line(),
            column: span.start.col() + 1,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads a template body: JSON when it is JSON, YAML (long or short form)
/// otherwise.
///
/// ```
/// let body = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub '${AWS::StackName}-t'\nOutputs:\n  Arn:\n    Value: !GetAtt Topic.TopicArn\n";
/// let template = rcdk_diff::read_template(body).unwrap();
/// assert_eq!(template["Outputs"]["Arn"]["Value"], serde_json::json!({"Fn::GetAtt": ["Topic", "TopicArn"]}));
/// assert_eq!(template["Resources"]["Topic"]["Properties"]["TopicName"], serde_json::json!({"Fn::Sub": "${AWS::StackName}-t"}));
/// ```
pub fn read_template(body: &str) -> Result<Json, ReadError> {
    if let Ok(json) = serde_json::from_str(body) {
        return Ok(json);
    }
    Reader::default().read(body)
}

/// A collection being filled, with the anchor and tag it opened with.
enum Frame {
    Seq {
        items: Vec<Json>,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        entries: Map<String, Json>,
        key: Option<String>,
        anchor: usize,
        tag: Option<String>,
    },
}

#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
    anchors: std::collections::HashMap<usize, Json>,
    nodes: usize,
    root: Option<Json>,
}

impl Reader {
    fn read(mut self, body: &str) -> Result<Json, ReadError> {
        for event in Parser::new_from_str(body) {
            let (event, span) = event.map_err(|e| ReadError {
                kind: ReadErrorKind::Syntax,
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: e.info().to_owned(),
            })?;
            self.event(event, &span)?;
        }
        Ok(self.root.unwrap_or(Json::Null))
    }

    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), ReadError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref(), span)?;
                self.node(value, anchor, span)
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    anchor,
                    tag: tag_name(tag.as_deref(), span)?,
                });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.open(span)?;
                let tag = tag_name(tag.as_deref(), span)?;
                self.stack.push(Frame::Map {
                    entries: Map::new(),
                    key: None,
                    anchor,
                    tag,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(value) => {
                    self.count(&value, span)?;
                    self.place(value, span)
                }
                None => Err(ReadError::at(
                    ReadErrorKind::NotATemplate,
                    span,
                    "an alias names no anchor",
                )),
            },
            Event::DocumentStart(_) if self.root.is_some() => Err(ReadError::at(
                ReadErrorKind::NotATemplate,
                span,
                "a template is one YAML document; this body has several",
            )),
            _ => Ok(()),
        }
    }

    fn open(&mut self, span: &Span) -> Result<(), ReadError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ReadError::at(
                ReadErrorKind::TooLarge,
                span,
                format!("collections nest more than {MAX_DEPTH} deep"),
            ));
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(ReadError::at(
                ReadErrorKind::NotATemplate,
                span,
                "a mapping key is a collection; template keys are strings",
            ));
        }
        Ok(())
    }

    fn close(&mut self, span: &Span) -> Result<(), ReadError> {
        let (value, anchor) = match self.stack.pop() {
            Some(Frame::Seq { items, anchor, tag }) => (tagged(Json::Array(items), tag), anchor),
            Some(Frame::Map {
                entries, anchor, tag, ..
            }) => (tagged(Json::Object(entries), tag), anchor),
            None => return Ok(()),
        };
        self.node(value, anchor, span)
    }

    fn node(&mut self, value: Json, anchor: usize, span: &Span) -> Result<(), ReadError> {
        self.nodes += 1;
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.place(value, span)
    }

    /// Aliases copy their anchor's value: count what each copy adds.
    fn count(&mut self, value: &Json, span: &Span) -> Result<(), ReadError> {
        let mut todo = vec![value];
        while let Some(v) = todo.pop() {
            self.nodes += 1;
            if self.nodes > MAX_NODES {
                return Err(ReadError::at(
                    ReadErrorKind::TooLarge,
                    span,
                    format!("aliases expand the template past {MAX_NODES} values"),
                ));
            }
            match v {
                Json::Array(items) => todo.extend(items),
                Json::Object(map) => todo.extend(map.values()),
                _ => {}
            }
        }
        Ok(())
    }

    fn place(&mut self, value: Json, span: &Span) -> Result<(), ReadError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => {
                    entries.insert(k, value);
                }
                None => *key = Some(key_text(value, span)?),
            },
        }
        Ok(())
    }
}

fn key_text(value: Json, span: &Span) -> Result<String, ReadError> {
    match value {
        Json::String(s) => Ok(s),
        Json::Null => Ok(String::new()),
        Json::Bool(b) => Ok(b.to_string()),
        Json::Number(n) => Ok(n.to_string()),
        _ => Err(ReadError::at(
            ReadErrorKind::NotATemplate,
            span,
            "a mapping key is an intrinsic function; template keys are strings",
        )),
    }
}

/// `!Name` for a CloudFormation intrinsic, `None` for the core `!!` tags.
fn tag_name(tag: Option<&Tag>, span: &Span) -> Result<Option<String>, ReadError> {
    let Some(tag) = tag else { return Ok(None) };
    if tag.is_yaml_core_schema() {
        return Ok(None);
    }
    if tag.handle == "!" && long_form(&tag.suffix).is_some() {
        return Ok(Some(tag.suffix.clone()));
    }
    Err(ReadError::at(
        ReadErrorKind::UnknownTag,
        span,
        format!("`{tag}` is not a CloudFormation intrinsic function (use !Ref, !GetAtt, !Sub, !Join, ...)"),
    ))
}

/// The long-form key of a short-form tag.
fn long_form(short: &str) -> Option<&'static str> {
    Some(match short {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "FindInMap" => "Fn::FindInMap",
        "GetAtt" => "Fn::GetAtt",
        "GetAZs" => "Fn::GetAZs",
        "ImportValue" => "Fn::ImportValue",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Sub" => "Fn::Sub",
        "Transform" => "Fn::Transform",
        "And" => "Fn::And",
        "Equals" => "Fn::Equals",
        "If" => "Fn::If",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        "ToJsonString" => "Fn::ToJsonString",
        "Length" => "Fn::Length",
        "ForEach" => "Fn::ForEach",
        _ => return None,
    })
}

fn tagged(value: Json, tag: Option<String>) -> Json {
    let Some(short) = tag else { return value };
    let key = long_form(&short).unwrap_or("Ref");
    let value = match (short.as_str(), value) {
        // `!GetAtt Resource.Attribute.Path` splits at the first dot.
        ("GetAtt", Json::String(s)) => match s.split_once('.') {
            Some((resource, attribute)) => Json::Array(vec![resource.into(), attribute.into()]),
            None => Json::String(s),
        },
        (_, value) => value,
    };
    Json::Object(Map::from_iter([(key.to_owned(), value)]))
}

fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>, span: &Span) -> Result<Json, ReadError> {
    if let Some(tag) = tag.filter(|t| t.is_yaml_core_schema()) {
        return Ok(match tag.suffix.as_str() {
            "str" => Json::String(text.to_owned()),
            _ => resolve(text),
        });
    }
    if let Some(short) = tag_name(tag, span)? {
        return Ok(tagged(Json::String(text.to_owned()), Some(short)));
    }
    Ok(match style {
        ScalarStyle::Plain => resolve(text),
        _ => Json::String(text.to_owned()),
    })
}

/// A plain scalar's value, by the YAML 1.1 rules CloudFormation reads with.
/// Forms JSON cannot hold (dates, `.inf`) stay strings, as CloudFormation
/// passes them on.
fn resolve(text: &str) -> Json {
    match implicit_type(text) {
        Some(Implicit::Null) => Json::Null,
        // `y` and `n` are booleans in the YAML 1.1 schema but not to PyYAML
        // or CloudFormation: one-letter values stay strings.
        Some(Implicit::Bool(b)) if text.len() > 1 => Json::Bool(b),
        Some(Implicit::Int) => int(text).map_or_else(|| text.into(), Json::Number),
        Some(Implicit::Float) => float(text).map_or_else(|| text.into(), Json::Number),
        _ => Json::String(text.to_owned()),
    }
}

fn int(text: &str) -> Option<Number> {
    let clean: Cow<str> = if text.contains('_') {
        text.replace('_', "").into()
    } else {
        text.into()
    };
    let (negative, digits) = match clean.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
    };
    let magnitude = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(bin) = digits.strip_prefix("0b") {
        i64::from_str_radix(bin, 2).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()?
    } else if digits.contains(':') {
        digits
            .split(':')
            .try_fold(0i64, |acc, part| acc.checked_mul(60)?.checked_add(part.parse().ok()?))?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(digits, 8).ok()?
    } else {
        digits.parse().ok()?
    };
    Some(Number::from(if negative {
        magnitude.checked_neg()?
    } else {
        magnitude
    }))
}

fn float(text: &str) -> Option<Number> {
    let clean = text.replace('_', "");
    Number::from_f64(clean.parse::<f64>().ok()?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_short_form() {
        let body = "\
A: !Ref Foo
B: !GetAtt Res.Attr.Deep
C: !GetAtt [Res, Attr]
D: !Sub 'x-${Foo}'
E: !Sub ['${A}', {A: !Ref B}]
F: !If [Cond, !Ref X, !Ref AWS::NoValue]
G: !Join ['', [a, !Ref B]]
H: !Select [0, !GetAZs '']
I: !Split [',', !ImportValue Exported]
J: !FindInMap [Map, !Ref AWS::Region, Key]
K: !Base64 text
L: !Cidr [10.0.0.0/16, 4, 8]
M: !And [!Equals [a, b], !Not [!Condition C], !Or [!Condition D, !Condition E]]
";
        let t = read_template(body).unwrap();
        assert_eq!(t["A"], json!({"Ref": "Foo"}));
        assert_eq!(t["B"], json!({"Fn::GetAtt": ["Res", "Attr.Deep"]}));
        assert_eq!(t["C"], json!({"Fn::GetAtt": ["Res", "Attr"]}));
        assert_eq!(t["D"], json!({"Fn::Sub": "x-${Foo}"}));
        assert_eq!(t["E"], json!({"Fn::Sub": ["${A}", {"A": {"Ref": "B"}}]}));
        assert_eq!(
            t["F"],
            json!({"Fn::If": ["Cond", {"Ref": "X"}, {"Ref": "AWS::NoValue"}]})
        );
        assert_eq!(t["G"], json!({"Fn::Join": ["", ["a", {"Ref": "B"}]]}));
        assert_eq!(t["H"], json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]}));
        assert_eq!(t["I"], json!({"Fn::Split": [",", {"Fn::ImportValue": "Exported"}]}));
        assert_eq!(t["J"], json!({"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Key"]}));
        assert_eq!(t["K"], json!({"Fn::Base64": "text"}));
        assert_eq!(t["L"], json!({"Fn::Cidr": ["10.0.0.0/16", 4, 8]}));
        assert_eq!(
            t["M"],
            json!({"Fn::And": [{"Fn::Equals": ["a", "b"]}, {"Fn::Not": [{"Condition": "C"}]},
                {"Fn::Or": [{"Condition": "D"}, {"Condition": "E"}]}]})
        );
    }

    #[test]
    fn scalars_by_yaml_1_1_rules() {
        let t = read_template(
            "a: yes\nb: 'yes'\nc: 010\nd: 0x1F\ne: 1_000\nf: 1.5\ng: ~\nh: 2012-10-17\ni: y\nj: !!str 12\nk: .inf\n",
        )
        .unwrap();
        assert_eq!(
            t,
            json!({"a": true, "b": "yes", "c": 8, "d": 31, "e": 1000, "f": 1.5, "g": null, "h": "2012-10-17",
                "i": "y", "j": "12", "k": ".inf"})
        );
    }

    #[test]
    fn json_and_long_form_yaml_read_alike() {
        let json = r#"{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"N": {"Ref": "P"}}}}}"#;
        let yaml = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      N:\n        Ref: P\n";
        assert_eq!(read_template(json).unwrap(), read_template(yaml).unwrap());
    }

    #[test]
    fn bad_bodies_say_where_and_why() {
        let err = read_template("A: !Bogus x\n").unwrap_err();
        assert_eq!(err.kind(), &ReadErrorKind::UnknownTag);
        assert!(
            err.to_string()
                .contains("`!Bogus` is not a CloudFormation intrinsic function"),
            "{err}"
        );
        let err = read_template("A: [unclosed\n").unwrap_err();
        assert_eq!(err.kind(), &ReadErrorKind::Syntax);
        let err = read_template("A: 1\n---\nB: 2\n").unwrap_err();
        assert_eq!(err.kind(), &ReadErrorKind::NotATemplate);
        assert_eq!((err.line(), err.column()), (2, 1));
        let err = read_template("? [a]\n: b\n").unwrap_err();
        assert_eq!(err.kind(), &ReadErrorKind::NotATemplate);
    }

    #[test]
    fn hostile_bodies_stop() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            bomb.push_str(&format!(
                "b{i}: &b{i} [*{}, *{0}, *{0}, *{0}, *{0}, *{0}, *{0}, *{0}, *{0}, *{0}]\n",
                if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) }
            ));
        }
        assert_eq!(read_template(&bomb).unwrap_err().kind(), &ReadErrorKind::TooLarge);
        let deep = "[".repeat(10_000);
        assert!(read_template(&deep).is_err());
    }
}
