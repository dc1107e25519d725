//! The hidden-victim estimate's API as anonymous, a caseworker, a trainer, an analyst of
//! another organisation, the organisation's analyst and its administrator. Only admins and
//! analysts may run or read estimates; an estimate of another organisation does not exist for
//! them (404), and their own organisation's lists hold nobody here (409). The pages
//! (`/estimates`, its form, `/estimates/{id}`) answer the same callers the same way.

use crate::access::matrix::{api, check_api, check_pages, form, page, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_domain::stats::estimate::{EstimateMethod, EstimateRequest};
use libertas_domain::stats::Period;
use libertas_store::stats::testing::estimate_fixture;
use libertas_store::testing::{backends, principal};
use reqwest::Method;
use serde_json::json;

pub async fn estimate_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        estimate_fixture(&app.store).await;
        let caseworker = app.user("North", "cara", Role::Caseworker).await;
        let trainer = app.user("North", "tim", Role::Trainer).await;
        let other = app.user("South", "sol", Role::Analyst).await;
        let analyst = app.user("North", "ann", Role::Analyst).await;
        let admin = app.user("North", "ada", Role::Admin).await;
        let est = principal(&app.store, "North", "est", Role::Analyst).await;
        let today = time::OffsetDateTime::now_utc().date();
        let codes = ["reports", "identification", "aftercare"].map(String::from);
        let req = EstimateRequest::parse(
            &codes,
            Period::parse(None, None, today).unwrap(),
            EstimateMethod::Stepwise,
            1,
        )
        .unwrap();
        let id = app.store.run_estimate(&est, &req, "t").await.unwrap().id;
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
                Method::POST,
                "/api/v1/estimates",
                Some(json!({"sources": ["reports", "identification", "aftercare"], "seed": 3})),
                [401, 403, 403, 409, 201, 201],
            ),
            api(
                Method::POST,
                "/api/v1/estimates",
                Some(json!({"sources": ["reports", "police"]})),
                [401, 403, 403, 400, 400, 400],
            ),
            api(
                Method::GET,
                format!("/api/v1/estimates/{id}"),
                None,
                [401, 403, 403, 404, 200, 200],
            ),
            api(
                Method::GET,
                format!("/api/v1/estimates/{id}/histories.csv"),
                None,
                [401, 403, 403, 404, 200, 200],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;

        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "cara").await,
            Caller::signed_in(&app, "tim").await,
            Caller::signed_in(&app, "sol").await,
            Caller::signed_in(&app, "ann").await,
            Caller::signed_in(&app, "ada").await,
        ];
        let three = [
            ("sources", "reports"),
            ("sources", "identification"),
            ("sources", "aftercare"),
            ("method", "stepwise"),
            ("seed", "3"),
        ];
        let rows = [
            page("/estimates", [303, 403, 403, 200, 200, 200]),
            page(format!("/estimates/{id}"), [303, 403, 403, 404, 200, 200]),
            form("/estimates", &three, [303, 403, 403, 409, 303, 303]),
            form(
                "/estimates",
                &[("sources", "reports"), ("sources", "police")],
                [303, 403, 403, 400, 400, 400],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        app.stop().await;
    }
}
