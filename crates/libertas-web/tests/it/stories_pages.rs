//! Issue 13, survivors' stories through the running server's pages: a pseudonym matching the
//! survivor's name comes back on the form with the field in error and the text kept; publishing
//! without storytelling consent is refused with a clear message; supporter staff pick the
//! published story for an update; withdrawing the consent on the care page blocks the update
//! still queued (its messages cancelled) and the care page lists the update that already went
//! out; the supporter staff's page says why the update can no longer be sent. A supporter-care
//! user never reaches the survivor. SQLite and PostgreSQL.

use crate::care_common::{consent, victim};
use crate::common::{Browser, TestApp};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::{SignUp, UpdateDraft};
use libertas_store::testing::{backends, principal};
use libertas_store::{clock, Store};
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};

const TEXT: &str = "She found work she chose, and now she trains others to spot the signs.";

async fn confirmed(store: &Store, care: &Principal, address: &str) {
    let s = SignUp::parse(address, None, &["stories"], None, "en").unwrap();
    let token = Arc::new(Mutex::new(String::new()));
    let seen = token.clone();
    store
        .supporter_sign_up(care.org_id, &s, move |c, _| {
            *seen.lock().unwrap() = c.to_owned();
            confirmation(Lang::En, address, "https://x.test/c", "https://x.test/u")
        })
        .await
        .unwrap();
    let c = token.lock().unwrap().clone();
    store.supporter_confirm(&c).await.unwrap();
}

/// Queues what is due and marks every due message sent (as the mailer would).
async fn send_all(store: &Store) {
    let url = |t: &str, l: Lang| format!("https://x.test/u/{t}?lang={}", l.code());
    while store
        .updates_enqueue_due(clock::now(), &url, 100)
        .await
        .unwrap()
        > 0
    {}
    let ids: Vec<String> = store
        .outbox_due(100)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    for c in store
        .outbox_claim(&ids, time::Duration::minutes(5))
        .await
        .unwrap()
    {
        store.outbox_sent(&c.id).await.unwrap();
    }
}

/// The 36 characters after `marker` in `html`, where `next` follows them.
fn id_after(html: &str, marker: &str, next: &str) -> Option<String> {
    html.match_indices(marker)
        .map(|(at, m)| &html[at + m.len()..])
        .find(|rest| rest.len() > 36 && rest[36..].starts_with(next))
        .map(|rest| rest[..36].to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_goes_out_only_with_consent_and_comes_back_when_it_is_withdrawn() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Aftercare).await;
        app.user("North", "care", Role::SupporterCare).await;
        let care = principal(&app.store, "North", "sonia", Role::SupporterCare).await;
        let pid = victim(&app, &owner).await;
        let mut o = Browser::new(&app);
        let csrf = o.sign_in("owner").await;
        let stories = format!("/people/{pid}/care/stories");

        // The survivor's name as pseudonym, in another case and without its accents' care.
        let (s, _, html) = o
            .post(
                &stories,
                &[("csrf", &csrf), ("pseudonym", "ILINCA"), ("text", TEXT)],
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(
            html.contains("aria-describedby=\"pseudonym-error\""),
            "{backend}"
        );
        assert!(html.contains(TEXT), "{backend}: the text typed is kept");
        let (s, loc, _) = o
            .post(
                &stories,
                &[("csrf", &csrf), ("pseudonym", "Maria"), ("text", TEXT)],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert_eq!(
            loc.as_deref(),
            Some(format!("/people/{pid}/care#stories").as_str())
        );
        let (_, _, page) = o.get(&format!("/people/{pid}/care")).await;
        let sid = id_after(&page, &format!("{stories}/"), "/publish").unwrap();

        // No storytelling consent yet: refused, and the page says why.
        let publish = format!("{stories}/{sid}/publish");
        let (s, loc, _) = o.post(&publish, &[("csrf", &csrf)]).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let loc = loc.unwrap();
        assert!(loc.contains("error=storytelling"), "{backend}: {loc}");
        let (_, _, page) = o.get(&loc).await;
        assert!(page.contains("does not cover storytelling"), "{backend}");
        let mut yes = consent(true);
        yes["storytelling"] = serde_json::Value::Bool(true);
        let (s, _) = app
            .post(&format!("/api/v1/people/{pid}/consents"), &owner, yes)
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, loc, _) = o.post(&publish, &[("csrf", &csrf)]).await;
        assert!(!loc.unwrap_or_default().contains("error="), "{backend}");

        // The supporter staff pick it for two updates; the first goes out.
        for a in ["ana@example.org", "bob@example.org"] {
            confirmed(&app.store, &care, a).await;
        }
        send_all(&app.store).await;
        let mut c = Browser::new(&app);
        let ccsrf = c.sign_in("care").await;
        let mut updates = vec![];
        for subject in ["Spring news", "Summer news"] {
            let draft = UpdateDraft::parse(
                &[(Lang::En, subject, "From the shelter.")],
                &["stories"],
                None,
            )
            .unwrap();
            let id = app.store.update_create(&care, &draft).await.unwrap();
            let at = format!("/supporters/updates/{id}");
            let (_, _, html) = c.get(&at).await;
            assert!(
                html.contains("Maria"),
                "{backend}: the composer lists the story"
            );
            let token = html
                .split("<option value=\"")
                .nth(2)
                .and_then(|rest| rest.split('"').next())
                .unwrap()
                .to_owned();
            let (_, loc, _) = c
                .post(
                    &format!("{at}/story"),
                    &[("csrf", &ccsrf), ("story", &token)],
                )
                .await;
            assert_eq!(loc.as_deref(), Some(format!("{at}?done=story").as_str()));
            let (_, _, html) = c.get(&at).await;
            assert!(html.contains(" selected>Maria"), "{backend}");
            c.post(&format!("{at}/send"), &[("csrf", &ccsrf)]).await;
            if updates.is_empty() {
                send_all(&app.store).await;
            } else {
                app.store
                    .updates_enqueue_due(clock::now(), &|_: &str, _: Lang| String::new(), 100)
                    .await
                    .unwrap();
            }
            updates.push(id);
        }
        let view = app.store.update_get(&care, &updates[1]).await.unwrap();
        assert_eq!(view.progress.queued, 2, "{backend}");

        // The survivor withdraws storytelling, on the care page.
        let (s, _, _) = o
            .post(
                &format!("/people/{pid}/care/consents/withdraw"),
                &[("csrf", &csrf), ("storytelling", "1")],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let view = app.store.update_get(&care, &updates[1]).await.unwrap();
        assert_eq!(
            (view.progress.queued, view.progress.cancelled),
            (0, 2),
            "{backend}"
        );
        let (_, _, page) = o.get(&format!("/people/{pid}/care")).await;
        assert!(
            page.contains("had already gone out with the story"),
            "{backend}"
        );
        assert!(page.contains("Spring news"), "{backend}");
        assert!(
            !page.contains("Summer news"),
            "{backend}: the cancelled one never went out"
        );
        for (id, sent) in [(&updates[0], true), (&updates[1], false)] {
            let (_, _, html) = c.get(&format!("/supporters/updates/{id}")).await;
            assert!(html.contains("was withdrawn"), "{backend}");
            assert_eq!(
                html.contains("had already gone out with it"),
                sent,
                "{backend}"
            );
            assert!(!html.contains(" selected>Maria"), "{backend}");
        }

        // The supporter staff never reach the survivor.
        for path in [format!("/people/{pid}"), format!("/people/{pid}/care")] {
            let (s, _, _) = c.get(&path).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        app.stop().await;
    }
}
