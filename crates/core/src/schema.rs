//! What the CloudFormation registry schemas say about resource types, and the
//! check of literal property values against them at synthesis.
//!
//! `rcdk-core` knows no service: `rcdk-cfn` [`register`]s a
//! [`SchemaRegistry`], which gives the [`TypeMetadata`] of every type of the
//! registry (always compiled) and the constraint schema of every type whose
//! service is compiled in. Synthesis then checks each resource of each
//! template, typed or untyped (`Resource::new`), overrides included:
//!
//! - a type whose constraints are compiled in: its whole schema, for literal
//!   values (an intrinsic such as `Ref` or `Fn::Sub` is not checked, nor is
//!   anything whose outcome depends on one): required properties, unknown
//!   properties (with the nearest name), `type`, `enum`, `const`, `minimum`,
//!   `maximum`, `minLength`, `maxLength`, `pattern`, `minItems`, `maxItems`,
//!   `uniqueItems`, `minProperties`, `maxProperties`, `oneOf`, `anyOf`,
//!   `allOf`, `dependentRequired`, `dependencies` and cfn-lint's
//!   `requiredXor`, `requiredOr` and `dependentExcluded`;
//! - any other type of the registry: its required and unknown top-level
//!   properties, from the metadata;
//! - a type the registry does not have (in the `AWS::` and `Alexa::`
//!   namespaces): a warning naming the nearest type.
//!
//! Each problem is a [`SynthError::SchemaViolation`](crate::SynthError::SchemaViolation)
//! naming the construct path, the property path, the constraint and the value.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use serde_json::Value as Json;

use crate::resource::TagFormat;

/// What the registry schema says about one resource type, whatever services
/// are compiled: its properties, which are required, create-only (a change
/// replaces the resource), read-only (attributes) and write-only, its primary
/// identifier, and how it takes tags.
///
/// Nested paths are dotted (`VersioningConfiguration.Status`, `Tags.*.Key`).
///
/// It is a view of one line of a [`MetadataTable`]; read it through the methods.
#[derive(Clone, Copy, Debug)]
pub struct TypeMetadata {
    name: &'static str,
    /// `|`-separated lists of `,`-separated names (properties, required,
    /// create-only, read-only, write-only, primary identifier), then the
    /// tagging: `L:<property>` (a `{Key, Value}` list), `M:<property>` (a
    /// string map), `O:<path>` (another shape), or empty.
    data: &'static str,
}

/// Names from a [`TypeMetadata`] list.
#[derive(Clone, Debug)]
pub struct Names(std::str::Split<'static, char>);

impl Iterator for Names {
    type Item = &'static str;
    fn next(&mut self) -> Option<&'static str> {
        self.0.by_ref().find(|s| !s.is_empty())
    }
}

impl TypeMetadata {
    /// The metadata of a line `Name|data` of a [`MetadataTable`].
    pub fn from_line(line: &'static str) -> TypeMetadata {
        let (name, data) = line.split_once('|').unwrap_or((line, ""));
        TypeMetadata { name, data }
    }

    fn field(&self, i: usize) -> &'static str {
        self.data.split('|').nth(i).unwrap_or("")
    }

    fn names(&self, i: usize) -> Names {
        Names(self.field(i).split(','))
    }

    /// The CloudFormation type name, for example `AWS::SNS::Topic`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Every top-level property (read-only ones included), sorted.
    pub fn properties(&self) -> Names {
        self.names(0)
    }

    /// Whether the type has this top-level property.
    pub fn has_property(&self, name: &str) -> bool {
        self.properties().any(|p| p == name)
    }

    /// The top-level properties a template must set.
    pub fn required(&self) -> Names {
        self.names(1)
    }

    /// Properties whose change replaces the resource.
    pub fn create_only_properties(&self) -> Names {
        self.names(2)
    }

    /// Properties CloudFormation sets (the `Fn::GetAtt` attributes).
    pub fn read_only_properties(&self) -> Names {
        self.names(3)
    }

    /// Properties CloudFormation never returns (secrets, one-off inputs).
    pub fn write_only_properties(&self) -> Names {
        self.names(4)
    }

    /// The properties that identify a resource of the type (what `import` asks for).
    pub fn primary_identifier(&self) -> Names {
        self.names(5)
    }

    /// Whether a change of this top-level property replaces the resource.
    pub fn replaces_on_change(&self, property: &str) -> bool {
        self.create_only_properties()
            .any(|c| c.split('.').next() == Some(property))
    }

    fn tagging(&self) -> Option<(char, &'static str)> {
        let t = self.field(6);
        let (shape, property) = t.split_once(':')?;
        Some((shape.chars().next()?, property))
    }

    /// Whether the type takes tags.
    pub fn taggable(&self) -> bool {
        self.tagging().is_some()
    }

    /// The property (or dotted path) that holds the type's tags.
    pub fn tag_property(&self) -> Option<&'static str> {
        self.tagging().map(|(_, p)| p)
    }

    /// How synthesis merges scope tags into the type: as a `Tags` list of
    /// `{Key, Value}`, a `Tags` map, or not at all (not taggable, or tagged
    /// another way, which the type's resources set themselves).
    pub fn tag_format(&self) -> TagFormat {
        match self.tagging() {
            Some(('L', "Tags")) => TagFormat::KeyValueList,
            Some(('M', "Tags")) => TagFormat::Map,
            _ => TagFormat::None,
        }
    }
}

/// The metadata of every type of the registry: one text of lines
/// `Name|properties|required|create-only|read-only|write-only|primary
/// identifier|tagging` sorted by name, and where each line starts.
///
/// One string and a table of offsets, not a table of strings: a program
/// loads it without relocating thousands of pointers at start-up.
#[derive(Debug)]
pub struct MetadataTable {
    text: &'static str,
    starts: &'static [u32],
}

impl MetadataTable {
    /// A table: `starts` holds the offset of each line of `text` (each line
    /// ends in `\n`), then the length of `text`.
    pub const fn new(text: &'static str, starts: &'static [u32]) -> MetadataTable {
        MetadataTable { text, starts }
    }

    /// The number of types.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether the table has no types.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn line(&self, i: usize) -> &'static str {
        let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        self.text.get(a..b.saturating_sub(1)).unwrap_or("")
    }

    /// The `i`th type in name order.
    pub fn get(&self, i: usize) -> Option<TypeMetadata> {
        (i < self.len()).then(|| TypeMetadata::from_line(self.line(i)))
    }

    /// A type's metadata, by name.
    pub fn metadata(&self, type_name: &str) -> Option<TypeMetadata> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let line = self.line(mid);
            let name = line.split_once('|').map_or(line, |(n, _)| n);
            match name.cmp(type_name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(TypeMetadata::from_line(line)),
            }
        }
        None
    }

    /// Every type, in name order.
    pub fn iter(&self) -> impl Iterator<Item = TypeMetadata> + '_ {
        (0..self.len()).map(|i| TypeMetadata::from_line(self.line(i)))
    }
}

