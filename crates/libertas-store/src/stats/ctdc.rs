//! The CTDC-layout de-identified export: one k-anonymous CSV row per identified victim of an
//! organisation, for a data collaborative (`docs/statistics.md`, "The CTDC export").
//!
//! Only admins and analysts may ask (`ExportDeidentified`), for their own organisation; the
//! console operator for any. Birth dates are sealed: they are opened here, in memory, one
//! batch of people at a time, turned into an age in whole years on the day of registration,
//! and the plaintext is dropped (zeroed) at once. Nothing but codes, bands and years leaves
//! this module, and only after `libertas_analytics::disclosure::k_anonymise` has made every
//! combination of quasi-identifiers appear at least `k` times. The export is audited
//! (`export.ctdc`) with its row counts and `k`.

use crate::admin::Caller;
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_analytics::disclosure::{k_anonymise, QiColumn};
use libertas_domain::admin::Capability;
use libertas_domain::cases::decisions::parse_date;
use libertas_domain::ids::OrgId;
use libertas_domain::stats::ctdc::{header, Exploitation, ExportK, Victim, QUASI_IDENTIFIERS};
use sqlx::FromRow;
use std::collections::HashMap;
use time::Date;

/// People whose keys are fetched and birth dates opened together.
const BATCH: usize = 500;

/// Share of the victims (in percent) whole-column generalisation may leave for blanking and
/// dropping; at least k − 1 may always be left, so that one rare victim does not coarsen
/// every other row.
const OUTLIER_PERCENT: usize = 5;

/// An identified victim of the organisation, as stored (the birth date still sealed).
#[derive(FromRow)]
struct VictimRow {
    id: String,
    birth_date: Option<Vec<u8>>,
    gender: Option<String>,
    citizenship: Option<String>,
    registered: String,
}

/// A saved screening of a report that opened (or joined) one of a victim's cases.
#[derive(FromRow)]
struct ScreeningRow {
    person_id: String,
    screening: String,
}

