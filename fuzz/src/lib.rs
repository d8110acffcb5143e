//! Structure-aware generators for the fuzz targets: types that derive
//! `arbitrary::Arbitrary` and render as valid-shaped Amazon States Language
//! definitions, JSON inputs, JSONPaths, intrinsic function calls, Choice
//! rules and mock files. The fuzzer mutates the bytes these are drawn from,
//! so most inputs are definitions that load and run, and the
//! interpreter, not the JSON parser, is what gets explored.
//!
//! Shapes stay valid, values do not: numbers come from a table of edges
//! (0, -1, 99,999,999, 2^63, 1e30, ...), strings from a table of awkward
//! ones (control characters, quotes, placeholders, timestamps), data can be
//! a string or nesting near the payload and depth limits, and references
//! (`Next`, paths, mocked states) may point anywhere, loops included.
//!
//! Recursion is bounded: every recursive part is a [`Nest`] or [`NestVec`],
//! empty past [`MAX_GEN_DEPTH`] levels of generation, so generating and
//! rendering never overflow the fuzzer's stack. Nesting past the
//! interpreter's limits is drawn iteratively instead ([`GenValue::Deep`],
//! [`GenRule::DeepNot`], [`Arg::DeepArray`]).

use std::cell::Cell;

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{json, Map, Value as Json};

/// How many levels of recursive parts one input may generate.
pub const MAX_GEN_DEPTH: u32 = 12;

/// The most bytes of data (strings, repeated items) one input may render,
/// across the input, the definition's literals and the mocks: enough to
/// cross the 256 KiB payload quota a few times, not enough to make a run
/// slow for the size of its data.
pub const DATA_BUDGET: usize = 1_200_000;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Resets the generation depth. Generation leaves it at 0 when it ends, so
/// this is only a safeguard.
pub fn reset_depth() {
    DEPTH.with(|d| d.set(0));
}

/// Runs `f` one generation level deeper, or returns `None` past the limit.
fn deeper<'a, T>(u: &mut Unstructured<'a>, f: impl FnOnce(&mut Unstructured<'a>) -> Result<T>) -> Result<Option<T>> {
    let d = DEPTH.with(Cell::get);
    if d >= MAX_GEN_DEPTH || u.is_empty() {
        return Ok(None);
    }
    DEPTH.with(|c| c.set(d + 1));
    let r = f(u);
    DEPTH.with(|c| c.set(d));
    r.map(Some)
}

/// A recursive part: `None` past the generation depth limit.
#[derive(Debug, Clone)]
pub struct Nest<T>(pub Option<Box<T>>);

impl<'a, T: Arbitrary<'a>> Arbitrary<'a> for Nest<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        if !bool::arbitrary(u)? {
            return Ok(Nest(None));
        }
        Ok(Nest(deeper(u, |u| T::arbitrary(u))?.map(Box::new)))
    }
}

/// A list of recursive parts (at most 4): empty past the depth limit.
#[derive(Debug, Clone)]
pub struct NestVec<T>(pub Vec<T>);

impl<'a, T: Arbitrary<'a>> Arbitrary<'a> for NestVec<T> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(0..=4u8)?;
        let items = deeper(u, |u| (0..n).map(|_| T::arbitrary(u)).collect::<Result<Vec<T>>>())?;
        Ok(NestVec(items.unwrap_or_default()))
    }
}

/// A short list: at most `N` items.
#[derive(Debug, Clone)]
pub struct Few<T, const N: u8>(pub Vec<T>);

impl<'a, T: Arbitrary<'a>, const N: u8> Arbitrary<'a> for Few<T, N> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(0..=N)?;
        (0..n).map(|_| T::arbitrary(u)).collect::<Result<Vec<T>>>().map(Few)
    }
}

// ---------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------

/// An object key, in data and in paths.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Key {
    A,
    B,
    C,
    N,
    S,
    Items,
    Ts,
    Seconds,
    Error,
    Cause,
    Message,
    Space,
    Quote,
    Dot,
    Unicode,
    Dollar,
    Empty,
}

impl Key {
    pub fn as_str(self) -> &'static str {
        match self {
            Key::A => "a",
            Key::B => "b",
            Key::C => "c",
            Key::N => "n",
            Key::S => "s",
            Key::Items => "items",
            Key::Ts => "ts",
            Key::Seconds => "seconds",
            Key::Error => "Error",
            Key::Cause => "Cause",
            Key::Message => "Message",
            Key::Space => "a b",
            Key::Quote => "it's",
            Key::Dot => "x.y",
            Key::Unicode => "é\u{1F600}",
            Key::Dollar => "$x",
            Key::Empty => "",
        }
    }

    /// Whether the key can follow a `.` in a path.
    fn plain(self) -> bool {
        let s = self.as_str();
        !s.is_empty() && s.chars().all(|c| c.is_alphanumeric())
    }
}

/// A number at an edge the interpreter must handle.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Num {
    Small(i8),
    Int(i32),
    Edge(u8),
    Float(f32),
}

const EDGES: [f64; 22] = [
    0.0,
    1.0,
    -1.0,
    2.0,
    0.5,
    -0.5,
    1.5,
    99_999_999.0,
    100_000_000.0,
    31_622_400.0,
    31_622_401.0,
    9_223_372_036_854_775_807.0,
    -9_223_372_036_854_775_808.0,
    18_446_744_073_709_551_615.0,
    9_007_199_254_740_993.0,
    1e30,
    -1e30,
    1e308,
    -1e308,
    1e-300,
    4_294_967_296.0,
    1000.0,
];

impl Num {
    pub fn to_json(self) -> Json {
        match self {
            Num::Small(n) => json!(n),
            Num::Int(n) => json!(n),
            Num::Edge(i) => match i % 26 {
                22 => json!(i64::MAX),
                23 => json!(i64::MIN),
                24 => json!(u64::MAX),
                25 => json!(-0.0),
                i => num_f64(EDGES[usize::from(i)]),
            },
            Num::Float(f) => num_f64(f64::from(f)),
        }
    }

    /// As an integer, for a slice bound or an index.
    pub fn as_i64(self) -> i64 {
        match self {
            Num::Small(n) => i64::from(n),
            Num::Int(n) => i64::from(n),
            Num::Edge(i) => match i % 6 {
                0 => i64::MAX,
                1 => i64::MIN,
                2 => i64::MAX - 1,
                3 => i64::MIN + 1,
                4 => 1 << 32,
                _ => -(1 << 32),
            },
            Num::Float(f) => f as i64,
        }
    }
}

/// A finite float as JSON (integers as integers), or 0.
fn num_f64(f: f64) -> Json {
    if !f.is_finite() {
        return json!(0);
    }
    if f.fract() == 0.0 && f.abs() < 9e15 {
        return json!(f as i64);
    }
    serde_json::Number::from_f64(f).map(Json::Number).unwrap_or(json!(0))
}

/// A number for a field that takes a count or a number of seconds: mostly
/// in range, sometimes at an edge or any [`Num`].
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum PosNum {
    Small(u8),
    Seconds(u16),
    Edge(u8),
    Any(Num),
}

const POS_EDGES: [f64; 10] = [
    0.0,
    1.0,
    2.0,
    1.5,
    99_999_999.0,
    31_622_400.0,
    100_000_000.0,
    31_622_401.0,
    0.5,
    1e30,
];

