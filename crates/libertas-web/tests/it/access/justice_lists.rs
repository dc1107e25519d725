//! The lists across my cases that the home's counts link to (`/evidence`, `/hearings`,
//! `/referrals/outgoing`) as anonymous, an analyst, an investigator of another organisation,
//! an investigator of mine who is not a member, a caseworker member and a legal member, with
//! the exact status of each. Evidence is for roles that prosecute; hearings and outgoing
//! referrals for every role that works cases. A list that serves a non-member must not show
//! the case (checked in `justice_lists`), a refusal shows nothing of it (checked here).

use crate::access::matrix::{check_pages_hiding, page, sign_out_all, Caller};
use crate::evidence_common::upload;
use crate::proceedings_common::fixture;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use serde_json::json;

pub async fn justice_lists_as_every_kind_of_caller() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let case = &f.case_id;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Investigator).await;
        app.user("North", "nonmember", Role::Investigator).await;
        app.user("North", "clerk", Role::Caseworker).await;
        app.post(
            &format!("/api/v1/cases/{case}/members"),
            &f.owner,
            json!({"username": "clerk"}),
        )
        .await;
        upload(app, &f.owner, case, b"%PDF-1.4 x".to_vec(), "ledger.pdf").await;
        app.post(
            &format!("/api/v1/cases/{case}/hearings"),
            &f.owner,
            json!({"date": "2025-03-01", "court": "Tribunalul București", "kind": "trial"}),
        )
        .await;
        let mut callers = [
            Caller::anonymous(app),
            Caller::signed_in(app, "analyst").await,
            Caller::signed_in(app, "other").await,
            Caller::signed_in(app, "nonmember").await,
            Caller::signed_in(app, "clerk").await,
            Caller::signed_in(app, "lawyer").await,
        ];
        let rows = [
            page("/evidence", [303, 403, 200, 200, 403, 200]),
            page(
                "/evidence?verified=any&page=1",
                [303, 403, 200, 200, 403, 200],
            ),
            page("/evidence?verified=maybe", [303, 403, 400, 400, 403, 400]),
            page("/hearings", [303, 403, 200, 200, 200, 200]),
            page("/hearings?when=past", [303, 403, 200, 200, 200, 200]),
            page("/hearings?when=soon", [303, 403, 400, 400, 400, 400]),
            page("/referrals/outgoing", [303, 403, 200, 200, 200, 200]),
            page(
                "/referrals/outgoing?status=requested",
                [303, 403, 200, 200, 200, 200],
            ),
            page("/referrals/outgoing?page=0", [303, 403, 400, 400, 400, 400]),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &["Kestrel", "ledger.pdf"]).await;
        sign_out_all(backend, &mut callers).await;
        f.app.stop().await;
    }
}
