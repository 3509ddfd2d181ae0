//! What corpus.toml may hold, enforced before the knowledge base is built: every name
//! and alias non-empty, and every list and string within a bound.
//!
//! An empty name matches at every position of every report (the place matcher then
//! sliced text inside a character and panicked), and a list of 100,000 globs or aliases
//! cost gigabytes and seconds in the matchers and checks downstream. What breaks a rule
//! is reported at its span and left out, so the rest of the file still works.

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use super::Kb;
use crate::corpus::diagnostics::Diagnostic;

/// Globs in `documents`.
pub const MAX_DOCUMENTS: usize = 1_000;
/// Keys in `required`: there are a dozen front-matter fields.
pub const MAX_REQUIRED: usize = 100;
/// Lines in `boilerplate`.
pub const MAX_BOILERPLATE: usize = 10_000;
/// Aliases of one person, meeting or place.
pub const MAX_ALIASES: usize = 256;
/// Characters in one name, alias, glob, required key or boilerplate line.
pub const MAX_CHARS: usize = 1_000;

/// The code of a list or string over its bound.
pub const TOO_LARGE: &str = "too-large";

/// Drops from `kb` what breaks the rules above, and says what and why. `text` is the
/// corpus.toml `kb` was read from; it is read again only to place a diagnostic on a
/// list whose items carry no spans.
pub(super) fn enforce(kb: &mut Kb, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(globs) = &mut kb.corpus.documents {
        bound_list(globs, MAX_DOCUMENTS, "`documents` globs", &mut out);
        globs.retain(|g| within_chars(g, "a `documents` glob", &mut out));
    }
    if let Some(keys) = &mut kb.corpus.required {
        bound_list(keys, MAX_REQUIRED, "`required` keys", &mut out);
        keys.retain(|k| within_chars(k, "a `required` key", &mut out));
    }
    bound_boilerplate(&mut kb.corpus.boilerplate, text, &mut out);

    kb.person.retain(|p| named(&p.name, "person", p.id.get_ref(), &mut out));
    for p in &mut kb.person {
        bound_aliases(&mut p.aliases, "person", p.id.get_ref(), &mut out);
    }
    for m in &mut kb.meeting {
        bound_aliases(&mut m.aliases, "meeting", m.id.get_ref(), &mut out);
    }
    kb.place.retain(|p| named(&p.name, "place", p.id.get_ref(), &mut out));
    for p in &mut kb.place {
        bound_aliases(&mut p.aliases, "place", p.id.get_ref(), &mut out);
    }
    out
}

/// Whether an entry's name may stand: an entry without one is left out whole, since
/// every part of the server takes an entry's name to be a real one.
fn named(name: &Spanned<String>, what: &str, id: &str, out: &mut Vec<Diagnostic>) -> bool {
    if name.get_ref().trim().is_empty() {
        out.push(Diagnostic::error(
            "malformed-value",
            name.span(),
            format!(
                "{what} `{id}` has an empty name, which would match everywhere: the entry is left out until it has one"
            ),
        ));
        return false;
    }
    within_chars(name, &format!("the name of {what} `{id}`"), out)
}

fn bound_aliases(aliases: &mut Vec<Spanned<String>>, what: &str, id: &str, out: &mut Vec<Diagnostic>) {
    bound_list(aliases, MAX_ALIASES, &format!("aliases of {what} `{id}`"), out);
    aliases.retain(|alias| {
        if alias.get_ref().trim().is_empty() {
            out.push(Diagnostic::error(
                "malformed-value",
                alias.span(),
                format!("{what} `{id}` has an empty alias, which would match everywhere: it is left out"),
            ));
            return false;
        }
        within_chars(alias, &format!("an alias of {what} `{id}`"), out)
    });
}

/// Keeps the first `max` items of `list`; one diagnostic covers the rest.
fn bound_list(list: &mut Vec<Spanned<String>>, max: usize, what: &str, out: &mut Vec<Diagnostic>) {
    let (Some(first), Some(last)) = (list.get(max), list.last()) else { return };
    out.push(Diagnostic::error(
        TOO_LARGE,
        first.span().start..last.span().end,
        format!("{} {what}: only the first {max} are read, the rest are left out", list.len()),
    ));
    list.truncate(max);
}

/// Whether a string is within [`MAX_CHARS`]; says so when it is not.
fn within_chars(s: &Spanned<String>, what: &str, out: &mut Vec<Diagnostic>) -> bool {
    if s.get_ref().chars().nth(MAX_CHARS).is_none() {
        return true;
    }
    out.push(Diagnostic::error(
        TOO_LARGE,
        s.span(),
        format!("{what} is longer than {MAX_CHARS} characters: it is left out"),
    ));
    false
}

/// `boilerplate` holds plain strings, without spans: a diagnostic points at the whole
/// list, found by reading the file again (only when something is wrong with it).
fn bound_boilerplate(lines: &mut Vec<String>, text: &str, out: &mut Vec<Diagnostic>) {
    let count = lines.len();
    lines.truncate(MAX_BOILERPLATE);
    let before = lines.len();
    lines.retain(|l| l.chars().nth(MAX_CHARS).is_none());
    let too_long = before - lines.len();
    if count <= MAX_BOILERPLATE && too_long == 0 {
        return;
    }
    let mut why = Vec::new();
    if count > MAX_BOILERPLATE {
        why.push(format!("{count} lines: only the first {MAX_BOILERPLATE} are read"));
    }
    if too_long > 0 {
        why.push(format!("{too_long} longer than {MAX_CHARS} characters, which are left out"));
    }
    out.push(Diagnostic::error(TOO_LARGE, boilerplate_span(text), format!("`boilerplate` has {}", why.join("; "))));
}

