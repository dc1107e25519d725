//! Who asks the store to read or change accounts, organisations, tokens, sessions and the
//! audit trail, and the one place where the answer "may they?" is decided.
//!
//! Staff reach the store through pages and the API as a [`Principal`]: the store checks
//! their role (`Forbidden`), then the organisation of the object (`NotFound`, exactly as if
//! it did not exist). The operator at the server's command line is an [`Operator`]: they
//! already hold the data directory and the master key, so they may act in every organisation.
//! No handler decides access on its own; it hands the caller over and maps the answer.
//!
//! Only the `libertas` binary's commands may build an `Operator`. Rust cannot stop another
//! crate from calling [`Operator::console`], so the web crate is checked by a test
//! (`the_web_layer_never_speaks_as_the_operator` in `libertas-web/tests/admin.rs`) that
//! fails if its source ever names `Operator` or the CLI's audit actor.

use crate::audit::Actor;
use crate::StoreError;
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::ids::OrgId;

/// The operator at the server's command line (`libertas user …`, `token …`, `org …`,
/// `backup`, `restore`, `person erase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator {
    _private: (),
}

impl Operator {
    /// The operator at the console. Call this only from the `libertas` binary's commands and
    /// from tests.
    pub fn console() -> Self {
        Self { _private: () }
    }
}

impl From<Operator> for Actor {
    fn from(_: Operator) -> Self {
        Actor::cli()
    }
}

/// A caller of an administrative store method.
#[derive(Clone, Copy, Debug)]
pub enum Caller<'a> {
    /// A signed-in staff member (a page or the API).
    Staff(&'a Principal),
    /// The operator at the server's command line.
    Operator(Operator),
}

impl<'a> From<&'a Principal> for Caller<'a> {
    fn from(p: &'a Principal) -> Self {
        Caller::Staff(p)
    }
}

impl From<Operator> for Caller<'_> {
    fn from(o: Operator) -> Self {
        Caller::Operator(o)
    }
}

impl Caller<'_> {
    /// The audit actor for this caller.
    pub fn actor(&self) -> Actor {
        match self {
            Caller::Staff(p) => Actor::from(*p),
            Caller::Operator(o) => Actor::from(*o),
        }
    }

    /// The caller's staff identity, if any.
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Caller::Staff(p) => Some(p),
            Caller::Operator(_) => None,
        }
    }

    /// Administration of the accounts of `org`: staff need `Administer` (`Forbidden`) and
    /// must belong to `org` (`NotFound`); the operator may act in any organisation.
    pub fn administer(&self, org: OrgId) -> Result<(), StoreError> {
        match self {
            Caller::Operator(_) => Ok(()),
            Caller::Staff(p) if !p.can(Capability::Administer) => Err(StoreError::Forbidden),
            Caller::Staff(p) if p.org_id != org => Err(StoreError::NotFound),
            Caller::Staff(_) => Ok(()),
        }
    }

    /// The role half of [`Self::administer`], for calls that name no organisation yet.
    pub fn may_administer(&self) -> Result<(), StoreError> {
        match self {
            Caller::Operator(_) => Ok(()),
            Caller::Staff(p) if p.can(Capability::Administer) => Ok(()),
            Caller::Staff(_) => Err(StoreError::Forbidden),
        }
    }

    /// Things only the operator on the server may do (create organisations, issue API
    /// tokens, back up, restore, erase): every staff role gets `Forbidden`.
    pub fn operator_only(&self) -> Result<Operator, StoreError> {
        match self {
            Caller::Operator(o) => Ok(*o),
            Caller::Staff(_) => Err(StoreError::Forbidden),
        }
    }

    /// The organisation a staff caller is confined to; `None` for the operator.
    pub fn org_scope(&self) -> Option<OrgId> {
        self.principal().map(|p| p.org_id)
    }
}
