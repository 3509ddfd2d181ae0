//! `summit-ls check` through the real binary.

mod common;

use std::process::{Command, Output};

use common::{bin, raw_corpus, repo, seed_corpus};

fn check(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(bin()).arg("check").args(args).current_dir(dir).output().expect("run check")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_bundled_seeds_check_clean() {
    let out = check(&["seeds"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.ends_with("checked 5 reports in 1 corpus: 0 errors, 0 warnings, 14 hints\n"), "{text}");
    assert!(
        text.contains("seeds/002_570dadb1797cfef4.txt:11:1: hint[boilerplate]: \"CHINA TOPIX\" is scrape residue"),
        "{text}"
    );
}

#[test]
fn every_raw_seed_lacks_a_front_matter() {
    let corpus = raw_corpus();
    let out = check(&["."], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let missing: Vec<&str> = text.lines().filter(|l| l.contains("error[missing-front-matter]")).collect();
    assert_eq!(missing.len(), 5, "{text}");
    assert!(missing[0].starts_with("./000_bd05f014e72710d3.txt:1:1: error[missing-front-matter]"), "{text}");
}

#[test]
fn json_output_has_positions_and_a_summary() {
    let corpus = seed_corpus();
    let report = corpus.path().join("000_bd05f014e72710d3.txt");
    let text = std::fs::read_to_string(&report).expect("seed").replace("date: 2014-11-12", "date: 2014-11-31");
    std::fs::write(&report, text).expect("write");
    let out = check(&["--format", "json", "000_bd05f014e72710d3.txt"], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["summary"]["reports"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["code"].as_str()),
        (Some(4), Some(7), Some("malformed-value"))
    );
}

#[test]
fn a_folder_of_corpora_checks_each() {
    let parent = tempfile::tempdir().expect("temp");
    common::copy_dir(&repo().join("seeds"), &parent.path().join("a"));
    common::copy_dir(&repo().join("seeds"), &parent.path().join("b"));
    let out = check(&["."], parent.path());
    assert!(
        stdout(&out).ends_with("checked 10 reports in 2 corpora: 0 errors, 0 warnings, 28 hints\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_path_and_a_report_outside_any_corpus_get_clear_messages() {
    let dir = tempfile::tempdir().expect("temp");
    let out = check(&["nowhere"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "summit-ls check: nowhere: no such file or folder\n");
    std::fs::write(dir.path().join("stray.txt"), "Home > News\n").expect("write");
    let out = check(&["stray.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stray.txt: not in a corpus"), "{stderr}");
    // It says how to start one, and doing so is enough.
    assert!(stderr.contains("an empty file is enough: touch ./corpus.toml"), "{stderr}");
    std::fs::write(dir.path().join("corpus.toml"), "").expect("write");
    let out = check(&["stray.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("./stray.txt:1:1: error[missing-front-matter]"), "{}", stdout(&out));
}

#[test]
fn with_format_json_a_command_error_is_json_too() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("stray.txt"), "Home > News\n").expect("write");
    for (path, code) in [("stray.txt", "no-corpus"), ("nowhere", "not-found"), (".", "no-corpus")] {
        let out = check(&["--format", "json", path], dir.path());
        assert_eq!(out.status.code(), Some(2));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        assert_eq!(json["error"]["code"], code, "{json:#}");
        assert_eq!(json["error"]["path"], path, "{json:#}");
        assert!(json["error"]["message"].as_str().is_some_and(|m| m.starts_with(path)), "{json:#}");
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_newline_in_a_file_name_cannot_forge_a_line_of_output() {
    let corpus = seed_corpus();
    let forged = "000\nforged.txt:1:1: error[missing-field]: forged.txt";
    let text = std::fs::read_to_string(corpus.path().join("000_bd05f014e72710d3.txt")).expect("seed");
    std::fs::write(corpus.path().join(forged), text.replace("date: 2014-11-12", "date: 2014-11-31")).expect("write");
    let out = check(&["."], corpus.path());
    let printed = stdout(&out);
    assert!(!printed.lines().any(|l| l.starts_with("forged.txt")), "{printed}");
    assert!(
        printed.contains("./000\\nforged.txt:1:1: error[missing-field]: forged.txt:4:7: error[malformed-value]"),
        "{printed}"
    );
    // JSON keeps the real name.
    let out = check(&["--format", "json", "."], corpus.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let paths: Vec<&str> =
        json["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["path"].as_str()).collect();
    assert!(paths.contains(&format!("./{forged}").as_str()), "{paths:?}");
}

#[test]
fn export_writes_path_meta_text_mentions_in_that_order() {
    let out = Command::new(bin())
        .args(["export", "seeds/003_1bc3eefbf81d6a5d.txt"])
        .current_dir(repo())
        .output()
        .expect("export");
    assert_eq!(out.status.code(), Some(0));
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    let at = |key: &str| line.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
    assert!(line.starts_with("{\"path\":\"seeds/003_1bc3eefbf81d6a5d.txt\",\"meta\":{\"title\":"), "{line}");
    assert!(at("meta") < at("text") && at("text") < at("mentions") && at("mentions") < usize::MAX, "{line}");
    // The front matter's own order, and a mention's kind and offsets first.
    let json: serde_json::Value = serde_json::from_str(&line).expect("JSON");
    let meta: Vec<&String> = json["meta"].as_object().expect("meta").keys().collect();
    assert_eq!(meta[..3], ["title", "meeting", "date"]);
    let first: Vec<&String> = json["mentions"][0].as_object().expect("mention").keys().collect();
    assert_eq!(first[..4], ["kind", "start", "end", "surface"]);
}

#[test]
fn invalid_utf8_and_a_broken_corpus_toml_are_diagnostics_not_crashes() {
    let corpus = seed_corpus();
    std::fs::write(corpus.path().join("bad.txt"), b"Home \xff News\n").expect("write");
    let out = check(&["."], corpus.path());
    let text = stdout(&out);
    assert!(text.contains("./bad.txt:1:6: error[invalid-utf8]"), "{text}");
    std::fs::write(corpus.path().join("corpus.toml"), "[corpus\n").expect("write");
    let out = check(&["."], corpus.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("./corpus.toml:1:8: error[toml-syntax]"), "{}", stdout(&out));
}

#[test]
#[cfg(unix)]
fn linked_reports_are_checked_and_links_that_lead_nowhere_are_reported() {
    use std::os::unix::fs::symlink;
    let corpus = seed_corpus();
    let dir = corpus.path();
    // A git-annex-like corpus: the report is a link into a store.
    std::fs::create_dir(dir.join(".store")).expect("store");
    std::fs::rename(dir.join("001_590ab6f40908b9bc.txt"), dir.join(".store/001")).expect("move");
    symlink(".store/001", dir.join("001_590ab6f40908b9bc.txt")).expect("link");
    symlink("self.txt", dir.join("self.txt")).expect("self link");
    std::fs::create_dir(dir.join("sub")).expect("sub");
    symlink("..", dir.join("sub/up")).expect("loop");
    let out = check(&["."], dir);
    let text = stdout(&out);
    assert!(text.contains("checked 6 reports in 1 corpus"), "the link loop is not entered: {text}");
    assert!(text.contains("./self.txt:1:1: error[unreadable-file]"), "{text}");
    assert!(
        !text.contains("self.txt:1:1: error[missing-front-matter]"),
        "an unreadable file has no other problem: {text}"
    );
    // Named on the command line, the linked report is checked on its own.
    let one = stdout(&check(&["001_590ab6f40908b9bc.txt"], dir));
    assert!(one.ends_with("checked 1 report in 1 corpus: 0 errors, 0 warnings, 2 hints\n"), "{one}");
}

#[test]
fn a_misspelt_key_in_each_corpus_toml_table_is_a_warning_with_did_you_mean() {
    let corpus = seed_corpus();
    let manifest = corpus.path().join("corpus.toml");
    let text = std::fs::read_to_string(&manifest)
        .expect("corpus.toml")
        .replacen("required = [", "requird = [", 1)
        .replacen("\naliases = [", "\nalias = [", 1);
    let text = format!("{text}\n[[place]]\nid = \"camp-david\"\nname = \"Camp David\"\nwitihn = \"Maryland\"\n");
    std::fs::write(&manifest, &text).expect("write");
    let out = check(&["corpus.toml"], corpus.path());
    let printed = stdout(&out);
    // Warnings only: the exit status stays 0.
    assert_eq!(out.status.code(), Some(0), "{printed}");
    let warnings: Vec<&str> = printed.lines().filter(|l| l.contains("warning[unknown-key]")).collect();
    assert_eq!(warnings.len(), 3, "{printed}");
    let line = text.lines().position(|l| l.starts_with("requird")).expect("line") + 1;
    assert!(
        warnings[0].starts_with(&format!(
            "./corpus.toml:{line}:1: warning[unknown-key]: `requird` is no key in [corpus], and is ignored; did you mean `required`?"
        )),
        "{printed}"
    );
    assert!(
        warnings[1].contains("`alias` is no key in a [[person]], and is ignored; did you mean `aliases`?"),
        "{printed}"
    );
    assert!(warnings[2].contains("`witihn` is no key in a [[place]]"), "{printed}");
}

#[test]
#[cfg(unix)]
fn folders_named_through_dot_dot_or_a_link_select_their_reports() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let dir = corpus.path();
    // An empty corpus.toml: every .txt file below is a report.
    std::fs::write(dir.join("corpus.toml"), "").expect("corpus.toml");
    std::fs::create_dir(dir.join("sub")).expect("sub");
    std::fs::copy(repo().join("seeds/000_bd05f014e72710d3.txt"), dir.join("sub/a.txt")).expect("copy");
    std::os::unix::fs::symlink("sub", dir.join("linked")).expect("link");
    for (target, cwd) in [
        ("sub", dir.to_path_buf()),
        ("sub/../sub", dir.to_path_buf()),
        ("linked", dir.to_path_buf()),
        (".", dir.join("sub")),
    ] {
        let out = stdout(&check(&[target], &cwd));
        assert!(out.contains("checked 1 report in 1 corpus"), "{target}: {out}");
    }
}
