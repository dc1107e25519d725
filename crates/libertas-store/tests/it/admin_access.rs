//! The store decides who may administer: every administrative store method, called as every
//! staff role of the organisation, as another organisation's administrator and as the
//! operator at the console, gives exactly the expected outcome, on SQLite and PostgreSQL.
//!
//! A public method added to `src/admin/` without a row here (or a place in the short list of
//! authentication steps, which have no caller yet) fails `every_admin_method_has_a_row`.

use libertas_domain::admin::{OrgName, Password, Principal, Role, Username};
use libertas_domain::cases::referrals::{NewPartner, PartnerId};
use libertas_store::admin::{Caller, Operator};
use libertas_store::audit::{Alert, AuditQuery};
use libertas_store::crypto::sha256_hex;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    Forbidden,
    NotFound,
}

fn outcome<T>(r: Result<T, StoreError>) -> Outcome {
    match r {
        Ok(_) => Outcome::Ok,
        Err(StoreError::Forbidden) => Outcome::Forbidden,
        Err(StoreError::NotFound) => Outcome::NotFound,
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

/// `Ok(None)` from a look-up is the same answer as `NotFound`.
fn found<T>(r: Result<Option<T>, StoreError>) -> Outcome {
    match r {
        Ok(None) => Outcome::NotFound,
        other => outcome(other),
    }
}

/// Who calls: the organisation's own roles, another organisation's administrator, the
/// operator.
#[derive(Clone, Copy, Debug)]
enum Who {
    Own(Role),
    OtherAdmin,
    Operator,
}

/// Expected outcome for each kind of caller.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Administrators of the object's organisation and the operator; other roles Forbidden;
    /// another organisation's administrator NotFound.
    OwnAdmins,
    /// Any organisation's administrators and the operator; other roles Forbidden.
    AnyAdmins,
    /// The operator only.
    OperatorOnly,
}

impl Rule {
    fn expect(self, who: Who) -> Outcome {
        match (self, who) {
            (_, Who::Operator) => Outcome::Ok,
            (Rule::OperatorOnly, _) => Outcome::Forbidden,
            (_, Who::Own(Role::Admin)) => Outcome::Ok,
            (_, Who::Own(_)) => Outcome::Forbidden,
            (Rule::OwnAdmins, Who::OtherAdmin) => Outcome::NotFound,
            (Rule::AnyAdmins, Who::OtherAdmin) => Outcome::Ok,
        }
    }
}

/// Every public store method of `src/admin/` (and the administrative ones elsewhere) with
/// its rule. Methods that take `Operator` by type cannot be called by staff at all and are
/// listed with `OperatorOnly` too.
const ROWS: &[(&str, Rule)] = &[
    ("create_org", Rule::OperatorOnly),
    ("org_by_name", Rule::OperatorOnly),
    ("orgs", Rule::AnyAdmins),
    ("create_user", Rule::OwnAdmins),
    ("user_by_username", Rule::OwnAdmins),
    ("user_by_id", Rule::OwnAdmins),
    ("users_of_org", Rule::OwnAdmins),
    ("principal", Rule::OperatorOnly),
    ("disable_user", Rule::OwnAdmins),
    ("reset_totp", Rule::OwnAdmins),
    ("end_sessions_of", Rule::OwnAdmins),
    ("create_token", Rule::OperatorOnly),
    ("list_tokens", Rule::AnyAdmins),
    ("revoke_token", Rule::OwnAdmins),
    ("org_tokens", Rule::AnyAdmins),
    ("revoke_org_token", Rule::OwnAdmins),
    ("org_sessions", Rule::AnyAdmins),
    ("end_org_session", Rule::OwnAdmins),
    ("set_user_role", Rule::OwnAdmins),
    ("org_overview", Rule::AnyAdmins),
    ("audit_events", Rule::AnyAdmins),
    ("security_alerts", Rule::AnyAdmins),
    ("create_partner", Rule::AnyAdmins),
    ("set_partner_active", Rule::OwnAdmins),
    ("mark_demo", Rule::OperatorOnly),
];

/// Steps of signing in: they take the credential being checked (or the session's own
/// principal and cookie), not a caller; the server's housekeeping; the hasher; and the
/// public-report routing, which has no caller and returns only an id.
const AUTHENTICATION: &[&str] = &[
    "hash",
    "verify",
    "public_reports_org",
    "login_password",
    "session",
    "create_session",
    "rotate_session",
    "end_session",
    "principal_for_token",
    "check_second_factor",
    "begin_totp_enrolment",
    "pending_totp_enrolment",
    "confirm_totp_enrolment",
    "change_password",
    "sweep_sessions",
];

struct World {
    store: Store,
    north: libertas_domain::ids::OrgId,
    callers: Vec<(Who, Option<Principal>)>,
    partner: PartnerId,
}

const OWN_ROLES: [Role; 10] = Role::ALL;

async fn world(backend: &str) -> (TestData, World) {
    let data = TestData::new(backend).await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let mut callers = vec![];
    for role in OWN_ROLES {
        let p = principal(&store, "North", &format!("n-{}", role.as_str()), role).await;
        callers.push((Who::Own(role), Some(p)));
    }
    // A second administrator, so that no call is refused for being the last one.
    principal(&store, "North", "n-admin2", Role::Admin).await;
    let south = principal(&store, "South", "s-admin", Role::Admin).await;
    callers.push((Who::OtherAdmin, Some(south)));
    callers.push((Who::Operator, None));
    let north = callers[0].1.as_ref().unwrap().org_id;
    let admin = callers[0].1.clone().unwrap();
    let kinds = vec!["legal".to_owned()];
    let langs = vec!["ro".to_owned()];
    let partner = NewPartner::parse("Legal aid", &kinds, "Iași", &langs, "Call", "0800").unwrap();
    let partner = store
        .create_partner(&admin, &partner, None, "t")
        .await
        .unwrap()
        .id;
    (
        data,
        World {
            store,
            north,
            callers,
            partner,
        },
    )
}

/// A fresh North caseworker, the object of one call.
async fn target(w: &World, n: &mut u32) -> Principal {
    *n += 1;
    principal(&w.store, "North", &format!("target-{n}"), Role::Caseworker).await
}

async fn call(w: &World, method: &str, caller: Caller<'_>, n: &mut u32) -> Outcome {
    let s = &w.store;
    let op = Operator::console();
    match method {
        "create_org" => outcome(
            s.create_org(caller, &OrgName::parse(&format!("Org {n}x")).unwrap(), "t")
                .await
                .inspect(|_| *n += 1),
        ),
        "org_by_name" => found(s.org_by_name(caller, "North").await),
        "orgs" => outcome(s.orgs(caller).await),
        "create_user" => {
            *n += 1;
            let u = Username::parse(&format!("new-{n}")).unwrap();
            let pw = Password::parse("a quiet evening by the river").unwrap();
            outcome(
                s.create_user(caller, w.north, &u, Role::Hotline, &pw, "t")
                    .await,
            )
        }
        "user_by_username" => found(s.user_by_username(caller, "n-caseworker").await),
        "user_by_id" => {
            let t = target(w, n).await;
            found(s.user_by_id(caller, t.user_id).await)
        }
        "users_of_org" => outcome(s.users_of_org(caller, w.north).await),
        "principal" => {
            let t = target(w, n).await;
            found(s.principal(caller, t.user_id).await)
        }
        "disable_user" => {
            let t = target(w, n).await;
            let r = outcome(s.disable_user(caller, &t.username, "left").await);
            let disabled = s
                .user_by_username(op, &t.username)
                .await
                .unwrap()
                .unwrap()
                .disabled;
            assert_eq!(disabled, r == Outcome::Ok, "disabled only when allowed");
            r
        }
        "reset_totp" => {
            let t = target(w, n).await;
            let cookie = s.create_session(&t, true).await.unwrap();
            let r = outcome(s.reset_totp(caller, &t.username, "lost phone").await);
            let live = s.session(&cookie, Default::default()).await.unwrap();
            assert_eq!(
                live.is_none(),
                r == Outcome::Ok,
                "sessions end only when allowed"
            );
            r
        }
        "end_sessions_of" => {
            let t = target(w, n).await;
            outcome(s.end_sessions_of(caller, &t.username, "t").await)
        }
        "create_token" => outcome(
            s.create_token(caller, "n-caseworker", "t", time::Duration::days(1))
                .await,
        ),
        "list_tokens" => {
            let r = s.list_tokens(caller, "t").await;
            if let (Ok(list), Some(p)) = (&r, caller.principal()) {
                let own: Vec<String> = s
                    .users_of_org(op, p.org_id)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|u| u.username)
                    .collect();
                assert!(list.iter().all(|t| own.contains(&t.username)));
            }
            outcome(r)
        }
        "revoke_token" | "revoke_org_token" => {
            let t = target(w, n).await;
            let (id, _) = s
                .create_token(op, &t.username, "t", time::Duration::days(1))
                .await
                .unwrap();
            match (method, caller) {
                ("revoke_org_token", Caller::Staff(p)) => {
                    outcome(s.revoke_org_token(p, id, "t").await)
                }
                ("revoke_org_token", Caller::Operator(_)) => Outcome::Ok,
                _ => outcome(s.revoke_token(caller, id, "t").await),
            }
        }
        "org_tokens" => match caller {
            Caller::Staff(p) => outcome(s.org_tokens(p).await),
            Caller::Operator(_) => Outcome::Ok,
        },
        "org_sessions" => match caller {
            Caller::Staff(p) => outcome(s.org_sessions(p).await),
            Caller::Operator(_) => Outcome::Ok,
        },
        "end_org_session" => {
            let t = target(w, n).await;
            let cookie = s.create_session(&t, true).await.unwrap();
            let handle: String = sha256_hex(cookie.as_bytes()).chars().take(16).collect();
            match caller {
                Caller::Staff(p) => outcome(s.end_org_session(p, &handle).await),
                Caller::Operator(_) => outcome(s.end_sessions_of(op, &t.username, "t").await),
            }
        }
        "set_user_role" => {
            let t = target(w, n).await;
            match caller {
                Caller::Staff(p) => outcome(s.set_user_role(p, t.user_id, Role::Legal, "t").await),
                Caller::Operator(_) => Outcome::Ok,
            }
        }
        "org_overview" => match caller {
            Caller::Staff(p) => outcome(s.org_overview(p, "t").await),
            Caller::Operator(_) => Outcome::Ok,
        },
        "audit_events" => {
            let r = s.audit_events(caller, &AuditQuery::default()).await;
            if let (Ok(events), Some(p)) = (&r, caller.principal()) {
                let org = p.org_id.to_string();
                assert!(events
                    .iter()
                    .all(|e| e.org_id.as_deref() == Some(org.as_str())));
            }
            outcome(r)
        }
        "security_alerts" => match caller {
            Caller::Staff(p) => outcome(
                s.security_alerts(p, time::OffsetDateTime::UNIX_EPOCH, 10)
                    .await,
            ),
            Caller::Operator(_) => Outcome::Ok,
        },
        "create_partner" => match caller {
            Caller::Staff(p) => {
                *n += 1;
                let kinds = vec!["legal".to_owned()];
                let langs = vec!["ro".to_owned()];
                let new = NewPartner::parse(
                    &format!("Partner {n}"),
                    &kinds,
                    "Iași",
                    &langs,
                    "Call",
                    "0800",
                )
                .unwrap();
                outcome(s.create_partner(p, &new, None, "t").await)
            }
            Caller::Operator(_) => Outcome::Ok,
        },
        "set_partner_active" => match caller {
            Caller::Staff(p) => outcome(s.set_partner_active(p, w.partner, true, "t").await),
            Caller::Operator(_) => Outcome::Ok,
        },
        "mark_demo" => match caller {
            // Takes `Operator` by type: staff cannot even express the call.
            Caller::Staff(_) => Outcome::Forbidden,
            Caller::Operator(o) => outcome(s.mark_demo(o).await),
        },
        other => panic!("no call for {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_method_as_every_caller() {
    for backend in backends() {
        let (_data, w) = world(backend).await;
        let mut n = 0u32;
        let mut failures = vec![];
        for (method, rule) in ROWS {
            for (who, p) in &w.callers {
                let caller = match p {
                    Some(p) => Caller::Staff(p),
                    None => Caller::Operator(Operator::console()),
                };
                let got = call(&w, method, caller, &mut n).await;
                let want = rule.expect(*who);
                if got != want {
                    failures.push(format!(
                        "{backend}: {method} as {who:?}: got {got:?}, want {want:?}"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        w.store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_cannot_disable_the_last_administrator() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let boss = principal(&store, "North", "boss", Role::Admin).await;
        let r = store.disable_user(&boss, "boss", "leaving").await;
        assert!(
            matches!(r, Err(StoreError::Conflict(_))),
            "{backend}: {r:?}"
        );
        // The operator can (a compromised last administrator must be stoppable).
        store
            .disable_user(Operator::console(), "boss", "compromised")
            .await
            .unwrap();
        store.close().await;
    }
}

/// The class guard: every `pub async fn` in `src/admin/` has a row or is an authentication
/// step, so a new administrative method cannot ship without its access rule being tested.
#[test]
fn every_admin_method_has_a_row() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/admin");
    let mut missing = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let Some(rest) = line.trim().strip_prefix("pub async fn ") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !ROWS.iter().any(|(m, _)| *m == name) && !AUTHENTICATION.contains(&name.as_str()) {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "admin store methods without an access row: {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_guessing_alert_reaches_only_the_organisations_administrators() {
    // The alert mechanism used by sign-in (raised in the account's organisation).
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let boss = principal(&store, "North", "boss", Role::Admin).await;
        let other = principal(&store, "South", "sboss", Role::Admin).await;
        store
            .raise_alert(Alert {
                action: "alert.login_guessing",
                org_id: Some(boss.org_id),
                object_type: "user",
                object_id: Some(boss.user_id.to_string()),
                reason: "t".into(),
                detail: serde_json::json!({}),
            })
            .await
            .unwrap();
        let since = time::OffsetDateTime::UNIX_EPOCH;
        assert_eq!(
            store.security_alerts(&boss, since, 10).await.unwrap().len(),
            1
        );
        assert!(store
            .security_alerts(&other, since, 10)
            .await
            .unwrap()
            .is_empty());
        store.close().await;
    }
}

/// Every kind of refused sign-in — unknown username, wrong password, locked for this client,
/// disabled account — is answered no sooner than the policy's floor, so that answer times do
/// not tell which usernames exist (their database work differs). A lower bound only: the
/// benchmark `bench/login_load.py` prints the spread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_refused_sign_in_waits_for_the_same_floor() {
    use libertas_store::admin::{LoginClient, LoginOutcome, LoginPolicy};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let s = Store::init(t.config.clone()).await.unwrap();
        let _ana = principal(&s, "North", "ana", Role::Caseworker).await;
        let _boris = principal(&s, "North", "boris", Role::Caseworker).await;
        s.disable_user(Operator::console(), "boris", "left")
            .await
            .unwrap();
        let floor = std::time::Duration::from_millis(300);
        let policy = LoginPolicy {
            free_attempts: 1,
            refusal_floor: floor,
            ..LoginPolicy::default()
        };
        let client = LoginClient::new(std::net::IpAddr::from([192, 0, 2, 7]));
        let tries = [
            (
                "unknown username",
                "nobody",
                "a long enough password",
                "denied",
            ),
            ("wrong password", "ana", "not her password at all", "denied"),
            (
                "locked for this client",
                "ana",
                "a long enough password",
                "locked",
            ),
            (
                "disabled account",
                "boris",
                "a long enough password",
                "denied",
            ),
        ];
        for (what, user, pw, want) in tries {
            let began = std::time::Instant::now();
            let got = s.login_password(user, pw, client, policy).await.unwrap();
            let took = began.elapsed();
            let kind = match got {
                LoginOutcome::Ok { .. } => "ok",
                LoginOutcome::Denied => "denied",
                LoginOutcome::Locked { .. } => "locked",
            };
            assert_eq!(kind, want, "{backend}: {what}");
            assert!(
                took >= floor,
                "{backend}: {what} was answered after {took:?}, before the floor"
            );
        }
        s.close().await;
    }
}
