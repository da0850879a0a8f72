//! A synthetic corpus for measuring casegraph at scale: N press releases
//! from a seed, written as plain-text files.
//!
//! The releases are made to exercise what real ones do, at any size: many
//! templates of wording, every agency and country of the built-in
//! gazetteer, named and unnamed operations, organised crime groups, bodies
//! the gazetteer does not know that one release introduces with an acronym
//! and others then name by the acronym alone, authority lists, and a heavy
//! tail (Europol, Eurojust, INTERPOL and Frontex in most releases, the
//! other agencies by a Zipf law). The text is made up here, never taken from
//! real releases.
//!
//! The same seed and options give the same bytes (the generator draws from
//! its own splitmix64 stream, never from the clock or the OS), so a
//! measurement can be repeated on another machine.
//!
//! ```sh
//! cargo run --release --example casegraph-gen -- --releases 100000 --seed 7 -o /tmp/gen100k
//! cargo run --release --example casegraph-gen -- --one-release-mb 16 --seed 7 -o /tmp/gen16mb
//! ```

use casegraph::extract::Gazetteer;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

/// splitmix64: tiny, fast and fixed, so the bytes never depend on a
/// dependency's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// An index from 0..n where small indices are far likelier (Zipf-like):
    /// the heavy tail of agencies and bodies.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n.saturating_sub(1))
    }
}

struct Country {
    name: String,
    demonym: Option<String>,
}

/// A body the gazetteer does not know, which releases introduce as
/// "Long Name (ACR)" and may then name by the acronym alone.
struct Invented {
    country: usize,
    name: String,
    acronym: String,
}

struct World {
    countries: Vec<Country>,
    /// Agency names as releases write them, hubs first.
    agencies: Vec<String>,
    invented: Vec<Invented>,
    op_words: Vec<String>,
    group_words: Vec<String>,
}

const HUBS: [&str; 4] = ["Europol", "Eurojust", "INTERPOL", "Frontex"];

const OP_A: [&str; 24] = [
    "Blue", "Silent", "Northern", "Iron", "Golden", "Red", "Black", "White", "Grey", "Swift", "Hidden", "Crimson", "Broken", "Open",
    "Bright", "Steel", "Amber", "Jade", "Frozen", "Coastal", "Desert", "Eastern", "Western", "Southern",
];
const OP_B: [&str; 24] = [
    "Falcon", "Harbour", "Bridge", "Lantern", "River", "Anchor", "Compass", "Horizon", "Shield", "Arrow", "Summit", "Meadow", "Tide",
    "Forge", "Beacon", "Orchard", "Canyon", "Harvest", "Mosaic", "Cedar", "Delta", "Ember", "Glacier", "Quarry",
];
const GROUP_W: [&str; 16] = [
    "Black Axe",
    "Vory",
    "Red Dragon",
    "Silver Hand",
    "Night Wolves",
    "Eagle",
    "Scorpion",
    "Lion",
    "Cobra",
    "Jaguar",
    "Viper",
    "Panther",
    "Raven",
    "Bear",
    "Tiger",
    "Hawk",
];
const INV_HEAD: [&str; 8] = ["Directorate", "Office", "Unit", "Bureau", "Agency", "Service", "Command", "Inspectorate"];
const INV_TOPIC: [&str; 10] = [
    "Combating Trafficking in Human Beings",
    "Migrant Smuggling Investigations",
    "Organised Crime and Trafficking",
    "Border Security and Migration",
    "Labour Exploitation Inspections",
    "Child Protection and Trafficking",
    "Financial Crime and Asset Recovery",
    "Serious Crime Investigations",
    "Anti-Trafficking Operations",
    "Irregular Migration Control",
];
const INV_LEAD: [&str; 6] = ["National", "Central", "Federal", "General", "Special", "Joint"];
const CRIMES: [&str; 8] = [
    "sexual exploitation",
    "labour exploitation",
    "forced criminality",
    "forced begging",
    "migrant smuggling",
    "document fraud",
    "money laundering",
    "forced marriage",
];
const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const NUMBERS: [&str; 12] = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen"];

