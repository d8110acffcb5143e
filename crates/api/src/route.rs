//! Route keys: methods, how a route authorizes, what an API knows of its
//! routes ([`RouteInfo`]) and the checks of a key API Gateway would refuse.

use std::str::FromStr;

use crate::authorizer::HttpJwtAuthorizer;

/// An HTTP method of a route, a grant or a CORS rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
    /// Any method (`ANY` in a route, `*` in a grant or a CORS rule).
    Any,
}

const METHODS: [Method; 8] = [
    Method::Get,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
    Method::Head,
    Method::Options,
    Method::Any,
];

impl Method {
    /// The method as API Gateway spells it in a route key.
    ///
    /// ```
    /// assert_eq!(rcdk_api::Method::Any.as_str(), "ANY");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Any => "ANY",
        }
    }
}

impl FromStr for Method {
    type Err = String;

    /// Reads a method as a route key spells it: in capitals, `ANY` for any.
    ///
    /// ```
    /// use rcdk_api::Method;
    /// assert_eq!("DELETE".parse::<Method>(), Ok(Method::Delete));
    /// assert!("get".parse::<Method>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Method, String> {
        METHODS.into_iter().find(|m| m.as_str() == s).ok_or_else(|| {
            format!("{s:?} is not a method API Gateway routes; use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY, in capitals")
        })
    }
}

/// How a route authorizes callers.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RouteAuth {
    /// Signature Version 4 signed requests, allowed by IAM (`AWS_IAM`).
    Iam,
    /// Anyone can call the route (`NONE`).
    None,
    /// A JSON Web Token checked by a JWT authorizer (`JWT`), made once per
    /// API however many routes use it.
    Jwt(HttpJwtAuthorizer),
}

impl RouteAuth {
    /// The kind of authorization, as [`RouteInfo`] reports it.
    ///
    /// ```
    /// use rcdk_api::{RouteAuth, RouteAuthorizationType};
    /// assert_eq!(RouteAuth::Iam.authorization_type(), RouteAuthorizationType::Iam);
    /// ```
    pub fn authorization_type(&self) -> RouteAuthorizationType {
        match self {
            RouteAuth::Iam => RouteAuthorizationType::Iam,
            RouteAuth::None => RouteAuthorizationType::None,
            RouteAuth::Jwt(_) => RouteAuthorizationType::Jwt,
        }
    }
}

/// What a route asks of a caller: the `AuthorizationType` of the route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RouteAuthorizationType {
    /// A request signed with Signature Version 4 by a principal IAM allows.
    Iam,
    /// A JSON Web Token.
    Jwt,
    /// Nothing.
    None,
}

impl RouteAuthorizationType {
    /// The type as API Gateway spells it.
    ///
    /// ```
    /// assert_eq!(rcdk_api::RouteAuthorizationType::Iam.as_str(), "AWS_IAM");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RouteAuthorizationType::Iam => "AWS_IAM",
            RouteAuthorizationType::Jwt => "JWT",
            RouteAuthorizationType::None => "NONE",
        }
    }
}

/// A route of an API, as the app defined it: what a caller of the API (a
/// state machine's task, say) checks its calls against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    /// The route key (`GET /items/{id}`, `$default`).
    pub route_key: String,
    /// The method; [`Method::Any`] for `ANY` and for `$default`.
    pub method: Method,
    /// The path; `None` for `$default`, which takes what no other route does.
    pub path: Option<String>,
    /// What the route asks of a caller.
    pub authorization: RouteAuthorizationType,
}

impl RouteInfo {
    /// Whether this route takes `method` on `path`. A path parameter
    /// (`{id}`) takes one segment, a greedy one (`{proxy+}`) one or more, and
    /// `$default` takes everything. In `path`, a `{name}` segment stands for
    /// a value not known before the call and matches any one segment.
    ///
    /// ```
    /// use rcdk_api::{Method, RouteAuthorizationType, RouteInfo};
    /// let route = RouteInfo {
    ///     route_key: "GET /inventory/{sku}".into(),
    ///     method: Method::Get,
    ///     path: Some("/inventory/{sku}".into()),
    ///     authorization: RouteAuthorizationType::Iam,
    /// };
    /// assert!(route.matches(Method::Get, "/inventory/42"));
    /// assert!(!route.matches(Method::Post, "/inventory/42"));
    /// assert!(!route.matches(Method::Get, "/inventory/42/lines"));
    /// ```
    pub fn matches(&self, method: Method, path: &str) -> bool {
        let Some(route_path) = &self.path else {
            return true;
        };
        (self.method == Method::Any || self.method == method) && specificity(route_path, path).is_some()
    }

