//! The case list reads a small caseload by sorting its memberships and a large one (more
//! than 2,000 cases) from the cases' indexes in the order shown, pages in the second half
//! from the end. Whatever the way, every page must hold exactly the cases a plain sort of the
//! caller's cases gives: checked here page by page, for every order and filter, against a
//! caseload of 2,150 cases written in bulk (with many equal times, so the id decides ties),
//! beside a small caseload and a case of another organisation the large reader is wrongly a
//! member of, on SQLite and PostgreSQL.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::{CaseStatus, CaseTitle};
use libertas_store::cases::{CaseBrowse, CaseSort, CASE_PAGE_SIZE};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;

/// One case as written, with what the list sorts and filters by.
#[derive(Clone, Debug)]
struct Row {
    id: String,
    org: String,
    status: CaseStatus,
    owner: String,
    number: String,
    created: String,
    updated: String,
    members: Vec<String>,
}

const BULK: usize = 2_150;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_a_large_and_a_small_caseload_is_the_plain_sort() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let big = principal(&store, "North", "big", Role::Caseworker).await;
        let small = principal(&store, "North", "small", Role::Caseworker).await;
        let far = principal(&store, "South", "far", Role::Caseworker).await;
        let first = store
            .create_case(&big, &CaseTitle::parse("Sealed sample").unwrap(), "t")
            .await
            .unwrap();
        let rows = write_bulk(&t, &big, &small, &far).await;
        // The case opened through the store is in the list too.
        let mut all = rows.clone();
        let stored: (String, String, String) = {
            let mut conn = connect(&t).await;
            sqlx::query_as("select number, created_at, updated_at from cases where id = $1")
                .bind(first.id.to_string())
                .fetch_one(&mut conn)
                .await
                .unwrap()
        };
        all.push(Row {
            id: first.id.to_string(),
            org: big.org_id.to_string(),
            status: CaseStatus::Active,
            owner: big.user_id.to_string(),
            number: stored.0,
            created: stored.1,
            updated: stored.2,
            members: vec![big.user_id.to_string()],
        });

        let filters: Vec<(&str, CaseBrowse)> = vec![
            ("all", CaseBrowse::default()),
            (
                "closed",
                CaseBrowse {
                    status: Some(CaseStatus::Closed),
                    ..Default::default()
                },
            ),
            (
                "owned",
                CaseBrowse {
                    owned: true,
                    ..Default::default()
                },
            ),
            (
                "number prefix",
                CaseBrowse {
                    number: Some("C-2025-01".into()),
                    ..Default::default()
                },
            ),
        ];
        for p in [&big, &small] {
            for (name, filter) in &filters {
                for sort in CaseSort::ALL {
                    let f = CaseBrowse {
                        sort,
                        ..filter.clone()
                    };
                    let want = expected(&all, p, &f);
                    let pages = ((want.len() as i64 + CASE_PAGE_SIZE - 1) / CASE_PAGE_SIZE).max(1);
                    // Every page of the short lists; of the long ones the first three, three
                    // round the middle and the last three (both ways of reading are crossed).
                    let chosen: Vec<i64> = if pages <= 12 {
                        (0..=pages).collect()
                    } else {
                        let mid = pages / 2;
                        vec![
                            0,
                            1,
                            2,
                            mid - 1,
                            mid,
                            mid + 1,
                            pages - 3,
                            pages - 2,
                            pages - 1,
                            pages,
                        ]
                    };
                    for page in chosen {
                        let got = store
                            .browse_cases(p, &CaseBrowse { page, ..f.clone() }, "t")
                            .await
                            .unwrap();
                        assert_eq!(got.total, want.len() as i64, "{backend} {name} {sort:?}");
                        let from = (page * CASE_PAGE_SIZE) as usize;
                        let to = (from + CASE_PAGE_SIZE as usize).min(want.len());
                        let want_page = if from < want.len() {
                            &want[from..to]
                        } else {
                            &[][..]
                        };
                        let got_ids: Vec<String> =
                            got.cases.iter().map(|c| c.id.to_string()).collect();
                        assert_eq!(
                            got_ids,
                            want_page,
                            "{backend}: {} {name} by {sort:?}, page {page} of {pages}",
                            if p.user_id == big.user_id {
                                "big"
                            } else {
                                "small"
                            },
                        );
                    }
                }
            }
        }
        // The large caseload really is above the in-memory bound, and the number prefix
        // finds a few of it.
        let big_all = store
            .browse_cases(&big, &CaseBrowse::default(), "t")
            .await
            .unwrap();
        assert!(big_all.total > 2_000, "{backend}: {}", big_all.total);
        assert!(expected(&all, &big, &filters[3].1).len() > 10);
    }
}

