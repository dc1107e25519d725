//! Issue 13, first slice, in the store: the separated supporter store, double opt-in, the
//! consent record, single-use expiring links, unsubscribe, the outbox's claims, back-off and
//! permanent failures, and the roles. SQLite and (when configured) PostgreSQL.

use crate::exports::files_holding;
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::{confirmation, Message};
use libertas_domain::supporters::{SignUp, SIGNUP_WORDING_VERSION};
use libertas_store::supporters::{ConfirmOutcome, SendFailure};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError, SUPPORTERS_FILE};
use sqlx::Connection;
use std::sync::{Arc, Mutex};

pub(crate) const ADDRESS: &str = "Mira.Supporter@Example.org";

pub(crate) fn sign_up(address: &str, interests: &[&str], region: Option<&str>) -> SignUp {
    SignUp::parse(address, Some("Mira Lindqvist"), interests, region, "ro").unwrap()
}

/// Signs up and returns the (confirmation, unsubscribe) tokens the message was written with.
pub(crate) async fn signed_up(
    store: &Store,
    org: libertas_domain::ids::OrgId,
    s: &SignUp,
) -> (String, String) {
    let tokens = Arc::new(Mutex::new((String::new(), String::new())));
    let seen = tokens.clone();
    store
        .supporter_sign_up(org, s, move |c, u| {
            *seen.lock().unwrap() = (c.to_owned(), u.to_owned());
            confirmation(
                Lang::Ro,
                s.email.as_str(),
                &format!("https://x.test/updates/confirm/{c}"),
                &format!("https://x.test/updates/unsubscribe/{u}"),
            )
        })
        .await
        .unwrap();
    let t = tokens.lock().unwrap().clone();
    t
}

/// A connection to the supporter store, for what no API shows (the consent row, ageing a
/// link): its own file on SQLite, the `supporters` schema on PostgreSQL.
pub(crate) async fn raw(t: &TestData) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    match &t.config.database_url {
        Some(url) => {
            let mut c = sqlx::AnyConnection::connect(url).await.unwrap();
            sqlx::query("set search_path to supporters")
                .execute(&mut c)
                .await
                .unwrap();
            c
        }
        None => sqlx::AnyConnection::connect(&format!(
            "sqlite://{}",
            t.config.data_dir.join(SUPPORTERS_FILE).display()
        ))
        .await
        .unwrap(),
    }
}

#[derive(sqlx::FromRow, Debug)]
struct ConsentRow {
    interests: String,
    form: String,
    wording_version: String,
    language: String,
    asked_at: String,
    confirmed_at: Option<String>,
    withdrawn_at: Option<String>,
    has_region: i64,
}

