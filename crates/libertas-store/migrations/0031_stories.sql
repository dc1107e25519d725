-- 0031: survivor stories, published only while consent covers storytelling (issue 13,
-- "Survivor stories, only with consent").

-- Consent records learn the purpose "storytelling": telling the survivor's story (under a
-- pseudonym) to supporters. Earlier records never asked, so they answer no.
alter table consents add column storytelling bigint not null default 0;

-- A survivor's story, written by their care staff. The pseudonym and the text are sealed under
-- the person's key (erasing the person makes them unreadable). Publishing copies them to the
-- supporter store under an opaque `token` (no case or person id crosses over); withdrawing
-- deletes that copy and seals in `notice` the list of updates that had already gone out with it
-- (subjects and dates), so the story's staff know what can no longer be called back.
create table stories (
    id text primary key,
    person_id text not null references persons (id),
    org_id text not null references organisations (id),
    pseudonym blob not null,
    body blob not null,
    status text not null
        constraint stories_status_check check (status in ('draft', 'published', 'withdrawn')),
    token text,
    notice blob,
    created_by text not null references users (id),
    created_at text not null,
    updated_by text not null references users (id),
    updated_at text not null,
    published_at text,
    withdrawn_at text
);
create index stories_person_idx on stories (person_id, created_at);
create unique index stories_token_key on stories (token);
