-- Supporter migration 6: survivors' stories published for updates (issue 13).
--
-- A published story is a copy made by the case side when a survivor's consent covers
-- storytelling: the pseudonym and text, sealed under the story's own data key (key store owner
-- kind `supporter-story`, wrapped under the supporters' purpose key). It names no case and no
-- person, only an opaque token the case side remembers. Withdrawing consent (or the story)
-- deletes the row and its key in the same write that blocks the updates using it.
create table published_stories (
    token text primary key,
    -- No foreign key: the organisations table is on the case side.
    org_id text not null,
    content blob not null,
    published_at text not null
);

-- The story an update includes (its text is appended when each message is composed), and why
-- an update may no longer be sent: 'story_withdrawn' once its story was withdrawn. The token
-- stays after a withdrawal, so the update's page can say it went out with a withdrawn story.
alter table updates add column story_token text;
alter table updates add column blocked text;
alter table updates add column blocked_at text;
