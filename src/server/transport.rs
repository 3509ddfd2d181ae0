//! The stdio transport: LSP frames are read and checked here, between the editor and
//! tower-lsp-server, which gets only well-formed JSON-RPC 2.0 messages.
//!
//! tower-lsp-server's own reader ends the session at the first message it cannot
//! decode (invalid JSON, a float id, a batch, `"jsonrpc": "1.0"`), and the server then
//! exited 0 without a word. Here a malformed message is answered with Parse error or
//! Invalid Request and the next one is read. Only when the framing itself is lost (no
//! `Content-Length`, a length that is no number, the input ending inside a message) is
//! there no next message to find: the reason goes to stderr and the process exits 2,
//! so that the editor restarts the server.
//!
//! The protocol's edges the library leaves open are kept here too: a request for a
//! `$/` method is answered MethodNotFound (the library swallows it, so the client
//! waited forever), and the exit code says whether `exit` came after `shutdown`.
//!
//! Every message to the client, the server's and this filter's, goes through one
//! writer task, so frames are written whole and never interleave.

use std::fmt;
use std::future::Future;
use std::io;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

/// Bytes of one message from the client; a larger one is skipped and answered. The
/// largest report the tests open is 20 MB.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// Bytes of one header line, line break included.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// Bytes buffered between this filter and the server, each way.
const PIPE: usize = 64 * 1024;
/// Messages waiting for the writer.
const QUEUE: usize = 64;

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// How a session over stdio ended.
#[derive(Debug)]
pub enum Ending {
    /// The client sent `exit`, after `shutdown` or not.
    Exit { after_shutdown: bool },
    /// The input ended between two messages.
    EndOfInput,
    /// The input cannot be split into messages any more.
    FramingLost(FramingLost),
    /// The server stopped reading before the client said `exit`.
    ServerGone,
}

impl Ending {
    /// The process's exit code: 0 for an orderly end, 1 for `exit` without `shutdown`
    /// (as the LSP specification asks), 2 when the transport failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Ending::Exit { after_shutdown: true } | Ending::EndOfInput => 0,
            Ending::Exit { after_shutdown: false } => 1,
            Ending::FramingLost(_) | Ending::ServerGone => 2,
        }
    }
}

/// Why no further message can be found in the input.
#[derive(Debug, thiserror::Error)]
pub enum FramingLost {
    #[error("a message has no Content-Length header")]
    MissingLength,
    #[error("the Content-Length header `{0}` is not a number of bytes")]
    BadLength(String),
    #[error("`{0}` is not a `Name: value` header line")]
    BadHeader(String),
    #[error("a header line is longer than {MAX_HEADER_LINE} bytes")]
    LongHeader,
    #[error("the input ended inside a message's headers")]
    EndInHeaders,
    #[error("the input ended {got} bytes into a message of {expected} bytes")]
    EndInBody { expected: usize, got: usize },
    #[error("reading the input failed: {0}")]
    Io(#[from] io::Error),
}

/// One frame's content.
#[derive(Debug, PartialEq)]
pub enum Frame {
    Message(Vec<u8>),
    /// A message longer than the reader's bound, skipped: its length.
    TooLarge(usize),
}

/// Reads the base protocol's frames: header lines (`Content-Length` in any case, other
/// headers ignored), a blank line, and that many bytes of content.
pub struct FrameReader<R> {
    input: BufReader<R>,
    max: usize,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(input: R, max: usize) -> Self {
        FrameReader { input: BufReader::new(input), max }
    }

    /// The next frame; `None` when the input ends between frames.
    pub async fn next(&mut self) -> Result<Option<Frame>, FramingLost> {
        let Some(len) = self.headers().await? else { return Ok(None) };
        let mut content = (&mut self.input).take(len as u64);
        if len > self.max {
            let got = tokio::io::copy(&mut content, &mut tokio::io::sink()).await?;
            return if got < len as u64 {
                Err(FramingLost::EndInBody { expected: len, got: got as usize })
            } else {
                Ok(Some(Frame::TooLarge(len)))
            };
        }
        // Grown as the bytes come, not reserved from the header: a header may lie.
        let mut body = Vec::new();
        content.read_to_end(&mut body).await?;
        if body.len() < len {
            return Err(FramingLost::EndInBody { expected: len, got: body.len() });
        }
        Ok(Some(Frame::Message(body)))
    }

