//! Invariants of the built-in name lists (`src/extract/data/*.ron`) that the
//! loader does not check itself: one surface form names one thing, every
//! place points at a country that exists, and the names the files' headers
//! say were left out (ambiguous, or common English words) stay out. The
//! matcher is leftmost-longest over all four lists at once and its lookup
//! table is keyed by the lower-cased form, so a form in two entries would
//! silently resolve to whichever was loaded last.

use casegraph::extract::gazetteer::{AgencyEntry, CityEntry, CountryEntry, RegionEntry};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

const COUNTRIES: &str = include_str!("../src/extract/data/countries.ron");
const CITIES: &str = include_str!("../src/extract/data/cities.ron");
const AGENCIES: &str = include_str!("../src/extract/data/agencies.ron");
const REGIONS: &str = include_str!("../src/extract/data/regions.ron");

fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Vec<T> {
    casegraph::error::ron_options().from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

struct Data {
    countries: Vec<CountryEntry>,
    cities: Vec<CityEntry>,
    agencies: Vec<AgencyEntry>,
    regions: Vec<RegionEntry>,
}

fn data() -> Data {
    Data {
        countries: parse("countries.ron", COUNTRIES),
        cities: parse("cities.ron", CITIES),
        agencies: parse("agencies.ron", AGENCIES),
        regions: parse("regions.ron", REGIONS),
    }
}

/// Every surface form of every entry, with the entry it belongs to
/// ("country:ro", "city:Iași", "agency:diicot", "region:Balkans").
fn forms(d: &Data) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in &d.countries {
        let owner = format!("country:{}", c.code);
        out.extend(std::iter::once(&c.name).chain(&c.aliases).chain(&c.demonyms).map(|f| (f.clone(), owner.clone())));
    }
    for c in &d.cities {
        let owner = format!("city:{}", c.name);
        out.extend(std::iter::once(&c.name).chain(&c.aliases).map(|f| (f.clone(), owner.clone())));
    }
    for a in &d.agencies {
        let owner = format!("agency:{}", a.id);
        out.extend(std::iter::once(&a.name).chain(&a.aliases).map(|f| (f.clone(), owner.clone())));
    }
    for r in &d.regions {
        let owner = format!("region:{}", r.name);
        out.extend(std::iter::once(&r.name).chain(&r.aliases).map(|f| (f.clone(), owner.clone())));
    }
    out
}

#[test]
fn no_form_names_two_entries_in_any_case() {
    let d = data();
    let mut by_form: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (form, owner) in forms(&d) {
        by_form.entry(form.to_lowercase()).or_default().insert(owner);
    }
    let clashes: Vec<String> =
        by_form.iter().filter(|(_, owners)| owners.len() > 1).map(|(f, owners)| format!("{f:?}: {owners:?}")).collect();
    assert!(clashes.is_empty(), "forms naming more than one entry:\n{}", clashes.join("\n"));
}

#[test]
fn two_cities_never_share_a_name() {
    // city entity ids are country + slug of the name, so two entries named alike would merge
    let d = data();
    let mut seen = BTreeSet::new();
    for c in &d.cities {
        assert!(seen.insert((c.country.clone(), casegraph::model::slug(&c.name))), "city {} ({}) is listed twice", c.name, c.country);
    }
}

#[test]
fn every_place_and_body_points_at_a_known_country() {
    let d = data();
    let codes: BTreeSet<&str> = d.countries.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.len(), d.countries.len(), "a country code is listed twice");
    for c in &d.cities {
        assert!(codes.contains(c.country.as_str()), "city {}: unknown country {}", c.name, c.country);
    }
    for a in &d.agencies {
        if let Some(c) = &a.country {
            assert!(codes.contains(c.as_str()), "agency {}: unknown country {c}", a.id);
        }
    }
}

#[test]
fn agency_ids_are_unique_slugs_and_national_ones_are_not_international() {
    let d = data();
    let mut ids = BTreeSet::new();
    for a in &d.agencies {
        assert_eq!(casegraph::model::slug(&a.id), a.id, "agency id {} is not a slug", a.id);
        assert!(ids.insert(a.id.as_str()), "agency id {} is given twice", a.id);
    }
    // the bodies the rules and graphs name by id must keep their ids
    for id in ["europol", "eurojust", "interpol", "frontex", "guardia-civil", "policia-nacional-es", "diicot", "nca", "bka"] {
        assert!(ids.contains(id), "agency id {id} disappeared");
    }
    for id in ["europol", "eurojust", "interpol", "frontex", "unodc", "iom", "olaf", "ela", "empact", "cepol", "osce", "unhcr", "ilo"] {
        let a = d.agencies.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(a.country.is_none(), "{id} is international and has no country");
    }
}

