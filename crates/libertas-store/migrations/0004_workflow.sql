-- 0004: case workflow (states, closure reasons, reopen) and member roles.
--
-- The status itself already lives in cases.status (HTCDS cas_Status). Closing records why,
-- as a code standing in for HTCDS cas_ReasonForCaseClosure (domain::cases::workflow::
-- ClosureReason), and when; reopening clears both. The history of moves is in the audit log
-- (case.status events carry from, to and the reason code), so no history table.
alter table cases add column closure_reason text;
alter table cases add column closed_at text;

-- The part a member plays in this case (caseworker | investigator | legal | aftercare |
-- support). Null means caseworker. The owner is the lead whatever this says, so ownership
-- and leadership cannot disagree.
alter table case_members add column role_in_case text;