/// The constraints of one type, split into its parts (see
/// [`SchemaRegistry::constraints`]); built once per type and kept.
#[derive(Debug)]
struct TypeConstraints {
    root: &'static str,
    properties: Vec<Part>,
    definitions: Vec<Part>,
}

/// A property's or a definition's schema: its name, its JSON text, and the
/// text parsed on first use.
#[derive(Debug)]
struct Part {
    name: &'static str,
    text: &'static str,
    parsed: OnceLock<Option<&'static Json>>,
}

impl Part {
    fn schema(&self) -> Option<&'static Json> {
        *self.parsed.get_or_init(|| parsed(self.text))
    }
}

/// The part named `name` of a list sorted by name.
fn part<'p>(parts: &'p [Part], name: &str) -> Option<&'p Part> {
    parts.binary_search_by(|p| p.name.cmp(name)).ok().map(|i| &parts[i])
}

impl TypeConstraints {
    /// Reads the header of a type's constraint text (once per type).
    fn of(text: &'static str) -> Option<&'static TypeConstraints> {
        static CACHE: OnceLock<Mutex<AddressMap<Option<&'static TypeConstraints>>>> = OnceLock::new();
        let mut cache = CACHE.get_or_init(Default::default).lock().ok()?;
        *cache.entry(address(text)).or_insert_with(|| {
            let (header, mut body) = text.split_once('\n')?;
            let mut sections = header.split(';');
            let mut take = |len: &str| -> Option<&'static str> {
                let n: usize = len.parse().ok()?;
                let (part, rest) = (body.get(..n)?, body.get(n..)?);
                body = rest;
                Some(part)
            };
            let root = take(sections.next()?)?;
            let mut parts = |section: Option<&'static str>| -> Option<Vec<Part>> {
                section
                    .unwrap_or("")
                    .split(',')
                    .filter(|e| !e.is_empty())
                    .map(|e| {
                        let (name, len) = e.split_once('=')?;
                        Some(Part {
                            name,
                            text: take(len)?,
                            parsed: OnceLock::new(),
                        })
                    })
                    .collect()
            };
            let properties = parts(sections.next())?;
            let definitions = parts(sections.next())?;
            Some(&*Box::leak(Box::new(TypeConstraints {
                root,
                properties,
                definitions,
            })))
        })
    }
}

/// The schema knowledge synthesis consults; `rcdk-cfn` provides one.
#[derive(Debug)]
pub struct SchemaRegistry {
    /// The metadata of every type of the registry.
    pub types: &'static MetadataTable,
    /// The constraints of a type, when its service is compiled in: its
    /// registry schema reduced to what [`check_properties`] reads (no
    /// descriptions; patterns translated to `regex-lite` by the generator,
    /// in `regex`, `regexAlso` and `regexNot`), as JSON texts in parts so a
    /// check parses only what a template uses. A header line
    /// `<root length>;<property>=<length>,...;<definition>=<length>,...`
    /// (names sorted) is followed by the top level (without `properties`
    /// and `definitions`), then each property's and each definition's
    /// schema, back to back.
    pub constraints: fn(&str) -> Option<&'static str>,
    /// Where the schemas come from, for messages.
    pub source: &'static str,
}

static REGISTRY: OnceLock<&'static SchemaRegistry> = OnceLock::new();

/// Makes `registry` the one synthesis consults (the first registered stays).
pub fn register(registry: &'static SchemaRegistry) {
    // Every generated constructor calls this: after the first, a load.
    if REGISTRY.get().is_none() {
        let _ = REGISTRY.set(registry);
    }
}

/// The registered registry, if any.
pub fn registry() -> Option<&'static SchemaRegistry> {
    REGISTRY.get().copied()
}

impl SchemaRegistry {
    /// The metadata of a type, by name.
    pub fn metadata(&self, type_name: &str) -> Option<TypeMetadata> {
        self.types.metadata(type_name)
    }
}

/// The registry metadata of a type, if a registry is registered and has it.
pub fn metadata(type_name: &str) -> Option<TypeMetadata> {
    registry()?.metadata(type_name)
}

/// A value of a schema `enum`: `rcdk-cfn` generates a Rust enum for each.
/// One `From` impl for all of them (rather than one per enum) keeps
/// `.into()` cheap to type-check in every crate that uses `rcdk-cfn`.
pub trait EnumValue: Copy {
    /// The value as CloudFormation spells it.
    fn as_str(self) -> &'static str;
}

impl<E: EnumValue> From<E> for crate::Expr<E> {
    fn from(v: E) -> Self {
        crate::Expr::from_value(crate::Value::String(v.as_str().to_owned()))
    }
}

/// The schema keyword a literal value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConstraintKind {
    /// `required`: a property the type needs is missing.
    Required,
    /// `additionalProperties: false`: a property the type does not have.
    UnknownProperty,
    /// `type`: a value of the wrong kind (CloudFormation's string/number/boolean coercions allowed).
    Type,
    /// `enum`: not one of the allowed values.
    Enum,
    /// `const`: not the one allowed value.
    Const,
    /// `minimum` or `exclusiveMinimum`.
    Minimum,
    /// `maximum` or `exclusiveMaximum`.
    Maximum,
    /// `minLength`.
    MinLength,
    /// `maxLength`.
    MaxLength,
    /// `pattern`.
    Pattern,
    /// `minItems`.
    MinItems,
    /// `maxItems`.
    MaxItems,
    /// `uniqueItems`.
    UniqueItems,
    /// `minProperties`.
    MinProperties,
    /// `maxProperties`.
    MaxProperties,
    /// `oneOf`: not exactly one alternative matches.
    OneOf,
    /// `anyOf`: no alternative matches.
    AnyOf,
    /// `dependentRequired` (or draft-07 `dependencies`): a property needs another.
    DependentRequired,
    /// cfn-lint's `dependentExcluded`: a property excludes another.
    DependentExcluded,
    /// cfn-lint's `requiredXor`: exactly one of some properties.
    RequiredXor,
    /// cfn-lint's `requiredOr`: at least one of some properties.
    RequiredOr,
}

