//! Review records on suppression comments: `reviewed-by` and `expires` fields written after the
//! reason, and the calendar dates an expiry is compared with.
//!
//! ```markdown
//! <!-- medlint-disable-next-line MED103 -- quoting the trial; reviewed-by: jdoe; expires: 2027-06-30 -->
//! ```
//!
//! The first `;`-separated part is always the reason; it runs on up to the next part that reads
//! as a `key: value` field (a single word, then `:`), and every part from there must be a field.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date (proleptic Gregorian, years 0–9999).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Why a date did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Form,
    /// Month outside 1–12.
    Month,
    /// A day the month does not have: the month's length.
    Day(u32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form => write!(f, "write dates as YYYY-MM-DD"),
            DateError::Month => write!(f, "there is no such month"),
            DateError::Day(n) => write!(f, "that month has {n} days"),
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_length(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// `YYYY-MM-DD`, exactly, and a day the month has.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
        if bytes.len() != 10
            || bytes[4] != b'-'
            || bytes[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(DateError::Form);
        }
        let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(0..4) as i32, number(5..7), number(8..10));
        if !(1..=12).contains(&month) {
            return Err(DateError::Month);
        }
        let length = month_length(year, month);
        if !(1..=length).contains(&day) {
            return Err(DateError::Day(length));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later.
    pub fn plus_days(self, n: u32) -> Date {
        Date::from_days(self.days() + i64::from(n))
    }

    /// Today's date in UTC, by the system clock.
    pub fn today_utc() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((seconds / 86_400) as i64)
    }
}

/// The day pack examples are linted on, so their expiry dates give the same result any day.
pub const EXAMPLES_TODAY: Date = Date {
    year: 2026,
    month: 1,
    day: 1,
};

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The fields a review record may hold.
pub const FIELDS: &[&str] = &["reviewed-by", "expires"];

/// The review record written after a suppression's reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Who reviewed the suppression.
    pub reviewed_by: Option<String>,
    /// The last day it holds.
    pub expires: Option<Date>,
}

impl Record {
    /// Whether the suppression no longer holds on `today` (it holds through its expiry date).
    pub fn expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| e < today)
    }
}

/// Something wrong in a review record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// A part after the first field that is not `key: value`.
    NotAField(String),
    /// A key that is not one of [`FIELDS`].
    Unknown(String),
    /// A field given twice.
    Repeated(&'static str),
    /// A field with nothing after its `:`.
    Empty(&'static str),
    /// An `expires` value that is not a date.
    BadDate(String, DateError),
}

/// A suppression's text after `--`, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Read {
    /// The reason: the text before the first field, if any.
    pub reason: Option<String>,
    /// The fields.
    pub record: Record,
    /// What was wrong with them.
    pub problems: Vec<FieldProblem>,
}

/// `key: value` when `part` reads as a field: a single word, `:`, and not a URL's `://`.
fn as_field(part: &str) -> Option<(&str, &str)> {
    let (key, value) = part.trim().split_once(':')?;
    let key = key.trim_end();
    let word = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (word && !value.starts_with('/')).then_some((key, value.trim()))
}

