//! Test support: fresh data directories on SQLite, and on PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` names a server (each test gets its own new database there).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use crate::StoreConfig;
use sqlx::Executor;
use tempfile::TempDir;

/// The backends to run a test against: SQLite, and PostgreSQL when
/// `LIBERTAS_TEST_DATABASE_URL` is set. Under CI (`CI=true`) PostgreSQL is required: a CI run
/// that quietly tested SQLite alone would pass without having looked at half the product.
pub fn backends() -> Vec<&'static str> {
    let mut v = vec!["sqlite"];
    if std::env::var("LIBERTAS_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        v.push("postgres");
    } else if in_ci() {
        panic!(
            "\n\n*** CI=true but LIBERTAS_TEST_DATABASE_URL is not set: the PostgreSQL half of \
             the suite would be skipped. Set it to a server where the role may CREATE DATABASE \
             (.ci/run does, with pg_virtualenv). ***\n"
        );
    }
    v
}

/// Whether the suite runs under CI (`CI=true`, as CI services and `.ci/run` set it), where a
/// skipped half of the suite is a failure, not a notice.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| matches!(v.as_str(), "true" | "1"))
}

/// A fresh, not yet initialised data directory (and PostgreSQL database).
pub struct TestData {
    pub dir: TempDir,
    pub config: StoreConfig,
}

impl TestData {
    pub async fn new(backend: &str) -> TestData {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = StoreConfig::new(dir.path().join("data"));
        config.max_connections = 8;
        // The lowest argon2 cost: signing in is the same work, in microseconds.
        config.password_hash = crate::admin::hasher::HashCost::TESTING;
        if backend == "postgres" {
            config.database_url = Some(fresh_database().await);
        }
        TestData { dir, config }
    }
}

/// Creates a new database on the test server and returns its URL.
pub async fn fresh_database() -> String {
    sqlx::any::install_default_drivers();
    let base = std::env::var("LIBERTAS_TEST_DATABASE_URL").expect("LIBERTAS_TEST_DATABASE_URL");
    let name = format!("libertas_test_{}", uuid::Uuid::now_v7().simple());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&base)
        .await
        .expect("connect to LIBERTAS_TEST_DATABASE_URL");
    conn.execute(format!("create database {name}").as_str())
        .await
        .expect("create database");
    replace_database(&base, &name)
}

