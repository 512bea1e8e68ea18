//! Suppression directives, applied once, after every rule has run. Rules never see them.
//!
//! ```markdown
//! <!-- medlint-disable-next-line MED103 -- quoting the study's own conclusion -->
//! <!-- medlint-disable-line cure-claim -- … -->   (at the end of the line it applies to)
//! <!-- medlint-disable MED101 -- … --> … <!-- medlint-enable MED101 -->
//! <!-- medlint-disable-file MED201 -- legal page, disclaimer lives in the footer -->
//! ```
//!
//! Rules are named by ID or slug; none means all rules. A reason after `--` is required: it is
//! the audit trail, and a directive without one suppresses nothing. Unknown rules (with the
//! closest names), missing reasons and unknown or misspelled directives (with a safe fix to the
//! right name) are reported as `invalid-suppression`; directives that suppress nothing as
//! `unused-suppression`.
//!
//! After the reason, a review record may follow: `; reviewed-by: jdoe; expires: 2027-06-30`
//! (`review.rs` reads it). A malformed record is `invalid-suppression` and suppresses nothing; an
//! expired suppression suppresses nothing and is `expired-suppression`. `[suppressions]` in the
//! config can require a reviewer, a near expiry, and name rules no comment may suppress.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::SuppressionPolicy;
use crate::diagnostic::{Diagnostic, Label, Safety, Severity, Suggestion};
use crate::document::Comment;
use crate::review::{self, Date, FieldProblem, Record};
use crate::rules::builtin::SuppressionCheck;
use crate::rules::{Check, Registry, RuleMeta};
use crate::source::{FileId, SourceFile, Span};

/// What a directive does.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// The next non-blank line.
    NextLine,
    /// The line the comment is on.
    Line,
    /// From here until a matching `enable`.
    Disable,
    /// Ends a `disable`.
    Enable,
    /// The whole file.
    File,
}

impl DirectiveKind {
    /// The directive's name.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectiveKind::NextLine => "medlint-disable-next-line",
            DirectiveKind::Line => "medlint-disable-line",
            DirectiveKind::Disable => "medlint-disable",
            DirectiveKind::Enable => "medlint-enable",
            DirectiveKind::File => "medlint-disable-file",
        }
    }
}

/// A parsed directive.
#[derive(Clone, Debug)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// Rules it names (registry indexes); empty means all rules.
    pub rules: Vec<usize>,
    /// Why, as written after `--`.
    pub reason: Option<String>,
    /// Who reviewed it and when it expires.
    pub record: Record,
    /// Past its expiry: it suppresses nothing.
    pub expired: bool,
    /// The comment.
    pub span: Span,
    /// Zero-based line it applies to (line directives).
    target_line: usize,
    /// The last line it applies to: a next-line directive above a paragraph, list item or
    /// other block covers the block's lines, however it is wrapped.
    last_line: usize,
}

/// Most lines a next-line directive covers: a block longer than this (no real paragraph is)
/// is covered only this far, so stacked directives cannot multiply the work.
const MAX_BLOCK_LINES: usize = 400;

/// A suppression directive as found in a file, for the audit listing.
#[derive(Clone, Debug)]
pub struct DirectiveRecord {
    /// The file.
    pub file: FileId,
    /// The comment.
    pub span: Span,
    /// The directive's name (`medlint-disable-next-line` …).
    pub kind: &'static str,
    /// IDs of the rules it names; empty means all rules.
    pub rules: Vec<String>,
    /// The reason given after `--`.
    pub reason: Option<String>,
    /// Who reviewed it (`reviewed-by`).
    pub reviewed_by: Option<String>,
    /// The last day it holds (`expires`).
    pub expires: Option<Date>,
    /// Past its expiry, so it suppressed nothing.
    pub expired: bool,
    /// How many findings it suppressed.
    pub suppressed: usize,
}

