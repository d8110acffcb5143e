//! A minimal HTTP/1.1 client for calling a local stand-in of an API
//! (`http://127.0.0.1:PORT`): enough for `apigateway:invoke`, without a TLS
//! stack or an async runtime.
//!
//! The method, path, query and headers of a request come from a state
//! machine's definition and its execution input, so the client treats them
//! as hostile:
//!
//! - A method or header name that is not an HTTP token, and a control
//!   character (CR, LF, NUL, DEL, ...; a tab is allowed in a header value)
//!   anywhere in the method, path, query or headers, is refused before
//!   anything is sent ([`Error::Invalid`]). Spaces, `"`, `<`, `>`, `\`, `^`,
//!   `` ` ``, `{`, `|`, `}`, `#` and non-ASCII characters in the path or
//!   query are percent-encoded, as API Gateway expects them.
//! - The client writes `Host`, `Connection: close` and, with a body,
//!   `Content-Length` itself. A caller's `Host`, `Connection`,
//!   `Content-Length`, `Transfer-Encoding` or `Trailer` header is dropped,
//!   not sent beside them (as Go's `net/http` does): two framings of one
//!   request are how requests are smuggled.
//! - One deadline bounds the whole call ([`Limits::timeout`], 30 s by
//!   default, the integration timeout of API Gateway's HTTP APIs):
//!   resolving, connecting, and every write and read wait at most for the
//!   time left, so a server that never answers or trickles a byte at a time
//!   fails with "timed out after 30 s" ([`Error::TimedOut`]).
//! - At most [`Limits::max_response_bytes`] of body are read (1 MiB by
//!   default; [`Error::TooLarge`]) and 64 KiB of status line and headers;
//!   a `Content-Length` is never trusted beyond that, and the client reads
//!   no more than a `Content-Length` announces.
//!
//! ```
//! use std::time::Duration;
//! use rcdk_states::http::{request_with, Error, Limits};
//!
//! let limits = Limits::default().timeout(Duration::from_secs(5));
//! let headers = [("X-Id".to_owned(), "1\r\nX-Injected: 1".to_owned())];
//! let e = request_with(&limits, "GET", "http://127.0.0.1:9/a", &headers, None).unwrap_err();
//! assert!(matches!(e, Error::Invalid(_)), "{e}");
//! ```

use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The default deadline of one call: 30 s, API Gateway's integration
/// timeout for HTTP APIs.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default cap on a response body: 1 MiB. A task result is limited to
/// 256 KiB; the cap leaves room for a JSON body that shrinks once its
/// whitespace is gone, and keeps memory bounded whatever the server sends.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1 << 20;

/// A response's status code, reason phrase and headers.
type Head = (u16, String, Vec<(String, String)>);

/// The most bytes of status line and headers read from a response.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Headers the client computes; a caller's copy is dropped, never sent
/// beside the client's (see the module docs).
const FRAMING_HEADERS: [&str; 5] = ["Host", "Connection", "Content-Length", "Transfer-Encoding", "Trailer"];

