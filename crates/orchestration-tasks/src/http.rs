//! Calling API Gateway HTTP APIs.

use std::rc::Rc;

use rcdk_api::{IHttpApi, Method, RouteAuthorizationType, RouteInfo};
use rcdk_core::{Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, Task};

/// How `apigateway:invoke` signs its request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthType {
    /// No signature.
    NoAuth,
    /// Signed with the state machine's role (for `AWS_IAM` routes).
    IamRole,
    /// Signed with the caller's resource policy identity.
    ResourcePolicy,
}

/// A field of the request given in the definition, or read from the state's
/// input when the state runs (`Field.$`).
#[derive(Clone, Debug)]
enum Source<T> {
    Given(T),
    FromInput(String),
}

/// A Task calling an API Gateway HTTP API (`arn:${AWS::Partition}:states:::apigateway:invoke`).
/// With [`AuthType::IamRole`] the role gets `execute-api:Invoke` on exactly
/// the method and path called, on any stage (a path parameter's segment is
/// `*`; a path read from the input, every path).
///
/// The path, query, headers and body are given, or read from the state's
/// input when the state runs (`path_from`, `query_from`, `headers_from`,
/// `body_from`); a path template fills its `{parameters}` from the input
/// (`.path("/inventory/{sku}").path_param("sku", "$.sku")`).
///
/// The result has `StatusCode`, `StatusText`, `Headers` and `ResponseBody`; a
/// non-2xx response fails the task with `ApiGateway.<status>`.
///
/// ```
/// use rcdk_api::{HttpApi, HttpApiProps, Method};
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::{AuthType, CallHttpApi};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
/// let call = CallHttpApi::new("Stock", &api, Method::Get)
///     .path("/inventory/{sku}")
///     .path_param("sku", "$.sku")
///     .auth(AuthType::IamRole);
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(call));
/// assert_eq!(
///     flow.definition_json()["States"]["Stock"]["Parameters"]["Path.$"],
///     "States.Format('/inventory/{}', $.sku)"
/// );
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("/*/GET/inventory/*"));
/// ```
#[derive(Clone, Debug)]
pub struct CallHttpApi {
    task: Task,
    api: Rc<dyn IHttpApi>,
    host: Expr<String>,
    method: Method,
    path: Option<String>,
    path_from: Option<String>,
    path_params: Vec<(String, String)>,
    stage: Option<String>,
    auth: AuthType,
    headers: Vec<(String, Vec<String>)>,
    headers_from: Option<String>,
    query: Vec<(String, Vec<String>)>,
    query_from: Option<String>,
    body: Option<Value>,
    body_from: Option<String>,
}

impl CallHttpApi {
    /// Calls `method` on `api` (defined in the app, or imported with
    /// `HttpApi::from_id`). When the task joins a chain, a call that no route
    /// of a defined API serves, or an IAM-authorized route called unsigned,
    /// is a warning on the API: add the API's routes before building the
    /// definition.
    pub fn new(name: &str, api: &dyn IHttpApi, method: Method) -> CallHttpApi {
        CallHttpApi {
            task: Task::service(name, "apigateway:invoke"),
            api: api.share_http_api(),
            host: api.api_host(),
            method,
            path: None,
            path_from: None,
            path_params: Vec::new(),
            stage: None,
            auth: AuthType::NoAuth,
            headers: Vec::new(),
            headers_from: None,
            query: Vec::new(),
            query_from: None,
            body: None,
            body_from: None,
        }
    }

    /// `AuthType`.
    pub fn auth(mut self, auth: AuthType) -> Self {
        self.auth = auth;
        self
    }

    /// `Path` (the grant is then for this path only). `{name}` and
    /// `{name+}` segments are path parameters, filled from the input with
    /// [`path_param`](Self::path_param); the grant has `*` for each.
    pub fn path(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }

