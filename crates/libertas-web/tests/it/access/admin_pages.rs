//! The administration pages and their forms (`/admin/users` with its create, disable and
//! reset-TOTP actions, `/admin/users/role`, `/admin/access`, `/admin/audit`,
//! `/admin/organisations`, the partner directory forms) as anonymous, a caseworker, another
//! organisation's administrator and the organisation's own administrator.
//!
//! Finding 1 of issue 9 lives here: a caseworker posting `action=disable` or
//! `action=reset-totp` to `/admin/users` must get the 403 page and change nothing.

use crate::access::admin_api::{session_handle, still_signed_in, token_id, user};
use crate::access::matrix::{check_pages_hiding, expect, form, page, sign_out_all, Caller};
use crate::common::{Browser, TestApp};
use crate::referrals_common::partner;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;

/// The colleagues the destructive rows act on: no refusal may name them.
const TARGETS: [&str; 4] = ["pageleaver", "pagelost", "pagerole", "pagesession"];

/// The partner form's fields, valid.
const PARTNER: [(&str, &str); 6] = [
    ("name", "Casa Luminii"),
    ("kinds", "shelter"),
    ("area", "Iași county"),
    ("languages", "ro"),
    ("how_to_refer", "Call the duty officer."),
    ("contact", "+40 232 000 001"),
];

