//! `GET /api/v1/exports/ctdc` over HTTP: a k-anonymous CSV attachment for analysts and
//! admins, with no name, birth date or phone in its bytes; refusals for other roles, for a
//! `k` out of range and for unknown parameters; the export audited. SQLite and (when
//! configured) PostgreSQL.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_domain::stats::ctdc::QUASI_IDENTIFIERS;
use libertas_store::testing::backends;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctdc_export_is_a_k_anonymous_attachment_for_analysts() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cara = app.user("North", "cara", Role::Caseworker).await;
        let ann = app.user("North", "ann", Role::Analyst).await;
        let (s, case) = app
            .post("/api/v1/cases", &cara, json!({"title": "Operation Lark"}))
            .await;
        assert_eq!(s.as_u16(), 201, "{backend}");
        let people = format!("/api/v1/cases/{}/people", case["id"].as_str().unwrap());
        let victim = |born: &str, gender: &str, citizenship: &str| {
            json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu",
                   "birth_date": born, "phone": "+40 722 555 019", "gender": gender,
                   "citizenship": [citizenship], "trafficking_status": "PossibleVictimOfTrafficking"})
        };
        for i in 0..4 {
            let (s, e) = app
                .post(
                    &people,
                    &cara,
                    victim(&format!("199{i}-04-0{}", i + 1), "Feminine", "RO"),
                )
                .await;
            assert_eq!(s.as_u16(), 201, "{backend}: {e}");
        }
        for born in ["2012-02-02", "2013-03-03", "2011-01-01"] {
            let (s, _) = app
                .post(&people, &cara, victim(born, "Masculine", "VN"))
                .await;
            assert_eq!(s.as_u16(), 201);
        }
        let (s, _) = app
            .post(&people, &cara, victim("1970-07-07", "NonConforming", "ER"))
            .await;
        assert_eq!(s.as_u16(), 201);

        let res = app
            .http
            .get(format!("{}/api/v1/exports/ctdc?k=3", app.base))
            .bearer_auth(&ann)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{backend}");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-type"), "text/csv; charset=utf-8");
        assert_eq!(
            header("content-disposition"),
            "attachment; filename=\"ctdc.csv\""
        );
        assert!(header("cache-control").contains("no-store"));
        let body = res.text().await.unwrap();
        for secret in [
            "Zamfira",
            "Oprescu",
            "722",
            "1990-",
            "2012-",
            "ER",
            "NonConforming",
        ] {
            assert!(!body.contains(secret), "{backend}: {secret} in {body}");
        }
        // Codes only: no field needs quoting, so a comma splits the columns.
        let mut lines = body.lines();
        let h: Vec<&str> = lines.next().unwrap().split(',').collect();
        let at: Vec<usize> = QUASI_IDENTIFIERS
            .iter()
            .map(|q| h.iter().position(|c| c == q).unwrap())
            .collect();
        let mut classes: std::collections::HashMap<Vec<&str>, usize> = Default::default();
        let mut rows = 0;
        for line in lines {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), h.len(), "{line}");
            *classes
                .entry(at.iter().map(|&i| cells[i]).collect())
                .or_default() += 1;
            rows += 1;
        }
        // The rare one stands alone even blanked: left out.
        assert_eq!(rows, 7, "{backend}: {body}");
        assert!(classes.values().all(|&n| n >= 3), "{backend}: {classes:?}");
        let minors = body.lines().filter(|l| l.contains(",Minor,")).count();
        assert_eq!(minors, 3, "{body}");

        // Refusals: JSON errors naming what is wrong.
        for (path, field) in [
            ("/api/v1/exports/ctdc?k=1", "k"),
            ("/api/v1/exports/ctdc?k=1001", "k"),
            ("/api/v1/exports/ctdc?k=ten", "k"),
        ] {
            let (s, e) = app.get(path, &ann).await;
            assert_eq!(s.as_u16(), 400, "{backend}: {path}: {e}");
            assert_eq!(e["error"]["field"], field, "{backend}: {path}: {e}");
        }
        let (s, _) = app.get("/api/v1/exports/ctdc?name=Zamfira", &ann).await;
        assert_eq!(s.as_u16(), 400);
        let (s, e) = app.get("/api/v1/exports/ctdc", &cara).await;
        assert_eq!(s.as_u16(), 403, "{backend}: {e}");
        let res = app
            .http
            .get(format!("{}/api/v1/exports/ctdc", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 401);

        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &libertas_store::audit::AuditQuery::default(),
            )
            .await
            .unwrap();
        let exports: Vec<_> = events
            .iter()
            .filter(|e| e.action == "export.ctdc")
            .collect();
        assert_eq!(
            exports.len(),
            1,
            "{backend}: only the served request is audited"
        );
        assert_eq!(exports[0].detail["k"], 3);
        assert_eq!(exports[0].detail["rows"], 7);
    }
}
