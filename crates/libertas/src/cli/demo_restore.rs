//! Demo data of the Restore pillar (see `demo.rs` for the organisations, staff and cases).

use super::demo::DemoContext;
use libertas_store::Store;

pub async fn seed(_store: &Store, _ctx: &DemoContext) -> anyhow::Result<()> {
    Ok(())
}