    /// The route API Gateway sends `method` `path` to, of `routes`: the one
    /// whose path matches most specifically (a literal segment before a
    /// parameter, a parameter before a greedy one), a route of the method
    /// before an `ANY` one, and `$default` last; `None` when no route takes
    /// the request (API Gateway answers 404).
    ///
    /// ```
    /// use rcdk_api::{Method, RouteAuthorizationType, RouteInfo};
    /// let route = |key: &str, auth| {
    ///     let (m, p) = key.split_once(' ').unwrap();
    ///     RouteInfo { route_key: key.into(), method: m.parse().unwrap(), path: Some(p.into()), authorization: auth }
    /// };
    /// let routes = [
    ///     route("ANY /{proxy+}", RouteAuthorizationType::None),
    ///     route("GET /pets/{id}", RouteAuthorizationType::Iam),
    /// ];
    /// assert_eq!(RouteInfo::select(&routes, Method::Get, "/pets/1").unwrap().route_key, "GET /pets/{id}");
    /// assert_eq!(RouteInfo::select(&routes, Method::Post, "/pets/1").unwrap().route_key, "ANY /{proxy+}");
    /// assert!(RouteInfo::select(&routes[1..], Method::Get, "/cats").is_none());
    /// ```
    pub fn select<'r>(routes: &'r [RouteInfo], method: Method, path: &str) -> Option<&'r RouteInfo> {
        routes
            .iter()
            .filter(|r| r.matches(method, path))
            .max_by_key(|r| match &r.path {
                None => (false, Vec::new(), false),
                Some(p) => (true, specificity(p, path).unwrap_or_default(), r.method != Method::Any),
            })
    }
}

