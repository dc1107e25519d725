//! The `/exports` page over HTTP: the form shows a fresh passphrase before anything is
//! exported; the posted form starts the export as a background job and answers 303 to the
//! job's page, which shows the progress (a `<progress>` and "N of M records") and then a
//! download link; the file comes with the same headers as ever, encrypted under exactly the
//! passphrase the form showed (which nothing repeats and the server keeps nowhere). The job
//! and its file are 404 to anyone but the user who started it; bad input comes back to the
//! form with the field marked (400); a role that may not export a list is refused it on GET
//! and POST (403); a user holding three jobs is refused a fourth (429). SQLite and (when
//! configured) PostgreSQL.

use crate::common::{between, files_containing, hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::{backends, bulk_people, BulkPerson};
use libertas_web::http::jobs::JobLimits;
use libertas_web::WebConfig;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::json;
use std::io::{Cursor, Read};

/// Sends a GET (no form) or a POST of `form` as `b` (same origin, its cookies); the status,
/// the headers and the body bytes.
async fn send(
    b: &Browser,
    path: &str,
    form: Option<&[(&str, &str)]>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let url = format!("{}{path}", b.base);
    let req = match form {
        Some(form) => b.http.post(url).header("origin", b.base.clone()).form(form),
        None => b.http.get(url),
    };
    let res = req
        .header(
            "cookie",
            b.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .send()
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.bytes().await.unwrap().to_vec())
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name).map(|v| v.to_str().unwrap().to_owned())
}

