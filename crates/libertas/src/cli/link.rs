//! `libertas link`: find the records of a CSV export that describe the same person.
//!
//! Reads a file in the shared linkage schema (`unique_id` required; `first_name`, `surname`,
//! `dob`, `gender`, `address`, `city`, `postcode`, `phone`, `email`, `national_id`,
//! `occupation`, `source_dataset` optional; the ground-truth `cluster` column, if present, is
//! never read), links it with `libertas_analytics::linkage`, and writes one cluster id per
//! record and optionally the scored pairs. All the statistics live in the library; this module
//! only reads, writes and reports.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use libertas_analytics::linkage::{
    link, DatasetBuilder, Field, LinkOptions, Linkage, Model, Progress, RawRecord, Stage,
    DEFAULT_THRESHOLD,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Arguments of `libertas link`.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// CSV file to link (header row; `unique_id` column required).
    #[arg(value_name = "INPUT.csv")]
    pub input: PathBuf,
    /// Where to write `unique_id,cluster_id`, one row per input record. A cluster's id is the
    /// `unique_id` of its first record in the input.
    #[arg(long, value_name = "clusters.csv")]
    pub out: PathBuf,
    /// Only link records across lists (values of `source_dataset`), never within one list.
    #[arg(long)]
    pub link_only: bool,
    /// Also write the scored pairs `unique_id_l,unique_id_r,match_probability`.
    #[arg(long, value_name = "pairs.csv")]
    pub pairs_out: Option<PathBuf>,
    /// Probability above which two records join a cluster. The default is high because a
    /// wrong merge mixes two people's histories, while a missed one can be merged by hand.
    #[arg(long, value_name = "P", default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Smallest probability of a pair written to --pairs-out.
    #[arg(long, value_name = "P", default_value_t = 0.01)]
    pub pairs_min: f64,
    /// Use this saved model (from --save-model) instead of training on the input.
    #[arg(long, value_name = "model.json")]
    pub model: Option<PathBuf>,
    /// Save the model used (trained, or read with --model) with its prior for this input.
    #[arg(long, value_name = "model.json")]
    pub save_model: Option<PathBuf>,
    /// Seed of the random samples used in training; the same seed gives the same result.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the time of each stage and the trained weights to stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Runs `libertas link`.
pub fn run(args: LinkArgs) -> Result<()> {
    let started = Instant::now();
    let model = match &args.model {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read model {}", path.display()))?;
            Some(Model::from_json(&text).with_context(|| format!("{}", path.display()))?)
        }
        None => None,
    };
    let bar = Bar::new(args.verbose.then_some(started));
    bar.0.set_message("reading");
    let (ids, builder) = read_input(&args.input)?;
    let ds = builder.finish();
    let opts = LinkOptions {
        link_only: args.link_only,
        threshold: args.threshold,
        pairs_min_probability: args.pairs_min,
        ..LinkOptions::default()
    };
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let result = link(&ds, &opts, model, &mut rng, &bar)
        .with_context(|| format!("cannot link {}", args.input.display()))?;
    bar.0.finish_and_clear();

    write_clusters(&args.out, &ids, &result)?;
    if let Some(path) = &args.pairs_out {
        write_pairs(path, &ids, &result)?;
    }
    if let Some(path) = &args.save_model {
        let json = result.model.to_json()?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let s = &result.stats;
    if args.verbose {
        eprintln!(
            "{:>8.2} s  writing done; prior {:.3e}, {} pairs kept",
            started.elapsed().as_secs_f64(),
            result.model.prior,
            s.pairs_kept
        );
        for (rule, pairs) in &s.rules {
            eprintln!("  rule {rule}: {pairs} pairs");
        }
        for fm in &result.model.fields {
            let w: Vec<String> = fm
                .levels
                .iter()
                .map(|l| format!("{}={:.1}", l.name, (l.m / l.u).log2()))
                .collect();
            eprintln!("  {:<12} {}", fm.field.column(), w.join(" "));
        }
    }
    eprintln!(
        "linked {} records: {} pairs scored, {} clusters, {:.2} s",
        s.records,
        s.pairs_scored,
        s.clusters,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Rows handed from the parsing thread to the interning one at a time.
const BATCH: usize = 16_384;

/// Reads the CSV into interned records; returns the `unique_id`s in input order. A second
/// thread parses while this one normalises and interns, so reading a million records costs
/// little more than parsing them.
fn read_input(path: &Path) -> Result<(Vec<String>, DatasetBuilder)> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader =
        csv::ReaderBuilder::new().from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, None, e))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let Some(id_col) = column("unique_id") else {
        bail!("{}: line 1: no `unique_id` column", path.display());
    };
    let source_col = column("source_dataset");
    let fields: Vec<(Field, usize)> = Field::ALL
        .into_iter()
        .filter_map(|f| Some((f, column(f.column())?)))
        .collect();

    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<csv::StringRecord>>>(4);
    let parse_headers = headers.clone();
    let parse_path = path.to_path_buf();
    let parser = std::thread::spawn(move || loop {
        let mut batch = Vec::with_capacity(BATCH);
        let mut row = csv::StringRecord::new();
        let mut failed = None;
        while batch.len() < BATCH {
            match reader.read_record(&mut row) {
                Ok(true) => batch.push(std::mem::take(&mut row)),
                Ok(false) => break,
                Err(e) => {
                    failed = Some(csv_error(&parse_path, Some(&parse_headers), e));
                    break;
                }
            }
        }
        let last = batch.len() < BATCH || failed.is_some();
        let sent = if batch.is_empty() {
            Ok(())
        } else {
            tx.send(Ok(batch))
        };
        if let Some(e) = failed {
            let _ = tx.send(Err(e));
        }
        if last || sent.is_err() {
            break;
        }
    });

    let mut ids = Vec::new();
    let mut lines = Vec::new();
    let mut builder = DatasetBuilder::new();
    for batch in rx {
        let batch = batch?;
        let mut raws = Vec::with_capacity(batch.len());
        for row in &batch {
            let line = row.position().map_or(0, |p| p.line());
            let id = row.get(id_col).unwrap_or("").trim();
            if id.is_empty() {
                bail!(
                    "{}: line {line}, column unique_id: empty value",
                    path.display()
                );
            }
            let mut raw = RawRecord {
                source: source_col.and_then(|c| row.get(c)).unwrap_or("").trim(),
                ..Default::default()
            };
            for &(f, c) in &fields {
                raw.values[f.index()] = row.get(c).unwrap_or("");
            }
            raws.push(raw);
            ids.push(id.to_string());
            lines.push(line);
        }
        builder.push_batch(&raws);
    }
    if parser.join().is_err() {
        bail!("{}: the CSV parser stopped unexpectedly", path.display());
    }
    check_unique(path, &ids, &lines)?;
    Ok((ids, builder))
}