impl ConstraintKind {
    /// The schema keyword.
    pub fn keyword(self) -> &'static str {
        use ConstraintKind::*;
        match self {
            Required => "required",
            UnknownProperty => "additionalProperties",
            Type => "type",
            Enum => "enum",
            Const => "const",
            Minimum => "minimum",
            Maximum => "maximum",
            MinLength => "minLength",
            MaxLength => "maxLength",
            Pattern => "pattern",
            MinItems => "minItems",
            MaxItems => "maxItems",
            UniqueItems => "uniqueItems",
            MinProperties => "minProperties",
            MaxProperties => "maxProperties",
            OneOf => "oneOf",
            AnyOf => "anyOf",
            DependentRequired => "dependentRequired",
            DependentExcluded => "dependentExcluded",
            RequiredXor => "requiredXor",
            RequiredOr => "requiredOr",
        }
    }
}

/// One literal value (or missing property) a type's schema rejects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The property path below `Properties` (`Subscription[0].Protocol`);
    /// empty for the properties as a whole.
    pub property: String,
    /// The constraint broken.
    pub kind: ConstraintKind,
    /// The offending value as compact JSON (shortened), when there is one.
    pub value: Option<String>,
    /// What is wrong.
    pub problem: String,
    /// How to fix it.
    pub fix: String,
}

/// Checks the `Properties` of a resource of `type_name` (`None` when it has
/// none) against what the registered registry knows about the type.
///
/// ```
/// // Without a registry (rcdk-cfn registers one), nothing is known.
/// assert!(rcdk_core::schema::check_properties("AWS::SNS::Topic", None).is_empty());
/// ```
pub fn check_properties(type_name: &str, properties: Option<&Json>) -> Vec<Violation> {
    let Some(reg) = registry() else {
        return Vec::new();
    };
    match (reg.constraints)(type_name).and_then(TypeConstraints::of) {
        Some(tc) => check_with(Known::Constraints(tc), properties),
        None => reg
            .metadata(type_name)
            .map(|m| check_with(Known::Metadata(m), properties))
            .unwrap_or_default(),
    }
}

/// What is known of a type: its constraints, or only its metadata.
enum Known {
    Constraints(&'static TypeConstraints),
    Metadata(TypeMetadata),
}

fn check_with(known: Known, properties: Option<&Json>) -> Vec<Violation> {
    let empty = Json::Object(Default::default());
    let props = properties.unwrap_or(&empty);
    let meta = match known {
        Known::Constraints(tc) => {
            let mut c = Checker::new(tc);
            c.check_root(props);
            return c.out;
        }
        Known::Metadata(m) => m,
    };
    // Without the service's constraints: the top level, from the metadata.
    let mut out = Vec::new();
    if is_intrinsic(props) {
        return out;
    }
    if let Json::Object(m) = props {
        for r in meta.required() {
            if !m.contains_key(r) {
                out.push(required(r, Path::Root));
            }
        }
        for k in m.keys() {
            if !meta.has_property(k) {
                out.push(unknown(k, m.get(k), meta.properties()));
            }
        }
    }
    out
}

/// Checks every resource of a template against the registered schemas
/// (`rcdk_cfn::register()`), as synthesis does: a template read from a
/// file, written by another tool, or by the AWS CDK. Each problem names its
/// resource by logical ID where synthesis would name the construct path.
/// Without a registry there is nothing to check against, and the result
/// is empty.
///
/// ```no_run
/// let template: serde_json::Value = serde_json::from_str(
///     &std::fs::read_to_string("cdk.out/Orders.template.json").unwrap(),
/// )
/// .unwrap();
/// for problem in rcdk_core::schema::check(&template) {
///     eprintln!("{problem}");
/// }
/// ```
pub fn check(template: &Json) -> Vec<crate::SynthError> {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    check_template(template, &|lid| lid.to_owned(), &mut errors, &mut warnings);
    errors
}

/// Checks every resource of a finished template; `path_of` gives a logical
/// ID's construct path.
pub(crate) fn check_template(
    template: &Json,
    path_of: &dyn Fn(&str) -> String,
    errors: &mut Vec<crate::SynthError>,
    warnings: &mut Vec<crate::Warning>,
) {
    let Some(reg) = registry() else { return };
    // A construct that reported a problem of its own (an L2's check) is not
    // reported again for what its resources render from the same input.
    let reported: Vec<String> = errors
        .iter()
        .filter_map(|e| match e {
            crate::SynthError::Construct { path, .. } => Some(format!("{path}/")),
            _ => None,
        })
        .collect();
    for (lid, r) in template
        .get("Resources")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        let Some(type_name) = r.get("Type").and_then(Json::as_str) else {
            continue;
        };
        let path = path_of(lid);
        if reported.iter().any(|p| format!("{path}/").starts_with(p.as_str())) {
            continue;
        }
        let known = match (reg.constraints)(type_name).and_then(TypeConstraints::of) {
            Some(tc) => Some(Known::Constraints(tc)),
            None => reg.metadata(type_name).map(Known::Metadata),
        };
        let Some(known) = known else {
            if type_name.starts_with("AWS::") || type_name.starts_with("Alexa::") {
                warnings.push(crate::Warning {
                    path: path.clone(),
                    message: format!(
                        "{type_name} is not a resource type of the registry schemas rcdk knows ({}); check the spelling{}",
                        reg.source,
                        nearest_type(reg, type_name)
                            .map(|t| format!(" (did you mean {t}?)"))
                            .unwrap_or_default()
                    ),
                    location: None,
                });
            }
            continue;
        };
        for v in check_with(known, r.get("Properties")) {
            errors.push(crate::SynthError::SchemaViolation {
                path: path.clone(),
                type_name: type_name.to_owned(),
                property: v.property,
                kind: v.kind,
                value: v.value,
                problem: v.problem,
                fix: v.fix,
            });
        }
    }
}

fn nearest_type(reg: &SchemaRegistry, type_name: &str) -> Option<&'static str> {
    let lower = type_name.to_lowercase();
    reg.types
        .iter()
        .map(|t| (distance(&t.name().to_lowercase(), &lower), t.name()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n)
}

/// Hashes a key made of addresses (every key of the caches below).
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type AddressMap<V> = HashMap<(usize, usize), V, std::hash::BuildHasherDefault<AddressHasher>>;

