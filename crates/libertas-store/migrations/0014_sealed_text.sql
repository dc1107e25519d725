-- 0014: free text that can name a person or place a survivor is sealed (issue 9, finding 14).
--
-- Each column below was plain text. It is renamed to `<column>_legacy` and a sealed column
-- takes its name (blob, like every sealed value). SQL cannot encrypt, so the store seals the
-- legacy values at start-up (`Store::seal_legacy_text`, crates/libertas-store/src/legacy.rs):
-- row by row it writes the sealed value and empties the legacy column in one audited
-- transaction. New rows write '' to the legacy column. The legacy columns stay (always '')
-- until a later migration drops them, once every node runs this version (expand, then
-- contract): an older binary still running against this schema fails to write these tables
-- on PostgreSQL instead of writing plaintext.
--
-- Keys (docs/security.md, "Every column"): the case's data key for court, charge law and
-- section and the duty-to-notify region (they belong to a case); master-derived purpose keys
-- for the organisation's own text: `directory` for the partner directory, `programme` for
-- training and mentoring.

-- A charge's law and section, with the court and the date of a hearing, find the prosecution
-- in public court lists, and through it the victims.
alter table charges rename column law to law_legacy;
alter table charges add column law blob;
alter table charges rename column section to section_legacy;
alter table charges add column section blob;
alter table hearings rename column court to court_legacy;
alter table hearings add column court blob;

-- Where the exploitation happened: with the date and the age band it can point at a person.
alter table duty_notifications rename column region to region_legacy;
alter table duty_notifications add column region blob;

-- Partners are shelters and services; a referral row links a person to one of them, so the
-- directory's name, area and contact details can place a survivor.
alter table partners rename column name to name_legacy;
alter table partners add column name blob;
alter table partners rename column area to area_legacy;
alter table partners add column area blob;
alter table partners rename column how_to_refer to how_to_refer_legacy;
alter table partners add column how_to_refer blob;
alter table partners rename column contact to contact_legacy;
alter table partners add column contact blob;

-- Topics and places are typed freely ("lessons from the case of …").
alter table training_events rename column topic to topic_legacy;
alter table training_events add column topic blob;
alter table training_events rename column place to place_legacy;
alter table training_events add column place blob;
alter table mentoring_sessions rename column topic to topic_legacy;
alter table mentoring_sessions add column topic blob;
