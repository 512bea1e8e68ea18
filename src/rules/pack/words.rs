//! Named word lists (`[words]`): alternatives written once and named in any phrase as `@name`,
//! so a list of medicines is not spelt out again in every phrase that compares a product
//! with one. `@name` standing alone is a group of the list's entries; inside a group or an
//! option it adds them to that group's alternatives (`(a statin|@medicine)`, `[@medicine]`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use toml::Spanned;

use super::source::PackSource;
use crate::error::Error;

/// Longest list: a phrase naming two lists must still expand within the phrase limit.
const MAX_ENTRIES: usize = 512;

/// Every pack's `[words]`, each list as the alternatives of a group (`a|b|c`).
#[derive(Default)]
pub(super) struct WordLists {
    lists: BTreeMap<String, String>,
}

/// Whether `name` may name a list: lowercase letters, digits and inner hyphens.
fn is_list_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Why `entry` cannot be an alternative of a group, if it cannot.
fn entry_problem(entry: &str) -> Option<&'static str> {
    if entry.trim().is_empty() {
        Some("is empty")
    } else if entry.contains(['(', ')', '[', ']', '|']) {
        Some("holds a group mark: entries are plain words")
    } else if entry.contains(['@', '>', '^']) {
        Some("holds `@`, `>` or `^`, which a list entry cannot")
    } else {
        None
    }
}

impl WordLists {
    /// The lists every pack declares (each pack with its `[words]`); a list declared twice,
    /// an ill-formed name or entry is an error at its line.
    pub(super) fn collect<'p>(
        packs: impl Iterator<Item = (&'p PackSource, &'p BTreeMap<String, Vec<Spanned<String>>>)>,
        errors: &mut Vec<Error>,
    ) -> WordLists {
        let mut lists = BTreeMap::new();
        for (source, words) in packs {
            for (name, entries) in words {
                let at = entries.first().map_or(0..0, Spanned::span);
                if !is_list_name(name) {
                    errors.push(source.err(
                        at,
                        format!(
                            "word list name `{name}` must be lowercase letters, digits and hyphens"
                        ),
                    ));
                    continue;
                }
                if lists.contains_key(name) {
                    errors.push(source.err(at, format!("word list `{name}` is declared twice")));
                    continue;
                }
                if entries.is_empty() || entries.len() > MAX_ENTRIES {
                    errors.push(source.err(
                        at,
                        format!("word list `{name}` must have 1 to {MAX_ENTRIES} entries"),
                    ));
                    continue;
                }
                let bad = entries
                    .iter()
                    .find_map(|e| entry_problem(e.get_ref()).map(|why| (e, why)));
                if let Some((entry, why)) = bad {
                    errors.push(source.err(
                        entry.span(),
                        format!("entry `{}` of word list `{name}` {why}", entry.get_ref()),
                    ));
                    continue;
                }
                let joined = entries
                    .iter()
                    .map(|e| e.get_ref().trim())
                    .collect::<Vec<_>>()
                    .join("|");
                lists.insert(name.clone(), joined);
            }
        }
        WordLists { lists }
    }

    /// `phrase` with each `@name` replaced by its list: a group where it stands alone, the
    /// list's entries where it is one alternative of a group. A name no pack declares is an
    /// error.
    pub(super) fn expand<'p>(&self, phrase: &'p str) -> Result<Cow<'p, str>, String> {
        if !phrase.contains('@') {
            return Ok(Cow::Borrowed(phrase));
        }
        let mut out = String::with_capacity(phrase.len() * 4);
        let mut in_group = false;
        let mut rest = phrase;
        while let Some(at) = rest.find(['@', '(', '[', ')', ']']) {
            out.push_str(&rest[..at]);
            let mark = rest.as_bytes()[at];
            if mark != b'@' {
                in_group = matches!(mark, b'(' | b'[');
                out.push(mark as char);
                rest = &rest[at + 1..];
                continue;
            }
            let after = &rest[at + 1..];
            let len = after
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(after.len());
            let name = &after[..len];
            let Some(list) = self.lists.get(name) else {
                return Err(format!(
                    "phrase `{phrase}` names `@{name}`, which no pack's `[words]` declares"
                ));
            };
            if in_group {
                out.push_str(list);
            } else {
                out.push('(');
                out.push_str(list);
                out.push(')');
            }
            rest = &after[len..];
        }
        out.push_str(rest);
        Ok(Cow::Owned(out))
    }

    /// Every list, for the key the phrase index is kept under.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.lists.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> WordLists {
        let mut lists = BTreeMap::new();
        lists.insert("medicine".to_string(), "xanax|a statin".to_string());
        WordLists { lists }
    }

    #[test]
    fn a_name_alone_is_a_group_and_in_a_group_adds_alternatives() {
        let w = lists();
        assert_eq!(
            w.expand("works like > @medicine").unwrap(),
            "works like > (xanax|a statin)"
        );
        assert_eq!(
            w.expand("(as good as|@medicine) for").unwrap(),
            "(as good as|xanax|a statin) for"
        );
        assert_eq!(
            w.expand("like [@medicine]").unwrap(),
            "like [xanax|a statin]"
        );
        assert!(matches!(
            w.expand("no lists here").unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_unknown_name_is_an_error() {
        let e = lists().expand("like @medicines").unwrap_err();
        assert!(e.contains("`@medicines`"), "{e}");
    }

    #[test]
    fn names_and_entries_are_checked() {
        assert!(is_list_name("medicine-class"));
        assert!(!is_list_name("Medicine"));
        assert!(!is_list_name("-x"));
        assert!(entry_problem("a statin").is_none());
        assert!(entry_problem("(a|b)").is_some());
        assert!(entry_problem(" ").is_some());
        assert!(entry_problem("@other").is_some());
    }
}
