//! The hidden-victim estimate from the organisation's own lists (`docs/statistics.md`,
//! "The hidden-victim estimate").
//!
//! An analyst (or admin) picks lists the organisation keeps without calling them lists
//! ([`ListSource`]), a period and a method. Inside the store, and only here, the people on
//! those lists are read and their names, birth date and contacts opened in memory
//! ([`gather`]); records describing the same person are linked and counted once, and the
//! capture histories counted ([`histories`]); multiple systems estimation runs on them
//! (`libertas_analytics::mse`). What is kept and shown is aggregate only: the totals, the
//! interval, the model, warning codes and the capture-history table with small cells hidden.
//! The seed of the linkage samples and of the bootstrap is stored with the result, so a run
//! repeated with the same request and data gives the same figures.
//!
//! Who sees what: only the caller's own organisation's people are ever counted, and an
//! estimate is readable by the admins and analysts of the organisation that ran it; for
//! anyone else it does not exist (`NotFound`). Runs are audited (`estimate.run`, counts only),
//! reads too (`estimate.read`, `export.estimate_histories`).

mod gather;
mod histories;

pub use histories::HistoryCell;

use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_analytics::mse::{self, bma::PopulationPrior, bootstrap::resample, EstimateOptions};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::stats::estimate::{
    EstimateId, EstimateMethod, EstimateRequest, ListSource, BOOTSTRAP_REPLICATES,
};
use libertas_domain::stats::{Period, SMALL_COUNT};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use uuid::Uuid;

/// One estimate computes at a time on a server (see `run_estimate`).
static ESTIMATE_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How many past estimates the estimates page lists.
pub const RECENT_ESTIMATES: i64 = 20;

/// Fewer people than this observed in all: the estimate is shown with a warning.
const FEW_PEOPLE: u64 = 50;

/// The figures of one run, as stored and shown (aggregates only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EstimateResult {
    /// Distinct people on at least one list, after linkage.
    pub observed: u64,
    /// Estimated total, seen and unseen.
    pub estimate: f64,
    /// Interval for the total (bootstrap BCa for stepwise and BIC, posterior for BMA).
    pub ci: Option<[f64; 2]>,
    /// Level of the interval (0.95).
    pub ci_level: f64,
    /// The chosen model's generators, lists named by their codes (e.g. `reports:police`).
    pub model: Vec<String>,
    /// Why the figure may not be trustworthy, as codes the pages put in plain words:
    /// `few_people`, `sparse_overlaps`, `empty_list`, `not_identifiable`, `linkage_skipped`.
    pub warnings: Vec<String>,
}

/// A stored estimate with its request.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimateView {
    pub id: EstimateId,
    /// Lists in bit order (the columns of the capture-history table).
    pub sources: Vec<ListSource>,
    pub period: Period,
    pub method: EstimateMethod,
    pub seed: u64,
    pub created_at: String,
    pub result: EstimateResult,
    /// The capture-history table, small cells hidden: the only table that leaves the store.
    pub histories: Vec<HistoryCell>,
}

#[derive(FromRow)]
struct EstimateRow {
    id: String,
    org_id: String,
    sources: String,
    period_from: String,
    period_to: String,
    method: String,
    seed: String,
    result: String,
    histories: String,
    created_at: String,
}