/// `postgres://u:p@h:5432/old?x=y` with the database name replaced.
pub fn replace_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[scheme_end..].find('/') {
        Some(i) => &head[..scheme_end + i],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Creates (if needed) the organisation and a user with `role` in it, and returns the user as
/// a principal, as a request would carry it.
pub async fn principal(
    store: &crate::Store,
    org: &str,
    user: &str,
    role: libertas_domain::admin::Role,
) -> libertas_domain::admin::Principal {
    use crate::admin::Operator;
    use libertas_domain::admin::{OrgName, Password, Username};
    let op = Operator::console();
    let org_id = match store.org_by_name(op, org).await.unwrap() {
        Some(o) => o.id,
        None => store
            .create_org(op, &OrgName::parse(org).unwrap(), "test")
            .await
            .unwrap(),
    };
    let pw = Password::parse("a long enough password").unwrap();
    store
        .create_user(
            op,
            org_id,
            &Username::parse(user).unwrap(),
            role,
            &pw,
            "test",
        )
        .await
        .unwrap();
    let u = store.user_by_username(op, user).await.unwrap().unwrap();
    store.principal(op, u.id).await.unwrap().unwrap()
}

/// One person for [`bulk_people`]: plain values, sealed on the way in.
pub struct BulkPerson {
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub phone: Option<String>,
}

/// Adds many people to `case` fast, for benchmarks: each gets a data key of its own (made and
/// wrapped exactly as `add_person` does, in one key-store transaction per call) and their
/// fields are sealed under it the same way; the rows go in with one transaction. Unlike
/// `add_person` it writes no search or blind-index rows and no audit events, which the
/// duplicates job does not read.
pub async fn bulk_people(
    store: &crate::Store,
    org: libertas_domain::ids::OrgId,
    case: libertas_domain::ids::CaseId,
    people: &[BulkPerson],
) -> Result<Vec<String>, crate::StoreError> {
    use crate::keystore::OwnerKind;
    let ids: Vec<String> = people
        .iter()
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    let keys = store
        .keys()
        .create_many(store.ring(), OwnerKind::Person, &ids)
        .await?;
    let now = crate::clock::now_text();
    let mut tx = store.pool().begin().await?;
    for ((pid, key), p) in ids.iter().zip(&keys).zip(people) {
        let seal = |column, v: Option<&str>| crate::people::seal(key, pid, column, v);
        sqlx::query(
            "insert into persons (id, org_id, given_name, family_name, birth_date, phone, created_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(pid)
        .bind(org.to_string())
        .bind(seal("given_name", Some(&p.given_name)))
        .bind(seal("family_name", Some(&p.family_name)))
        .bind(seal("birth_date", p.birth_date.as_deref()))
        .bind(seal("phone", p.phone.as_deref()))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into case_people (id, case_id, person_id, role, created_at)
             values ($1, $2, $3, 'victim', $4)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(case.to_string())
        .bind(pid)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(ids)
}

/// Adds `n` confirmed supporters of `org` fast, for the mailing benchmark: addresses
/// `supporter{i}@d{i % domains}.example`, English, each with a data key of its own (made as a
/// sign-up makes it, in one key-store transaction) and a confirmed consent to stories from
/// the field; their fields are sealed and indexed as a sign-up seals and indexes them. The
/// rows go in with one transaction per call and no audit events (no person signed up).
pub async fn bulk_supporters(
    store: &crate::Store,
    org: libertas_domain::ids::OrgId,
    first: usize,
    n: usize,
    domains: usize,
) -> Result<(), crate::StoreError> {
    use crate::crypto::{seal_field, FieldRef};
    use crate::keystore::OwnerKind;
    use libertas_domain::supporters::{SIGNUP_FORM, SIGNUP_WORDING_VERSION};
    let ids: Vec<String> = (0..n).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let keys = store
        .keys()
        .create_many(store.ring(), OwnerKind::Supporter, &ids)
        .await?;
    let now = crate::clock::now_text();
    let mut tx = store.pool().begin().await?;
    for (i, (id, key)) in ids.iter().zip(&keys).enumerate() {
        let k = first + i;
        let address = format!("supporter{k}@d{}.example", k % domains.max(1));
        let token = crate::supporters::new_token();
        let seal = |column: &str, v: &[u8]| {
            seal_field(
                key,
                1,
                FieldRef {
                    table: "supporters.supporters",
                    column,
                    row: id,
                },
                v,
            )
        };
        sqlx::query(
            "insert into supporters.supporters (id, org_id, email_index, email, language,
                 status, key_version, unsubscribe_hash, unsubscribe_token, created_at,
                 confirmed_at)
             values ($1, $2, $3, $4, 'en', 'subscribed', 1, $5, $6, $7, $7)",
        )
        .bind(id)
        .bind(org.to_string())
        .bind(store.ring().supporter_index("email", &address))
        .bind(seal("email", address.as_bytes()))
        .bind(store.ring().supporter_token_hash("unsubscribe", &token))
        .bind(seal("unsubscribe_token", token.as_bytes()))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into supporters.consents (id, supporter_id, interests, form,
                 wording_version, language, asked_at, confirmed_at)
             values ($1, $2, 'stories', $3, $4, 'en', $5, $5)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(id)
        .bind(SIGNUP_FORM)
        .bind(SIGNUP_WORDING_VERSION)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves every portal sign-in link's creation time `by` into the past, so a test can ask for
/// another link without waiting out the one-a-minute limit.
pub async fn age_portal_links(
    store: &crate::Store,
    by: time::Duration,
) -> Result<(), crate::StoreError> {
    sqlx::query("update supporters.portal_links set created_at = $1")
        .bind(crate::clock::to_text(crate::clock::now() - by))
        .execute(store.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_database() {
        assert_eq!(
            super::replace_database("postgres://u:p@h:5/db?sslmode=disable", "x"),
            "postgres://u:p@h:5/x?sslmode=disable"
        );
        assert_eq!(
            super::replace_database("postgres://h", "x"),
            "postgres://h/x"
        );
    }
}