fn check_unique(path: &Path, ids: &[String], lines: &[u64]) -> Result<()> {
    let mut seen: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(ids.len());
    for (k, id) in ids.iter().enumerate() {
        if let Some(first) = seen.insert(id.as_str(), k) {
            bail!(
                "{}: line {}, column unique_id: duplicate value {:?} (first on line {})",
                path.display(),
                lines[k],
                id,
                lines[first]
            );
        }
    }
    Ok(())
}

fn csv_error(path: &Path, headers: Option<&csv::StringRecord>, e: csv::Error) -> anyhow::Error {
    let line = e.position().map_or(0, |p| p.line());
    let p = path.display();
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            let col = headers.and_then(|h| h.get(err.field())).unwrap_or("?");
            anyhow::anyhow!("{p}: line {line}, column {col}: not valid UTF-8")
        }
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => anyhow::anyhow!(
            "{p}: line {line}: {len} fields where the header has {expected_len} (column {} missing or extra)",
            if len < expected_len {
                headers.and_then(|h| h.get(*len as usize)).unwrap_or("?").to_string()
            } else {
                format!("#{}", expected_len + 1)
            }
        ),
        _ => anyhow::anyhow!("{p}: line {line}: {e}"),
    }
}

fn write_clusters(path: &Path, ids: &[String], result: &Linkage) -> Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record(["unique_id", "cluster_id"])?;
    for (id, &c) in ids.iter().zip(&result.clusters) {
        w.write_record([id.as_str(), ids[c as usize].as_str()])?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

fn write_pairs(path: &Path, ids: &[String], result: &Linkage) -> Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record(["unique_id_l", "unique_id_r", "match_probability"])?;
    for p in &result.pairs {
        let prob = format!("{:.6}", p.probability);
        w.write_record([
            ids[p.a as usize].as_str(),
            ids[p.b as usize].as_str(),
            prob.as_str(),
        ])?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

fn csv_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(csv::Writer::from_writer(BufWriter::with_capacity(
        1 << 20,
        file,
    )))
}

/// A progress bar on a terminal, nothing when stderr is piped; with a start time, stage
/// timings are printed too.
struct Bar(ProgressBar, Option<Instant>);

impl Bar {
    fn new(verbose: Option<Instant>) -> Self {
        if !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden(), verbose);
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>14} [{bar:40}] {percent:>3}% {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar(bar, verbose)
    }
}

impl Progress for Bar {
    fn start(&self, stage: Stage, total: u64) {
        if let Some(t) = self.1 {
            self.0.suspend(|| {
                eprintln!(
                    "{:>8.2} s  {} ({total})",
                    t.elapsed().as_secs_f64(),
                    stage.label()
                )
            });
        }
        self.0.set_message(stage.label());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}
