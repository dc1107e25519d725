//! End-to-end runs of the `estimate` command on the shared reference data.

use std::process::Command;

/// The shared reference data, relative to this crate (same depth in the main repository).
const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/mse");

fn run(args: &[&str]) -> (bool, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_libertas"))
        .arg("estimate")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn fixture(name: &str) -> String {
    let path = format!("{FIXTURE_DIR}/{name}");
    assert!(
        std::path::Path::new(&path).exists(),
        "fixture {path} is missing"
    );
    path
}

#[test]
fn western_with_r_replicates() {
    let (ok, j, err) = run(&[
        &fixture("Western.csv"),
        "--bootstrap-samples",
        &fixture("Western_R_seed1234.csv"),
    ]);
    assert!(ok, "{err}");
    assert_eq!(j["method"], "stepwise");
    assert_eq!(j["observed"], 345.0);
    assert!((j["estimate"].as_f64().unwrap() - 2483.384).abs() < 0.01);
    assert_eq!(j["ci"][0].as_f64().unwrap().round(), 1293.0);
    assert_eq!(j["ci"][1].as_f64().unwrap().round(), 3672.0);
    assert!(j["ci_wald"][0].as_f64().unwrap() > 345.0);
    assert_eq!(j["ci_level"], 0.95);
    assert!(j["model"].as_array().unwrap().contains(&"A:E".into()));
    assert!(j["warnings"].is_array());
}

#[test]
fn drawn_bootstrap_is_reproducible() {
    let args = [
        fixture("Western.csv"),
        "--bootstrap".into(),
        "200".into(),
        "--seed".into(),
        "7".into(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (ok1, a, _) = run(&args);
    let (ok2, b, _) = run(&args);
    assert!(ok1 && ok2);
    assert_eq!(a["ci"], b["ci"]);
}

#[test]
fn bic_and_bma_methods() {
    let (ok, j, err) = run(&[
        &fixture("Kosovo.csv"),
        "--method",
        "bic",
        "--max-order",
        "4",
    ]);
    assert!(ok, "{err}");
    assert_eq!(j["estimate"].as_f64().unwrap().round(), 10357.0);
    let (ok, j, err) = run(&[
        &fixture("MY3_dga.csv"),
        "--method",
        "bma",
        "--prior",
        "13.14,55.17",
        "--delta",
        "1",
    ]);
    assert!(ok, "{err}");
    assert_eq!(j["estimate"].as_f64().unwrap().round(), 731.0);
    assert!(j["ci_wald"].is_null());
}

#[test]
fn one_row_per_person_and_bad_csv() {
    let dir = std::env::temp_dir().join(format!("estimate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let people = dir.join("people.csv");
    let mut text = String::from("police,ngo,hotline\n");
    for (pattern, n) in [
        ("1,0,0", 40),
        ("0,1,0", 30),
        ("0,0,1", 20),
        ("1,1,0", 6),
        ("1,0,1", 4),
        ("0,1,1", 5),
        ("1,1,1", 1),
    ] {
        for _ in 0..n {
            text.push_str(pattern);
            text.push('\n');
        }
    }
    std::fs::write(&people, text).unwrap();
    let (ok, j, err) = run(&[people.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(j["observed"], 106.0);

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "A,B,count\n1,0,5\n0,x,3\n").unwrap();
    let (ok, _, err) = run(&[bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("bad.csv:3") && err.contains("column 2 (B)"),
        "{err}"
    );
    let bad_count = dir.join("bad_count.csv");
    std::fs::write(&bad_count, "A,B,count\n1,0,-5\n").unwrap();
    let (ok, _, err) = run(&[bad_count.to_str().unwrap()]);
    assert!(
        !ok && err.contains("bad_count.csv:2") && err.contains("column 3 (count)"),
        "{err}"
    );
}