    /// Fills the path parameter `{name}` (or `{name+}`) of
    /// [`path`](Self::path) with the value `value` selects in the state's
    /// input (a JSONPath, or an intrinsic function): the path becomes
    /// `Path.$` with `States.Format`, and its literal text is escaped as
    /// `States.Format` requires.
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::CallHttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let call = CallHttpApi::new("Line", &api, Method::Get)
    ///     .path("/orders/{order}/lines/{line}")
    ///     .path_param("order", "$.order.id")
    ///     .path_param("line", "$.line");
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(call));
    /// assert_eq!(
    ///     flow.definition_json()["States"]["Line"]["Parameters"]["Path.$"],
    ///     "States.Format('/orders/{}/lines/{}', $.order.id, $.line)"
    /// );
    /// ```
    pub fn path_param(mut self, name: &str, value: &str) -> Self {
        self.path_params.push((name.to_owned(), value.to_owned()));
        self
    }

    /// `Path.$`: the whole path, read from the state's input at `path` (a
    /// JSONPath, or an intrinsic function). The grant is then for every
    /// path of the method, since the definition cannot say which.
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::CallHttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(CallHttpApi::new("Call", &api, Method::Get).path_from("$.path")));
    /// assert_eq!(flow.definition_json()["States"]["Call"]["Parameters"]["Path.$"], "$.path");
    /// ```
    pub fn path_from(mut self, path: &str) -> Self {
        self.path_from = Some(path.to_owned());
        self
    }

    /// `Stage` (omit for the `$default` stage).
    pub fn stage(mut self, stage: &str) -> Self {
        self.stage = Some(stage.to_owned());
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, values: &[&str]) -> Self {
        self.headers
            .push((name.to_owned(), values.iter().map(|v| v.to_string()).collect()));
        self
    }

    /// `Headers.$`: every header, read from the state's input at `path`
    /// (an object of lists of strings); not with [`header`](Self::header).
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::CallHttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(CallHttpApi::new("Call", &api, Method::Get).headers_from("$.headers")));
    /// assert_eq!(flow.definition_json()["States"]["Call"]["Parameters"]["Headers.$"], "$.headers");
    /// ```
    pub fn headers_from(mut self, path: &str) -> Self {
        self.headers_from = Some(path.to_owned());
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, values: &[&str]) -> Self {
        self.query
            .push((name.to_owned(), values.iter().map(|v| v.to_string()).collect()));
        self
    }

    /// `QueryParameters.$`: every query parameter, read from the state's
    /// input at `path` (an object of lists of strings); not with
    /// [`query`](Self::query).
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::CallHttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(CallHttpApi::new("Call", &api, Method::Get).query_from("$.query")));
    /// assert_eq!(flow.definition_json()["States"]["Call"]["Parameters"]["QueryParameters.$"], "$.query");
    /// ```
    pub fn query_from(mut self, path: &str) -> Self {
        self.query_from = Some(path.to_owned());
        self
    }

    /// `RequestBody`.
    pub fn body(mut self, body: impl Into<Value>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// `RequestBody.$`: the body, read from the state's input at `path`;
    /// not with [`body`](Self::body).
    ///
    /// ```
    /// use rcdk_api::{HttpApi, HttpApiProps, Method};
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_orchestration::{StateMachine, StateMachineProps};
    /// use rcdk_orchestration_tasks::CallHttpApi;
    /// let app = App::new();
    /// let stack = app.stack("S", StackProps::default());
    /// let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
    /// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(CallHttpApi::new("Call", &api, Method::Post).body_from("$.order")));
    /// assert_eq!(flow.definition_json()["States"]["Call"]["Parameters"]["RequestBody.$"], "$.order");
    /// ```
    pub fn body_from(mut self, path: &str) -> Self {
        self.body_from = Some(path.to_owned());
        self
    }

    task_methods!(
        task,
        r#"# use rcdk_core::{App, StackProps};
# use rcdk_api::{HttpApi, HttpApiProps, Method};
# let app = App::new();
# let stack = app.stack("S", StackProps::default());
let api = HttpApi::new(&stack, "Api", HttpApiProps::default());
let task = rcdk_orchestration_tasks::CallHttpApi::new("Call", &api, Method::Get);"#
    );
}

