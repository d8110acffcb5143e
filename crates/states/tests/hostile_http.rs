//! The `apigateway:invoke` handler against hostile endpoints and hostile
//! requests (review 2026-11-28, rows 31-35): a loopback server that never
//! answers, trickles, sends a huge body or lies about its length must not
//! hang the run or fill memory, and a request whose method, path or headers
//! would inject a header or a second request must not be sent at all.
//!
//! Every call uses a deadline of a fraction of a second, so each test takes
//! well under 3 s.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rcdk_states::http::{request_with, Error, Limits};
use rcdk_states::*;
use serde_json::{json, Value as Json};

const DEADLINE: Duration = Duration::from_millis(400);

/// A loopback server: records how many connections it accepted and every
/// byte it received, then answers each connection with `respond`.
struct Server {
    url: String,
    connections: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    fn start(respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), received.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                log.lock().unwrap().extend(read_request(&mut stream));
                respond(&mut stream);
            }
        });
        Server {
            url,
            connections,
            received,
        }
    }

    fn received(&self) -> String {
        String::from_utf8_lossy(&self.received.lock().unwrap()).into_owned()
    }
}

/// Everything the client sends before it goes quiet for 100 ms.
fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = stream.read(&mut buf) {
        all.extend_from_slice(&buf[..n]);
    }
    all
}

/// Writes `chunk` until `total` bytes are out or the client hangs up;
/// counts what was written.
fn stream_bytes(stream: &mut TcpStream, chunk: &[u8], total: usize, written: &AtomicUsize) {
    while written.load(Ordering::SeqCst) < total {
        if stream.write_all(chunk).is_err() {
            return;
        }
        written.fetch_add(chunk.len(), Ordering::SeqCst);
    }
}

fn api(server: &Server) -> ApiGatewayInvoke {
    ApiGatewayInvoke::new().endpoint("api", &server.url).timeout(DEADLINE)
}

/// One call of the handler with these parameters; how long it took.
fn call(api: &ApiGatewayInvoke, parameters: Json) -> (TaskOutcome, Duration) {
    let started = Instant::now();
    let outcome = api.call(&TaskCall {
        state: "Call",
        resource: API_GATEWAY_INVOKE,
        parameters: &parameters,
        attempt: 0,
        task_token: None,
    });
    (outcome, started.elapsed())
}

fn error_of(outcome: &TaskOutcome) -> (String, String) {
    let e = outcome.result.clone().expect_err("the call fails");
    (e.error, e.cause)
}

const GB: usize = 1 << 30;

#[test]
fn an_endpoint_that_never_answers_times_out_with_a_clear_message() {
    let server = Server::start(|_| std::thread::sleep(Duration::from_secs(3)));
    let (outcome, took) = call(&api(&server), json!({"ApiEndpoint": "api", "Method": "GET"}));
    let (error, cause) = error_of(&outcome);
    assert_eq!(error, "States.TaskFailed");
    assert!(
        cause.starts_with("timed out after 0.4 s reading the response from 127.0.0.1:"),
        "{cause}"
    );
    assert!(!cause.contains("os error") && !cause.contains("temporarily"), "{cause}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_trickling_endpoint_is_bounded_by_one_deadline_for_the_whole_call() {
    // One byte every 50 ms: each read succeeds long before any per-read
    // timeout, so only a deadline for the whole call ends it.
    let trickle = |prefix: &'static str| {
        move |s: &mut TcpStream| {
            s.write_all(prefix.as_bytes()).ok();
            for _ in 0..100 {
                if s.write_all(b"x").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    };
    for prefix in [
        "HTTP/1.1 200 OK\r\nX-Slow: ",
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
    ] {
        let server = Server::start(trickle(prefix));
        let (outcome, took) = call(&api(&server), json!({"ApiEndpoint": "api"}));
        let (error, cause) = error_of(&outcome);
        assert_eq!(error, "States.TaskFailed", "{prefix:?}");
        assert!(
            cause.starts_with("timed out after 0.4 s reading the response"),
            "{prefix:?}: {cause}"
        );
        assert!(took < Duration::from_secs(2), "{prefix:?}: {took:?}");
    }
}

#[test]
fn a_huge_body_is_refused_without_being_read() {
    let heads = [
        // No length: the body runs to the end of the connection.
        "HTTP/1.1 200 OK\r\n\r\n",
        // An honest length, far over the cap: refused before reading.
        "HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n",
    ];
    for head in heads {
        let sent = Arc::new(AtomicUsize::new(0));
        let written = sent.clone();
        let server = Server::start(move |s| {
            s.write_all(head.as_bytes()).ok();
            stream_bytes(s, &[b'a'; 65536], GB, &written);
        });
        let (outcome, took) = call(&api(&server), json!({"ApiEndpoint": "api"}));
        let (error, cause) = error_of(&outcome);
        assert_eq!(error, "States.DataLimitExceeded", "{head:?}: {cause}");
        assert!(cause.contains("is over 1048576 bytes"), "{cause}");
        assert!(took < Duration::from_secs(2), "{head:?}: {took:?}");
        std::thread::sleep(Duration::from_millis(50));
        let written = sent.load(Ordering::SeqCst);
        assert!(written < 64 << 20, "{head:?}: the server got {written} bytes out");
    }
}

#[test]
fn a_huge_chunked_body_and_endless_headers_are_refused() {
    let sent = Arc::new(AtomicUsize::new(0));
    let written = sent.clone();
    let server = Server::start(move |s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            .ok();
        let mut chunk = b"10000\r\n".to_vec();
        chunk.extend([b'a'; 0x10000]);
        chunk.extend(b"\r\n");
        stream_bytes(s, &chunk, GB, &written);
    });
    let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    assert_eq!(error_of(&outcome).0, "States.DataLimitExceeded");
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\n").ok();
        let header = format!("X-Big: {}\r\n", "b".repeat(1000));
        for _ in 0..200 {
            s.write_all(header.as_bytes()).ok();
        }
    });
    let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    let (error, cause) = error_of(&outcome);
    assert_eq!(error, "States.TaskFailed");
    assert!(
        cause.contains("the response headers from 127.0.0.1:") && cause.contains("are over 65536 bytes"),
        "{cause}"
    );
}