    /// The content length from the next frame's headers; `None` at the end of input.
    async fn headers(&mut self) -> Result<Option<usize>, FramingLost> {
        let mut len = None;
        let mut any = false;
        loop {
            let mut line = Vec::new();
            (&mut self.input).take(MAX_HEADER_LINE as u64).read_until(b'\n', &mut line).await?;
            if line.is_empty() {
                return if any { Err(FramingLost::EndInHeaders) } else { Ok(None) };
            }
            if line.pop() != Some(b'\n') {
                let long = line.len() + 1 >= MAX_HEADER_LINE;
                return Err(if long { FramingLost::LongHeader } else { FramingLost::EndInHeaders });
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if line.is_empty() {
                // A stray blank line between frames is harmless; after headers it ends them.
                if !any {
                    continue;
                }
                return len.map(Some).ok_or(FramingLost::MissingLength);
            }
            any = true;
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':').filter(|(n, _)| is_header_name(n)) else {
                return Err(FramingLost::BadHeader(text.chars().take(80).collect()));
            };
            if name.eq_ignore_ascii_case("content-length") {
                let value = value.trim();
                let parsed = value.bytes().all(|b| b.is_ascii_digit()).then(|| value.parse::<usize>().ok()).flatten();
                len = Some(parsed.ok_or_else(|| FramingLost::BadLength(value.chars().take(40).collect()))?);
            }
        }
    }
}

/// An HTTP token, as the base protocol's header names are.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What the filter does with one message.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// A request (with its id) or a notification, for the server.
    Call { method: String, id: Option<Value> },
    /// A response to one of the server's requests.
    Response,
    /// Not a valid message: answered with this error, to this id (`null` when the
    /// message's own id cannot be read).
    Refuse { code: i64, message: String, id: Value },
    /// A response from the client that the server could not read: a response is never
    /// answered, so it is only logged.
    Drop(String),
}

/// Checks one message's content as JSON-RPC 2.0, the subset LSP uses: an object with
/// `"jsonrpc": "2.0"`, a string `method` and an integer or string `id` for a request,
/// or an `id` and a `result` or `error` for a response. What passes here the server's
/// own decoder reads, so it never ends the session.
pub fn check(content: &[u8]) -> Verdict {
    let refuse = |code, message: &str, id: Value| Verdict::Refuse { code, message: message.to_string(), id };
    if std::str::from_utf8(content).is_err() {
        return refuse(PARSE_ERROR, "Parse error: the message is not UTF-8", Value::Null);
    }
    let first = content.iter().find(|b| !b.is_ascii_whitespace());
    let envelope = match serde_json::from_slice::<Envelope>(content) {
        Ok(envelope) => envelope,
        Err(err) if err.is_data() && first == Some(&b'[') => {
            return refuse(
                INVALID_REQUEST,
                "Invalid Request: LSP has no batches; send one message at a time",
                Value::Null,
            );
        }
        Err(err) if err.is_data() => {
            return refuse(INVALID_REQUEST, &format!("Invalid Request: {err}"), Value::Null);
        }
        Err(err) => return refuse(PARSE_ERROR, &format!("Parse error: {err}"), Value::Null),
    };
    let id = envelope.id.as_ref().filter(|id| id.is_i64() || id.is_string()).cloned();
    let answer_to = id.clone().unwrap_or(Value::Null);
    if envelope.jsonrpc.as_ref().and_then(Value::as_str) != Some("2.0") {
        return refuse(INVALID_REQUEST, "Invalid Request: `jsonrpc` must be \"2.0\"", answer_to);
    }
    match (&envelope.method, envelope.result.is_some() || envelope.error.is_some()) {
        (Some(_), true) => {
            refuse(INVALID_REQUEST, "Invalid Request: a message is a request or a response, not both", answer_to)
        }
        (Some(Value::String(method)), false) => match (&envelope.id, id) {
            (Some(_), None) => {
                refuse(INVALID_REQUEST, "Invalid Request: an `id` is an integer or a string", Value::Null)
            }
            (_, id) => Verdict::Call { method: method.clone(), id },
        },
        (Some(_), false) => refuse(INVALID_REQUEST, "Invalid Request: `method` must be a string", answer_to),
        (None, true) => match serde_json::from_slice::<tower_lsp_server::jsonrpc::Response>(content) {
            Ok(_) => Verdict::Response,
            Err(err) => Verdict::Drop(format!("a response the server cannot read ({err})")),
        },
        (None, false) => refuse(INVALID_REQUEST, "Invalid Request: no `method`, `result` or `error`", answer_to),
    }
}

