//! Function URLs: an HTTPS endpoint of a function.

use rcdk_cfn::lambda::{url, CfnPermission, CfnPermissionProps, CfnUrl, CfnUrlProps};
use rcdk_core::{Construct, Duration, Expr, Scope, Value};

/// Who may call a function URL.
///
/// ```
/// assert_eq!(rcdk_lambda::AuthType::default(), rcdk_lambda::AuthType::AwsIam);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthType {
    /// Callers sign their requests with SigV4 and need
    /// `lambda:InvokeFunctionUrl` (the default).
    #[default]
    AwsIam,
    /// Anyone on the internet: the URL is public (a warning says so).
    None,
}

/// The HTTP methods a URL's CORS rule allows.
///
/// ```
/// let cors = rcdk_lambda::FunctionUrlCors::origins(["*"]).methods([rcdk_lambda::CorsMethod::Get]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorsMethod {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl CorsMethod {
    fn name(self) -> &'static str {
        match self {
            CorsMethod::Get => "GET",
            CorsMethod::Put => "PUT",
            CorsMethod::Head => "HEAD",
            CorsMethod::Post => "POST",
            CorsMethod::Patch => "PATCH",
            CorsMethod::Delete => "DELETE",
        }
    }
}

/// A function URL's CORS rule, for calls from browsers.
///
/// ```
/// use rcdk_core::Duration;
/// use rcdk_lambda::{CorsMethod, FunctionUrlCors};
/// let cors = FunctionUrlCors::origins(["https://example.com"])
///     .methods([CorsMethod::Get, CorsMethod::Post])
///     .max_age(Duration::hours(1));
/// assert_eq!(cors.allowed_origins, vec!["https://example.com"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunctionUrlCors {
    /// Origins allowed to call (`https://example.com`, or `*`).
    pub allowed_origins: Vec<String>,
    /// Methods allowed; every method (`*`) when empty, as in the AWS CDK.
    pub allowed_methods: Vec<CorsMethod>,
    /// Request headers allowed.
    pub allowed_headers: Vec<String>,
    /// Response headers the browser may read.
    pub exposed_headers: Vec<String>,
    /// Whether cookies and credentials may be sent.
    pub allow_credentials: bool,
    /// How long a browser may cache the preflight answer (up to 24 hours).
    pub max_age: Option<Duration>,
}

impl FunctionUrlCors {
    /// A rule allowing `origins`, every method.
    ///
    /// ```
    /// let cors = rcdk_lambda::FunctionUrlCors::origins(["https://example.com"]);
    /// assert!(cors.allowed_methods.is_empty());
    /// ```
    pub fn origins<S: Into<String>>(origins: impl IntoIterator<Item = S>) -> FunctionUrlCors {
        FunctionUrlCors {
            allowed_origins: origins.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }

    /// Sets [`allowed_methods`](Self::allowed_methods).
    ///
    /// ```
    /// use rcdk_lambda::{CorsMethod, FunctionUrlCors};
    /// let cors = FunctionUrlCors::origins(["*"]).methods([CorsMethod::Get]);
    /// ```
    pub fn methods(mut self, methods: impl IntoIterator<Item = CorsMethod>) -> FunctionUrlCors {
        self.allowed_methods = methods.into_iter().collect();
        self
    }

    /// Sets [`max_age`](Self::max_age).
    ///
    /// ```
    /// let cors = rcdk_lambda::FunctionUrlCors::origins(["*"]).max_age(rcdk_core::Duration::minutes(10));
    /// ```
    pub fn max_age(mut self, max_age: Duration) -> FunctionUrlCors {
        self.max_age = Some(max_age);
        self
    }
}

/// The options of a function URL ([`IFunction::add_function_url`](crate::IFunction::add_function_url)).
///
/// ```
/// use rcdk_lambda::{AuthType, FunctionUrlCors, FunctionUrlOptions};
/// let options = FunctionUrlOptions {
///     cors: Some(FunctionUrlCors::origins(["https://example.com"])),
///     ..Default::default()
/// };
/// assert_eq!(options.auth_type, AuthType::AwsIam);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunctionUrlOptions {
    /// Who may call; default signed requests ([`AuthType::AwsIam`]).
    pub auth_type: AuthType,
    /// A CORS rule; default none (browsers on other origins cannot read answers).
    pub cors: Option<FunctionUrlCors>,
    /// Stream the response (`RESPONSE_STREAM`) instead of buffering it.
    pub stream_response: bool,
}

/// A function's URL: an `AWS::Lambda::Url` at `<function>/FunctionUrl/Resource`.
///
/// ```
/// use rcdk_core::{App, StackProps};
/// use rcdk_lambda::{Function, FunctionProps, FunctionUrlOptions, IFunction};
/// let app = App::new();
/// let stack = app.stack("S", StackProps::default());
/// let f = Function::new(&stack, "F", FunctionProps::rust("bootstrap"));
/// let url = f.add_function_url(FunctionUrlOptions::default());
/// assert_eq!(rcdk_core::Construct::scope(&url).path(), "S/F/FunctionUrl");
/// ```
#[derive(Clone, Debug)]
pub struct FunctionUrl {
    scope: Scope,
    url: CfnUrl,
}

