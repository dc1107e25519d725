//! Developer tool: trains on a CSV and explains the weights of given pairs.
//! `cargo run --release --example explain -- FILE.csv UID_A UID_B [UID_A UID_B ...]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use libertas_analytics::linkage::scoring::Scorer;
use libertas_analytics::linkage::{link, DatasetBuilder, Field, LinkOptions, RawRecord, Silent};
use rand::SeedableRng;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let res = link(&ds, &LinkOptions::default(), None, &mut rng, &Silent).unwrap();
    let scorer = Scorer::new(&ds, &res.model);
    let prior = (res.model.prior / (1.0 - res.model.prior)).log2();
    for pair in args[1..].chunks(2) {
        let i = ids.iter().position(|x| *x == pair[0]).unwrap();
        let j = ids.iter().position(|x| *x == pair[1]).unwrap();
        println!(
            "{} {} prior {:.1} total {:.1}",
            pair[0],
            pair[1],
            prior,
            scorer.weight(i, j)
        );
        for (f, l, w) in scorer.explain(i, j) {
            println!(
                "  {:<12} {:<24} {:+.1}",
                f.column(),
                libertas_analytics::linkage::comparison::level_names(f)[l as usize],
                w
            );
        }
    }
}
