//! Every meeting the corpus knows, as what references are checked against: its days,
//! the place names of its location, its participants and format. A meeting is known
//! from `[[meeting]]` entries (a [`KbCatalog`], built once per load of corpus.toml) and
//! from the front matters of its reports (kept in [`super::meetings::MeetingIndex`]).
//! Both index meetings by place name, year and participant, so that a reference looks
//! at the few meetings that can fit, not at every meeting of the corpus.

use std::collections::HashMap;

use imbl::OrdSet;

use jiff::civil::Date;

use super::kb::{Kb, civil_date};
use super::near_ids::NearIds;
use super::persistent;
use super::recognize::meeting_refs::Format;

/// What one source says of a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFacts {
    /// First and last day.
    pub days: Option<(Date, Date)>,
    /// Place names, lower-cased: every part of the location ("Filoli Estate, Woodside,
    /// California" names three) and, for a `[[place]]`, its names and aliases.
    pub places: Vec<String>,
    pub participants: Vec<String>,
    pub format: Option<Format>,
}

impl MeetingFacts {
    /// The facts a front matter or an entry gives: `date`, `end`, `location`,
    /// `participants`, `format`.
    pub fn new(
        date: Option<&str>,
        end: Option<&str>,
        location: Option<&str>,
        participants: Vec<String>,
        format: Option<&str>,
    ) -> MeetingFacts {
        let day = |s: Option<&str>| s.and_then(|s| s.get(..10)).and_then(|s| s.parse::<Date>().ok());
        let days = day(date).map(|first| (first, day(end).filter(|e| *e >= first).unwrap_or(first)));
        let format = format
            .and_then(Format::of_field)
            .or_else(|| location.filter(|l| l.to_ascii_lowercase().contains("video")).map(|_| Format::Virtual));
        MeetingFacts { days, places: location.map(place_keys).unwrap_or_default(), participants, format }
    }

    pub fn first_day(&self) -> Option<Date> {
        self.days.map(|d| d.0)
    }

    pub fn year(&self) -> Option<i16> {
        self.first_day().map(|d| d.year())
    }
}

