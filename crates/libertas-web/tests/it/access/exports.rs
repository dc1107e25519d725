//! Exports: the list exports and the de-identified CTDC export, as anonymous, a caseworker, a trainer, an analyst
//! of another organisation (who gets their own organisation's file), the organisation's
//! analyst and its administrator. Only admins and analysts may export; there is no object id
//! to hide, so another organisation's analyst is served their own data.

use crate::access::matrix::{api, check_api, check_pages, form, page, sign_out_all, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;

pub async fn export_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let caseworker = app.user("North", "cara", Role::Caseworker).await;
        let trainer = app.user("North", "tim", Role::Trainer).await;
        let other = app.user("South", "sol", Role::Analyst).await;
        let analyst = app.user("North", "ann", Role::Analyst).await;
        let admin = app.user("North", "ada", Role::Admin).await;
        let callers = [
            ("anonymous", None),
            ("caseworker", Some(caseworker.as_str())),
            ("trainer", Some(trainer.as_str())),
            ("other", Some(other.as_str())),
            ("analyst", Some(analyst.as_str())),
            ("admin", Some(admin.as_str())),
        ];
        let rows = [
            api(
                Method::GET,
                "/api/v1/exports/ctdc",
                None,
                [401, 403, 403, 200, 200, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/ctdc?k=2",
                None,
                [401, 403, 403, 200, 200, 200],
            ),
            // List exports: cases, people and tasks need case work; personal data a role
            // that reads it; trainings any staff. No object id: each caller gets their own
            // rows (another organisation's analyst may still export trainings).
            api(
                Method::GET,
                "/api/v1/exports/list?list=cases",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=people&format=xlsx&personal=true",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=referrals",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=services&format=xlsx&personal=true",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=trainings",
                None,
                [401, 200, 200, 200, 200, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=trainings&personal=true",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/htcds",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/htcds?personal=true",
                None,
                [401, 200, 403, 403, 403, 200],
            ),
            api(
                Method::GET,
                "/api/v1/exports/list?list=audit",
                None,
                [401, 400, 400, 400, 400, 400],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
    }
}

/// A passphrase of the shape the export page makes (26 base32 symbols in groups).
const PASSPHRASE: &str = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ";

/// The export page and its form as anonymous, an analyst (trainings only, no personal data),
/// another organisation's caseworker (served their own rows: there is no object id) and the
/// organisation's caseworker. A served form starts a job: 303 to its page (three each, the
/// most a user may hold).
pub async fn export_page_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ann", Role::Analyst).await;
        app.user("South", "sol", Role::Caseworker).await;
        app.user("North", "cara", Role::Caseworker).await;
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "ann").await,
            Caller::signed_in(&app, "sol").await,
            Caller::signed_in(&app, "cara").await,
        ];
        let rows = [
            page("/exports", [303, 200, 200, 200]),
            page("/exports?list=trainings", [303, 200, 200, 200]),
            page("/exports?list=cases", [303, 403, 200, 200]),
            page("/exports?list=services", [303, 403, 200, 200]),
            form(
                "/exports",
                &[("list", "cases"), ("format", "csv")],
                [303, 403, 303, 303],
            ),
            form(
                "/exports",
                &[
                    ("list", "referrals"),
                    ("format", "xlsx"),
                    ("personal", "true"),
                    ("passphrase", PASSPHRASE),
                ],
                [303, 403, 303, 303],
            ),
            form(
                "/exports",
                &[("list", "trainings"), ("format", "csv")],
                [303, 303, 303, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        sign_out_all(backend, &mut callers).await;
    }
}

/// An export job's page and file as anonymous, an analyst, another organisation's
/// caseworker, another caseworker of the organisation and the caseworker who started it: only
/// the owner is served; for everyone else it is the 404 of a job that does not exist, like
/// the job id nobody started (last rows).
pub async fn export_jobs_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ann", Role::Analyst).await;
        app.user("South", "sol", Role::Caseworker).await;
        app.user("North", "cole", Role::Caseworker).await;
        app.user("North", "cara", Role::Caseworker).await;
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "ann").await,
            Caller::signed_in(&app, "sol").await,
            Caller::signed_in(&app, "cole").await,
            Caller::signed_in(&app, "cara").await,
        ];
        let csrf = callers[4].csrf.clone();
        let form = [
            ("csrf", csrf.as_str()),
            ("list", "people"),
            ("personal", "true"),
            ("passphrase", PASSPHRASE),
        ];
        let (s, job, _) = callers[4].browser.post("/exports", &form).await;
        assert_eq!(s.as_u16(), 303, "{backend}");
        let job = job.unwrap();
        let mut ready = false;
        for _ in 0..600 {
            let (_, _, page) = callers[4].browser.get(&job).await;
            ready = page.contains("id=\"export-download\"");
            if ready {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(ready, "{backend}: the export did not finish");
        let nobody = "/exports/jobs/0123456789abcdef0123456789abcdef";
        let rows = [
            page(job.clone(), [303, 404, 404, 404, 200]),
            page(format!("{job}/file"), [303, 404, 404, 404, 200]),
            page(format!("{job}?refresh=off"), [303, 404, 404, 404, 200]),
            page(nobody, [303, 404, 404, 404, 404]),
            page(format!("{nobody}/file"), [303, 404, 404, 404, 404]),
        ];
        check_pages(backend, &rows, &mut callers).await;
        sign_out_all(backend, &mut callers).await;
    }
}
