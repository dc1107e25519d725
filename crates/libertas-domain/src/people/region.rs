//! The continent of a country (the regions of the UN M49 standard), so a de-identified export
//! can show a rare citizenship as its region instead of the country.

/// Codes of each region; a code in none of them (Antarctica, Bouvet Island…) has no region.
const REGIONS: [(&str, &str); 5] = [
    (
        "Africa",
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY \
         MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA \
         ZM ZW",
    ),
    (
        "Americas",
        "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY \
         HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI",
    ),
    (
        "Asia",
        "AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM \
         MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE",
    ),
    (
        "Europe",
        "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI \
         LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA",
    ),
    (
        "Oceania",
        "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    ),
];

/// The region of an ISO 3166-1 alpha-2 code, if it has one.
pub fn region_of(code: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|(_, codes)| codes.split_whitespace().any(|c| c == code))
        .map(|(region, _)| *region)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::CountryCode;

    #[test]
    fn every_region_code_is_a_country_and_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for (_, codes) in REGIONS {
            for c in codes.split_whitespace() {
                assert!(CountryCode::parse(c).is_ok(), "{c}");
                assert!(seen.insert(c), "{c} twice");
            }
        }
        assert!(seen.len() >= 240, "{}", seen.len());
        assert_eq!(region_of("RO"), Some("Europe"));
        assert_eq!(region_of("VN"), Some("Asia"));
        assert_eq!(region_of("AQ"), None);
    }
}
