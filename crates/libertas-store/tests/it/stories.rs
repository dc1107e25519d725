//! Issue 13, survivors' stories, in the store: a pseudonym matching a real name is refused in
//! any spelling; a story is published only while the survivor's current consent covers
//! storytelling; withdrawing that consent takes the story back in one write (the supporter
//! side's copy deleted, updates using it blocked and their queued messages cancelled, the
//! updates already sent listed for the story's staff); a supporter-care user reaches neither
//! the story nor its case; the story's text is nowhere in the data directory's files.
//! SQLite and (when configured) PostgreSQL.

use crate::exports::files_holding;
use crate::supporter_updates::{claim_all, drain, enqueue_until_sent, supporter};
use crate::withdrawals_fixture::consent_yes;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{ConsentAnswers, NewStory, Purpose, StoryStatus};
use libertas_domain::cases::CaseTitle;
use libertas_domain::i18n::Lang;
use libertas_domain::ids::PersonId;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_domain::supporters::UpdateDraft;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};

const TEXT: &str = "Zephyrine found work in an orchard lantern factory and now trains others.";

fn survivor() -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Ștefania").unwrap(),
        family_name: PersonName::parse("Popescu-Ionescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

fn story(pseudonym: &str) -> NewStory {
    NewStory::parse(pseudonym, TEXT).unwrap()
}

fn no_story() -> ConsentAnswers {
    ConsentAnswers {
        storytelling: false,
        ..consent_yes()
    }
}

fn update(subject: &str) -> UpdateDraft {
    UpdateDraft::parse(
        &[(Lang::En, subject, "News from the shelter.")],
        &["stories"],
        None,
    )
    .unwrap()
}

fn field(e: StoreError) -> String {
    e.field().map(|f| f.field.clone()).unwrap_or_default()
}

/// An update including the published story `token`, sent now and queued for its audience.
async fn queued_update(store: &Store, care: &Principal, subject: &str, token: &str) -> String {
    let id = store.update_create(care, &update(subject)).await.unwrap();
    store
        .update_set_story(care, &id, Some(token))
        .await
        .unwrap();
    assert!(store.update_send_now(care, &id).await.unwrap());
    enqueue_until_sent(store, care, &id, 100).await;
    id
}

struct World {
    store: Store,
    owner: Principal,
    care: Principal,
    person: PersonId,
}

async fn world(t: &TestData) -> World {
    let store = Store::init(t.config.clone()).await.unwrap();
    let owner = principal(&store, "North", "owner", Role::Aftercare).await;
    let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
    let case = store
        .create_case(&owner, &CaseTitle::parse("Operation Heron").unwrap(), "t")
        .await
        .unwrap()
        .id;
    let (person, _) = store
        .add_person(&owner, case, &survivor(), "t")
        .await
        .unwrap();
    World {
        store,
        owner,
        care,
        person,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pseudonym_must_not_be_a_real_name() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        for bad in ["STEFANIA", "stéfania", "Maria Ionescu", "popescu"] {
            let e = w
                .store
                .story_create(&w.owner, w.person, &story(bad), "t")
                .await
                .unwrap_err();
            assert_eq!(field(e), "pseudonym", "{bad}");
        }
        let id = w
            .store
            .story_create(&w.owner, w.person, &story("Maria"), "t")
            .await
            .unwrap();
        let e = w
            .store
            .story_edit(&w.owner, id, &story("Ştefania"), "t")
            .await
            .unwrap_err();
        assert_eq!(field(e), "pseudonym");
        let stories = w.store.stories(&w.owner, w.person, "t").await.unwrap();
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].pseudonym.as_deref(), Some("Maria"));
        assert_eq!(stories[0].text.as_deref(), Some(TEXT));
        assert_eq!(stories[0].status, StoryStatus::Draft);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_needs_storytelling_consent_and_withdrawal_takes_it_back() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let (store, owner, care) = (&w.store, &w.owner, &w.care);
        for (i, lang) in ["en", "en", "en"].iter().enumerate() {
            let address = format!("fan{i}@example.org");
            supporter(store, care.org_id, &address, lang, &["stories"], None, true).await;
        }
        drain(store).await;
        let id = store
            .story_create(owner, w.person, &story("Maria"), "t")
            .await
            .unwrap();

        // No consent on record, then a consent without storytelling: refused.
        let e = store.story_publish(owner, id, "t").await.unwrap_err();
        assert_eq!(field(e), "storytelling");
        store
            .record_consent(owner, w.person, &no_story(), "t")
            .await
            .unwrap();
        let e = store.story_publish(owner, id, "t").await.unwrap_err();
        assert_eq!(field(e), "storytelling");
        assert!(store.published_stories(care).await.unwrap().is_empty());

        // With it: published, and the composer sees the pseudonym (nothing else of the case).
        store
            .record_consent(owner, w.person, &consent_yes(), "t")
            .await
            .unwrap();
        store.story_publish(owner, id, "t").await.unwrap();
        let published = store.published_stories(care).await.unwrap();
        assert_eq!(published.len(), 1);
        assert_eq!(published[0].pseudonym, "Maria");
        let token = published[0].token.clone();

        // Update A goes out with the story; B is queued; C is a draft including it.
        let a = queued_update(store, care, "Spring news", &token).await;
        let sent = claim_all(store).await;
        assert_eq!(sent.len(), 3);
        for m in &sent {
            assert!(
                m.message.text.contains("Zephyrine"),
                "the story is in the update"
            );
            store.outbox_sent(&m.id).await.unwrap();
        }
        let b = queued_update(store, care, "Summer news", &token).await;
        assert_eq!(store.update_get(care, &b).await.unwrap().progress.queued, 3);
        let c = store
            .update_create(care, &update("Autumn news"))
            .await
            .unwrap();
        store
            .update_set_story(care, &c, Some(&token))
            .await
            .unwrap();

        // The survivor withdraws storytelling (and only that).
        store
            .withdraw_consent(owner, w.person, &[Purpose::Storytelling], "t")
            .await
            .unwrap();
        assert!(store.published_stories(care).await.unwrap().is_empty());
        let vb = store.update_get(care, &b).await.unwrap();
        assert_eq!(vb.progress.queued, 0);
        assert_eq!(vb.progress.cancelled, 3);
        assert_eq!(vb.summary.blocked.as_deref(), Some("story_withdrawn"));
        assert!(store.outbox_due(100).await.unwrap().is_empty());
        assert!(claim_all(store).await.is_empty());
        let vc = store.update_get(care, &c).await.unwrap();
        assert_eq!(vc.summary.blocked.as_deref(), Some("story_withdrawn"));
        assert!(matches!(
            store.update_send_now(care, &c).await,
            Err(StoreError::Conflict("update_blocked"))
        ));
        let va = store.update_get(care, &a).await.unwrap();
        assert_eq!(va.progress.sent, 3);
        assert_eq!(va.summary.blocked.as_deref(), Some("story_withdrawn"));
        // Choosing no story lifts the draft's block; the withdrawn story cannot come back.
        store.update_set_story(care, &c, None).await.unwrap();
        assert!(store.update_send_now(care, &c).await.unwrap());
        let e = store
            .update_set_story(care, &b, Some(&token))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Conflict("update_sent")));

        // The story's staff see it withdrawn, with the update that had already gone out.
        let s = &store.stories(owner, w.person, "t").await.unwrap()[0];
        assert_eq!(s.status, StoryStatus::Withdrawn);
        assert_eq!(s.sent_before_withdrawal.len(), 1);
        assert_eq!(s.sent_before_withdrawal[0].subject, "Spring news");
        assert_eq!(s.sent_before_withdrawal[0].messages, 3);
        assert!(s.withdrawn_at.is_some());
        let e = store.story_publish(owner, id, "t").await.unwrap_err();
        assert!(matches!(e, StoreError::Conflict("story_not_draft")));

        // Consent given again does not republish a withdrawn story.
        store
            .record_consent(owner, w.person, &consent_yes(), "t")
            .await
            .unwrap();
        assert!(store.published_stories(care).await.unwrap().is_empty());
        let found = files_holding(t.dir.path(), "Zephyrine");
        assert!(found.is_empty(), "story text in plaintext: {found:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_the_story_or_a_newer_consent_unpublishes_it() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let (store, owner, care) = (&w.store, &w.owner, &w.care);
        store
            .record_consent(owner, w.person, &consent_yes(), "t")
            .await
            .unwrap();
        let one = store
            .story_create(owner, w.person, &story("Maria"), "t")
            .await
            .unwrap();
        let two = store
            .story_create(owner, w.person, &story("Elena"), "t")
            .await
            .unwrap();
        store.story_publish(owner, one, "t").await.unwrap();
        store.story_publish(owner, two, "t").await.unwrap();
        assert_eq!(store.published_stories(care).await.unwrap().len(), 2);
        store.story_withdraw(owner, one, "t").await.unwrap();
        let left = store.published_stories(care).await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].pseudonym, "Elena");
        // A newer consent record without storytelling is a withdrawal of it too.
        store
            .record_consent(owner, w.person, &no_story(), "t")
            .await
            .unwrap();
        assert!(store.published_stories(care).await.unwrap().is_empty());
        let all = store.stories(owner, w.person, "t").await.unwrap();
        assert!(all.iter().all(|s| s.status == StoryStatus::Withdrawn));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_survivors_case_members_reach_a_story() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let (store, owner, care) = (&w.store, &w.owner, &w.care);
        let id = store
            .story_create(owner, w.person, &story("Maria"), "t")
            .await
            .unwrap();
        let stranger = principal(store, "North", "nick", Role::Caseworker).await;
        let other_org = principal(store, "South", "sam", Role::Aftercare).await;
        for p in [&stranger, &other_org] {
            assert!(matches!(
                store.stories(p, w.person, "t").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.story_publish(p, id, "t").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.story_withdraw(p, id, "t").await,
                Err(StoreError::NotFound)
            ));
        }
        // The supporter side's staff reach neither the story nor the person nor its case.
        assert!(matches!(
            store.stories(care, w.person, "t").await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.story_withdraw(care, id, "t").await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.get_person(care, w.person, "t").await,
            Err(StoreError::Forbidden)
        ));
        // And case staff do not reach the supporter side's list of published stories.
        assert!(matches!(
            store.published_stories(owner).await,
            Err(StoreError::Forbidden)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restoring_an_older_backup_does_not_bring_a_withdrawn_story_back() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let mut f = crate::withdrawals_fixture::Fixture::new(&t).await;
        let care = principal(&f.store, "North", "sonia", Role::SupporterCare).await;
        f.store
            .record_consent(&f.owner, f.person, &consent_yes(), "t")
            .await
            .unwrap();
        let id = f
            .store
            .story_create(&f.owner, f.person, &story("Maria"), "t")
            .await
            .unwrap();
        f.store.story_publish(&f.owner, id, "t").await.unwrap();
        let old = f.backup().await;
        f.store
            .withdraw_consent(&f.owner, f.person, &[Purpose::Storytelling], "t")
            .await
            .unwrap();
        f.restore(&old).await;
        assert!(f.store.published_stories(&care).await.unwrap().is_empty());
        let s = &f.store.stories(&f.owner, f.person, "t").await.unwrap()[0];
        assert_eq!(s.status, StoryStatus::Withdrawn, "{backend}");
        let e = f.store.story_publish(&f.owner, id, "t").await.unwrap_err();
        assert!(matches!(e, StoreError::Conflict("story_not_draft")));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasing_the_survivor_takes_their_story_back() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let (store, owner, care) = (&w.store, &w.owner, &w.care);
        store
            .record_consent(owner, w.person, &consent_yes(), "t")
            .await
            .unwrap();
        let id = store
            .story_create(owner, w.person, &story("Maria"), "t")
            .await
            .unwrap();
        store.story_publish(owner, id, "t").await.unwrap();
        let draft = store
            .update_create(care, &update("Spring news"))
            .await
            .unwrap();
        let token = store.published_stories(care).await.unwrap()[0]
            .token
            .clone();
        store
            .update_set_story(care, &draft, Some(&token))
            .await
            .unwrap();
        store
            .erase_person(libertas_store::admin::Operator::console(), w.person, "t")
            .await
            .unwrap();
        assert!(
            store.published_stories(care).await.unwrap().is_empty(),
            "{backend}"
        );
        let v = store.update_get(care, &draft).await.unwrap();
        assert_eq!(
            v.summary.blocked.as_deref(),
            Some("story_withdrawn"),
            "{backend}"
        );
    }
}
