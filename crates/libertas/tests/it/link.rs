//! The `link` command end to end, through the built binary: outputs, and errors that name the
//! file, line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn link(args: &[&Path], extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_libertas"))
        .arg("link")
        .args(args)
        .args(extra)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn error_of(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let input = write(dir, name, bytes);
    let out = dir.join("out.csv");
    let o = link(&[&input, Path::new("--out"), &out], &[]);
    assert!(!o.status.success());
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn bad_csv_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let e = error_of(dir.path(), "a.csv", b"unique_id,first_name\n1,ann\n2\n");
    assert!(
        e.contains("a.csv: line 3") && e.contains("first_name"),
        "{e}"
    );
    let e = error_of(dir.path(), "b.csv", b"unique_id,first_name\n1,ann\n1,bob\n");
    assert!(e.contains("line 3, column unique_id: duplicate"), "{e}");
    let e = error_of(dir.path(), "c.csv", b"first_name\nann\n");
    assert!(e.contains("no `unique_id`"), "{e}");
    let e = error_of(dir.path(), "d.csv", b"unique_id,surname\n1,ab\n2,\xff\n");
    assert!(e.contains("line 3, column surname: not valid UTF-8"), "{e}");
}

#[test]
fn writes_a_cluster_row_per_record_and_a_reusable_model() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("unique_id,cluster,first_name,surname,dob,city\n");
    for i in 0..40 {
        let who = i / 2;
        text.push_str(&format!(
            "r{i},WRONG,name{who},family{who},19{who:02}-0{}-1{},town{}\n",
            who % 9 + 1,
            who % 10,
            who % 3
        ));
    }
    let input = write(dir.path(), "in.csv", text.as_bytes());
    let (out, pairs, model) = (
        dir.path().join("c.csv"),
        dir.path().join("p.csv"),
        dir.path().join("m.json"),
    );
    let o = link(
        &[
            &input,
            Path::new("--out"),
            &out,
            Path::new("--pairs-out"),
            &pairs,
            Path::new("--save-model"),
            &model,
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("linked 40 records"));
    let clusters = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = clusters.lines().collect();
    assert_eq!(lines[0], "unique_id,cluster_id");
    assert_eq!(lines.len(), 41);
    assert_eq!(&lines[1..3], &["r0,r0", "r1,r0"]);
    let p = std::fs::read_to_string(&pairs).unwrap();
    assert!(
        p.starts_with("unique_id_l,unique_id_r,match_probability\nr0,r1,"),
        "{p}"
    );

    // The saved model is read back and gives the same clusters.
    let again = dir.path().join("c2.csv");
    let o = link(
        &[
            &input,
            Path::new("--out"),
            &again,
            Path::new("--model"),
            &model,
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), clusters);
}
