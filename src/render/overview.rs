//! The overview page: one self-contained HTML page of a corpus (no network, no
//! script), a timeline of its meetings in lanes by who met, the references between them
//! as arcs, who met whom how often, and how far annotation has come. The data is
//! [`crate::corpus::overview`]'s; this module only draws it, for `summit-ls overview`
//! and for the server's `summit-ls.overview` command alike.
//!
//! Each mark that leads to a report carries it as `data-uri` (its `file:` URL) and
//! `data-line` (1-based, the `meeting:` line), for a viewer that cannot follow the
//! `file:` link itself (an editor's webview) to open it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::corpus::overview::{MeetingRow, Overview, Progress};
use crate::corpus::workspace::Corpus;
use crate::server::uris::file_url;

/// More meetings than this are drawn a mark per lane and month.
const DENSE: usize = 1_500;
/// Lanes drawn; the meetings of the others share a last lane.
const MAX_LANES: usize = 30;
const PLOT_WIDTH: f64 = 1100.0;
const LABELS: f64 = 230.0;
/// Room right of the last day for its mark's name.
const RIGHT: f64 = 110.0;
const LANE: f64 = 30.0;
const TOP: f64 = 90.0;
/// Arcs drawn at most: the references most taken.
const MAX_ARCS: usize = 400;
/// Up to this many marks, each is named on the page.
const LABELLED: usize = 60;

/// One corpus on the page.
pub struct Section<'a> {
    pub root: &'a Path,
    pub corpus: &'a Corpus,
    pub overview: &'a Overview,
}

/// The page of `sections`, one after the other.
pub fn page(sections: &[Section]) -> String {
    let body: String = sections.iter().map(|s| section(s.root, s.corpus, s.overview)).collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>summit-ls overview</title>\n<style>{STYLE}</style></head>\n<body>\n{body}</body></html>\n"
    )
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}\
h1{font-size:20px}h2{font-size:16px;margin-top:28px}svg{display:block;max-width:100%;min-width:1100px;height:auto}\
.timeline{overflow-x:auto}\
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}\
td.n{text-align:right}.bar{display:flex;height:14px;width:600px;max-width:100%;border:1px solid #ccc}\
.bar span{display:block;height:100%}.legend span{display:inline-block;margin-right:16px}\
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle;border:1px solid #666}\
a{color:inherit}";

fn colour(progress: Option<Progress>) -> &'static str {
    match progress {
        Some(Progress::Raw) => "#9e9e9e",
        Some(Progress::Errors) => "#c62828",
        Some(Progress::Warnings) => "#f9a825",
        Some(Progress::Clean) => "#2e7d32",
        Some(Progress::Unchecked) => "#90caf9",
        None => "#ffffff",
    }
}

/// The lane of a meeting: who met (the participants' names), else where.
fn lane_of(m: &MeetingRow, corpus: &Corpus) -> String {
    if m.participants.is_empty() {
        return m.location.clone().unwrap_or_else(|| "participants not known".into());
    }
    let mut names: Vec<String> = m
        .participants
        .iter()
        .map(|id| corpus.kb.person(id).map_or_else(|| id.clone(), |p| p.name.get_ref().clone()))
        .collect();
    names.sort();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("+{more}"));
    }
    names.join(" – ")
}

/// How many meetings would share the last lane, with `names` the lane of each.
fn in_others(names: &[String]) -> usize {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        *sizes.entry(name.as_str()).or_default() += 1;
    }
    let mut sizes: Vec<usize> = sizes.into_values().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.iter().skip(MAX_LANES).sum()
}