/// The ids of the page-less list `p` should see for `f`, in order.
fn expected(all: &[Row], p: &Principal, f: &CaseBrowse) -> Vec<String> {
    let me = p.user_id.to_string();
    let mut mine: Vec<&Row> = all
        .iter()
        .filter(|r| r.org == p.org_id.to_string() && r.members.contains(&me))
        .filter(|r| f.status.is_none_or(|s| r.status == s))
        .filter(|r| !f.owned || r.owner == me)
        .filter(|r| {
            f.number
                .as_ref()
                .is_none_or(|n| r.number.starts_with(n.as_str()))
        })
        .collect();
    match f.sort {
        CaseSort::Updated => mine.sort_by(|a, b| (&b.updated, &b.id).cmp(&(&a.updated, &a.id))),
        CaseSort::Created => mine.sort_by(|a, b| (&b.created, &b.id).cmp(&(&a.created, &a.id))),
        CaseSort::Number => mine.sort_by(|a, b| (&a.number, &a.id).cmp(&(&b.number, &b.id))),
    }
    mine.into_iter().map(|r| r.id.clone()).collect()
}

async fn connect(t: &TestData) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    <sqlx::AnyConnection as sqlx::Connection>::connect(&t.config.database_url())
        .await
        .unwrap()
}

/// Writes [`BULK`] cases of North (all with `big` as a member, every 20th with `small`, owners
/// alternating) and one of South that `big` is made a member of, which no list may show.
async fn write_bulk(t: &TestData, big: &Principal, small: &Principal, far: &Principal) -> Vec<Row> {
    let mut conn = connect(t).await;
    let sealed: Vec<u8> = sqlx::query_scalar("select title from cases limit 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let start = time::macros::datetime!(2025-01-01 00:00 UTC);
    let at = |minutes: u64| {
        libertas_store::clock::to_text(start + time::Duration::minutes(minutes as i64))
    };
    let mut seed: u64 = 20_261_203;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut rows = vec![];
    for i in 0..=BULK {
        let south = i == BULK;
        let (org, owner) = if south {
            (far.org_id, far.user_id)
        } else if i % 2 == 0 {
            (big.org_id, big.user_id)
        } else {
            (small.org_id, small.user_id)
        };
        let mut members = vec![big.user_id.to_string()];
        if i % 20 == 0 && !south {
            members.push(small.user_id.to_string());
        }
        // Few distinct times, so many cases share one and the id orders them.
        let created = at(next(300));
        let updated = at(300 + next(200));
        rows.push(Row {
            id: uuid::Uuid::now_v7().to_string(),
            org: org.to_string(),
            status: CaseStatus::ALL[next(4) as usize],
            owner: owner.to_string(),
            number: format!("C-2025-{:05}", (i * 7919) % 100_000),
            created,
            updated,
            members,
        });
    }
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    for r in &rows {
        sqlx::query(
            "insert into cases (id, org_id, title, status, owner_id, created_at, updated_at, number)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&r.id)
        .bind(&r.org)
        .bind(sealed.clone())
        .bind(r.status.as_str())
        .bind(&r.owner)
        .bind(&r.created)
        .bind(&r.updated)
        .bind(&r.number)
        .execute(&mut *tx)
        .await
        .unwrap();
        for m in &r.members {
            sqlx::query(
                "insert into case_members (case_id, user_id, added_at) values ($1, $2, $3)",
            )
            .bind(&r.id)
            .bind(m)
            .bind(&r.created)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    // Each membership carries its case's status, as the store's writes keep it (0023).
    sqlx::query(
        "update case_members set case_status =
           (select c.status from cases c where c.id = case_members.case_id)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    rows
}
