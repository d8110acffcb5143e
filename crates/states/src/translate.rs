//! JSONPath to JSONata: a definition written with paths, `Parameters` and
//! intrinsic functions, rewritten with `Arguments`, `Output`, `Condition`
//! and `{% %}` expressions, so that one typed definition deploys in either
//! query language (`rcdk-orchestration`'s `QueryLanguage`).
//!
//! It follows AWS's migration guide: the JSONPath input and output
//! processing (`InputPath`, `Parameters`, `ResultSelector`, `ResultPath`,
//! `OutputPath`) becomes one `Arguments` and one `Output` expression over
//! `$states.input`, `$states.result` and `$states.errorOutput`; a choice
//! rule becomes a `Condition` that is false where the JSONPath comparison is
//! (a type mismatch never raises); `$$` becomes `$states.context`.
//!
//! What has no exact JSONata counterpart is refused with the state and the
//! field, never translated approximately: paths with wildcards, filters or
//! slices, `States.MathRandom`, `States.Array` of computed values (JSONata's
//! array constructor would flatten them), `States.StringSplit` with more
//! than one delimiter character.

use serde_json::{Map, Value as Json};

use crate::intrinsics::{self, ArgView};
use crate::path::{JsonPath, Step};

/// The fields of JSONPath input and output processing, which the
/// translation replaces.
const JSONPATH_FIELDS: &[&str] = &[
    "InputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
];