#[test]
fn a_content_length_that_lies_is_not_trusted() {
    // It says 5 and sends 1 GB: the body is the 5 bytes, read at once.
    let sent = Arc::new(AtomicUsize::new(0));
    let written = sent.clone();
    let server = Server::start(move |s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello").ok();
        stream_bytes(s, &[b'z'; 65536], GB, &written);
    });
    let (outcome, took) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    let result = outcome.result.expect("the first 5 bytes are the body");
    assert_eq!(result["ResponseBody"], json!("hello"));
    assert!(took < Duration::from_secs(2), "{took:?}");
    // It says 1000 and sends 5: the short body is an error, not a result.
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nhello")
            .ok();
    });
    let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    let (error, cause) = error_of(&outcome);
    assert_eq!(error, "States.TaskFailed");
    assert!(cause.contains("ended after 5 of 1000 bytes"), "{cause}");
    // Two lengths that disagree leave the end of the body unknowable.
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello!!")
            .ok();
    });
    let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    assert!(error_of(&outcome).1.contains("conflicting Content-Length"));
}

#[test]
fn malformed_responses_fail_cleanly() {
    let cases: [(&'static [u8], &str); 4] = [
        (b"garbage\r\n\r\n", "malformed status line \"garbage\""),
        (b"HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "malformed chunked body",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "malformed Content-Length \"-1\"",
        ),
    ];
    for (response, expected) in cases {
        let server = Server::start(move |s| {
            s.write_all(response).ok();
        });
        let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
        let (error, cause) = error_of(&outcome);
        assert_eq!(error, "States.TaskFailed");
        assert!(cause.contains(expected), "{expected:?} not in {cause:?}");
    }
}

/// The review's reproduction: a `Path.$` from the execution input that
/// holds CR LF would put a header and a second request on the wire.
#[test]
fn a_path_from_the_input_cannot_inject_a_header_or_a_request() {
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").ok();
    });
    let machine = Machine::from_json(&json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": API_GATEWAY_INVOKE,
        "Parameters": {"ApiEndpoint": "api", "Method": "GET", "Path.$": "$.p"},
        "End": true
    }}}))
    .unwrap();
    let runner = Runner::new().handler(API_GATEWAY_INVOKE, api(&server));
    let run = runner.run(
        &machine,
        json!({"p": "/a HTTP/1.1\r\nX-Injected: 1\r\n\r\nDELETE /admin"}),
    );
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
    let cause = run.cause.unwrap_or_default();
    assert!(
        cause.starts_with("the request was not sent: the path \"/a HTTP/1.1\\r\\nX-Injected: 1")
            && cause.contains("contains the control character '\\r'"),
        "{cause}"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 0, "{}", server.received());
}