/// The members of a message that decide what it is. Every other member is read through
/// (not kept), with the same depth limit the server's decoder has.
#[derive(Default)]
struct Envelope {
    jsonrpc: Option<Value>,
    id: Option<Value>,
    method: Option<Value>,
    result: Option<Skip>,
    error: Option<Value>,
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-RPC message object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut e = Envelope::default();
        let mut params = false;
        // A member given twice makes the server's decoder fail, so it is refused here.
        fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, name: &'static str) -> Result<(), E> {
            match slot.replace(value) {
                Some(_) => Err(E::duplicate_field(name)),
                None => Ok(()),
            }
        }
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "jsonrpc" => once(&mut e.jsonrpc, map.next_value()?, "jsonrpc")?,
                "id" => once(&mut e.id, map.next_value()?, "id")?,
                "method" => once(&mut e.method, map.next_value()?, "method")?,
                "result" => once(&mut e.result, map.next_value()?, "result")?,
                "error" => once(&mut e.error, map.next_value()?, "error")?,
                "params" => {
                    if std::mem::replace(&mut params, true) {
                        return Err(de::Error::duplicate_field("params"));
                    }
                    map.next_value::<Skip>()?;
                }
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(e)
    }
}

/// Any JSON value, read and thrown away. Unlike `IgnoredAny` it goes through
/// `deserialize_any`, so nesting deeper than the server's decoder allows fails here too.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry_seed(SkipSeed, SkipSeed)?.is_some() {}
        Ok(Skip)
    }
}

struct SkipSeed;

impl<'de> DeserializeSeed<'de> for SkipSeed {
    type Value = Skip;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }
}

/// Serves one session: `server` gets the two ends it reads its input from and writes
/// its output to; the client's messages reach it through [`check`], and both its
/// answers and the filter's go out through one writer.
pub async fn serve<I, O, S, F>(stdin: I, stdout: O, server: S) -> Ending
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
    S: FnOnce(DuplexStream, DuplexStream) -> F,
    F: Future<Output = ()>,
{
    let (to_server, server_input) = tokio::io::duplex(PIPE);
    let (server_output, from_server) = tokio::io::duplex(PIPE);
    let (outgoing, queue) = mpsc::channel(QUEUE);
    let filter = filter(FrameReader::new(stdin, MAX_MESSAGE), to_server, outgoing.clone());
    let rest = async {
        tokio::join!(server(server_input, server_output), relay(from_server, outgoing), write(stdout, queue));
    };
    tokio::pin!(filter, rest);
    let ending = tokio::select! {
        biased;
        ending = &mut filter => ending,
        () = &mut rest => return Ending::ServerGone,
    };
    // After a lost framing nothing more is owed to the client: exit at once. Otherwise
    // let the server finish the requests it has and their answers go out.
    if !matches!(ending, Ending::FramingLost(_)) {
        rest.await;
    }
    ending
}

