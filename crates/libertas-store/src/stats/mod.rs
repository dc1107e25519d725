//! Justice indicators: counts and durations for the statistics page (Strengthen, Learn).
