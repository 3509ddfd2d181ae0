//! Keys corpus.toml does not know. Serde skips them in silence, so a typo such as
//! `requird` under `[corpus]` quietly turned required-field checking off: each is
//! reported at its span, with the closest known key of its table and a fix to it.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::corpus::diagnostics::Diagnostic;
use crate::corpus::similar::closest_within;

/// The code of a key no table of corpus.toml knows (the same as a report's).
pub const UNKNOWN_KEY: &str = "unknown-key";

/// The keys of each table, as `Kb` and its entries read them.
pub const TOP_LEVEL: &[&str] = &["corpus", "person", "meeting", "place"];
pub const CORPUS: &[&str] = &["name", "documents", "required", "boilerplate"];
pub const PERSON: &[&str] = &["id", "name", "aliases", "country", "wikidata", "roles"];
pub const ROLE: &[&str] = &["title", "from", "to"];
pub const MEETING: &[&str] = &["id", "title", "date", "end", "location", "place", "format", "participants", "aliases"];
pub const PLACE: &[&str] = &["id", "name", "within", "aliases"];

/// A warning for every key of `root` (a parsed corpus.toml) that its table does not
/// know, in the order they appear.
pub(super) fn unknown(root: &DeTable<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    table(root, TOP_LEVEL, "at the top level", &mut out);
    for (key, value) in root {
        let (keys, what, entries): (&[&str], &str, bool) = match key.get_ref().as_ref() {
            "corpus" => (CORPUS, "in [corpus]", false),
            "person" => (PERSON, "in a [[person]]", true),
            "meeting" => (MEETING, "in a [[meeting]]", true),
            "place" => (PLACE, "in a [[place]]", true),
            _ => continue,
        };
        match (value.get_ref(), entries) {
            (DeValue::Table(t), false) => table(t, keys, what, &mut out),
            (DeValue::Array(items), true) => {
                for item in items.iter() {
                    if let DeValue::Table(t) = item.get_ref() {
                        table(t, keys, what, &mut out);
                        if key.get_ref() == "person" {
                            roles(t, &mut out);
                        }
                    }
                }
            }
            // A table where a list belongs, or the reverse, is a schema error.
            _ => {}
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

/// The tables of a person's `roles`.
fn roles(person: &DeTable<'_>, out: &mut Vec<Diagnostic>) {
    let Some(DeValue::Array(roles)) = person.get("roles").map(Spanned::get_ref) else { return };
    for role in roles.iter() {
        if let DeValue::Table(t) = role.get_ref() {
            table(t, ROLE, "in a role", out);
        }
    }
}

fn table(t: &DeTable<'_>, known: &[&str], what: &str, out: &mut Vec<Diagnostic>) {
    for key in t.keys() {
        let name = key.get_ref().as_ref();
        if known.contains(&name) {
            continue;
        }
        let mut d = Diagnostic::warning(
            UNKNOWN_KEY,
            key.span(),
            format!("`{name}` is no key {what}, and is ignored (known: {})", known.join(", ")),
        );
        // A table has a handful of keys, so a wider net than for ids: `alias` is two
        // edits from `aliases`.
        let limit = (name.chars().count() / 2).max(1);
        if let Some(best) = closest_within(name, known.iter().copied(), limit) {
            d.message = format!("`{name}` is no key {what}, and is ignored; did you mean `{best}`?");
            d = d.with_fix(format!("Change to `{best}`"), key.span(), best);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Kb;
    use crate::corpus::diagnostics::Severity;

    fn unknown(text: &str) -> Vec<(String, String, Option<String>)> {
        let (_, diags) = Kb::parse(text);
        diags
            .iter()
            .filter(|d| d.code == "unknown-key")
            .map(|d| (text[d.range.clone()].to_string(), d.message.clone(), d.fixes.first().map(|f| f.text.clone())))
            .collect()
    }

    #[test]
    fn a_misspelt_required_is_a_warning_with_its_fix_and_the_default_stays() {
        let text = "[corpus]\nrequird = [\"title\"]\n";
        let (kb, diags) = Kb::parse(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!((d.code, d.severity), ("unknown-key", Severity::Warning));
        assert_eq!(&text[d.range.clone()], "requird");
        assert!(d.message.contains("did you mean `required`?"), "{}", d.message);
        assert_eq!(d.fixes.len(), 1);
        assert_eq!((d.fixes[0].range.clone(), d.fixes[0].text.as_str()), (d.range.clone(), "required"));
        // Still read, with the default required fields.
        assert_eq!(kb.expect("parsed").required_fields().len(), 6);
    }

    #[test]
    fn every_table_reports_its_unknown_keys() {
        let text = r#"
corpsu_name = "x"
[corpus]
nmae = "test"
[[person]]
id = "john-kerry"
name = "John Kerry"
alias = ["Kerry"]
roles = [{ title = "Secretary", form = 2013-02-01 }]
[[meeting]]
id = "m"
particpants = ["john-kerry"]
[[place]]
id = "beijing"
name = "Beijing"
witihn = "China"
[[places]]
id = "x"
"#;
        let got = unknown(text);
        let keys: Vec<&str> = got.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["corpsu_name", "nmae", "alias", "form", "particpants", "witihn", "places"]);
        let fixes: Vec<Option<&str>> = got.iter().map(|(_, _, f)| f.as_deref()).collect();
        assert_eq!(
            fixes,
            [None, Some("name"), Some("aliases"), Some("from"), Some("participants"), Some("within"), Some("place")]
        );
        assert!(got[2].1.contains("in a [[person]]"), "{}", got[2].1);
        assert!(got[0].1.contains("known: corpus, person, meeting, place"), "{}", got[0].1);
    }

    #[test]
    fn every_known_key_is_accepted() {
        let text = r#"
[corpus]
name = "n"
documents = ["*.txt"]
required = ["title"]
boilerplate = ["Share:"]
[[person]]
id = "p"
name = "P"
aliases = ["Pe"]
country = "US"
wikidata = "Q1"
roles = [{ title = "T", from = 2013-02-01, to = 2014-02-01 }]
[[meeting]]
id = "m"
title = "M"
date = 2014-01-01
end = 2014-01-02
location = "Beijing"
place = "b"
format = "in-person"
participants = ["p"]
aliases = ["the M"]
[[place]]
id = "b"
name = "Beijing"
within = "China"
aliases = ["Peking"]
"#;
        let (kb, diags) = Kb::parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let kb = kb.expect("parsed");
        let m = kb.meeting("m").expect("m");
        // Each key was read into its field, so the lists above match what Kb reads.
        assert!(m.title.is_some() && m.end.is_some() && m.location.is_some() && m.format.is_some());
        let p = kb.person("p").expect("p");
        assert!(p.country.is_some() && p.wikidata.is_some() && p.roles[0].get_ref().to.is_some());
        assert!(kb.place("b").expect("b").within.is_some());
        assert_eq!(kb.corpus.name.as_deref(), Some("n"));
    }

    #[test]
    fn a_quoted_or_dotted_unknown_key_is_found_and_nothing_panics() {
        let got = unknown("corpus.requird = []\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("required"));
        let got = unknown("[corpus]\n\"requird\" = []\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.contains("requird"), "{got:?}");
        // A key far from every known one gets no fix; odd shapes are no crash.
        assert_eq!(unknown("[corpus]\nweather = 1\n")[0].2, None);
        for text in [
            "person = 3\n",
            "corpus = []\n",
            "[[person]]\n",
            "[corpus.x.y]\nz = 1\n",
            "\"\" = 1\n",
            "[[meeting]]\nid = \"m\"\n[meeting.é]\n",
        ] {
            let _ = Kb::parse(text);
        }
    }

    #[test]
    fn unknown_keys_are_reported_even_when_the_schema_fails() {
        let text = "[[person]]\nid = 3\nnmae = \"X\"\n";
        let (kb, diags) = Kb::parse(text);
        assert!(kb.is_none());
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["toml-schema", "unknown-key"]);
        // The schema error still points at the value of the wrong type.
        assert_eq!(&text[diags[0].range.clone()], "3");
    }
}
