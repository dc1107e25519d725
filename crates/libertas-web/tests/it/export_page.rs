//! The `/exports` page over HTTP: the form shows a fresh passphrase before anything is
//! downloaded, the posted form answers with the file as an attachment encrypted under exactly
//! that passphrase (which the response does not repeat and the server keeps nowhere), bad
//! input comes back to the form with the field marked (400), and a role that may not export a
//! list is refused it on GET and POST (403). SQLite and (when configured) PostgreSQL.

use crate::common::{between, files_containing, hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;
use std::io::{Cursor, Read};

/// POSTs the export form as `b` (same origin, with its CSRF token); returns the status, the
/// headers that matter and the body bytes.
async fn post(
    b: &Browser,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, Option<String>, bool, Vec<u8>) {
    let res = b
        .http
        .post(format!("{}/exports", b.base))
        .header(
            "cookie",
            b.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .header("origin", b.base.clone())
        .form(form)
        .send()
        .await
        .unwrap();
    let h = res.headers();
    let text = |name: &str| h.get(name).map(|v| v.to_str().unwrap().to_owned());
    let (disposition, cache) = (text("content-disposition"), text("cache-control"));
    let told = h.contains_key("libertas-export-passphrase");
    (
        res.status(),
        disposition,
        cache,
        told,
        res.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_page_shows_the_passphrase_that_opens_the_download() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cara = app.user("North", "cara", Role::Caseworker).await;
        let hana = app.user("North", "hana", Role::Hotline).await;
        app.user("North", "ann", Role::Analyst).await;
        for (token, given) in [(&cara, "Zamfira"), (&hana, "Ileana")] {
            let (_, case) = app
                .post("/api/v1/cases", token, json!({"title": "Operation Lark"}))
                .await;
            let (s, e) = app
                .post(
                    &format!("/api/v1/cases/{}/people", case["id"].as_str().unwrap()),
                    token,
                    json!({"role": "victim", "given_name": given, "family_name": "Oprescu"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {e}");
        }

        let mut b = Browser::new(&app);
        let csrf = b.sign_in("cara").await;
        let (_, _, home) = b.get("/").await;
        assert!(
            home.contains("href=\"/exports\""),
            "{backend}: home links the page"
        );
        let (s, _, page) = b.get("/exports").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        let shown = between(
            &page,
            "<strong id=\"passphrase\" class=\"passphrase\" translate=\"no\">",
            "</strong>",
        );
        assert_eq!(shown, hidden(&page, "passphrase"), "{backend}");
        assert_eq!(shown.len(), 32, "{shown}");
        let (_, _, again) = b.get("/exports").await;
        assert_ne!(hidden(&again, "passphrase"), shown, "a new one each visit");

        // The download: an attachment, no-store, the passphrase not repeated; it opens with
        // the passphrase the page showed and with nothing else.
        let form = [
            ("csrf", csrf.as_str()),
            ("list", "people"),
            ("format", "csv"),
            ("personal", "true"),
            ("passphrase", shown.as_str()),
        ];
        let (s, disposition, cache, told, bytes) = post(&b, &form).await;
        assert_eq!(
            s,
            StatusCode::OK,
            "{backend}: {}",
            String::from_utf8_lossy(&bytes)
        );
        assert_eq!(
            disposition.as_deref(),
            Some("attachment; filename=\"people.zip\"")
        );
        assert_eq!(cache.as_deref(), Some("no-store"));
        assert!(!told, "{backend}: the page showed it already");
        assert!(!String::from_utf8_lossy(&bytes).contains("Zamfira"));
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert!(zip
            .by_name_decrypt("people.csv", b"AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG")
            .is_err());
        let mut csv = String::new();
        zip.by_name_decrypt("people.csv", shown.as_bytes())
            .unwrap()
            .read_to_string(&mut csv)
            .unwrap();
        assert!(csv.contains("Zamfira") && !csv.contains("Ileana"), "{csv}");

        // Without personal data: the plain file, no passphrase needed.
        let (s, disposition, _, _, bytes) = post(
            &b,
            &[
                ("csrf", csrf.as_str()),
                ("list", "cases"),
                ("format", "xlsx"),
            ],
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            disposition.as_deref(),
            Some("attachment; filename=\"cases.xlsx\"")
        );
        assert_eq!(&bytes[..2], b"PK");

        // Bad input goes back to the form, the field marked.
        for (field, form) in [
            ("list", vec![("list", "audit"), ("format", "csv")]),
            ("format", vec![("list", "cases"), ("format", "pdf")]),
            ("personal", vec![("list", "cases"), ("personal", "yes")]),
            (
                "passphrase",
                vec![
                    ("list", "people"),
                    ("personal", "true"),
                    ("passphrase", "password1"),
                ],
            ),
            ("passphrase", vec![("list", "people"), ("personal", "true")]),
        ] {
            let mut form = form;
            form.push(("csrf", csrf.as_str()));
            let (s, disposition, cache, _, body) = post(&b, &form).await;
            let body = String::from_utf8(body).unwrap();
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {field}");
            assert!(disposition.is_none());
            assert_eq!(cache.as_deref(), Some("no-store"));
            assert!(
                body.contains(&format!("id=\"{field}-error\"")),
                "{backend}: {field} not marked"
            );
            assert!(!body.contains("Zamfira"));
        }
        let (s, _, _) = b.get("/exports?list=nonsense").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // An analyst may export trainings, not cases nor personal data: 403 on GET and POST.
        let mut ann = Browser::new(&app);
        let ann_csrf = ann.sign_in("ann").await;
        let (s, _, page) = ann.get("/exports").await;
        assert_eq!(s, StatusCode::OK);
        assert!(!page.contains("value=\"cases\"") && !page.contains("name=\"passphrase\""));
        let (s, _, _) = ann.get("/exports?list=cases").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        for form in [
            vec![("list", "cases")],
            vec![
                ("list", "people"),
                ("personal", "true"),
                ("passphrase", shown.as_str()),
            ],
            vec![
                ("list", "trainings"),
                ("personal", "true"),
                ("passphrase", shown.as_str()),
            ],
        ] {
            let mut form = form;
            form.push(("csrf", ann_csrf.as_str()));
            let (s, disposition, _, _, _) = post(&ann, &form).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {form:?}");
            assert!(disposition.is_none());
        }
        let (s, _, _, _, bytes) =
            post(&ann, &[("csrf", ann_csrf.as_str()), ("list", "trainings")]).await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(bytes).unwrap().starts_with("held_on,"));

        // The server keeps neither the names nor the passphrase anywhere.
        let data = app.shut_down().await;
        for needle in ["Zamfira", shown.as_str()] {
            let found = files_containing(data.dir.path(), needle.as_bytes());
            assert!(found.is_empty(), "{backend}: {needle} in {found:?}");
        }
    }
}