impl Construct for FunctionUrl {
    fn scope(&self) -> &Scope {
        &self.scope
    }
}

impl FunctionUrl {
    pub(crate) fn new(owner: &Scope, function_arn: Expr<String>, options: FunctionUrlOptions) -> FunctionUrl {
        let node = owner.child("FunctionUrl");
        let cors = options.cors.as_ref().map(|c| {
            check_cors(&node, c);
            let strings = |v: &[String]| -> Option<Expr<Vec<String>>> {
                (!v.is_empty()).then(|| v.iter().map(String::as_str).collect::<Vec<_>>().into())
            };
            let methods: Vec<Value> = if c.allowed_methods.is_empty() {
                vec![Value::from("*")]
            } else {
                c.allowed_methods.iter().map(|m| Value::from(m.name())).collect()
            };
            url::Cors {
                allow_credentials: c.allow_credentials.then(|| true.into()),
                allow_headers: strings(&c.allowed_headers),
                allow_methods: Some(Expr::from_value(Value::List(methods))),
                allow_origins: strings(&c.allowed_origins),
                expose_headers: strings(&c.exposed_headers),
                max_age: c
                    .max_age
                    .and_then(|d| d.to_seconds())
                    .map(|s| Expr::from(i64::try_from(s).unwrap_or(i64::MAX))),
            }
        });
        let auth = match options.auth_type {
            AuthType::AwsIam => url::AuthType::AwsIam,
            AuthType::None => url::AuthType::None,
        };
        let url = CfnUrl::new(
            &node,
            "Resource",
            CfnUrlProps {
                cors,
                invoke_mode: options.stream_response.then(|| url::InvokeMode::ResponseStream.into()),
                ..CfnUrlProps::new(auth, function_arn.clone())
            },
        );
        if options.auth_type == AuthType::None {
            owner.add_warning(
                "the function URL takes no authentication (AuthType::None): anyone on the internet can call the function and run up its costs; use AuthType::AwsIam (the default) unless the function is meant to be public and checks its callers itself",
            );
            // What a public URL needs since October 2025: both actions,
            // admitted for anyone, through the URL only (the CDK's ids).
            let _ = CfnPermission::new(
                owner,
                "invoke-function-url",
                CfnPermissionProps {
                    function_url_auth_type: Some(rcdk_cfn::lambda::permission::FunctionUrlAuthType::None.into()),
                    ..CfnPermissionProps::new("lambda:InvokeFunctionUrl", function_arn.clone(), "*")
                },
            );
            let _ = CfnPermission::new(
                owner,
                "invoke-function",
                CfnPermissionProps {
                    invoked_via_function_url: Some(true.into()),
                    ..CfnPermissionProps::new("lambda:InvokeFunction", function_arn, "*")
                },
            );
        }
        FunctionUrl { scope: node, url }
    }

    /// The URL (`https://<id>.lambda-url.<region>.on.aws/`).
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps, FunctionUrlOptions, IFunction};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// let url = f.add_function_url(FunctionUrlOptions::default()).url();
    /// assert!(!url.is_literal());
    /// ```
    pub fn url(&self) -> Expr<String> {
        self.url.attr_function_url()
    }

    /// The L1 URL.
    ///
    /// ```
    /// use rcdk_core::{App, StackProps};
    /// use rcdk_lambda::{Function, FunctionProps, FunctionUrlOptions, IFunction};
    /// let app = App::new();
    /// let f = Function::new(&app.stack("S", StackProps::default()), "F", FunctionProps::rust("bootstrap"));
    /// let url = f.add_function_url(FunctionUrlOptions::default());
    /// url.cfn().set_qualifier("live");
    /// ```
    pub fn cfn(&self) -> &CfnUrl {
        &self.url
    }
}

fn check_cors(node: &Scope, c: &FunctionUrlCors) {
    if c.allowed_origins.is_empty() {
        node.add_error(
            "the CORS rule allows no origin; list the origins that may call (for example https://example.com)",
        );
    }
    if let Some(age) = c.max_age {
        match age.to_seconds() {
            Some(s) if s <= 86_400 => {}
            _ => node.add_error(format!(
                "CORS max_age of {age} is not whole seconds up to 24 hours, which is what a function URL takes; use Duration::seconds up to 86400"
            )),
        }
    }
    if c.allow_credentials && c.allowed_origins.iter().any(|o| o == "*") {
        node.add_error(
            "the CORS rule allows credentials from any origin (*), which browsers refuse; list the origins, or drop allow_credentials",
        );
    }
}
