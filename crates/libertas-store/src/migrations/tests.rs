//! An applied migration is never run again, so the statements each migration runs on each
//! backend must never change once merged: they are pinned here by digest.

use super::{
    spell_for_postgres, Migration, KEYSTORE_MIGRATIONS, MAIN_MIGRATIONS, SUPPORTER_MIGRATIONS,
};
use crate::db::Backend;
use sha2::{Digest, Sha256};

/// The statements of `sql` without comments and with every run of white space made one space:
/// what the database runs (SQLite keeps comments inside a `create` in its schema text, but
/// nothing reads them).
fn statements(sql: &str) -> String {
    sql.lines()
        .map(|line| line.split_once("--").map_or(line, |(code, _)| code))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

fn digest(m: &Migration, backend: Backend) -> String {
    hex::encode(Sha256::digest(statements(&m.sql(backend))))
}

/// `(database, version, SQLite digest, PostgreSQL digest)` of every migration's statements.
/// Add a line when adding a migration (the failure message prints it); never change one.
///
/// The lines up to main 15 and keystore 2 are those of the per-backend files that came before
/// the single source: the commit that made it ("each migration written once") compared its
/// output with those files, statement by statement, before they were removed.
const PINNED: &[(&str, i64, &str, &str)] = &[
    (
        "main",
        1,
        "94cb5401b65fade8e163b80d2f5b797a5abd93411083c6b6ea13f0799bbcce9e",
        "d3550aa9546a919d6e58809da6d6f3c6941595accf7987f3900b666997c6994b",
    ),
    (
        "main",
        2,
        "5478219f59e7d798d9c5c6cb9351516eb23c586a7a61d92bb9d4eb549c2853fc",
        "f263d1644c04d2bf27af7e772f5724f63f7aa9a3dfc47387f4eccbf372781113",
    ),
    (
        "main",
        3,
        "fe16e95615925d0a5d7dc29813e07ffac143a54006ddf78184b20f62cca34e39",
        "b8bb0a42692d6d3dbb2f726426c8bcac407e96e030c0ede6ccdcfb8e463fba68",
    ),
    (
        "main",
        4,
        "84e7155b29e128d78562de93948ed81198bbeb78914f6987063b9755209b00b9",
        "84e7155b29e128d78562de93948ed81198bbeb78914f6987063b9755209b00b9",
    ),
    (
        "main",
        5,
        "0088de3a446a7e453df24dc2bbcb540c6e2da71dc5218c6bb4fbf112c453ddc6",
        "19aba2a707962ac1a31b4e07c700878a583dc306e9a64a613153078281a14d40",
    ),
    (
        "main",
        6,
        "6c52af71126b9cf27946cd7506aaeeb55978e3b991cdf0097e8bf3959c9e5d4a",
        "a7963f16539bd4ee656d6756101b9cc1a64057f065276dcc2cd831b02a2c099b",
    ),
    (
        "main",
        7,
        "6e4a4724322b7572e4218997009376b6512f1cbceeb773b2536bf6792fd630f4",
        "60941c76019879d85a65af067894e1cc9d87e151f700a0a1bf82f5af6e0990e4",
    ),
    (
        "main",
        8,
        "bad8c6cd10ece2e057d7216fe42fbfd87af0ab10705e55ef6dbe8d5fae3f5c4e",
        "b96b77f5391928868b0d278f27a59f5abf3e0b4c4b980d86149941e2c7c542a4",
    ),
    (
        "main",
        9,
        "c1253eb7264695555dbb2ea75d427ce11b2c2b68a518886878c44a507d2cc659",
        "a6c5128231d20ae656b962c91ed15fafa88d0143f8eed5376b81772e8a18f88b",
    ),
    (
        "main",
        10,
        "3bab00235305e600dd6acd8f1f88f05eb0a5fb207b2cbfe93cfd6348ed54db46",
        "a5c1ad5cdc0b01f886ff17d0c41895335bab76b3f777cf38a9b91c617e53c8e1",
    ),
    (
        "main",
        11,
        "483e9e1dd2d014c4c0aaf9a5168be706d4391b7c4ec9b5d95fd101bdbd5c08ad",
        "483e9e1dd2d014c4c0aaf9a5168be706d4391b7c4ec9b5d95fd101bdbd5c08ad",
    ),
    (
        "main",
        12,
        "04a53553ceffcd43453d81590101699168d3082fe797aff5ab0b0f58aa82ddb3",
        "04a53553ceffcd43453d81590101699168d3082fe797aff5ab0b0f58aa82ddb3",
    ),
    (
        "main",
        13,
        "876a124bbfa71aa7590cf1f6e1b45dc9a093bc3698c051283ff4df7826b64ca1",
        "afac8e95c36a357d34109af8d00c6dd83afe5ee61c8e00c54065b6fa52110f05",
    ),
    (
        "main",
        14,
        "5ee62b8a34476cf2293950ce6f68e05f575b6db416812245a9c090cd3c68191e",
        "35fbcaf351eaca1805b1375591b085cbcc390f571c14f439e3b11af0b41aa0d1",
    ),
    (
        "main",
        15,
        "4ec82995083e5b7912e8287c594e58f989f23a1a0e35245b8e256258deb19c49",
        "4ec82995083e5b7912e8287c594e58f989f23a1a0e35245b8e256258deb19c49",
    ),
    (
        "main",
        16,
        "92af84c516ba00586b7c9506e43651f6f6b4b5058cea00cbf648ae5af2302335",
        "92af84c516ba00586b7c9506e43651f6f6b4b5058cea00cbf648ae5af2302335",
    ),
    (
        "main",
        17,
        "caafd0848cabd20ab8a9d7757ea123766d9eb2a93918160b1f7e24bbc63e8941",
        "caafd0848cabd20ab8a9d7757ea123766d9eb2a93918160b1f7e24bbc63e8941",
    ),
    (
        "main",
        18,
        "36163d4c327db3ca1ee068261bb48024f57eb53c3464c76dd7eeeeedbe95499c",
        "36163d4c327db3ca1ee068261bb48024f57eb53c3464c76dd7eeeeedbe95499c",
    ),
    (
        "main",
        19,
        "037fca0984d8f7b1dadb3518e19f6b921dfdfbbd71f97ec7c390a462040f5afe",
        "037fca0984d8f7b1dadb3518e19f6b921dfdfbbd71f97ec7c390a462040f5afe",
    ),
    (
        "main",
        21,
        "cd6fb8b8a4c90ff9971424223164bc8f93514b0f690dbd41d60c4262bb6fae06",
        "cd6fb8b8a4c90ff9971424223164bc8f93514b0f690dbd41d60c4262bb6fae06",
    ),
    (
        "main",
        22,
        "462150f3a9903326ae7a40b999eb26ed3f509cd373e401cc2a57a9475905257a",
        "462150f3a9903326ae7a40b999eb26ed3f509cd373e401cc2a57a9475905257a",
    ),
    (
        "main",
        23,
        "5adbe26077ff072a5f69289b5b46c372b1e414541ae1dff2196ce029431d727c",
        "5adbe26077ff072a5f69289b5b46c372b1e414541ae1dff2196ce029431d727c",
    ),
    (
        "main",
        24,
        "2133d6a197e5673b259b354f0781f295eb4d1b8fd0b6e9bd5ac33f58f0aeb877",
        "2133d6a197e5673b259b354f0781f295eb4d1b8fd0b6e9bd5ac33f58f0aeb877",
    ),
    (
        "main",
        25,
        "8e3009ffb99c84554ea86f256b3b431ad50de4eac49d01d0886ee9d4ddf3ee82",
        "440696b0693b54b4ac24077d23937c4601700f76fd82e2f61955c022a360ded3",
    ),
    (
        "main",
        26,
        "c73e50033ba826e847de154b33964ad2e6a5821f7a305a92dc21e73048e6d46a",
        "8e6829a32577d01fb655acbc328858ab1ecf687cc1d85229f0637126ab021169",
    ),
    (
        "main",
        28,
        "6b56c044cc319e0c89568ee83f6a7df9d07e25c3994ae1deb154fcc18db68f20",
        "5ff5c7250db2d02585d1e138f47eb3c1b3cd0848cd7d016002fd8ef3baaa0df7",
    ),
    (
        "main",
        29,
        "a83e8264c1a8edb8ab0b26385841a92a863ffa67d7bf60322bea2cea0eac23d2",
        "a83e8264c1a8edb8ab0b26385841a92a863ffa67d7bf60322bea2cea0eac23d2",
    ),
    (
        "main",
        30,
        "40e6ac5c961e98375625fc8f15569941f07839885a09a8acfe1a930a426c07e5",
        "d47f308fc0480ce604bdfe247c2d0faec56a3ca12a9a557be9e549f99630ef77",
    ),
    (
        "main",
        31,
        "3777268af96624b2597d61416178d4d90252e203839c6a0727c7ceb3da71ca08",
        "2d624bf836e339d521e8d1c308a8485873b31a84c5eb786e3eddadfa6c7e8a8f",
    ),
    (
        "keystore",
        1,
        "4f8cea11aafeac6073cf021746ddc71041aa5f3c24a73b09bbc5d0dd959f0b7f",
        "fbe311b550355acc7be9bd1b2643ac780cd617fa2e22b24c83f52fa1547f15f4",
    ),
    (
        "keystore",
        2,
        "2532b019910b4ae5d0f7bd31e371d081cb2e351a7b271cf7000fc2e0807f32d0",
        "d5c401aad004444b4127856f0825ec2dfccb0467416bb254bfd7ca9f8a6f6c92",
    ),
    (
        "supporters",
        1,
        "95c16c2dc39c5db31122208ab00e8219ab4bbd90f75f1c4551fa9591a699f42c",
        "e0e52818ea8737163698dec23c38ad0b711f13f7bc91bcd236672e2d7bf05f31",
    ),
    (
        "supporters",
        2,
        "ade50bf5b3a1a0ea9667e9b0fc0b758bfefe73e0fbc5c8411d57fc6ccc067c25",
        "03eeb0d76c0e851b2122be33f532926170ae1f77be9d163a0594790c1063a19b",
    ),
    (
        "supporters",
        3,
        "a9ad8cca0f963b0c59e7d0fc43235fbc3d04b1cb40e7be55d5cebaa55d2664b3",
        "a9ad8cca0f963b0c59e7d0fc43235fbc3d04b1cb40e7be55d5cebaa55d2664b3",
    ),
    (
        "supporters",
        4,
        "d161271d935b90a22b201275cbc757b48998cff2f8e7c79b9698677189be8e17",
        "d161271d935b90a22b201275cbc757b48998cff2f8e7c79b9698677189be8e17",
    ),
    (
        "supporters",
        5,
        "8dc4381de195e6cf823a6d4f16025b0fa1e9e1021f2beb387395263039f5686e",
        "8dc4381de195e6cf823a6d4f16025b0fa1e9e1021f2beb387395263039f5686e",
    ),
    (
        "supporters",
        6,
        "aa4e010547dded1b125cccd13572b38700588381ef9e2cd43e280e6bde82ab6d",
        "f6a783018679e4ba6b6f2b8cbacca3a0c865630aa3ca9cd26a4d12c6f7159263",
    ),
    (
        "supporters",
        7,
        "2999a34c358119f4a8f0e1397219bee7515503beec94dcf0799348d368a1881a",
        "2999a34c358119f4a8f0e1397219bee7515503beec94dcf0799348d368a1881a",
    ),
    (
        "supporters",
        10,
        "f2ba2535368114b674ca9b5b22ce8e8d5c1507663b8b15e780abe6170cf296b5",
        "f2ba2535368114b674ca9b5b22ce8e8d5c1507663b8b15e780abe6170cf296b5",
    ),
];

#[test]
fn applied_migrations_run_the_same_statements() {
    let mut actual = Vec::new();
    for (db, list) in [
        ("main", MAIN_MIGRATIONS),
        ("keystore", KEYSTORE_MIGRATIONS),
        ("supporters", SUPPORTER_MIGRATIONS),
    ] {
        for m in list {
            actual.push((
                db,
                m.version,
                digest(m, Backend::Sqlite),
                digest(m, Backend::Postgres),
            ));
        }
    }
    let expected: Vec<_> = PINNED
        .iter()
        .map(|(db, v, s, p)| (*db, *v, s.to_string(), p.to_string()))
        .collect();
    let listing: String = actual
        .iter()
        .map(|(db, v, s, p)| format!("    (\"{db}\", {v}, \"{s}\", \"{p}\"),\n"))
        .collect();
    assert!(
        actual == expected,
        "a migration's statements differ from the pinned ones. A merged migration must not \
         change (write a new one); a new migration is pinned by adding its line. Now:\n{listing}"
    );
}

#[test]
fn spells_blob_as_bytea_outside_comments_only() {
    assert_eq!(
        spell_for_postgres(
            "a blob,\n b blob not null, -- a blob\nalter table t add column c blob;\n"
        ),
        "a bytea,\n b bytea not null, -- a blob\nalter table t add column c bytea;\n"
    );
    assert_eq!(
        spell_for_postgres("blobs blob_id x_blob (blob)"),
        "blobs blob_id x_blob (bytea)"
    );
}
