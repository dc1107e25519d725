//! `libertas screen` as a user runs it: the built binary, real files, real stdin.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn libertas(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_libertas"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // The command may exit before reading (bad arguments): a broken pipe is not a failure.
    let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// A file in this test's own scratch folder under the target directory.
fn scratch_file(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screen-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stdout_json(out: &Output) -> Value {
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "one line: {text:?}"
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn screens_a_file() {
    let path = scratch_file(
        "child.json",
        r#"{"age": 14, "acts": ["recruitment"], "purposes": ["forced_begging"], "consented": true}"#,
    );
    let out = libertas(&["screen", path.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result = stdout_json(&out);
    assert_eq!(result["verdict"], "trafficking");
    assert_eq!(result["child"], true);
    assert_eq!(result["elements"]["means"], "not_required");
    assert_eq!(result["urgent"], true);
    let reasons = result["reasons"].as_array().unwrap();
    assert!(reasons[0]
        .as_str()
        .unwrap()
        .starts_with("This is trafficking in persons"));
    assert!(out.stderr.is_empty());
}

#[test]
fn screens_stdin_in_romanian_under_uk_law() {
    let json = r#"{"age": 30, "acts": ["transportation"], "purposes": ["forced_labour"]}"#;
    let out = libertas(&["screen", "--lang", "ro", "--law", "uk"], Some(json));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result = stdout_json(&out);
    assert_eq!(result["verdict"], "possible_trafficking");
    let reasons = result["reasons"].as_array().unwrap();
    assert!(reasons[0]
        .as_str()
        .unwrap()
        .starts_with("Poate fi trafic de persoane"));
    assert!(reasons
        .iter()
        .any(|r| r.as_str().unwrap().contains("Modern Slavery Act 2015")));

    let dash = libertas(&["screen", "-"], Some("{}"));
    assert_eq!(dash.status.code(), Some(0));
    assert_eq!(stdout_json(&dash)["verdict"], "no_indication");
}

#[test]
fn invalid_input_exits_2_naming_the_field() {
    let out = libertas(&["screen"], Some(r#"{"acts": ["recruitment", "kidnap"]}"#));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(
            r#"error: stdin: acts[1]: unknown value "kidnap"; expected one of recruitment"#
        ),
        "{stderr}"
    );

    let path = scratch_file("old.json", r#"{"age": 131}"#);
    let out = libertas(&["screen", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "error: {}: age: must be a whole number from 0 to 130, or null\n",
        path.display()
    );
    assert_eq!(stderr, expected);

    let out = libertas(&["screen"], Some("{\"age\": 3,,}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error: stdin: invalid JSON at line 1, column"));
}

#[test]
fn missing_file_exits_2() {
    let out = libertas(&["screen", "/nonexistent/screening.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: /nonexistent/screening.json: cannot read the input: "),
        "{stderr}"
    );
}

#[test]
fn unknown_option_values_are_rejected_by_clap() {
    let out = libertas(&["screen", "--lang", "fr"], Some("{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--lang"));
}
