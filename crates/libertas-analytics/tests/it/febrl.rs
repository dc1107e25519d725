//! End-to-end linkage on the FEBRL benchmark files of the shared data, against their ground
//! truth. Fails (does not skip) when the fixtures are missing.

use std::collections::HashMap;
use std::path::Path;

use libertas_analytics::linkage::{link, DatasetBuilder, Field, LinkOptions, RawRecord, Silent};
use rand::SeedableRng;

/// The shared linkage data, relative to this crate's directory.
const FIXTURES: &str = "../../../shared/linkage/data";

struct Truth {
    cluster: Vec<String>,
    source: Vec<String>,
}

fn load(name: &str) -> (libertas_analytics::linkage::Dataset, Truth) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("fixture {} missing: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let mut builder = DatasetBuilder::new();
    let mut truth = Truth {
        cluster: Vec::new(),
        source: Vec::new(),
    };
    for row in reader.records() {
        let row = row.unwrap();
        let source = col("source_dataset").and_then(|c| row.get(c)).unwrap_or("");
        let mut raw = RawRecord {
            source,
            ..Default::default()
        };
        for f in Field::ALL {
            raw.values[f.index()] = col(f.column()).and_then(|c| row.get(c)).unwrap_or("");
        }
        builder.push(&raw);
        truth
            .cluster
            .push(row.get(col("cluster").unwrap()).unwrap().to_string());
        truth.source.push(source.to_string());
    }
    (builder.finish(), truth)
}

fn f1(tp: f64, predicted: f64, actual: f64) -> f64 {
    2.0 * tp / (predicted + actual)
}

/// Pairs (i, j) that should be linked: same cluster, and different sources in link-only mode.
fn true_pairs(t: &Truth, link_only: bool) -> f64 {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in t.cluster.iter().enumerate() {
        groups.entry(c).or_default().push(i);
    }
    let mut n = 0.0;
    for members in groups.values() {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                if !link_only || t.source[i] != t.source[j] {
                    n += 1.0;
                }
            }
        }
    }
    n
}

/// Pairwise F1 at probability 0.5 and F1 of the clusters.
fn run(name: &str, link_only: bool) -> (f64, f64) {
    let (ds, truth) = load(name);
    let opts = LinkOptions {
        link_only,
        ..LinkOptions::default()
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let result = link(&ds, &opts, None, &mut rng, &Silent).unwrap();
    let actual = true_pairs(&truth, link_only);

    let linked: Vec<_> = result
        .pairs
        .iter()
        .filter(|p| p.probability >= 0.5)
        .collect();
    let tp = linked
        .iter()
        .filter(|p| truth.cluster[p.a as usize] == truth.cluster[p.b as usize])
        .count();
    let pairwise = f1(tp as f64, linked.len() as f64, actual);

    let clustered = Truth {
        cluster: result.clusters.iter().map(|c| c.to_string()).collect(),
        source: truth.source.clone(),
    };
    let both = Truth {
        cluster: result
            .clusters
            .iter()
            .zip(&truth.cluster)
            .map(|(c, t)| format!("{c}/{t}"))
            .collect(),
        source: truth.source.clone(),
    };
    let clusters = f1(
        true_pairs(&both, link_only),
        true_pairs(&clustered, link_only),
        actual,
    );
    (pairwise, clusters)
}

#[test]
fn febrl3_dedupe_reaches_target() {
    let (pairwise, clusters) = run("febrl3.csv", false);
    assert!(pairwise >= 0.99, "pairwise F1 {pairwise}");
    assert!(clusters >= 0.99, "cluster F1 {clusters}");
}

#[test]
fn febrl4_link_only_reaches_target() {
    let (pairwise, clusters) = run("febrl4.csv", true);
    assert!(pairwise >= 0.998, "pairwise F1 {pairwise}");
    assert!(clusters >= 0.998, "cluster F1 {clusters}");
}

#[test]
fn same_seed_same_result() {
    let (ds, _) = load("febrl3.csv");
    let run = || {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        link(&ds, &LinkOptions::default(), None, &mut rng, &Silent).unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(a.clusters, b.clusters);
    assert_eq!(a.pairs, b.pairs);
    assert_eq!(a.model, b.model);
}
