//! The date suppressions' expiries are judged on: `--today`, `MEDLINT_TODAY`, or the clock.

use crate::error::Error;
use crate::review::Date;
use crate::text::escape::visible;

/// The variable that sets the date expiries are compared with, as `--today` does.
const TODAY_VARIABLE: &str = "MEDLINT_TODAY";

/// `--today`'s value.
pub(super) fn parse_today(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| format!("`{text}` is not a date: {e}"))
}

/// The date suppressions' expiries are compared with: `--today`, else `MEDLINT_TODAY`, else
/// today's date in UTC.
pub(super) fn today(flag: Option<Date>) -> Result<Date, Error> {
    if let Some(date) = flag {
        return Ok(date);
    }
    match std::env::var(TODAY_VARIABLE) {
        Ok(value) if !value.trim().is_empty() => Date::parse(value.trim()).map_err(|e| {
            Error::usage(format!(
                "{TODAY_VARIABLE}=`{}` is not a date: {e}",
                visible(&value)
            ))
        }),
        _ => Ok(Date::today_utc()),
    }
}