/// The lane of each meeting by person: that of its participant with the most meetings
/// (the first by name among equals), else its place.
fn person_lanes(dated: &[&MeetingRow], corpus: &Corpus) -> Vec<String> {
    let mut meetings: BTreeMap<&str, usize> = BTreeMap::new();
    for m in dated {
        for id in &m.participants {
            *meetings.entry(id.as_str()).or_default() += 1;
        }
    }
    let name = |id: &str| corpus.kb.person(id).map_or_else(|| id.to_string(), |p| p.name.get_ref().clone());
    dated
        .iter()
        .map(|m| {
            let most = m
                .participants
                .iter()
                .map(|id| (meetings.get(id.as_str()).copied().unwrap_or(0), name(id)))
                .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
            match most {
                Some((_, person)) => person,
                None => m.location.clone().unwrap_or_else(|| "participants not known".into()),
            }
        })
        .collect()
}

/// A mark on the timeline: one meeting, or in a dense corpus the meetings of a lane in
/// one month.
struct Mark<'a> {
    lane: usize,
    day: Date,
    meetings: Vec<&'a MeetingRow>,
}

fn section(root: &Path, corpus: &Corpus, overview: &Overview) -> String {
    let mut html = String::new();
    let totals = overview.totals();
    let reports: usize = totals.iter().sum();
    let _ = writeln!(
        html,
        "<h1>{}</h1>\n<p>{} meetings, {} reports, {} references between meetings.</p>",
        esc(&root.display().to_string()),
        overview.meetings.len(),
        reports,
        overview.links.iter().map(|l| l.count).sum::<usize>()
    );
    html.push_str(&timeline(corpus, overview));
    html.push_str(&progress(overview, reports));
    html.push_str(&people(corpus, overview));
    html
}