/// How long a call may take and how much it may read.
///
/// ```
/// use std::time::Duration;
/// use rcdk_states::http::Limits;
///
/// let limits = Limits::default().timeout(Duration::from_millis(500)).max_response_bytes(4096);
/// assert_eq!((limits.timeout, limits.max_response_bytes), (Duration::from_millis(500), 4096));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The deadline of the whole call: resolving, connecting, sending and
    /// reading the response.
    pub timeout: Duration,
    /// The most bytes of response body read; a larger body is an error.
    pub max_response_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl Limits {
    /// Sets the deadline of the whole call.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let limits = rcdk_states::http::Limits::default().timeout(Duration::from_secs(2));
    /// assert_eq!(limits.timeout, Duration::from_secs(2));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Limits {
        self.timeout = timeout;
        self
    }

    /// Sets the most bytes of response body read.
    ///
    /// ```
    /// let limits = rcdk_states::http::Limits::default().max_response_bytes(1024);
    /// assert_eq!(limits.max_response_bytes, 1024);
    /// ```
    pub fn max_response_bytes(mut self, bytes: usize) -> Limits {
        self.max_response_bytes = bytes;
        self
    }
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The request cannot be sent safely or is not HTTP (a control
    /// character, a method that is not a token, an `https://` URL): nothing
    /// was sent.
    Invalid(String),
    /// The call ran past [`Limits::timeout`].
    TimedOut(String),
    /// The response body is larger than [`Limits::max_response_bytes`].
    TooLarge(String),
    /// The connection failed, or the response is not valid HTTP or has
    /// more than 64 KiB of headers.
    Failed(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(m) | Error::TimedOut(m) | Error::TooLarge(m) | Error::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// A response.
#[derive(Clone, Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The reason phrase.
    pub reason: String,
    /// Headers, in order (names as sent).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Checks that the client can call `url`: an `http://` URL whose host is a
/// name or an address, with no control character in its path or query.
///
/// ```
/// use rcdk_states::http::check_url;
/// assert!(check_url("http://127.0.0.1:8080/prod").is_ok());
/// assert!(check_url("https://example.com").is_err());
/// ```
pub fn check_url(url: &str) -> Result<(), Error> {
    split_url(url).map(|_| ())
}

/// Sends a request to an `http://host:port/path` URL with the default
/// [`Limits`] (30 s, 1 MiB).
pub fn request(method: &str, url: &str, headers: &[(String, String)], body: Option<&[u8]>) -> Result<Response, Error> {
    request_with(&Limits::default(), method, url, headers, body)
}

/// Sends a request to an `http://host:port/path` URL within `limits`.
pub fn request_with(
    limits: &Limits,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&[u8]>,
) -> Result<Response, Error> {
    let call = Call::start(limits, url)?;
    let head = request_head(method, &call.authority, &call.target, headers, body.map(<[u8]>::len))?;
    let mut conn = call.connect()?;
    let sending = format!("sending the request to {}", call.authority);
    conn.write_all(head.as_bytes()).map_err(|e| call.io(e, &sending))?;
    if let Some(b) = body {
        conn.write_all(b).map_err(|e| call.io(e, &sending))?;
    }
    call.read_response(BufReader::new(conn), method == "HEAD")
}

/// One call in progress: where it goes and when it must end.
struct Call<'a> {
    limits: &'a Limits,
    authority: String,
    target: String,
    deadline: Instant,
}

impl<'a> Call<'a> {
    fn start(limits: &'a Limits, url: &str) -> Result<Call<'a>, Error> {
        let now = Instant::now();
        // A deadline too far to represent is no deadline worth keeping exact.
        let deadline = now
            .checked_add(limits.timeout)
            .unwrap_or_else(|| now + Duration::from_secs(365 * 86_400));
        let (authority, target) = split_url(url)?;
        Ok(Call {
            limits,
            authority,
            target,
            deadline,
        })
    }

    /// The time left, or a timeout error once there is none (a zero
    /// timeout would mean "block forever" to the socket).
    fn left(&self) -> io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        Ok(left)
    }

    /// An I/O error while `doing`; a timeout says which limit ran out
    /// instead of the OS's "Resource temporarily unavailable".
    fn io(&self, e: io::Error, doing: &str) -> Error {
        if is_timeout(&e) {
            self.timed_out(doing)
        } else {
            Error::Failed(format!("{doing}: {e}"))
        }
    }

    fn timed_out(&self, doing: &str) -> Error {
        Error::TimedOut(format!("timed out after {} s {doing}", seconds(self.limits.timeout)))
    }

    fn connect(&self) -> Result<Timed<'_, 'a>, Error> {
        let authority = &self.authority;
        let fail = |e: io::Error| {
            if is_timeout(&e) {
                self.timed_out(&format!("connecting to {authority}"))
            } else {
                Error::Failed(format!("cannot connect to {authority}: {e}"))
            }
        };
        let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
        for addr in self.resolve().map_err(fail)? {
            match TcpStream::connect_timeout(&addr, self.left().map_err(fail)?) {
                Ok(stream) => return Ok(Timed { stream, call: self }),
                Err(e) => last = e,
            }
        }
        Err(fail(last))
    }

    /// The addresses of the host. A name is resolved on a helper thread so
    /// that a resolver that hangs is bounded by the deadline too.
    fn resolve(&self) -> io::Result<Vec<SocketAddr>> {
        let authority = with_port(&self.authority);
        if let Ok(addr) = authority.parse::<SocketAddr>() {
            return Ok(vec![addr]);
        }
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("rcdk-states-resolve".into())
            .spawn(move || tx.send(authority.to_socket_addrs().map(Iterator::collect)))?;
        match rx.recv_timeout(self.left()?) {
            Ok(addrs) => addrs,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(io::ErrorKind::TimedOut.into()),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(io::Error::other("the resolver stopped")),
        }
    }

    fn read_response(&self, mut r: BufReader<Timed>, head_only: bool) -> Result<Response, Error> {
        let mut budget = Budget::new("headers", MAX_HEAD_BYTES);
        let (status, reason, headers) = loop {
            let head = self.read_head(&mut r, &mut budget)?;
            // 1xx responses are interim (101 would switch protocols): the
            // real one follows.
            if !(100..200).contains(&head.0) || head.0 == 101 {
                break head;
            }
        };
        let bodiless = head_only || status == 204 || status == 304 || (100..200).contains(&status);
        let body = if bodiless {
            Vec::new()
        } else {
            self.read_body(&mut r, &headers)?
        };
        Ok(Response {
            status,
            reason,
            headers,
            body,
        })
    }

    fn read_head(&self, r: &mut impl BufRead, budget: &mut Budget) -> Result<Head, Error> {
        let status_line = self.line(r, budget)?;
        let (status, reason) = parse_status_line(&status_line)
            .ok_or_else(|| Error::Failed(format!("malformed status line {status_line:?}")))?;
        let mut headers = Vec::new();
        loop {
            let line = self.line(r, budget)?;
            if line.is_empty() {
                return Ok((status, reason, headers));
            }
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| Error::Failed(format!("malformed response header {line:?}")))?;
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }

    /// One CRLF-terminated line, charged to `budget`.
    fn line(&self, r: &mut impl BufRead, budget: &mut Budget) -> Result<String, Error> {
        let mut buf = Vec::new();
        let reading = format!("reading the response from {}", self.authority);
        r.take(budget.left as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| self.io(e, &reading))?;
        if buf.len() > budget.left {
            return Err(Error::Failed(format!(
                "the response {} from {} are over {} bytes",
                budget.what, self.authority, budget.limit
            )));
        }
        budget.left -= buf.len();
        if buf.pop() != Some(b'\n') {
            return Err(Error::Failed(format!(
                "malformed HTTP response from {}: the connection closed in the {}",
                self.authority, budget.what
            )));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Ok(String::from_utf8_lossy(&buf).into_owned())
    }

    fn read_body(&self, r: &mut impl BufRead, headers: &[(String, String)]) -> Result<Vec<u8>, Error> {
        let coding = headers
            .iter()
            .rfind(|(k, _)| k.eq_ignore_ascii_case("Transfer-Encoding"));
        match coding {
            Some((_, v))
                if v.rsplit(',')
                    .next()
                    .is_some_and(|c| c.trim().eq_ignore_ascii_case("chunked")) =>
            {
                self.read_chunked(r)
            }
            // Any other transfer coding ends with the connection (RFC 9112 6.3).
            Some(_) => self.read_to_end(r),
            None => match content_length(headers)? {
                Some(n) => self.read_exact(r, n),
                None => self.read_to_end(r),
            },
        }
    }

    fn too_large(&self) -> Error {
        Error::TooLarge(format!(
            "the response body from {} is over {} bytes, the most the client reads",
            self.authority, self.limits.max_response_bytes
        ))
    }

    /// Exactly `n` bytes, never more: a `Content-Length` that understates
    /// the body ends the read, and one that overstates it is an error.
    fn read_exact(&self, r: &mut impl BufRead, n: u64) -> Result<Vec<u8>, Error> {
        if n > self.limits.max_response_bytes as u64 {
            return Err(self.too_large());
        }
        let mut buf = Vec::new();
        let reading = format!("reading the response body from {}", self.authority);
        r.take(n).read_to_end(&mut buf).map_err(|e| self.io(e, &reading))?;
        if (buf.len() as u64) < n {
            return Err(Error::Failed(format!(
                "the response from {} ended after {} of {n} bytes",
                self.authority,
                buf.len()
            )));
        }
        Ok(buf)
    }

    fn read_to_end(&self, r: &mut impl BufRead) -> Result<Vec<u8>, Error> {
        let mut buf = Vec::new();
        let reading = format!("reading the response body from {}", self.authority);
        r.take((self.limits.max_response_bytes as u64).saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| self.io(e, &reading))?;
        if buf.len() > self.limits.max_response_bytes {
            return Err(self.too_large());
        }
        Ok(buf)
    }

    fn read_chunked(&self, r: &mut impl BufRead) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        let mut trailers = Budget::new("trailers", MAX_HEAD_BYTES);
        let malformed = || Error::Failed(format!("malformed chunked body from {}", self.authority));
        loop {
            // Each chunk adds at least a byte to the capped body, so a fresh
            // allowance per size line still bounds the whole read.
            let line = self.line(r, &mut Budget::new("chunk-size lines", 1024))?;
            let size_text = line.split(';').next().unwrap_or_default().trim();
            if size_text.is_empty() || !size_text.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(malformed());
            }
            let size = u64::from_str_radix(size_text, 16).map_err(|_| malformed())?;
            if size == 0 {
                // Trailers, up to the empty line that ends the message.
                while !self.line(r, &mut trailers)?.is_empty() {}
                return Ok(out);
            }
            if size > (self.limits.max_response_bytes - out.len()) as u64 {
                return Err(self.too_large());
            }
            out.extend(self.read_exact(r, size)?);
            if !self.line(r, &mut Budget::new("chunk-size lines", 1024))?.is_empty() {
                return Err(malformed());
            }
        }
    }
}

