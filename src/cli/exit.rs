//! The exit statuses every command returns.

/// Exit status: nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, config, pack or file error.
pub const EXIT_ERROR: u8 = 2;