#[test]
fn no_form_is_blank_or_padded() {
    for (form, owner) in forms(&data()) {
        assert!(!form.trim().is_empty() && form.trim() == form, "{owner}: form {form:?} is blank or has spaces around it");
    }
}

#[test]
fn names_left_out_on_purpose_stay_out() {
    // common English words, first names and names that two countries share:
    // the headers of cities.ron and agencies.ron say why each is left out
    let d = data();
    let all: BTreeSet<String> = forms(&d).into_iter().map(|(f, _)| f).collect();
    for form in [
        "Nice",
        "Reading",
        "Bath",
        "Mobile",
        "Orange",
        "Hope",
        "Bar",
        "Male",
        "Most",
        "Martin",
        "Down",
        "Kerry",
        "Clare",
        "Limburg",
        "Victoria",
        "Córdoba",
        "Cartagena",
        "Cleveland",
        "Durham",
    ] {
        assert!(!all.contains(form), "{form:?} is listed although it is ambiguous or a common word");
    }
    // a place spanning borders is a region, never a country's city
    for form in ["Punjab", "Kashmir", "Thrace", "Silesia", "Lapland", "Darién Gap", "Yugoslavia", "Soviet Union", "Moldavia"] {
        assert!(d.regions.iter().any(|r| r.name == form || r.aliases.iter().any(|a| a == form)), "{form} is not a region");
        assert!(!d.cities.iter().any(|c| c.name == form || c.aliases.iter().any(|a| a == form)), "{form} is listed as a city");
    }
}

#[test]
fn the_places_and_country_names_issue_12_asks_for_are_known() {
    let d = data();
    let country_of = |form: &str| -> Option<String> {
        d.countries
            .iter()
            .find(|c| c.name == form || c.aliases.iter().any(|a| a == form) || c.demonyms.iter().any(|a| a == form))
            .map(|c| c.code.clone())
            .or_else(|| d.cities.iter().find(|c| c.name == form || c.aliases.iter().any(|a| a == form)).map(|c| c.country.clone()))
    };
    for (form, code) in [
        ("Czechia", "cz"),
        ("Czech Republic", "cz"),
        ("Türkiye", "tr"),
        ("Turkey", "tr"),
        ("Burma", "mm"),
        ("former Yugoslav Republic of Macedonia", "mk"),
        ("FYROM", "mk"),
        ("FYR Macedonia", "mk"),
        ("Zaire", "cd"),
        ("Persia", "ir"),
        ("Deutschland", "de"),
        ("Shqipëria", "al"),
        ("Moldavian", "md"),
        ("Republic of North Macedonia", "mk"),
        ("Bosnia-Herzegovina", "ba"),
        ("Ivory Coast", "ci"),
        ("Swaziland", "sz"),
        ("Cape Verde", "cv"),
        ("Holland", "nl"),
        ("Great Britain", "gb"),
        ("the U.K.", "gb"),
        ("the U.S.", "us"),
        ("Republic of Moldova", "md"),
        ("Kosovar", "xk"),
        ("Carinthia", "at"),
        ("Kärnten", "at"),
        ("West Yorkshire", "gb"),
        ("Bedfordshire", "gb"),
        ("Northamptonshire", "gb"),
        ("Lancashire", "gb"),
        ("Catalonia", "es"),
        ("Ialomița", "ro"),
        ("Edo State", "ng"),
        ("New Mexico", "us"),
        ("New South Wales", "au"),
        ("Central Macedonia", "gr"),
    ] {
        assert_eq!(country_of(form).as_deref(), Some(code), "{form}");
    }
}