impl World {
    fn new(seed: u64) -> World {
        let g = Gazetteer::builtin().expect("the built-in gazetteer");
        let countries: Vec<Country> = g
            .countries
            .iter()
            .map(|c| Country { name: c.name.clone(), demonym: c.demonyms.first().filter(|d| !d.ends_with('s')).cloned() })
            .collect();
        let mut agencies: Vec<String> = HUBS.iter().map(|s| s.to_string()).collect();
        agencies.extend(g.agencies.iter().map(|a| a.name.clone()).filter(|n| !HUBS.contains(&n.as_str())));
        // bodies no gazetteer lists, each with an acronym no gazetteer knows
        let mut rng = Rng(seed ^ 0xA5A5_5A5A_0F0F_F0F0);
        let mut invented = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        while invented.len() < 600 {
            let country = rng.below(countries.len());
            let (lead, head, topic) = (rng.pick(&INV_LEAD), rng.pick(&INV_HEAD), rng.pick(&INV_TOPIC));
            let cname = &countries[country].name;
            let name = format!("{lead} {head} for {topic} of {cname}");
            let mut acronym: String = std::iter::once(*lead)
                .chain(std::iter::once(*head))
                .chain(topic.split([' ', '-']))
                .filter(|w| w.len() > 3)
                .map(|w| w.as_bytes()[0] as char)
                .collect();
            acronym.push_str(&cname.chars().filter(|c| c.is_ascii_uppercase()).collect::<String>());
            acronym.push((b'A' + rng.below(26) as u8) as char);
            acronym.truncate(8);
            if acronym.len() < 3 || g.lookup(&acronym).is_some() || !seen.insert(acronym.clone()) {
                continue;
            }
            invented.push(Invented { country, name, acronym });
        }
        let op_words = OP_A.iter().flat_map(|a| OP_B.iter().map(move |b| format!("{a} {b}"))).collect();
        let group_words = GROUP_W.iter().map(|s| s.to_string()).collect();
        World { countries, agencies, invented, op_words, group_words }
    }

    fn agency(&self, rng: &mut Rng) -> &str {
        // a hub in most mentions, then the long tail
        if rng.chance(45) {
            HUBS[rng.zipf(HUBS.len())]
        } else {
            &self.agencies[rng.zipf(self.agencies.len())]
        }
    }

    fn country(&self, rng: &mut Rng) -> usize {
        // European countries are likelier, but every country comes up
        rng.zipf(self.countries.len()).wrapping_mul(7919) % self.countries.len()
    }

    fn adjective(&self, ci: usize) -> String {
        let c = &self.countries[ci];
        c.demonym.clone().unwrap_or_else(|| format!("{}'s", c.name))
    }

    fn operation(&self, rng: &mut Rng) -> String {
        let base = rng.pick(&self.op_words);
        match rng.below(4) {
            0 => format!("Operation {base}"),
            1 => format!("Operation {base} {}", ["II", "III", "IV", "V"][rng.below(4)]),
            2 => format!("Operation {base} {}", 2010 + rng.below(15)),
            _ => format!("Operation {}", base.split(' ').nth(1).unwrap_or(base)),
        }
    }
}

