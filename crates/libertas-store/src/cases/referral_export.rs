//! Every referral of the caller's two referral lists at once, for a list export
//! (`docs/exports.md`): those sent from the cases the caller is a member of, and those sent to
//! the caller's organisation by another. Each goes through the same `referral_from_row` as the
//! lists, so the receiving side sees the person's name, birth date and note only while the
//! referral shares them, and never the sender's case, person id, basis or notes.

use super::referrals::{ReferralRow, ReferralView, SELECT};
use super::require_case_work;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;

impl Store {
    /// The rows of `/referrals/outgoing` and `/referrals/incoming` together, unpaged, newest
    /// first. Not audited here: the export records what it hands out.
    pub(crate) async fn all_referrals(
        &self,
        p: &Principal,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<ReferralView>, StoreError> {
        require_case_work(p)?;
        let sql = format!(
            "{SELECT}
             where (r.org_id = $2 and exists (select 1 from case_members m
                                                where m.case_id = r.case_id and m.user_id = $1))
                or (r.to_org_id = $2 and r.org_id <> $2)
             order by r.created_at desc, r.id desc"
        );
        let org = p.org_id.to_string();
        let rows = sqlx::query_as::<_, ReferralRow>(&sql)
            .bind(p.user_id.to_string())
            .bind(&org)
            .fetch_all(self.pool())
            .await?;
        let total = rows.len() as u64;
        progress(0, total);
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.referral_from_row(r, r.org_id != org).await?);
            if out.len() % crate::exports::BATCH == 0 {
                progress(out.len() as u64, total);
            }
        }
        progress(total, total);
        Ok(out)
    }
}