/// One of the two forms of a field, or an error when both are set.
fn one_of<T>(
    given: Option<T>,
    from_input: Option<String>,
    field: &str,
    methods: (&str, &str),
    errors: &mut Vec<String>,
) -> Option<Source<T>> {
    match (given, from_input) {
        (Some(_), Some(path)) => {
            errors.push(format!(
                "{field} is set both in the definition ({}()) and from the input ({}(\"{path}\")); keep one",
                methods.0, methods.1
            ));
            Some(Source::FromInput(path))
        }
        (Some(v), None) => Some(Source::Given(v)),
        (None, Some(path)) => Some(Source::FromInput(path)),
        (None, None) => None,
    }
}

/// A piece of a path template: text, or a `{name}` / `{name+}` parameter.
enum Piece<'a> {
    Text(&'a str),
    Param(&'a str),
}

/// Splits a path into text and the `{name}` / `{name+}` parameters API
/// Gateway routes take; a brace that opens no such parameter is text.
fn pieces(path: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let param = after.find('}').map(|close| &after[..close]).filter(|inner| {
            let name = inner.strip_suffix('+').unwrap_or(inner);
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        });
        match param {
            Some(inner) => {
                if open > 0 {
                    out.push(Piece::Text(&rest[..open]));
                }
                out.push(Piece::Param(inner.strip_suffix('+').unwrap_or(inner)));
                rest = &after[inner.len() + 1..];
            }
            None => {
                out.push(Piece::Text(&rest[..open + 1]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Literal text of a `States.Format` template: `'`, `{`, `}` and `\` are
/// escaped with `\`, as the intrinsic functions docs require.
fn format_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\'' | '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `Path` or `Path.$` for a path template: a path without parameters is
/// written as it is; one with them is a `States.Format` of the values
/// `path_param` gave for them.
fn render_path(path: &str, params: &[(String, String)], errors: &mut Vec<String>) -> (&'static str, Value) {
    let pieces = pieces(path);
    let names: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Param(n) => Some(*n),
            Piece::Text(_) => None,
        })
        .collect();
    for (name, _) in params {
        if !names.contains(&name.as_str()) {
            errors.push(format!(
                "path_param({name:?}) names no {{{name}}} in the path {path:?}; add it to the path or drop the path_param"
            ));
        }
    }
    if names.is_empty() {
        return ("Path", path.into());
    }
    let mut template = String::new();
    let mut args = Vec::new();
    for piece in &pieces {
        match piece {
            Piece::Text(t) => template.push_str(&format_escape(t)),
            Piece::Param(name) => match params.iter().find(|(n, _)| n == name) {
                Some((_, value)) => {
                    template.push_str("{}");
                    args.push(value.as_str());
                }
                None => {
                    errors.push(format!(
                        "the path {path:?} has the parameter {{{name}}} but no value for it; give one with path_param({name:?}, \"$.{name}\")"
                    ));
                    template.push_str(&format_escape(&format!("{{{name}}}")));
                }
            },
        }
    }
    if args.is_empty() {
        return ("Path", path.into());
    }
    let call = format!("States.Format('{template}', {})", args.join(", "));
    ("Path.$", call.into())
}

impl From<CallHttpApi> for Chain {
    fn from(c: CallHttpApi) -> Chain {
        let mut errors = Vec::new();
        let multi = |kv: &[(String, Vec<String>)]| {
            Value::object(
                kv.iter()
                    .map(|(k, vs)| (k.as_str(), Value::list(vs.iter().map(|v| v.as_str().into())))),
            )
        };
        let path = one_of(c.path, c.path_from, "Path", ("path", "path_from"), &mut errors);
        let headers = one_of(
            (!c.headers.is_empty()).then(|| multi(&c.headers)),
            c.headers_from,
            "Headers",
            ("header", "headers_from"),
            &mut errors,
        );
        let query = one_of(
            (!c.query.is_empty()).then(|| multi(&c.query)),
            c.query_from,
            "QueryParameters",
            ("query", "query_from"),
            &mut errors,
        );
        let body = one_of(c.body, c.body_from, "RequestBody", ("body", "body_from"), &mut errors);

        let mut p: Vec<(&str, Value)> = vec![("ApiEndpoint", c.host.into()), ("Method", c.method.as_str().into())];
        // The path the grant covers: `None` is every path.
        let mut granted_path = None;
        match &path {
            Some(Source::Given(template)) => {
                p.push(render_path(template, &c.path_params, &mut errors));
                granted_path = Some(template.as_str());
            }
            Some(Source::FromInput(from)) => {
                if !c.path_params.is_empty() {
                    errors.push(
                        "path_param fills a {parameter} of path(), but the path comes from path_from(); give the whole path in the input, or use path() with the parameters"
                            .to_owned(),
                    );
                }
                p.push(("Path.$", from.as_str().into()));
            }
            None if !c.path_params.is_empty() => errors.push(
                "path_param fills a {parameter} of the path, but no path() is set; set one such as path(\"/items/{id}\")"
                    .to_owned(),
            ),
            None => {}
        }
        if let Some(stage) = &c.stage {
            p.push(("Stage", stage.as_str().into()));
        }
        p.push((
            "AuthType",
            match c.auth {
                AuthType::NoAuth => "NO_AUTH",
                AuthType::IamRole => "IAM_ROLE",
                AuthType::ResourcePolicy => "RESOURCE_POLICY",
            }
            .into(),
        ));
        for (field, source) in [("Headers", headers), ("QueryParameters", query), ("RequestBody", body)] {
            match source {
                Some(Source::Given(v)) => p.push((field, v)),
                Some(Source::FromInput(from)) => p.push((
                    match field {
                        "Headers" => "Headers.$",
                        "QueryParameters" => "QueryParameters.$",
                        _ => "RequestBody.$",
                    },
                    from.into(),
                )),
                None => {}
            }
        }
        if let Some(Source::Given(template)) = &path {
            check_route(c.api.as_ref(), c.task.name(), c.method, template, c.auth);
        }
        let mut task = crate::write_parameters(c.task, "CallHttpApi", p);
        if c.auth == AuthType::IamRole {
            let arn = c.api.arn_for_execute_api(c.method, granted_path, c.stage.as_deref());
            task = task.grant(PolicyStatement::allow(["execute-api:Invoke"], [arn]));
        }
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}

/// Warns, on the API, of a call API Gateway would answer 404 (no route takes
/// it) or 403 (an IAM-authorized route called without a signature). An
/// imported API's routes are unknown, and an API with no routes yet is
/// taken to be still under construction: neither is checked.
fn check_route(api: &dyn IHttpApi, state: &str, method: Method, path: &str, auth: AuthType) {
    let Some(routes) = api.routes().filter(|r| !r.is_empty()) else {
        return;
    };
    match RouteInfo::select(&routes, method, path) {
        None => api.scope().add_warning(format!(
            "task {state:?} calls {} {path}, which no route of this API serves (API Gateway answers 404); add the route, or fix the task's method or path",
            method.as_str()
        )),
        Some(route) if route.authorization == RouteAuthorizationType::Iam && auth != AuthType::IamRole => {
            api.scope().add_warning(format!(
                "task {state:?} calls {} {path} without signing it, but route {} requires IAM authorization (API Gateway answers 403); sign with .auth(AuthType::IamRole)",
                method.as_str(),
                route.route_key
            ))
        }
        Some(_) => {}
    }
}
