//! `suppressions`: every suppression comment with its rules, reason and review record (the
//! audit trail), as text, CSV or JSON lines.

use std::io;
use std::path::Path;

use super::args::{AuditFormat, CheckArgs, Color, SuppressionsArgs};
use super::check::{lint, prepare};
use super::exit::{EXIT_ERROR, EXIT_OK};
use super::streams::{Io, print_errors};
use crate::emit::OutputFormat;
use crate::text::escape::{csv_cell, visible};

const HEADER: [&str; 9] = [
    "path",
    "line",
    "directive",
    "rules",
    "reason",
    "suppressed",
    "reviewed_by",
    "expires",
    "expired",
];

pub(super) fn suppressions(args: SuppressionsArgs, cwd: &Path, io: &mut Io<'_>) -> io::Result<u8> {
    let check_args = CheckArgs {
        paths: args.paths.clone(),
        format: OutputFormat::Text,
        color: Color::Never,
        config: args.config.clone(),
        no_config: false,
        lints: Vec::new(),
        profile: None,
        select: None,
        extend_select: Vec::new(),
        ignore: Vec::new(),
        fail_on: None,
        stdin_filename: None,
        site_root: None,
        exclude: Vec::new(),
        no_gitignore: false,
        threads: None,
        output: Vec::new(),
        width: None,
        statistics: false,
        baseline: None,
        write_baseline: None,
        changed_since: None,
        link_base: None,
        show_settings: false,
        show_files: false,
        force: false,
        fix: false,
        unsafe_fixes: false,
        diff: false,
        today: args.today,
    };
    let prepared = match prepare(&check_args, cwd, io)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let (report, _, _) = lint(prepared, None)?;
    let rows: Vec<[String; 9]> = report
        .directives
        .iter()
        .map(|d| {
            let file = report.sources.get(d.file);
            let (line, _) = file.line_col(d.span.start as usize);
            [
                file.name.clone(),
                line.to_string(),
                d.kind.to_string(),
                if d.rules.is_empty() {
                    "ALL".to_string()
                } else {
                    d.rules.join(" ")
                },
                d.reason.clone().unwrap_or_default(),
                d.suppressed.to_string(),
                d.reviewed_by.clone().unwrap_or_default(),
                d.expires.map(|e| e.to_string()).unwrap_or_default(),
                d.expired.to_string(),
            ]
        })
        .collect();
    match args.format {
        AuditFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(HEADER).map_err(io::Error::other)?;
            for r in &rows {
                w.write_record(r.iter().map(|cell| csv_cell(cell)))
                    .map_err(io::Error::other)?;
            }
            io.stdout.write_all(
                &w.into_inner()
                    .map_err(|e| io::Error::other(e.to_string()))?,
            )?;
        }
        AuditFormat::Json => {
            for r in &rows {
                writeln!(io.stdout, "{}", json_row(r))?;
            }
        }
        AuditFormat::Text => {
            for r in &rows {
                writeln!(io.stdout, "{}", text_row(r))?;
            }
            let expired = rows.iter().filter(|r| r[8] == "true").count();
            if expired > 0 {
                writeln!(io.stdout, "{} suppressions ({expired} expired)", rows.len())?;
            } else {
                writeln!(io.stdout, "{} suppressions", rows.len())?;
            }
        }
    }
    print_errors(&report.errors, OutputFormat::Text, io)?;
    Ok(if report.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

/// One directive as a JSON object: numbers and the expired flag typed, absent fields null.
fn json_row(r: &[String; 9]) -> serde_json::Value {
    let obj: serde_json::Map<String, serde_json::Value> = HEADER
        .iter()
        .zip(r)
        .map(|(k, v)| {
            let value = match *k {
                "line" | "suppressed" => v
                    .parse::<u64>()
                    .map_or(serde_json::Value::Null, serde_json::Value::from),
                "expired" => serde_json::Value::from(v == "true"),
                "reviewed_by" | "expires" if v.is_empty() => serde_json::Value::Null,
                _ => serde_json::Value::from(v.as_str()),
            };
            (k.to_string(), value)
        })
        .collect();
    serde_json::Value::Object(obj)
}

/// `path:line: directive rules — reason [suppressed N; reviewed by X; expires D]`.
fn text_row(r: &[String; 9]) -> String {
    let reason = if r[4].is_empty() {
        "(no reason given)"
    } else {
        &r[4]
    };
    let mut notes = vec![format!("suppressed {}", r[5])];
    if !r[6].is_empty() {
        notes.push(format!("reviewed by {}", visible(&r[6])));
    }
    if !r[7].is_empty() {
        let word = if r[8] == "true" { "EXPIRED" } else { "expires" };
        notes.push(format!("{word} {}", r[7]));
    }
    format!(
        "{}:{}: {} {} — {} [{}]",
        visible(&r[0]),
        r[1],
        r[2],
        visible(&r[3]),
        visible(reason),
        notes.join("; ")
    )
}