/// The place names a location gives, lower-cased: each comma-separated part that
/// starts with a capital ("video link" names no place), without a leading "the".
pub fn place_keys(location: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in location.split([',', ';', '(', ')']) {
        // "near San Francisco", "the White House": the name from its first capital.
        let part = part.trim();
        let part = part.find(|c: char| c.is_uppercase()).map_or("", |i| &part[i..]);
        let part = part.strip_prefix("The ").unwrap_or(part);
        if part.starts_with(char::is_uppercase) {
            let key = key_of(part);
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// A place name as it is compared: lower-case, single spaces.
pub fn key_of(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Meetings by place name, year and participant, with what each says of itself. Its
/// maps are persistent: a clone is a snapshot, and costs no more than a few pointers.
#[derive(Debug, Default, Clone)]
pub struct ByFacts {
    pub facts: persistent::Map<String, MeetingFacts>,
    /// Per place name, its meetings in order of their year (undated first).
    by_place: persistent::Map<String, OrdSet<(Option<i16>, String)>>,
    by_year: persistent::Map<i16, OrdSet<String>>,
    by_person: persistent::Map<String, OrdSet<String>>,
    /// When each bucket last changed (a meeting in it came, went or changed), on a
    /// clock of this index: answers computed from a bucket hold while it is unchanged.
    versions: persistent::Map<Bucket, u64>,
    clock: u64,
    /// The version of every bucket not in `versions`.
    floor: u64,
    /// When a place name last came or went.
    places_version: u64,
}

/// A list of meetings that resolution looks in: those at a place name, of a year, or
/// with a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bucket {
    Place(String),
    Year(i16),
    Person(String),
}

/// The buckets a meeting of these facts is in.
fn buckets_of(facts: &MeetingFacts) -> Vec<Bucket> {
    let places = facts.places.iter().map(|p| Bucket::Place(p.clone()));
    let people = facts.participants.iter().map(|p| Bucket::Person(p.clone()));
    places.chain(facts.year().map(Bucket::Year)).chain(people).collect()
}

/// Two indexes are equal when they hold the same meetings, however they got there.
impl PartialEq for ByFacts {
    fn eq(&self, other: &Self) -> bool {
        (&self.facts, &self.by_place, &self.by_year, &self.by_person)
            == (&other.facts, &other.by_place, &other.by_year, &other.by_person)
    }
}

impl ByFacts {
    /// Marks the buckets of `facts` changed: those of a meeting recorded here, or of one
    /// recorded elsewhere (a `[[meeting]]` entry) whose facts here changed.
    pub fn touch(&mut self, facts: &MeetingFacts) {
        for bucket in buckets_of(facts) {
            self.clock += 1;
            self.versions.insert(bucket, self.clock);
        }
    }

    /// When `bucket` last changed (`floor`: not since the versions last started over).
    pub fn version(&self, bucket: &Bucket) -> u64 {
        self.versions.get(bucket).copied().unwrap_or(self.floor)
    }

    /// When a place name last came or went.
    pub fn places_version(&self) -> u64 {
        self.places_version
    }

    /// Whether meeting `id` is in `bucket`.
    pub fn holds(&self, bucket: &Bucket, id: &str) -> bool {
        match bucket {
            Bucket::Place(p) => {
                let year = self.facts.get(id).and_then(MeetingFacts::year);
                self.by_place.get(p).is_some_and(|set| set.contains(&(year, id.to_string())))
            }
            Bucket::Year(y) => self.by_year.get(y).is_some_and(|set| set.contains(id)),
            Bucket::Person(p) => self.by_person.get(p).is_some_and(|set| set.contains(id)),
        }
    }

    /// Records `id`'s facts, replacing what was recorded of it. The buckets it leaves
    /// and those it enters are marked changed.
    pub fn set(&mut self, id: &str, facts: Option<MeetingFacts>) {
        let old = self.facts.get(id).cloned();
        let names: Vec<String> = old.iter().chain(&facts).flat_map(|f| f.places.iter().cloned()).collect();
        let known_before: Vec<bool> = names.iter().map(|n| self.by_place.contains_key(n)).collect();
        for f in old.iter().chain(&facts) {
            self.touch(f);
        }
        self.set_lists(id, facts);
        if names.iter().zip(known_before).any(|(n, before)| self.by_place.contains_key(n) != before) {
            self.clock += 1;
            self.places_version = self.clock;
        }
        // Buckets that come and go (a `location:` typed letter by letter) would keep
        // their versions for ever: past a bound every version starts over above all
        // the old ones, which invalidates every answer cached, once.
        let listed = self.by_place.len() + self.by_year.len() + self.by_person.len();
        if self.versions.len() > 2 * listed + 1024 {
            self.versions.clear();
            self.clock += 1;
            self.floor = self.clock;
        }
    }

    fn set_lists(&mut self, id: &str, facts: Option<MeetingFacts>) {
        if let Some(old) = self.facts.remove(id) {
            if let Some(y) = old.year() {
                unlist(&mut self.by_year, &y, id);
            }
            let year = old.year();
            for p in old.places {
                if let Some(set) = self.by_place.get_mut(&p) {
                    set.remove(&(year, id.to_string()));
                    if set.is_empty() {
                        self.by_place.remove(&p);
                    }
                }
            }
            for p in old.participants {
                unlist(&mut self.by_person, &p, id);
            }
        }
        if let Some(new) = facts {
            for p in &new.places {
                self.by_place.entry(p.clone()).or_default().insert((new.year(), id.to_string()));
            }
            if let Some(y) = new.year() {
                self.by_year.entry(y).or_default().insert(id.to_string());
            }
            for p in &new.participants {
                self.by_person.entry(p.clone()).or_default().insert(id.to_string());
            }
            self.facts.insert(id.to_string(), new);
        }
    }

    /// The meetings at a place, of the years from `years.0` to `years.1` if given
    /// (undated ones then left out).
    pub fn at_place<'a>(&'a self, key: &str, years: Option<(i16, i16)>) -> impl Iterator<Item = &'a str> {
        use std::ops::Bound::{Excluded, Included, Unbounded};
        let range = match years {
            Some((a, b)) => (Included((Some(a), String::new())), Excluded((Some(b.saturating_add(1)), String::new()))),
            None => (Unbounded, Unbounded),
        };
        self.by_place.get(key).into_iter().flat_map(move |set| set.range(range.clone())).map(|(_, id)| id.as_str())
    }

    /// How many meetings are at a place, of any year.
    pub fn count_at_place(&self, key: &str) -> usize {
        self.by_place.get(key).map_or(0, OrdSet::len)
    }

    /// How many meetings are of a year.
    pub fn count_in_year(&self, year: i16) -> usize {
        self.by_year.get(&year).map_or(0, OrdSet::len)
    }

    /// How many meetings a person took part in.
    pub fn count_with_person(&self, person: &str) -> usize {
        self.by_person.get(person).map_or(0, OrdSet::len)
    }

    pub fn in_year(&self, year: i16) -> impl Iterator<Item = &str> {
        self.by_year.get(&year).into_iter().flatten().map(String::as_str)
    }

    pub fn with_person<'a>(&'a self, person: &str) -> impl Iterator<Item = &'a str> {
        self.by_person.get(person).into_iter().flatten().map(String::as_str)
    }

    pub fn knows_place(&self, key: &str) -> bool {
        self.by_place.contains_key(key)
    }
}