/// POSTs the export form; for a started job, the job page's path (`/exports/jobs/{id}`).
async fn start(b: &Browser, form: &[(&str, &str)]) -> String {
    let (s, h, body) = send(b, "/exports", Some(form)).await;
    assert_eq!(
        s,
        StatusCode::SEE_OTHER,
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert!(header(&h, "content-disposition").is_none());
    let job = header(&h, "location").unwrap();
    let id = job.strip_prefix("/exports/jobs/").unwrap();
    assert!(
        id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "128 random bits: {id}"
    );
    job
}

/// `(value, max)` of the job page's `<progress>`, when it has them.
fn progress(page: &str) -> Option<(u64, u64)> {
    let tag = page.split("<progress id=\"export-progress\"").nth(1)?;
    let tag = &tag[..tag.find('>')?];
    let attr = |name: &str| -> Option<u64> {
        let v = tag.split(&format!("{name}=\"")).nth(1)?;
        v[..v.find('"')?].parse().ok()
    };
    Some((attr("value")?, attr("max")?))
}

/// Reloads the job page until its file is ready, checking on every view that the progress
/// shown is consistent (done never above the total, never going back, the total `records`
/// once known) and that a running page refreshes itself; the finished page.
async fn until_done(b: &mut Browser, job: &str, records: u64) -> String {
    let mut last = 0;
    for _ in 0..600 {
        let (s, h, body) = send(b, job, None).await;
        let page = String::from_utf8(body).unwrap();
        assert_eq!(s, StatusCode::OK, "{page}");
        assert_eq!(header(&h, "cache-control").as_deref(), Some("no-store"));
        assert!(!page.contains("id=\"export-failed\""), "{page}");
        if let Some((done, total)) = progress(&page) {
            assert!(
                done <= total && done >= last,
                "{done} of {total} after {last}"
            );
            // The total is the number of records (a finished empty file shows a full bar).
            assert_eq!(total, records.max(1), "{page}");
            last = done;
        }
        if page.contains("id=\"export-download\"") {
            assert!(header(&h, "refresh").is_none(), "a finished page stays put");
            return page;
        }
        assert_eq!(
            header(&h, "refresh").as_deref(),
            Some("5"),
            "a running page refreshes"
        );
        let (_, off, _) = b.get(&format!("{job}?refresh=off")).await;
        assert!(off.is_none());
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the export of {job} did not finish");
}

/// The finished job's file: its headers and bytes.
async fn download(b: &Browser, job: &str) -> (HeaderMap, Vec<u8>) {
    let (s, h, bytes) = send(b, &format!("{job}/file"), None).await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(header(&h, "cache-control").as_deref(), Some("no-store"));
    (h, bytes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_page_runs_the_export_as_a_job_and_serves_its_file_to_its_owner() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cara = app.user("North", "cara", Role::Caseworker).await;
        let hana = app.user("North", "hana", Role::Hotline).await;
        app.user("North", "ann", Role::Analyst).await;
        let mut cases = vec![];
        for (token, given) in [(&cara, "Zamfira"), (&hana, "Ileana")] {
            let (_, case) = app
                .post("/api/v1/cases", token, json!({"title": "Operation Lark"}))
                .await;
            let case = case["id"].as_str().unwrap().to_owned();
            let (s, e) = app
                .post(
                    &format!("/api/v1/cases/{case}/people"),
                    token,
                    json!({"role": "victim", "given_name": given, "family_name": "Oprescu"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {e}");
            cases.push(case);
        }
        // Enough people in Cara's case for the export to read them in several batches.
        let org = app
            .store
            .org_by_name(Operator::console(), "North")
            .await
            .unwrap()
            .unwrap()
            .id;
        let more: Vec<BulkPerson> = (0..1200)
            .map(|i| BulkPerson {
                given_name: format!("Given{i}"),
                family_name: "Bulk".to_owned(),
                birth_date: None,
                phone: None,
            })
            .collect();
        bulk_people(&app.store, org, cases[0].parse().unwrap(), &more)
            .await
            .unwrap();
        let records = 1201;

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

        // The job: 303 to its page, which shows the progress, then the download.
        let form = [
            ("csrf", csrf.as_str()),
            ("list", "people"),
            ("format", "csv"),
            ("personal", "true"),
            ("passphrase", shown.as_str()),
        ];
        let job = start(&b, &form).await;
        let done = until_done(&mut b, &job, records).await;
        assert_eq!(progress(&done), Some((records, records)), "{backend}");
        assert!(done.contains("1,201 of 1,201 records"), "{backend}: {done}");
        assert!(done.contains("People, CSV (comma-separated values), with personal data"));
        assert!(done.contains(&format!("href=\"{job}/file\"")), "{done}");
        assert!(!done.contains("Zamfira") && !done.contains(&shown));
        assert!(done.contains("in memory only, until "), "{done}");

        // The file: an attachment, no-store, the passphrase not repeated; it opens with the
        // passphrase the form showed and with nothing else. Each download is audited.
        for _ in 0..2 {
            let (h, bytes) = download(&b, &job).await;
            assert_eq!(
                header(&h, "content-disposition").as_deref(),
                Some("attachment; filename=\"people.zip\"")
            );
            assert_eq!(
                header(&h, "content-type").as_deref(),
                Some("application/zip")
            );
            assert_eq!(header(&h, "libertas-export-rows").as_deref(), Some("1201"));
            assert!(
                header(&h, "libertas-export-passphrase").is_none(),
                "{backend}: the page showed it already"
            );
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
            assert_eq!(csv.lines().count(), 1 + 1201, "{backend}: header and rows");
        }
        let events = app
            .store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let count = |action: &str| {
            events
                .iter()
                .filter(|e| e.action == action && e.object_type == "people")
                .count()
        };
        assert_eq!(count("export.list"), 1, "{backend}: one export");
        assert_eq!(count("export.download"), 2, "{backend}: two downloads");

        // Nobody else has the job: another user of the organisation and another browser get
        // the 404 of a job that does not exist, the anonymous the sign-in page.
        let mut hana_b = Browser::new(&app);
        hana_b.sign_in("hana").await;
        for path in [job.clone(), format!("{job}/file")] {
            let (s, _, page) = hana_b.get(&path).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{backend}: {path}");
            assert!(!page.contains("people.zip"));
            let (s, loc, _) = Browser::new(&app).get(&path).await;
            assert_eq!(s, StatusCode::SEE_OTHER, "{backend}: {path}");
            assert_eq!(loc.as_deref(), Some("/login"));
        }
        let (s, _, _) = hana_b
            .get("/exports/jobs/0123456789abcdef0123456789abcdef")
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _, _) = b
            .get("/exports/jobs/0123456789abcdef0123456789abcdef/file")
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        // Without personal data: the plain file, no passphrase needed.
        let job = start(
            &b,
            &[
                ("csrf", csrf.as_str()),
                ("list", "cases"),
                ("format", "xlsx"),
            ],
        )
        .await;
        let done = until_done(&mut b, &job, 1).await;
        assert!(done.contains("1 of 1 record<"), "{backend}: {done}");
        let (h, bytes) = download(&b, &job).await;
        assert_eq!(
            header(&h, "content-disposition").as_deref(),
            Some("attachment; filename=\"cases.xlsx\"")
        );
        assert_eq!(&bytes[..2], b"PK");

        // Bad input goes back to the form, the field marked; no job is started.
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
            let (s, h, body) = send(&b, "/exports", Some(&form)).await;
            let body = String::from_utf8(body).unwrap();
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {field}");
            assert!(header(&h, "location").is_none());
            assert_eq!(header(&h, "cache-control").as_deref(), Some("no-store"));
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
            let (s, h, _) = send(&ann, "/exports", Some(&form)).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {form:?}");
            assert!(header(&h, "location").is_none());
        }
        let job = start(&ann, &[("csrf", ann_csrf.as_str()), ("list", "trainings")]).await;
        until_done(&mut ann, &job, 0).await;
        let (_, bytes) = download(&ann, &job).await;
        assert!(String::from_utf8(bytes).unwrap().starts_with("held_on,"));

        // The server keeps neither the names nor the passphrase anywhere.
        let data = app.shut_down().await;
        for needle in ["Zamfira", shown.as_str()] {
            let found = files_containing(data.dir.path(), needle.as_bytes());
            assert!(found.is_empty(), "{backend}: {needle} in {found:?}");
        }
    }
}

/// A user holds at most three export jobs: the fourth form comes back (429, `Retry-After`)
/// saying why, the choices kept; another user is not held up by it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fourth_export_job_is_refused_with_the_form_kept() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "cara", Role::Caseworker).await;
        app.user("North", "cole", Role::Caseworker).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("cara").await;
        let (_, _, page) = b.get("/exports").await;
        let passphrase = hidden(&page, "passphrase");
        let form = [
            ("csrf", csrf.as_str()),
            ("list", "tasks"),
            ("format", "xlsx"),
            ("personal", "true"),
            ("passphrase", passphrase.as_str()),
        ];
        for _ in 0..3 {
            start(&b, &form).await;
        }
        let (s, h, body) = send(&b, "/exports", Some(&form)).await;
        let page = String::from_utf8(body).unwrap();
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{backend}: {page}");
        assert_eq!(header(&h, "retry-after").as_deref(), Some("60"));
        assert_eq!(header(&h, "cache-control").as_deref(), Some("no-store"));
        assert!(page.contains("id=\"export-refused\""), "{page}");
        assert!(page.contains("You already have 3 exports"), "{page}");
        assert!(page.contains("<option value=\"tasks\" selected>"), "{page}");
        assert!(page.contains("value=\"xlsx\" checked"), "{page}");
        assert_eq!(
            hidden(&page, "passphrase"),
            passphrase,
            "the same passphrase"
        );

        let mut cole = Browser::new(&app);
        let cole_csrf = cole.sign_in("cole").await;
        start(&cole, &[("csrf", cole_csrf.as_str()), ("list", "cases")]).await;
    }
}

/// The store checks the role again at each download: a caseworker made trainer while the
/// file waited gets 403 and no file, and no download is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_is_refused_once_the_role_may_no_longer_export_the_list() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "cara", Role::Caseworker).await;
        app.user("North", "ada", Role::Admin).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("cara").await;
        let job = start(&b, &[("csrf", csrf.as_str()), ("list", "cases")]).await;
        until_done(&mut b, &job, 0).await;

        let op = Operator::console();
        let id = |name: &'static str| {
            let app = &app;
            async move {
                app.store
                    .user_by_username(op, name)
                    .await
                    .unwrap()
                    .unwrap()
                    .id
            }
        };
        let (ada, cara) = (id("ada").await, id("cara").await);
        let admin = app.store.principal(op, ada).await.unwrap().unwrap();
        app.store
            .set_user_role(&admin, cara, Role::Trainer, "test")
            .await
            .unwrap();
        let (s, h, _) = send(&b, &format!("{job}/file"), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        assert!(header(&h, "content-disposition").is_none());
        let events = app
            .store
            .audit_events(op, &AuditQuery::default())
            .await
            .unwrap();
        assert!(events.iter().all(|e| e.action != "export.download"));
    }
}