/// What the suppression stage works with besides one file's text and findings.
pub struct Stage<'a> {
    /// The rules.
    pub registry: &'a Registry,
    /// The file's rule selection.
    pub selection: &'a [Option<Severity>],
    /// What a suppression must carry.
    pub policy: &'a SuppressionPolicy,
    /// The date expiries are compared with.
    pub today: Date,
}

/// A finding that a directive suppressed: the audit trail.
#[derive(Clone, Debug)]
pub struct Suppressed {
    /// The finding.
    pub diagnostic: Diagnostic,
    /// The directive's reason.
    pub reason: Option<String>,
    /// The directive's span.
    pub directive: Span,
}

const KINDS: &[DirectiveKind] = &[
    DirectiveKind::NextLine,
    DirectiveKind::Line,
    DirectiveKind::File,
    DirectiveKind::Disable,
    DirectiveKind::Enable,
];

struct Problem {
    span: Span,
    message: String,
    /// Help for this problem, in place of the rule's.
    help: Option<String>,
    /// A mechanical fix (a misspelled directive's right name).
    suggestion: Option<Suggestion>,
}

impl Problem {
    fn new(span: Span, message: String) -> Problem {
        Problem {
            span,
            message,
            help: None,
            suggestion: None,
        }
    }
}

/// The edit distance between `a` and `b` (Levenshtein, by characters).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The names among `names` closest to `wrote` (at most `most` edits away, and fewer than half
/// its length), sorted and deduplicated, at most three.
fn closest<'n>(wrote: &str, names: impl Iterator<Item = &'n str>, most: usize) -> Vec<&'n str> {
    let wrote = wrote.to_ascii_lowercase();
    let limit = most.min(wrote.chars().count().saturating_sub(1) / 2).max(1);
    let mut best: Vec<(usize, &str)> = names
        .map(|n| (distance(&wrote, &n.to_ascii_lowercase()), n))
        .filter(|&(d, _)| d <= limit)
        .collect();
    let Some(least) = best.iter().map(|&(d, _)| d).min() else {
        return Vec::new();
    };
    best.retain(|&(d, _)| d == least);
    let mut names: Vec<&str> = best.into_iter().map(|(_, n)| n).collect();
    names.sort_unstable();
    names.dedup();
    names.truncate(3);
    names
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn either(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The directive a comment meant, when it starts with a misspelling of one
/// (`medlint-disabel-next-line`, `medlint disable`, `Medlint_disable_line`): the bytes of
/// `body` the written name takes, and the directive. `None` for a comment that is no
/// directive, one spelled right, or one too far from any to guess.
fn misspelled(body: &str) -> Option<(usize, DirectiveKind)> {
    const PREFIX: &str = "medlint";
    if !body.get(..PREFIX.len())?.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    // The name may run over the first few words (`medlint disable next line`), never into
    // the reason.
    let mut ends = Vec::new();
    let mut at = 0;
    while ends.len() < 4 {
        let rest = &body[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        let end = body[start..]
            .find(char::is_whitespace)
            .map_or(body.len(), |e| start + e);
        if start == end || body[start..end].starts_with("--") {
            break;
        }
        ends.push(end);
        at = end;
    }
    let separator = |c: char| c == '-' || c == '_' || c == ':' || c.is_whitespace();
    let mut best: Option<(usize, usize, DirectiveKind)> = None;
    for &end in &ends {
        let written = &body[..end];
        let name = written
            .split(separator)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-")
            .to_ascii_lowercase();
        let found = closest(&name, KINDS.iter().map(|k| k.as_str()), 3);
        let [one] = found.as_slice() else {
            continue;
        };
        let Some(&kind) = KINDS.iter().find(|k| k.as_str() == *one) else {
            continue;
        };
        if written == kind.as_str() {
            return None;
        }
        let d = distance(&name, kind.as_str());
        // The closest; between equals, the one taking more words.
        if best.is_none_or(|(least, _, _)| d <= least) {
            best = Some((d, end, kind));
        }
    }
    best.map(|(_, end, kind)| (end, kind))
}

fn parse(
    comment: &Comment,
    source: &SourceFile,
    stage: &Stage<'_>,
    problems: &mut Vec<Problem>,
    blanks: &mut (usize, usize),
) -> Option<Directive> {
    let registry = stage.registry;
    let body = comment.body.as_str();
    let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
    let name = &body[..name_end];
    let Some(&kind) = KINDS.iter().find(|k| k.as_str() == name) else {
        if let Some(problem) = unknown_directive(comment, source) {
            problems.push(problem);
        }
        return None;
    };
    let rest = &body[name_end..];
    let (rule_part, read) = match rest.split_once("--") {
        Some((r, why)) => (r, review::read(why)),
        None => (rest, review::Read::default()),
    };
    let reason = read.reason;
    let mut rules = Vec::new();
    let mut named = 0;
    for name in rule_part
        .split([',', ' ', '\t', '\n'])
        .filter(|s| !s.is_empty())
    {
        named += 1;
        match registry.find(name) {
            Some(i) if stage.policy.unsuppressible.contains(&i) => {
                problems.push(cannot_suppress(comment.span, registry.meta(i)));
            }
            Some(i) => rules.push(i),
            None => problems.push(unknown_rule(comment.span, name, kind, registry)),
        }
    }
    let unreasoned = reason.is_none() && kind != DirectiveKind::Enable;
    if unreasoned {
        let written = format!("{} {}", kind.as_str(), rule_part.trim());
        problems.push(Problem {
            help: Some(format!(
                "Write `<!-- {} -- the reason this is acceptable -->`.",
                written.trim_end()
            )),
            ..Problem::new(
                comment.span,
                format!(
                    "`{}` has no reason, so it suppresses nothing; add one after `--`",
                    kind.as_str()
                ),
            )
        });
    }
    let mut void = unreasoned || (named > 0 && rules.is_empty());
    for p in &read.problems {
        problems.push(field_problem(comment.span, p));
        void = true;
    }
    if !void && kind != DirectiveKind::Enable {
        for message in policy_problems(kind, &read.record, stage) {
            problems.push(Problem {
                help: Some(POLICY_HELP.to_string()),
                ..Problem::new(comment.span, message)
            });
            void = true;
        }
    }
    if void {
        // A suppression without its audit trail does nothing; so does one whose every rule is
        // unknown (rather than everything), or whose review record is wrong.
        return None;
    }
    let expired = kind != DirectiveKind::Enable && read.record.expired(stage.today);
    let start_line = source.line_index(comment.span.start as usize);
    let end_line = source.line_index(comment.span.end as usize);
    let target_line = match kind {
        DirectiveKind::NextLine => {
            let from = end_line + 1;
            // The blank lines skipped for the last directive are not walked again.
            let mut line = if (blanks.0..=blanks.1).contains(&from) {
                blanks.1
            } else {
                from
            };
            while line < source.line_count()
                && source
                    .line_range(line)
                    .is_some_and(|r| source.text[r].trim().is_empty())
            {
                line += 1;
            }
            *blanks = (from, line);
            line
        }
        _ => start_line,
    };
    Some(Directive {
        kind,
        rules,
        reason,
        record: read.record,
        expired,
        span: comment.span,
        target_line,
        last_line: target_line,
    })
}

/// The problem with a comment that starts like a directive but is none: a misspelling of one
/// (with a safe fix to the right name), or another `medlint-…` word. `None` for an ordinary
/// comment.
fn unknown_directive(comment: &Comment, source: &SourceFile) -> Option<Problem> {
    let body = comment.body.as_str();
    let known: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
    let Some((end, meant)) = misspelled(body) else {
        let name = &body[..body.find(char::is_whitespace).unwrap_or(body.len())];
        return body.starts_with("medlint-").then(|| {
            Problem::new(
                comment.span,
                format!(
                    "unknown directive `{name}`; use one of {}",
                    known.join(", ")
                ),
            )
        });
    };
    let written = &body[..end];
    let meant = meant.as_str();
    // The written name's place in the file: the comment's body as it stands in the source.
    let in_comment = source
        .text
        .get(comment.span.start as usize..comment.span.end as usize)
        .and_then(|text| text.find(written));
    let suggestion = in_comment.map(|at| {
        let start = comment.span.start as usize + at;
        Suggestion {
            span: Span::new(start, start + written.len()),
            replacement: meant.to_string(),
            title: format!("Replace with `{meant}`"),
            safety: Safety::Safe,
        }
    });
    Some(Problem {
        span: comment.span,
        message: format!("unknown directive `{written}`; did you mean `{meant}`?"),
        help: Some(format!(
            "`{written}` is not a directive; did you mean `{meant}`?"
        )),
        suggestion,
    })
}

const POLICY_HELP: &str = "Write the review record after the reason: `-- reason; reviewed-by: NAME; expires: YYYY-MM-DD`.";

/// What `[suppressions]` finds missing in a well-formed directive's review record.
fn policy_problems(kind: DirectiveKind, record: &Record, stage: &Stage<'_>) -> Vec<String> {
    let mut found = Vec::new();
    let name = kind.as_str();
    if stage.policy.require_reviewed_by && record.reviewed_by.is_none() {
        found.push(format!(
            "`{name}` has no `reviewed-by`, which this site requires, so it suppresses nothing"
        ));
    }
    if let Some(days) = stage.policy.max_expiry_days {
        let latest = stage.today.plus_days(days);
        match record.expires {
            None => found.push(format!(
                "`{name}` has no `expires` date; this site requires one within {days} days \
                 (by {latest}), so it suppresses nothing"
            )),
            Some(date) if date > latest => found.push(format!(
                "`{name}` expires {date}, later than this site allows ({days} days: by \
                 {latest}), so it suppresses nothing"
            )),
            Some(_) => {}
        }
    }
    found
}

/// A malformed review record field.
fn field_problem(span: Span, problem: &FieldProblem) -> Problem {
    let what = match problem {
        FieldProblem::NotAField(part) => {
            format!("`{part}` after a review field is not a `key: value` field")
        }
        FieldProblem::Unknown(key) => {
            let near = closest(key, review::FIELDS.iter().copied(), 3);
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", either(&near))
            };
            format!("unknown review field `{key}`{hint}")
        }
        FieldProblem::Repeated(key) => format!("review field `{key}` is given twice"),
        FieldProblem::Empty(key) => format!("review field `{key}` has no value"),
        FieldProblem::BadDate(value, why) => {
            format!("`expires: {value}` is not a date ({why})")
        }
    };
    Problem {
        help: Some(POLICY_HELP.to_string()),
        ..Problem::new(
            span,
            format!("{what}; the suppression suppresses nothing until it is fixed"),
        )
    }
}

/// A directive naming a rule that `[suppressions] unsuppressible` lists.
fn cannot_suppress(span: Span, meta: &RuleMeta) -> Problem {
    Problem {
        help: Some(
            "This site's medlint.toml lists the rule under `[suppressions] unsuppressible`: \
             rewrite the text instead."
                .to_string(),
        ),
        ..Problem::new(
            span,
            format!(
                "`{} {}` cannot be suppressed on this site",
                meta.id, meta.slug
            ),
        )
    }
}

/// An unknown rule named in a directive, with the closest IDs or slugs in its help.
fn unknown_rule(span: Span, name: &str, kind: DirectiveKind, registry: &Registry) -> Problem {
    let names = registry
        .rules
        .iter()
        .flat_map(|r| [r.meta.id.as_str(), r.meta.slug.as_str()]);
    let near = closest(name, names, 3);
    let help = if near.is_empty() {
        format!("`{name}` is not a rule; `medlint rules` lists them.")
    } else {
        format!("`{name}` is not a rule; did you mean {}?", either(&near))
    };
    Problem {
        help: Some(help),
        ..Problem::new(
            span,
            format!("unknown rule `{name}` in `{}`", kind.as_str()),
        )
    }
}

/// One file's directives, indexed so that finding a finding's suppressor costs a few lookups
/// rather than a scan of every directive.
struct Index {
    /// The first `File` or line directive for each (line, rule named): `File` directives
    /// under no line, directives naming no rule under no rule.
    first: HashMap<(Option<usize>, Option<usize>), usize>,
    /// `Disable` and `Enable` directives naming all rules, and those naming each rule, by
    /// where they end.
    ranges_all: Ranges,
    ranges_of: HashMap<usize, Ranges>,
}

/// Range directives sorted by where they end, with the latest directive (in file order) among
/// each prefix: the one in force at a finding is the latest that ends before it.
#[derive(Default)]
struct Ranges {
    ends: Vec<(u32, usize)>,
    latest: Vec<usize>,
}

impl Ranges {
    fn finish(&mut self) {
        self.ends.sort_unstable();
        let mut latest = 0;
        self.latest = self
            .ends
            .iter()
            .map(|&(_, d)| {
                latest = latest.max(d + 1);
                latest - 1
            })
            .collect();
    }

    /// The latest directive that ends at or before `at`.
    fn before(&self, at: u32) -> Option<usize> {
        let n = self.ends.partition_point(|&(end, _)| end <= at);
        n.checked_sub(1).map(|i| self.latest[i])
    }
}

impl Index {
    fn new(directives: &[Directive]) -> Index {
        let mut index = Index {
            first: HashMap::new(),
            ranges_all: Ranges::default(),
            ranges_of: HashMap::new(),
        };
        for (d, dir) in directives.iter().enumerate().filter(|(_, d)| !d.expired) {
            let rules: Vec<Option<usize>> = if dir.rules.is_empty() {
                vec![None]
            } else {
                dir.rules.iter().copied().map(Some).collect()
            };
            let line = match dir.kind {
                DirectiveKind::File => None,
                DirectiveKind::NextLine | DirectiveKind::Line => Some(dir.target_line),
                DirectiveKind::Disable | DirectiveKind::Enable => {
                    for rule in rules {
                        let ranges = match rule {
                            None => &mut index.ranges_all,
                            Some(r) => index.ranges_of.entry(r).or_default(),
                        };
                        ranges.ends.push((dir.span.end, d));
                    }
                    continue;
                }
            };
            let lines = match line {
                Some(first) => (first..=dir.last_line.max(first)).map(Some).collect(),
                None => vec![None],
            };
            for line in lines {
                for &rule in &rules {
                    index.first.entry((line, rule)).or_insert(d);
                }
            }
        }
        index.ranges_all.finish();
        for ranges in index.ranges_of.values_mut() {
            ranges.finish();
        }
        index
    }

    /// Which directive suppresses a finding of `rule` on `line` starting at byte `at`, if
    /// any: the first `File` or line directive naming it, else the `Disable` in force.
    fn suppressor(
        &self,
        directives: &[Directive],
        rule: usize,
        line: usize,
        at: u32,
    ) -> Option<usize> {
        let first = [None, Some(line)]
            .into_iter()
            .flat_map(|l| [(l, None), (l, Some(rule))])
            .filter_map(|key| self.first.get(&key).copied())
            .min();
        if first.is_some() {
            return first;
        }
        let range = [
            self.ranges_all.before(at),
            self.ranges_of.get(&rule).and_then(|r| r.before(at)),
        ]
        .into_iter()
        .flatten()
        .max()?;
        (directives[range].kind == DirectiveKind::Disable).then_some(range)
    }
}

/// What applying one file's directives produced.
pub struct Applied {
    /// Findings kept, with any `invalid-suppression` / `unused-suppression` findings added.
    pub kept: Vec<Diagnostic>,
    /// Findings suppressed.
    pub suppressed: Vec<Suppressed>,
    /// Every valid directive, with how much it suppressed.
    pub directives: Vec<DirectiveRecord>,
}

/// Extend each next-line directive over the block that starts on its target line (`blocks`:
/// the document's blocks' source spans), so a directive above a hard-wrapped paragraph covers
/// all of it.
fn cover_blocks(directives: &mut [Directive], source: &SourceFile, blocks: &[Span]) {
    if !directives.iter().any(|d| d.kind == DirectiveKind::NextLine) {
        return;
    }
    let mut starts: Vec<(u32, u32)> = blocks.iter().map(|b| (b.start, b.end)).collect();
    starts.sort_unstable();
    for d in directives
        .iter_mut()
        .filter(|d| d.kind == DirectiveKind::NextLine)
    {
        let Some(line) = source.line_range(d.target_line) else {
            continue;
        };
        // The longest block starting on the target line.
        let from = starts.partition_point(|&(s, _)| (s as usize) < line.start);
        let end = starts[from..]
            .iter()
            .take_while(|&&(s, _)| (s as usize) < line.end)
            .map(|&(_, e)| e as usize)
            .max();
        if let Some(end) = end {
            let last = source.line_index(end.saturating_sub(1).max(line.start));
            d.last_line = last.clamp(d.target_line, d.target_line + MAX_BLOCK_LINES);
        }
    }
}

/// Apply one file's directives to its findings; `blocks` are the source spans of the
/// document's blocks (a next-line directive covers the block below it).
pub fn apply(
    file: FileId,
    source: &SourceFile,
    comments: &[Comment],
    blocks: &[Span],
    diagnostics: Vec<Diagnostic>,
    stage: &Stage<'_>,
) -> Applied {
    let (registry, selection) = (stage.registry, stage.selection);
    let mut problems = Vec::new();
    // Lines `from..to` are blank (a next-line directive's search), `to` is not.
    let mut blanks = (usize::MAX, usize::MAX);
    let mut directives: Vec<Directive> = comments
        .iter()
        .filter_map(|c| parse(c, source, stage, &mut problems, &mut blanks))
        .collect();
    cover_blocks(&mut directives, source, blocks);
    let index = Index::new(&directives);
    let mut used = vec![Vec::<usize>::new(); directives.len()];
    let mut counts = vec![0usize; directives.len()];
    // Unsuppressible rules that a directive naming all rules would have suppressed.
    let mut blocked = vec![Vec::<usize>::new(); directives.len()];
    // With no directives (most articles) every finding is kept as it is.
    let (mut kept, to_match) = if directives.is_empty() {
        (diagnostics, Vec::new())
    } else {
        (Vec::with_capacity(diagnostics.len()), diagnostics)
    };
    let mut suppressed = Vec::new();
    // Registry index of each rule found, looked up once per rule rather than per finding.
    let mut rule_of: HashMap<String, usize> = HashMap::new();
    for d in to_match {
        let rule = match rule_of.get(d.rule.id.as_str()) {
            Some(&rule) => rule,
            None => {
                let rule = registry.find(&d.rule.id).unwrap_or(usize::MAX);
                rule_of.insert(d.rule.id.clone(), rule);
                rule
            }
        };
        let line = source.line_index(d.primary.span.start as usize);
        match index.suppressor(&directives, rule, line, d.primary.span.start) {
            Some(i) if stage.policy.unsuppressible.contains(&rule) => {
                if !blocked[i].contains(&rule) {
                    blocked[i].push(rule);
                    // Reported as unsuppressible, not as unused.
                    used[i].push(rule);
                }
                kept.push(d);
            }
            Some(i) => {
                counts[i] += 1;
                if !used[i].contains(&rule) {
                    used[i].push(rule);
                }
                suppressed.push(Suppressed {
                    reason: directives[i].reason.clone(),
                    directive: directives[i].span,
                    diagnostic: d,
                });
            }
            None => kept.push(d),
        }
    }
    for (i, rule) in registry.rules.iter().enumerate() {
        let Check::Suppression(check) = rule.check else {
            continue;
        };
        let Some(severity) = selection.get(i).copied().flatten() else {
            continue;
        };
        let mut report = |span: Span, message: String| {
            kept.push(finding(&rule.meta, severity, file, span, message));
        };
        match check {
            SuppressionCheck::Invalid => {
                for p in &problems {
                    let mut d = finding(&rule.meta, severity, file, p.span, p.message.clone());
                    if let Some(help) = &p.help {
                        d.help = Some(help.clone());
                    }
                    d.suggestions.extend(p.suggestion.clone());
                    kept.push(d);
                }
                for (d, rules) in blocked.iter().enumerate() {
                    for &r in rules {
                        let p = cannot_suppress(directives[d].span, registry.meta(r));
                        let mut d = finding(&rule.meta, severity, file, p.span, p.message);
                        d.help = p.help;
                        kept.push(d);
                    }
                }
            }
            SuppressionCheck::Expired => {
                for dir in directives.iter().filter(|d| d.expired) {
                    let date = dir
                        .record
                        .expires
                        .map(|e| e.to_string())
                        .unwrap_or_default();
                    let by = match &dir.record.reviewed_by {
                        Some(who) => format!("reviewed by {who}"),
                        None => "no reviewer named".to_string(),
                    };
                    report(
                        dir.span,
                        format!(
                            "suppression expired on {date} ({by}); the findings it hid are \
                             reported again"
                        ),
                    );
                }
            }
            SuppressionCheck::Unused => {
                for (d, dir) in directives.iter().enumerate() {
                    if dir.kind == DirectiveKind::Enable || dir.expired {
                        continue;
                    }
                    if dir.rules.is_empty() {
                        if used[d].is_empty() {
                            report(
                                dir.span,
                                format!("`{}` suppresses nothing", dir.kind.as_str()),
                            );
                        }
                        continue;
                    }
                    for &r in &dir.rules {
                        if used[d].contains(&r) {
                            continue;
                        }
                        let meta = registry.meta(r);
                        let why = if selection.get(r).copied().flatten().is_none() {
                            " (the rule is not enabled)"
                        } else {
                            ""
                        };
                        report(
                            dir.span,
                            format!("suppression of `{} {}` is unused{why}", meta.id, meta.slug),
                        );
                    }
                }
            }
        }
    }
    let records = directives
        .iter()
        .zip(counts)
        .map(|(d, suppressed)| DirectiveRecord {
            file,
            span: d.span,
            kind: d.kind.as_str(),
            rules: d
                .rules
                .iter()
                .map(|&r| registry.meta(r).id.clone())
                .collect(),
            reason: d.reason.clone(),
            reviewed_by: d.record.reviewed_by.clone(),
            expires: d.record.expires,
            expired: d.expired,
            suppressed,
        })
        .collect();
    Applied {
        kept,
        suppressed,
        directives: records,
    }
}

fn finding(
    meta: &Arc<RuleMeta>,
    severity: Severity,
    file: FileId,
    span: Span,
    message: String,
) -> Diagnostic {
    Diagnostic {
        rule: Arc::clone(meta),
        severity,
        file,
        primary: Label {
            span,
            message: String::new(),
        },
        secondary: Vec::new(),
        message,
        help: meta.help.clone(),
        notes: Vec::new(),
        suggestions: Vec::new(),
        context: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first directive (in file order) that suppresses a finding, found by looking at
    /// every one: what [`Index::suppressor`] must agree with.
    fn by_scan(directives: &[Directive], rule: usize, line: usize, at: u32) -> Option<usize> {
        let names = |d: &Directive| d.rules.is_empty() || d.rules.contains(&rule);
        let mut range = None;
        for (i, d) in directives.iter().enumerate().filter(|(_, d)| names(d)) {
            match d.kind {
                DirectiveKind::File => return Some(i),
                DirectiveKind::NextLine | DirectiveKind::Line
                    if d.target_line <= line && line <= d.last_line.max(d.target_line) =>
                {
                    return Some(i);
                }
                DirectiveKind::Disable if d.span.end <= at => range = Some(i),
                DirectiveKind::Enable if d.span.end <= at => range = None,
                _ => {}
            }
        }
        range
    }

    #[test]
    fn a_misspelled_directive_is_read_as_the_one_it_is_closest_to() {
        fn meant(body: &str) -> Option<(&str, &'static str)> {
            misspelled(body).map(|(end, kind)| (&body[..end], kind.as_str()))
        }
        assert_eq!(
            meant("medlint-disabel-next-line MED101 -- x"),
            Some(("medlint-disabel-next-line", "medlint-disable-next-line"))
        );
        assert_eq!(
            meant("medlint disable MED101 -- x"),
            Some(("medlint disable", "medlint-disable"))
        );
        assert_eq!(
            meant("medlint disable next line -- x"),
            Some(("medlint disable next line", "medlint-disable-next-line"))
        );
        assert_eq!(
            meant("Medlint_Disable_File"),
            Some(("Medlint_Disable_File", "medlint-disable-file"))
        );
        assert_eq!(
            meant("medlint-enabel"),
            Some(("medlint-enabel", "medlint-enable"))
        );
        // Spelled right, or no directive at all.
        assert_eq!(meant("medlint-disable-line MED101 -- x"), None);
        assert_eq!(meant("medlint is how we check pages"), None);
        assert_eq!(meant("medlint-foo"), None);
        assert_eq!(meant("an ordinary comment"), None);
    }

    #[test]
    fn the_closest_names_are_those_fewest_edits_away() {
        let ids = ["MED101", "MED103", "MED113", "MED201", "cure-claim"];
        assert_eq!(closest("MED13", ids.into_iter(), 3), ["MED103", "MED113"]);
        assert_eq!(closest("MED1033", ids.into_iter(), 3), ["MED103"]);
        assert_eq!(closest("cure-clam", ids.into_iter(), 3), ["cure-claim"]);
        assert!(closest("XYZ", ids.into_iter(), 3).is_empty());
        assert_eq!(either(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn the_index_finds_what_a_scan_of_every_directive_finds() {
        // Directives of every kind, naming no rule, rule 0, rule 1 or both, one per line
        // (line i ends at byte 10 i + 5), from a small generator.
        let kinds = [
            DirectiveKind::Disable,
            DirectiveKind::NextLine,
            DirectiveKind::Enable,
            DirectiveKind::Line,
            DirectiveKind::Disable,
            DirectiveKind::Enable,
            DirectiveKind::File,
        ];
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for round in 0..200 {
            let count = 1 + round % 12;
            let directives: Vec<Directive> = (0..count)
                .map(|i| {
                    let kind = kinds[next(kinds.len() as u32) as usize];
                    let kind = if kind == DirectiveKind::File && next(4) > 0 {
                        DirectiveKind::Disable
                    } else {
                        kind
                    };
                    let rules = [vec![], vec![0], vec![1], vec![0, 1]][next(4) as usize].clone();
                    Directive {
                        kind,
                        rules,
                        reason: None,
                        record: Record::default(),
                        expired: false,
                        span: Span::new(10 * i as usize, 10 * i as usize + 5),
                        target_line: next(count) as usize,
                        last_line: next(count + 2) as usize,
                    }
                })
                .collect();
            let index = Index::new(&directives);
            for rule in [0, 1, 2, usize::MAX] {
                for line in 0..count as usize + 1 {
                    for at in (0..10 * count + 10).step_by(3) {
                        assert_eq!(
                            index.suppressor(&directives, rule, line, at),
                            by_scan(&directives, rule, line, at),
                            "round {round}, rule {rule}, line {line}, at {at}"
                        );
                    }
                }
            }
        }
    }
}