/// Read the text after a suppression's `--` into its reason and review record.
pub fn read(after: &str) -> Read {
    let parts: Vec<&str> = after.split(';').collect();
    // The first part is the reason whatever it looks like (`-- reason: …` is a reason).
    let first_field = parts
        .iter()
        .skip(1)
        .position(|p| as_field(p).is_some())
        .map_or(parts.len(), |i| i + 1);
    let reason = parts[..first_field].join(";").trim().to_string();
    let mut read = Read {
        reason: (!reason.is_empty()).then_some(reason),
        ..Read::default()
    };
    for part in &parts[first_field..] {
        if part.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = as_field(part) else {
            read.problems
                .push(FieldProblem::NotAField(part.trim().to_string()));
            continue;
        };
        let Some(&name) = FIELDS.iter().find(|f| f.eq_ignore_ascii_case(key)) else {
            read.problems.push(FieldProblem::Unknown(key.to_string()));
            continue;
        };
        if value.is_empty() {
            read.problems.push(FieldProblem::Empty(name));
            continue;
        }
        let record = &mut read.record;
        let repeated = match name {
            "reviewed-by" => record.reviewed_by.replace(value.to_string()).is_some(),
            _ => match Date::parse(value) {
                Ok(date) => record.expires.replace(date).is_some(),
                Err(e) => {
                    read.problems
                        .push(FieldProblem::BadDate(value.to_string(), e));
                    continue;
                }
            },
        };
        if repeated {
            read.problems.push(FieldProblem::Repeated(name));
        }
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn dates_parse_strictly_and_count_days_across_months_and_leap_years() {
        assert_eq!(date("2027-06-30").to_string(), "2027-06-30");
        assert_eq!(Date::parse("2027-6-30"), Err(DateError::Form));
        assert_eq!(Date::parse("30/06/2027"), Err(DateError::Form));
        assert_eq!(Date::parse("2027-13-01"), Err(DateError::Month));
        assert_eq!(Date::parse("2027-02-29"), Err(DateError::Day(28)));
        assert_eq!(Date::parse("2027-04-31"), Err(DateError::Day(30)));
        assert!(Date::parse("2028-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(Date::parse("1900-02-29"), Err(DateError::Day(28)));
        assert_eq!(date("1970-01-01").days(), 0);
        assert_eq!(date("2028-02-28").plus_days(1), date("2028-02-29"));
        assert_eq!(date("2027-12-31").plus_days(1), date("2028-01-01"));
        assert_eq!(date("2026-12-01").plus_days(365), date("2027-12-01"));
        // Every day of four centuries round-trips.
        for n in -200_000..200_000 {
            assert_eq!(Date::from_days(n).days(), n);
        }
        assert!(date("2026-12-31") < date("2027-01-01"));
    }

    #[test]
    fn the_reason_runs_to_the_first_field() {
        let r = read(" quoting the trial; reviewed-by: jdoe; expires: 2027-06-30 ");
        assert_eq!(r.reason.as_deref(), Some("quoting the trial"));
        assert_eq!(r.record.reviewed_by.as_deref(), Some("jdoe"));
        assert_eq!(r.record.expires, Some(date("2027-06-30")));
        assert!(r.problems.is_empty());
        // A reason with semicolons, colons in phrases, and URLs stays whole.
        let r = read(" the product's name; reviewed; see https://x.org/a; FDA guidance: section 3");
        assert_eq!(
            r.reason.as_deref(),
            Some("the product's name; reviewed; see https://x.org/a; FDA guidance: section 3")
        );
        assert_eq!(r.record, Record::default());
        let r = read(" reason: to be written; reviewed-by: jdoe");
        assert_eq!(r.reason.as_deref(), Some("reason: to be written"));
        assert_eq!(r.record.reviewed_by.as_deref(), Some("jdoe"));
        assert_eq!(read(" ; reviewed-by: jdoe").reason, None);
    }

    #[test]
    fn unknown_repeated_empty_and_malformed_fields_are_problems() {
        let r = read(
            " x; expiry: 2027-01-01; reviewed-by: a; reviewed-by: b; expires: 2027-02-30; note; Reviewed-By:",
        );
        assert_eq!(
            r.problems,
            [
                FieldProblem::Unknown("expiry".into()),
                FieldProblem::Repeated("reviewed-by"),
                FieldProblem::BadDate("2027-02-30".into(), DateError::Day(28)),
                FieldProblem::NotAField("note".into()),
                FieldProblem::Empty("reviewed-by"),
            ]
        );
        assert!(!Record::default().expired(date("2999-01-01")));
        let record = Record {
            expires: Some(date("2027-06-30")),
            ..Record::default()
        };
        assert!(!record.expired(date("2027-06-30")));
        assert!(record.expired(date("2027-07-01")));
    }
}
