//! Developer tool: the engine on a CSV with the outputs of `libertas link` (clusters.csv,
//! pairs.csv, a summary line on stderr), for tuning without building the whole application:
//! `LINK_CMD="target/release/examples/link_csv" bench/linkage DATASET`.
//! `cargo build --release --example link_csv -p libertas-analytics`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use libertas_analytics::linkage::{link, DatasetBuilder, Field, LinkOptions, RawRecord, Silent};
use rand::SeedableRng;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|k| args[k + 1].clone())
    };
    let started = std::time::Instant::now();
    let mut rdr = csv::Reader::from_path(&args[0]).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let mut b = DatasetBuilder::new();
    let mut ids = Vec::new();
    for row in rdr.records() {
        let row = row.unwrap();
        let mut r = RawRecord {
            source: col("source_dataset").and_then(|c| row.get(c)).unwrap_or(""),
            ..Default::default()
        };
        for f in Field::ALL {
            r.values[f.index()] = col(f.column()).and_then(|c| row.get(c)).unwrap_or("");
        }
        b.push(&r);
        ids.push(row.get(col("unique_id").unwrap()).unwrap().to_string());
    }
    let ds = b.finish();
    let opts = LinkOptions {
        link_only: args.iter().any(|a| a == "--link-only"),
        ..LinkOptions::default()
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let res = link(&ds, &opts, None, &mut rng, &Silent).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(arg("--out").unwrap()).unwrap());
    writeln!(out, "unique_id,cluster_id").unwrap();
    for (id, &c) in ids.iter().zip(&res.clusters) {
        writeln!(out, "{id},{}", ids[c as usize]).unwrap();
    }
    if let Some(path) = arg("--pairs-out") {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        writeln!(out, "unique_id_l,unique_id_r,match_probability").unwrap();
        for p in &res.pairs {
            writeln!(
                out,
                "{},{},{:.6}",
                ids[p.a as usize], ids[p.b as usize], p.probability
            )
            .unwrap();
        }
    }
    for (rule, pairs) in &res.stats.rules {
        eprintln!("  rule {rule}: {pairs} pairs");
    }
    for fm in &res.model.fields {
        let w: Vec<String> = fm
            .levels
            .iter()
            .map(|l| format!("{}={:.1}", l.name, (l.m / l.u).log2()))
            .collect();
        eprintln!("  {:<12} {}", fm.field.column(), w.join(" "));
    }
    eprintln!(
        "linked {} records: {} pairs scored, {} clusters, {:.2} s",
        res.stats.records,
        res.stats.pairs_scored,
        res.stats.clusters,
        started.elapsed().as_secs_f64()
    );
}