async fn consents(t: &TestData) -> Vec<ConsentRow> {
    let mut c = raw(t).await;
    sqlx::query_as::<_, ConsentRow>(
        "select interests, form, wording_version, language, asked_at, confirmed_at,
                withdrawn_at, case when region is null then 0 else 1 end as has_region
         from consents order by asked_at",
    )
    .fetch_all(&mut c)
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_opt_in_queues_only_the_confirmation_and_links_work_once() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let s = sign_up(ADDRESS, &["stories", "events"], Some("Iași"));
        let (confirm, unsubscribe) = signed_up(&store, care.org_id, &s).await;

        // Exactly one message, the confirmation, to the address as typed.
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(due.len(), 1, "{backend}");
        let claimed = store
            .outbox_claim(&[due[0].id.clone()], time::Duration::minutes(5))
            .await
            .unwrap();
        assert_eq!(claimed.len(), 1);
        let m: &Message = &claimed[0].message;
        assert_eq!(m.to, ADDRESS);
        assert!(m.text.contains(&format!("/updates/confirm/{confirm}")));
        assert!(m.unsubscribe_url.ends_with(&unsubscribe));
        // Claimed: no longer due, and a second claim gets nothing.
        assert!(store.outbox_due(10).await.unwrap().is_empty());
        assert!(store
            .outbox_claim(&[due[0].id.clone()], time::Duration::minutes(5))
            .await
            .unwrap()
            .is_empty());
        store.outbox_sent(&claimed[0].id).await.unwrap();

        // Signing up again at once (pending) queues nothing, and answers the same.
        signed_up(&store, care.org_id, &s).await;
        assert!(store.outbox_due(10).await.unwrap().is_empty(), "{backend}");

        // The consent record: interests, form, wording version, when; region sealed.
        let c = consents(&t).await;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].interests, "stories,events");
        assert_eq!(c[0].form, "updates-signup");
        assert_eq!(c[0].wording_version, SIGNUP_WORDING_VERSION);
        assert_eq!(c[0].language, "ro");
        assert!(libertas_store::clock::from_text(&c[0].asked_at).is_some());
        assert_eq!(c[0].has_region, 1);
        assert!(c[0].confirmed_at.is_none());

        // The link confirms once; then it is used; a made-up one is unknown.
        assert_eq!(
            store.supporter_confirm(&confirm).await.unwrap(),
            ConfirmOutcome::Confirmed
        );
        assert_eq!(
            store.supporter_confirm(&confirm).await.unwrap(),
            ConfirmOutcome::AlreadyUsed
        );
        assert_eq!(
            store.supporter_confirm(&"A".repeat(43)).await.unwrap(),
            ConfirmOutcome::Unknown
        );
        assert_eq!(
            store.supporter_confirm("short").await.unwrap(),
            ConfirmOutcome::Unknown
        );
        let c = consents(&t).await;
        assert!(c[0].confirmed_at.as_deref() >= Some(c[0].asked_at.as_str()));
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.pending, counts.subscribed), (0, 1));

        // Subscribed: another sign-up with the same address queues nothing either.
        signed_up(&store, care.org_id, &s).await;
        assert!(store.outbox_due(10).await.unwrap().is_empty());

        // Unsubscribe withdraws the consent; the link works again harmlessly.
        assert!(store.supporter_unsubscribe(&unsubscribe).await.unwrap());
        assert!(store.supporter_unsubscribe(&unsubscribe).await.unwrap());
        assert!(!store.supporter_unsubscribe(&"B".repeat(43)).await.unwrap());
        assert!(consents(&t).await[0].withdrawn_at.is_some());
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.subscribed, counts.unsubscribed), (0, 1));
        let out = store.outbox_counts(&care).await.unwrap();
        assert_eq!((out.sent, out.queued), (1, 0));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_link_is_refused_and_unsubscribing_cancels_what_waits() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let (confirm, unsubscribe) = signed_up(
            &store,
            care.org_id,
            &sign_up("old@example.org", &["involved"], None),
        )
        .await;
        let mut c = raw(&t).await;
        sqlx::query("update confirmations set expires_at = '2000-01-01T00:00:00.000000Z'")
            .execute(&mut c)
            .await
            .unwrap();
        assert_eq!(
            store.supporter_confirm(&confirm).await.unwrap(),
            ConfirmOutcome::Expired,
            "{backend}"
        );
        assert_eq!(store.supporter_counts(&care).await.unwrap().pending, 1);
        // The queued confirmation is cancelled by unsubscribing: nothing is due any more.
        assert_eq!(store.outbox_due(10).await.unwrap().len(), 1);
        assert!(store.supporter_unsubscribe(&unsubscribe).await.unwrap());
        assert!(store.outbox_due(10).await.unwrap().is_empty());
        assert_eq!(store.outbox_counts(&care).await.unwrap().cancelled, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_back_off_then_fail_for_good() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::FundraisingManager).await;
        signed_up(
            &store,
            care.org_id,
            &sign_up("a@example.org", &["stories"], None),
        )
        .await;
        signed_up(
            &store,
            care.org_id,
            &sign_up("b@example.net", &["stories"], None),
        )
        .await;
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(due.len(), 2);
        // Different domains, different keys; the same domain, the same key.
        assert_ne!(due[0].domain, due[1].domain);
        let ids: Vec<String> = due.iter().map(|d| d.id.clone()).collect();
        let claimed = store
            .outbox_claim(&ids, time::Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 2);
        assert_eq!(claimed[0].attempts, 1);
        // A temporary failure with no wait is due again at once; a permanent one never.
        let temporary = SendFailure::Temporary {
            code: Some("451".into()),
        };
        assert!(store
            .outbox_failed(&claimed[0].id, &temporary, time::Duration::ZERO)
            .await
            .unwrap());
        let permanent = SendFailure::Permanent {
            code: Some("550".into()),
        };
        assert!(!store
            .outbox_failed(&claimed[1].id, &permanent, time::Duration::ZERO)
            .await
            .unwrap());
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(due.len(), 1, "{backend}");
        assert_eq!(due[0].id, claimed[0].id);
        // With a real back-off it waits.
        let again = store
            .outbox_claim(&[due[0].id.clone()], time::Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(again[0].attempts, 2);
        store
            .outbox_failed(&again[0].id, &temporary, time::Duration::hours(1))
            .await
            .unwrap();
        assert!(store.outbox_due(10).await.unwrap().is_empty());
        let out = store.outbox_counts(&care).await.unwrap();
        assert_eq!((out.queued, out.retrying, out.failed), (1, 1, 1));
    }
}