pub async fn admin_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        app.user("North", "cara", Role::Caseworker).await;
        app.user("South", "southboss", Role::Admin).await;
        for target in TARGETS {
            app.user("North", target, Role::Caseworker).await;
        }
        let held = app.user("North", "pagetoken", Role::Caseworker).await;
        Browser::new(&app).sign_in("pagelost").await;
        let mut holder = Browser::new(&app);
        holder.sign_in("pagesession").await;
        let (_, p) = app
            .post(
                "/api/v1/partners",
                &boss,
                partner("Casa", &["shelter"], None),
            )
            .await;
        let pid = p["id"].as_str().unwrap().to_owned();
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "cara").await,
            Caller::signed_in(&app, "southboss").await,
            Caller::signed_in(&app, "boss").await,
        ];
        let rows = [
            page("/admin/users", [303, 403, 200, 200]),
            form(
                "/admin/users",
                &[
                    ("action", "create"),
                    ("username", "page-by-{caller}"),
                    ("role", "hotline"),
                ],
                [303, 403, 201, 201],
            ),
            page("/admin/access", [303, 403, 200, 200]),
            page("/admin/audit", [303, 403, 200, 200]),
            page("/admin/organisations", [303, 403, 200, 200]),
            form("/admin/partners", &PARTNER, [303, 403, 303, 303]),
            form(
                format!("/admin/partners/{pid}"),
                &PARTNER,
                [303, 403, 404, 303],
            ),
            form(
                format!("/admin/partners/{pid}/active"),
                &[("active", "0")],
                [303, 403, 404, 303],
            ),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &TARGETS).await;
        let made = app
            .store
            .user_by_username(libertas_store::admin::Operator::console(), "page-by-cara")
            .await
            .unwrap();
        expect(made.is_none(), || {
            format!("{backend}: a caseworker created a user")
        });
        let (_, _, html) = callers[2].browser.get("/admin/users").await;
        expect(!html.contains("pageleaver"), || {
            format!("{backend}: South's administrator sees North's users")
        });
        let (_, _, html) = callers[2].browser.get("/admin/access").await;
        expect(!html.contains("pagesession"), || {
            format!("{backend}: South's administrator sees North's sessions")
        });

        // Destructive forms: the refused callers first, then a check that nothing changed,
        // then the administrator.
        let (refused, allowed) = callers.split_at_mut(3);
        let disable = [
            ("action", "disable"),
            ("username", "pageleaver"),
            ("reason", "left"),
        ];
        check_pages_hiding(
            backend,
            &[form("/admin/users", &disable, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        expect(!user(&app, "pageleaver").await.disabled, || {
            format!("{backend}: finding 1: a refused caller disabled a colleague")
        });
        check_pages_hiding(
            backend,
            &[form("/admin/users", &disable, [303])],
            allowed,
            &TARGETS,
        )
        .await;
        expect(user(&app, "pageleaver").await.disabled, || {
            format!("{backend}: the administrator could not disable a user")
        });

        let reset = [
            ("action", "reset-totp"),
            ("username", "pagelost"),
            ("reason", "lost phone"),
        ];
        check_pages_hiding(
            backend,
            &[form("/admin/users", &reset, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        expect(user(&app, "pagelost").await.totp_enrolled, || {
            format!("{backend}: finding 1: a refused caller reset a colleague's TOTP")
        });
        check_pages_hiding(
            backend,
            &[form("/admin/users", &reset, [303])],
            allowed,
            &TARGETS,
        )
        .await;
        expect(!user(&app, "pagelost").await.totp_enrolled, || {
            format!("{backend}: the administrator could not reset a second factor")
        });

        let role = [("username", "pagerole"), ("role", "legal")];
        let path = "/admin/users/role";
        check_pages_hiding(
            backend,
            &[form(path, &role, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        expect(
            user(&app, "pagerole").await.role == Role::Caseworker,
            || format!("{backend}: a refused caller changed a role"),
        );
        check_pages_hiding(backend, &[form(path, &role, [303])], allowed, &TARGETS).await;
        expect(user(&app, "pagerole").await.role == Role::Legal, || {
            format!("{backend}: the administrator could not change a role")
        });

        let id = token_id(&app, "pagetoken").await;
        // The first submit only asks (the administrator sees the question, 200); nobody's
        // token is revoked until the confirming submit.
        let ask = [("action", "revoke-token"), ("id", id.as_str())];
        check_pages_hiding(
            backend,
            &[form("/admin/access", &ask, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        check_pages_hiding(backend, &[form("/admin/access", &ask, [200])], allowed, &[]).await;
        let works = app.get("/api/v1/me", &held).await.0.as_u16();
        expect(works == 200, || {
            format!("{backend}: asking revoked a token ({works})")
        });
        let revoke = [
            ("action", "revoke-token"),
            ("id", id.as_str()),
            ("confirm", "yes"),
        ];
        check_pages_hiding(
            backend,
            &[form("/admin/access", &revoke, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        let works = app.get("/api/v1/me", &held).await.0.as_u16();
        expect(works == 200, || {
            format!("{backend}: a refused caller revoked a token ({works})")
        });
        check_pages_hiding(
            backend,
            &[form("/admin/access", &revoke, [303])],
            allowed,
            &TARGETS,
        )
        .await;
        let works = app.get("/api/v1/me", &held).await.0.as_u16();
        expect(works == 401, || {
            format!("{backend}: a revoked token still works ({works})")
        });

        let handle = session_handle(&app, "boss", "pagesession").await;
        let ask = [("action", "end-session"), ("handle", handle.as_str())];
        check_pages_hiding(
            backend,
            &[form("/admin/access", &ask, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        check_pages_hiding(backend, &[form("/admin/access", &ask, [200])], allowed, &[]).await;
        expect(still_signed_in(&mut holder).await, || {
            format!("{backend}: asking ended a session")
        });
        let end = [
            ("action", "end-session"),
            ("handle", handle.as_str()),
            ("confirm", "yes"),
        ];
        check_pages_hiding(
            backend,
            &[form("/admin/access", &end, [303, 403, 404])],
            refused,
            &TARGETS,
        )
        .await;
        expect(still_signed_in(&mut holder).await, || {
            format!("{backend}: a refused caller ended a session")
        });
        check_pages_hiding(
            backend,
            &[form("/admin/access", &end, [303])],
            allowed,
            &TARGETS,
        )
        .await;
        expect(!still_signed_in(&mut holder).await, || {
            format!("{backend}: an ended session still works")
        });

        sign_out_all(backend, &mut callers).await;
        app.stop().await;
    }
}