/// One release of about `target` bytes (at least one paragraph).
fn release(w: &World, rng: &mut Rng, n: usize, target: usize) -> String {
    let mut s = String::with_capacity(target + 2048);
    let c1 = w.country(rng);
    let mut c2 = w.country(rng);
    if c2 == c1 {
        c2 = (c1 + 1) % w.countries.len();
    }
    let op = w.operation(rng);
    let arrests = 2 + rng.below(60);
    let crime = *rng.pick(&CRIMES);
    let hub = w.agency(rng).to_string();
    match rng.below(4) {
        0 => {
            let _ = writeln!(s, "{arrests} arrested in {} and {} in action against {crime}", w.countries[c1].name, w.countries[c2].name);
        }
        1 => {
            let _ = writeln!(s, "{op}: {hub} supports action against {crime} networks");
        }
        2 => {
            let _ = writeln!(s, "Criminal network dismantled by {} and {} authorities", w.adjective(c1), w.adjective(c2));
        }
        _ => {
            let _ = writeln!(s, "Release {n}: {crime} case leads to {arrests} arrests");
        }
    }
    let _ = writeln!(s, "\nSource: {hub}\n");
    let mut para = 0usize;
    while s.len() < target || para == 0 {
        paragraph(w, rng, &mut s, para, c1, c2, &op, crime);
        para += 1;
    }
    if rng.chance(40) {
        s.push_str("Authorities involved:\n\n");
        for _ in 0..1 + rng.below(4) {
            let ci = w.country(rng);
            let a = w.agency(rng);
            let _ = writeln!(s, "{}: {a}\n", w.countries[ci].name);
        }
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn paragraph(w: &World, rng: &mut Rng, s: &mut String, para: usize, c1: usize, c2: usize, op: &str, crime: &str) {
    let n = rng.below(60) + 2;
    let num = *rng.pick(&NUMBERS);
    let month = *rng.pick(&MONTHS);
    let year = 2012 + rng.below(13);
    let (a1, a2) = (w.agency(rng).to_string(), w.agency(rng).to_string());
    let c3 = w.country(rng);
    let (n1, n2, n3) = (&w.countries[c1].name, &w.countries[c2].name, &w.countries[c3].name);
    let group = format!("the {} network", rng.pick(&w.group_words));
    let inv = &w.invented[rng.zipf(w.invented.len())];
    // the acronym is introduced in some releases and used alone in others
    let body = if rng.chance(30) {
        format!("the {} ({})", inv.name, inv.acronym)
    } else if rng.chance(50) {
        format!("the {}", inv.acronym)
    } else {
        format!("{} police", w.adjective(inv.country))
    };
    let sentences: [String; 14] = [
        format!(
            "{} and {} authorities, with the support of {a1}, arrested {n} suspects during a joint action day in {month} {year}.",
            w.adjective(c1),
            w.adjective(c2)
        ),
        format!("{op}, coordinated by {a1}, targeted a criminal network involved in {crime} between {n1} and {n2}."),
        format!("Investigators from {n1}, {n2} and {n3} took part in {op}, which {a2} supported with analysis and operational meetings."),
        format!("{a1} set up a joint investigation team between {n1} and {n3} in {year}, and {a2} funded it."),
        format!("During the action day, {num} victims were identified in {n3} and {n} house searches were carried out in {n1}."),
        format!("The members of {group} recruited victims in {n2} and exploited them in {n1} and {n3}."),
        format!("Officers of {body} worked together with {a2} to trace the assets of the suspects in {n2}."),
        capitalised(&format!("{body} led the investigation in {n1}, assisted by {a1} and by the authorities of {n3}.")),
        format!("A coordination centre hosted by {a1} in {month} allowed {n1} and {n2} to exchange information in real time."),
        format!("The organised crime group, active since {year}, smuggled migrants from {n3} to {n1} through {n2} for high fees."),
        format!("{a2} deployed {num} experts to {n2} to cross-check data against its databases during {op}."),
        format!("In {n1}, {n} suspects were arrested; in {n2}, another {num} were detained on European Arrest Warrants."),
        format!("The case against {group} was opened by prosecutors in {n2} after {a1} shared intelligence in {month} {year}."),
        format!("{} prosecutors, supported by {a1} and {a2}, seized vehicles, cash and phones worth EUR {n}0 000.", w.adjective(c3)),
    ];
    // 3 to 6 different sentences, in an order of their own
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    for i in 0..order.len() {
        let j = i + rng.below(order.len() - i);
        order.swap(i, j);
    }
    let k = 3 + (para + rng.below(4)) % 4;
    for (i, &pick) in order.iter().take(k).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&sentences[pick]);
    }
    s.push_str("\n\n");
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Args {
    seed: u64,
    releases: usize,
    one_release_mb: Option<usize>,
    out: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a = Args { seed: 1, releases: 1000, one_release_mb: None, out: PathBuf::new() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--releases" | "-n" => a.releases = value()?.parse().map_err(|e| format!("--releases: {e}"))?,
            "--one-release-mb" => a.one_release_mb = Some(value()?.parse().map_err(|e| format!("--one-release-mb: {e}"))?),
            "--out" | "-o" => a.out = PathBuf::from(value()?),
            "--help" | "-h" => {
                return Err("usage: casegraph-gen [--seed N] [--releases N | --one-release-mb MB] -o DIR\n\
                            writes DIR/NNN/release-NNNNNNN.txt (1,000 releases per folder), or DIR/release-MMmb.txt"
                    .into())
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    if a.out.as_os_str().is_empty() {
        return Err("-o DIR is required".into());
    }
    Ok(a)
}

/// Write `n` releases from `seed` into `dir` (1,000 per folder); the bytes written.
pub fn write_corpus(seed: u64, n: usize, dir: &std::path::Path) -> std::io::Result<usize> {
    let w = World::new(seed);
    let mut bytes = 0;
    for i in 0..n {
        // each release has its own stream, so release i is the same whatever N is
        let mut rng = Rng(seed.wrapping_mul(0x1000_0000_01B3) ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let target = 800 + rng.zipf(8000);
        let text = release(&w, &mut rng, i, target);
        write(&dir.join(format!("{:03}", i / 1000)).join(format!("release-{i:07}.txt")), &text)?;
        bytes += text.len();
    }
    Ok(bytes)
}

/// Write one release of about `mb` megabytes into `dir`; the bytes written.
pub fn write_one(seed: u64, mb: usize, dir: &std::path::Path) -> std::io::Result<usize> {
    let w = World::new(seed);
    let text = release(&w, &mut Rng(seed), 0, mb << 20);
    write(&dir.join(format!("release-{mb}mb.txt")), &text)?;
    Ok(text.len())
}

fn write(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(text.as_bytes())?;
    f.flush()
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("casegraph-gen: {e}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    let (count, written) = match a.one_release_mb {
        Some(mb) => (1, write_one(a.seed, mb, &a.out)),
        None => (a.releases, write_corpus(a.seed, a.releases, &a.out)),
    };
    match written {
        Ok(bytes) => eprintln!(
            "casegraph-gen: {count} release(s), {:.1} MB in {:.1} s -> {}",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64(),
            a.out.display()
        ),
        Err(e) => {
            eprintln!("casegraph-gen: {}: {e}", a.out.display());
            std::process::exit(1);
        }
    }
}
