//! Accessibility checks with axe-core, run inside the Chromium the journeys already drive.
//!
//! axe-core comes from the npm registry (`axe/package.json`, pinned by `axe/package-lock.json`;
//! `.ci/run` installs it with `npm ci`). A check injects it into the page shown and fails on
//! any violation axe rates serious or critical, naming the rule and the first elements. Under
//! `CI=true` a missing axe-core fails the test; elsewhere the check is skipped with a message.

use crate::webdriver::Browser;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The axe-core bundle, read once; `None` when it is not installed.
fn axe_source() -> Option<&'static str> {
    static SOURCE: OnceLock<Option<String>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = std::env::var_os("LIBERTAS_AXE_JS")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                        .join("tests/browser/axe/node_modules/axe-core/axe.min.js")
                });
            match std::fs::read_to_string(&path) {
                Ok(s) => Some(s),
                Err(e) => {
                    assert!(
                        std::env::var("CI").as_deref() != Ok("true"),
                        "axe-core is missing under CI=true ({}: {e}); run `npm ci --prefix crates/libertas/tests/browser/axe`",
                        path.display()
                    );
                    eprintln!(
                        "accessibility checks skipped: no axe-core at {} (npm ci --prefix crates/libertas/tests/browser/axe)",
                        path.display()
                    );
                    None
                }
            }
        })
        .as_deref()
}

/// Runs axe-core on the page shown and fails on any serious or critical violation. `what`
/// names the page in the failure.
pub async fn check(browser: &Browser, what: &str) {
    let Some(axe) = axe_source() else { return };
    // Only a page that has finished loading is checked.
    let deadline = std::time::Instant::now() + crate::webdriver::WAIT;
    while browser.execute("return document.readyState;").await != "complete" {
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: the page did not finish loading"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let script = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];
         axe.run(document, {{ resultTypes: ['violations'] }})
           .then(r => done(r.violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => ({{ id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }}))))
           .catch(e => done([{{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }}]));"
    );
    let found = browser.execute_async(&script).await;
    let violations = found.as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "{what} ({}): axe-core found {} serious or critical problems:\n{}",
        browser.path().await,
        violations.len(),
        violations
            .iter()
            .map(|v: &Value| format!(
                "- {} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Runs [`check`], then fails with the page's path (and the elements that stick out) when the
/// page is wider than the window of a phone (390 px) or scrolls sideways.
pub async fn fits_phone(browser: &Browser, what: &str) {
    check(browser, what).await;
    let width = browser.execute("return window.innerWidth;").await;
    assert!(
        width.as_i64().is_some_and(|w| w <= 390),
        "the window is {width} px wide, not a phone's"
    );
    let over = browser.overflow_x().await;
    if over > 0 {
        // Name the elements that stick out, innermost last, for the failure message.
        let culprits = browser
            .execute(
                "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > w + 1)
                   .slice(-5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().width));",
            )
            .await;
        panic!(
            "{what} ({}) is {over} px wider than the phone: {culprits}",
            browser.path().await
        );
    }
}
