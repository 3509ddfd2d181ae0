//! A deterministic corpus generator for the benchmarks: `n` reports assembled from the
//! seed reports' paragraphs with varied people, places, dates and references to other
//! meetings, each with a complete front matter, and a corpus.toml with the people and
//! about one meeting per four reports.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (SplitMix64): the same seed, the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

const PLACES: [(&str, &str, &str); 8] = [
    ("beijing", "Beijing", "China"),
    ("lima", "Lima", "Peru"),
    ("bali", "Bali", "Indonesia"),
    ("san-francisco", "San Francisco", "California"),
    ("geneva", "Geneva", "Switzerland"),
    ("osaka", "Osaka", "Japan"),
    ("hanoi", "Hanoi", "Vietnam"),
    ("brasilia", "Brasilia", "Brazil"),
];
const FIRST: [&str; 12] =
    ["Anna", "Li", "Omar", "Maria", "Kenji", "Sofia", "Ivan", "Amara", "Lucas", "Mei", "Pierre", "Zara"];
const LAST: [&str; 12] =
    ["Okafor", "Chen", "Haddad", "Silva", "Tanaka", "Rossi", "Petrov", "Diallo", "Costa", "Wang", "Laurent", "Khan"];
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Person {
    id: String,
    name: String,
}

/// Writes the corpus into `dir` (which must exist): corpus.toml and `n` reports.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paragraphs: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&seeds)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path)?;
            let body = text.splitn(3, "---\n").nth(2).unwrap_or_default().to_string();
            paragraphs.extend(body.split("\n\n").filter(|p| p.split_whitespace().count() > 30).map(str::to_string));
        }
    }
    paragraphs.sort();
    let people: Vec<Person> = (0..FIRST.len() * LAST.len())
        .map(|i| {
            let (f, l) = (FIRST[i % FIRST.len()], LAST[i / FIRST.len()]);
            Person { id: format!("{}-{}", f.to_lowercase(), l.to_lowercase()), name: format!("{f} {l}") }
        })
        .collect();
    let meetings = n.div_ceil(4).max(1);
    let mut toml =
        String::from("[corpus]\nname = \"generated\"\ndocuments = [\"*.txt\"]\nboilerplate = [\"Share:\"]\n\n");
    for p in &people {
        let start = 2000 + rng.below(15);
        let _ = writeln!(
            toml,
            "[[person]]\nid = \"{}\"\nname = \"{}\"\naliases = [\"{}\"]\nroles = [{{ title = \"Foreign Minister\", from = {start}-01-01, to = {}-12-31 }}]\n",
            p.id,
            p.name,
            p.name.split(' ').nth(1).unwrap_or_default(),
            start + 8
        );
    }
    for (id, name, within) in PLACES {
        let _ = writeln!(toml, "[[place]]\nid = \"{id}\"\nname = \"{name}\"\nwithin = \"{within}\"\n");
    }
    // Meetings: a place, a year, two principals; the even ones as [[meeting]] entries.
    let mut plan = Vec::new();
    for m in 0..meetings {
        let place = PLACES[m % PLACES.len()];
        let year = 2005 + (m / PLACES.len()) % 20;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let (a, b) = (rng.below(people.len()), rng.below(people.len()));
        let id = format!("{}-{year}-{m}", place.0);
        if m % 2 == 0 {
            let _ = writeln!(
                toml,
                "[[meeting]]\nid = \"{id}\"\ndate = {year}-{month:02}-{day:02}\nlocation = \"{}, {}\"\nparticipants = [\"{}\", \"{}\"]\n",
                place.1, place.2, people[a].id, people[b].id
            );
        }
        plan.push((id, place, year, month, day, a, b));
    }
    std::fs::write(dir.join("corpus.toml"), toml)?;
    for i in 0..n {
        // Each report from a generator of its own, so that report `i` is the same text
        // in a corpus of any size (the benchmarks compare a keystroke in one report
        // across corpus sizes).
        let mut rng = Rng::new(seed ^ 0xA076_1D64_78BD_642F_u64.wrapping_mul(i as u64 + 1));
        let (id, place, year, month, day, a, b) = &plan[i / 4];
        let (pa, pb) = (&people[*a], &people[*b]);
        let mut text = format!(
            "---\ntitle: Foreign Minister {} Holds Talks with {} in {}\nmeeting: {id}\ndate: {year}-{month:02}-{day:02}\nlocation: {}, {}\nparticipants: [{}, {}]\nsource: Generated News Agency\npublished: {year}-{month:02}-{:02}\n---\n",
            pa.name,
            pb.name,
            place.1,
            place.1,
            place.2,
            pa.id,
            pb.id,
            (day + 1).min(28)
        );
        let _ = writeln!(
            text,
            "Share:\n\nOn {} {day}, {year}, Foreign Minister {} held talks with {} in {}. The two sides reviewed the meetings of the past years.\n",
            MONTHS[month - 1],
            pa.name,
            pb.name,
            place.1
        );
        for _ in 0..1 + rng.below(3) {
            let (year, place) = (2005 + rng.below(20), PLACES[rng.below(PLACES.len())].1);
            let _ = writeln!(text, "They recalled the {year} {place} meeting and what was agreed there last year.\n");
        }
        for _ in 0..5 {
            let p = &paragraphs[rng.below(paragraphs.len())];
            let _ = writeln!(text, "{p}\n");
        }
        std::fs::write(dir.join(format!("{i:06}.txt")), text)?;
    }
    Ok(())
}
