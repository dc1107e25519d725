//! Given names that are the same name though they share few letters.
//!
//! People are recorded under nicknames ("Bill" for William, "Peggy" for Margaret) and under the
//! form of their name in another language ("Ian", "Jean", "Juan", "Ioan" for John). String
//! similarity misses these: Jaro-Winkler of "william" and "bill" is 0.53, lower than between
//! many strangers' names. Linkers of historical and census records handle them with a lookup
//! of name variants (Splink's users build one from public nickname lists; census linking at
//! IPUMS and FamilySearch standardises given names the same way). This is a small table of
//! our own, written for the languages seen in the data Libertas links (English, Romance,
//! Slavic, Romanian, Albanian and German forms of common names); a pair of variants is its
//! own comparison level, so its weight is learnt from the data like any other level.
//!
//! A name may sit in several groups ("bert": Albert, Robert, Herbert). Names are compared
//! after normalisation (ASCII, lower case).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Each line is one group of forms of one given name. A name that is a variant of two unrelated
/// names appears in both groups.
const GROUPS: &[&str] = &[
    "abigail abby abbie gail",
    "abraham abe abram",
    "albert al bert bertie alberto",
    "alexander alex alec alick sandy sasha alexandre alessandro alejandro aleksandr aleksander alexandru",
    "alexandra alex alexa sandra sasha alessandra",
    "alfred alf alfie fred freddie alfredo",
    "andrew andy drew andre andrea andres andrei andrzej andreas",
    "ann anne anna annie nan nancy nanette hannah ana anya",
    "anthony tony antony antonio anton antoine antonin",
    "arthur art artie artur arturo",
    "barbara babs barb barbie",
    "benjamin ben benny benji",
    "bernard bernie barney bernardo",
    "catherine kate katie kathy cathy kitty kit katharine katherine kathryn caterina ekaterina katarzyna katrina",
    "charles charlie chuck chas carl karl carlos carlo karol",
    "charlotte lottie lotte carla",
    "christopher chris kit christoph christophe cristobal",
    "christian chris christiaan cristian",
    "daniel dan danny daniele",
    "david dave davy davie davide dawid",
    "dorothy dot dolly dora",
    "edward ed eddie ned ted teddy eduardo edouard edoardo",
    "edmund ed eddie ned edmond",
    "edwin ed eddie ned",
    "eleanor ellen ellie nell nellie elena helen helena elaine",
    "elizabeth eliza liz lizzie lisa beth betty betsy bess bessie libby elisabeth isabel isabella elisa elzbieta",
    "emily emmy emilia emilie",
    "esther essie hester",
    "frances fanny fran francesca francoise",
    "francis frank frankie fran francesco francois francisco franz frantisek",
    "frederick fred freddie fritz friedrich federico",
    "george georgie geordie jorge giorgio georg georgi gheorghe jerzy",
    "gerald gerry jerry gerard",
    "gregory greg gregor grigory grzegorz",
    "harold harry hal",
    "henry harry hal hank hendrik heinrich enrique enrico henri",
    "herbert herb bert",
    "hugh hughie hugo hugues",
    "isaac ike isaak",
    "jacob jake jakob jakub iacob yakov",
    "james jim jimmy jamie jas diego jaime jacques giacomo",
    "jane jenny jean janet jeanne joan juana",
    "jennifer jenny jen",
    "john jack johnny jon ian iain sean shaun jean juan johann johannes hans jan giovanni ivan ioan ion evan jovan janos",
    "jonathan jon jonny",
    "joseph joe joey jo jose giuseppe josef jozef iosif",
    "josephine jo josie josefina",
    "katherine kate kit",
    "lawrence larry laurie laurence lorenzo laurent",
    "leonard len lenny leo leonardo",
    "louis lou louie luis luigi ludwig ludovic",
    "louisa lou louise luisa",
    "margaret maggie meg peg peggy marge madge daisy greta margot margarita marguerite gretchen",
    "martha mattie patty marta",
    "mary molly polly mae may maria marie mariam miriam marija",
    "matthew matt matty mateo matteo mathieu matthias mateusz",
    "michael mike mick mickey mikey michel miguel michele mikhail mihai michal",
    "nicholas nick nicky nico nicola nicolas nikolai niccolo nicolae mikolaj",
    "oliver ollie olly",
    "patrick pat paddy patricio",
    "patricia pat patty tricia",
    "paul paulie paolo pablo pavel",
    "peter pete piotr pierre pietro pedro petr petru",
    "philip phil pip felipe philippe filippo filip",
    "rebecca becky becca",
    "richard dick rick ricky rich richie ricardo riccardo",
    "robert bob bobby rob robbie robin bert roberto",
    "ronald ron ronnie",
    "samuel sam sammy",
    "sarah sally sadie sara",
    "stephen steve stevie steven stefan stephan esteban stefano etienne stepan",
    "susan sue susie suzanne susanna susannah",
    "theodore ted teddy theo",
    "thomas tom tommy thom tomas tomasz tommaso toma",
    "timothy tim timmy",
    "victoria vicky vicki tori",
    "vincent vince vinny vincenzo vicente",
    "walter walt wally",
    "william bill billy will willie willy wm guillaume guillermo guglielmo wilhelm",
    "zachary zach zack zak",
];

/// Group numbers of each name.
fn index() -> &'static FxHashMap<&'static str, Vec<u16>> {
    static INDEX: OnceLock<FxHashMap<&'static str, Vec<u16>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
        for (g, line) in GROUPS.iter().enumerate() {
            for name in line.split_whitespace() {
                let groups = map.entry(name).or_default();
                let g = g as u16;
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }
        map
    })
}

/// Whether two normalised given names are forms of one name (a nickname, a short form or the
/// same name in another language). Equal names are not variants: they agree exactly.
pub fn are_variants(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let idx = index();
    match (idx.get(a), idx.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|g| y.contains(g)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_and_translations_are_variants() {
        for (a, b) in [
            ("william", "bill"),
            ("bill", "william"),
            ("margaret", "peggy"),
            ("john", "ian"),
            ("ioan", "john"),
            ("walter", "wally"),
            ("bert", "robert"),
            ("bert", "albert"),
        ] {
            assert!(are_variants(a, b), "{a} {b}");
        }
    }

    #[test]
    fn strangers_and_equal_names_are_not() {
        for (a, b) in [
            ("william", "robert"),
            ("albert", "robert"),
            ("john", "john"),
            ("john", "zzz"),
            ("", "john"),
        ] {
            assert!(!are_variants(a, b), "{a} {b}");
        }
    }

    #[test]
    fn every_group_has_forms_in_lower_case_ascii() {
        for line in GROUPS {
            let names: Vec<&str> = line.split_whitespace().collect();
            assert!(names.len() >= 2, "{line}");
            for n in names {
                assert!(n.chars().all(|c| c.is_ascii_lowercase()), "{n}");
            }
        }
    }
}