impl Store {
    /// Runs an estimate over the caller's organisation and stores it.
    ///
    /// `RunEstimate` is needed (`Forbidden`). Lists holding fewer than [`SMALL_COUNT`]
    /// people in all, or data no model can be fitted to, are refused (`Refused` on
    /// `sources`) rather than answered with a figure nobody should use.
    pub async fn run_estimate(
        &self,
        p: &Principal,
        req: &EstimateRequest,
        reason: &str,
    ) -> Result<EstimateView, StoreError> {
        if !p.can(Capability::RunEstimate) {
            return Err(StoreError::Forbidden);
        }
        let org = p.org_id.to_string();
        let people = self.estimate_people(&org, &req.sources, req.period).await?;
        let lists = req.sources.len();
        // Linking and the bootstrap are seconds of CPU: they run on the blocking pool, one
        // run at a time per server, so estimates never hold the threads that answer other
        // requests.
        let _turn = ESTIMATE_TURN.lock().await;
        let job = req.clone();
        let (h, result) = tokio::task::spawn_blocking(move || {
            let h = histories::capture_histories(&people, lists, job.seed);
            drop(people);
            let result = compute(&h, &job);
            (h, result)
        })
        .await
        .map_err(|e| StoreError::Internal(format!("estimate stopped: {e}")))?;
        let result = result?;
        let table = histories::protected(&h.cells, lists, SMALL_COUNT);
        let id = EstimateId::from_uuid(Uuid::now_v7());
        let created_at = clock::now_text();
        let codes: Vec<&str> = req.sources.iter().map(|s| s.as_str()).collect();
        let result_json =
            serde_json::to_string(&result).map_err(|e| StoreError::Internal(e.to_string()))?;
        let table_json =
            serde_json::to_string(&table).map_err(|e| StoreError::Internal(e.to_string()))?;
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into estimates (id, org_id, requested_by, sources, period_from, period_to,
                                    method, seed, result, histories, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id.to_string())
        .bind(&org)
        .bind(p.user_id.to_string())
        .bind(codes.join(","))
        .bind(date_text(req.period.from))
        .bind(date_text(req.period.to))
        .bind(req.method.as_str())
        .bind(req.seed.to_string())
        .bind(&result_json)
        .bind(&table_json)
        .bind(&created_at)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("estimate.run", "estimate", Some(id.to_string()), reason).detail(
                serde_json::json!({
                    "sources": codes,
                    "method": req.method.as_str(),
                    "records": h.records,
                    "individuals": h.individuals,
                    "warnings": result.warnings,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(EstimateView {
            id,
            sources: req.sources.clone(),
            period: req.period,
            method: req.method,
            seed: req.seed,
            created_at,
            result,
            histories: table,
        })
    }

    /// A stored estimate of the caller's organisation (`NotFound` for any other).
    pub async fn estimate(
        &self,
        p: &Principal,
        id: EstimateId,
        reason: &str,
    ) -> Result<EstimateView, StoreError> {
        let view = self.load_estimate(p, id).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "estimate.read",
                "estimate",
                Some(id.to_string()),
                reason,
            )],
        )
        .await?;
        Ok(view)
    }

    /// The suppressed capture-history table of a stored estimate as CSV: one 0/1 column per
    /// list (its code) and `count`, empty where hidden. Audited as an export.
    pub async fn estimate_histories_csv(
        &self,
        p: &Principal,
        id: EstimateId,
        reason: &str,
    ) -> Result<Vec<u8>, StoreError> {
        let view = self.load_estimate(p, id).await?;
        let mut out = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<&str> = view.sources.iter().map(|s| s.as_str()).collect();
        header.push("count");
        let err = |e: csv::Error| StoreError::Internal(e.to_string());
        out.write_record(&header).map_err(err)?;
        let mut hidden = 0;
        for cell in &view.histories {
            let mut row: Vec<String> = cell.pattern.chars().map(String::from).collect();
            row.push(cell.count.map(|c| c.to_string()).unwrap_or_default());
            hidden += usize::from(cell.count.is_none());
            out.write_record(&row).map_err(err)?;
        }
        let csv = out
            .into_inner()
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "export.estimate_histories",
                "estimate",
                Some(id.to_string()),
                reason,
            )
            .detail(serde_json::json!({
                "rows": view.histories.len(),
                "hidden": hidden,
            }))],
        )
        .await?;
        Ok(csv)
    }

    /// The caller's organisation's most recent estimates, newest first, at most
    /// [`RECENT_ESTIMATES`] (aggregates only; the table of the estimates page). Audited as
    /// `estimate.list` with how many were shown.
    pub async fn recent_estimates(
        &self,
        p: &Principal,
        reason: &str,
    ) -> Result<Vec<EstimateView>, StoreError> {
        if !p.can(Capability::RunEstimate) {
            return Err(StoreError::Forbidden);
        }
        let rows = sqlx::query_as::<_, EstimateRow>(
            "select id, org_id, sources, period_from, period_to, method, seed, result,
                    histories, created_at
             from estimates where org_id = $1
             order by created_at desc, id desc limit $2",
        )
        .bind(p.org_id.to_string())
        .bind(RECENT_ESTIMATES)
        .fetch_all(self.pool())
        .await?;
        let views = rows
            .into_iter()
            .map(view_of)
            .collect::<Result<Vec<_>, _>>()?;
        self.record(
            p.into(),
            vec![AuditEvent::new("estimate.list", "estimate", None, reason)
                .detail(serde_json::json!({ "shown": views.len() }))],
        )
        .await?;
        Ok(views)
    }

    /// Reads an estimate after the access checks (not audited: the callers record why).
    async fn load_estimate(
        &self,
        p: &Principal,
        id: EstimateId,
    ) -> Result<EstimateView, StoreError> {
        if !p.can(Capability::RunEstimate) {
            return Err(StoreError::Forbidden);
        }
        let row = sqlx::query_as::<_, EstimateRow>(
            "select id, org_id, sources, period_from, period_to, method, seed, result,
                    histories, created_at
             from estimates where id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool())
        .await?
        .filter(|r| r.org_id == p.org_id.to_string())
        .ok_or(StoreError::NotFound)?;
        view_of(row)
    }
}

