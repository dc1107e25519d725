//! Restore: care plans, consent records, survivor outcome assessments.