fn timeline(corpus: &Corpus, overview: &Overview) -> String {
    let unchecked = overview.totals()[Progress::ALL.len() - 1] > 0;
    let dated: Vec<&MeetingRow> = overview.meetings.iter().filter(|m| m.date.is_some()).collect();
    let (Some(first), Some(last)) = (dated.first().and_then(|m| m.date), dated.last().and_then(|m| m.date)) else {
        return "<p>No dated meeting to draw.</p>\n".into();
    };
    // The lanes with the most meetings, in the order of their first one; the meetings
    // of the other lanes share a last one. When that last lane would hold most meetings
    // (many sets of participants, each meeting few times), a lane is one person's.
    let mut names: Vec<String> = dated.iter().map(|m| lane_of(m, corpus)).collect();
    let by_person = in_others(&names) * 2 > names.len();
    if by_person {
        names = person_lanes(&dated, corpus);
    }
    let mut sizes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        sizes.entry(name.as_str()).or_insert((0, i)).0 += 1;
    }
    let mut biggest: Vec<(&str, (usize, usize))> = sizes.into_iter().collect();
    biggest.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    biggest.truncate(MAX_LANES);
    biggest.sort_by_key(|(_, (_, first))| *first);
    let mut lanes: Vec<String> = biggest.iter().map(|(name, _)| name.to_string()).collect();
    let mut lane_of_meeting: BTreeMap<&str, usize> = BTreeMap::new();
    for (m, name) in dated.iter().zip(&names) {
        let lane = lanes.iter().position(|l| l == name).unwrap_or(MAX_LANES);
        lane_of_meeting.insert(m.id.as_str(), lane);
    }
    if lane_of_meeting.values().any(|l| *l == MAX_LANES) {
        lanes.push("others".into());
    }
    let dense = dated.len() > DENSE;
    let mut marks: Vec<Mark> = Vec::new();
    let mut mark_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_key: BTreeMap<(usize, i16, i8), usize> = BTreeMap::new();
    for m in &dated {
        let (Some(day), Some(&lane)) = (m.date, lane_of_meeting.get(m.id.as_str())) else { continue };
        let index = if dense {
            *by_key.entry((lane, day.year(), day.month())).or_insert_with(|| {
                marks.push(Mark { lane, day: day.first_of_month(), meetings: Vec::new() });
                marks.len() - 1
            })
        } else {
            marks.push(Mark { lane, day, meetings: Vec::new() });
            marks.len() - 1
        };
        marks[index].meetings.push(m);
        mark_of.insert(m.id.as_str(), index);
    }

    let span = (last - first).get_days().max(1) as f64;
    let x = |d: Date| LABELS + 10.0 + (d - first).get_days() as f64 / span * (PLOT_WIDTH - 20.0);
    let y = |lane: usize| TOP + lane as f64 * LANE + LANE / 2.0;
    let height = TOP + lanes.len() as f64 * LANE + 30.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" width=\"{}\" role=\"img\" aria-label=\"timeline of the corpus's meetings\">",
        LABELS + PLOT_WIDTH + RIGHT,
        LABELS + PLOT_WIDTH + RIGHT
    );
    svg.push_str("<defs><marker id=\"head\" viewBox=\"0 0 6 6\" refX=\"5\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L6,3L0,6z\" fill=\"#1565c0\"/></marker></defs>\n");
    // Lanes and their names.
    for (i, name) in lanes.iter().enumerate() {
        let top = TOP + i as f64 * LANE;
        let fill = if i % 2 == 0 { "#fafafa" } else { "#ffffff" };
        let _ = writeln!(
            svg,
            "<rect x=\"{LABELS}\" y=\"{top}\" width=\"{PLOT_WIDTH}\" height=\"{LANE}\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
            LABELS - 8.0,
            y(i) + 4.0,
            esc(name)
        );
    }
    // Years along the top.
    let years = (last.year() - first.year()).max(1);
    let step = if years > 40 {
        10
    } else if years > 15 {
        5
    } else {
        1
    };
    for year in (first.year()..=last.year()).filter(|y| y % step == 0) {
        let Ok(jan) = Date::new(year, 1, 1) else { continue };
        let at = if jan < first { x(first) } else { x(jan) };
        let _ = writeln!(
            svg,
            "<line x1=\"{at}\" y1=\"{}\" x2=\"{at}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{at}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{year}</text>",
            TOP - 6.0,
            height - 20.0,
            TOP - 10.0
        );
    }
    // The references between meetings, as arcs over the lanes. In a dense corpus only
    // the references resolved to one meeting, the most taken first.
    let mut arcs: BTreeMap<(usize, usize, bool), usize> = BTreeMap::new();
    for link in overview.links.iter().filter(|l| !(dense && l.ambiguous)) {
        let (Some(&a), Some(&b)) = (mark_of.get(link.from.as_str()), mark_of.get(link.to.as_str())) else { continue };
        if a != b {
            *arcs.entry((a, b, link.ambiguous)).or_default() += link.count;
        }
    }
    let mut arcs: Vec<((usize, usize, bool), usize)> = arcs.into_iter().collect();
    if arcs.len() > MAX_ARCS {
        arcs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        arcs.truncate(MAX_ARCS);
    }
    for ((a, b, ambiguous), count) in arcs {
        let (x1, y1, x2, y2) = (x(marks[a].day), y(marks[a].lane), x(marks[b].day), y(marks[b].lane));
        let lift = 12.0 + (x1 - x2).abs() * 0.12;
        let (cx, cy) = ((x1 + x2) / 2.0, y1.min(y2) - lift);
        let width = 1.0 + (count as f64).log2();
        let style = if ambiguous { "stroke=\"#ef6c00\" stroke-dasharray=\"4 3\"" } else { "stroke=\"#1565c0\"" };
        let what = if ambiguous { "may refer to" } else { "refer to" };
        let _ = writeln!(
            svg,
            "<path d=\"M{x1:.1},{y1:.1} Q{cx:.1},{cy:.1} {x2:.1},{y2:.1}\" fill=\"none\" {style} stroke-width=\"{width:.1}\" opacity=\"0.55\" marker-end=\"url(#head)\"><title>{} report(s) of {} {what} {}</title></path>",
            count,
            esc(&mark_name(&marks[a])),
            esc(&mark_name(&marks[b]))
        );
    }
    // The meetings, over the arcs. In a dense corpus a mark is a bar as wide as its
    // month, as tall as its number of meetings (on a log scale, the fullest month of
    // the page a lane's height): circles sized by reports would cover one another.
    let fullest = marks.iter().map(|m| m.meetings.len()).max().unwrap_or(1).max(2) as f64;
    let day_width = (PLOT_WIDTH - 20.0) / span;
    for mark in &marks {
        let reports: Vec<&(PathBuf, usize, Progress)> = mark.meetings.iter().flat_map(|m| &m.reports).collect();
        let worst = mark.meetings.iter().filter_map(|m| m.worst()).min();
        let r = (4.0 + 2.2 * (reports.len() as f64).sqrt()).min(18.0);
        let tip = mark_tip(mark, corpus);
        let circle = if dense {
            let width = (x(mark.day.last_of_month()) - x(mark.day) + day_width - 0.6).max(1.2);
            let height = 8.0 + (LANE - 14.0) * (mark.meetings.len() as f64).ln() / fullest.ln();
            let bottom = TOP + (mark.lane + 1) as f64 * LANE - 3.0;
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" fill=\"{}\" stroke=\"#555\" stroke-width=\"0.3\"><title>{}</title></rect>",
                x(mark.day),
                bottom - height,
                colour(worst),
                esc(&tip)
            )
        } else {
            format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#555\"><title>{}</title></circle>",
                x(mark.day),
                y(mark.lane),
                colour(worst),
                esc(&tip)
            )
        };
        // Few marks: each named beside it, so the page reads without hovering.
        let label = if marks.len() <= LABELLED {
            format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"#444\">{}</text>",
                x(mark.day) + r + 2.0,
                y(mark.lane) + 3.0,
                esc(&mark_name(mark))
            )
        } else {
            String::new()
        };
        let circle = circle + &label;
        match reports.first().and_then(|(path, line, _)| Some((file_url(path)?, line))) {
            Some((url, line)) => {
                let _ = writeln!(
                    svg,
                    "<a href=\"{url}\" data-uri=\"{url}\" data-line=\"{line}\">{circle}</a>",
                    url = esc(&url)
                );
            }
            None => svg.push_str(&circle),
        }
    }
    svg.push_str("</svg>\n");
    let mut html = String::from("<h2>Meetings</h2>\n<p class=\"legend\">");
    for (p, what) in [
        (Some(Progress::Clean), "reports clean"),
        (Some(Progress::Warnings), "worst: a warning"),
        (Some(Progress::Errors), "worst: an error"),
        (Some(Progress::Raw), "a raw report"),
        (Some(Progress::Unchecked), "not checked yet"),
        (None, "known from corpus.toml only"),
    ] {
        if p == Some(Progress::Unchecked) && !unchecked {
            continue;
        }
        let _ = write!(html, "<span><i class=\"dot\" style=\"background:{}\"></i>{what}</span>", colour(p));
    }
    html.push_str(
        "<span>blue arc: a reference; dashed orange: one of several meetings an ambiguous reference may mean</span>",
    );
    if by_person {
        html.push_str("<span>a lane per person: a meeting is in that of its participant with the most meetings</span>");
    }
    if dense {
        html.push_str(
            "<span>one bar per lane and month, taller with more meetings; arcs of resolved references only, the most taken</span>",
        );
    }
    html.push_str("</p>\n");
    // Shrunk to a narrow window (an editor's side panel) the names would be too small
    // to read: below 1,100 pixels the timeline scrolls instead.
    html.push_str("<div class=\"timeline\">");
    html.push_str(&svg);
    html.push_str("</div>\n");
    let undated: Vec<&MeetingRow> = overview.meetings.iter().filter(|m| m.date.is_none()).collect();
    if !undated.is_empty() {
        let ids: Vec<String> = undated.iter().take(50).map(|m| format!("<code>{}</code>", esc(&m.id))).collect();
        let more = undated.len().saturating_sub(50);
        let _ = writeln!(
            html,
            "<p>Without a date: {}{}</p>",
            ids.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        );
    }
    html
}

