//! The hidden-victim estimate in the store: the figure from stored people equals
//! `libertas_analytics` run on the same capture histories, the same seed gives the same
//! result, records of one person on two lists count once, the exported table hides small
//! cells, who may run and read, the audit event, and no name in the data directory after a
//! run. SQLite and (when configured) PostgreSQL.

use libertas_analytics::mse::{
    bootstrap::resample, estimate, CaptureData, EstimateOptions, Method,
};
use libertas_domain::admin::Role;
use libertas_domain::stats::estimate::{
    EstimateMethod, EstimateRequest, ListSource, BOOTSTRAP_REPLICATES,
};
use libertas_domain::stats::{Period, SMALL_COUNT};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::stats::testing::{estimate_fixture, PEOPLE, TWICE};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn request(sources: &[ListSource], method: EstimateMethod, seed: u64) -> EstimateRequest {
    let today = time::OffsetDateTime::now_utc().date();
    let codes: Vec<String> = sources.iter().map(|s| s.as_str().to_owned()).collect();
    EstimateRequest::parse(
        &codes,
        Period::parse(None, None, today).unwrap(),
        method,
        seed,
    )
    .unwrap()
}

fn files_holding(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    hits.push(path.display().to_string());
                }
            }
        }
    }
    hits
}

#[tokio::test]
async fn the_estimate_from_stored_people_is_the_engine_on_their_linked_histories() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let (cells, _hana) = estimate_fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let req = request(&ListSource::ALL, EstimateMethod::Stepwise, 42);
        let run = store.run_estimate(&ann, &req, "study").await.unwrap();

        // Records of one person on two lists count once: the observed total is the people,
        // not the records.
        assert_eq!(run.result.observed, PEOPLE as u64, "{backend}");
        let names: Vec<String> = ListSource::ALL
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        let data = CaptureData::from_cells(names, cells.clone()).unwrap();
        let mut rng = ChaCha20Rng::seed_from_u64(42);
        let boot = resample(&data, BOOTSTRAP_REPLICATES, &mut rng);
        let direct = estimate(
            &data,
            &EstimateOptions {
                method: Method::Stepwise { pthresh: 0.02 },
                level: 0.95,
                bootstrap: Some(boot),
            },
        )
        .unwrap();
        assert_eq!(run.result.estimate, direct.estimate, "{backend}");
        assert_eq!(run.result.ci, direct.ci, "{backend}");
        assert_eq!(run.result.model, direct.model, "{backend}");

        // Every printed cell is the true one, or hidden; hidden ones are small or hidden
        // with a small one; no printed cell is small.
        for (mask, cell) in run.histories.iter().enumerate().map(|(i, c)| (i + 1, c)) {
            match cell.count {
                Some(c) => {
                    assert_eq!(c as f64, cells[mask], "{backend} {}", cell.pattern);
                    assert!(c == 0 || c >= SMALL_COUNT, "{backend} {}", cell.pattern);
                }
                None => assert!(cells[mask] > 0.0, "{backend}"),
            }
        }
        assert!(
            run.histories.iter().any(|c| c.count.is_none()),
            "{backend}: fixture has small cells"
        );
        assert_ne!(
            run.histories.iter().filter(|c| c.count.is_none()).count(),
            1
        );

        // The CSV is that table and nothing else.
        let csv = String::from_utf8(
            store
                .estimate_histories_csv(&ann, run.id, "t")
                .await
                .unwrap(),
        )
        .unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("reports,identification,police,referrals,aftercare,count")
        );
        assert_eq!(lines.count(), 31, "{backend}");
        for line in csv.lines().skip(1) {
            let count = line.rsplit(',').next().unwrap();
            if let Ok(c) = count.parse::<u64>() {
                assert!(c == 0 || c >= SMALL_COUNT, "{backend}: {line}");
            } else {
                assert_eq!(count, "", "{backend}: {line}");
            }
        }

        // Read back as stored (JSON numbers: equal to the last bit or two).
        let again = store.estimate(&ann, run.id, "t").await.unwrap();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs();
        assert!(
            close(again.result.estimate, run.result.estimate),
            "{backend}"
        );
        let (ci, ci2) = (again.result.ci.unwrap(), run.result.ci.unwrap());
        assert!(close(ci[0], ci2[0]) && close(ci[1], ci2[1]), "{backend}");
        assert_eq!(again.histories, run.histories, "{backend}");
        assert_eq!(
            (again.seed, again.method, again.sources.clone()),
            (42, EstimateMethod::Stepwise, run.sources.clone())
        );

        // No name anywhere in the data directory after the run.
        drop(store);
        let hits = files_holding(t.dir.path(), b"Zamfira");
        assert!(hits.is_empty(), "{backend}: plaintext name in {hits:?}");
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_result() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        estimate_fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let three = [
            ListSource::Reports,
            ListSource::Identification,
            ListSource::Aftercare,
        ];
        for method in [
            EstimateMethod::Stepwise,
            EstimateMethod::Bic,
            EstimateMethod::Bma,
        ] {
            let req = request(&three, method, 7);
            let a = store.run_estimate(&ann, &req, "t").await.unwrap();
            let b = store.run_estimate(&ann, &req, "t").await.unwrap();
            assert_ne!(a.id, b.id);
            assert_eq!(a.result, b.result, "{backend} {method:?}");
            assert_eq!(a.histories, b.histories, "{backend} {method:?}");
            assert_eq!(a.seed, 7);
            assert!(
                a.result.estimate >= a.result.observed as f64,
                "{backend} {method:?}"
            );
        }
    }
}