/// How specifically `route_path` matches `path`, segment by segment (3 a
/// literal, 2 a parameter, 1 a greedy parameter), or `None` if it does not.
fn specificity(route_path: &str, path: &str) -> Option<Vec<u8>> {
    let route: Vec<&str> = segments(route_path);
    let asked: Vec<&str> = segments(path);
    let mut score = Vec::with_capacity(route.len());
    for (i, segment) in route.iter().enumerate() {
        match parameter(segment) {
            Some((_, true)) => {
                // A greedy parameter takes the rest, one segment at least.
                return (asked.len() > i).then(|| {
                    score.push(1);
                    score
                });
            }
            Some((_, false)) => score.push(2),
            None => {
                let other = asked.get(i)?;
                if *other != *segment && parameter(other).is_none() {
                    return None;
                }
                score.push(3);
            }
        }
        asked.get(i)?;
    }
    (asked.len() == route.len()).then_some(score)
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// `(name, greedy)` when `segment` is a whole path parameter.
fn parameter(segment: &str) -> Option<(&str, bool)> {
    let inner = segment.strip_prefix('{')?.strip_suffix('}')?;
    match inner.strip_suffix('+') {
        Some(name) => Some((name, true)),
        None => Some((inner, false)),
    }
}

/// The method and path of a route key (`None` for `$default`), or every
/// reason API Gateway would refuse it, each with its fix.
pub(crate) fn parse_route_key(route_key: &str) -> Result<Option<(Method, String)>, Vec<String>> {
    if route_key == "$default" {
        return Ok(None);
    }
    let Some((method, path)) = route_key.split_once(' ').filter(|(_, p)| p.starts_with('/')) else {
        return Err(vec![format!(
            "route key {route_key:?} is not \"METHOD /path\" (for example \"GET /items\") or \"$default\""
        )]);
    };
    let mut problems = Vec::new();
    let method = method
        .parse::<Method>()
        .map_err(|e| problems.push(format!("route key {route_key:?}: {e}")));
    let all: Vec<&str> = path.split('/').collect();
    for (i, segment) in all.iter().enumerate() {
        let mut open = false;
        let mut start = 0;
        for (at, c) in segment.char_indices() {
            match c {
                '{' if !open => (open, start) = (true, at),
                '}' if open => {
                    open = false;
                    let name = &segment[start + 1..at];
                    if name.is_empty() || name == "+" {
                        problems.push(format!(
                            "route key {route_key:?} has an empty path parameter in {segment:?}; name it, as in /inventory/{{sku}}"
                        ));
                    } else if name.ends_with('+') && i + 1 < all.len() {
                        problems.push(format!(
                            "route key {route_key:?} has the greedy path parameter {segment:?} before its last segment; API Gateway takes {{name+}} only as the last segment, as in /files/{{path+}}"
                        ));
                    }
                }
                '{' | '}' => {
                    open = true;
                    break;
                }
                _ => {}
            }
        }
        if open {
            problems.push(format!(
                "route key {route_key:?} has an unbalanced brace in {segment:?}; close each path parameter within its segment, as in /inventory/{{sku}}"
            ));
        }
    }
    match method {
        Ok(m) if problems.is_empty() => Ok(Some((m, path.to_owned()))),
        _ => Err(problems),
    }
}

/// `path` with each `{name}` or `{name+}` path parameter as `*`: an IAM
/// resource matches the path a caller requests, in which the parameter has
/// a value.
pub(crate) fn path_parameters_as_wildcards(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').filter(|&close| {
            let name = after[..close].strip_suffix('+').unwrap_or(&after[..close]);
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        });
        match close {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push('*');
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A route's construct id as the AWS CDK names it: `METHOD/path` with the
/// path separator written `--` (`GET /items` is `GET--items`), and
/// `DefaultRoute` for `$default`.
pub(crate) fn route_id(route_key: &str) -> String {
    if route_key == "$default" {
        return "DefaultRoute".into();
    }
    route_key.replacen(' ', "", 1).replace('/', "--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked() {
        assert_eq!(
            parse_route_key("GET /a/{b}/{c+}"),
            Ok(Some((Method::Get, "/a/{b}/{c+}".into())))
        );
        assert_eq!(parse_route_key("$default"), Ok(None));
        assert!(parse_route_key("GET /inventory/{sku")
            .unwrap_err()
            .iter()
            .any(|e| e.contains("unbalanced brace in \"{sku\"")));
        assert!(parse_route_key("GET /a}b").unwrap_err()[0].contains("unbalanced"));
        assert!(parse_route_key("GET /a/{}").unwrap_err()[0].contains("empty path parameter"));
        assert!(parse_route_key("GET /{p+}/x").unwrap_err()[0].contains("greedy"));
        assert_eq!(parse_route_key("FETCH /x /y").unwrap_err().len(), 1);
    }

    #[test]
    fn selection_follows_specificity() {
        let r = |key: &str| {
            let (m, p) = key.split_once(' ').unwrap();
            RouteInfo {
                route_key: key.into(),
                method: m.parse().unwrap(),
                path: Some(p.into()),
                authorization: RouteAuthorizationType::None,
            }
        };
        let routes = [
            r("GET /pets/dog/1"),
            r("GET /pets/dog/{id}"),
            r("GET /pets/{proxy+}"),
            r("ANY /{proxy+}"),
            RouteInfo {
                route_key: "$default".into(),
                method: Method::Any,
                path: None,
                authorization: RouteAuthorizationType::None,
            },
        ];
        let pick = |m, p| RouteInfo::select(&routes, m, p).unwrap().route_key.clone();
        assert_eq!(pick(Method::Get, "/pets/dog/1"), "GET /pets/dog/1");
        assert_eq!(pick(Method::Get, "/pets/dog/2"), "GET /pets/dog/{id}");
        assert_eq!(pick(Method::Get, "/pets/cat/1"), "GET /pets/{proxy+}");
        assert_eq!(pick(Method::Post, "/pets/cat"), "ANY /{proxy+}");
        assert_eq!(pick(Method::Get, "/"), "$default");
        assert_eq!(pick(Method::Get, "/pets/dog/{n}"), "GET /pets/dog/1");
    }
}
