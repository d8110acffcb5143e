//! One resource type: its handle, properties struct, nested property types,
//! enums, setters and getters, and its line of the metadata table.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value as Json;

use crate::Report;

/// Rust keywords (strict, reserved and edition-specific).
pub const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Names a nested property type must not take: its module uses them
/// unqualified (its imports and the prelude).
const RESERVED_TYPES: &[&str] = &[
    "Expr", "IndexMap", "ToValue", "Value", "String", "Vec", "Option", "Box", "Result", "From", "Into", "Self",
];

/// Methods of `Resource` a generated setter would shadow through `Deref`.
const RESOURCE_METHODS: &[&str] = &[
    "set_condition",
    "set_deletion_policy",
    "set_update_replace_policy",
    "set_property",
    "push_to_list_property",
];

fn field_ident(name: &str) -> String {
    let s = name.to_snake_case();
    if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// A doc comment from a schema description, made safe for rustdoc: no line is
/// indented (which would make it a code block and a doctest) and no fences.
fn doc(indent: &str, text: &str) -> String {
    let mut out = String::new();
    for line in text.replace("```", "`").lines() {
        let line = line.trim();
        if line.is_empty() {
            writeln!(out, "{indent}///").ok();
        } else {
            writeln!(out, "{indent}/// {line}").ok();
        }
    }
    out
}

/// A JSON pointer of a schema (`/properties/A/B`) as a dotted path (`A.B`).
fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches("/properties/").replace('/', ".")
}

fn strings(v: &Json) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
        .map(str::to_owned)
        .collect()
}

/// The AWS documentation page of a resource type.
pub fn documentation_url(type_name: &str, schema: &Json) -> String {
    if let Some(u) = schema["documentationUrl"]
        .as_str()
        .filter(|u| u.starts_with("https://docs.aws.amazon.com/"))
    {
        return u.to_owned();
    }
    let parts: Vec<String> = type_name.split("::").map(str::to_lowercase).collect();
    format!(
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/{}-resource-{}-{}.html",
        parts[0], parts[1], parts[2]
    )
}

/// How a type takes tags: (is taggable, the tag property as a dotted path,
/// its shape: `L` a `{Key, Value}` list, `M` a string map, `O` another shape).
fn tagging(schema: &Json) -> Option<(String, char)> {
    let t = &schema["tagging"];
    if t["taggable"] == Json::Bool(false) || schema["taggable"] == Json::Bool(false) {
        return None;
    }
    let property = match t["tagProperty"].as_str() {
        Some(p) => dotted(p),
        None if schema["properties"].get("Tags").is_some() => "Tags".to_owned(),
        None => return None,
    };
    if property.contains('.') {
        return Some((property, 'O'));
    }
    let resolve = |p: &Json| {
        let mut p = p.clone();
        for _ in 0..8 {
            match p
                .get("$ref")
                .and_then(Json::as_str)
                .and_then(|r| r.strip_prefix("#/definitions/"))
            {
                Some(name) => p = schema["definitions"][name].clone(),
                None => break,
            }
        }
        p
    };
    let prop = resolve(&schema["properties"][&property]);
    let shape = match &prop["type"] {
        Json::String(t) if t == "array" => {
            let item = resolve(&prop["items"]);
            let has = |k: &str| item["properties"].get(k).is_some();
            let required = strings(&item["required"]);
            if has("Key") && has("Value") && required.iter().all(|r| r == "Key" || r == "Value") {
                'L'
            } else {
                'O'
            }
        }
        Json::String(t) if t == "object" && prop.get("properties").is_none() => 'M',
        Json::Array(ts) if ts.iter().any(|t| t == "object") && prop.get("properties").is_none() => 'M',
        _ => 'O',
    };
    Some((property, shape))
}