fn mark_name(mark: &Mark) -> String {
    match mark.meetings.as_slice() {
        [one] => one.id.clone(),
        many => format!("{} meetings of {}-{:02}", many.len(), mark.day.year(), mark.day.month()),
    }
}

fn mark_tip(mark: &Mark, corpus: &Corpus) -> String {
    let mut tip = String::new();
    for m in mark.meetings.iter().take(8) {
        let people: Vec<String> = m
            .participants
            .iter()
            .map(|id| corpus.kb.person(id).map_or_else(|| id.clone(), |p| p.name.get_ref().clone()))
            .collect();
        let _ = writeln!(
            tip,
            "{} — {}{}{}\n{} · {}\n{} report(s)",
            m.id,
            m.date.map(|d| d.to_string()).unwrap_or_default(),
            m.location.as_deref().map(|l| format!(", {l}")).unwrap_or_default(),
            m.title.as_deref().map(|t| format!("\n{t}")).unwrap_or_default(),
            if people.is_empty() { "participants not known".into() } else { people.join(", ") },
            m.reports
                .first()
                .map(|(p, line, _)| format!("{}:{line}", p.display()))
                .unwrap_or_else(|| "corpus.toml".into()),
            m.reports.len()
        );
    }
    if mark.meetings.len() > 8 {
        let _ = write!(tip, "and {} more", mark.meetings.len() - 8);
    }
    tip.trim_end().to_string()
}

