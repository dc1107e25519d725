//! `libertas supporters gift-aid schedule`: the Gift Aid claim schedule as CSV files in the
//! columns of HMRC's schedule spreadsheet (`docs/supporters.md`, "Gift Aid").

use super::export::write_atomically;
use super::open_store;
use crate::config::Config;
use libertas_domain::supporters::gift_aid::schedule::pounds;
use libertas_domain::supporters::gifts::parse_date;
use libertas_store::admin::Operator;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The files to write: `out` itself for one part, `stem-N.ext` for several.
fn part_paths(out: &Path, parts: usize) -> Vec<PathBuf> {
    if parts <= 1 {
        return vec![out.to_path_buf()];
    }
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = out
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..=parts)
        .map(|n| out.with_file_name(format!("{stem}-{n}{ext}")))
        .collect()
}

pub async fn schedule(
    config: Config,
    from: &str,
    to: &str,
    org: Option<String>,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let flag = |name: &str, raw: &str| {
        parse_date(name, raw)
            .map_err(|_| anyhow::anyhow!("--{name} {raw:?}: must be a date written YYYY-MM-DD"))
    };
    let (from, to) = (flag("from", from)?, flag("to", to)?);
    if to < from {
        anyhow::bail!("--to must not be before --from");
    }
    let store = open_store(&config).await?;
    let name = org.as_deref().or(config.web.public_reports_org.as_deref());
    let Some(org_id) = store.public_reports_org(name).await? else {
        match name {
            Some(n) => anyhow::bail!("no organisation named {n:?}"),
            None => anyhow::bail!("no organisation yet (libertas org add NAME)"),
        }
    };
    let s = store
        .gift_aid_schedule_console(Operator::console(), org_id, from, to)
        .await?;
    let parts = s.parts();
    let paths = part_paths(out, parts.len());
    for (path, part) in paths.iter().zip(&parts) {
        write_atomically(path, part.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let left: Vec<String> = s.left_out.iter().map(|(k, v)| format!("{k} {v}")).collect();
    eprintln!(
        "{} gifts, {} GBP, Gift Aid {} GBP, in {} file(s): {}. Left out: {}. Schedule digest {} (give it when marking the claim submitted).",
        s.gifts.len(),
        pounds(s.total_minor),
        pounds(s.gift_aid_minor),
        paths.len(),
        paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        if left.is_empty() { "none".into() } else { left.join(", ") },
        s.digest
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::part_paths;
    use std::path::{Path, PathBuf};

    #[test]
    fn one_part_is_the_file_itself_and_several_are_numbered() {
        assert_eq!(
            part_paths(Path::new("/tmp/claim.csv"), 1),
            [PathBuf::from("/tmp/claim.csv")]
        );
        assert_eq!(
            part_paths(Path::new("/tmp/claim.csv"), 3),
            ["/tmp/claim-1.csv", "/tmp/claim-2.csv", "/tmp/claim-3.csv"].map(PathBuf::from)
        );
        assert_eq!(
            part_paths(Path::new("claim"), 2),
            ["claim-1", "claim-2"].map(PathBuf::from)
        );
    }
}
