//! Calling any HTTPS API: the HTTP Task.

use rcdk_api::Method;
use rcdk_core::{cfn_format, Aws, Expr, Value};
use rcdk_iam::PolicyStatement;
use rcdk_orchestration::{task_methods, Chain, Task};

/// A Task calling an HTTPS API (`arn:${AWS::Partition}:states:::http:invoke`)
/// with the credentials of an EventBridge connection
/// (`Authentication.ConnectionArn`), as in "Call HTTPS APIs in Step
/// Functions workflows".
///
/// The role gets what that page lists, scoped:
/// - `states:InvokeHTTPEndpoint` on the state machines of the stack's
///   account and region (`stateMachine:*`: the machine's own ARN cannot be
///   named in its own role's policy without a dependency cycle), with the
///   conditions `states:HTTPMethod` equal to the method and
///   `states:HTTPEndpoint` like the URL: the exact URL when it is given,
///   the pattern [`url_from`](Self::url_from) names when it is read from the
///   input. The AWS CDK's `HttpInvoke` allows any method under its
///   `apiRoot*`, on `*`;
/// - `events:RetrieveConnectionCredentials` on the connection;
/// - `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret` on
///   the connection's secret, `secret:events!connection/<name>/*` when the
///   connection ARN is a literal (`events!connection/*` otherwise), where
///   the AWS CDK grants the connection's secret ARN it knows.
///
/// The result has `StatusCode`, `StatusText`, `Headers` and
/// `ResponseBody`; a non-2xx answer fails the task with `States.Http.StatusCode.<code>`.
///
/// ```
/// use rcdk_api::Method;
/// use rcdk_core::{App, StackProps};
/// use rcdk_orchestration::{StateMachine, StateMachineProps};
/// use rcdk_orchestration_tasks::HttpInvoke;
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let conn = "arn:aws:events:eu-west-1:111111111111:connection/stripe/2f0d1b1e-1111-2222-3333-444455556666";
/// let charge = HttpInvoke::new("Charge", conn, Method::Post)
///     .url("https://api.stripe.com/v1/charges")
///     .body_from("$.charge");
/// let flow = StateMachine::new(&stack, "Flow", StateMachineProps::new(charge));
/// assert_eq!(flow.definition_json()["States"]["Charge"]["Parameters"]["Authentication"]["ConnectionArn"], conn);
/// assert!(app.synth().unwrap().stack("S").unwrap().to_yaml().contains("states:InvokeHTTPEndpoint"));
/// ```
#[derive(Clone, Debug)]
pub struct HttpInvoke {
    task: Task,
    connection_arn: Expr<String>,
    method: Method,
    url: Option<String>,
    url_from: Option<(String, String)>,
    headers: Vec<(String, Value)>,
    headers_from: Option<String>,
    query: Vec<(String, Value)>,
    query_from: Option<String>,
    body: Option<Value>,
    body_from: Option<String>,
}

impl HttpInvoke {
    /// Calls `method` with the EventBridge connection `connection_arn` (a
    /// literal ARN, or a reference to one); set the URL with
    /// [`url`](Self::url) or [`url_from`](Self::url_from).
    pub fn new(name: &str, connection_arn: impl Into<Expr<String>>, method: Method) -> HttpInvoke {
        HttpInvoke {
            task: Task::service(name, "http:invoke"),
            connection_arn: connection_arn.into(),
            method,
            url: None,
            url_from: None,
            headers: Vec::new(),
            headers_from: None,
            query: Vec::new(),
            query_from: None,
            body: None,
            body_from: None,
        }
    }

    /// `ApiEndpoint`: the `https://` URL called (the grant is for it only).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .url("https://api.example.com/orders");
    /// ```
    pub fn url(mut self, url: &str) -> Self {
        self.url = Some(url.to_owned());
        self
    }

    /// `ApiEndpoint.$`: the URL, read from the input at `path`; `allowed`
    /// is what the grant lets it be (an IAM `StringLike` pattern such as
    /// `https://api.example.com/*`), since the definition cannot say.
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .url_from("$.url", "https://api.example.com/*");
    /// ```
    pub fn url_from(mut self, path: &str, allowed: &str) -> Self {
        self.url_from = Some((path.to_owned(), allowed.to_owned()));
        self
    }

    /// Adds a header (`Headers`).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .header("Accept", "application/json");
    /// ```
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// `Headers.$`: every header, read from the input at `path` (an object
    /// of strings); not with [`header`](Self::header).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .headers_from("$.headers");
    /// ```
    pub fn headers_from(mut self, path: &str) -> Self {
        self.headers_from = Some(path.to_owned());
        self
    }

    /// Adds a query parameter (`QueryParameters`).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .query("limit", "10");
    /// ```
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    /// `QueryParameters.$`: every query parameter, read from the input at
    /// `path`; not with [`query`](Self::query).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    ///     .query_from("$.query");
    /// ```
    pub fn query_from(mut self, path: &str) -> Self {
        self.query_from = Some(path.to_owned());
        self
    }

