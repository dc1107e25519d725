//! Organisations (tenants).

use super::Caller;
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::OrgName;
use libertas_domain::ids::OrgId;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub created_at: String,
}

impl Store {
    /// Creates an organisation: the operator only (`libertas org add`); administrators work
    /// inside their own organisation and get `Forbidden`, like every other role.
    pub async fn create_org<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        name: &OrgName,
        reason: &str,
    ) -> Result<OrgId, StoreError> {
        let op = caller.into().operator_only()?;
        let id = OrgId::from_uuid(Uuid::now_v7());
        let mut tx = self.write(op.into()).await?;
        sqlx::query("insert into organisations (id, name, created_at) values ($1, $2, $3)")
            .bind(id.to_string())
            .bind(name.as_str())
            .bind(clock::now_text())
            .execute(tx.conn()?)
            .await
            .map_err(|e| {
                StoreError::on_constraint(
                    e,
                    "organisations_name_key",
                    "an organisation with this name exists",
                )
            })?;
        tx.audit(AuditEvent::new(
            "org.create",
            "organisation",
            Some(id.to_string()),
            reason,
        ))
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Finds an organisation by exact name: the operator. (Staff know their own; the names
    /// of the others are on the administrators' overview.)
    pub async fn org_by_name<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        name: &str,
    ) -> Result<Option<Organisation>, StoreError> {
        caller.into().operator_only()?;
        self.org_row_by_name(name).await
    }

    /// Every organisation, oldest first: administrators (to link partners and referrals to
    /// another organisation) and the operator. Names and ids only, no user counts.
    pub async fn orgs<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
    ) -> Result<Vec<Organisation>, StoreError> {
        caller.into().may_administer()?;
        self.org_rows().await
    }

    /// The organisation that receives public reports: the one named in the configuration, or
    /// the first created. Callerless on purpose (a public report has no caller); it reveals an
    /// id that never leaves the server.
    pub async fn public_reports_org(
        &self,
        name: Option<&str>,
    ) -> Result<Option<OrgId>, StoreError> {
        Ok(match name {
            Some(n) => self.org_row_by_name(n).await?,
            None => self.org_rows().await?.into_iter().next(),
        }
        .map(|o| o.id))
    }

    pub(crate) async fn org_row_by_name(
        &self,
        name: &str,
    ) -> Result<Option<Organisation>, StoreError> {
        let row = sqlx::query_as::<_, OrgRow>(
            "select id, name, created_at from organisations where name = $1",
        )
        .bind(name)
        .fetch_optional(self.pool())
        .await?;
        row.map(org_from_row).transpose()
    }

    pub(crate) async fn org_rows(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows = sqlx::query_as::<_, OrgRow>(
            "select id, name, created_at from organisations order by created_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(org_from_row).collect()
    }
}

/// An organisation as stored.
#[derive(FromRow)]
struct OrgRow {
    id: String,
    name: String,
    created_at: String,
}

fn org_from_row(r: OrgRow) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: r
            .id
            .parse()
            .map_err(|_| StoreError::Internal("bad organisation id".into()))?,
        name: r.name,
        created_at: r.created_at,
    })
}