/// Reads the client's frames, passes the valid messages on to the server and answers
/// the rest, until `exit`, the end of input or a lost framing.
async fn filter<R: AsyncRead + Unpin>(
    mut frames: FrameReader<R>,
    mut to_server: DuplexStream,
    outgoing: mpsc::Sender<Vec<u8>>,
) -> Ending {
    let answer = |code: i64, message: &str, id: Value| {
        let response = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
        response.to_string().into_bytes()
    };
    let mut shut_down = false;
    loop {
        let content = match frames.next().await {
            Ok(Some(Frame::Message(content))) => content,
            Ok(Some(Frame::TooLarge(len))) => {
                let message = format!("Invalid Request: a message of {len} bytes; the limit is {MAX_MESSAGE}");
                eprintln!("summit-ls: skipped {message}");
                let _ = outgoing.send(answer(INVALID_REQUEST, &message, Value::Null)).await;
                continue;
            }
            Ok(None) => return Ending::EndOfInput,
            Err(lost) => return Ending::FramingLost(lost),
        };
        let call = match check(&content) {
            Verdict::Call { method, id } => (method, id),
            Verdict::Response => {
                if send(&mut to_server, &content).await.is_err() {
                    return Ending::ServerGone;
                }
                continue;
            }
            Verdict::Refuse { code, message, id } => {
                eprintln!("summit-ls: answered a malformed message: {message}");
                let _ = outgoing.send(answer(code, &message, id)).await;
                continue;
            }
            Verdict::Drop(why) => {
                eprintln!("summit-ls: ignored {why}");
                continue;
            }
        };
        match call {
            (method, Some(id)) if method.starts_with("$/") => {
                let message = format!("Method not found: {method}");
                let _ = outgoing.send(answer(METHOD_NOT_FOUND, &message, id)).await;
            }
            (method, id) => {
                shut_down |= method == "shutdown" && id.is_some();
                if send(&mut to_server, &content).await.is_err() {
                    return Ending::ServerGone;
                }
                if method == "exit" {
                    return Ending::Exit { after_shutdown: shut_down };
                }
            }
        }
    }
}

/// Passes the server's frames, whole, to the writer.
async fn relay(from_server: DuplexStream, outgoing: mpsc::Sender<Vec<u8>>) {
    let mut frames = FrameReader::new(from_server, usize::MAX);
    loop {
        match frames.next().await {
            Ok(Some(Frame::Message(content))) => {
                if outgoing.send(content).await.is_err() {
                    return;
                }
            }
            Ok(Some(Frame::TooLarge(_))) | Ok(None) => return,
            Err(err) => {
                eprintln!("summit-ls: cannot read the server's own output: {err}");
                return;
            }
        }
    }
}

/// Writes each message as one frame, in the order they come.
async fn write<O: AsyncWrite + Unpin>(mut stdout: O, mut queue: mpsc::Receiver<Vec<u8>>) {
    while let Some(content) = queue.recv().await {
        if send(&mut stdout, &content).await.is_err() {
            // The client closed its input: nothing more can reach it.
            return;
        }
    }
}

