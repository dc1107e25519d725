//! Restoring an older backup with `libertas restore` does not bring back a revoked token or a
//! disabled user's token: checked over HTTP against the real server afterwards. (Every kind
//! of withdrawal is covered through the store in
//! `crates/libertas-store/tests/it/withdrawals.rs`.) SQLite always; PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::ops::Ops;
use libertas_store::testing::backends;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_tokens_stay_revoked_after_restore() {
    for backend in backends() {
        let ops = Ops::new(backend).await;
        let kept = ops.setup();
        let revoked = ops.ok(&["token", "create", "--username", "ana"], "");
        ops.ok(
            &[
                "user",
                "add",
                "--org",
                "North",
                "--username",
                "bob",
                "--role",
                "legal",
            ],
            "a long enough password\n",
        );
        let bobs = ops.ok(&["token", "create", "--username", "bob"], "");
        let list = ops.ok(&["token", "list"], "");
        // Newest first: the second token of ana is the second-newest line.
        let revoked_id = list
            .lines()
            .filter(|l| l.contains("\tana\t"))
            .map(|l| l.split('\t').next().unwrap().to_owned())
            .next()
            .unwrap();

        let backup = ops.dir.path().join("before.lbk");
        ops.ok(&["backup", backup.to_str().unwrap()], "");
        ops.ok(&["token", "revoke", &revoked_id], "");
        ops.ok(&["user", "disable", "bob", "--reason", "left"], "");
        ops.ok(&["restore", backup.to_str().unwrap()], "");

        let server = ops.serve().await;
        let status = |t: String| {
            let server = &server;
            async move { server.get(&t, "/api/v1/cases").await.0 }
        };
        assert_eq!(
            status(kept).await,
            200,
            "{backend}: a live token still works"
        );
        assert_eq!(status(revoked).await, 401, "{backend}: revoked token");
        assert_eq!(status(bobs).await, 401, "{backend}: disabled user's token");
        server.stop();
    }
}