#[tokio::test]
async fn only_the_organisations_analysts_and_admins_run_and_read_estimates() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let (_, hana) = estimate_fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let ada = principal(&store, "North", "ada", Role::Admin).await;
        let sol = principal(&store, "South", "sol", Role::Analyst).await;
        let req = request(&ListSource::ALL, EstimateMethod::Stepwise, 1);
        for p in [
            &hana,
            &principal(&store, "North", "tom", Role::Trainer).await,
        ] {
            assert!(
                matches!(
                    store.run_estimate(p, &req, "t").await,
                    Err(StoreError::Forbidden)
                ),
                "{backend}"
            );
        }
        let run = store.run_estimate(&ann, &req, "t").await.unwrap();
        assert!(store.estimate(&ada, run.id, "t").await.is_ok(), "{backend}");
        // The estimates page's list: the organisation's own runs for its analysts and admins,
        // nothing for another organisation's analyst, refused to a caseworker.
        let later = store
            .run_estimate(
                &ada,
                &request(&ListSource::ALL[..3], EstimateMethod::Bic, 2),
                "t",
            )
            .await
            .unwrap();
        let listed: Vec<_> = store
            .recent_estimates(&ann, "t")
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.id)
            .collect();
        assert_eq!(listed, vec![later.id, run.id], "{backend}: newest first");
        assert!(
            store.recent_estimates(&sol, "t").await.unwrap().is_empty(),
            "{backend}"
        );
        assert!(
            matches!(
                store.recent_estimates(&hana, "t").await,
                Err(StoreError::Forbidden)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                store.estimate(&sol, run.id, "t").await,
                Err(StoreError::NotFound)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                store.estimate_histories_csv(&sol, run.id, "t").await,
                Err(StoreError::NotFound)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                store.estimate(&hana, run.id, "t").await,
                Err(StoreError::Forbidden)
            ),
            "{backend}"
        );
        // South's analyst counts South's people only: none.
        assert!(
            matches!(
                store.run_estimate(&sol, &req, "t").await,
                Err(StoreError::Refused {
                    field: "sources",
                    ..
                })
            ),
            "{backend}"
        );

        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let runs: Vec<_> = events
            .iter()
            .filter(|e| e.action == "estimate.run")
            .collect();
        assert_eq!(runs.len(), 2, "{backend}");
        let first = runs
            .iter()
            .find(|e| e.object_id.as_deref() == Some(run.id.to_string().as_str()))
            .unwrap();
        let detail = serde_json::to_string(&first.detail).unwrap();
        assert!(
            detail.contains(&format!("\"records\":{}", PEOPLE + TWICE)),
            "{backend}: {detail}"
        );
        assert!(
            detail.contains(&format!("\"individuals\":{PEOPLE}")),
            "{backend}: {detail}"
        );
        assert!(!detail.contains("Zamfira"), "{backend}");
        for action in ["estimate.read", "estimate.list"] {
            assert!(events.iter().any(|e| e.action == action), "{backend}");
        }
    }
}