impl PosNum {
    pub fn to_json(self) -> Json {
        match self {
            PosNum::Small(n) => json!(1 + n % 8),
            PosNum::Seconds(n) => json!(n),
            PosNum::Edge(i) => num_f64(POS_EDGES[usize::from(i) % POS_EDGES.len()]),
            PosNum::Any(n) => n.to_json(),
        }
    }
}

/// A timestamp, usually well formed, sometimes at or past an edge.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Stamp {
    Table(u8),
    Parts {
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        millis: u16,
        offset: i8,
    },
}

const STAMPS: [&str; 14] = [
    "2024-01-01T00:00:00Z",
    "2016-03-14T01:59:00Z",
    "2024-01-01T00:01:30.000Z",
    "2024-02-29T12:00:00.123+05:30",
    "9999-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "2025-01-01T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:00:60Z",
    "2024-01-01t00:00:00z",
    "2024-01-01T00:00:00.999999999-23:59",
];

impl Stamp {
    pub fn render(self) -> String {
        match self {
            Stamp::Table(i) => STAMPS[usize::from(i) % STAMPS.len()].to_owned(),
            Stamp::Parts {
                year,
                month,
                day,
                hour,
                minute,
                second,
                millis,
                offset,
            } => {
                let zone = match offset {
                    0 => "Z".to_owned(),
                    o => format!(
                        "{}{:02}:{:02}",
                        if o < 0 { '-' } else { '+' },
                        o.unsigned_abs() % 25,
                        o.unsigned_abs() % 60
                    ),
                };
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{zone}",
                    year % 10_000,
                    month % 14,
                    day % 33,
                    hour % 25,
                    minute % 61,
                    second % 62,
                    millis % 1000
                )
            }
        }
    }
}

/// A string: from a table of awkward ones, a timestamp, or any short text.
#[derive(Arbitrary, Debug, Clone)]
pub enum Str {
    Table(u8),
    Stamp(Stamp),
    Any(String),
}

const STRINGS: [&str; 24] = [
    "",
    "a",
    "b",
    "a,b,c",
    "x*y",
    "*",
    "\\*",
    "{}",
    "{} and {}",
    "\\{}",
    "é\u{1F600}",
    "\u{0}\r\n\t\u{1f}",
    "\"quoted\"",
    "it's",
    "$.a",
    "States.Format('{}', $.a)",
    "[1, 2, {\"a\": null}]",
    "{\"k\": \"v\"}",
    "SGVsbG8=",
    "not base64!",
    "MD5",
    "SHA-256",
    "States.ALL",
    "1e400",
];

impl Str {
    pub fn render(&self) -> String {
        match self {
            Str::Table(i) => STRINGS[usize::from(*i) % STRINGS.len()].to_owned(),
            Str::Stamp(s) => s.render(),
            Str::Any(s) => s.chars().take(64).collect(),
        }
    }
}

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

/// A JSON value, including values near the payload and nesting limits.
#[derive(Arbitrary, Debug, Clone)]
pub enum GenValue {
    Null,
    Bool(bool),
    Num(Num),
    Str(Str),
    Array(NestVec<GenValue>),
    Object(NestVec<(Key, GenValue)>),
    /// A string of about `kib` KiB (up to 320 KiB): near the 256 KiB quota.
    Big {
        kib: u16,
        extra: u16,
        escaped: bool,
    },
    /// `depth` (up to 140) levels of arrays or objects around a value:
    /// near the 127-level limit.
    Deep {
        depth: u8,
        objects: bool,
        inner: Nest<GenValue>,
    },
    /// `n` copies of a value (up to 5,000) in an array.
    Repeat {
        n: u16,
        item: Nest<GenValue>,
    },
}

/// `{key: value}`, moving `value` (`json!` would copy it, recursively).
fn obj(key: &str, value: Json) -> Json {
    let mut m = Map::new();
    m.insert(key.to_owned(), value);
    Json::Object(m)
}

/// Renders generated parts, tracking the data budget, state names and the
/// Task states (for mocks).
#[derive(Debug, Default)]
pub struct Render {
    /// Bytes of data rendered so far.
    pub spent: usize,
    names: usize,
    /// The Task states of the definition rendered last (what mocks may mock).
    pub tasks: Vec<String>,
    /// How many machines are being rendered (0: data outside a definition).
    in_definition: usize,
    /// Bytes of literal data rendered into the definition so far.
    definition_spent: usize,
    /// Values repeated by [`GenValue::Repeat`] so far.
    repeated: usize,
}

/// The most values [`GenValue::Repeat`] makes in one input. Large values
/// are mostly long strings, cheap to copy: the interpreter copies a state's
/// data on each pass (a Choice's `Variable`, a `Parameters` path, the
/// context object), so a loop of thousands of passes takes time in
/// proportion to the number of values in its data (a two-state Choice loop
/// over 2,000 strings runs 0.4 s in a release build and 20 s in this
/// instrumented one), and a run over the fuzz timeout is reported as a
/// hang. Until that copying goes, inputs of many values are left to the
/// definitions that build them.
pub const REPEAT_BUDGET: usize = 500;

/// The most bytes of literal data one definition holds, so that most
/// definitions stay within the 1 MB quota.
pub const DEFINITION_DATA_BUDGET: usize = 300_000;

impl Render {
    pub fn new() -> Render {
        Render::default()
    }

    fn afford(&mut self, bytes: usize) -> usize {
        let mut left = DATA_BUDGET.saturating_sub(self.spent);
        if self.in_definition > 0 {
            left = left.min(DEFINITION_DATA_BUDGET.saturating_sub(self.definition_spent));
        }
        let n = bytes.min(left);
        self.spent += n;
        if self.in_definition > 0 {
            self.definition_spent += n;
        }
        n
    }

    /// How deep `Deep` data nests: less inside a definition, which nests
    /// its states' fields a few levels deep already.
    fn max_deep(&self) -> u8 {
        if self.in_definition > 0 {
            110
        } else {
            141
        }
    }

    pub fn value(&mut self, v: &GenValue) -> Json {
        match v {
            GenValue::Null => Json::Null,
            GenValue::Bool(b) => Json::Bool(*b),
            GenValue::Num(n) => n.to_json(),
            GenValue::Str(s) => {
                let s = s.render();
                self.afford(s.len());
                Json::String(s)
            }
            GenValue::Array(items) => Json::Array(items.0.iter().map(|v| self.value(v)).collect()),
            GenValue::Object(fields) => {
                let mut m = Map::new();
                for (k, v) in &fields.0 {
                    let v = self.value(v);
                    m.insert(k.as_str().to_owned(), v);
                }
                Json::Object(m)
            }
            GenValue::Big { kib, extra, escaped } => {
                let want = usize::from(*kib % 321) * 1024 + usize::from(*extra % 1024);
                let n = self.afford(want);
                // Each `\n` is two bytes of JSON.
                let unit = if *escaped { "\n" } else { "x" };
                Json::String(unit.repeat(if *escaped { n / 2 } else { n }))
            }
            GenValue::Deep { depth, objects, inner } => {
                let mut v = inner.0.as_deref().map(|i| self.value(i)).unwrap_or(json!(1));
                for _ in 0..(*depth % self.max_deep()) {
                    v = if *objects {
                        let mut m = Map::new();
                        m.insert("a".into(), v);
                        Json::Object(m)
                    } else {
                        Json::Array(vec![v])
                    };
                }
                v
            }
            GenValue::Repeat { n, item } => {
                let item = item.0.as_deref().map(|i| self.value(i)).unwrap_or(json!("x"));
                let size = size_and_depth(&item).0.max(1);
                let n = self.afford(usize::from(*n % 5001) * size) / size;
                let values = count_values(&item);
                let n = n.min(REPEAT_BUDGET.saturating_sub(self.repeated) / values);
                self.repeated += n * values;
                Json::Array(vec![item; n])
            }
        }
    }
}