/// Runs the estimation on the linked capture histories.
fn compute(h: &histories::Histories, req: &EstimateRequest) -> Result<EstimateResult, StoreError> {
    let observed: u64 = h.cells.iter().sum();
    let too_few = StoreError::Refused {
        field: "sources",
        message: "the picked lists hold too few people in this period to estimate from",
    };
    if observed < SMALL_COUNT {
        return Err(too_few);
    }
    let names: Vec<String> = req.sources.iter().map(|s| s.as_str().to_owned()).collect();
    let data = h
        .data(names)
        .map_err(|e| StoreError::Internal(e.to_string()))?;
    let (method, bootstrap) = match req.method {
        EstimateMethod::Stepwise => (mse::Method::Stepwise { pthresh: 0.02 }, true),
        EstimateMethod::Bic => (
            mse::Method::Bic {
                max_order: None,
                ntop: None,
            },
            true,
        ),
        // BMA gives its own posterior interval; no bootstrap.
        EstimateMethod::Bma => (
            mse::Method::Bma {
                delta: None,
                prior: PopulationPrior::Inverse,
                missing_max: None,
            },
            false,
        ),
    };
    let bootstrap = bootstrap.then(|| {
        let mut rng = ChaCha20Rng::seed_from_u64(req.seed);
        resample(&data, BOOTSTRAP_REPLICATES, &mut rng)
    });
    let options = EstimateOptions {
        method,
        level: 0.95,
        bootstrap,
    };
    let e = mse::estimate(&data, &options).map_err(|_| too_few)?;
    Ok(EstimateResult {
        observed,
        estimate: e.estimate,
        ci: e.ci,
        ci_level: e.ci_level,
        model: e.model.clone(),
        warnings: warnings(h, &data, &e, observed),
    })
}

/// The warning codes of a run (see [`EstimateResult::warnings`]).
fn warnings(
    h: &histories::Histories,
    data: &mse::CaptureData,
    e: &mse::Estimate,
    observed: u64,
) -> Vec<String> {
    let mut w = Vec::new();
    let lists = data.n_lists();
    let overlaps = data.overlaps();
    if observed < FEW_PEOPLE {
        w.push("few_people");
    }
    if (0..lists).any(|k| overlaps[1 << k] == 0.0) {
        w.push("empty_list");
    }
    let sparse = (0..lists)
        .any(|i| ((i + 1)..lists).any(|j| overlaps[(1 << i) | (1 << j)] < SMALL_COUNT as f64));
    if sparse {
        w.push("sparse_overlaps");
    }
    let unbounded =
        e.ci.is_none_or(|[lo, hi]| !lo.is_finite() || !hi.is_finite());
    if !e.neg_inf_terms.is_empty() || !e.estimate.is_finite() || unbounded {
        w.push("not_identifiable");
    }
    if h.linkage_skipped {
        w.push("linkage_skipped");
    }
    w.into_iter().map(str::to_owned).collect()
}

fn view_of(r: EstimateRow) -> Result<EstimateView, StoreError> {
    let bad = || StoreError::Internal("a stored estimate does not read back".into());
    let sources = r
        .sources
        .split(',')
        .map(|c| ListSource::from_code(c).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    let from = parse_date("from", &r.period_from).map_err(|_| bad())?;
    let to = parse_date("to", &r.period_to).map_err(|_| bad())?;
    Ok(EstimateView {
        id: r.id.parse().map_err(|_| bad())?,
        sources,
        period: Period { from, to },
        method: EstimateMethod::parse(Some(&r.method)).map_err(|_| bad())?,
        seed: r.seed.parse().map_err(|_| bad())?,
        created_at: r.created_at,
        result: serde_json::from_str(&r.result).map_err(|_| bad())?,
        histories: serde_json::from_str(&r.histories).map_err(|_| bad())?,
    })
}
