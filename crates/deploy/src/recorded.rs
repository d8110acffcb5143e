//! Recorded CloudFormation responses, for the tests of what moto (the
//! local stand-in) does not implement: drift detection and IMPORT change
//! sets. A [`Replay`] answers each operation with its recorded bodies in
//! order (the query protocol's XML, as the CloudFormation API reference
//! documents each response), through `aws-smithy-mocks`, so the SDK
//! parses them as it parses AWS's. Every request is kept, typed, for the
//! test to inspect.

use std::any::Any;
use std::sync::{Arc, Mutex};

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cloudformation::config::Credentials;
use aws_sdk_cloudformation::Client;
use aws_smithy_mocks::{create_mock_http_client, MockResponseInterceptor, Rule, RuleMode};

use crate::aws::Cfn;

/// The query protocol's namespace.
const XMLNS: &str = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

/// A successful response: `result` inside `<{action}Result>`.
pub(crate) fn ok(action: &str, result: &str) -> (u16, String) {
    (
        200,
        format!(
            "<{action}Response xmlns=\"{XMLNS}\">\n  <{action}Result>\n{result}\n  </{action}Result>\n  <ResponseMetadata>\n    <RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n"
        ),
    )
}

/// An error response, as CloudFormation sends it (`ErrorResponse`, HTTP 400).
pub(crate) fn error(code: &str, message: &str) -> (u16, String) {
    (
        400,
        format!(
            "<ErrorResponse xmlns=\"{XMLNS}\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>{code}</Code>\n    <Message>{message}</Message>\n  </Error>\n  <RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>\n</ErrorResponse>\n"
        ),
    )
}

/// One request: the operation (the client's method name) and its input.
pub(crate) struct Sent {
    pub(crate) operation: &'static str,
    pub(crate) input: Box<dyn Any + Send>,
}

impl Sent {
    /// The input as its SDK type.
    pub(crate) fn input<T: 'static>(&self) -> &T {
        self.input.downcast_ref().expect("the operation's input type")
    }
}

/// Recorded answers, and the requests they answered.
#[derive(Default)]
pub(crate) struct Replay {
    rules: Vec<Rule>,
    pub(crate) sent: Arc<Mutex<Vec<Sent>>>,
}

/// Adds a rule answering `$op` (a `Client` method) with `$replies`, one
/// `(status, body)` per call, in order, the last one answering every later
/// call; every call is recorded. A call no rule answers panics.
macro_rules! answer {
    ($replay:expr, $op:ident, $replies:expr) => {{
        let sent = std::sync::Arc::clone(&$replay.sent);
        let replies: Vec<(u16, String)> = $replies;
        let mut seq = aws_smithy_mocks::mock!(aws_sdk_cloudformation::Client::$op)
            .match_requests(move |input| {
                sent.lock().unwrap().push($crate::recorded::Sent {
                    operation: stringify!($op),
                    input: Box::new(input.clone()),
                });
                true
            })
            .sequence();
        let (last, before) = replies.split_last().expect("at least one reply");
        for (status, body) in before {
            seq = seq.http_status(*status, Some(body.clone()));
        }
        $replay.push(seq.http_status(last.0, Some(last.1.clone())).repeatedly().build());
    }};
}
pub(crate) use answer;

impl Replay {
    pub(crate) fn push(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    /// A client answering from the recorded responses (with `Cfn::for_test`'s
    /// fast waits).
    pub(crate) fn cfn(&self) -> Cfn {
        let mut interceptor = MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny);
        for r in &self.rules {
            interceptor = interceptor.with_rule(r);
        }
        let conf = aws_sdk_cloudformation::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("testing", "testing", None, None, "test"))
            .retry_config(RetryConfig::disabled())
            .http_client(create_mock_http_client())
            .interceptor(interceptor)
            .build();
        Cfn::for_client(Client::from_conf(conf))
    }

    /// The operations called, in order.
    pub(crate) fn operations(&self) -> Vec<&'static str> {
        self.sent.lock().unwrap().iter().map(|s| s.operation).collect()
    }

    /// The input of the `n`th call (from 0) of `operation`.
    pub(crate) fn input<T: Clone + 'static>(&self, operation: &str, n: usize) -> T {
        let sent = self.sent.lock().unwrap();
        let s = sent
            .iter()
            .filter(|s| s.operation == operation)
            .nth(n)
            .unwrap_or_else(|| panic!("no call {n} of {operation}"));
        s.input::<T>().clone()
    }
}

/// `DescribeStacks` of one stack (`CREATE_COMPLETE` unless told), with
/// its tags and parameter keys.
pub(crate) fn stack(name: &str, status: &str, tags: &[(&str, &str)], parameters: &[&str]) -> (u16, String) {
    let tags: String = tags
        .iter()
        .map(|(k, v)| {
            format!(
                "          <member>\n            <Key>{k}</Key>\n            <Value>{v}</Value>\n          </member>\n"
            )
        })
        .collect();
    let params: String = parameters
        .iter()
        .map(|k| format!("          <member>\n            <ParameterKey>{k}</ParameterKey>\n            <ParameterValue>****</ParameterValue>\n          </member>\n"))
        .collect();
    ok(
        "DescribeStacks",
        &format!(
            "    <Stacks>\n      <member>\n        <StackId>{}</StackId>\n        <StackName>{name}</StackName>\n        <CreationTime>2026-11-20T09:12:03.113Z</CreationTime>\n        <StackStatus>{status}</StackStatus>\n        <DisableRollback>false</DisableRollback>\n        <Tags>\n{tags}        </Tags>\n        <Parameters>\n{params}        </Parameters>\n      </member>\n    </Stacks>",
            stack_id(name)
        ),
    )
}

/// The id CloudFormation gives stack `name` in these recordings.
pub(crate) fn stack_id(name: &str) -> String {
    format!("arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/5b9ee1a0-c6e2-11f0-8a3b-0e8d4f1a2b3c")
}
