//! `libertas serve`.

use super::open_store;
use crate::config::{Config, DEFAULT_LISTEN};
use anyhow::Context;
use clap::Args;
use libertas_web::AppState;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080). Plain HTTP: put a TLS-terminating
    /// reverse proxy in front of anything but loopback.
    #[arg(long, env = "LIBERTAS_LISTEN")]
    pub listen: Option<String>,
}

/// `libertas serve`: never waives the second factor, whatever the database says. Demo mode
/// (the waiver and the banner) is decided by the command the operator ran, `libertas demo`,
/// never by data: a row in `meta` must not be able to switch off a security control.
pub async fn serve(config: Config, a: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    if store.meta("demo").await?.as_deref() == Some("1") {
        eprintln!(
            "This data directory holds demo data; `libertas serve` still asks every user for \
             the second factor (use `libertas demo` to show it without)."
        );
    }
    run(config, a, store, false).await
}

/// Binds and serves until Ctrl-C or SIGTERM. `demo` comes from the command, never from data.
pub async fn run(
    config: Config,
    a: ServeArgs,
    store: libertas_store::Store,
    demo: bool,
) -> anyhow::Result<ExitCode> {
    let listen = a
        .listen
        .or(config.listen.clone())
        .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("--listen {listen}: cannot bind"))?;
    let addr = listener.local_addr()?;
    let mut web = config.web.clone();
    web.demo = demo;
    if !config.public_url_given {
        web.public_url = format!("http://{addr}");
    }
    if web.mail.is_none() {
        eprintln!("No mail server is configured ([mail] in libertas.toml): supporter e-mail stays queued.");
    }

    let state = AppState::new(store, web);
    eprintln!(
        "Libertas is listening on http://{addr}{}",
        if demo { " (demo data)" } else { "" }
    );
    libertas_web::serve(state, listener, shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("Shutting down.");
}
