//! The client's address, for the rate limits of sign-in and public reporting.

use crate::state::AppState;
use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};

/// The client's address, for rate limiting only (never stored or logged): the peer, or the
/// last address a trusted proxy forwarded for.
pub fn client_addr(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer = peer.ip();
    if !state.config.trusted_proxies.contains(&peer) {
        return peer;
    }
    headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .rev()
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .find(|a| !state.config.trusted_proxies.contains(a))
        })
        .unwrap_or(peer)
}
