//! Organisations (tenants).

use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::OrgName;
use libertas_domain::ids::OrgId;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub created_at: String,
}

impl Store {
    /// Creates an organisation.
    pub async fn create_org(
        &self,
        actor: Actor,
        name: &OrgName,
        reason: &str,
    ) -> Result<OrgId, StoreError> {
        let id = OrgId::from_uuid(Uuid::now_v7());
        let mut tx = self.write(actor).await?;
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

    /// Finds an organisation by exact name.
    pub async fn org_by_name(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let row = sqlx::query("select id, name, created_at from organisations where name = $1")
            .bind(name)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| org_from_row(&r)).transpose()
    }

    /// Every organisation, oldest first.
    pub async fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows =
            sqlx::query("select id, name, created_at from organisations order by created_at, id")
                .fetch_all(self.pool())
                .await?;
        rows.iter().map(org_from_row).collect()
    }
}

fn org_from_row(r: &sqlx::any::AnyRow) -> Result<Organisation, StoreError> {
    let id: String = r.try_get(0)?;
    Ok(Organisation {
        id: id
            .parse()
            .map_err(|_| StoreError::Internal("bad organisation id".into()))?,
        name: r.try_get(1)?,
        created_at: r.try_get(2)?,
    })
}