/// The `TagFormat` synthesis merges scope tags with, and why not when it cannot.
fn tag_format(type_name: &str, schema: &Json, report: Option<&mut Report>) -> &'static str {
    match tagging(schema) {
        Some((p, 'L')) if p == "Tags" => "TagFormat::KeyValueList",
        Some((p, 'M')) if p == "Tags" => "TagFormat::Map",
        Some((p, shape)) => {
            if let Some(report) = report {
                let why = if p != "Tags" {
                    format!("tags are `{p}`")
                } else if shape == 'O' {
                    "`Tags` items need more than `Key` and `Value`, or `Tags` is not a list or map".to_owned()
                } else {
                    String::new()
                };
                report.tags.push((type_name.to_owned(), why));
            }
            "TagFormat::None"
        }
        None => "TagFormat::None",
    }
}

/// The metadata table's data of one type: `|`-separated lists of
/// `,`-separated names (properties, required, create-only, read-only,
/// write-only, primary identifier), then the tagging (`L:Tags`, `M:Tags`,
/// `O:<path>`, or empty when not taggable).
pub fn metadata_data(type_name: &str, schema: &Json, report: &mut Report) -> Result<String, String> {
    let mut props: Vec<String> = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect();
    props.sort();
    let lists = [
        props,
        strings(&schema["required"]),
        strings(&schema["createOnlyProperties"])
            .iter()
            .map(|p| dotted(p))
            .collect(),
        strings(&schema["readOnlyProperties"])
            .iter()
            .map(|p| dotted(p))
            .collect(),
        strings(&schema["writeOnlyProperties"])
            .iter()
            .map(|p| dotted(p))
            .collect(),
        strings(&schema["primaryIdentifier"])
            .iter()
            .map(|p| dotted(p))
            .collect(),
    ];
    let mut out = String::new();
    for list in &lists {
        for name in list {
            if name.contains([',', '|']) {
                return Err(format!("{type_name}: property path {name:?} contains ',' or '|'"));
            }
        }
        out.push_str(&list.join(","));
        out.push('|');
    }
    tag_format(type_name, schema, Some(report));
    if let Some((p, shape)) = tagging(schema) {
        write!(out, "{shape}:{p}").ok();
    }
    Ok(out)
}

/// The Rust type of one property.
#[derive(Clone, Debug)]
enum Ty {
    Str,
    Int,
    Float,
    Bool,
    Enum(String),
    /// A nested struct; boxed when it contains itself.
    Struct(String, bool),
    Json,
    /// A map of untyped values (`Value`, with `insert_x`).
    JsonMap,
    List(Box<Ty>),
    Map(Box<Ty>),
}

impl Ty {
    fn rust(&self, module_prefix: &str) -> String {
        match self {
            Ty::Str => "Expr<String>".into(),
            Ty::Int => "Expr<i64>".into(),
            Ty::Float => "Expr<f64>".into(),
            Ty::Bool => "Expr<bool>".into(),
            Ty::Enum(e) => format!("Expr<{module_prefix}{e}>"),
            Ty::Struct(s, false) => format!("{module_prefix}{s}"),
            Ty::Struct(s, true) => format!("Box<{module_prefix}{s}>"),
            Ty::Json | Ty::JsonMap => "Value".into(),
            Ty::List(inner) => match &**inner {
                Ty::Str | Ty::Int | Ty::Float | Ty::Bool | Ty::Enum(_) => {
                    format!(
                        "Expr<Vec<{}>>",
                        inner
                            .rust(module_prefix)
                            .trim_start_matches("Expr<")
                            .trim_end_matches('>')
                    )
                }
                other => format!("Vec<{}>", other.rust(module_prefix)),
            },
            Ty::Map(inner) => format!("IndexMap<String, {}>", inner.rust(module_prefix)),
        }
    }

    /// A list or map element never needs a box.
    fn unboxed(self) -> Ty {
        match self {
            Ty::Struct(s, _) => Ty::Struct(s, false),
            t => t,
        }
    }
}

