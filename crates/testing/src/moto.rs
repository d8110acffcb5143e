//! Tests against moto, the local AWS stand-in, on loopback: the server
//! `scripts/with-moto` starts (its URL in `RCDK_MOTO_ENDPOINT`), and raw
//! calls to check what a deploy left there through the AWS APIs. moto checks
//! no signature; it routes a call by the service named in the credential
//! scope of its `Authorization` header, which these calls set.

/// The moto endpoint, or `None` (the test then skips, with a note) when
/// `scripts/with-moto` did not start one. With `RCDK_REQUIRE_TOOLS` set, as
/// the test command sets it, a missing endpoint fails the test instead.
///
/// ```no_run
/// if let Some(endpoint) = rcdk_testing::moto::endpoint() {
///     assert!(endpoint.starts_with("http://127.0.0.1:"));
/// }
/// ```
pub fn endpoint() -> Option<String> {
    match std::env::var("RCDK_MOTO_ENDPOINT") {
        Ok(e) => Some(e),
        Err(_) => {
            assert!(
                std::env::var_os("RCDK_REQUIRE_TOOLS").is_none(),
                "RCDK_MOTO_ENDPOINT is not set; run the tests through scripts/with-moto"
            );
            eprintln!("note: RCDK_MOTO_ENDPOINT is not set (scripts/with-moto); skipping");
            None
        }
    }
}

/// Wipes moto's state: one failed create can leave it confused.
pub fn reset(endpoint: &str) {
    rcdk_states::http::request("POST", &format!("{endpoint}/moto-api/reset"), &[], Some(b"")).expect("moto resets");
}

fn authorization(service: &str) -> (String, String) {
    let scope = format!(
        "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"
    );
    ("Authorization".to_owned(), scope)
}

/// A call of a query or REST API (CloudFormation, SQS, S3, Lambda): a form
/// body is sent as `application/x-www-form-urlencoded`. Returns the body.
///
/// ```no_run
/// let ep = "http://127.0.0.1:5000";
/// let xml = rcdk_testing::moto::call(ep, "cloudformation", "POST", "/", Some("Action=ListStacks&Version=2010-05-15"));
/// let keys = rcdk_testing::moto::call(ep, "s3", "GET", "/my-bucket?list-type=2", None);
/// # let _ = (xml, keys);
/// ```
pub fn call(endpoint: &str, service: &str, method: &str, path: &str, form: Option<&str>) -> String {
    let mut headers = vec![authorization(service)];
    if form.is_some() {
        headers.push((
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        ));
    }
    let url = format!("{endpoint}{path}");
    let response = rcdk_states::http::request(method, &url, &headers, form.map(str::as_bytes)).expect("moto answers");
    String::from_utf8(response.body).expect("moto answers text")
}

/// A call of a JSON API (DynamoDB, Step Functions, ECR) with its
/// `X-Amz-Target`. Returns the answer as JSON.
///
/// ```no_run
/// let tables = rcdk_testing::moto::json("http://127.0.0.1:5000", "dynamodb", "DynamoDB_20120810.ListTables", "{}");
/// # let _ = tables;
/// ```
pub fn json(endpoint: &str, service: &str, target: &str, body: &str) -> serde_json::Value {
    let headers = [
        ("X-Amz-Target".to_owned(), target.to_owned()),
        ("Content-Type".to_owned(), "application/x-amz-json-1.1".to_owned()),
        authorization(service),
    ];
    let url = format!("{endpoint}/");
    let response = rcdk_states::http::request("POST", &url, &headers, Some(body.as_bytes())).expect("moto answers");
    serde_json::from_slice(&response.body).expect("a JSON answer")
}
