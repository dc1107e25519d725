//! Anti-flood: per-client rate limits in memory, and a cheap proof-of-work for the public form.
//!
//! Clients are told apart by a keyed hash of their address (key drawn at start-up, never
//! stored), so the limiter holds no address and nothing survives a restart. What counts as one
//! client is what one client can hold: an IPv4 address (also when it arrives written as an
//! IPv4-mapped IPv6 address), or a whole IPv6 /64, the network one subscriber is given and in
//! which a host may pick any of 2^64 addresses. Each limit is a token bucket: `burst` requests
//! at once, refilled at `per_minute`. The map is bounded; when full, idle entries go first.
//!
//! Limits that must hold across web nodes or that concern records rather than connections
//! (staff look-ups outside need-to-know, answers per receipt) are decided in the store.
//!
//! The proof-of-work is a stamp the browser computes before sending the public form:
//! SHA-256(challenge ":" nonce) must start with `bits` zero bits. The challenge is issued by
//! the server, authenticated, expires, and is accepted once. A form without a valid stamp
//! (JavaScript off) still works, under a slower limit.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// A kind of limited action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// A public report through the JSON API, or the form with a valid proof-of-work.
    Report,
    /// A public report from the form without proof-of-work (JavaScript off).
    ReportWithoutWork,
    /// A follow-up with a receipt that matched nothing.
    WrongReceipt,
    /// A sign-in step (password or code) from one client, before any hashing.
    Login,
    /// A password sign-in for one username, from anywhere, before any hashing: slows
    /// guessing spread over many addresses (the lock in the database is per client).
    LoginUsername,
    /// A sign-up for e-mail updates with a valid proof-of-work: the report form's rate, in a
    /// bucket of its own so sign-ups never use up a client's budget for reports.
    Signup,
    /// A sign-up without proof-of-work (JavaScript off): the report form's slower rate.
    SignupWithoutWork,
}