#[test]
fn a_longer_place_name_wins_over_the_country_inside_it() {
    use casegraph::extract::gazetteer::Hit;
    let g = casegraph::extract::Gazetteer::builtin().expect("built-in data loads");
    let text = "Victims were held in New South Wales and New Jersey, taken across the Irish Sea and kept in County Kerry, \
                Timişoara and Kärnten; others were moved through the Gulf of Mexico.";
    let found: Vec<(&str, String)> = g
        .find_names(text)
        .iter()
        .map(|h| {
            let what = match h.hit {
                Hit::City(i) => format!("city:{}", g.cities[i].country),
                Hit::Region(i) => format!("region:{}", g.regions[i].name),
                Hit::Country(i) | Hit::Demonym(i) => format!("country:{}", g.countries[i].code),
                Hit::Agency(i) => format!("agency:{}", g.agencies[i].id),
            };
            (h.span.of(text), what)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("New South Wales", "city:au".to_string()),
            ("New Jersey", "city:us".to_string()),
            ("the Irish Sea", "region:Irish Sea".to_string()),
            ("County Kerry", "city:ie".to_string()),
            ("Timişoara", "city:ro".to_string()),
            ("Kärnten", "city:at".to_string()),
            ("the Gulf of Mexico", "region:Gulf of Mexico".to_string()),
        ]
    );
}

#[test]
fn the_bodies_issue_12_asks_for_are_known_with_their_country() {
    let d = data();
    let agency = |form: &str| d.agencies.iter().find(|a| a.name == form || a.aliases.iter().any(|x| x == form));
    for (form, country) in [
        ("Polícia Judiciária", Some("pt")),
        ("PJ", Some("pt")),
        ("Carabinieri", Some("it")),
        ("Arma dei Carabinieri", Some("it")),
        ("Polizia di Stato", Some("it")),
        ("Straż Graniczna", Some("pl")),
        ("Bundespolizei", Some("de")),
        ("Bundeskriminalamt", Some("de")),
        ("Koninklijke Marechaussee", Some("nl")),
        ("Politie", Some("nl")),
        ("DIICOT", Some("ro")),
        ("Inspectoratul General al Poliției Române", Some("ro")),
        ("Garda Síochána", Some("ie")),
        ("Hellenic Police", Some("gr")),
        ("Guatemala Ministerio Publico", Some("gt")),
        ("Ministerio Público de Honduras", Some("hn")),
        ("Salvadoran National Civil Police", Some("sv")),
        ("Fiscalía General de la Nación de Colombia", Some("co")),
        ("Mexican Office of the Attorney General of the Republic", Some("mx")),
        ("Homeland Security Investigations", Some("us")),
        ("ICE", Some("us")),
        ("Crown Prosecution Service", Some("gb")),
        ("CPS", Some("gb")),
        ("Met", Some("gb")),
        ("Scotland Yard", Some("gb")),
        ("Lancashire Constabulary", Some("gb")),
        ("GLAA", Some("gb")),
        ("Europol", None),
        ("European Labour Authority", None),
        ("GRETA", None),
        ("EUDA", None),
    ] {
        let a = agency(form).unwrap_or_else(|| panic!("{form} is not a known body"));
        assert_eq!(a.country.as_deref(), country, "{form}");
    }
    // a body named after its place is left to the pattern finder, which ties it to the place
    for form in ["West Yorkshire Police", "Kent Police", "Bedfordshire Police", "Northamptonshire Police", "Lancashire Police"] {
        assert!(agency(form).is_none(), "{form} is listed; the place in its name would no longer tie it to its country");
    }
}

#[test]
fn bodies_in_their_own_language_and_named_after_places_are_tied_to_their_country() {
    use casegraph::extract::{Extractor, Gazetteer};
    use casegraph::ingest::Document;
    let ex = Extractor::new(Gazetteer::builtin().expect("built-in data loads"));
    let text = "Lancashire Constabulary and West Yorkshire Police officers arrested three men in Leeds, England. \
                In Guatemala, the Guatemala Ministerio Publico and the Polícia Judiciária (PJ) of Portugal joined the investigation.";
    let x = ex.extract(&Document::new("t.txt", text));
    let agencies: Vec<String> =
        x.entities.iter().filter(|e| e.kind == casegraph::model::EntityKind::Agency).map(|e| e.id.to_string()).collect();
    for id in
        ["agency:gb-lancashire-police", "agency:gb-west-yorkshire-police", "agency:gt-ministerio-publico", "agency:policia-judiciaria"]
    {
        assert!(agencies.contains(&id.to_string()), "{id} missing from {agencies:?}");
    }
    let based: Vec<(String, String)> =
        x.relations.iter().filter(|r| r.relation.as_str() == "based-in").map(|r| (r.source.to_string(), r.target.to_string())).collect();
    for (body, country) in [("agency:gb-west-yorkshire-police", "country:gb"), ("agency:gt-ministerio-publico", "country:gt")] {
        assert!(based.contains(&(body.to_string(), country.to_string())), "{body} based-in {country} missing from {based:?}");
    }
}
