//! Issue 11, forms that respect the user, on the public side: a report form or a follow-up
//! answer the server refuses (a field too long, the rate limit) comes back with everything
//! typed and the error tied to its field, in a `no-store` answer and never in a URL. SQLite
//! always, PostgreSQL when configured.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_public_report_comes_back_with_everything_typed() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        let long_place = "x".repeat(501);
        let form = [
            (
                "narrative",
                "Two girls <b>never</b> leave the flat above the bakery.",
            ),
            ("location", long_place.as_str()),
            ("when", "Every night since May"),
            ("people", "A tall man called \"Sasha\""),
            ("identifiers", "07700 900123\nAB12 CDE"),
            ("in_danger_now", "true"),
            ("contact", "ana@example.org"),
            ("safe_to_contact", "false"),
            ("contact_safety", "Never call"),
            ("language", "en"),
        ];
        let send = |form: Vec<(&'static str, String)>| {
            let app_http = app.http.clone();
            let url = format!("{}/report?lang=en", app.base);
            async move {
                let res = app_http.post(url).form(&form).send().await.unwrap();
                let status = res.status();
                let cache = res
                    .headers()
                    .get("cache-control")
                    .map(|v| v.to_str().unwrap().to_owned());
                let location = res.headers().get("location").is_some();
                (status, cache, location, res.text().await.unwrap())
            }
        };
        let owned: Vec<(&'static str, String)> =
            form.iter().map(|(k, v)| (*k, v.to_string())).collect();
        let (s, cache, redirected, page) = send(owned.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert_eq!(cache.as_deref(), Some("no-store"));
        assert!(!redirected);
        assert!(page.contains("Two girls &#60;b&#62;never&#60;/b&#62; leave the flat above the bakery.</textarea>")
            || page.contains("Two girls &lt;b&gt;never&lt;/b&gt; leave the flat above the bakery.</textarea>"), "{page}");
        assert!(page.contains(&format!("value=\"{long_place}\" aria-invalid=\"true\" aria-describedby=\"location-error\" autofocus>")), "{backend}");
        assert!(page.contains("id=\"location-error\""));
        assert!(page.contains("value=\"Every night since May\""));
        assert!(page.contains("Sasha"));
        assert!(page.contains("07700 900123\nAB12 CDE</textarea>"));
        assert!(page.contains("name=\"in_danger_now\" value=\"true\" checked>"));
        assert!(page.contains("name=\"safe_to_contact\" value=\"false\" checked>"));
        assert!(!page.contains("name=\"safe_to_contact\" value=\"true\" checked>"));
        assert!(page.contains("value=\"ana@example.org\""));
        assert!(page.contains("value=\"Never call\""));
        // Beyond the form's limit without proof of work: 429, still everything typed.
        let mut last = None;
        for _ in 0..10 {
            let r = send(owned.clone()).await;
            if r.0 == StatusCode::TOO_MANY_REQUESTS {
                last = Some(r);
                break;
            }
        }
        let (_, cache, _, page) = last.expect("the limit answers 429");
        assert_eq!(cache.as_deref(), Some("no-store"));
        assert!(page.contains("Every night since May"), "{backend}");
        assert!(page.contains("Everything you typed is still in the form below."));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_answer_on_the_receipt_page_stays_in_its_field() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        let (s, r) = app
            .call(
                reqwest::Method::POST,
                "/api/v1/public/reports",
                None,
                Some(json!({"narrative": "Workers sleep at the car wash."})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let receipt = r["receipt"].as_str().unwrap().to_owned();
        let answer = format!("They moved again. {}", "x".repeat(10_000));
        let res = app
            .http
            .post(format!("{}/report/followup?lang=en", app.base))
            .form(&[("receipt", receipt.as_str()), ("answer", answer.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{backend}");
        assert_eq!(
            res.headers()
                .get("cache-control")
                .unwrap()
                .to_str()
                .unwrap(),
            "no-store"
        );
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!(
            "aria-invalid=\"true\" aria-describedby=\"answer-error\" autofocus>{answer}</textarea>"
        )),
            "{backend}: the answer is kept, marked and focused"
        );
        assert!(page.contains("id=\"answer-error\""));
        assert!(
            page.contains("id=\"report-status\""),
            "the thread is still shown"
        );
        app.stop().await;
    }
}