fn progress(overview: &Overview, reports: usize) -> String {
    let mut html = String::from("<h2>Annotation</h2>\n");
    let totals = overview.totals();
    html.push_str("<div class=\"bar\">");
    for (p, n) in Progress::ALL.iter().zip(totals) {
        if n > 0 {
            let _ = write!(
                html,
                "<span style=\"width:{:.2}%;background:{}\" title=\"{n} {}\"></span>",
                n as f64 * 100.0 / reports.max(1) as f64,
                colour(Some(*p)),
                p.name()
            );
        }
    }
    // The unchecked column only when some report is: the CLI checks every one.
    let shown: Vec<usize> =
        (0..Progress::ALL.len()).filter(|i| Progress::ALL[*i] != Progress::Unchecked || totals[*i] > 0).collect();
    html.push_str("</div>\n<table><tr><th>folder</th><th>reports</th>");
    for i in &shown {
        let _ = write!(html, "<th>{}</th>", Progress::ALL[*i].name());
    }
    html.push_str("</tr>\n");
    let rows = overview.progress.iter().map(|(folder, counts)| (folder.display().to_string(), *counts));
    for (folder, counts) in rows.chain(std::iter::once(("all".to_string(), totals))) {
        let name = if folder.is_empty() { ".".to_string() } else { folder };
        let _ = write!(html, "<tr><td>{}</td><td class=\"n\">{}</td>", esc(&name), counts.iter().sum::<usize>());
        for i in &shown {
            let _ = write!(html, "<td class=\"n\">{}</td>", counts[*i]);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
    html
}

fn people(corpus: &Corpus, overview: &Overview) -> String {
    let mut html = String::from("<h2>Who met whom</h2>\n<table><tr><th>people</th><th>meetings</th></tr>\n");
    let name = |id: &str| corpus.kb.person(id).map_or_else(|| id.to_string(), |p| p.name.get_ref().clone());
    for (a, b, n) in overview.pairs.iter().take(40) {
        let _ = writeln!(html, "<tr><td>{} – {}</td><td class=\"n\">{n}</td></tr>", esc(&name(a)), esc(&name(b)));
    }
    if overview.pairs.len() > 40 {
        let _ = writeln!(html, "<tr><td>and {} more pairs</td><td></td></tr>", overview.pairs.len() - 40);
    }
    html.push_str("</table>\n");
    html
}

/// Text for HTML, in an element or an attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_corpus_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
