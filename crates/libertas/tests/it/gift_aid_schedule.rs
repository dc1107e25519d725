//! `libertas supporters gift-aid schedule`: the claim schedule written as HMRC's columns
//! (the file's exact contents, mode 0600, never replacing a file), and bad dates refused
//! naming the flag. SQLite and (when configured) PostgreSQL.

use crate::cli::{stderr, Cli};
use libertas_domain::people::Email;
use libertas_domain::supporters::gift_aid::{Donor, Method, Scope};
use libertas_store::admin::Operator;
use libertas_store::supporters::gift_aid::NewDeclaration;
use libertas_store::testing::backends;
use libertas_store::{Store, StoreConfig};
use time::macros::date;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_schedule_is_written_in_hmrc_columns_and_bad_dates_name_the_flag() {
    for backend in backends() {
        let cli = Cli::new(backend).await;
        std::fs::create_dir_all(cli.data()).unwrap();
        cli.ok(&["init"], "");
        cli.ok(&["org", "add", "North Shelter"], "");
        cli.ok(
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "finn",
                "--role",
                "fundraising_manager",
            ],
            "a long enough password\n",
        );
        let gifts = cli.dir.path().join("gifts.csv");
        std::fs::write(
            &gifts,
            "email,provider,provider_id,amount,currency,method,received\n\
             ada@example.org,bank,T1,25.00,GBP,cheque,2026-11-01\n\
             ada@example.org,bank,T2,10.00,EUR,cheque,2026-11-02\n\
             bo@example.org,bank,T3,40.00,GBP,cheque,2026-11-03\n",
        )
        .unwrap();
        cli.ok(
            &["supporters", "gifts", "import", gifts.to_str().unwrap()],
            "",
        );
        // Ada declares (recorded by the fundraising manager, through the store); Bo does not.
        {
            let store = Store::open({
                let mut c = StoreConfig::new(cli.data());
                c.database_url = cli.url.clone();
                c
            })
            .await
            .unwrap();
            let user = store
                .user_by_username(Operator::console(), "finn")
                .await
                .unwrap()
                .unwrap();
            let finn = store
                .principal(Operator::console(), user.id)
                .await
                .unwrap()
                .unwrap();
            let ada = store
                .donor_by_address(&finn, &Email::parse("ada@example.org").unwrap())
                .await
                .unwrap();
            let declaration = NewDeclaration {
                donor: Donor::parse("Ms", "Ada", "Lovelace-Byron", "7", "w1 1aa", false).unwrap(),
                scope: Scope::AllGifts,
                gift_id: None,
                made_on: date!(2026 - 10 - 01),
                method: Method::Written,
                confirmed_on: None,
                taxpayer_confirmed: true,
            };
            store
                .record_gift_aid_declaration(&finn, ada, &declaration)
                .await
                .unwrap();
            store.close().await;
        }
        let out = cli.dir.path().join("claim.csv");
        let args = |from: &'static str, to: &'static str| {
            vec![
                "supporters",
                "gift-aid",
                "schedule",
                "--from",
                from,
                "--to",
                to,
                "--out",
                out.to_str().unwrap(),
            ]
        };
        let run = cli.run(&args("2026-11-01", "2026-11-30"), "");
        let err = stderr(&run);
        assert!(run.status.success(), "{backend}: {err}");
        assert!(
            err.contains("1 gifts, 25.00 GBP, Gift Aid 6.25 GBP"),
            "{backend}: {err}"
        );
        assert!(
            err.contains("no_declaration 1") && err.contains("not_sterling 1"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "Title,First name or initial,Last name,House name or number,Postcode,\
             Aggregated donations,Sponsored event,Donation date,Amount\r\n\
             Ms,Ada,Lovelace Byron,7,W1 1AA,,,01/11/26,25.00\r\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{backend}");
        }
        // The file is never replaced.
        let again = cli.run(&args("2026-11-01", "2026-11-30"), "");
        assert!(!again.status.success(), "{backend}");
        // Bad dates name their flag.
        let bad = cli.run(&args("2026-11-31", "2026-12-01"), "");
        assert!(
            !bad.status.success() && stderr(&bad).contains("--from"),
            "{}",
            stderr(&bad)
        );
        let bad = cli.run(&args("2026-11-01", "01/12/2026"), "");
        assert!(
            !bad.status.success() && stderr(&bad).contains("--to"),
            "{}",
            stderr(&bad)
        );
        let bad = cli.run(&args("2026-11-02", "2026-11-01"), "");
        assert!(
            !bad.status.success() && stderr(&bad).contains("--to"),
            "{}",
            stderr(&bad)
        );
    }
}