/// How many more bytes of lines (headers, trailers) may be read.
struct Budget {
    what: &'static str,
    limit: usize,
    left: usize,
}

impl Budget {
    fn new(what: &'static str, limit: usize) -> Budget {
        Budget {
            what,
            limit,
            left: limit,
        }
    }
}

fn is_timeout(e: &io::Error) -> bool {
    // Linux reports a socket timeout as EAGAIN ("Resource temporarily
    // unavailable"), Windows as TimedOut.
    matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)
}

/// A connection whose every read and write waits at most for the time left
/// before the call's deadline: a per-read timeout alone would let a server
/// that sends one byte per timeout keep the call alive forever.
struct Timed<'c, 'a> {
    stream: TcpStream,
    call: &'c Call<'a>,
}

impl Read for Timed<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.call.left()?))?;
        self.stream.read(buf)
    }
}

impl Write for Timed<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.call.left()?))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// The authority and the request target of an `http://` URL, the target
/// checked for control characters and percent-encoded where HTTP requires.
fn split_url(url: &str) -> Result<(String, String), Error> {
    let rest = url
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .map(|_| &url[7..])
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{}: only http:// URLs are supported (the local client has no TLS; map the endpoint to a local http:// stand-in)",
                shown(url)
            ))
        })?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, target) = rest.split_at(end);
    let host_char = |c: char| c.is_ascii_alphanumeric() || ".-_:[]".contains(c);
    if authority.is_empty() || !authority.chars().all(host_char) {
        return Err(Error::Invalid(format!(
            "{}: the host must be a name or address with an optional port, such as 127.0.0.1:8080",
            shown(url)
        )));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    check_no_controls(path, "path")?;
    check_no_controls(query, "query string")?;
    let target = if target.starts_with('/') {
        encode_target(target)
    } else {
        format!("/{}", encode_target(target))
    };
    Ok((authority.to_owned(), target))
}

