//! The TOTP enrolment page shows the set-up link as a QR code drawn on the server: an inline
//! `<svg>` with an accessible name, no external request, no script, under the same CSP; read
//! back with a QR decoder it is exactly the `otpauth://` link the page shows as text.

use crate::common::{between, hidden, Browser, TestApp, PASSWORD, SIGNED_IN_PASSWORD};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;

/// Signs in with the first password and changes it, stopping at the enrolment page.
async fn enrolment_page(b: &mut Browser, username: &str) -> String {
    let (_, _, page) = b.get("/login").await;
    let csrf = hidden(&page, "csrf");
    b.post(
        "/login",
        &[
            ("csrf", &csrf),
            ("username", username),
            ("password", PASSWORD),
        ],
    )
    .await;
    let (_, _, page) = b.get("/account/password").await;
    let csrf = hidden(&page, "csrf");
    let new = SIGNED_IN_PASSWORD;
    let (s, _, _) = b
        .post(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", new),
                ("repeat", new),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, _, page) = b.get("/account/totp").await;
    assert_eq!(s, StatusCode::OK);
    page
}

/// Reads the QR code back from the SVG: the `viewBox` side and the path's dark runs
/// (`M x y h n v1 h-n z`), drawn 4 pixels a module, then decoded.
fn decode_svg(svg: &str) -> String {
    let view = between(svg, "viewBox=\"0 0 ", "\"");
    let side: usize = view.split(' ').next().unwrap().parse().unwrap();
    let d = between(svg, "<path fill=\"#000\" d=\"", "\"");
    let mut dark = vec![false; side * side];
    for run in d.split('z').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.trim_start_matches('M').split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        for i in x..x + n {
            dark[y * side + i] = true;
        }
    }
    const SCALE: usize = 4;
    let px = side * SCALE;
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(px, px, |x, y| {
        dark[(y / SCALE) * side + x / SCALE]
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrolment_shows_the_link_as_an_inline_qr_code() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ana", Role::Caseworker).await;
        let mut ana = Browser::new(&app);
        let page = enrolment_page(&mut ana, "ana").await;
        let svg = format!("<svg{}</svg>", between(&page, "<svg", "</svg>"));
        assert!(svg.contains("role=\"img\""), "{backend}: {svg}");
        assert!(svg.contains("aria-label=\"QR code"), "{backend}");
        assert!(
            !svg.contains("style") && !svg.contains("<script"),
            "{backend}"
        );
        let shown = between(&page, "<code class=\"wrap\">", "</code>")
            .replace("&#38;", "&")
            .replace("&amp;", "&");
        assert!(shown.starts_with("otpauth://totp/"), "{backend}: {shown}");
        assert_eq!(decode_svg(&svg), shown, "{backend}");
        let secret = between(&page, "<code id=\"totp-secret\">", "</code>");
        assert!(shown.contains(&format!("secret={secret}")), "{backend}");

        // Nothing on the page is fetched from elsewhere, and the CSP still forbids inline
        // script and style.
        let res = app
            .http
            .get(format!("{}/account/totp", app.base))
            .header(
                "cookie",
                ana.cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
            .send()
            .await
            .unwrap();
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(!csp.contains("unsafe-inline"), "{backend}: {csp}");
        let again = res.text().await.unwrap();
        assert_eq!(
            between(&again, "<svg", "</svg>"),
            between(&page, "<svg", "</svg>"),
            "{backend}: the same pending enrolment, the same code"
        );
        for attr in ["src=\"http", "href=\"http"] {
            assert!(!again.contains(attr), "{backend}: {attr}");
        }
        app.stop().await;
    }
}
