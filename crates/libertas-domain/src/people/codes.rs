//! HTCDS v2 code lists used on people.

use crate::codes::code_list;

code_list!(
    /// The part a person plays in a case (Libertas's own list, from the stable surface).
    PersonRole, "role", {
        Victim => "victim",
        Suspect => "suspect",
        Witness => "witness",
        Reporter => "reporter",
    }
);

code_list!(
    /// HTCDS v2 `vic_TraffickingStatus`.
    TraffickingStatus, "trafficking_status", {
        Possible => "PossibleVictimOfTrafficking",
        Actual => "ActualVictimOfTrafficking",
        NotAVictim => "NotAVictimOfTrafficking",
    }
);

code_list!(
    /// HTCDS v2 `prs_Gender`.
    Gender, "gender", {
        Feminine => "Feminine",
        Masculine => "Masculine",
        TransgenderFeminine => "TransgenderFeminine",
        TransgenderMasculine => "TransgenderMasculine",
        NonConforming => "NonConforming",
        NonSpecifiedUnknown => "NonSpecifiedUnknown",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_name_the_field() {
        for g in Gender::ALL {
            assert_eq!(Gender::parse(g.as_str()).unwrap(), *g);
        }
        assert_eq!(PersonRole::parse("victim").unwrap(), PersonRole::Victim);
        let e = PersonRole::parse("boss").unwrap_err();
        assert_eq!(e.field, "role");
        assert!(e.message.contains("victim"));
        assert_eq!(
            serde_json::to_string(&TraffickingStatus::Possible).unwrap(),
            "\"PossibleVictimOfTrafficking\""
        );
    }
}
