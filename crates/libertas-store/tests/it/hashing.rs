//! The production cost of password hashes is the one `docs/security.md` states ("Hashing"), so
//! lowering it for tests (`StoreConfig::password_hash`) can never lower it in production
//! unnoticed; and a store hashes at the cost its configuration names.

use libertas_domain::admin::{OrgName, Password, Role, Username};
use libertas_store::admin::hasher::HashCost;
use libertas_store::admin::{LoginClient, LoginOutcome, LoginPolicy, Operator};
use libertas_store::testing::TestData;
use libertas_store::{Store, StoreConfig};

/// `m = …`, `t = …`, `p = …` of the "Hashing" paragraph of docs/security.md.
fn documented() -> HashCost {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/security.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let start = doc.find("- **Hashing**:").expect("the Hashing paragraph");
    let para = &doc[start..start + doc[start..].find("\n- ").unwrap()];
    let value = |name: &str| -> u32 {
        let at = para.find(&format!("{name} = ")).expect(name) + name.len() + 3;
        para[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    };
    HashCost {
        memory_kib: value("m"),
        iterations: value("t"),
        parallelism: value("p"),
    }
}

#[test]
fn production_hash_cost_is_the_documented_one() {
    assert_eq!(documented(), HashCost::PRODUCTION);
    assert_eq!(
        StoreConfig::new("unused").password_hash,
        HashCost::PRODUCTION,
        "a configuration that says nothing hashes at production's cost"
    );
    assert_eq!(
        (
            HashCost::PRODUCTION.memory_kib,
            HashCost::PRODUCTION.iterations,
            HashCost::PRODUCTION.parallelism
        ),
        (19_456, 2, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_hashes_passwords_at_its_configured_cost() {
    for cost in [HashCost::TESTING, HashCost::PRODUCTION] {
        let mut t = TestData::new("sqlite").await;
        t.config.password_hash = cost;
        let store = Store::init(t.config.clone()).await.unwrap();
        let op = Operator::console();
        let org = store
            .create_org(op, &OrgName::parse("North").unwrap(), "test")
            .await
            .unwrap();
        let pw = Password::parse("a long enough password").unwrap();
        store
            .create_user(
                op,
                org,
                &Username::parse("ana").unwrap(),
                Role::Caseworker,
                &pw,
                "test",
            )
            .await
            .unwrap();
        sqlx::any::install_default_drivers();
        let mut db = <sqlx::AnyConnection as sqlx::Connection>::connect(&t.config.database_url())
            .await
            .unwrap();
        let stored: String = sqlx::query_scalar("select password_hash from users")
            .fetch_one(&mut db)
            .await
            .unwrap();
        let params = format!(
            "$argon2id$v=19$m={},t={},p={}$",
            cost.memory_kib, cost.iterations, cost.parallelism
        );
        assert!(stored.starts_with(&params), "{cost:?}: {stored}");
        let before = store.password_hash_runs();
        let client = LoginClient::new("192.0.2.1".parse().unwrap());
        let out = store
            .login_password(
                "ana",
                "a long enough password",
                client,
                LoginPolicy::default(),
            )
            .await
            .unwrap();
        assert!(matches!(out, LoginOutcome::Ok { .. }), "{cost:?}");
        assert_eq!(store.password_hash_runs() - before, 1, "{cost:?}");
        store.close().await;
    }
}