/// The export and what was done to reach `k`. Counts below `k` of what was lost are for the
/// caller to print suppressed ([`CtdcExport::shown`]).
#[derive(Debug, Clone)]
pub struct CtdcExport {
    /// The CSV, header first (no personal data: codes, bands and years only).
    pub csv: Vec<u8>,
    /// Rows written.
    pub rows: usize,
    /// Rows whose quasi-identifiers other than the year were blanked.
    pub blanked: usize,
    /// Victims left out because even blanked they would have stood out.
    pub dropped: usize,
    /// The `k` reached.
    pub k: u32,
    /// Each quasi-identifier with its generalisation level (0: as recorded).
    pub levels: Vec<(&'static str, usize)>,
}

impl CtdcExport {
    /// A count for a summary printed with the export: small counts (1 to k − 1) are shown as
    /// "fewer than k", so the summary does not single out the few people it describes.
    pub fn shown(&self, count: usize) -> String {
        if count > 0 && count < self.k as usize {
            format!("fewer than {}", self.k)
        } else {
            count.to_string()
        }
    }
}

impl Store {
    /// The organisation's identified victims in the CTDC layout, k-anonymised.
    ///
    /// Staff need `ExportDeidentified` (`Forbidden`) and may export only their own
    /// organisation (`NotFound` for another); the console operator may export any.
    /// `progress(done, total)` is called as people are read, for a progress bar.
    pub async fn export_ctdc(
        &self,
        c: Caller<'_>,
        org: OrgId,
        k: ExportK,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<CtdcExport, StoreError> {
        if let Some(p) = c.principal() {
            if !p.can(Capability::ExportDeidentified) {
                return Err(StoreError::Forbidden);
            }
            if p.org_id != org {
                return Err(StoreError::NotFound);
            }
        }
        let org_id = org.to_string();
        let rows = sqlx::query_as::<_, VictimRow>(
            "select p.id, p.birth_date, p.gender, p.citizenship, v.registered
             from persons p
             join (select cp.person_id, min(cp.created_at) as registered
                   from case_people cp join cases c on c.id = cp.case_id
                   where c.org_id = $1 and cp.role = 'victim'
                     and cp.trafficking_status in ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')
                   group by cp.person_id) v on v.person_id = p.id
             where p.erased_at is null
             order by p.id",
        )
        .bind(&org_id)
        .fetch_all(self.pool())
        .await?;
        let screenings = self.victim_screenings(&org_id).await?;
        let total = rows.len() as u64;
        progress(0, total);
        let mut victims = Vec::with_capacity(rows.len());
        for (n, batch) in rows.chunks(BATCH).enumerate() {
            victims.extend(self.open_batch(batch, &screenings).await?);
            progress(((n + 1) * BATCH).min(rows.len()) as u64, total);
        }
        let columns: Vec<QiColumn> = QUASI_IDENTIFIERS
            .iter()
            .map(|&name| QiColumn {
                name,
                blankable: name != "yearOfRegistration",
            })
            .collect();
        let chains: Vec<Vec<Vec<String>>> = victims.iter().map(Victim::chains).collect();
        let k_n = k.get() as usize;
        let outliers = (chains.len() * OUTLIER_PERCENT / 100).max(k_n - 1);
        let done = k_anonymise(&columns, &chains, k_n, outliers)
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(header())
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        // Rows sorted by what they print: in the order read (person ids are UUIDv7, so the
        // order of registration) the position of a row would tell who it is.
        let mut lines: Vec<Vec<String>> = victims
            .iter()
            .zip(&done.rows)
            .filter_map(|(victim, qi)| qi.as_ref().map(|qi| victim.row(qi)))
            .collect();
        lines.sort_unstable();
        let written = lines.len();
        for line in lines {
            out.write_record(line)
                .map_err(|e| StoreError::Internal(e.to_string()))?;
        }
        let csv = out
            .into_inner()
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        let export = CtdcExport {
            csv,
            rows: written,
            blanked: done.blanked,
            dropped: done.dropped,
            k: k.get(),
            levels: QUASI_IDENTIFIERS.iter().copied().zip(done.levels).collect(),
        };
        let levels: serde_json::Map<String, serde_json::Value> = export
            .levels
            .iter()
            .map(|(name, l)| ((*name).to_owned(), (*l).into()))
            .collect();
        self.record(
            c.actor(),
            vec![
                AuditEvent::new("export.ctdc", "organisation", Some(org_id), reason).detail(
                    serde_json::json!({
                        "k": export.k,
                        "rows": export.rows,
                        "blanked": export.blanked,
                        "dropped": export.dropped,
                        "levels": levels,
                    }),
                ),
            ],
        )
        .await?;
        Ok(export)
    }

    /// The screenings of the reports linked to each identified victim's cases.
    async fn victim_screenings(
        &self,
        org_id: &str,
    ) -> Result<HashMap<String, Exploitation>, StoreError> {
        let rows = sqlx::query_as::<_, ScreeningRow>(
            "select distinct cp.person_id, r.screening
             from case_people cp
             join cases c on c.id = cp.case_id
             join reports r on r.case_id = cp.case_id
             where c.org_id = $1 and cp.role = 'victim'
               and cp.trafficking_status in ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')
               and r.screening is not null",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        let mut out: HashMap<String, Exploitation> = HashMap::new();
        for r in rows {
            // A screening saved as codes only; one that does not read as JSON adds nothing.
            if let Ok(saved) = serde_json::from_str::<serde_json::Value>(&r.screening) {
                out.entry(r.person_id).or_default().add_screening(&saved);
            }
        }
        Ok(out)
    }

    /// Opens the birth dates of one batch of victims and keeps only their ages.
    async fn open_batch(
        &self,
        batch: &[VictimRow],
        screenings: &HashMap<String, Exploitation>,
    ) -> Result<Vec<Victim>, StoreError> {
        let wanted: Vec<(&str, u32)> = batch
            .iter()
            .filter_map(|r| {
                let v = key_version_of(r.birth_date.as_deref()?)?;
                Some((r.id.as_str(), v))
            })
            .collect();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Person, &wanted)
            .await?;
        let mut out = Vec::with_capacity(batch.len());
        for r in batch {
            let registered = registration_day(&r.registered)?;
            let age = r.birth_date.as_deref().and_then(|sealed| {
                let key = keys.get(&(r.id.clone(), key_version_of(sealed)?))?;
                let plain = open_field(
                    key,
                    FieldRef {
                        table: "persons",
                        column: "birth_date",
                        row: &r.id,
                    },
                    sealed,
                )?;
                let born = parse_date("birth_date", std::str::from_utf8(&plain).ok()?).ok()?;
                Some(age_on(born, registered))
            });
            out.push(Victim {
                year: registered.year(),
                age,
                gender: r.gender.clone(),
                citizenship: r
                    .citizenship
                    .as_deref()
                    .and_then(|c| c.split(',').map(str::trim).find(|c| !c.is_empty()))
                    .map(str::to_owned),
                exploitation: screenings.get(&r.id).cloned(),
            });
        }
        Ok(out)
    }
}

/// The day of a stored UTC instant (`YYYY-MM-DDTHH:MM:SS…Z`).
fn registration_day(instant: &str) -> Result<Date, StoreError> {
    instant
        .get(..10)
        .and_then(|d| parse_date("created_at", d).ok())
        .ok_or_else(|| StoreError::Internal("a stored time is not an instant".into()))
}

/// Whole years from `born` to `on` (negative when born later: treated as unknown by the
/// banding).
fn age_on(born: Date, on: Date) -> i32 {
    let mut age = on.year() - born.year();
    if (u8::from(on.month()), on.day()) < (u8::from(born.month()), born.day()) {
        age -= 1;
    }
    age
}