/// With no turn free (limits set so that nothing runs) a job waits, deterministically: its
/// page says so with an indeterminate bar and refreshes itself, `?refresh=off` stops that and
/// offers "Check again", the file sends the owner back to the page. And the server's total:
/// with one job held in all, another user's form comes back 429 with the server's reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_job_refreshes_until_told_not_to_and_the_server_total_is_kept() {
    for backend in backends() {
        let config = WebConfig {
            export_jobs: JobLimits {
                per_user: 3,
                total: 1,
                at_once: 0,
                keep: std::time::Duration::from_secs(60),
            },
            ..WebConfig::default()
        };
        let app = TestApp::spawn_with(backend, config).await;
        app.user("North", "cara", Role::Caseworker).await;
        app.user("South", "sol", Role::Caseworker).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("cara").await;
        let job = start(&b, &[("csrf", csrf.as_str()), ("list", "cases")]).await;

        let (s, h, body) = send(&b, &job, None).await;
        let page = String::from_utf8(body).unwrap();
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(header(&h, "refresh").as_deref(), Some("5"));
        assert!(
            page.contains("Waiting for another export to finish first."),
            "{page}"
        );
        assert!(
            page.contains("<progress id=\"export-progress\">"),
            "indeterminate: {page}"
        );
        assert!(
            page.contains(&format!("href=\"{job}?refresh=off\"")),
            "{page}"
        );
        assert!(!page.contains("export-download"));
        let (s, h, body) = send(&b, &format!("{job}?refresh=off"), None).await;
        let page = String::from_utf8(body).unwrap();
        assert_eq!(s, StatusCode::OK);
        assert!(header(&h, "refresh").is_none(), "{backend}: turned off");
        assert!(page.contains("id=\"export-check\""), "{page}");
        let (s, loc, _) = b.get(&format!("{job}/file")).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}: not ready");
        assert_eq!(loc.as_deref(), Some(job.as_str()));

        let mut sol = Browser::new(&app);
        let sol_csrf = sol.sign_in("sol").await;
        let form = [("csrf", sol_csrf.as_str()), ("list", "cases")];
        let (s, h, body) = send(&sol, "/exports", Some(&form)).await;
        let page = String::from_utf8(body).unwrap();
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{backend}: {page}");
        assert_eq!(header(&h, "retry-after").as_deref(), Some("60"));
        assert!(page.contains("as many exports as it can"), "{page}");
    }
}
