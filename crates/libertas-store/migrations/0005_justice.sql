-- 0005: evidence files with a chain of custody (docs/evidence.md).
--
-- The file itself lives outside the database, encrypted under the case key, at
-- <data_dir>/evidence/<id>. A row is only written once that file is complete and fsynced, so
-- a row never points at a file that does not exist.

create table evidence (
    id text primary key,            -- also the encrypted file's name
    case_id text not null references cases (id),
    file_name blob not null,        -- sealed under the case key (names often name people)
    description blob not null,      -- sealed under the case key
    media_type text not null,       -- sniffed at intake: pdf, jpeg, png, mp4, text, zip
    size_bytes bigint not null,     -- plaintext size
    -- SHA-256 of the plaintext, hex. Kept plain: it identifies a file, not a person, and
    -- has to be shown and compared (for example with a copy held by the police).
    sha256 text not null,
    key_version bigint not null,    -- version of the case key the file was encrypted with
    uploaded_by text not null references users (id),
    created_at text not null
);
create index evidence_case on evidence (case_id, created_at);

-- Who held the evidence, from whom, when and why; also every verification and its outcome.
-- Entries are only ever inserted.
create table evidence_custody (
    id text primary key,
    evidence_id text not null references evidence (id),
    event text not null,            -- intake | transfer | verified_ok | verify_failed
    outcome text,                   -- verification outcome: ok | mismatch | unreadable | missing
    received_by text references users (id),   -- the case member who took the evidence
    received_from blob,             -- sealed: a person or organisation, free text
    purpose blob,                   -- sealed: why it changed hands
    occurred_at text not null,      -- when it changed hands (given by the user, UTC)
    recorded_by text not null references users (id),
    recorded_at text not null
);
create index evidence_custody_evidence on evidence_custody (evidence_id, recorded_at);
