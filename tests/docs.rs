//! The reference in `docs/` against the code: every diagnostic code, front-matter field
//! and corpus.toml key is documented, every relative link in the repository's Markdown
//! resolves inside it (anchors included), and nothing points outside the repository.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::repo;
use summit_ls::corpus::diagnostics::CODES;
use summit_ls::corpus::fields::FIELDS;
use summit_ls::corpus::kb::keys;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Files of the repository, without build output, installed tools and Git's own.
fn repo_files(ext: &str) -> Vec<PathBuf> {
    let skip = ["target", "node_modules", ".git", ".tools", "out"];
    walkdir::WalkDir::new(repo())
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.file_name() == *s))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect()
}

/// The headings of a Markdown text as GitHub makes their anchors.
fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = BTreeSet::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        let Some(heading) = line.strip_prefix('#').map(|h| h.trim_start_matches('#')) else { continue };
        let slug: String = heading
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        out.insert(if *n == 0 { slug.clone() } else { format!("{slug}-{n}") });
        *n += 1;
    }
    out
}

/// The text with fenced code blocks and inline code blanked, where `[x](y)` is no link.
fn without_code(markdown: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if !fenced {
            let mut in_code = false;
            for c in line.chars() {
                if c == '`' {
                    in_code = !in_code;
                }
                out.push(if in_code || c == '`' { ' ' } else { c });
            }
        }
        out.push('\n');
    }
    out
}

/// The targets of the Markdown links and images of a text.
fn links(markdown: &str) -> Vec<String> {
    let text = without_code(markdown);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].trim().to_string());
        }
    }
    out
}

#[test]
fn every_diagnostic_code_has_a_section_with_an_example_and_a_fix() {
    let docs = read(&repo().join("docs/diagnostics.md"));
    let sections: Vec<&str> = docs.split("\n## ").skip(1).collect();
    for (code, _) in CODES {
        let section = sections
            .iter()
            .find(|s| s.starts_with(&format!("`{code}`\n")))
            .unwrap_or_else(|| panic!("docs/diagnostics.md has no section `## `{code}``"));
        assert!(section.contains(&format!("[{code}]")), "{code}: its section shows no example output");
        assert!(section.contains("**Fix:**"), "{code}: its section says no fix");
    }
    // And no section for a code the program does not have.
    for section in &sections {
        let name = section.lines().next().unwrap_or_default().trim_matches('`');
        assert!(CODES.iter().any(|(c, _)| *c == name), "docs/diagnostics.md documents `{name}`, which is no code");
    }
}

#[test]
fn every_code_the_program_raises_is_in_the_list_of_codes() {
    let mut raised = BTreeSet::new();
    for file in repo_files("rs").into_iter().filter(|f| f.starts_with(repo().join("src"))) {
        let text = read(&file);
        for call in ["Diagnostic::error(", "Diagnostic::warning(", "Diagnostic::hint(", "Diagnostic::new("] {
            for (at, _) in text.match_indices(call) {
                let after = text[at + call.len()..].trim_start();
                if let Some(literal) = after.strip_prefix('"') {
                    raised.insert(literal.split('"').next().unwrap_or_default().to_string());
                }
            }
        }
    }
    raised.insert(keys::UNKNOWN_KEY.to_string());
    assert!(raised.len() > 20, "the scan found too few codes: {raised:?}");
    for code in &raised {
        assert!(CODES.iter().any(|(c, _)| c == code), "`{code}` is raised but not in diagnostics::CODES");
    }
}

#[test]
fn every_front_matter_field_is_documented() {
    let docs = read(&repo().join("docs/reports.md"));
    for field in FIELDS {
        assert!(docs.contains(&format!("| `{}` |", field.key)), "docs/reports.md has no row for `{}`", field.key);
    }
}

#[test]
fn every_corpus_toml_key_is_documented_in_its_table() {
    let docs = read(&repo().join("docs/corpus-toml.md"));
    let section = |heading: &str| {
        let start = docs.find(heading).unwrap_or_else(|| panic!("no {heading} in docs/corpus-toml.md"));
        let rest = &docs[start + heading.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let tables = [
        ("## `[corpus]`", keys::CORPUS),
        ("## `[[person]]`", keys::PERSON),
        ("## `[[person]]`", keys::ROLE),
        ("## `[[meeting]]`", keys::MEETING),
        ("## `[[place]]`", keys::PLACE),
    ];
    for (heading, known) in tables {
        let text = section(heading);
        for key in known {
            assert!(text.contains(&format!("| `{key}` |")), "docs/corpus-toml.md: {heading} has no row for `{key}`");
        }
    }
    let top = section("## Top level");
    for table in ["`[corpus]`", "`[[person]]`", "`[[meeting]]`", "`[[place]]`"] {
        assert!(top.contains(table), "the top level omits {table}");
    }
}

#[test]
fn every_relative_link_resolves_inside_the_repository() {
    let root = repo().canonicalize().expect("repo");
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in repo_files("md") {
        let text = read(&file);
        for link in links(&text) {
            // A scheme (`https:`, `mailto:`, or an inline link's `person:`) is no path.
            let scheme = link.split_once(':').is_some_and(|(s, _)| !s.contains('/') && !s.contains('#'));
            if scheme || link.is_empty() {
                continue;
            }
            checked += 1;
            let (path, anchor) = link.split_once('#').map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() { file.clone() } else { file.parent().expect("folder").join(path) };
            let Ok(resolved) = target.canonicalize() else {
                broken.push(format!("{}: {link}: no such file", file.display()));
                continue;
            };
            if !resolved.starts_with(&root) {
                broken.push(format!("{}: {link}: outside the repository", file.display()));
                continue;
            }
            if let Some(anchor) = anchor
                && resolved.extension().is_some_and(|x| x == "md")
                && !anchors(&read(&resolved)).contains(anchor)
            {
                broken.push(format!("{}: {link}: no such heading", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn the_readme_links_the_reference_and_each_page_is_reachable() {
    let readme = read(&repo().join("README.md"));
    assert!(links(&readme).iter().any(|l| l == "docs/README.md"), "README.md does not link docs/README.md");
    let index = read(&repo().join("docs/README.md"));
    for page in ["reports.md", "corpus-toml.md", "diagnostics.md", "editors.md", "cli.md"] {
        assert!(links(&index).iter().any(|l| l == page), "docs/README.md does not link {page}");
    }
}

#[test]
fn nothing_in_the_repository_names_a_folder_outside_it() {
    // Spelt in two parts, so this file does not name it.
    let outside = format!("../{}", "shared");
    let mut found = Vec::new();
    for ext in ["md", "rs", "toml", "lua", "ts", "mjs", "sh", "py", "json", "txt"] {
        for file in repo_files(ext) {
            if std::fs::read_to_string(&file).is_ok_and(|t| t.contains(&outside)) {
                found.push(file.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn github_anchors_are_made_as_github_makes_them() {
    let a = anchors(
        "# summit-ls\n## `[[person]]`\n### `--format json`\n## The corpus\n## The corpus\n```\n# not a heading\n```\n",
    );
    let want: BTreeSet<String> =
        ["summit-ls", "person", "--format-json", "the-corpus", "the-corpus-1"].iter().map(|s| s.to_string()).collect();
    assert_eq!(a, want);
    assert_eq!(links("see [a](b.md#c), `[x](person:y)` and ![i](p.png)"), ["b.md#c", "p.png"]);
}