struct Field {
    name: String,
    ident: String,
    ty: Ty,
    required: bool,
    description: Option<String>,
}

struct StructDef {
    name: String,
    description: Option<String>,
    fields: Vec<Field>,
}

struct EnumDef {
    name: String,
    values: Vec<String>,
}

pub struct ResourceGen<'a> {
    type_name: &'a str,
    schema: &'a Json,
    pub struct_name: String,
    module: String,
    structs: BTreeMap<String, StructDef>,
    enums: BTreeMap<String, EnumDef>,
    /// Structs begun (being generated or done).
    in_progress: BTreeSet<String>,
    /// The struct names of the schema's definitions (taken by them).
    definition_names: BTreeSet<String>,
}

impl<'a> ResourceGen<'a> {
    pub fn new(type_name: &'a str, schema: &'a Json) -> ResourceGen<'a> {
        let name = type_name.rsplit("::").next().unwrap_or(type_name).to_upper_camel_case();
        let module = field_ident(&name);
        ResourceGen {
            type_name,
            schema,
            struct_name: format!("Cfn{name}"),
            module,
            structs: BTreeMap::new(),
            enums: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            definition_names: schema["definitions"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| Self::definition_struct_name(k))
                .collect(),
        }
    }

    fn read_only(&self) -> Vec<String> {
        strings(&self.schema["readOnlyProperties"])
            .iter()
            .map(|p| dotted(p))
            .collect()
    }

    fn definition(&self, reference: &str) -> Option<(&'a str, &'a Json)> {
        let name = reference.strip_prefix("#/definitions/")?;
        let (k, v) = self.schema["definitions"].as_object()?.get_key_value(name)?;
        Some((k.as_str(), v))
    }

    /// Maps a property schema to a Rust type, generating nested structs and enums.
    fn ty(&mut self, prop: &'a Json, hint: &str) -> Ty {
        if let Some(r) = prop.get("$ref").and_then(Json::as_str) {
            let Some((name, def)) = self.definition(r) else {
                return Ty::Json;
            };
            return self.ty_of_definition(name, def);
        }
        let types: Vec<&str> = match prop.get("type") {
            Some(Json::String(s)) => vec![s.as_str()],
            Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).collect(),
            _ => vec![],
        };
        if types.len() != 1 {
            return Ty::Json;
        }
        match types[0] {
            "string" => match prop.get("enum").and_then(Json::as_array) {
                Some(values) if !values.is_empty() && values.iter().all(Json::is_string) => {
                    let name = self.unique_type_name(hint);
                    let values = values.iter().filter_map(Json::as_str).map(str::to_owned).collect();
                    self.enums.insert(
                        name.clone(),
                        EnumDef {
                            name: name.clone(),
                            values,
                        },
                    );
                    Ty::Enum(name)
                }
                _ => Ty::Str,
            },
            "integer" => Ty::Int,
            "number" => Ty::Float,
            "boolean" => Ty::Bool,
            "array" => match prop.get("items") {
                Some(items) => match self.ty(items, hint) {
                    Ty::List(_) => Ty::Json,
                    inner => Ty::List(Box::new(inner.unboxed())),
                },
                None => Ty::Json,
            },
            "object" => {
                if prop.get("properties").is_some() {
                    let name = self.unique_type_name(hint);
                    self.build_struct(name.clone(), prop);
                    return Ty::Struct(name, false);
                }
                let pattern = prop
                    .get("patternProperties")
                    .and_then(Json::as_object)
                    .filter(|m| m.len() == 1)
                    .and_then(|m| m.values().next());
                let additional = prop.get("additionalProperties").filter(|a| a.is_object());
                match pattern.or(additional) {
                    Some(v) => match self.ty(v, hint) {
                        t @ (Ty::Str | Ty::Int | Ty::Float | Ty::Bool) => Ty::Map(Box::new(t)),
                        _ => Ty::JsonMap,
                    },
                    None => Ty::Json,
                }
            }
            _ => Ty::Json,
        }
    }

    fn definition_struct_name(name: &str) -> String {
        let n = name.to_upper_camel_case();
        if RESERVED_TYPES.contains(&n.as_str()) {
            format!("{n}Property")
        } else {
            n
        }
    }

    fn ty_of_definition(&mut self, name: &'a str, def: &'a Json) -> Ty {
        let struct_name = Self::definition_struct_name(name);
        if def.get("properties").is_some() {
            if self.structs.contains_key(&struct_name) {
                return Ty::Struct(struct_name, false);
            }
            if !self.in_progress.insert(struct_name.clone()) {
                // Being generated: a struct that contains itself.
                return Ty::Struct(struct_name, true);
            }
            self.build_struct(struct_name.clone(), def);
            return Ty::Struct(struct_name, false);
        }
        self.ty(def, name)
    }

    fn unique_type_name(&self, hint: &str) -> String {
        let base = hint.to_upper_camel_case();
        let taken = |n: &str| {
            RESERVED_TYPES.contains(&n)
                || self.structs.contains_key(n)
                || self.enums.contains_key(n)
                || self.in_progress.contains(n)
                || self.definition_names.contains(n)
        };
        if !taken(&base) {
            return base;
        }
        (2..).map(|i| format!("{base}{i}")).find(|n| !taken(n)).unwrap_or(base)
    }

    fn fields(&mut self, obj: &'a Json, owner: &str, skip: &[String]) -> Vec<Field> {
        let required: BTreeSet<&str> = obj["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .collect();
        let mut props: Vec<(&'a String, &'a Json)> = obj["properties"].as_object().into_iter().flatten().collect();
        props.sort_by(|a, b| a.0.cmp(b.0));
        let mut fields = Vec::new();
        let mut idents = BTreeSet::new();
        for (name, prop) in props {
            if skip.contains(name) {
                continue;
            }
            let hint = if owner.is_empty() {
                name.clone()
            } else {
                format!("{owner}{name}")
            };
            let ty = self.ty(prop, &hint);
            let mut ident = field_ident(name);
            while !idents.insert(ident.clone()) {
                ident.push('_');
            }
            fields.push(Field {
                name: name.clone(),
                ident,
                ty,
                required: required.contains(name.as_str()),
                description: prop
                    .get("description")
                    .and_then(Json::as_str)
                    .filter(|d| !d.trim().is_empty())
                    .map(str::to_owned),
            });
        }
        fields
    }

    fn build_struct(&mut self, name: String, def: &'a Json) {
        self.in_progress.insert(name.clone());
        let fields = self.fields(def, &name, &[]);
        let description = def
            .get("description")
            .and_then(Json::as_str)
            .filter(|d| !d.trim().is_empty())
            .map(str::to_owned);
        self.structs.insert(
            name.clone(),
            StructDef {
                name,
                description,
                fields,
            },
        );
    }

    pub fn render(mut self) -> String {
        let read_only = self.read_only();
        let top_read_only: Vec<String> = read_only.iter().filter(|p| !p.contains('.')).cloned().collect();
        let fields = self.fields(self.schema, "", &top_read_only);
        let mut out = String::new();
        let (name, module, t) = (self.struct_name.clone(), self.module.clone(), self.type_name);
        let description = self.schema["description"].as_str().unwrap_or("");
        let nested = format!("{module}::");
        let url = documentation_url(t, self.schema);

        // The resource handle.
        writeln!(out).ok();
        out.push_str(&doc(
            "",
            &format!("`{t}`.\n\n{description}\n\n[AWS documentation]({url})"),
        ));
        writeln!(
            out,
            "#[derive(Clone, Debug)]\npub struct {name} {{\n    resource: Resource,\n}}\n"
        )
        .ok();

        // Its properties.
        writeln!(out, "/// The properties of [`{name}`] (`{t}`).").ok();
        render_struct(&mut out, &format!("{name}Props"), &fields, &nested);

        let tagging = tag_format(t, self.schema, None);
        let strs = |v: &[String]| v.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
        let create_only: Vec<String> = strings(&self.schema["createOnlyProperties"])
            .iter()
            .map(|p| dotted(p))
            .collect();
        let mut all_props: Vec<String> = self.schema["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        all_props.sort();
        let primary: Vec<String> = strings(&self.schema["primaryIdentifier"])
            .iter()
            .map(|p| dotted(p))
            .collect();

        writeln!(out, "impl {name} {{").ok();
        writeln!(out, "    /// What the registry schema says about `{t}`.").ok();
        writeln!(out, "    pub const TYPE: &'static ResourceType = &ResourceType {{").ok();
        writeln!(out, "        name: {t:?},").ok();
        writeln!(out, "        tagging: {tagging},").ok();
        writeln!(out, "        attributes: &[{}],", strs(&read_only)).ok();
        writeln!(out, "        properties: &[{}],", strs(&all_props)).ok();
        writeln!(out, "        create_only_properties: &[{}],", strs(&create_only)).ok();
        writeln!(out, "    }};\n").ok();
        writeln!(out, "    /// Adds a `{t}` to `scope`.").ok();
        writeln!(
            out,
            "    #[inline]\n    #[track_caller]\n    pub fn new(scope: &Scope, id: &str, props: {name}Props) -> {name} {{\n        \
             crate::register();\n        \
             {name} {{ resource: Resource::typed(scope, id, Self::TYPE, props.to_value()) }}\n    }}\n"
        )
        .ok();
        writeln!(
            out,
            "    /// `Ref`: the resource's primary identifier ({}).\n    #[inline]\n    \
             pub fn reference(&self) -> Expr<String> {{\n        self.resource.reference()\n    }}\n",
            primary.join(", ")
        )
        .ok();
        let mut seen = BTreeSet::new();
        for attr in &read_only {
            let mut ident = format!("attr_{}", attr.replace('.', "_").to_snake_case());
            while !seen.insert(ident.clone()) {
                ident.push('_');
            }
            let top = attr.split('.').next().unwrap_or(attr);
            let is_list = attr == top
                && self.schema["properties"]
                    .get(top)
                    .and_then(|p| p.get("type"))
                    .and_then(Json::as_str)
                    == Some("array");
            let ret = if is_list { "Expr<Vec<String>>" } else { "Expr<String>" };
            writeln!(
                out,
                "    /// `Fn::GetAtt` `{attr}`.\n    #[inline]\n    \
                 pub fn {ident}(&self) -> {ret} {{\n        self.resource.get_att({attr:?})\n    }}\n"
            )
            .ok();
        }
        for f in &fields {
            render_setters(&mut out, &name, f, &nested);
        }
        writeln!(
            out,
            "    /// The underlying resource: options (`DependsOn`, policies, conditions) and overrides.\n    \
             #[inline]\n    pub fn resource(&self) -> &Resource {{\n        &self.resource\n    }}\n}}\n"
        )
        .ok();
        writeln!(out, "impl Construct for {name} {{\n    #[inline]\n    fn scope(&self) -> &Scope {{\n        self.resource.scope()\n    }}\n}}\n").ok();
        writeln!(out, "impl std::ops::Deref for {name} {{\n    type Target = Resource;\n    #[inline]\n    fn deref(&self) -> &Resource {{\n        &self.resource\n    }}\n}}").ok();

        if !self.structs.is_empty() || !self.enums.is_empty() {
            writeln!(out, "\n/// Property types of [`{name}`].\npub mod {module} {{").ok();
            writeln!(
                out,
                "    #[allow(unused_imports)]\n    use rcdk_core::{{Expr, IndexMap, ToValue, Value}};"
            )
            .ok();
            for s in self.structs.values() {
                writeln!(out).ok();
                let d = s
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` property type of `{t}`.", s.name));
                let mut body = String::new();
                body.push_str(&doc("", &d));
                render_struct(&mut body, &s.name, &s.fields, "");
                for line in body.lines() {
                    if line.is_empty() {
                        writeln!(out).ok();
                    } else {
                        writeln!(out, "    {line}").ok();
                    }
                }
            }
            for e in self.enums.values() {
                writeln!(out).ok();
                render_enum(&mut out, e);
            }
            writeln!(out, "}}").ok();
        }
        out
    }
}

/// A property struct: the struct, its `new` (when it has required fields),
/// `ToValue` and `Debug`.
fn render_struct(out: &mut String, name: &str, fields: &[Field], prefix: &str) {
    let all_optional = fields.iter().all(|f| !f.required);
    writeln!(out, "#[derive(Clone{})]", if all_optional { ", Default" } else { "" }).ok();
    writeln!(out, "pub struct {name} {{").ok();
    for f in fields {
        let d = f.description.clone().unwrap_or_else(|| format!("`{}`.", f.name));
        let d = if f.required { format!("{d}\n\nRequired.") } else { d };
        out.push_str(&doc("    ", &d));
        let ty = f.ty.rust(prefix);
        if f.required {
            writeln!(out, "    pub {}: {ty},", f.ident).ok();
        } else {
            writeln!(out, "    pub {}: Option<{ty}>,", f.ident).ok();
        }
    }
    writeln!(out, "}}\n").ok();
    if !all_optional {
        // Structs with required fields cannot derive `Default`: a constructor
        // takes the required fields, so users write
        // `Props { optional: .., ..Props::new(required) }`.
        let params: Vec<String> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| format!("{}: impl Into<{}>", f.ident, f.ty.rust(prefix)))
            .collect();
        writeln!(out, "impl {name} {{").ok();
        writeln!(out, "    /// The required properties; every optional one is `None`.").ok();
        writeln!(out, "    #[inline]\n    pub fn new({}) -> Self {{", params.join(", ")).ok();
        writeln!(out, "        {name} {{").ok();
        for f in fields {
            if f.required {
                writeln!(out, "            {0}: {0}.into(),", f.ident).ok();
            } else {
                writeln!(out, "            {}: None,", f.ident).ok();
            }
        }
        writeln!(out, "        }}\n    }}\n}}\n").ok();
    }
    writeln!(
        out,
        "impl ToValue for {name} {{\n    #[inline]\n    fn to_value(&self) -> Value {{"
    )
    .ok();
    if fields.is_empty() {
        writeln!(out, "        Value::Object(IndexMap::new())").ok();
    } else {
        writeln!(out, "        let mut m = IndexMap::new();").ok();
        for f in fields {
            let put = if f.required { "put_required" } else { "put" };
            writeln!(out, "        crate::{put}(&mut m, {:?}, &self.{});", f.name, f.ident).ok();
        }
        writeln!(out, "        Value::Object(m)").ok();
    }
    writeln!(out, "    }}\n}}\n").ok();
    writeln!(
        out,
        "impl std::fmt::Debug for {name} {{\n    #[inline]\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        \
         crate::debug(f, {name:?}, self)\n    }}\n}}\n"
    )
    .ok();
}

/// `set_x` for a property, `push_x` for a list, `insert_x` for a map.
fn render_setters(out: &mut String, handle: &str, f: &Field, prefix: &str) {
    let base = f.ident.trim_start_matches("r#");
    let method = |verb: &str| {
        let m = format!("{verb}_{base}");
        if RESOURCE_METHODS.contains(&m.as_str()) {
            format!("{m}_property")
        } else {
            m
        }
    };
    let link = format!("[`{}`]({handle}Props::{})", f.name, base);
    let ty = f.ty.rust(prefix);
    let name = &f.name;
    let (param, value) = if ty.starts_with("Expr<") {
        (format!("impl Into<{ty}>"), format!("Into::<{ty}>::into(value)"))
    } else if ty == "Value" {
        ("impl Into<Value>".to_owned(), "value.into()".to_owned())
    } else {
        (ty.clone(), "value.to_value()".to_owned())
    };
    writeln!(
        out,
        "    /// Sets {link}, replacing any value it had.\n    #[inline]\n    \
         pub fn {}(&self, value: {param}) -> &Self {{\n        self.resource.set_property({name:?}, {value});\n        self\n    }}\n",
        method("set")
    )
    .ok();
    match &f.ty {
        Ty::List(inner) => {
            let item = inner.rust(prefix);
            let (param, value) = if item.starts_with("Expr<") {
                (format!("impl Into<{item}>"), format!("Into::<{item}>::into(item)"))
            } else if item == "Value" {
                ("impl Into<Value>".to_owned(), "item.into()".to_owned())
            } else {
                (item.clone(), "item.to_value()".to_owned())
            };
            writeln!(
                out,
                "    /// Appends an item to {link}.\n    #[inline]\n    \
                 pub fn {}(&self, item: {param}) -> &Self {{\n        self.resource.push_to_list_property({name:?}, {value});\n        self\n    }}\n",
                method("push")
            )
            .ok();
        }
        Ty::JsonMap => {
            writeln!(
                out,
                "    /// Inserts an entry into {link}.\n    #[inline]\n    \
                 pub fn {}(&self, key: impl Into<String>, value: impl Into<Value>) -> &Self {{\n        \
                 crate::insert_into(&self.resource, {name:?}, key.into(), value.into());\n        self\n    }}\n",
                method("insert")
            )
            .ok();
        }
        Ty::Map(inner) => {
            let v = inner.rust(prefix);
            writeln!(
                out,
                "    /// Inserts an entry into {link}.\n    #[inline]\n    \
                 pub fn {}(&self, key: impl Into<String>, value: impl Into<{v}>) -> &Self {{\n        \
                 crate::insert_into(&self.resource, {name:?}, key.into(), Into::<{v}>::into(value).to_value());\n        self\n    }}\n",
                method("insert")
            )
            .ok();
        }
        _ => {}
    }
}

fn variant_name(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut v = cleaned.to_upper_camel_case();
    if v.is_empty() {
        v = "Empty".into();
    }
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        v = format!("V{v}");
    }
    if v == "Self" {
        v.push('_');
    }
    v
}

fn render_enum(out: &mut String, e: &EnumDef) {
    let mut variants: Vec<(String, &str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for value in &e.values {
        let mut v = variant_name(value);
        while !seen.insert(v.clone()) {
            v.push('_');
        }
        variants.push((v, value));
    }
    writeln!(out, "    /// The allowed values of `{}`.", e.name).ok();
    writeln!(
        out,
        "    #[derive(Clone, Copy, PartialEq, Eq, Hash)]\n    pub enum {} {{",
        e.name
    )
    .ok();
    for (v, value) in &variants {
        writeln!(out, "        /// `{}`", value.replace('`', "'")).ok();
        writeln!(out, "        {v},").ok();
    }
    writeln!(out, "    }}\n").ok();
    writeln!(out, "    impl {} {{\n        /// The value as CloudFormation spells it.\n        #[inline]\n        pub fn as_str(self) -> &'static str {{\n            match self {{", e.name).ok();
    for (v, value) in &variants {
        writeln!(out, "                {}::{v} => {value:?},", e.name).ok();
    }
    writeln!(out, "            }}\n        }}\n    }}\n").ok();
    writeln!(out, "    impl std::fmt::Debug for {} {{\n        #[inline]\n        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n            f.write_str(self.as_str())\n        }}\n    }}\n", e.name).ok();
    writeln!(out, "    impl rcdk_core::schema::EnumValue for {0} {{\n        #[inline]\n        fn as_str(self) -> &'static str {{\n            {0}::as_str(self)\n        }}\n    }}", e.name).ok();
}