impl Limit {
    /// (burst, refill per minute)
    fn rate(self) -> (f64, f64) {
        match self {
            Limit::Report | Limit::Signup => (20.0, 15.0),
            Limit::ReportWithoutWork | Limit::SignupWithoutWork => (5.0, 1.0),
            // 20 wrong receipts within 10 minutes, then 429 until the bucket refills.
            Limit::WrongReceipt => (20.0, 2.0),
            // An office behind one address signs in many people; a guesser gets 10 a minute.
            Limit::Login => (30.0, 10.0),
            Limit::LoginUsername => (10.0, 6.0),
        }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

const MAX_ENTRIES: usize = 100_000;

pub struct Limiter {
    key: [u8; 32],
    enabled: bool,
    buckets: Mutex<HashMap<(Limit, [u8; 16]), Bucket>>,
    used_stamps: Mutex<HashMap<[u8; 16], u64>>,
    pub pow_bits: u32,
}

impl Limiter {
    pub fn new(enabled: bool, pow_bits: u32) -> Self {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        Self {
            key,
            enabled,
            buckets: Mutex::new(HashMap::new()),
            used_stamps: Mutex::new(HashMap::new()),
            pow_bits,
        }
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut m = match <HmacSha256 as Mac>::new_from_slice(&self.key) {
            Ok(m) => m,
            Err(_) => return [0; 32],
        };
        for p in parts {
            m.update(&(p.len() as u32).to_be_bytes());
            m.update(p);
        }
        m.finalize().into_bytes().into()
    }

    fn client(&self, addr: IpAddr) -> [u8; 16] {
        let full = self.mac(&[b"client", client_network(addr).to_string().as_bytes()]);
        let mut out = [0u8; 16];
        out.copy_from_slice(&full[..16]);
        out
    }

    /// Whether `addr` may do `what` now (and counts it). `Err(seconds)` says when to retry.
    pub fn check(&self, what: Limit, addr: IpAddr) -> Result<(), u64> {
        self.peek_or_take(what, self.client(addr), true)
    }

    /// Whether `addr` has budget left for `what`, without using any. (The follow-up no longer
    /// asks before looking a receipt up: a right receipt must work whatever the address did.)
    #[allow(dead_code)]
    pub fn allowed(&self, what: Limit, addr: IpAddr) -> Result<(), u64> {
        self.peek_or_take(what, self.client(addr), false)
    }

    /// Whether the signed-in user `user` may do `what` now (and counts it). No limit uses it
    /// at the moment (staff look-ups are limited in the store, across web nodes); kept for
    /// per-user limits that only need to hold on one node.
    #[allow(dead_code)]
    pub fn check_user(&self, what: Limit, user: &str) -> Result<(), u64> {
        let full = self.mac(&[b"user", user.as_bytes()]);
        let mut id = [0u8; 16];
        id.copy_from_slice(&full[..16]);
        self.peek_or_take(what, id, true)
    }

    fn peek_or_take(&self, what: Limit, client: [u8; 16], take: bool) -> Result<(), u64> {
        if !self.enabled {
            return Ok(());
        }
        let (burst, per_minute) = what.rate();
        let key = (what, client);
        let now = Instant::now();
        let Ok(mut map) = self.buckets.lock() else {
            return Ok(());
        };
        if map.len() >= MAX_ENTRIES && !map.contains_key(&key) {
            map.retain(|_, b| now.duration_since(b.at) < Duration::from_secs(600));
        }
        let b = map.entry(key).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        b.tokens =
            (b.tokens + now.duration_since(b.at).as_secs_f64() * per_minute / 60.0).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            if take {
                b.tokens -= 1.0;
            }
            Ok(())
        } else {
            Err(((1.0 - b.tokens) * 60.0 / per_minute).ceil() as u64)
        }
    }

    /// A new proof-of-work challenge, valid for 30 minutes.
    pub fn challenge(&self) -> String {
        let mut nonce = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let expires = unix_now() + 1800;
        let tag = self.mac(&[b"pow", &nonce, &expires.to_be_bytes()]);
        format!(
            "{}.{expires}.{}",
            hex::encode(nonce),
            hex::encode(&tag[..16])
        )
    }

    /// Whether a public form carries a valid proof-of-work stamp (its `pow_challenge` and
    /// `pow_nonce` fields), as the public report and sign-up forms send it.
    pub fn form_stamped(&self, form: &crate::http::form::Fields) -> bool {
        match (form.filled("pow_challenge"), form.filled("pow_nonce")) {
            (Some(c), Some(n)) => self.verify_stamp(c, n),
            _ => false,
        }
    }

    /// Checks a stamp: authentic, unexpired, unused challenge and enough zero bits.
    pub fn verify_stamp(&self, challenge: &str, nonce: &str) -> bool {
        let mut parts = challenge.split('.');
        let (Some(n), Some(exp), Some(tag), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let (Ok(n), Ok(exp), Ok(tag)) = (hex::decode(n), exp.parse::<u64>(), hex::decode(tag))
        else {
            return false;
        };
        let Ok(n16) = <[u8; 16]>::try_from(n.as_slice()) else {
            return false;
        };
        let want = self.mac(&[b"pow", &n16, &exp.to_be_bytes()]);
        if tag.len() != 16
            || !bool::from(want[..16].ct_eq(&tag))
            || exp < unix_now()
            || nonce.len() > 32
        {
            return false;
        }
        if leading_zero_bits(&Sha256::digest(format!("{challenge}:{nonce}").as_bytes()))
            < self.pow_bits
        {
            return false;
        }
        let Ok(mut used) = self.used_stamps.lock() else {
            return false;
        };
        let now = unix_now();
        used.retain(|_, e| *e >= now);
        used.insert(n16, exp).is_none()
    }
}

/// The addresses one client holds, as one address: IPv4 as it is (IPv4-mapped IPv6 turned
/// back into IPv4), IPv6 cut to its /64.
pub fn client_network(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut n = 0;
    for b in hash {
        if *b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(l: &Limiter, challenge: &str) -> String {
        (0u64..)
            .map(|i| i.to_string())
            .find(|n| {
                leading_zero_bits(&Sha256::digest(format!("{challenge}:{n}").as_bytes()))
                    >= l.pow_bits
            })
            .unwrap()
    }

    #[test]
    fn buckets_limit_per_client() {
        let l = Limiter::new(true, 8);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..20 {
            assert!(l.check(Limit::WrongReceipt, a).is_ok());
        }
        assert!(l.check(Limit::WrongReceipt, a).is_err());
        assert!(
            l.check(Limit::WrongReceipt, b).is_ok(),
            "another client is not affected"
        );
        assert!(Limiter::new(false, 8).check(Limit::WrongReceipt, a).is_ok());
    }

    #[test]
    fn one_client_is_an_ipv4_address_or_an_ipv6_64() {
        let l = Limiter::new(true, 8);
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        for (a, b, same) in [
            ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true),
            ("2001:db8:1:2::1", "2001:db8:1:3::1", false),
            ("::ffff:192.0.2.7", "192.0.2.7", true),
            ("192.0.2.7", "192.0.2.8", false),
        ] {
            assert_eq!(l.client(ip(a)) == l.client(ip(b)), same, "{a} {b}");
        }
        assert_eq!(
            client_network(ip("2001:db8:1:2:3:4:5:6")),
            ip("2001:db8:1:2::")
        );
    }

    #[test]
    fn stamps_work_once_and_must_be_earned() {
        let l = Limiter::new(true, 8);
        let c = l.challenge();
        let n = solve(&l, &c);
        assert!(
            !l.verify_stamp(&c, "not-a-solution-xx")
                || leading_zero_bits(&Sha256::digest(format!("{c}:not-a-solution-xx").as_bytes()))
                    >= 8
        );
        assert!(l.verify_stamp(&c, &n));
        assert!(!l.verify_stamp(&c, &n), "a stamp is accepted once");
        let forged = format!(
            "{}.{}.{}",
            "00".repeat(16),
            unix_now() + 100,
            "00".repeat(16)
        );
        assert!(!l.verify_stamp(&forged, "1"));
    }
}