// ---------------------------------------------------------------------------
// JSONPath
// ---------------------------------------------------------------------------

/// A JSONPath, from the grammar the interpreter accepts.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenPath {
    pub root: Root,
    pub segments: Few<Seg, 5>,
}

/// `$`, or a field of the context object.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Root {
    Input,
    Context,
    ExecutionInput,
    ExecutionName,
    ExecutionStartTime,
    StateName,
    StateEnteredTime,
    RetryCount,
    MapItemValue,
    MapItemIndex,
    TaskToken,
}

impl Root {
    fn render(self) -> &'static str {
        match self {
            Root::Input => "$",
            Root::Context => "$$",
            Root::ExecutionInput => "$$.Execution.Input",
            Root::ExecutionName => "$$.Execution.Name",
            Root::ExecutionStartTime => "$$.Execution.StartTime",
            Root::StateName => "$$.State.Name",
            Root::StateEnteredTime => "$$.State.EnteredTime",
            Root::RetryCount => "$$.State.RetryCount",
            Root::MapItemValue => "$$.Map.Item.Value",
            Root::MapItemIndex => "$$.Map.Item.Index",
            Root::TaskToken => "$$.Task.Token",
        }
    }
}

/// One step of a path.
#[derive(Arbitrary, Debug, Clone)]
pub enum Seg {
    Field(Key),
    Bracket(Key),
    Index(Num),
    Wildcard,
    Slice(Option<Num>, Option<Num>, Option<Num>),
    Union(Few<Num, 3>),
    Fields(Few<Key, 3>),
    Descend(Key),
    DescendAll,
    Filter(GenFilter),
}

/// `[?(@.path op literal)]`, or `[?(@.path)]`.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenFilter {
    pub path: Few<Key, 2>,
    pub nested: Nest<GenFilter>,
    pub compare: Option<(FilterOp, FilterLit)>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FilterOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Arbitrary, Debug, Clone)]
pub enum FilterLit {
    Num(Num),
    Str(Str),
    Bool(bool),
    Null,
}