/// Rewrites a JSONPath definition in JSONata: every state, Parallel
/// branches and Map processors included. A definition or a state that
/// already says `"QueryLanguage": "JSONata"` is kept as it is. Returns every problem,
/// each naming its state and field, when some part has no exact
/// translation.
///
/// ```
/// use serde_json::json;
/// let jsonpath = json!({"StartAt": "Get", "States": {"Get": {
///     "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
///     "Parameters": {"TableName": "Orders", "Key": {"id": {"S.$": "$.detail.id"}}},
///     "ResultPath": "$.existing", "End": true}}});
/// let jsonata = rcdk_states::to_jsonata(&jsonpath).unwrap();
/// assert_eq!(jsonata["QueryLanguage"], "JSONata");
/// let get = &jsonata["States"]["Get"];
/// assert_eq!(get["Arguments"]["Key"]["id"]["S"], "{% $states.input.detail.id %}");
/// assert_eq!(get["Output"], r#"{% $merge([$states.input, {"existing": $states.result}]) %}"#);
/// ```
pub fn to_jsonata(definition: &Json) -> Result<Json, Vec<String>> {
    let Some(doc) = definition.as_object() else {
        return Err(vec!["the definition is not a JSON object".into()]);
    };
    if doc.get("QueryLanguage").and_then(Json::as_str) == Some("JSONata") {
        return Ok(definition.clone());
    }
    let mut errors = Vec::new();
    let mut out = Map::new();
    if let Some(comment) = doc.get("Comment") {
        out.insert("Comment".into(), comment.clone());
    }
    out.insert("QueryLanguage".into(), Json::from("JSONata"));
    for (key, value) in doc {
        match key.as_str() {
            "Comment" | "QueryLanguage" => {}
            "States" => {
                out.insert(key.clone(), states(value, "States", &mut errors));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    if errors.is_empty() {
        Ok(Json::Object(out))
    } else {
        Err(errors)
    }
}

fn states(states: &Json, at: &str, errors: &mut Vec<String>) -> Json {
    let Some(states) = states.as_object() else {
        return states.clone();
    };
    let translated = states.iter().map(|(name, state)| {
        let mut t = Translation {
            state: name,
            at: format!("{at}.{name}"),
            errors: Vec::new(),
        };
        let out = t.state(state);
        errors.append(&mut t.errors);
        (name.clone(), out)
    });
    Json::Object(translated.collect())
}

/// The translation of one state.
struct Translation<'a> {
    state: &'a str,
    at: String,
    errors: Vec<String>,
}

impl Translation<'_> {
    fn fail(&mut self, field: &str, why: impl std::fmt::Display) {
        self.errors.push(format!(
            "state {:?}: {}.{field}: {why}; write this state in JSONata",
            self.state, self.at
        ));
    }

    fn state(&mut self, state: &Json) -> Json {
        let Some(fields) = state.as_object() else {
            return state.clone();
        };
        if fields.get("QueryLanguage").and_then(Json::as_str) == Some("JSONata") {
            return state.clone();
        }
        let kind = fields.get("Type").and_then(Json::as_str).unwrap_or_default();
        let mut out: Map<String, Json> = fields
            .iter()
            .filter(|(k, _)| !JSONPATH_FIELDS.contains(&k.as_str()) && k.as_str() != "QueryLanguage")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let input = self.input(fields);
        match kind {
            "Task" => self.task(fields, &input, &mut out),
            "Pass" => self.pass(fields, &input, &mut out),
            "Choice" => self.choice(fields, &input, &mut out),
            "Wait" => self.wait(fields, &input, &mut out),
            "Succeed" => self.output(fields, &input, None, &mut out),
            "Fail" => self.fail_state(fields, &mut out),
            "Parallel" => self.parallel(fields, &input, &mut out),
            "Map" => self.map(fields, &input, &mut out),
            _ => {}
        }
        if let Some(assign) = fields.get("Assign") {
            let base = self.assign_base(kind, fields, &input);
            let assign = self.template(assign, &base, "Assign");
            out.insert("Assign".into(), assign);
        }
        Json::Object(out)
    }

    /// The state's effective input: `$states.input` after `InputPath`.
    fn input(&mut self, fields: &Map<String, Json>) -> String {
        match fields.get("InputPath") {
            None => "$states.input".into(),
            Some(Json::Null) => "{}".into(),
            Some(Json::String(p)) => self.path(p, "$states.input", "InputPath"),
            Some(_) => "$states.input".into(),
        }
    }

    /// What `$` means in the state's `Assign`: the state's result (after
    /// `ResultSelector`; a Pass state's `Result` or `Parameters`), else the
    /// effective input.
    fn assign_base(&mut self, kind: &str, fields: &Map<String, Json>, input: &str) -> String {
        match kind {
            "Task" | "Parallel" | "Map" => self.result(fields),
            "Pass" => self.pass_result(fields, input),
            _ => input.to_owned(),
        }
    }

    fn task(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        self.arguments(fields, input, out);
        for (path, field) in [
            ("TimeoutSecondsPath", "TimeoutSeconds"),
            ("HeartbeatSecondsPath", "HeartbeatSeconds"),
        ] {
            if let Some(Json::String(p)) = fields.get(path) {
                let e = self.path(p, input, path);
                out.insert(field.into(), expression(&e));
            }
        }
        let result = self.result(fields);
        self.output(fields, input, Some(result), out);
        self.catchers(fields, out);
    }

    /// `Parameters` (or the effective input, when only `InputPath` narrows
    /// it) as `Arguments`.
    fn arguments(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        match fields.get("Parameters") {
            Some(p) => {
                let args = self.template(p, input, "Parameters");
                out.insert("Arguments".into(), args);
            }
            None if input != "$states.input" => {
                out.insert("Arguments".into(), expression(input));
            }
            None => {}
        }
    }

    /// The result after `ResultSelector`.
    fn result(&mut self, fields: &Map<String, Json>) -> String {
        match fields.get("ResultSelector") {
            Some(s) => {
                let selected = self.template(s, "$states.result", "ResultSelector");
                inline(&selected)
            }
            None => "$states.result".into(),
        }
    }

    /// `ResultPath` and `OutputPath` as `Output`, omitted when they keep
    /// JSONata's default (the result, or the input for a state without one).
    fn output(&mut self, fields: &Map<String, Json>, input: &str, result: Option<String>, out: &mut Map<String, Json>) {
        let default = match result {
            Some(_) => "$states.result",
            None => "$states.input",
        };
        let output = self.output_expr(fields, input, result);
        if output != default {
            out.insert("Output".into(), expression(&output));
        }
    }

    /// The state's output: the result placed by `ResultPath` into the
    /// input (or the effective input, for a state without a result), then
    /// `OutputPath`.
    fn output_expr(&mut self, fields: &Map<String, Json>, input: &str, result: Option<String>) -> String {
        let combined = match (result, fields.get("ResultPath")) {
            (Some(r), Some(rp)) => self.result_path(rp, &r, "ResultPath"),
            (Some(r), None) => r,
            (None, _) => input.to_owned(),
        };
        let output = match fields.get("OutputPath") {
            None => combined,
            Some(Json::Null) => "{}".into(),
            Some(Json::String(p)) => {
                let base = if is_path(&combined) {
                    combined
                } else {
                    format!("({combined})")
                };
                self.path(p, &base, "OutputPath")
            }
            Some(_) => combined,
        };
        output
    }

    /// The raw input with `value` placed at `ResultPath`.
    fn result_path(&mut self, result_path: &Json, value: &str, field: &str) -> String {
        let p = match result_path {
            Json::Null => return "$states.input".into(),
            Json::String(p) => p,
            _ => return value.to_owned(),
        };
        let parsed = JsonPath::parse(p)
            .ok()
            .filter(|path| !path.context && path.variable.is_none());
        let Some(steps) = parsed.as_ref().and_then(JsonPath::steps) else {
            self.fail(field, format!("{p:?} is not a reference path into the input"));
            return value.to_owned();
        };
        let mut names = Vec::new();
        for s in steps {
            match s {
                Step::Field(f) => names.push(f.to_owned()),
                Step::Index(_) => {
                    self.fail(
                        field,
                        format!("{p:?} sets an array item, which JSONata's $merge cannot"),
                    );
                    return value.to_owned();
                }
            }
        }
        merge_at("$states.input", &names, value)
    }

    fn catchers(&mut self, fields: &Map<String, Json>, out: &mut Map<String, Json>) {
        let Some(Json::Array(catchers)) = fields.get("Catch") else {
            return;
        };
        let translated = catchers.iter().map(|c| {
            let Some(c) = c.as_object() else { return c.clone() };
            let mut m: Map<String, Json> = c
                .iter()
                .filter(|(k, _)| k.as_str() != "ResultPath")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if let Some(rp) = c.get("ResultPath") {
                let output = self.result_path(rp, "$states.errorOutput", "Catch.ResultPath");
                if output != "$states.errorOutput" {
                    m.insert("Output".into(), expression(&output));
                }
            }
            if let Some(assign) = c.get("Assign") {
                let assign = self.template(assign, "$states.errorOutput", "Catch.Assign");
                m.insert("Assign".into(), assign);
            }
            Json::Object(m)
        });
        let translated: Vec<Json> = translated.collect();
        out.insert("Catch".into(), Json::Array(translated));
    }

    fn pass(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        out.remove("Result");
        let result = Some(self.pass_result(fields, input));
        // A Pass state's JSONata default output is its input.
        let output = self.output_expr(fields, input, result);
        if output != "$states.input" {
            out.insert("Output".into(), unwrap_literal(expression(&output)));
        }
    }

    /// A Pass state's result: its `Result`, its `Parameters`, or its input.
    fn pass_result(&mut self, fields: &Map<String, Json>, input: &str) -> String {
        match (fields.get("Result"), fields.get("Parameters")) {
            (Some(r), _) => literal(r),
            (None, Some(p)) => {
                let t = self.template(p, input, "Parameters");
                inline(&t)
            }
            (None, None) => input.to_owned(),
        }
    }

    fn choice(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        if let Some(Json::Array(rules)) = fields.get("Choices") {
            let rules: Vec<Json> = rules
                .iter()
                .map(|rule| {
                    let Some(r) = rule.as_object() else { return rule.clone() };
                    let mut m = Map::new();
                    let condition = self.condition(r, input);
                    m.insert("Condition".into(), expression(&condition));
                    for key in ["Next", "Comment", "Assign", "Output"] {
                        if let Some(v) = r.get(key) {
                            let v = if key == "Assign" {
                                self.template(v, input, "Choices.Assign")
                            } else {
                                v.clone()
                            };
                            m.insert(key.into(), v);
                        }
                    }
                    Json::Object(m)
                })
                .collect();
            out.insert("Choices".into(), Json::Array(rules));
        }
        self.output(fields, input, None, out);
    }

    fn wait(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        for (path, field) in [("SecondsPath", "Seconds"), ("TimestampPath", "Timestamp")] {
            if let Some(Json::String(p)) = fields.get(path) {
                let e = self.path(p, input, path);
                out.insert(field.into(), expression(&e));
            }
        }
        self.output(fields, input, None, out);
    }

    fn fail_state(&mut self, fields: &Map<String, Json>, out: &mut Map<String, Json>) {
        for (path, field) in [("ErrorPath", "Error"), ("CausePath", "Cause")] {
            if let Some(Json::String(p)) = fields.get(path) {
                let e = self.expr(p, "$states.input", path);
                out.insert(field.into(), expression(&e));
            }
        }
    }

    fn parallel(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        self.arguments(fields, input, out);
        if let Some(Json::Array(branches)) = fields.get("Branches") {
            let branches: Vec<Json> = branches
                .iter()
                .enumerate()
                .map(|(i, b)| self.nested(b, &format!("Branches[{i}]")))
                .collect();
            out.insert("Branches".into(), Json::Array(branches));
        }
        let result = self.result(fields);
        self.output(fields, input, Some(result), out);
        self.catchers(fields, out);
    }

    fn map(&mut self, fields: &Map<String, Json>, input: &str, out: &mut Map<String, Json>) {
        if let Some(Json::String(p)) = fields.get("ItemsPath") {
            let items = self.path(p, input, "ItemsPath");
            out.insert("Items".into(), expression(&items));
        } else if input != "$states.input" {
            out.insert("Items".into(), expression(input));
        }
        let selector = fields.get("ItemSelector").or_else(|| fields.get("Parameters"));
        if let Some(s) = selector {
            let s = self.template(s, input, "ItemSelector");
            out.insert("ItemSelector".into(), s);
        }
        for (path, field) in [
            ("MaxConcurrencyPath", "MaxConcurrency"),
            ("ToleratedFailureCountPath", "ToleratedFailureCount"),
            ("ToleratedFailurePercentagePath", "ToleratedFailurePercentage"),
        ] {
            if let Some(Json::String(p)) = fields.get(path) {
                let e = self.path(p, input, path);
                out.insert(field.into(), expression(&e));
            }
        }
        for key in ["ItemReader", "ResultWriter"] {
            if let Some(Json::Object(r)) = fields.get(key) {
                let mut r = r.clone();
                if let Some(p) = r.remove("Parameters") {
                    let args = self.template(&p, input, &format!("{key}.Parameters"));
                    r.insert("Arguments".into(), args);
                }
                out.insert(key.into(), Json::Object(r));
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(p) = fields.get(key) {
                let processor = self.nested(p, key);
                out.remove("Iterator");
                out.insert("ItemProcessor".into(), processor);
            }
        }
        let result = self.result(fields);
        self.output(fields, input, Some(result), out);
        self.catchers(fields, out);
    }

    /// A Parallel branch or a Map processor: its states, translated.
    fn nested(&mut self, machine: &Json, field: &str) -> Json {
        let Some(m) = machine.as_object() else {
            return machine.clone();
        };
        let mut out = m.clone();
        if let Some(s) = m.get("States") {
            let at = format!("{}.{field}.States", self.at);
            out.insert("States".into(), states(s, &at, &mut self.errors));
        }
        Json::Object(out)
    }

    /// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
    /// `Assign`): every `"key.$"` field becomes `"key"` with an expression.
    fn template(&mut self, template: &Json, base: &str, field: &str) -> Json {
        match template {
            Json::Object(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| match (k.strip_suffix(".$"), v) {
                        (Some(key), Json::String(text)) => {
                            let e = self.expr(text, base, field);
                            (key.to_owned(), expression(&e))
                        }
                        _ => (k.clone(), self.template(v, base, field)),
                    })
                    .collect(),
            ),
            Json::Array(items) => Json::Array(items.iter().map(|i| self.template(i, base, field)).collect()),
            other => other.clone(),
        }
    }

    /// A `.$` value: a path or an intrinsic function call.
    fn expr(&mut self, text: &str, base: &str, field: &str) -> String {
        if text.starts_with("States.") {
            match intrinsics::parse(text) {
                Ok(call) => self.call(&call, base, field),
                Err(e) => {
                    self.fail(field, e.0);
                    "null".into()
                }
            }
        } else {
            self.path(text, base, field)
        }
    }

    /// A JSONPath as a JSONata path from `base` (the context object and
    /// variables from their own roots).
    fn path(&mut self, text: &str, base: &str, field: &str) -> String {
        match JsonPath::parse(text) {
            Ok(p) => self.parsed_path(&p, text, base, field),
            Err(e) => {
                self.fail(field, e);
                "null".into()
            }
        }
    }

    fn parsed_path(&mut self, path: &JsonPath, text: &str, base: &str, field: &str) -> String {
        let root = match (&path.variable, path.context) {
            (Some(v), _) => format!("${v}"),
            (None, true) => "$states.context".into(),
            (None, false) if is_path(base) => base.to_owned(),
            (None, false) => format!("({base})"),
        };
        let Some(steps) = path.steps() else {
            self.fail(
                field,
                format!("{text:?} uses wildcards, slices or filters, which select differently in JSONata"),
            );
            return "null".into();
        };
        let mut out = root;
        for s in steps {
            match s {
                Step::Field(f) => {
                    out.push('.');
                    out.push_str(&name(f));
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn call(&mut self, call: &intrinsics::Call, base: &str, field: &str) -> String {
        let args: Vec<ArgView<'_>> = call.args();
        let fname = call.name().to_owned();
        let arg = |t: &mut Self, a: &ArgView<'_>| -> String {
            match a {
                ArgView::Str(raw) => quoted(&intrinsics::unescaped(raw)),
                ArgView::Lit(j) => literal(j),
                ArgView::Path(p) => t.parsed_path(p, "a path argument", base, field),
                ArgView::Call(c) => t.call(c, base, field),
            }
        };
        let mut a: Vec<String> = Vec::new();
        for x in &args {
            let s = arg(self, x);
            a.push(s);
        }
        let one = |i: usize| a.get(i).cloned().unwrap_or_else(|| "null".into());
        match fname.as_str() {
            "Format" => {
                let Some(ArgView::Str(template)) = args.first() else {
                    self.fail(
                        field,
                        "States.Format with a template from the data has no exact translation",
                    );
                    return "null".into();
                };
                let mut parts = Vec::new();
                let mut next = 1;
                for piece in intrinsics::format_pieces(template) {
                    match piece {
                        Some(text) if text.is_empty() => {}
                        Some(text) => parts.push(quoted(&text)),
                        None => {
                            parts.push(format!("$string({})", one(next)));
                            next += 1;
                        }
                    }
                }
                format!("$join([{}])", parts.join(", "))
            }
            "StringToJson" => format!("$parse({})", one(0)),
            "JsonToString" => format!("$string({})", one(0)),
            "Array" if args.iter().all(|x| matches!(x, ArgView::Str(_) | ArgView::Lit(_))) => {
                format!("[{}]", a.join(", "))
            }
            "ArrayPartition" => format!("$partition({}, {})", one(0), one(1)),
            "ArrayContains" => format!("({} in {})", one(1), one(0)),
            "ArrayRange" => format!("$range({}, {}, {})", one(0), one(1), one(2)),
            "ArrayGetItem" => format!("({})[{}]", one(0), one(1)),
            "ArrayLength" => format!("$count({})", one(0)),
            "ArrayUnique" => format!("$distinct({})", one(0)),
            "Base64Encode" => format!("$base64encode({})", one(0)),
            "Base64Decode" => format!("$base64decode({})", one(0)),
            "Hash" => format!("$hash({}, {})", one(0), one(1)),
            "JsonMerge" => format!("$merge([{}, {}])", one(0), one(1)),
            // MathAdd rounds each argument half away from zero first.
            "MathAdd" => {
                let round = |e: String| format!("({e} >= 0 ? $floor({e} + 0.5) : $ceil({e} - 0.5))");
                format!("({} + {})", round(one(0)), round(one(1)))
            }
            "StringSplit" if matches!(args.get(1), Some(ArgView::Str(d)) if intrinsics::unescaped(d).chars().count() == 1) =>
            {
                format!("$split({}, {})", one(0), one(1))
            }
            "UUID" => "$uuid()".into(),
            other => {
                self.fail(field, format!("States.{other} here has no exact JSONata counterpart"));
                "null".into()
            }
        }
    }

    /// A choice rule as a JSONata condition, false wherever the JSONPath
    /// rule is false (a comparison of another type never raises).
    fn condition(&mut self, rule: &Map<String, Json>, input: &str) -> String {
        let nested = |t: &mut Self, r: &Json| match r.as_object() {
            Some(r) => t.condition(r, input),
            None => "false".into(),
        };
        if let Some(Json::Array(rs)) = rule.get("And") {
            let parts: Vec<String> = rs.iter().map(|r| nested(self, r)).collect();
            return format!("({})", parts.join(" and "));
        }
        if let Some(Json::Array(rs)) = rule.get("Or") {
            let parts: Vec<String> = rs.iter().map(|r| nested(self, r)).collect();
            return format!("({})", parts.join(" or "));
        }
        if let Some(r) = rule.get("Not") {
            return format!("$not({})", nested(self, r));
        }
        let Some(Json::String(variable)) = rule.get("Variable") else {
            self.fail("Choices", "a rule without Variable");
            return "false".into();
        };
        let x = self.path(variable, input, "Choices.Variable");
        let Some((op, value)) = rule
            .iter()
            .find(|(k, _)| !["Variable", "Next", "Comment", "Assign", "Output"].contains(&k.as_str()))
        else {
            self.fail("Choices", "a rule without a comparison");
            return "false".into();
        };
        self.comparison(&x, op, value, input)
    }

    fn comparison(&mut self, x: &str, op: &str, value: &Json, input: &str) -> String {
        let (base, other, from_path) = match op.strip_suffix("Path") {
            Some(base) if !op.starts_with("Is") => {
                let y = match value {
                    Json::String(p) => self.path(p, input, &format!("Choices.{op}")),
                    _ => "null".into(),
                };
                (base, y, true)
            }
            _ => (op, literal(value), false),
        };
        let typed = |t: &str, test: &str| format!("($type({x}) = \"{t}\" and {test})");
        // Both sides must have the comparison's type, or the rule is false
        // (JSONata would raise on `"a" < 1`); a literal has it already.
        let both = |t: &str, test: &str| match from_path {
            true => format!("($type({x}) = \"{t}\" and $type({other}) = \"{t}\" and {test})"),
            false => typed(t, test),
        };
        let cmp = |sym: &str| match base {
            b if b.starts_with("Timestamp") => both(
                "string",
                &format!(
                    "{} and {} and $toMillis({x}) {sym} $toMillis({other})",
                    timestamp(x),
                    timestamp(&other)
                ),
            ),
            b if b.starts_with("Numeric") => both("number", &format!("{x} {sym} {other}")),
            _ => both("string", &format!("{x} {sym} {other}")),
        };
        match base {
            "StringEquals" | "NumericEquals" | "TimestampEquals" => cmp("="),
            "StringLessThan" | "NumericLessThan" | "TimestampLessThan" => cmp("<"),
            "StringGreaterThan" | "NumericGreaterThan" | "TimestampGreaterThan" => cmp(">"),
            "StringLessThanEquals" | "NumericLessThanEquals" | "TimestampLessThanEquals" => cmp("<="),
            "StringGreaterThanEquals" | "NumericGreaterThanEquals" | "TimestampGreaterThanEquals" => cmp(">="),
            "BooleanEquals" => typed("boolean", &format!("{x} = {other}")),
            "StringMatches" => match value.as_str() {
                Some(pattern) => typed("string", &format!("$contains({x}, /^{}$/)", wildcard_regex(pattern))),
                None => "false".into(),
            },
            "IsPresent" => present(value, &format!("$exists({x})")),
            "IsNull" => present(value, &format!("({x} = null)")),
            "IsString" => present(value, &format!("($type({x}) = \"string\")")),
            "IsNumeric" => present(value, &format!("($type({x}) = \"number\")")),
            "IsBoolean" => present(value, &format!("($type({x}) = \"boolean\")")),
            "IsTimestamp" => present(value, &format!("($type({x}) = \"string\" and {})", timestamp(x))),
            other => {
                self.fail(
                    &format!("Choices.{other}"),
                    "this comparison has no exact JSONata counterpart",
                );
                "false".into()
            }
        }
    }
}

/// Whether the string `x` is an RFC 3339 timestamp, as Step Functions'
/// timestamp comparisons require (JSONata's `$toMillis` would raise on
/// another string, where the JSONPath rule is false).
fn timestamp(x: &str) -> String {
    format!(r"$contains({x}, /^\d{{4}}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}:\d{{2}}(\.\d+)?(Z|[+-]\d{{2}}:\d{{2}})$/)")
}

/// `test`, or its negation when the rule asks for `false`.
fn present(value: &Json, test: &str) -> String {
    if value.as_bool() == Some(false) {
        format!("$not({test})")
    } else {
        test.to_owned()
    }
}

/// A Step Functions `StringMatches` pattern (`*` any run of characters,
/// `\*` a star, `\\` a backslash) as a JSONata regular expression.
fn wildcard_regex(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => out.push_str(".*"),
            '\\' => {
                if let Some(n) = chars.next() {
                    push_escaped(&mut out, n);
                }
            }
            c => push_escaped(&mut out, c),
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    if "\\^$.|?*+()[]{}/".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

/// `{"a": {"b": value}}` merged into `base` at `names`, keeping the rest.
fn merge_at(base: &str, names: &[String], value: &str) -> String {
    match names.split_first() {
        None => value.to_owned(),
        Some((first, rest)) => {
            let inner = merge_at(&format!("{base}.{}", name(first)), rest, value);
            format!("$merge([{base}, {{{}: {inner}}}])", quoted(first))
        }
    }
}

/// A field name in a JSONata path, in backticks unless it is a plain name.
fn name(field: &str) -> String {
    const RESERVED: &[&str] = &["and", "or", "in", "true", "false", "null", "function"];
    let plain = field
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&field);
    if plain {
        field.to_owned()
    } else {
        format!("`{field}`")
    }
}

fn quoted(text: &str) -> String {
    Json::from(text).to_string()
}

/// A JSON value as a JSONata literal (JSON is JSONata's literal syntax).
fn literal(value: &Json) -> String {
    value.to_string()
}

/// A payload template as one JSONata expression: a literal object whose
/// `{% %}` fields become their expressions.
fn inline(template: &Json) -> String {
    match template {
        Json::String(s) => match s.strip_prefix("{% ").and_then(|s| s.strip_suffix(" %}")) {
            Some(e) => e.to_owned(),
            None => quoted(s),
        },
        Json::Object(m) => {
            let fields: Vec<String> = m.iter().map(|(k, v)| format!("{}: {}", quoted(k), inline(v))).collect();
            format!("{{{}}}", fields.join(", "))
        }
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// Whether a JSONata expression is a plain path (so another step may follow).
fn is_path(e: &str) -> bool {
    e.starts_with('$') && !e.contains(['(', ' ', '['])
}

fn expression(e: &str) -> Json {
    Json::String(format!("{{% {e} %}}"))
}

/// An `Output` that is a literal (no expression): written as JSON.
fn unwrap_literal(output: Json) -> Json {
    let Some(e) = output
        .as_str()
        .and_then(|s| s.strip_prefix("{% "))
        .and_then(|s| s.strip_suffix(" %}"))
    else {
        return output;
    };
    match serde_json::from_str::<Json>(e) {
        Ok(v) if !v.is_string() => v,
        _ => output,
    }
}
