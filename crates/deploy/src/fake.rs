//! A fake CloudFormation endpoint on loopback for the tests of what moto
//! cannot do (rollbacks, stacks stuck in review, endpoints that fail
//! halfway, error bodies that are not XML): it speaks the query protocol's
//! HTTP and XML, and a test's handler decides each answer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One call: its `Action` and its form parameters.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    pub(crate) action: String,
    pub(crate) params: Vec<(String, String)>,
}

impl Request {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The answer to a call.
pub(crate) enum Reply {
    /// 200 with this inside `<ActionResult>`.
    Ok(String),
    /// An XML error: status, code, message.
    Error(u16, &'static str, String),
    /// Any status and body, as is.
    Raw(u16, String),
    /// Close the connection without answering.
    Close,
}

/// A running fake; calls are recorded.
pub(crate) struct Fake {
    pub(crate) endpoint: String,
    calls: Arc<Mutex<Vec<Request>>>,
}

type Handler = Box<dyn FnMut(&Request) -> Reply + Send>;

impl Fake {
    /// Serves `handler` on a free loopback port until the test process ends.
    pub(crate) fn start(handler: impl FnMut(&Request) -> Reply + Send + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let endpoint = format!("http://{}", listener.local_addr().expect("an address"));
        let calls = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&calls);
        let mut handler: Handler = Box::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &mut handler, &recorded);
            }
        });
        Fake { endpoint, calls }
    }

    /// The actions called so far, in order.
    pub(crate) fn actions(&self) -> Vec<String> {
        self.calls
            .lock()
            .map(|c| c.iter().map(|r| r.action.clone()).collect())
            .unwrap_or_default()
    }

    /// The calls of one action.
    pub(crate) fn calls(&self, action: &str) -> Vec<Request> {
        self.calls
            .lock()
            .map(|c| c.iter().filter(|r| r.action == action).cloned().collect())
            .unwrap_or_default()
    }
}

fn serve(stream: TcpStream, handler: &mut Handler, calls: &Mutex<Vec<Request>>) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    if let Ok(mut c) = calls.lock() {
        c.push(request.clone());
    }
    let (status, body) = match handler(&request) {
        Reply::Close => return,
        Reply::Ok(inner) => (200, ok_body(&request.action, &inner)),
        Reply::Error(status, code, message) => (status, error_body(code, &message)),
        Reply::Raw(status, body) => (status, body),
    };
    let head = format!(
        "HTTP/1.1 {status} Fake\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = stream;
    stream.write_all(head.as_bytes()).ok();
    stream.write_all(body.as_bytes()).ok();
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let params: Vec<(String, String)> = String::from_utf8_lossy(&body)
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let action = params.iter().find(|(k, _)| k == "Action")?.1.clone();
    Some(Request { action, params })
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ok_body(action: &str, inner: &str) -> String {
    format!(
        "<{action}Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><{action}Result>{inner}</{action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></{action}Response>"
    )
}

fn error_body(code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{}</Message></Error><RequestId>fake</RequestId></ErrorResponse>",
        escape(message)
    )
}

/// Text for XML.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The id fake stacks get.
pub(crate) fn stack_id(name: &str) -> String {
    format!("arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/0000")
}

/// A `DescribeStacks` result: one stack, its status, tags and outputs.
pub(crate) fn stack(name: &str, status: &str, tags: &[(&str, &str)], outputs: &[(&str, &str)]) -> Reply {
    let member = |(k, v): &(&str, &str), key: &str, value: &str| {
        format!(
            "<member><{key}>{}</{key}><{value}>{}</{value}></member>",
            escape(k),
            escape(v)
        )
    };
    let tags: String = tags.iter().map(|t| member(t, "Key", "Value")).collect();
    let outputs: String = outputs.iter().map(|o| member(o, "OutputKey", "OutputValue")).collect();
    Reply::Ok(format!(
        "<Stacks><member><StackId>{}</StackId><StackName>{name}</StackName><StackStatus>{status}</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime><Tags>{tags}</Tags><Outputs>{outputs}</Outputs></member></Stacks>",
        stack_id(name)
    ))
}

/// The answer for a stack that does not exist.
pub(crate) fn no_stack(name: &str) -> Reply {
    Reply::Error(400, "ValidationError", format!("Stack with id {name} does not exist"))
}

/// A `DescribeStackEvents` result (newest first, as AWS sends them).
pub(crate) fn events(events: &[(&str, &str, &str, &str, &str)]) -> Reply {
    let members: String = events
        .iter()
        .map(|(id, logical, type_name, status, reason)| {
            format!(
                "<member><EventId>{id}</EventId><StackId>x</StackId><StackName>x</StackName><LogicalResourceId>{logical}</LogicalResourceId><ResourceType>{type_name}</ResourceType><Timestamp>2026-01-01T00:00:00Z</Timestamp><ResourceStatus>{status}</ResourceStatus><ResourceStatusReason>{}</ResourceStatusReason></member>",
                escape(reason)
            )
        })
        .collect();
    Reply::Ok(format!("<StackEvents>{members}</StackEvents>"))
}

/// A `DescribeChangeSet` result: status, reason, and resource changes
/// (action, logical id, type, replacement).
pub(crate) fn change_set(status: &str, reason: &str, changes: &[(&str, &str, &str, &str)]) -> Reply {
    let members: String = changes
        .iter()
        .map(|(action, logical, type_name, replacement)| {
            format!(
                "<member><Type>Resource</Type><ResourceChange><Action>{action}</Action><LogicalResourceId>{logical}</LogicalResourceId><ResourceType>{type_name}</ResourceType><Replacement>{replacement}</Replacement></ResourceChange></member>"
            )
        })
        .collect();
    Reply::Ok(format!(
        "<ChangeSetName>cs</ChangeSetName><Status>{status}</Status><StatusReason>{}</StatusReason><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>{members}</Changes>",
        escape(reason)
    ))
}

/// A `GetTemplate` result.
pub(crate) fn template(body: &serde_json::Value) -> Reply {
    Reply::Ok(format!("<TemplateBody>{}</TemplateBody>", escape(&body.to_string())))
}

/// A `CreateChangeSet` result.
pub(crate) fn created(name: &str) -> Reply {
    Reply::Ok(format!(
        "<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/1</Id><StackId>{}</StackId>",
        stack_id(name)
    ))
}

/// An empty result (`ExecuteChangeSet`, `DeleteChangeSet`, `DeleteStack`).
pub(crate) fn empty() -> Reply {
    Reply::Ok(String::new())
}