fn unlist<K: std::hash::Hash + Eq + Clone>(map: &mut persistent::Map<K, OrdSet<String>>, key: &K, id: &str) {
    if let Some(set) = map.get_mut(key) {
        set.remove(id);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

/// The `[[meeting]]` entries of one corpus.toml, indexed, and its `[[place]]` names:
/// which names are one place ("Sunnylands" and "Annenberg Estate") and which places
/// lie within another ("Filoli Estate" within "Woodside, California").
#[derive(Debug, Default)]
pub struct KbCatalog {
    pub meetings: ByFacts,
    /// The `[[meeting]]` ids, for "did you mean".
    pub ids: NearIds,
    /// Per place name: every name of the `[[place]]` entries it names or lies within.
    same_place: HashMap<String, Vec<String>>,
    /// The other way: per name, the names that stand for it.
    named_by: HashMap<String, Vec<String>>,
}

impl KbCatalog {
    pub fn new(kb: &Kb) -> KbCatalog {
        let mut same_place: HashMap<String, Vec<String>> = HashMap::new();
        let mut place_names: HashMap<&str, Vec<String>> = HashMap::new();
        for place in &kb.place {
            let names: Vec<String> =
                std::iter::once(&place.name).chain(&place.aliases).map(|n| key_of(n.get_ref())).collect();
            let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
            for n in &names {
                same_place.entry(n.clone()).or_default().extend(names.iter().cloned());
            }
            // "Woodside" names the places within it.
            for outer in place.within.as_deref().map(place_keys).unwrap_or_default() {
                same_place.entry(outer).or_default().extend(names.iter().cloned());
            }
            place_names.insert(place.id.get_ref().as_str(), names);
        }
        for names in same_place.values_mut() {
            names.sort();
            names.dedup();
        }
        let mut meetings = ByFacts::default();
        for m in &kb.meeting {
            let date = m.date.as_ref().and_then(|d| civil_date(d.get_ref())).map(|d| d.to_string());
            let end = m.end.as_ref().and_then(|d| civil_date(d.get_ref())).map(|d| d.to_string());
            let participants = m.participants.iter().map(|p| p.get_ref().clone()).collect();
            let mut facts = MeetingFacts::new(
                date.as_deref(),
                end.as_deref(),
                m.location.as_deref(),
                participants,
                m.format.as_deref(),
            );
            if let Some(names) = m.place.as_ref().and_then(|p| place_names.get(p.get_ref().as_str())) {
                facts.places.extend(names.iter().cloned());
            }
            facts.places.sort();
            facts.places.dedup();
            if meetings.facts.contains_key(m.id.get_ref()) {
                continue; // The first of duplicate ids wins, as duplicates are reported.
            }
            meetings.set(m.id.get_ref(), Some(facts));
        }
        let ids = NearIds::new(kb.meeting.iter().map(|m| m.id.get_ref().as_str()));
        let mut named_by: HashMap<String, Vec<String>> = HashMap::new();
        for (written, names) in &same_place {
            for n in names {
                named_by.entry(n.clone()).or_default().push(written.clone());
            }
        }
        KbCatalog { meetings, ids, same_place, named_by }
    }

    /// The place names a name written in a report stands for: itself, and the names of
    /// the `[[place]]` entries it names or contains.
    pub fn keys_for(&self, written: &str) -> Vec<String> {
        let key = key_of(written);
        let mut out = self.same_place.get(&key).cloned().unwrap_or_default();
        if !out.contains(&key) {
            out.push(key);
        }
        out
    }

    /// The names written in a report that stand for the place name `key`: itself, and
    /// those whose [`KbCatalog::keys_for`] hold it.
    pub fn names_for(&self, key: &str) -> Vec<String> {
        let mut out = self.named_by.get(key).cloned().unwrap_or_default();
        if !out.iter().any(|n| n == key) {
            out.push(key.to_string());
        }
        out
    }

    pub fn is_place(&self, key: &str) -> bool {
        self.same_place.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_names_each_of_its_capitalised_parts() {
        assert_eq!(place_keys("Filoli Estate, Woodside, California"), ["filoli estate", "woodside", "california"]);
        assert_eq!(place_keys("the White House, Washington"), ["white house", "washington"]);
        assert!(place_keys("video link").is_empty());
    }

    #[test]
    fn place_entries_join_their_names_and_what_they_lie_within() {
        let kb = Kb::parse(
            "[[place]]\nid = \"a\"\nname = \"Annenberg Estate\"\naliases = [\"Sunnylands\"]\nwithin = \"Rancho Mirage, California\"\n",
        )
        .0
        .unwrap_or_default();
        let catalog = KbCatalog::new(&kb);
        assert_eq!(catalog.keys_for("Sunnylands"), ["annenberg estate", "sunnylands"]);
        assert_eq!(catalog.keys_for("Rancho Mirage"), ["annenberg estate", "sunnylands", "rancho mirage"]);
        assert_eq!(catalog.keys_for("Lima"), ["lima"]);
    }

    #[test]
    fn facts_index_follows_replacement() {
        let mut by = ByFacts::default();
        let f = |loc: &str, date: &str| MeetingFacts::new(Some(date), None, Some(loc), vec!["xi".into()], None);
        by.set("m", Some(f("Bali, Indonesia", "2022-11-14")));
        assert_eq!(by.at_place("bali", None).collect::<Vec<_>>(), ["m"]);
        by.set("m", Some(f("Lima, Peru", "2024-11-16")));
        assert_eq!(by.at_place("bali", None).count(), 0);
        assert_eq!(by.in_year(2024).collect::<Vec<_>>(), ["m"]);
        by.set("m", None);
        assert_eq!(by, ByFacts::default());
    }

    #[test]
    fn bucket_versions_move_on_every_change_and_stay_bounded() {
        let mut by = ByFacts::default();
        let f = |loc: &str| MeetingFacts::new(Some("2022-11-14"), None, Some(loc), vec!["xi".into()], None);
        by.set("m", Some(f("Bali, Indonesia")));
        let bali = Bucket::Place("bali".into());
        let stamp = by.version(&bali);
        // A location typed letter by letter: thousands of buckets come and go.
        for i in 0..5_000 {
            by.set("n", Some(f(&format!("Place{i}"))));
        }
        assert!(by.versions.len() <= 2 * 10 + 1024, "{}", by.versions.len());
        assert_ne!(by.version(&bali), stamp, "after the versions start over, no old stamp holds");
        let stamp = by.version(&bali);
        by.set("m", Some(f("Lima, Peru")));
        assert_ne!(by.version(&bali), stamp, "the bucket a meeting leaves has changed");
    }
}