fn address(s: &str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

/// A part of a type's constraints, parsed once per process (and kept: the
/// parts are `'static` text, their parses are few and small).
fn parsed(text: &'static str) -> Option<&'static Json> {
    static CACHE: OnceLock<Mutex<AddressMap<&'static Json>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().ok()?;
    if let Some(j) = cache.get(&address(text)) {
        return Some(j);
    }
    let j: &'static Json = Box::leak(Box::new(serde_json::from_str(text).ok()?));
    cache.insert(address(text), j);
    Some(j)
}

/// The keywords of the schema at `at` (an address), gathered once per
/// thread and kept (schemas live for the whole process).
fn keywords(
    at: (usize, usize),
    gather: impl FnOnce() -> Option<Keywords<'static>>,
) -> Option<&'static Keywords<'static>> {
    thread_local! {
        static CACHE: std::cell::RefCell<AddressMap<Option<&'static Keywords<'static>>>> = Default::default();
    }
    if let Some(k) = CACHE.with(|c| c.borrow().get(&at).copied()) {
        return k;
    }
    let k = gather().map(|k| &*Box::leak(Box::new(k)));
    CACHE.with(|c| c.borrow_mut().insert(at, k));
    k
}

/// A compiled pattern; `None` if it does not compile. Patterns come from the
/// parsed constraints, which live for the whole process, so a pattern is
/// compiled once per thread and found again by its address.
fn regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    thread_local! {
        static CACHE: std::cell::RefCell<AddressMap<Option<regex_lite::Regex>>> = Default::default();
    }
    CACHE.with(|c| {
        c.borrow_mut()
            .entry(address(pattern))
            .or_insert_with(|| regex_lite::Regex::new(pattern).ok())
            .clone()
    })
}

/// A CloudFormation intrinsic: `{"Ref": ..}` or `{"Fn::..": ..}`.
fn is_intrinsic(v: &Json) -> bool {
    match v {
        Json::Object(m) if m.len() == 1 => m.keys().next().is_some_and(|k| k == "Ref" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// A value for a message: compact JSON, at most about 80 characters.
fn show(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() <= 80 {
        return s;
    }
    let mut t: String = s.chars().take(77).collect();
    t.push_str("...");
    t
}

/// Where a value is below `Properties`, rendered only for a message.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `Subscription[0].Protocol`.
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(Path::Root, k) => (*k).to_owned(),
            Path::Key(p, k) => format!("{}.{k}", p.render()),
            Path::Index(p, i) => format!("{}[{i}]", p.render()),
        }
    }
}

fn required(name: &str, path: Path<'_>) -> Violation {
    Violation {
        property: Path::Key(&path, name).render(),
        kind: ConstraintKind::Required,
        value: None,
        problem: "is required and not set".into(),
        fix: "set it".into(),
    }
}

fn unknown(name: &str, value: Option<&Json>, known: impl Iterator<Item = impl AsRef<str>>) -> Violation {
    let known: Vec<String> = known.map(|k| k.as_ref().to_owned()).collect();
    let nearest = known
        .iter()
        .map(|k| (distance(&k.to_lowercase(), &name.to_lowercase()), k))
        .min();
    let fix = match nearest {
        Some((d, k)) if d <= (name.chars().count() / 3).max(2) => format!("did you mean {k:?}?"),
        _ if known.is_empty() => "remove it; the type takes no properties here".into(),
        _ => {
            let mut list = known.iter().take(40).cloned().collect::<Vec<_>>().join(", ");
            if known.len() > 40 {
                list.push_str(", ...");
            }
            format!("remove it or use one of: {list}")
        }
    };
    Violation {
        property: name.to_owned(),
        kind: ConstraintKind::UnknownProperty,
        value: value.map(show),
        problem: "is not a property of the type".into(),
        fix,
    }
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// A number, or a string CloudFormation would read as one.
fn number(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

fn names_of(v: &Json) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Json::as_str).collect()
}

/// The `properties` of a schema: inline, or a type's table of parts.
#[derive(Clone, Copy)]
enum Properties<'s> {
    Json(&'s serde_json::Map<String, Json>),
    Table(&'static [Part]),
}

impl<'s> Properties<'s> {
    fn get(self, name: &str) -> Option<&'s Json> {
        match self {
            // Small maps: comparing beats hashing the name.
            Properties::Json(m) if m.len() <= 16 => m.iter().find(|(k, _)| *k == name).map(|(_, v)| v),
            Properties::Json(m) => m.get(name),
            Properties::Table(t) => part(t, name).and_then(Part::schema),
        }
    }

    /// Whether `name` is a property, without parsing its schema.
    fn has(self, name: &str) -> bool {
        match self {
            Properties::Table(t) => part(t, name).is_some(),
            json => json.get(name).is_some(),
        }
    }

    fn names(self) -> Vec<&'s str> {
        match self {
            Properties::Json(m) => m.keys().map(String::as_str).collect(),
            Properties::Table(t) => t.iter().map(|p| p.name).collect(),
        }
    }
}

/// The keywords of one schema object, gathered in one pass over its entries
/// (a schema has a handful; looking each keyword up would hash it).
#[derive(Default)]
struct Keywords<'s> {
    reference: Option<&'s str>,
    ty: Option<&'s Json>,
    enumeration: Option<&'s Vec<Json>>,
    enumeration_ci: Option<&'s Vec<Json>>,
    constant: Option<&'s Json>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    exclusive_minimum: Option<f64>,
    exclusive_maximum: Option<f64>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<&'s str>,
    regex: Option<&'s str>,
    regex_also: Option<&'s Json>,
    regex_not: Option<&'s Json>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique_items: bool,
    items: Option<&'s Json>,
    properties: Option<Properties<'s>>,
    pattern_properties: Option<&'s serde_json::Map<String, Json>>,
    additional: Option<&'s Json>,
    required: Option<&'s Json>,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    dependent_required: Option<&'s serde_json::Map<String, Json>>,
    dependencies: Option<&'s serde_json::Map<String, Json>>,
    dependent_excluded: Option<&'s serde_json::Map<String, Json>>,
    required_xor: Option<&'s Json>,
    required_or: Option<&'s Json>,
    all_of: Option<&'s Vec<Json>>,
    one_of: Option<&'s Vec<Json>>,
    any_of: Option<&'s Vec<Json>>,
}