async fn send<W: AsyncWrite + Unpin>(out: &mut W, content: &[u8]) -> io::Result<()> {
    out.write_all(format!("Content-Length: {}\r\n\r\n", content.len()).as_bytes()).await?;
    out.write_all(content).await?;
    out.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8], max: usize) -> Vec<Result<Frame, String>> {
        let mut reader = FrameReader::new(input, max);
        let mut out = Vec::new();
        loop {
            match reader.next().await {
                Ok(Some(frame)) => out.push(Ok(frame)),
                Ok(None) => return out,
                Err(err) => {
                    out.push(Err(err.to_string()));
                    return out;
                }
            }
        }
    }

    fn message(content: &str) -> Result<Frame, String> {
        Ok(Frame::Message(content.as_bytes().to_vec()))
    }

    #[tokio::test]
    async fn frames_are_read_with_headers_in_any_case_and_others_ignored() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]\r\nCONTENT-LENGTH: 1\n\n7";
        assert_eq!(frames(input, 100).await, [message("{}"), message("[1]"), message("7")]);
    }

    #[tokio::test]
    async fn the_end_of_input_between_frames_ends_the_stream() {
        assert_eq!(frames(b"", 100).await, []);
        assert_eq!(frames(b"Content-Length: 2\r\n\r\n{}", 100).await, [message("{}")]);
    }

    #[tokio::test]
    async fn a_lost_framing_is_an_error_that_says_why() {
        let cases: [(&[u8], &str); 6] = [
            (b"Content-Length: 10\r\n\r\n{}", "the input ended 2 bytes into a message of 10 bytes"),
            (b"Content-Length: ten\r\n\r\n{}", "`ten` is not a number"),
            (b"Content-Length: -1\r\n\r\n{}", "`-1` is not a number"),
            (b"Content-Type: x\r\n\r\n{}", "no Content-Length"),
            (b"{\"jsonrpc\": \"2.0\"}\r\n\r\n", "not a `Name: value` header line"),
            (b"Content-Length: 2\r\n", "ended inside a message's headers"),
        ];
        for (input, why) in cases {
            let got = frames(input, 100).await;
            let last = got.last().and_then(|f| f.as_ref().err()).cloned().unwrap_or_default();
            assert!(last.contains(why), "{:?}: {got:?}", String::from_utf8_lossy(input));
        }
    }

    #[tokio::test]
    async fn a_header_line_without_end_is_cut_at_its_bound() {
        let input = vec![b'X'; MAX_HEADER_LINE * 4];
        assert_eq!(frames(&input, 100).await, [Err(FramingLost::LongHeader.to_string())]);
    }

    #[tokio::test]
    async fn a_frame_over_the_bound_is_skipped_and_the_next_read() {
        let big = format!("Content-Length: 1000\r\n\r\n{}Content-Length: 2\r\n\r\n{{}}", "x".repeat(1000));
        assert_eq!(frames(big.as_bytes(), 100).await, [Ok(Frame::TooLarge(1000)), message("{}")]);
    }

    fn refused(content: &str) -> (i64, Value) {
        match check(content.as_bytes()) {
            Verdict::Refuse { code, id, .. } => (code, id),
            other => panic!("{content}: {other:?}"),
        }
    }

    #[test]
    fn malformed_messages_are_refused_with_their_id_when_it_can_be_read() {
        let depth = 10_000;
        let deep =
            format!(r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        let cases = [
            (r#"{"jsonrpc":"2.0","#, PARSE_ERROR, Value::Null),
            ("", PARSE_ERROR, Value::Null),
            (&deep, PARSE_ERROR, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#, INVALID_REQUEST, json!(7)),
            (r#"{"id":"seven","method":"x"}"#, INVALID_REQUEST, json!("seven")),
            (r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#, INVALID_REQUEST, Value::Null),
            ("[]", INVALID_REQUEST, Value::Null),
            ("3", INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":4,"method":5}"#, INVALID_REQUEST, json!(4)),
            (r#"{"jsonrpc":"2.0","id":4,"method":"a","method":"b"}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":4,"method":"a","params":1,"params":2}"#, INVALID_REQUEST, Value::Null),
            (r#"{"jsonrpc":"2.0","id":4}"#, INVALID_REQUEST, json!(4)),
            (r#"{"jsonrpc":"2.0","id":4,"method":"a","result":1}"#, INVALID_REQUEST, json!(4)),
        ];
        for (content, code, id) in cases {
            assert_eq!(refused(content), (code, id), "{}", content.chars().take(80).collect::<String>());
        }
        assert!(matches!(
            check(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}"),
            Verdict::Refuse { code: PARSE_ERROR, .. }
        ));
    }

    #[test]
    fn what_passes_the_check_the_server_can_decode() {
        use tower_lsp_server::jsonrpc::{Request, Response};
        let calls = [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"exit","extra":[[[1]]]}"#,
            r#"{"params":null,"method":"$/cancelRequest","jsonrpc":"2.0"}"#,
        ];
        for content in calls {
            assert!(matches!(check(content.as_bytes()), Verdict::Call { .. }), "{content}");
            assert!(serde_json::from_str::<Request>(content).is_ok(), "{content}");
        }
        let responses = [
            r#"{"jsonrpc":"2.0","id":1,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#,
        ];
        for content in responses {
            assert_eq!(check(content.as_bytes()), Verdict::Response, "{content}");
            assert!(serde_json::from_str::<Response>(content).is_ok(), "{content}");
        }
        let unreadable = r#"{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}"#;
        assert!(matches!(check(unreadable.as_bytes()), Verdict::Drop(_)));
    }

    #[test]
    fn a_request_and_its_id_are_read() {
        let got = check(br#"{"jsonrpc":"2.0","id":3,"method":"$/foo"}"#);
        assert_eq!(got, Verdict::Call { method: "$/foo".into(), id: Some(json!(3)) });
        let note = check(br#"{"jsonrpc":"2.0","method":"$/foo"}"#);
        assert_eq!(note, Verdict::Call { method: "$/foo".into(), id: None });
    }
}