/// The sender records a whole round at once: a sent message, a temporary and a permanent
/// failure and a message that vanished meanwhile (its supporter erased) go in one write, each
/// with its own audit event, and the vanished one is answered `None`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rounds_outcomes_are_recorded_together() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        for address in ["a@example.org", "b@example.net", "c@example.com"] {
            signed_up(&store, care.org_id, &sign_up(address, &["stories"], None)).await;
        }
        let ids: Vec<String> = store
            .outbox_due(10)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
        let claimed = store
            .outbox_claim(&ids, time::Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 3, "{backend}");
        let answers = store
            .outbox_record(
                &[
                    (claimed[0].id.clone(), Ok(())),
                    (
                        claimed[1].id.clone(),
                        Err(SendFailure::Temporary { code: None }),
                    ),
                    (
                        claimed[2].id.clone(),
                        Err(SendFailure::Permanent {
                            code: Some("550".into()),
                        }),
                    ),
                    ("no-such-message".into(), Ok(())),
                ],
                time::Duration::hours(1),
            )
            .await
            .unwrap();
        assert_eq!(
            answers,
            vec![Some(false), Some(true), Some(false), None],
            "{backend}"
        );
        let out = store.outbox_counts(&care).await.unwrap();
        assert_eq!(
            (out.sent, out.queued, out.retrying, out.failed),
            (1, 1, 1, 1),
            "{backend}"
        );
        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        let new: Vec<&str> = events
            .iter()
            .filter(|e| {
                e.action != "supporter.message.send"
                    && claimed
                        .iter()
                        .any(|c| e.detail["message_id"] == c.id.as_str())
            })
            .map(|e| e.action.as_str())
            .collect();
        assert_eq!(
            new.iter()
                .filter(|a| **a == "supporter.message.sent")
                .count(),
            1,
            "{backend}: {new:?}"
        );
        assert_eq!(
            new.iter()
                .filter(|a| **a == "supporter.message.failed")
                .count(),
            2,
            "{backend}: {new:?}"
        );
        // Nothing to record writes nothing.
        assert_eq!(
            store
                .outbox_record(&[("gone".into(), Ok(()))], time::Duration::ZERO)
                .await
                .unwrap(),
            vec![None]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_supporter_roles_see_the_supporter_side_and_no_address_is_stored_plain() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::SupporterCare).await;
        signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        for role in [
            Role::Admin,
            Role::Caseworker,
            Role::Hotline,
            Role::Analyst,
            Role::Trainer,
        ] {
            let p = principal(&store, "North", &format!("u-{}", role.as_str()), role).await;
            assert!(
                matches!(store.supporter_counts(&p).await, Err(StoreError::Forbidden)),
                "{role}"
            );
            assert!(
                matches!(store.outbox_counts(&p).await, Err(StoreError::Forbidden)),
                "{role}"
            );
        }
        // Another organisation's supporter staff count their own (none).
        assert_eq!(store.supporter_counts(&south).await.unwrap().pending, 0);
        assert_eq!(store.supporter_counts(&care).await.unwrap().pending, 1);
        // And the supporter roles reach no case.
        assert!(matches!(
            store
                .create_case(
                    &care,
                    &libertas_domain::cases::CaseTitle::parse("Operation Lark").unwrap(),
                    "t"
                )
                .await,
            Err(StoreError::Forbidden)
        ));
        // The supporter side's events are in the one audit chain, and it holds.
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            libertas_store::audit::VerifyOutcome::Intact { checked, .. } if checked > 0
        ));
        store.close().await;
        for needle in [ADDRESS, &ADDRESS.to_lowercase(), "Mira Lindqvist"] {
            assert!(
                files_holding(&t.config.data_dir, needle).is_empty(),
                "{backend}: {needle}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reported_bounces_and_complaints_suppress_the_address_for_good() {
    use libertas_store::admin::Operator;
    use libertas_store::supporters::suppress::{read_report, SuppressOutcome};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        for address in ["a@example.org", "b@example.net", "c@example.com"] {
            signed_up(&store, care.org_id, &sign_up(address, &["stories"], None)).await;
        }
        assert_eq!(store.outbox_due(10).await.unwrap().len(), 3);

        // The provider's report: its own spelling of the address, columns in its order, an
        // extra column.
        let report = "id,email,reason,provider_note\n\
                      evt-1,A@Example.org,hard_bounce,mailbox unknown\n\
                      evt-2,c@example.com,complaint,spam button\n";
        let rows = read_report(report.as_bytes()).unwrap();
        let applied = store
            .supporter_suppress_import(Operator::console(), &rows)
            .await
            .unwrap();
        assert_eq!(
            applied,
            SuppressOutcome {
                suppressed: 2,
                already: 0,
                cancelled: 2
            },
            "{backend}"
        );
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(
            due.len(),
            1,
            "{backend}: only b's confirmation is still due"
        );
        // The same report again changes nothing; so does the same address under a new event.
        let again = store
            .supporter_suppress_import(Operator::console(), &rows)
            .await
            .unwrap();
        assert_eq!((again.suppressed, again.already), (0, 2), "{backend}");
        let same_address =
            read_report("email,reason\na@example.org,complaint\n".as_bytes()).unwrap();
        let again = store
            .supporter_suppress_import(Operator::console(), &same_address)
            .await
            .unwrap();
        assert_eq!((again.suppressed, again.already), (0, 1), "{backend}");

        // An address reported before it ever signed up gets nothing either: its confirmation
        // is kept as cancelled, never due.
        let first = read_report("email,reason\nd@example.org,hard_bounce\n".as_bytes()).unwrap();
        let applied = store
            .supporter_suppress_import(Operator::console(), &first)
            .await
            .unwrap();
        assert_eq!((applied.suppressed, applied.cancelled), (1, 0));
        signed_up(
            &store,
            care.org_id,
            &sign_up("d@example.org", &["stories"], None),
        )
        .await;
        assert_eq!(store.outbox_due(10).await.unwrap(), due, "{backend}");
        let counts = store.outbox_counts(&care).await.unwrap();
        assert_eq!((counts.queued, counts.cancelled), (1, 3), "{backend}");

        // Even a message put back in the queue behind the store's back is never due or
        // claimed while its address is suppressed.
        let mut c = raw(&t).await;
        sqlx::query("update outbox set status = 'queued' where status = 'cancelled'")
            .execute(&mut c)
            .await
            .unwrap();
        assert_eq!(store.outbox_due(10).await.unwrap(), due, "{backend}");
        let ids: Vec<String> = sqlx::query_scalar("select id from outbox")
            .fetch_all(&mut c)
            .await
            .unwrap();
        let claimed = store
            .outbox_claim(&ids, time::Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 1, "{backend}: only b's message is claimed");
        assert_eq!(claimed[0].message.to, "b@example.net");

        // The audit trail counts; it names no address.
        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        let suppress: Vec<_> = events
            .iter()
            .filter(|e| e.action == "supporter.suppress")
            .collect();
        assert_eq!(suppress.len(), 4, "{backend}");
        for e in suppress {
            let text = format!("{e:?}").to_lowercase();
            assert!(!text.contains("example"), "{backend}: {text}");
        }
    }
}

