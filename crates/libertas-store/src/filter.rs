//! The `where` clause of a list, written with only the filters in use.
//!
//! A list with optional filters can be one fixed statement (`$3 is null or c.status = $3`),
//! but then the database plans it once for every combination and cannot use the index of a
//! filter that is switched on. [`Where`] writes only the clauses in use, numbering their
//! placeholders in order, and binds their values (always text) to the statement it is used in.
//! Clauses are fixed SQL from the code; only values are bound.

use sqlx::any::AnyArguments;
use sqlx::Any;

/// Clauses joined by `and`, with their values in placeholder order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    values: Vec<String>,
}

impl Where {
    /// A clause whose `?` is the next placeholder, bound to `value`.
    pub(crate) fn bind(&mut self, clause: &str, value: impl Into<String>) -> &mut Self {
        self.values.push(value.into());
        let clause = clause.replacen('?', &format!("${}", self.values.len()), 1);
        self.clauses.push(clause);
        self
    }

    /// A clause with no value.
    pub(crate) fn add(&mut self, clause: &str) -> &mut Self {
        self.clauses.push(clause.to_owned());
        self
    }

    /// The clauses joined by `and` (`1 = 1` when there are none).
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.clauses.join(" and ")
        }
    }

    /// `sql` (which uses [`Where::sql`]) with the values bound.
    pub(crate) fn query<'q>(
        &'q self,
        sql: &'q str,
    ) -> sqlx::query::Query<'q, Any, AnyArguments<'q>> {
        self.values
            .iter()
            .fold(sqlx::query(sql), |q, v| q.bind(v.as_str()))
    }

    /// `sql` (which uses [`Where::sql`]) with the values bound, read as one value.
    pub(crate) fn scalar<'q, T>(
        &'q self,
        sql: &'q str,
    ) -> sqlx::query::QueryScalar<'q, Any, T, AnyArguments<'q>>
    where
        (T,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        self.values
            .iter()
            .fold(sqlx::query_scalar(sql), |q, v| q.bind(v.as_str()))
    }

    /// `sql` (which uses [`Where::sql`]) with the values bound, read as rows of `T`.
    pub(crate) fn query_as<'q, T>(
        &'q self,
        sql: &'q str,
    ) -> sqlx::query::QueryAs<'q, Any, T, AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        self.values
            .iter()
            .fold(sqlx::query_as(sql), |q, v| q.bind(v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::Where;

    #[test]
    fn numbers_placeholders_in_order_and_leaves_valueless_clauses_alone() {
        let mut w = Where::default();
        w.bind("c.org_id = ?", "o")
            .add("r.urgent = 1")
            .bind("c.number like ?", "C-%");
        assert_eq!(
            w.sql(),
            "c.org_id = $1 and r.urgent = 1 and c.number like $2"
        );
        assert_eq!(Where::default().sql(), "1 = 1");
    }
}
