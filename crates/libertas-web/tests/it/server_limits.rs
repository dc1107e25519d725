//! Slow and greedy clients (finding 12): half a header, a body that never arrives, an idle
//! keep-alive connection, more connections than the cap, and shutdown with connections open.
//! Short limits are configured so the server acts within a second or two; each wait in the
//! test is only a bound that turns a hang into a failure, never a measurement.

use libertas_store::testing::TestData;
use libertas_store::Store;
use libertas_web::{AppState, ServerLimits, WebConfig};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Long enough never to trip on a slow machine, short enough to fail rather than hang.
const BOUND: Duration = Duration::from_secs(60);

struct Server {
    addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
    _data: TestData,
}

async fn start(limits: ServerLimits) -> Server {
    let data = TestData::new("sqlite").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = WebConfig {
        server: limits,
        ..WebConfig::default()
    };
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(libertas_web::serve(
        AppState::new(store, config),
        listener,
        async move {
            let _ = rx.await;
        },
    ));
    Server {
        addr,
        stop,
        done,
        _data: data,
    }
}

fn limits() -> ServerLimits {
    ServerLimits {
        header_read_timeout: Duration::from_secs(60),
        body_read_timeout: Duration::from_secs(60),
        body_min_bytes_per_sec: 8192,
        idle_timeout: Duration::from_secs(60),
        max_connections: 64,
    }
}

/// Reads until the server closes the connection; returns what it sent.
async fn until_closed(s: &mut TcpStream) -> String {
    let mut all = vec![];
    tokio::time::timeout(BOUND, s.read_to_end(&mut all))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&all).into_owned()
}

/// Reads one response (head and a Content-Length body).
async fn response(s: &mut TcpStream) -> String {
    let mut buf = vec![];
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        let n = s.read(&mut byte).await.unwrap();
        assert!(n > 0, "connection closed before the response head");
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).await.unwrap();
    head
}

const GET: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_a_header_is_cut_off() {
    let server = start(ServerLimits {
        header_read_timeout: Duration::from_secs(1),
        ..limits()
    })
    .await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .unwrap();
    let got = until_closed(&mut s).await;
    assert!(!got.contains("200 OK"), "{got}");
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_arrives_is_cut_off_with_408() {
    let server = start(ServerLimits {
        body_read_timeout: Duration::from_secs(1),
        ..limits()
    })
    .await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(
        b"POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncsrf=abc&u",
    )
    .await
    .unwrap();
    let got = until_closed(&mut s).await;
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    assert!(
        got.to_ascii_lowercase().contains("connection: close"),
        "{got}"
    );
    assert!(got.contains("request_timeout"), "{got}");
    // A whole body is fine under the same limits.
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(b"POST /api/v1/screenings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        .await
        .unwrap();
    let head = response(&mut s).await;
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let server = start(ServerLimits {
        idle_timeout: Duration::from_secs(1),
        ..limits()
    })
    .await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(GET).await.unwrap();
    let head = response(&mut s).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(
        until_closed(&mut s).await,
        "",
        "closed without another word"
    );
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_while_the_others_are_served() {
    let server = start(ServerLimits {
        max_connections: 2,
        ..limits()
    })
    .await;
    let mut a = TcpStream::connect(server.addr).await.unwrap();
    let mut b = TcpStream::connect(server.addr).await.unwrap();
    for s in [&mut a, &mut b] {
        s.write_all(GET).await.unwrap();
        assert!(response(s).await.starts_with("HTTP/1.1 200"));
    }
    // A third connection is accepted by the kernel but not served...
    let mut c = TcpStream::connect(server.addr).await.unwrap();
    c.write_all(GET).await.unwrap();
    let mut byte = [0u8; 1];
    let early = tokio::time::timeout(Duration::from_millis(700), c.read(&mut byte)).await;
    assert!(early.is_err(), "the third connection must wait");
    // ...while the admitted ones go on being served.
    b.write_all(GET).await.unwrap();
    assert!(response(&mut b).await.starts_with("HTTP/1.1 200"));
    // When one closes, the waiting one is served.
    drop(a);
    let head = tokio::time::timeout(BOUND, response(&mut c)).await.unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let _ = server.stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_graceful_with_connections_open() {
    let server = start(limits()).await;
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(GET).await.unwrap();
    assert!(response(&mut idle).await.starts_with("HTTP/1.1 200"));
    server.stop.send(()).unwrap();
    tokio::time::timeout(BOUND, server.done)
        .await
        .expect("serve returns after the shutdown signal")
        .unwrap()
        .unwrap();
    assert_eq!(
        until_closed(&mut idle).await,
        "",
        "the idle connection was closed"
    );
    assert!(
        TcpStream::connect(server.addr).await.is_err(),
        "no new connections after shutdown"
    );
}