#[test]
fn a_bad_report_names_its_line_and_field() {
    use libertas_store::supporters::suppress::read_report;
    let cases = [
        ("email\na@example.org\n", 1, "reason"),
        ("reason,id\nhard_bounce,1\n", 1, "email"),
        (
            "email,reason\na@example.org,hard_bounce\nnot an address,complaint\n",
            3,
            "email",
        ),
        ("email,reason\na@example.org,soft_bounce\n", 2, "reason"),
        ("email,reason\na@example.org,complaint,extra\n", 2, "row"),
    ];
    for (text, line, field) in cases {
        let e = read_report(text.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (line, field), "{text:?}: {e}");
    }
    let e = read_report("email,reason\na@example.org,soft_bounce\n".as_bytes()).unwrap_err();
    assert!(e.message.contains("soft_bounce"), "{e}");
    let ok = read_report("email,reason,id\na@example.org,complaint,\n".as_bytes()).unwrap();
    assert_eq!(ok.len(), 1);
    assert!(ok[0].event_id.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restoring_an_older_backup_keeps_later_suppressions() {
    use libertas_store::admin::Operator;
    use libertas_store::supporters::suppress::read_report;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        signed_up(
            &store,
            care.org_id,
            &sign_up("late@example.org", &["stories"], None),
        )
        .await;
        let early =
            read_report("id,email,reason\ne-0,early@example.org,complaint\n".as_bytes()).unwrap();
        store
            .supporter_suppress_import(Operator::console(), &early)
            .await
            .unwrap();
        let file = t.dir.path().join("before.lbk");
        store.backup(Operator::console(), &file, "t").await.unwrap();
        let late =
            read_report("id,email,reason\ne-1,late@example.org,hard_bounce\n".as_bytes()).unwrap();
        store
            .supporter_suppress_import(Operator::console(), &late)
            .await
            .unwrap();
        assert!(store.outbox_due(10).await.unwrap().is_empty(), "{backend}");
        store
            .restore(Operator::console(), &file, "t")
            .await
            .unwrap();
        // The backup's queued confirmation is back, but its address stays suppressed: nothing
        // is due; both suppressions and both applied events are there.
        assert!(store.outbox_due(10).await.unwrap().is_empty(), "{backend}");
        let mut c = raw(&t).await;
        let n: i64 = sqlx::query_scalar("select count(*) from suppressions")
            .fetch_one(&mut c)
            .await
            .unwrap();
        let events: i64 = sqlx::query_scalar("select count(*) from suppression_events")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!((n, events), (2, 2), "{backend}");
        let again = store
            .supporter_suppress_import(Operator::console(), &late)
            .await
            .unwrap();
        assert_eq!(
            again.already, 1,
            "{backend}: the applied event is remembered"
        );
    }
}