    /// `RequestBody`.
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Post", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Post)
    ///     .body(rcdk_core::Value::object([("amount", 100.into())]));
    /// ```
    pub fn body(mut self, body: impl Into<Value>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// `RequestBody.$`: the body, read from the input at `path`; not with
    /// [`body`](Self::body).
    ///
    /// ```
    /// let call = rcdk_orchestration_tasks::HttpInvoke::new("Post", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Post)
    ///     .body_from("$.charge");
    /// ```
    pub fn body_from(mut self, path: &str) -> Self {
        self.body_from = Some(path.to_owned());
        self
    }

    task_methods!(
        task,
        r#"let task = rcdk_orchestration_tasks::HttpInvoke::new("Get", "arn:aws:events:eu-west-1:111111111111:connection/api/1", rcdk_api::Method::Get)
    .url("https://api.example.com/orders");"#
    );
}

/// The secret EventBridge keeps a connection's credentials in: under
/// `events!connection/<name>/` when the connection ARN is a literal, in
/// the connection's region and account.
fn connection_secrets(connection_arn: &Expr<String>, errors: &mut Vec<String>) -> Expr<String> {
    if let Some(arn) = connection_arn.value().as_str() {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let name = parts
            .get(5)
            .and_then(|r| r.strip_prefix("connection/"))
            .and_then(|r| r.split('/').next())
            .filter(|n| !n.is_empty());
        match (parts.as_slice(), name) {
            (["arn", partition, "events", region, account, _], Some(name)) => {
                return Expr::from(format!(
                    "arn:{partition}:secretsmanager:{region}:{account}:secret:events!connection/{name}/*"
                ))
            }
            _ => errors.push(format!(
                "{arn:?} is not an EventBridge connection ARN (arn:<partition>:events:<region>:<account>:connection/<name>/<id>); give the connection's ARN"
            )),
        }
    }
    cfn_format!(
        "arn:{}:secretsmanager:{}:{}:secret:events!connection/*",
        Aws::partition(),
        Aws::region(),
        Aws::account_id()
    )
}

impl From<HttpInvoke> for Chain {
    fn from(h: HttpInvoke) -> Chain {
        let mut errors = Vec::new();
        let mut p: Vec<(&str, Value)> = Vec::new();
        let endpoint_pattern = match (&h.url, &h.url_from) {
            (Some(_), Some((path, _))) => {
                errors.push(format!(
                    "ApiEndpoint is set both in the definition (url()) and from the input (url_from(\"{path}\")); keep one"
                ));
                None
            }
            (Some(url), None) => {
                if !url.starts_with("https://") {
                    errors.push(format!(
                        "ApiEndpoint {url:?} is not an https:// URL, and the HTTP Task calls HTTPS APIs only; use https://"
                    ));
                }
                p.push(("ApiEndpoint", url.as_str().into()));
                Some(url.clone())
            }
            (None, Some((path, allowed))) => {
                if !allowed.starts_with("https://") {
                    errors.push(format!(
                        "url_from allows {allowed:?}, which is not an https:// URL pattern, and the HTTP Task calls HTTPS APIs only; allow a pattern such as \"https://api.example.com/*\""
                    ));
                }
                p.push(("ApiEndpoint.$", path.as_str().into()));
                Some(allowed.clone())
            }
            (None, None) => {
                errors.push(
                    "HttpInvoke has no URL; set one with url(\"https://...\") or url_from(\"$.url\", \"https://api.example.com/*\")"
                        .to_owned(),
                );
                None
            }
        };
        if h.method == Method::Any {
            errors.push(
                "Method ANY is a route wildcard, not an HTTP method the task can send; use Method::Get, Method::Post, ..."
                    .to_owned(),
            );
        }
        p.push(("Method", h.method.as_str().into()));
        p.push((
            "Authentication",
            Value::object([("ConnectionArn", h.connection_arn.clone().into())]),
        ));
        let mut both = |field: &str, given: bool, from: &Option<String>, methods: (&str, &str)| {
            if let (true, Some(path)) = (given, from) {
                errors.push(format!(
                    "{field} is set both in the definition ({}()) and from the input ({}(\"{path}\")); keep one",
                    methods.0, methods.1
                ));
            }
        };
        both(
            "Headers",
            !h.headers.is_empty(),
            &h.headers_from,
            ("header", "headers_from"),
        );
        both(
            "QueryParameters",
            !h.query.is_empty(),
            &h.query_from,
            ("query", "query_from"),
        );
        both("RequestBody", h.body.is_some(), &h.body_from, ("body", "body_from"));
        let obj = |kv: &[(String, Value)]| Value::object(kv.iter().map(|(k, v)| (k.as_str(), v.clone())));
        match &h.headers_from {
            Some(path) => p.push(("Headers.$", path.as_str().into())),
            None if !h.headers.is_empty() => p.push(("Headers", obj(&h.headers))),
            None => {}
        }
        match &h.query_from {
            Some(path) => p.push(("QueryParameters.$", path.as_str().into())),
            None if !h.query.is_empty() => p.push(("QueryParameters", obj(&h.query))),
            None => {}
        }
        match (&h.body_from, &h.body) {
            (Some(path), _) => p.push(("RequestBody.$", path.as_str().into())),
            (None, Some(body)) => p.push(("RequestBody", body.clone())),
            (None, None) => {}
        }
        let secrets = connection_secrets(&h.connection_arn, &mut errors);
        let mut task = crate::write_parameters(h.task, "HttpInvoke", p);
        if let Some(pattern) = endpoint_pattern {
            let machines = cfn_format!(
                "arn:{}:states:{}:{}:stateMachine:*",
                Aws::partition(),
                Aws::region(),
                Aws::account_id()
            );
            let mut invoke = PolicyStatement::allow(["states:InvokeHTTPEndpoint"], [machines]).with_condition(
                "StringLike",
                "states:HTTPEndpoint",
                pattern.as_str(),
            );
            if h.method != Method::Any {
                invoke = invoke.with_condition("StringEquals", "states:HTTPMethod", h.method.as_str());
            }
            task = task.grant(invoke);
        }
        task = task.grant(PolicyStatement::allow(
            ["events:RetrieveConnectionCredentials"],
            [h.connection_arn],
        ));
        task = task.grant(PolicyStatement::allow(
            ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            [secrets],
        ));
        for e in errors {
            task = task.add_error(e);
        }
        task.into()
    }
}
