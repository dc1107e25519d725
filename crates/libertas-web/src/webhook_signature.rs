//! The signature of the providers' webhooks: the mail provider's bounce and complaint reports
//! (`POST /api/v1/public/mail-events`, `supporters/events.rs`, secret `[mail]
//! webhook_secret`) and the payment provider's events (`POST /api/v1/public/payment-events`,
//! `supporters/payments.rs`, secret `[payments] webhook_secret`). Header
//! `Libertas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." followed by the body>`
//! under the route's own shared secret. Public so that the providers' relays and the tests
//! sign exactly as the server checks.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "libertas-signature";

/// How far a signature's time may be from the server's clock, either way.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a signature is refused (only logged: the caller is told 401 either way).
#[derive(Debug, PartialEq, Eq)]
pub enum BadSignature {
    Malformed,
    Stale,
    Mismatch,
}

/// Checks a request's signature header against its body under `secret` at the server's
/// time: `Err(Unauthenticated)` when the header is missing, malformed, stale or wrong (the
/// cause is logged with `route`), `Err(NotFound)` when the header is there but no secret is
/// configured. Call it before reading anything else of the request.
pub(crate) fn check(
    route: &'static str,
    secret: Option<&secrecy::SecretString>,
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Result<(), crate::http::ApiError> {
    use crate::http::ApiError;
    use secrecy::ExposeSecret;
    // No signature at all is 401 whether or not a secret is configured; a signed request to
    // a server without one finds no such route.
    let header = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::Unauthenticated)?;
    let Some(secret) = secret else {
        return Err(ApiError::NotFound);
    };
    let now = crate::http::clock::now().unix_timestamp();
    verify_signature(secret.expose_secret().as_bytes(), header, body, now).map_err(|why| {
        tracing::warn!(?why, route, "webhook: signature refused");
        ApiError::Unauthenticated
    })
}

/// Checks `header` (`t=<unix seconds>,v1=<hex>`) against `body` signed with `secret`, at
/// `now` (unix seconds). The comparison takes the same time whatever the bytes.
pub fn verify_signature(
    secret: &[u8],
    header: &str,
    body: &[u8],
    now: i64,
) -> Result<(), BadSignature> {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", x)) => t = Some(x),
            Some(("v1", x)) => v1 = Some(x),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return Err(BadSignature::Malformed);
    };
    let at: i64 = t.parse().map_err(|_| BadSignature::Malformed)?;
    let given = hex::decode(v1).map_err(|_| BadSignature::Malformed)?;
    if (now - at).abs() > TOLERANCE_SECS {
        return Err(BadSignature::Stale);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| BadSignature::Malformed)?;
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&given).map_err(|_| BadSignature::Mismatch)
}

/// The signature header for `body` at `t` (for the provider's relay and the tests).
pub fn sign(secret: &[u8], t: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail here.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_body_secret_and_time() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let body = br#"{"events":[]}"#;
        let header = sign(secret, 1_000_000, body);
        assert_eq!(verify_signature(secret, &header, body, 1_000_000), Ok(()));
        assert_eq!(verify_signature(secret, &header, body, 1_000_300), Ok(()));
        assert_eq!(
            verify_signature(secret, &header, body, 1_000_301),
            Err(BadSignature::Stale)
        );
        assert_eq!(
            verify_signature(secret, &header, body, 999_699),
            Err(BadSignature::Stale)
        );
        assert_eq!(
            verify_signature(secret, &header, br#"{"events":[1]}"#, 1_000_000),
            Err(BadSignature::Mismatch)
        );
        assert_eq!(
            verify_signature(
                b"another secret of enough length!",
                &header,
                body,
                1_000_000
            ),
            Err(BadSignature::Mismatch)
        );
        // The time is part of what is signed: moving it breaks the signature.
        let moved = header.replace("t=1000000", "t=1000001");
        assert_eq!(
            verify_signature(secret, &moved, body, 1_000_000),
            Err(BadSignature::Mismatch)
        );
        for bad in ["", "t=1", "v1=00", "t=x,v1=00", "t=1000000,v1=zz"] {
            assert_eq!(
                verify_signature(secret, bad, body, 1_000_000),
                Err(BadSignature::Malformed),
                "{bad:?}"
            );
        }
    }
}