fn boilerplate_span(text: &str) -> std::ops::Range<usize> {
    #[derive(Deserialize)]
    struct File {
        corpus: Option<Section>,
    }
    #[derive(Deserialize)]
    struct Section {
        boilerplate: Option<Spanned<IgnoredAny>>,
    }
    toml::from_str::<File>(text).ok().and_then(|f| f.corpus?.boilerplate).map_or(0..0, |b| b.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(key: &str, n: usize) -> String {
        let items: Vec<String> = (0..n).map(|i| format!("\"item {i}\"")).collect();
        format!("{key} = [{}]", items.join(", "))
    }

    #[test]
    fn empty_names_and_aliases_are_errors_and_left_out() {
        let text = r#"
[[person]]
id = "nobody"
name = "  "
[[person]]
id = "john-kerry"
name = "John Kerry"
aliases = ["Kerry", "", " "]
[[meeting]]
id = "beijing-2014"
aliases = [""]
[[place]]
id = "x"
name = ""
[[place]]
id = "beijing"
name = "Beijing"
"#;
        let (kb, diags) = Kb::parse(text);
        let kb = kb.expect("parsed");
        let malformed: Vec<&str> =
            diags.iter().filter(|d| d.code == "malformed-value").map(|d| &text[d.range.clone()]).collect();
        assert_eq!(malformed, ["\"  \"", "\"\"", "\" \"", "\"\"", "\"\""]);
        assert!(kb.person("nobody").is_none() && kb.place("x").is_none());
        let kerry = kb.person("john-kerry").expect("kerry");
        assert_eq!(kerry.aliases.iter().map(|a| a.get_ref().as_str()).collect::<Vec<_>>(), ["Kerry"]);
        assert!(kb.meeting("beijing-2014").expect("meeting").aliases.is_empty());
        assert!(kb.place("beijing").is_some());
        assert!(diags[0].message.contains("person `nobody` has an empty name"), "{}", diags[0].message);
    }

    #[test]
    fn long_lists_are_cut_at_their_bound_with_one_diagnostic_each() {
        let text = format!(
            "[corpus]\n{}\n{}\n{}\n[[person]]\nid = \"p\"\nname = \"P\"\n{}\n",
            list("documents", 100_000),
            list("required", 5_000),
            list("boilerplate", 20_000),
            list("aliases", 1_000),
        );
        let (kb, diags) = Kb::parse(&text);
        let kb = kb.expect("parsed");
        assert_eq!(kb.document_globs().len(), MAX_DOCUMENTS);
        assert_eq!(kb.required_fields().len(), MAX_REQUIRED);
        assert_eq!(kb.corpus.boilerplate.len(), MAX_BOILERPLATE);
        assert_eq!(kb.person("p").expect("p").aliases.len(), MAX_ALIASES);
        let too_large: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == TOO_LARGE).collect();
        assert_eq!(too_large.len(), 4, "{too_large:#?}");
        // The documents diagnostic covers the globs left out, from the 1001st on.
        assert!(text[too_large[0].range.clone()].starts_with("\"item 1000\""));
        assert!(text[too_large[2].range.clone()].starts_with("[\"item 0\""), "boilerplate: the whole list");
        assert!(too_large[3].message.contains("1000 aliases of person `p`"), "{}", too_large[3].message);
    }

    #[test]
    fn strings_over_a_thousand_characters_are_left_out() {
        let long = "x".repeat(MAX_CHARS + 1);
        let text = format!(
            "[corpus]\ndocuments = [\"{long}\", \"*.txt\"]\nboilerplate = [\"{long}\", \"Share:\"]\n[[place]]\nid = \"a\"\nname = \"{long}\"\n[[place]]\nid = \"b\"\nname = \"B\"\naliases = [\"{long}\", \"Bee\"]\n"
        );
        let (kb, diags) = Kb::parse(&text);
        let kb = kb.expect("parsed");
        assert_eq!(kb.document_globs().iter().map(|(g, _)| g.as_str()).collect::<Vec<_>>(), ["*.txt"]);
        assert_eq!(kb.corpus.boilerplate, ["Share:"]);
        assert!(kb.place("a").is_none());
        assert_eq!(kb.place("b").expect("b").aliases.len(), 1);
        assert_eq!(diags.iter().filter(|d| d.code == TOO_LARGE).count(), 4, "{diags:#?}");
    }

    #[test]
    fn a_name_of_exactly_the_bound_is_kept() {
        let name = "é".repeat(MAX_CHARS);
        let (kb, diags) = Kb::parse(&format!("[[place]]\nid = \"a\"\nname = \"{name}\"\n"));
        assert!(diags.is_empty(), "{diags:?}");
        assert!(kb.expect("parsed").place("a").is_some());
    }
}