/// Percent-encodes what may not appear raw in a request target; `%` stays,
/// so an already encoded path is sent as it is.
fn encode_target(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    for c in target.chars() {
        if c.is_ascii_graphic() && !"\"<>\\^`{|}#".contains(c) {
            out.push(c);
        } else {
            for b in c.to_string().bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn check_no_controls(text: &str, what: &str) -> Result<(), Error> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(Error::Invalid(format!(
            "the {what} {} contains the control character {c:?}; CR, LF and other control characters cannot be sent in a request",
            shown(text)
        ))),
        None => Ok(()),
    }
}

/// An HTTP token (RFC 9110 5.6.2): what a method or header name must be.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn request_head(
    method: &str,
    authority: &str,
    target: &str,
    headers: &[(String, String)],
    body_len: Option<usize>,
) -> Result<String, Error> {
    if !is_token(method) {
        return Err(Error::Invalid(format!(
            "the method {} is not an HTTP method name (letters, digits and !#$%&'*+-.^_`|~ only)",
            shown(method)
        )));
    }
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (name, value) in headers {
        check_header(name, value)?;
        if !FRAMING_HEADERS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if let Some(n) = body_len {
        head.push_str(&format!("Content-Length: {n}\r\n"));
    }
    head.push_str("\r\n");
    Ok(head)
}

fn check_header(name: &str, value: &str) -> Result<(), Error> {
    if !is_token(name) {
        return Err(Error::Invalid(format!(
            "the header name {} is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)",
            shown(name)
        )));
    }
    // A tab is the one control character a header value may hold.
    match value.chars().find(|c| c.is_control() && *c != '\t') {
        Some(c) => Err(Error::Invalid(format!(
            "the value of header {name} {} contains the control character {c:?}; CR, LF and other control characters cannot be sent in a header",
            shown(value)
        ))),
        None => Ok(()),
    }
}

/// `HTTP/1.x SP 3DIGIT [SP reason]`.
fn parse_status_line(line: &str) -> Option<(u16, String)> {
    let mut parts = line.splitn(3, ' ');
    let version = parts.next()?;
    let code = parts.next()?;
    if !version.starts_with("HTTP/1.") || code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((code.parse().ok()?, parts.next().unwrap_or_default().to_owned()))
}

/// The response's `Content-Length`; several that disagree, or one that is
/// not a number, make the body's end unknowable, so they are an error.
fn content_length(headers: &[(String, String)]) -> Result<Option<u64>, Error> {
    let mut found: Option<u64> = None;
    let values = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .flat_map(|(_, v)| v.split(','));
    for v in values {
        let v = v.trim();
        let n = Some(v)
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| Error::Failed(format!("malformed Content-Length {v:?} in the response")))?;
        if found.is_some_and(|f| f != n) {
            return Err(Error::Failed(
                "the response has conflicting Content-Length headers".into(),
            ));
        }
        found = Some(n);
    }
    Ok(found)
}

/// `host:port`, adding HTTP's port 80 when the authority has none.
fn with_port(authority: &str) -> String {
    let has_port = match authority.rfind(']') {
        Some(i) => authority[i..].contains(':'),
        None => authority.contains(':'),
    };
    if has_port {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    }
}

/// A value for a message: quoted and escaped (so CR and LF show as `\r`
/// and `\n`), and cut short when long.
fn shown(text: &str) -> String {
    const MAX: usize = 120;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{:?}...", &text[..i]),
        None => format!("{text:?}"),
    }
}

/// `30`, `0.2`: a duration as a person reads it.
fn seconds(d: Duration) -> String {
    format!("{}", d.as_secs_f64())
}