#[test]
fn control_characters_anywhere_in_a_request_are_refused_before_connecting() {
    let server = Server::start(|_| {});
    let attempts = [
        (
            json!({"Path": "/a\nb"}),
            "the path \"/a\\nb\" contains the control character '\\n'",
        ),
        (json!({"Path": "/a\u{0}b"}), "control character '\\0'"),
        (json!({"Path": "/a\u{7f}"}), "control character '\\u{7f}'"),
        (
            json!({"Path": "/a?x=1\r\nX-Injected: 1"}),
            "the query string \"x=1\\r\\nX-Injected: 1\"",
        ),
        (
            json!({"Stage": "prod\r\nX-Injected: 1"}),
            "the path \"/prod\\r\\nX-Injected: 1/\"",
        ),
        (
            json!({"Method": "GET /admin HTTP/1.1\r\n"}),
            "Method \"GET /admin HTTP/1.1\\r\\n\" is not one of GET, POST",
        ),
        (
            json!({"Headers": {"X-Id": ["1\r\nX-Injected: 1"]}}),
            "the value of header X-Id \"1\\r\\nX-Injected: 1\" contains the control character '\\r'",
        ),
        (
            json!({"Headers": {"X-Injected: 1\r\nX-Id": ["1"]}}),
            "the header name \"X-Injected: 1\\r\\nX-Id\" is not an HTTP token",
        ),
        (
            json!({"Headers": {"X-Id": ["a\u{85}b"]}}),
            "control character '\\u{85}'",
        ),
    ];
    for (extra, expected) in attempts {
        let mut parameters = json!({"ApiEndpoint": "api", "Method": "GET"});
        for (k, v) in extra.as_object().unwrap() {
            parameters[k] = v.clone();
        }
        let (outcome, _) = call(&api(&server), parameters);
        let (error, cause) = error_of(&outcome);
        assert_eq!(error, "States.TaskFailed", "{extra}");
        assert!(cause.starts_with("the request was not sent: "), "{cause}");
        assert!(cause.contains(expected), "{expected:?} not in {cause:?}");
    }
    assert_eq!(server.connections.load(Ordering::SeqCst), 0, "{}", server.received());
}

#[test]
fn the_client_refuses_a_method_that_is_not_a_token() {
    let limits = Limits::default().timeout(DEADLINE);
    for method in ["GE T", "GET\r\nX: 1", "", "GET/"] {
        let e = request_with(&limits, method, "http://127.0.0.1:9/", &[], None).unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{method:?}: {e}");
        assert!(e.to_string().contains("is not an HTTP method name"), "{e}");
    }
}

#[test]
fn a_callers_framing_headers_are_dropped_and_the_body_framed_once() {
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").ok();
    });
    let (outcome, _) = call(
        &api(&server),
        json!({
            "ApiEndpoint": "api", "Method": "POST", "Path": "/a b",
            "Headers": {
                "Content-Length": ["0"], "Transfer-Encoding": ["chunked"],
                "Host": ["admin.internal"], "Connection": ["keep-alive"], "X-Kept": ["yes\tplease"]
            },
            "RequestBody": "hello"
        }),
    );
    assert!(outcome.result.is_ok(), "{outcome:?}");
    let request = server.received();
    let head = request
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(head.starts_with("post /a%20b http/1.1\r\n"), "{request}");
    assert_eq!(head.matches("content-length:").count(), 1, "{request}");
    assert!(head.contains("content-length: 5"), "{request}");
    assert!(
        !head.contains("transfer-encoding") && !head.contains("keep-alive"),
        "{request}"
    );
    assert_eq!(head.matches("host:").count(), 1, "{request}");
    assert!(!head.contains("admin.internal"), "{request}");
    assert!(head.contains("x-kept: yes\tplease"), "{request}");
    assert!(request.ends_with("\r\n\r\nhello"), "{request}");
}

#[test]
fn a_url_the_client_cannot_call_is_refused_with_the_reason() {
    let cases = [
        (
            "https://example.com",
            "only http:// URLs are supported (the local client has no TLS",
        ),
        (
            "http://user@127.0.0.1:9",
            "the host must be a name or address with an optional port",
        ),
        (
            "http://127.0.0.1:9\r\nX-Injected: 1",
            "the host must be a name or address",
        ),
    ];
    for (url, expected) in cases {
        let api = ApiGatewayInvoke::new().endpoint("*", url).timeout(DEADLINE);
        let (outcome, _) = call(&api, json!({"ApiEndpoint": "api"}));
        let (error, cause) = error_of(&outcome);
        assert_eq!(error, "States.TaskFailed");
        assert!(cause.contains(expected), "{url:?}: {cause}");
    }
}

#[test]
fn well_formed_chunked_and_head_responses_still_work() {
    // Many one-byte chunks and a trailer: each size line is bounded, not
    // their sum.
    let server = Server::start(|s| {
        let mut body = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for _ in 0..5000 {
            body.extend(b"1\r\na\r\n");
        }
        body.extend(b"0\r\nX-Trailer: t\r\n\r\n");
        s.write_all(&body).ok();
    });
    let (outcome, _) = call(&api(&server), json!({"ApiEndpoint": "api"}));
    let result = outcome.result.expect("a chunked body");
    assert_eq!(result["ResponseBody"].as_str().map(str::len), Some(5000));
    // A HEAD response announces a length but has no body: the call does not
    // wait for one.
    let server = Server::start(|s| {
        s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n").ok();
        std::thread::sleep(Duration::from_secs(2));
    });
    let (outcome, took) = call(&api(&server), json!({"ApiEndpoint": "api", "Method": "HEAD"}));
    assert_eq!(outcome.result.expect("a HEAD response")["StatusCode"], 200);
    assert!(took < Duration::from_secs(1), "{took:?}");
}
