//! The preview's HTTP side: serves the snapshot in memory under
//! `base_url`, injects the live-reload script into pages, and streams
//! reload events. Serves nothing but the built site.

use super::preview::Snapshot;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// The path under `base_url` of the preview's own endpoints.
pub const INTERNAL: &str = "__policybook/";

/// Under [`INTERNAL`]: a page's long sentences, by the page's path
/// (`__policybook/sentences/policies/x.html`), as JSON.
const SENTENCES: &str = "sentences/";

/// What the handlers share: the current snapshot and the reload signal.
pub struct AppState {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub reload: broadcast::Sender<u64>,
}

impl AppState {
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Publishes a new snapshot and tells every open page to reload.
    pub fn publish(&self, snapshot: Arc<Snapshot>) {
        let version = snapshot.version;
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = snapshot;
        let _ = self.reload.send(version);
    }
}

pub fn router(state: Arc<AppState>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(state)
}

/// How long a connection may take to send a request's headers.
const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Answers connections on `listener` with `router` until `stop` resolves.
/// Written here rather than with `axum::serve`, which has no way to set a
/// time limit on reading a request's headers: without one, a page could
/// hold connections open for ever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A connection that failed before it was accepted (the
                // other end gone, too many open files): try the next one,
                // after a moment, so that a lasting failure does not spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Whether a request's `Host` may be answered: a name for this computer
/// (`localhost`) or an address, with any port. A page on another site
/// whose name was made to point at 127.0.0.1 (DNS rebinding) sends its
/// own name, and is refused, so it cannot read the preview.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else {
        // HTTP/1.0 clients send none; browsers always do.
        return true;
    };
    let name = match host.strip_prefix('[') {
        // `[::1]:4000`
        Some(rest) => {
            return rest
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv6Addr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// Whether a request path is one we answer at all: no `..` segments,
/// backslashes or NULs, raw or percent-encoded.
pub fn is_safe_path(raw: &str) -> bool {
    let decoded = decode(raw);
    !decoded.contains('\\')
        && !decoded.contains('\0')
        && !decoded.split('/').any(|s| s == ".." || s == ".")
}

/// A request path with `%20` and friends decoded; bytes that are not
/// UTF-8 become U+FFFD (so name no file).
fn decode(path: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy()
}

async fn handle(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("?"));
    if !host_allowed(host) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "This preview answers only to localhost or an address such as 127.0.0.1.",
        )
            .into_response();
    }
    let raw = req.uri().path().to_string();
    if !is_safe_path(&raw) {
        return (
            StatusCode::BAD_REQUEST,
            "Bad request: the path may not contain ..",
        )
            .into_response();
    }
    let snap = state.current();
    let base = snap.base_url.as_str();
    if !raw.starts_with(base) {
        if format!("{raw}/") == base || raw == "/" {
            return redirect(base);
        }
        return not_found(&snap);
    }
    let rel = decode(&raw[base.len()..]).into_owned();
    if let Some(internal) = rel.strip_prefix(INTERNAL) {
        return match internal {
            "events" => events(&state).into_response(),
            "live.js" => with_type(
                include_str!("live.js").as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
            ),
            "status.json" => with_type(
                serde_json::to_vec(&snap.status).unwrap_or_default(),
                "application/json; charset=utf-8",
            ),
            _ => match internal.strip_prefix(SENTENCES) {
                Some(page) => {
                    let none = Default::default();
                    let sentences = snap.sentences.get(page).map_or(&none, |p| &**p);
                    with_type(
                        serde_json::to_vec(sentences).unwrap_or_default(),
                        "application/json; charset=utf-8",
                    )
                }
                None => not_found(&snap),
            },
        };
    }
    let mut rel = rel;
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str(crate::site::render::urls::HOME);
    }
    if rel.starts_with("search/")
        && let Some(search) = &snap.search
    {
        let file = search.lock().unwrap_or_else(|e| e.into_inner()).file(&rel);
        return match file {
            Some(bytes) => page(&snap, &rel, &bytes, StatusCode::OK),
            None => not_found(&snap),
        };
    }
    match snap.files.get(&rel) {
        Some(bytes) => page(&snap, &rel, bytes, StatusCode::OK),
        None if snap.files.contains_key(&format!("{rel}/index.html")) => {
            redirect(&format!("{raw}/"))
        }
        None => not_found(&snap),
    }
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn not_found(snap: &Snapshot) -> Response {
    let not_found = crate::site::render::urls::NOT_FOUND;
    match snap.files.get(not_found) {
        Some(bytes) => page(snap, not_found, bytes, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

fn page(snap: &Snapshot, rel: &str, bytes: &[u8], status: StatusCode) -> Response {
    let kind = content_type(rel);
    let body = if kind.starts_with("text/html") {
        inject(bytes, &snap.base_url, rel)
    } else {
        bytes.to_vec()
    };
    let mut r = with_type(body, kind);
    *r.status_mut() = status;
    r
}

fn with_type(body: Vec<u8>, kind: &'static str) -> Response {
    let mut r = Response::new(Body::from(body));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Adds the live-reload script before `</body>`, with the page's path
/// (`rel`), whose long sentences it asks for.
fn inject(html: &[u8], base: &str, rel: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{base}{INTERNAL}live.js\" data-base=\"{base}\" data-page=\"{}\"></script>",
        crate::handbook::markdown::escape(rel)
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The content type for a file name.
pub fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

fn events(
    state: &AppState,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>> + use<>> {
    let rx = state.reload.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(version) => {
                    return Some((
                        Ok(Event::default().event("reload").data(version.to_string())),
                        rx,
                    ));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths() {
        for p in [
            "/../Cargo.toml",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E/",
            "/a/%2e%2e",
            "/a\\..\\b",
            "/x%00",
            "/./a",
        ] {
            assert!(!is_safe_path(p), "{p}");
        }
        for p in ["/", "/policies/a.html", "/a..b/c", "/search.html"] {
            assert!(is_safe_path(p), "{p}");
        }
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            "/p/",
            "policies/a\"b.html",
        ))
        .unwrap();
        assert!(
            out.ends_with(
                "<script src=\"/p/__policybook/live.js\" data-base=\"/p/\" data-page=\"policies/a&quot;b.html\"></script></body></html>"
            ),
            "{out}"
        );
    }

    #[test]
    fn hosts() {
        for ok in [
            None,
            Some("127.0.0.1"),
            Some("127.0.0.1:4000"),
            Some("localhost:4000"),
            Some("[::1]:4000"),
            Some("192.168.1.20:4000"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            "evil.example",
            "evil.example:4000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:4000",
            "[evil]:4000",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
    }
}
