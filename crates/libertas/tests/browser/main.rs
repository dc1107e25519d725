//! The browser journeys: real Chromium through ChromeDriver against the real `libertas serve`.
//! Their own test binary, apart from `it`: each test starts a server, a ChromeDriver and a
//! Chromium, so `cargo test --test it` stays quick and CPU-light, and cargo runs this binary
//! after (not beside) the other one. `server`, `webdriver` and `journey` are the helpers
//! they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Tests may read the wall clock directly to build dates relative to today.
#![allow(clippy::disallowed_methods)]

mod a11y;
mod every_language;
mod gifts;
mod journey;
mod learn;
mod portal;
mod prosecute;
mod protect;
mod report;
mod restore;
mod search;
mod server;
mod staff_journey;
mod strengthen;
// The web tests' real SMTP server (aiosmtpd), shared rather than copied.
#[path = "../../../libertas-web/tests/it/smtp_sink.rs"]
mod smtp_sink;
mod supporters;
mod webdriver;
mod working_day;