impl<'s> Keywords<'s> {
    fn of(schema: &'s Json) -> Option<Keywords<'s>> {
        let mut k = Keywords::default();
        for (key, v) in schema.as_object()? {
            match key.as_str() {
                "$ref" => k.reference = v.as_str(),
                "type" => k.ty = Some(v),
                "enum" => k.enumeration = v.as_array(),
                "enumCaseInsensitive" => k.enumeration_ci = v.as_array(),
                "const" => k.constant = Some(v),
                "minimum" => k.minimum = v.as_f64(),
                "maximum" => k.maximum = v.as_f64(),
                "exclusiveMinimum" => k.exclusive_minimum = v.as_f64(),
                "exclusiveMaximum" => k.exclusive_maximum = v.as_f64(),
                "minLength" => k.min_length = v.as_u64(),
                "maxLength" => k.max_length = v.as_u64(),
                "pattern" => k.pattern = v.as_str(),
                "regex" => k.regex = v.as_str(),
                "regexAlso" => k.regex_also = Some(v),
                "regexNot" => k.regex_not = Some(v),
                "minItems" => k.min_items = v.as_u64(),
                "maxItems" => k.max_items = v.as_u64(),
                "uniqueItems" => k.unique_items = v == &Json::Bool(true),
                "items" => k.items = Some(v),
                "properties" => k.properties = v.as_object().map(Properties::Json),
                "patternProperties" => k.pattern_properties = v.as_object(),
                "additionalProperties" => k.additional = Some(v),
                "required" => k.required = Some(v),
                "minProperties" => k.min_properties = v.as_u64(),
                "maxProperties" => k.max_properties = v.as_u64(),
                "dependentRequired" => k.dependent_required = v.as_object(),
                "dependencies" => k.dependencies = v.as_object(),
                "dependentExcluded" => k.dependent_excluded = v.as_object(),
                "requiredXor" => k.required_xor = Some(v),
                "requiredOr" => k.required_or = Some(v),
                "allOf" => k.all_of = v.as_array(),
                "oneOf" => k.one_of = v.as_array(),
                "anyOf" => k.any_of = v.as_array(),
                _ => {}
            }
        }
        Some(k)
    }

    fn types(&self) -> impl Iterator<Item = &'s str> {
        let (one, many) = match self.ty {
            Some(Json::String(t)) => (Some(t.as_str()), None),
            Some(Json::Array(a)) => (None, Some(a.iter().filter_map(Json::as_str))),
            _ => (None, None),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }
}

/// Walks a value and its schema, collecting violations. `undecided` records
/// that an intrinsic stood where a constraint applied, so an alternative
/// (`oneOf`, `anyOf`) cannot be judged.
struct Checker {
    constraints: &'static TypeConstraints,
    out: Vec<Violation>,
    undecided: bool,
}

impl Checker {
    fn new(constraints: &'static TypeConstraints) -> Checker {
        Checker {
            constraints,
            out: Vec::new(),
            undecided: false,
        }
    }

    /// Checks a resource's `Properties` against the type's top level.
    fn check_root(&mut self, value: &Json) {
        let tc = self.constraints;
        // Keyed by the type's constraints: two types may share a root text.
        let k = keywords((tc as *const TypeConstraints as usize, 1), || {
            let mut k = Keywords::of(parsed(tc.root)?)?;
            k.properties = Some(Properties::Table(&tc.properties));
            Some(k)
        });
        if let Some(k) = k {
            self.check_keywords(k, value, Path::Root, 0);
        }
    }

    fn report(&mut self, path: Path<'_>, kind: ConstraintKind, value: Option<&Json>, problem: String, fix: &str) {
        self.out.push(Violation {
            property: path.render(),
            kind,
            value: value.map(show),
            problem,
            fix: fix.to_owned(),
        });
    }

    fn resolve(&self, reference: &str) -> Option<&'static Json> {
        let name = reference.strip_prefix("#/definitions/")?;
        let defs = &self.constraints.definitions;
        part(defs, name)?.schema()
    }

    fn check(&mut self, schema: &'static Json, value: &Json, path: Path<'_>, depth: usize) {
        let at = (schema as *const Json as usize, 0);
        if let Some(k) = keywords(at, || Keywords::of(schema)) {
            self.check_keywords(k, value, path, depth);
        }
    }

    fn check_keywords(&mut self, k: &'static Keywords<'static>, value: &Json, path: Path<'_>, depth: usize) {
        if depth > 48 {
            return;
        }
        if is_intrinsic(value) {
            self.undecided = true;
            return;
        }
        if value.is_null() {
            return;
        }
        if let Some(def) = k.reference.and_then(|r| self.resolve(r)) {
            self.check(def, value, path, depth + 1);
        }
        if !self.check_type(k, value, path) {
            return;
        }
        self.check_enum(k, value, path);
        match value {
            Json::String(s) => self.check_string(k, s, value, path),
            Json::Array(items) => self.check_array(k, items, value, path, depth),
            Json::Object(m) => self.check_object(k, m, path, depth),
            _ => {}
        }
        if matches!(value, Json::Number(_) | Json::String(_)) {
            self.check_range(k, value, path);
        }
        for s in k.all_of.into_iter().flatten() {
            self.check(s, value, path, depth + 1);
        }
        for (branches, kind) in [(k.one_of, ConstraintKind::OneOf), (k.any_of, ConstraintKind::AnyOf)] {
            let Some(branches) = branches else { continue };
            let mut matched = 0;
            let mut undecided = false;
            for b in branches {
                let mut sub = Checker::new(self.constraints);
                sub.check(b, value, path, depth + 1);
                undecided |= sub.undecided;
                if sub.out.is_empty() {
                    matched += 1;
                }
            }
            self.undecided |= undecided;
            let bad = match kind {
                ConstraintKind::OneOf => matched != 1,
                _ => matched == 0,
            };
            if undecided || !bad {
                continue;
            }
            let described = describe(branches);
            let (problem, fix) = match (kind, matched) {
                (ConstraintKind::OneOf, 0) | (ConstraintKind::AnyOf, _) => (
                    format!("matches none of the {} alternatives{described}", branches.len()),
                    if kind == ConstraintKind::OneOf {
                        "match exactly one of them"
                    } else {
                        "match at least one of them"
                    },
                ),
                _ => (
                    format!("matches {matched} of the {} alternatives{described}", branches.len()),
                    "match exactly one of them",
                ),
            };
            let shown = if value.is_object() { None } else { Some(value) };
            self.report(path, kind, shown, problem, fix);
        }
    }