fn quote_key(k: &str) -> String {
    let mut s = String::from("'");
    for c in k.chars() {
        if c == '\'' || c == '\\' {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('\'');
    s
}

fn key_step(k: Key) -> String {
    if k.plain() {
        format!(".{}", k.as_str())
    } else {
        format!("[{}]", quote_key(k.as_str()))
    }
}

impl GenFilter {
    fn render(&self) -> String {
        let mut s = String::from("[?(@");
        for k in &self.path.0 {
            s += &key_step(*k);
        }
        if let Some(n) = &self.nested.0 {
            s += &n.render();
        }
        if let Some((op, lit)) = &self.compare {
            let op = match op {
                FilterOp::Eq => "==",
                FilterOp::Ne => "!=",
                FilterOp::Lt => "<",
                FilterOp::Le => "<=",
                FilterOp::Gt => ">",
                FilterOp::Ge => ">=",
            };
            let lit = match lit {
                FilterLit::Num(n) => n.to_json().to_string(),
                FilterLit::Str(t) => quote_key(&t.render()),
                FilterLit::Bool(b) => b.to_string(),
                FilterLit::Null => "null".into(),
            };
            s += &format!(" {op} {lit}");
        }
        s += ")]";
        s
    }
}

impl GenPath {
    pub fn render(&self) -> String {
        let mut s = self.root.render().to_owned();
        for seg in &self.segments.0 {
            match seg {
                Seg::Field(k) => s += &key_step(*k),
                Seg::Bracket(k) => s += &format!("[{}]", quote_key(k.as_str())),
                Seg::Index(n) => s += &format!("[{}]", n.as_i64()),
                Seg::Wildcard => s += "[*]",
                Seg::Slice(a, b, c) => {
                    let f = |n: &Option<Num>| n.map(|n| n.as_i64().to_string()).unwrap_or_default();
                    s += &format!("[{}:{}", f(a), f(b));
                    if c.is_some() {
                        s += &format!(":{}", f(c));
                    }
                    s += "]";
                }
                Seg::Union(ns) => {
                    let items: Vec<String> = ns.0.iter().map(|n| n.as_i64().to_string()).collect();
                    s += &format!("[{}]", if items.is_empty() { "0".into() } else { items.join(",") });
                }
                Seg::Fields(ks) => {
                    let items: Vec<String> = ks.0.iter().map(|k| quote_key(k.as_str())).collect();
                    s += &format!(
                        "[{}]",
                        if items.is_empty() {
                            "'a'".into()
                        } else {
                            items.join(", ")
                        }
                    );
                }
                Seg::Descend(k) => {
                    if k.plain() {
                        s += &format!("..{}", k.as_str());
                    } else {
                        s += &format!("..[{}]", quote_key(k.as_str()));
                    }
                }
                Seg::DescendAll => s += "..*",
                Seg::Filter(f) => s += &f.render(),
            }
        }
        s
    }
}

/// A reference path (`ResultPath`): fields and non-negative indexes.
#[derive(Arbitrary, Debug, Clone)]
pub struct RefPath(pub Few<RefSeg, 4>);

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RefSeg {
    Field(Key),
    Index(u8),
}

impl RefPath {
    pub fn render(&self) -> String {
        let mut s = String::from("$");
        for seg in &self.0 .0 {
            match seg {
                RefSeg::Field(k) => s += &key_step(*k),
                RefSeg::Index(i) => s += &format!("[{}]", i % 4),
            }
        }
        s
    }
}

// ---------------------------------------------------------------------------
// Intrinsic functions
// ---------------------------------------------------------------------------

/// An intrinsic function call, with the arguments its function takes.
#[derive(Arbitrary, Debug, Clone)]
pub enum GenIntrinsic {
    Format {
        /// The template's text around its placeholders (escaped).
        pieces: Few<Str, 4>,
        args: NestVec<Arg>,
        /// A multiple of 8: one placeholder too many, which does not load.
        mismatched: u8,
        /// A template from the data instead of a literal one.
        template: Option<GenPath>,
    },
    StringToJson(Arg),
    JsonToString(Arg),
    Array(NestVec<Arg>),
    ArrayPartition(Arg, Arg),
    ArrayContains(Arg, Arg),
    ArrayRange(Arg, Arg, Arg),
    ArrayGetItem(Arg, Arg),
    ArrayLength(Arg),
    ArrayUnique(Arg),
    Base64Encode(Arg),
    Base64Decode(Arg),
    Hash(Arg, HashAlg),
    JsonMerge(Arg, Arg, Arg),
    MathRandom(Arg, Arg, Option<Arg>),
    MathAdd(Arg, Arg),
    StringSplit(Arg, Arg),
    Uuid,
    /// A function with the wrong number of arguments.
    WrongArity(u8, NestVec<Arg>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum HashAlg {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    Other,
}

/// An argument: a literal, a path, or a nested call.
#[derive(Arbitrary, Debug, Clone)]
pub enum Arg {
    Str(Str),
    Num(Num),
    Bool(bool),
    Null,
    Path(GenPath),
    Call(Nest<GenIntrinsic>),
    /// `States.Array(` nested `n` (up to 14) deep: past the 10-level limit.
    DeepArray(u8),
}

fn quote_intrinsic(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        if matches!(c, '\'' | '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

const FUNCTION_NAMES: [&str; 18] = [
    "Format",
    "StringToJson",
    "JsonToString",
    "Array",
    "ArrayPartition",
    "ArrayContains",
    "ArrayRange",
    "ArrayGetItem",
    "ArrayLength",
    "ArrayUnique",
    "Base64Encode",
    "Base64Decode",
    "Hash",
    "JsonMerge",
    "MathRandom",
    "MathAdd",
    "StringSplit",
    "UUID",
];

impl Arg {
    pub fn render(&self) -> String {
        match self {
            Arg::Str(s) => quote_intrinsic(&s.render()),
            Arg::Num(n) => n.to_json().to_string(),
            Arg::Bool(b) => b.to_string(),
            Arg::Null => "null".into(),
            Arg::Path(p) => p.render(),
            Arg::Call(c) => match &c.0 {
                Some(c) => c.render(),
                None => "States.UUID()".into(),
            },
            Arg::DeepArray(n) => {
                let n = usize::from(n % 15);
                format!("{}1{}", "States.Array(".repeat(n), ")".repeat(n))
            }
        }
    }
}

impl GenIntrinsic {
    /// The call, as one that returns a string (what a Fail state's
    /// `ErrorPath` and `CausePath` take): wrapped in `States.JsonToString`
    /// when it returns something else.
    pub fn render_string(&self) -> String {
        let call = self.render();
        match self {
            GenIntrinsic::Format { .. }
            | GenIntrinsic::JsonToString(_)
            | GenIntrinsic::ArrayGetItem(..)
            | GenIntrinsic::Base64Encode(_)
            | GenIntrinsic::Base64Decode(_)
            | GenIntrinsic::Hash(..)
            | GenIntrinsic::Uuid => call,
            _ => format!("States.JsonToString({call})"),
        }
    }

    pub fn render(&self) -> String {
        let call = |name: &str, args: &[&Arg]| {
            let args: Vec<String> = args.iter().map(|a| a.render()).collect();
            format!("States.{name}({})", args.join(", "))
        };
        match self {
            GenIntrinsic::Format {
                pieces,
                args,
                mismatched,
                template,
            } => {
                let mut rendered = Vec::new();
                let t = match template {
                    Some(p) => p.render(),
                    None => {
                        // One placeholder per argument, text between them.
                        let holes = args.0.len() + usize::from(*mismatched % 8 == 0);
                        let mut t = String::from("'");
                        for i in 0..=holes {
                            if let Some(p) = pieces.0.get(i) {
                                let quoted = quote_intrinsic(&p.render());
                                // The text between the quotes: a piece that
                                // ends in an escaped quote keeps it.
                                t += &quoted[1..quoted.len() - 1];
                            }
                            if i < holes {
                                t += "{}";
                            }
                        }
                        t + "'"
                    }
                };
                rendered.push(t);
                rendered.extend(args.0.iter().map(Arg::render));
                format!("States.Format({})", rendered.join(", "))
            }
            GenIntrinsic::StringToJson(a) => call("StringToJson", &[a]),
            GenIntrinsic::JsonToString(a) => call("JsonToString", &[a]),
            GenIntrinsic::Array(args) => call("Array", &args.0.iter().collect::<Vec<_>>()),
            GenIntrinsic::ArrayPartition(a, b) => call("ArrayPartition", &[a, b]),
            GenIntrinsic::ArrayContains(a, b) => call("ArrayContains", &[a, b]),
            GenIntrinsic::ArrayRange(a, b, c) => call("ArrayRange", &[a, b, c]),
            GenIntrinsic::ArrayGetItem(a, b) => call("ArrayGetItem", &[a, b]),
            GenIntrinsic::ArrayLength(a) => call("ArrayLength", &[a]),
            GenIntrinsic::ArrayUnique(a) => call("ArrayUnique", &[a]),
            GenIntrinsic::Base64Encode(a) => call("Base64Encode", &[a]),
            GenIntrinsic::Base64Decode(a) => call("Base64Decode", &[a]),
            GenIntrinsic::Hash(a, alg) => {
                let alg = match alg {
                    HashAlg::Md5 => "MD5",
                    HashAlg::Sha1 => "SHA-1",
                    HashAlg::Sha256 => "SHA-256",
                    HashAlg::Sha384 => "SHA-384",
                    HashAlg::Sha512 => "SHA-512",
                    HashAlg::Other => "SHA-3",
                };
                format!("States.Hash({}, '{alg}')", a.render())
            }
            GenIntrinsic::JsonMerge(a, b, c) => call("JsonMerge", &[a, b, c]),
            GenIntrinsic::MathRandom(a, b, c) => match c {
                Some(c) => call("MathRandom", &[a, b, c]),
                None => call("MathRandom", &[a, b]),
            },
            GenIntrinsic::MathAdd(a, b) => call("MathAdd", &[a, b]),
            GenIntrinsic::StringSplit(a, b) => call("StringSplit", &[a, b]),
            GenIntrinsic::Uuid => "States.UUID()".into(),
            GenIntrinsic::WrongArity(f, args) => {
                let name = FUNCTION_NAMES[usize::from(*f) % FUNCTION_NAMES.len()];
                call(name, &args.0.iter().collect::<Vec<_>>())
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Payload templates (Parameters, ResultSelector, ItemSelector)
// ---------------------------------------------------------------------------

/// A payload template: fields that are literals, paths or intrinsics.
#[derive(Arbitrary, Debug, Clone)]
pub struct Template(pub Few<(Key, TVal), 5>);

#[derive(Arbitrary, Debug, Clone)]
pub enum TVal {
    Lit(GenValue),
    Path(GenPath),
    Intrinsic(GenIntrinsic),
    Nested(Nest<Template>),
    List(NestVec<TVal>),
}

impl Render {
    pub fn template(&mut self, t: &Template) -> Json {
        let mut m = Map::new();
        for (k, v) in &t.0 .0 {
            let k = k.as_str();
            match v {
                TVal::Path(p) => {
                    m.insert(format!("{k}.$"), json!(p.render()));
                }
                TVal::Intrinsic(i) => {
                    m.insert(format!("{k}.$"), json!(i.render()));
                }
                other => {
                    let v = self.tval(other);
                    m.insert(k.to_owned(), v);
                }
            }
        }
        Json::Object(m)
    }

    fn tval(&mut self, v: &TVal) -> Json {
        match v {
            TVal::Lit(v) => self.value(v),
            TVal::Path(p) => json!({"p.$": p.render()}),
            TVal::Intrinsic(i) => json!({"i.$": i.render()}),
            TVal::Nested(t) => match &t.0 {
                Some(t) => self.template(t),
                None => json!({}),
            },
            TVal::List(items) => Json::Array(items.0.iter().map(|v| self.tval(v)).collect()),
        }
    }
}

// ---------------------------------------------------------------------------
// Choice rules
// ---------------------------------------------------------------------------

/// A Choice rule (its `Next` is added by the state).
#[derive(Arbitrary, Debug, Clone)]
pub enum GenRule {
    And(NestVec<GenRule>),
    Or(NestVec<GenRule>),
    Not(Nest<GenRule>),
    Compare {
        variable: GenPath,
        op: Op,
        operand: Operand,
    },
    /// `Not` nested `n` (up to 140) deep around a comparison: near and
    /// past the 127-level limit.
    DeepNot {
        n: u8,
        variable: GenPath,
    },
}

/// Every comparison operator.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

/// The right-hand side: a literal of the operator's type, a path (the
/// `...Path` form), or any value (a type the operator refuses).
#[derive(Arbitrary, Debug, Clone)]
pub enum Operand {
    Typed(Num, Str, Stamp, bool, Pattern),
    Path(GenPath),
    Any(GenValue),
}

/// A `StringMatches` pattern: text and `*`, escaped or not.
#[derive(Arbitrary, Debug, Clone)]
pub struct Pattern(pub Few<PatternPiece, 6>);

#[derive(Arbitrary, Debug, Clone)]
pub enum PatternPiece {
    Star,
    EscapedStar,
    EscapedBackslash,
    Text(Str),
    /// Many stars: the case a backtracking matcher takes exponential time on.
    Stars(u8),
}

impl Pattern {
    fn render(&self) -> String {
        let mut s = String::new();
        for p in &self.0 .0 {
            match p {
                PatternPiece::Star => s.push('*'),
                PatternPiece::EscapedStar => s += "\\*",
                PatternPiece::EscapedBackslash => s += "\\\\",
                PatternPiece::Text(t) => s += &t.render(),
                PatternPiece::Stars(n) => s += &"a*".repeat(usize::from(*n % 64)),
            }
        }
        s
    }
}

impl Op {
    fn name(self) -> String {
        format!("{self:?}")
    }
}

impl Render {
    pub fn rule(&mut self, r: &GenRule) -> Json {
        match r {
            GenRule::And(rs) | GenRule::Or(rs) => {
                let key = if matches!(r, GenRule::And(_)) { "And" } else { "Or" };
                let mut list: Vec<Json> = rs.0.iter().map(|r| self.rule(r)).collect();
                if list.is_empty() {
                    list.push(json!({"Variable": "$", "IsPresent": true}));
                }
                obj(key, Json::Array(list))
            }
            GenRule::Not(inner) => match &inner.0 {
                Some(r) => obj("Not", self.rule(r)),
                None => json!({"Not": {"Variable": "$", "IsPresent": true}}),
            },
            GenRule::Compare { variable, op, operand } => {
                let mut m = Map::new();
                m.insert("Variable".into(), json!(variable.render()));
                let is_test = op.name().starts_with("Is");
                match operand {
                    Operand::Path(p) if !is_test && *op != Op::StringMatches => {
                        m.insert(format!("{}Path", op.name()), json!(p.render()));
                    }
                    Operand::Any(v) => {
                        let v = self.value(v);
                        m.insert(op.name(), v);
                    }
                    _ => {
                        m.insert(op.name(), typed_operand(*op, operand));
                    }
                }
                Json::Object(m)
            }
            GenRule::DeepNot { n, variable } => {
                let mut v = json!({"Variable": variable.render(), "IsPresent": true});
                for _ in 0..(*n % 141) {
                    v = obj("Not", v);
                }
                v
            }
        }
    }
}

/// A literal of the type `op` compares.
fn typed_operand(op: Op, operand: &Operand) -> Json {
    let (n, s, t, b, pat) = match operand {
        Operand::Typed(n, s, t, b, p) => (*n, s.clone(), *t, *b, p.clone()),
        _ => (
            Num::Small(0),
            Str::Table(1),
            Stamp::Table(0),
            true,
            Pattern(Few(vec![PatternPiece::Star])),
        ),
    };
    let name = op.name();
    if name.starts_with("Is") || op == Op::BooleanEquals {
        json!(b)
    } else if op == Op::StringMatches {
        json!(pat.render())
    } else if name.starts_with("String") {
        json!(s.render())
    } else if name.starts_with("Numeric") {
        n.to_json()
    } else {
        json!(t.render())
    }
}

// ---------------------------------------------------------------------------
// States and machines
// ---------------------------------------------------------------------------

/// A state machine (or a branch, or an item processor): up to 8 states.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenMachine {
    pub start: u8,
    pub states: Few<GenState, 8>,
    pub timeout: Option<PosNum>,
    pub comment: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GenState {
    pub name: NameStyle,
    pub kind: GenKind,
    pub io: Io,
    pub next: Trans,
}

/// How a state is named (every name is unique in a definition).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum NameStyle {
    Plain,
    Spaced,
    Unicode,
    Long,
    Dotted,
}

/// Where a state goes: the end, or a state of its machine by index (any
/// index: loops are allowed).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Trans {
    End,
    Next(u8),
    /// The next state in order (or the end, for the last state).
    Forward,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Io {
    pub input_path: Option<IoP>,
    pub output_path: Option<IoP>,
    pub result_path: Option<ResP>,
    pub parameters: Option<Template>,
    pub result_selector: Option<Template>,
}

#[derive(Arbitrary, Debug, Clone)]
pub enum IoP {
    Null,
    Path(GenPath),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum ResP {
    Null,
    Whole,
    Path(RefPath),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum GenKind {
    Pass {
        result: Option<GenValue>,
    },
    Task {
        resource: Resource,
        timeout: Option<Secs>,
        heartbeat: Option<Secs>,
        handling: Handling,
    },
    Choice {
        rules: Few<(GenRule, u8), 4>,
        default: Option<u8>,
    },
    Wait(GenWait),
    Succeed,
    Fail {
        error: Option<FailField>,
        cause: Option<FailField>,
    },
    Parallel {
        branches: NestVec<GenMachine>,
        handling: Handling,
    },
    Map {
        processor: Nest<GenMachine>,
        items_path: Option<GenPath>,
        selector: Option<Template>,
        max_concurrency: Option<PosNum>,
        legacy: bool,
        handling: Handling,
    },
}

/// `Retry` and `Catch`.
#[derive(Arbitrary, Debug, Clone)]
pub struct Handling {
    pub retry: Few<GenRetrier, 3>,
    pub catch: Few<GenCatcher, 3>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GenRetrier {
    pub errors: Errors,
    pub interval: Option<PosNum>,
    pub max_attempts: Option<PosNum>,
    pub backoff: Option<PosNum>,
    pub max_delay: Option<PosNum>,
    pub jitter: Option<bool>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GenCatcher {
    pub errors: Errors,
    pub result_path: Option<ResP>,
    pub next: u8,
}

/// `ErrorEquals`: `States.ALL` alone, or a list of names.
#[derive(Arbitrary, Debug, Clone)]
pub enum Errors {
    All,
    Names(Few<ErrName, 3>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ErrName {
    TaskFailed,
    Timeout,
    HeartbeatTimeout,
    Runtime,
    DataLimitExceeded,
    Permissions,
    ResultPathMatchFailure,
    ParameterPathFailure,
    BranchFailed,
    NoChoiceMatched,
    IntrinsicFailure,
    ExceedToleratedFailureThreshold,
    ApiGateway500,
    Sns,
    Custom(u8),
}

impl ErrName {
    pub fn render(self) -> String {
        match self {
            ErrName::TaskFailed => "States.TaskFailed".into(),
            ErrName::Timeout => "States.Timeout".into(),
            ErrName::HeartbeatTimeout => "States.HeartbeatTimeout".into(),
            ErrName::Runtime => "States.Runtime".into(),
            ErrName::DataLimitExceeded => "States.DataLimitExceeded".into(),
            ErrName::Permissions => "States.Permissions".into(),
            ErrName::ResultPathMatchFailure => "States.ResultPathMatchFailure".into(),
            ErrName::ParameterPathFailure => "States.ParameterPathFailure".into(),
            ErrName::BranchFailed => "States.BranchFailed".into(),
            ErrName::NoChoiceMatched => "States.NoChoiceMatched".into(),
            ErrName::IntrinsicFailure => "States.IntrinsicFailure".into(),
            ErrName::ExceedToleratedFailureThreshold => "States.ExceedToleratedFailureThreshold".into(),
            ErrName::ApiGateway500 => "ApiGateway.500".into(),
            ErrName::Sns => "SNS.InvalidParameterException".into(),
            ErrName::Custom(n) => format!("Err{}", n % 4),
        }
    }
}

impl Errors {
    fn render(&self) -> Json {
        match self {
            Errors::All => json!(["States.ALL"]),
            Errors::Names(names) if names.0.is_empty() => json!(["States.TaskFailed"]),
            Errors::Names(names) => Json::Array(names.0.iter().map(|n| json!(n.render())).collect()),
        }
    }
}

/// The Task resources the fuzz targets handle (or leave unhandled).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Resource {
    /// Returns its parameters.
    Echo,
    /// Fails with the parameters' `Error` and `Cause`.
    Fail,
    /// Takes the parameters' `seconds` of virtual time.
    Sleep,
    /// The SNS publish handler.
    Sns,
    /// Lambda: answered by a mock, or unhandled.
    Lambda,
    /// API Gateway: answered by a mock, or unhandled (never a real call).
    ApiGateway,
    /// A suffix the interpreter ignores when matching handlers.
    EchoWaitForToken,
}

pub const ECHO: &str = "arn:fuzz:echo";
pub const FAIL: &str = "arn:fuzz:fail";
pub const SLEEP: &str = "arn:fuzz:sleep";

impl Resource {
    fn render(self) -> &'static str {
        match self {
            Resource::Echo => ECHO,
            Resource::Fail => FAIL,
            Resource::Sleep => SLEEP,
            Resource::Sns => "arn:aws:states:::sns:publish",
            Resource::Lambda => "arn:aws:states:::lambda:invoke",
            Resource::ApiGateway => "arn:aws:states:::apigateway:invoke",
            Resource::EchoWaitForToken => "arn:fuzz:echo.waitForTaskToken",
        }
    }
}

/// A number of seconds, literal or from a path.
#[derive(Arbitrary, Debug, Clone)]
pub enum Secs {
    Lit(PosNum),
    Path(GenPath),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum GenWait {
    Seconds(PosNum),
    Timestamp(Stamp),
    SecondsPath(GenPath),
    TimestampPath(GenPath),
}

/// `Error`/`Cause` of a Fail state: a literal, a path or an intrinsic.
#[derive(Arbitrary, Debug, Clone)]
pub enum FailField {
    Lit(Str),
    Path(GenPath),
    Intrinsic(GenIntrinsic),
}

impl Render {
    fn name(&mut self, style: NameStyle) -> String {
        self.names += 1;
        let n = self.names;
        match style {
            NameStyle::Plain => format!("S{n}"),
            NameStyle::Spaced => format!("State {n}"),
            NameStyle::Unicode => format!("État {n} \u{1F600}"),
            NameStyle::Long => format!("{}{n}", "L".repeat(70)),
            NameStyle::Dotted => format!("s.{n}[0]"),
        }
    }

    /// Renders a machine (a definition, a branch or an item processor):
    /// its states reachable from `StartAt`, at least one of which ends it.
    pub fn machine(&mut self, m: &GenMachine) -> Json {
        self.in_definition += 1;
        let out = self.machine_inner(m);
        self.in_definition -= 1;
        if self.in_definition == 0 {
            self.tasks = Render::task_names(&out);
        }
        out
    }

    fn machine_inner(&mut self, m: &GenMachine) -> Json {
        let mut states = m.states.0.clone();
        if states.is_empty() {
            states.push(GenState {
                name: NameStyle::Plain,
                kind: GenKind::Succeed,
                io: Io {
                    input_path: None,
                    output_path: None,
                    result_path: None,
                    parameters: None,
                    result_selector: None,
                },
                next: Trans::End,
            });
        }
        let names: Vec<String> = states.iter().map(|s| self.name(s.name)).collect();
        let target = |i: u8| names[usize::from(i) % names.len()].clone();
        let mut out = Map::new();
        for (i, (s, name)) in states.iter().zip(&names).enumerate() {
            let next = match s.next {
                Trans::End => None,
                Trans::Next(t) => Some(target(t)),
                Trans::Forward => names.get(i + 1).cloned(),
            };
            let v = self.state(s, next, &target);
            out.insert(name.clone(), v);
        }
        let start = target(m.start);
        let out = self.reachable(out, &start);
        let mut def = Map::new();
        if m.comment {
            def.insert("Comment".into(), json!("generated"));
        }
        def.insert("StartAt".into(), json!(start));
        def.insert("States".into(), Json::Object(out));
        if let Some(t) = m.timeout {
            def.insert("TimeoutSeconds".into(), t.to_json());
        }
        Json::Object(def)
    }

    /// The states reachable from `start`, with the last one made to end
    /// the machine when none does (the loader refuses unreachable states
    /// and machines that never end). The Task states dropped are forgotten.
    fn reachable(&mut self, mut states: Map<String, Json>, start: &str) -> Map<String, Json> {
        let mut ends = false;
        for _ in 0..2 {
            let mut seen = std::collections::HashSet::new();
            let mut todo = vec![start.to_owned()];
            while let Some(n) = todo.pop() {
                if !seen.insert(n.clone()) {
                    continue;
                }
                let Some(s) = states.get(&n) else { continue };
                ends |= s.get("End").is_some() || matches!(s["Type"].as_str(), Some("Succeed" | "Fail"));
                let mut next = vec![&s["Next"], &s["Default"]];
                for list in ["Choices", "Catch"] {
                    next.extend(s[list].as_array().into_iter().flatten().map(|c| &c["Next"]));
                }
                todo.extend(next.into_iter().filter_map(Json::as_str).map(str::to_owned));
            }
            states.retain(|k, _| seen.contains(k));
            if ends {
                break;
            }
            // None ends: the last state does.
            if let Some((_, s)) = states.iter_mut().last() {
                if let Some(o) = s.as_object_mut() {
                    match o["Type"].as_str() {
                        Some("Choice") => {
                            o.insert("Type".into(), json!("Succeed"));
                            o.remove("Choices");
                            o.remove("Default");
                        }
                        _ => {
                            o.remove("Next");
                            o.insert("End".into(), json!(true));
                        }
                    }
                }
            }
            ends = true;
        }
        states
    }

    /// The Task states of a rendered definition, branches and item
    /// processors included.
    fn task_names(def: &Json) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![def];
        while let Some(m) = todo.pop() {
            for (name, s) in m["States"].as_object().into_iter().flatten() {
                if s["Type"] == "Task" {
                    out.push(name.clone());
                }
                todo.extend(s["Branches"].as_array().into_iter().flatten());
                todo.extend(s.get("ItemProcessor").or_else(|| s.get("Iterator")));
            }
        }
        out
    }

    fn handling(&mut self, h: &Handling, o: &mut Map<String, Json>, target: &dyn Fn(u8) -> String) {
        if !h.retry.0.is_empty() {
            let list: Vec<Json> = h
                .retry
                .0
                .iter()
                .map(|r| {
                    let mut m = Map::new();
                    m.insert("ErrorEquals".into(), r.errors.render());
                    if let Some(n) = r.interval {
                        m.insert("IntervalSeconds".into(), n.to_json());
                    }
                    if let Some(n) = r.max_attempts {
                        m.insert("MaxAttempts".into(), n.to_json());
                    }
                    if let Some(n) = r.backoff {
                        m.insert("BackoffRate".into(), n.to_json());
                    }
                    if let Some(n) = r.max_delay {
                        m.insert("MaxDelaySeconds".into(), n.to_json());
                    }
                    if let Some(j) = r.jitter {
                        m.insert("JitterStrategy".into(), json!(if j { "FULL" } else { "NONE" }));
                    }
                    Json::Object(m)
                })
                .collect();
            o.insert("Retry".into(), Json::Array(list));
        }
        if !h.catch.0.is_empty() {
            let list: Vec<Json> = h
                .catch
                .0
                .iter()
                .map(|c| {
                    let mut m = Map::new();
                    m.insert("ErrorEquals".into(), c.errors.render());
                    if let Some(p) = &c.result_path {
                        m.insert("ResultPath".into(), res_path(p));
                    }
                    m.insert("Next".into(), json!(target(c.next)));
                    Json::Object(m)
                })
                .collect();
            o.insert("Catch".into(), Json::Array(list));
        }
    }

    fn state(&mut self, s: &GenState, next: Option<String>, target: &dyn Fn(u8) -> String) -> Json {
        let mut o = Map::new();
        let (type_name, flow, params, selector, result) = match &s.kind {
            GenKind::Pass { .. } => ("Pass", true, true, false, true),
            GenKind::Task { .. } => ("Task", true, true, true, true),
            GenKind::Choice { .. } => ("Choice", false, false, false, false),
            GenKind::Wait(_) => ("Wait", true, false, false, false),
            GenKind::Succeed => ("Succeed", false, false, false, false),
            GenKind::Fail { .. } => ("Fail", false, false, false, false),
            GenKind::Parallel { .. } => ("Parallel", true, true, true, true),
            GenKind::Map { .. } => ("Map", true, false, true, true),
        };
        o.insert("Type".into(), json!(type_name));
        if type_name != "Fail" {
            if let Some(p) = &s.io.input_path {
                o.insert("InputPath".into(), io_path(p));
            }
            if let Some(p) = &s.io.output_path {
                o.insert("OutputPath".into(), io_path(p));
            }
        }
        if result {
            if let Some(p) = &s.io.result_path {
                o.insert("ResultPath".into(), res_path(p));
            }
        }
        if params {
            if let Some(t) = &s.io.parameters {
                let t = self.template(t);
                o.insert("Parameters".into(), t);
            }
        }
        if selector {
            if let Some(t) = &s.io.result_selector {
                let t = self.template(t);
                o.insert("ResultSelector".into(), t);
            }
        }
        match &s.kind {
            GenKind::Pass { result } => {
                if let Some(r) = result {
                    let r = self.value(r);
                    o.insert("Result".into(), r);
                }
            }
            GenKind::Task {
                resource,
                timeout,
                heartbeat,
                handling,
            } => {
                o.insert("Resource".into(), json!(resource.render()));
                for (field, secs) in [("TimeoutSeconds", timeout), ("HeartbeatSeconds", heartbeat)] {
                    match secs {
                        Some(Secs::Lit(n)) => {
                            o.insert(field.into(), n.to_json());
                        }
                        Some(Secs::Path(p)) => {
                            o.insert(format!("{field}Path"), json!(p.render()));
                        }
                        None => {}
                    }
                }
                self.handling(handling, &mut o, target);
            }
            GenKind::Choice { rules, default } => {
                let mut list: Vec<Json> = rules
                    .0
                    .iter()
                    .map(|(r, n)| {
                        let mut rule = self.rule(r);
                        if let Some(m) = rule.as_object_mut() {
                            m.insert("Next".into(), json!(target(*n)));
                        }
                        rule
                    })
                    .collect();
                if list.is_empty() {
                    list.push(json!({"Variable": "$", "IsPresent": true, "Next": target(0)}));
                }
                o.insert("Choices".into(), Json::Array(list));
                if let Some(d) = default {
                    o.insert("Default".into(), json!(target(*d)));
                }
            }
            GenKind::Wait(w) => match w {
                GenWait::Seconds(n) => {
                    o.insert("Seconds".into(), n.to_json());
                }
                GenWait::Timestamp(t) => {
                    o.insert("Timestamp".into(), json!(t.render()));
                }
                GenWait::SecondsPath(p) => {
                    o.insert("SecondsPath".into(), json!(p.render()));
                }
                GenWait::TimestampPath(p) => {
                    o.insert("TimestampPath".into(), json!(p.render()));
                }
            },
            GenKind::Succeed => {}
            GenKind::Fail { error, cause } => {
                for (lit, path, f) in [("Error", "ErrorPath", error), ("Cause", "CausePath", cause)] {
                    match f {
                        Some(FailField::Lit(s)) => {
                            o.insert(lit.into(), json!(s.render()));
                        }
                        Some(FailField::Path(p)) => {
                            o.insert(path.into(), json!(p.render()));
                        }
                        Some(FailField::Intrinsic(i)) => {
                            o.insert(path.into(), json!(i.render_string()));
                        }
                        None => {}
                    }
                }
            }
            GenKind::Parallel { branches, handling } => {
                let mut list: Vec<Json> = branches.0.iter().map(|b| self.machine(b)).collect();
                if list.is_empty() {
                    let n = self.name(NameStyle::Plain);
                    list.push(json!({"StartAt": n, "States": {n.clone(): {"Type": "Pass", "End": true}}}));
                }
                o.insert("Branches".into(), Json::Array(list));
                self.handling(handling, &mut o, target);
            }
            GenKind::Map {
                processor,
                items_path,
                selector,
                max_concurrency,
                legacy,
                handling,
            } => {
                let p = match &processor.0 {
                    Some(m) => self.machine(m),
                    None => {
                        let n = self.name(NameStyle::Plain);
                        json!({"StartAt": n, "States": {n.clone(): {"Type": "Pass", "End": true}}})
                    }
                };
                o.insert(if *legacy { "Iterator" } else { "ItemProcessor" }.into(), p);
                if let Some(p) = items_path {
                    o.insert("ItemsPath".into(), json!(p.render()));
                }
                if let Some(t) = selector {
                    let t = self.template(t);
                    o.insert(if *legacy { "Parameters" } else { "ItemSelector" }.into(), t);
                }
                if let Some(n) = max_concurrency {
                    o.insert("MaxConcurrency".into(), n.to_json());
                }
                self.handling(handling, &mut o, target);
            }
        }
        if flow {
            match next {
                Some(n) => o.insert("Next".into(), json!(n)),
                None => o.insert("End".into(), json!(true)),
            };
        }
        Json::Object(o)
    }
}

fn io_path(p: &IoP) -> Json {
    match p {
        IoP::Null => Json::Null,
        IoP::Path(p) => json!(p.render()),
    }
}

fn res_path(p: &ResP) -> Json {
    match p {
        ResP::Null => Json::Null,
        ResP::Whole => json!("$"),
        ResP::Path(p) => json!(p.render()),
    }
}

// ---------------------------------------------------------------------------
// Mocks
// ---------------------------------------------------------------------------

/// A mock file: simple (`{"State": {"0": ...}}`) or Step Functions Local's.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenMocks {
    pub sfn_local: bool,
    pub entries: Few<GenMock, 4>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GenMock {
    /// Which Task state (by index).
    pub task: u8,
    /// A state the definition lacks, when a multiple of 16.
    pub missing: u8,
    pub responses: Few<(MockRange, MockResponse), 3>,
}

/// The calls a response answers: the next `len` calls after a gap, all
/// the rest, or (rarely) a malformed range.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum MockRange {
    Next { gap: u8, len: u8 },
    Rest,
    Odd(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum MockResponse {
    Return(GenValue),
    Throw(ErrName, Option<Str>),
}

impl Render {
    /// Renders mocks for the Task states rendered so far.
    pub fn mocks(&mut self, g: &GenMocks) -> Json {
        let mut by_state = Map::new();
        for (i, m) in g.entries.0.iter().enumerate() {
            let state = match (m.missing % 16 == 0, self.tasks.is_empty()) {
                (false, false) => self.tasks[usize::from(m.task) % self.tasks.len()].clone(),
                _ => format!("Missing{i}"),
            };
            let mut seq = Map::new();
            let mut first = 0u32;
            for (range, response) in &m.responses.0 {
                let key = match range {
                    MockRange::Next { gap, len } => {
                        let a = first.saturating_add(u32::from(gap % 3));
                        let b = a.saturating_add(u32::from(len % 4));
                        first = b.saturating_add(1);
                        if a == b {
                            format!("{a}")
                        } else {
                            format!("{a}-{b}")
                        }
                    }
                    MockRange::Rest => {
                        let a = first;
                        first = u32::MAX;
                        format!("{a}-4294967295")
                    }
                    MockRange::Odd(n) => match n % 8 {
                        0 => "5-2".into(),
                        1 => "0".into(),
                        2 => "-1".into(),
                        3 => "4294967296".into(),
                        4 => " 1 - 2 ".into(),
                        _ => format!("{}", first.saturating_add(u32::from(*n))),
                    },
                };
                if seq.contains_key(&key) {
                    continue;
                }
                let r = match response {
                    MockResponse::Return(v) => obj("Return", self.value(v)),
                    MockResponse::Throw(e, cause) => {
                        let mut t = Map::new();
                        t.insert("Error".into(), json!(e.render()));
                        if let Some(c) = cause {
                            t.insert("Cause".into(), json!(c.render()));
                        }
                        obj("Throw", Json::Object(t))
                    }
                };
                seq.insert(key, r);
            }
            by_state.insert(state, Json::Object(seq));
        }
        if !g.sfn_local {
            return Json::Object(by_state);
        }
        let mut case = Map::new();
        let mut responses = Map::new();
        for (i, (state, seq)) in by_state.into_iter().enumerate() {
            case.insert(state, json!(format!("R{i}")));
            responses.insert(format!("R{i}"), seq);
        }
        let machines = obj("Machine", obj("TestCases", obj("Case", Json::Object(case))));
        let mut file = Map::new();
        file.insert("StateMachines".into(), machines);
        file.insert("MockedResponses".into(), Json::Object(responses));
        Json::Object(file)
    }
}

// ---------------------------------------------------------------------------
// Checks shared by the targets
// ---------------------------------------------------------------------------

/// The length of `v` as compact JSON and its depth, measured without
/// recursion (so a value too deep for `serde_json` is measured too).
pub fn size_and_depth(v: &Json) -> (usize, usize) {
    let mut bytes = 0usize;
    let mut deepest = 0usize;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        match v {
            Json::Array(a) => {
                deepest = deepest.max(d);
                bytes += 2 + a.len().saturating_sub(1);
                stack.extend(a.iter().map(|x| (x, d + 1)));
            }
            Json::Object(m) => {
                deepest = deepest.max(d);
                bytes += 2 + m.len().saturating_sub(1);
                for (k, x) in m {
                    bytes += string_bytes(k) + 1;
                    stack.push((x, d + 1));
                }
            }
            Json::String(s) => bytes += string_bytes(s),
            scalar => bytes += scalar.to_string().len(),
        }
    }
    (bytes, deepest)
}

/// A string's length as a JSON string literal.
fn string_bytes(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// How many values `v` holds, itself included.
fn count_values(v: &Json) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Json::Array(a) => stack.extend(a),
            Json::Object(m) => stack.extend(m.values()),
            _ => {}
        }
    }
    n
}

/// Drops a value of any depth without recursion.
pub fn dismantle(v: Json) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Json::Array(a) => stack.extend(a),
            Json::Object(m) => stack.extend(m.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Checks what every finished execution must satisfy, whatever its
/// definition, input and mocks: the history within the event quota (and
/// within `history_limit`, numbered without gaps), an outcome that agrees
/// with its last event, every value it shows (output, event details) within
/// the payload quota and the nesting limit, and timestamps that parse.
pub fn check_execution(e: &rcdk_states::Execution, history_limit: usize) -> std::result::Result<(), String> {
    use rcdk_states::limits::{MAX_DEPTH, MAX_PAYLOAD_BYTES};
    use rcdk_states::{Status, MAX_EVENTS};
    let h = &e.history;
    if h.len() > MAX_EVENTS || h.len() > history_limit {
        return Err(format!(
            "{} events (quota {MAX_EVENTS}, limit {history_limit})",
            h.len()
        ));
    }
    for pair in h.windows(2) {
        if pair[1].id != pair[0].id + 1 {
            return Err(format!("event {} follows event {}", pair[1].id, pair[0].id));
        }
    }
    if let Some(last) = h.last() {
        if last.id > MAX_EVENTS {
            return Err(format!("event number {} is past the quota {MAX_EVENTS}", last.id));
        }
        let want = match e.status {
            Status::Succeeded => "ExecutionSucceeded",
            Status::Failed => "ExecutionFailed",
            Status::TimedOut => "ExecutionTimedOut",
            _ => "",
        };
        if last.event_type != want {
            return Err(format!(
                "a {} execution ends with {}",
                e.status.as_str(),
                last.event_type
            ));
        }
    }
    if history_limit >= MAX_EVENTS {
        if let Some(first) = h.first() {
            if first.id != 1 || first.event_type != "ExecutionStarted" {
                return Err(format!("the history starts with {} {}", first.id, first.event_type));
            }
        }
    }
    let within = |v: &Json, what: &str| -> std::result::Result<(), String> {
        let (bytes, depth) = size_and_depth(v);
        if bytes > MAX_PAYLOAD_BYTES || depth > MAX_DEPTH {
            return Err(format!("{what}: {bytes} bytes of JSON nested {depth} deep"));
        }
        Ok(())
    };
    match (e.status, &e.output) {
        (Status::Succeeded, Some(out)) => within(out, "the output")?,
        (Status::Succeeded, None) => return Err("succeeded without an output".into()),
        (_, Some(_)) => return Err(format!("{} with an output", e.status.as_str())),
        (_, None) => {}
    }
    if e.status == Status::Succeeded && (e.error.is_some() || e.cause.is_some()) {
        return Err("succeeded with an error".into());
    }
    if let Some(c) = &e.cause {
        if c.len() > MAX_PAYLOAD_BYTES {
            return Err(format!("a cause of {} bytes", c.len()));
        }
    }
    // Events share their values: each distinct one is measured once.
    let mut seen = std::collections::HashSet::new();
    for ev in h {
        if rcdk_states::time::parse_timestamp(&ev.timestamp).is_none() {
            return Err(format!(
                "event {} has timestamp {:?}, which does not parse",
                ev.id, ev.timestamp
            ));
        }
        for (k, v) in &ev.details {
            if seen.insert(std::sync::Arc::as_ptr(v)) {
                within(v, &format!("event {} {} {k}", ev.id, ev.event_type))?;
            }
        }
    }
    Ok(())
}
