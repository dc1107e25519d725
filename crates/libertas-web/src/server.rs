//! Accepting connections with limits a slow or hostile client cannot stretch.
//!
//! `axum::serve` has no header or body read timeouts, so a client sending half a header or a
//! body one byte at a time held a connection (and its memory) for as long as it liked. This
//! loop serves the same router over hyper's HTTP/1 connection directly, with:
//!
//! - a **header read timeout** (hyper's own; it runs from the moment the server waits for a
//!   request head, so it also ends keep-alive connections that never send another request);
//! - a **body read deadline**: `body_read_timeout` from the end of the head, extended by one
//!   second for every `body_min_bytes_per_sec` bytes received (the rule of Apache's
//!   `mod_reqtimeout`), so a large upload on a slow line finishes while a drip-feed does not;
//!   past it the request is answered 408 with `Connection: close`;
//! - an **idle timeout** for keep-alive connections: no byte read or written for
//!   `idle_timeout` and the connection is closed (gracefully: a request still being handled
//!   finishes first);
//! - a **cap on connections** served at once; beyond it new connections wait in the
//!   listen queue until one ends, so the ones admitted keep being served.
//!
//! Shutdown is graceful: no new connections, idle ones close, in-flight requests finish.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::time::{Instant, Sleep};
use tower::{Service, ServiceExt};

/// Timeouts and the connection cap (`libertas.toml`: `header_read_timeout_secs`,
/// `body_read_timeout_secs`, `body_min_bytes_per_sec`, `idle_timeout_secs`,
/// `max_connections`).
#[derive(Clone, Copy, Debug)]
pub struct ServerLimits {
    pub header_read_timeout: Duration,
    pub body_read_timeout: Duration,
    /// Every this many body bytes received earn one more second.
    pub body_min_bytes_per_sec: u64,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            body_min_bytes_per_sec: 8192,
            idle_timeout: Duration::from_secs(20),
            max_connections: 512,
        }
    }
}

/// Serves `app` on `listener` under `limits` until `shutdown` resolves, then waits for the
/// connections still open to finish their requests.
pub(crate) async fn serve_with_limits(
    app: Router,
    listener: TcpListener,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app.layer(axum::middleware::from_fn_with_state(limits, body_deadline));
    let mut make = app.into_make_service_with_connect_info::<SocketAddr>();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(router) = make.call(peer).await;
        let service = TowerToHyperService::new(
            router.map_request(|req: axum::http::Request<Incoming>| req.map(Body::new)),
        );
        let stop = stop_rx.clone();
        let open = open_tx.clone();
        tokio::spawn(async move {
            serve_connection(stream, service, limits, stop).await;
            drop(permit);
            drop(open);
        });
    }
    // No new connections from here on: clients still queued are refused, not left hanging.
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_tx);
    // Every connection task holds a sender; `None` once the last one has finished.
    let _ = open_rx.recv().await;
    Ok(())
}

async fn serve_connection<S>(
    stream: TcpStream,
    service: S,
    limits: ServerLimits,
    mut stop: watch::Receiver<bool>,
) where
    S: hyper::service::Service<axum::http::Request<Incoming>, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let activity = Activity::new();
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let conn = builder.serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let mut closing = *stop.borrow();
    if closing {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        let wake = activity.last() + limits.idle_timeout;
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                break;
            }
            _ = stop.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = tokio::time::sleep_until(wake), if !closing => {
                if activity.last() + limits.idle_timeout <= Instant::now() {
                    closing = true;
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// When a connection last moved a byte.
#[derive(Clone)]
struct Activity {
    start: Instant,
    millis: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Self {
        Self {
            start: Instant::now(),
            millis: Arc::new(AtomicU64::new(0)),
        }
    }

    fn touch(&self) {
        let ms = self.start.elapsed().as_millis().min(u128::from(u64::MAX)) as u64;
        self.millis.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.millis.load(Ordering::Relaxed))
    }
}

/// A TCP stream that notes every byte moved.
struct Watched {
    inner: TcpStream,
    activity: Activity,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Puts every request body under its read deadline; a request whose body ran out of time
/// is answered 408 and its connection closed.
async fn body_deadline(State(limits): State<ServerLimits>, req: Request, next: Next) -> Response {
    let expired = Arc::new(AtomicBool::new(false));
    let flag = expired.clone();
    let req = req.map(|b| {
        Body::new(DeadlineBody {
            inner: b,
            deadline: Instant::now() + limits.body_read_timeout,
            sleep: Box::pin(tokio::time::sleep(limits.body_read_timeout)),
            bytes_per_sec: limits.body_min_bytes_per_sec.max(1),
            expired: flag,
        })
    });
    let res = next.run(req).await;
    if !expired.load(Ordering::SeqCst) {
        return res;
    }
    let (mut parts, _) = res.into_parts();
    parts.status = StatusCode::REQUEST_TIMEOUT;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = serde_json::json!({"error": {
        "code": "request_timeout",
        "message": "the request body was not sent in time",
    }});
    Response::from_parts(parts, Body::from(body.to_string()))
}

struct DeadlineBody {
    inner: Body,
    deadline: Instant,
    sleep: Pin<Box<Sleep>>,
    bytes_per_sec: u64,
    expired: Arc<AtomicBool>,
}

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    let earned =
                        Duration::from_secs_f64(data.len() as f64 / this.bytes_per_sec as f64);
                    this.deadline += earned;
                    let deadline = this.deadline;
                    this.sleep.as_mut().reset(deadline);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(other) => Poll::Ready(other),
            Poll::Pending => {
                if this.sleep.as_mut().poll(cx).is_ready() {
                    this.expired.store(true, Ordering::SeqCst);
                    Poll::Ready(Some(Err(axum::Error::new(
                        "the request body was not sent in time",
                    ))))
                } else {
                    Poll::Pending
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}