    /// The `type` keyword, with CloudFormation's coercions; `false` stops
    /// further checks of a value of the wrong kind.
    fn check_type(&mut self, k: &Keywords<'static>, value: &Json, path: Path<'_>) -> bool {
        let accepts = |t: &str| match t {
            "string" => !value.is_object() && !value.is_array(),
            "integer" => number(value).is_some_and(|n| n.fract() == 0.0),
            "number" => number(value).is_some(),
            "boolean" => match value {
                Json::Bool(_) => true,
                Json::String(s) => s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false"),
                _ => false,
            },
            "object" => value.is_object(),
            "array" => value.is_array(),
            "null" => value.is_null(),
            _ => true,
        };
        if k.ty.is_none() || k.types().any(accepts) {
            return true;
        }
        let expected = k
            .types()
            .map(|t| match t {
                "integer" => "an integer",
                "array" => "a list",
                "object" => "an object",
                "boolean" => "a boolean",
                "number" => "a number",
                "string" => "a string",
                other => other,
            })
            .collect::<Vec<_>>()
            .join(" or ");
        self.report(
            path,
            ConstraintKind::Type,
            Some(value),
            format!("is not {expected}"),
            &format!("give {expected}"),
        );
        false
    }

    fn check_enum(&mut self, k: &Keywords<'static>, value: &Json, path: Path<'_>) {
        if k.enumeration.is_none() && k.enumeration_ci.is_none() && k.constant.is_none() {
            return;
        }
        let scalar = |v: &Json| match v {
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            Json::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let Some(text) = scalar(value) else { return };
        for (allowed, insensitive) in [(k.enumeration, false), (k.enumeration_ci, true)] {
            let Some(allowed) = allowed else { continue };
            let same = |a: &Json| match scalar(a) {
                Some(a) if insensitive => a.eq_ignore_ascii_case(&text),
                Some(a) => a == text || (number(value).is_some() && number(value) == number(&Json::String(a))),
                None => false,
            };
            if !allowed.iter().any(same) {
                let list = allowed.iter().map(show).collect::<Vec<_>>().join(", ");
                self.report(
                    path,
                    ConstraintKind::Enum,
                    Some(value),
                    format!("is not one of {list}"),
                    "use one of them",
                );
            }
        }
        // `enum: [x]` and `const: x` together say the same thing once.
        if let Some(c) = k.constant.filter(|_| k.enumeration.is_none()) {
            if scalar(c).is_some_and(|c| c != text) {
                self.report(
                    path,
                    ConstraintKind::Const,
                    Some(value),
                    format!("is not {}", show(c)),
                    "use that value",
                );
            }
        }
    }

    fn check_range(&mut self, k: &Keywords<'static>, value: &Json, path: Path<'_>) {
        if k.minimum.is_none() && k.maximum.is_none() && k.exclusive_minimum.is_none() && k.exclusive_maximum.is_none()
        {
            return;
        }
        let numeric = k.types().any(|t| t == "integer" || t == "number") || value.is_number();
        let Some(n) = number(value).filter(|_| numeric) else {
            return;
        };
        let fmt = |b: f64| {
            if b.fract() == 0.0 && b.abs() < 1e15 {
                format!("{}", b as i64)
            } else {
                b.to_string()
            }
        };
        if let Some(min) = k.minimum.filter(|m| n < *m) {
            let b = fmt(min);
            self.report(
                path,
                ConstraintKind::Minimum,
                Some(value),
                format!("is less than the minimum {b}"),
                &format!("use {b} or more"),
            );
        }
        if let Some(min) = k.exclusive_minimum.filter(|m| n <= *m) {
            let b = fmt(min);
            self.report(
                path,
                ConstraintKind::Minimum,
                Some(value),
                format!("is not more than {b}"),
                &format!("use more than {b}"),
            );
        }
        if let Some(max) = k.maximum.filter(|m| n > *m) {
            let b = fmt(max);
            self.report(
                path,
                ConstraintKind::Maximum,
                Some(value),
                format!("is more than the maximum {b}"),
                &format!("use {b} or less"),
            );
        }
        if let Some(max) = k.exclusive_maximum.filter(|m| n >= *m) {
            let b = fmt(max);
            self.report(
                path,
                ConstraintKind::Maximum,
                Some(value),
                format!("is not less than {b}"),
                &format!("use less than {b}"),
            );
        }
    }

    fn check_string(&mut self, k: &Keywords<'static>, s: &str, value: &Json, path: Path<'_>) {
        if k.min_length.is_some() || k.max_length.is_some() {
            let len = s.chars().count() as u64;
            if let Some(min) = k.min_length.filter(|m| len < *m) {
                self.report(
                    path,
                    ConstraintKind::MinLength,
                    Some(value),
                    format!("is {len} characters long, shorter than the minimum {min}"),
                    &format!("use at least {min} characters"),
                );
            }
            if let Some(max) = k.max_length.filter(|m| len > *m) {
                self.report(
                    path,
                    ConstraintKind::MaxLength,
                    Some(value),
                    format!("is {len} characters long, longer than the maximum {max}"),
                    &format!("use at most {max} characters"),
                );
            }
        }
        if let Some(p) = k.pattern {
            if !pattern_matches(k, p, s) {
                self.report(
                    path,
                    ConstraintKind::Pattern,
                    Some(value),
                    format!("does not match the pattern {p}"),
                    "use a value that matches it",
                );
            }
        }
    }

    fn check_array(&mut self, k: &Keywords<'static>, items: &[Json], value: &Json, path: Path<'_>, depth: usize) {
        // An intrinsic item may be `AWS::NoValue` and drop out: minItems
        // counts every item, maxItems only literal ones.
        if let Some(min) = k.min_items.filter(|m| (items.len() as u64) < *m) {
            self.report(
                path,
                ConstraintKind::MinItems,
                Some(value),
                format!("has {} items, fewer than the minimum {min}", items.len()),
                &format!("give at least {min}"),
            );
        }
        if let Some(max) = k.max_items {
            let literal = items.iter().filter(|i| !is_intrinsic(i)).count() as u64;
            if literal > max {
                self.report(
                    path,
                    ConstraintKind::MaxItems,
                    Some(value),
                    format!("has {literal} items, more than the maximum {max}"),
                    &format!("give at most {max}"),
                );
            }
        }
        if k.unique_items {
            let mut seen: Vec<&Json> = Vec::new();
            for item in items.iter().filter(|i| !contains_intrinsic(i)) {
                if seen.contains(&item) {
                    self.report(
                        path,
                        ConstraintKind::UniqueItems,
                        Some(item),
                        "appears more than once in a list whose items must be unique".into(),
                        "remove the duplicate",
                    );
                    break;
                }
                seen.push(item);
            }
        }
        if let Some(item_schema) = k.items {
            for (i, item) in items.iter().enumerate() {
                self.check(item_schema, item, Path::Index(&path, i), depth + 1);
            }
        }
    }

    fn check_object(&mut self, k: &Keywords<'static>, m: &serde_json::Map<String, Json>, path: Path<'_>, depth: usize) {
        for r in k
            .required
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
        {
            if !m.contains_key(r) {
                self.out.push(required(r, path));
            }
        }
        for (key, v) in m {
            let here = Path::Key(&path, key);
            if is_intrinsic(v) && k.properties.is_some_and(|p| p.has(key)) {
                // What `check` concludes for an intrinsic, without parsing
                // the property's schema (most of a process's schema cost).
                // It differs only for a registry schema that does not parse
                // or is not an object, which the generator never writes.
                self.undecided = true;
                continue;
            }
            if let Some(sub) = k.properties.and_then(|p| p.get(key)) {
                self.check(sub, v, here, depth + 1);
                continue;
            }
            let mut matched = false;
            for entry in k.pattern_properties.into_iter().flat_map(|p| p.values()) {
                let Some(re) = entry.get("regex").and_then(Json::as_str).and_then(regex) else {
                    continue;
                };
                if re.is_match(key) {
                    matched = true;
                    if let Some(sub) = entry.get("schema") {
                        self.check(sub, v, here, depth + 1);
                    }
                }
            }
            if matched {
                continue;
            }
            match k.additional {
                Some(Json::Bool(false)) => {
                    let known = k.properties.map(Properties::names).unwrap_or_default();
                    let mut violation = unknown(key, Some(v), known.into_iter());
                    violation.property = here.render();
                    self.out.push(violation);
                }
                Some(sub @ Json::Object(_)) => self.check(sub, v, here, depth + 1),
                _ => {}
            }
        }
        let count = m.len() as u64;
        if let Some(min) = k.min_properties.filter(|n| count < *n) {
            self.report(
                path,
                ConstraintKind::MinProperties,
                None,
                format!("has {count} entries, fewer than the minimum {min}"),
                &format!("give at least {min}"),
            );
        }
        if let Some(max) = k.max_properties.filter(|n| count > *n) {
            self.report(
                path,
                ConstraintKind::MaxProperties,
                None,
                format!("has {count} entries, more than the maximum {max}"),
                &format!("give at most {max}"),
            );
        }
        for deps in [k.dependent_required, k.dependencies].into_iter().flatten() {
            for (a, deps) in deps {
                if !m.contains_key(a) {
                    continue;
                }
                match deps {
                    Json::Array(_) => {
                        for b in names_of(deps) {
                            if !m.contains_key(b) {
                                self.report(
                                    Path::Key(&path, b),
                                    ConstraintKind::DependentRequired,
                                    None,
                                    format!("is required when {a} is set"),
                                    &format!("set it, or remove {a}"),
                                );
                            }
                        }
                    }
                    sub @ Json::Object(_) => {
                        let whole = Json::Object(m.clone());
                        self.check(sub, &whole, path, depth + 1);
                    }
                    _ => {}
                }
            }
        }
        for (a, deps) in k.dependent_excluded.into_iter().flatten() {
            if !m.contains_key(a) {
                continue;
            }
            for b in names_of(deps) {
                if m.contains_key(b) {
                    self.report(
                        Path::Key(&path, b),
                        ConstraintKind::DependentExcluded,
                        m.get(b),
                        format!("cannot be set together with {a}"),
                        &format!("remove {b} or {a}"),
                    );
                }
            }
        }
        if let Some(names) = k.required_xor {
            let names = names_of(names);
            let set: Vec<&str> = names.iter().copied().filter(|n| m.contains_key(*n)).collect();
            if set.len() != 1 && !names.is_empty() {
                let problem = if set.is_empty() {
                    format!("set none of {}", names.join(", "))
                } else {
                    format!("set {} of {}", set.join(" and "), names.join(", "))
                };
                self.report(
                    path,
                    ConstraintKind::RequiredXor,
                    None,
                    problem,
                    "set exactly one of them",
                );
            }
        }
        if let Some(names) = k.required_or {
            let names = names_of(names);
            if !names.is_empty() && !names.iter().any(|n| m.contains_key(*n)) {
                self.report(
                    path,
                    ConstraintKind::RequiredOr,
                    None,
                    format!("set none of {}", names.join(", ")),
                    "set at least one of them",
                );
            }
        }
    }
}

/// Whether `s` matches a schema's pattern (translated by the generator into
/// `regex`, `regexAlso` and `regexNot`); a pattern that does not compile passes.
fn pattern_matches(k: &Keywords<'static>, pattern: &'static str, s: &str) -> bool {
    let main = k.regex.unwrap_or(pattern);
    fn list(v: Option<&'static Json>) -> impl Iterator<Item = &'static str> {
        v.and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
    }
    let all = |text: &str| {
        let m = |r: &'static str| regex(r).is_none_or(|re| re.is_match(text));
        let m_not = |r: &'static str| regex(r).is_some_and(|re| re.is_match(text));
        m(main) && list(k.regex_also).all(m) && !list(k.regex_not).any(m_not)
    };
    // Python and Java (cfn-lint, CloudFormation) let `$` match before a
    // final newline.
    all(s) || s.strip_suffix('\n').is_some_and(all)
}

fn contains_intrinsic(v: &Json) -> bool {
    is_intrinsic(v)
        || match v {
            Json::Array(a) => a.iter().any(contains_intrinsic),
            Json::Object(m) => m.values().any(contains_intrinsic),
            _ => false,
        }
}

/// ` (A; B and C)` for alternatives that each require some properties.
fn describe(branches: &[Json]) -> String {
    let mut parts = Vec::new();
    for b in branches {
        let Some(m) = b.as_object() else { return String::new() };
        if m.len() != 1 {
            return String::new();
        }
        let names = names_of(m.get("required").unwrap_or(&Json::Null));
        if names.is_empty() {
            return String::new();
        }
        parts.push(names.join(" and "));
    }
    let mut out = String::new();
    write!(out, ": {}", parts.join("; ")).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Writes a schema's constraint text as `rcdk-cfn-gen` does.
    fn constraints(mut schema: Json) -> &'static TypeConstraints {
        let mut take = |k: &str| -> Vec<(String, String)> {
            let mut parts: Vec<(String, String)> = match schema.as_object_mut().unwrap().shift_remove(k) {
                Some(Json::Object(m)) => m.into_iter().map(|(n, s)| (n, s.to_string())).collect(),
                _ => Vec::new(),
            };
            parts.sort();
            parts
        };
        let (properties, definitions) = (take("properties"), take("definitions"));
        let root = schema.to_string();
        let list = |parts: &[(String, String)]| {
            parts
                .iter()
                .map(|(n, s)| format!("{n}={}", s.len()))
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut text = format!("{};{};{}\n{root}", root.len(), list(&properties), list(&definitions));
        for (_, s) in properties.iter().chain(&definitions) {
            text.push_str(s);
        }
        TypeConstraints::of(Box::leak(text.into_boxed_str())).unwrap()
    }

    fn check(schema: Json, value: Json) -> Vec<Violation> {
        let mut c = Checker::new(constraints(schema));
        c.check_root(&value);
        c.out
    }

    fn kinds(v: &[Violation]) -> Vec<ConstraintKind> {
        v.iter().map(|v| v.kind).collect()
    }

    #[test]
    fn constant() {
        let s = json!({"properties": {"Owner": {"const": "Destination"}}});
        let v = check(s.clone(), json!({"Owner": "Source"}));
        assert_eq!(kinds(&v), [ConstraintKind::Const]);
        assert_eq!(
            (v[0].problem.as_str(), v[0].fix.as_str()),
            ("is not \"Destination\"", "use that value")
        );
        assert!(check(s, json!({"Owner": "Destination"})).is_empty());
    }

    #[test]
    fn max_properties() {
        let s = json!({"properties": {"P": {"type": "object", "maxProperties": 1}}});
        assert_eq!(
            kinds(&check(s, json!({"P": {"a": 1, "b": 2}}))),
            [ConstraintKind::MaxProperties]
        );
    }

    #[test]
    fn exclusive_bounds() {
        let s = json!({"properties": {"N": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}}});
        assert_eq!(kinds(&check(s.clone(), json!({"N": 0}))), [ConstraintKind::Minimum]);
        assert_eq!(kinds(&check(s.clone(), json!({"N": 1}))), [ConstraintKind::Maximum]);
        assert!(check(s, json!({"N": 0.5})).is_empty());
    }

    #[test]
    fn a_pattern_accepts_a_final_newline_as_python_does() {
        let s = json!({"properties": {"S": {"type": "string", "pattern": "^[a-z]+$"}}});
        assert!(check(s.clone(), json!({"S": "abc\n"})).is_empty());
        assert_eq!(kinds(&check(s, json!({"S": "abc\nd"}))), [ConstraintKind::Pattern]);
    }

    #[test]
    fn cloudformation_coercions_pass_the_type_check() {
        let s = json!({"properties": {
            "I": {"type": "integer"}, "B": {"type": "boolean"}, "S": {"type": "string"}, "L": {"type": "array"}
        }});
        assert!(check(s.clone(), json!({"I": "42", "B": "True", "S": 5})).is_empty());
        assert_eq!(kinds(&check(s.clone(), json!({"I": 1.5}))), [ConstraintKind::Type]);
        assert_eq!(kinds(&check(s.clone(), json!({"S": ["a"]}))), [ConstraintKind::Type]);
        assert_eq!(kinds(&check(s, json!({"L": "a"}))), [ConstraintKind::Type]);
    }

    #[test]
    fn intrinsics_are_not_checked_anywhere() {
        let s = json!({
            "properties": {"N": {"type": "integer", "minimum": 5}, "L": {"type": "array", "minItems": 3, "maxItems": 1, "uniqueItems": true}},
            "required": ["N"],
            "oneOf": [{"required": ["N"]}, {"properties": {"N": {"maximum": 0}}}]
        });
        let intrinsic = json!({"Fn::If": ["C", 1, {"Ref": "AWS::NoValue"}]});
        let v = check(
            s,
            json!({"N": intrinsic, "L": [{"Ref": "A"}, {"Ref": "A"}, {"Ref": "A"}]}),
        );
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn references_reach_definitions() {
        let s = json!({
            "properties": {"L": {"type": "array", "items": {"$ref": "#/definitions/Item"}}},
            "definitions": {"Item": {"type": "object", "properties": {"N": {"maximum": 3}}, "additionalProperties": false}}
        });
        let v = check(s, json!({"L": [{"N": 4}, {"M": 1}]}));
        assert_eq!(kinds(&v), [ConstraintKind::Maximum, ConstraintKind::UnknownProperty]);
        assert_eq!((v[0].property.as_str(), v[1].property.as_str()), ("L[0].N", "L[1].M"));
    }

    #[test]
    fn nearest_names() {
        assert_eq!(distance("QueueNam", "QueueName"), 1);
        let v = unknown("Handlr", None, ["Handler", "Code", "Role"].iter());
        assert_eq!(v.fix, "did you mean \"Handler\"?");
        let v = unknown("Zzzzzz", None, ["Handler", "Code"].iter());
        assert_eq!(v.fix, "remove it or use one of: Handler, Code");
    }

    #[test]
    fn metadata_reads_its_compact_form() {
        let m = TypeMetadata::from_line("AWS::X::Y|A,B,Tags|A|A,Tags.*.Key|Arn|B|A|L:Tags");
        assert_eq!(m.properties().collect::<Vec<_>>(), ["A", "B", "Tags"]);
        assert_eq!(m.required().collect::<Vec<_>>(), ["A"]);
        assert!(m.replaces_on_change("A") && m.replaces_on_change("Tags") && !m.replaces_on_change("B"));
        assert_eq!(m.read_only_properties().collect::<Vec<_>>(), ["Arn"]);
        assert_eq!(m.write_only_properties().collect::<Vec<_>>(), ["B"]);
        assert_eq!(m.primary_identifier().collect::<Vec<_>>(), ["A"]);
        assert_eq!(
            (m.taggable(), m.tag_property(), m.tag_format()),
            (true, Some("Tags"), TagFormat::KeyValueList)
        );
        let n = TypeMetadata::from_line("AWS::X::Z|||||||");
        assert_eq!(
            (n.properties().count(), n.taggable(), n.tag_format()),
            (0, false, TagFormat::None)
        );
        let o = TypeMetadata::from_line("AWS::X::W|||||||O:UserPoolTags");
        assert_eq!(
            (o.taggable(), o.tag_property(), o.tag_format()),
            (true, Some("UserPoolTags"), TagFormat::None)
        );
        let table = MetadataTable::new("AWS::A::B|X|||||||\nAWS::C::D|Y|||||||\n", &[0, 19, 38]);
        assert_eq!(table.len(), 2);
        assert_eq!(
            table.metadata("AWS::C::D").unwrap().properties().collect::<Vec<_>>(),
            ["Y"]
        );
        assert_eq!(table.metadata("AWS::A::B").unwrap().name(), "AWS::A::B");
        assert!(table.metadata("AWS::B::B").is_none());
    }
}
