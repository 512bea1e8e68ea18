//! Cutting a sentence into clauses: at `;`, `:`, a lone dash and clause-break words; a
//! parenthetical is a clause of its own; a clause opened by a subordinator ends at its comma.

use super::lexicon::Cues;
use crate::text::phrase::Hit;
use crate::text::tokenize::{TokenKind, Tokens};

/// A dash and an ellipsis as the normalised text holds them.
const DASH: &[u8] = "—".as_bytes();
const ELLIPSIS: &[u8] = "…".as_bytes();

/// The normalised bytes of token `i`. Marks are compared as bytes: slicing the `str` would
/// check both ends for a character boundary, on every token of every sentence read closely.
fn norm_bytes(tokens: &Tokens, i: usize) -> &[u8] {
    let t = &tokens.tokens[i];
    let range = t.norm_start as usize..t.norm_end as usize;
    tokens.norm.as_bytes().get(range).unwrap_or_default()
}

/// Clause number of each token, into `clause`.
pub(super) fn clauses_into(
    tokens: &Tokens,
    hits: &[Hit],
    cues: &Cues,
    cue_at: &mut Vec<u8>,
    clause: &mut Vec<u32>,
) {
    let n = tokens.tokens.len();
    clause.clear();
    clause.reserve(n);
    // Per token: bit 0, a clause-break cue starts here; bit 1, a subordinator does.
    const BREAK: u8 = 1;
    const SUBORDINATOR: u8 = 2;
    cue_at.clear();
    cue_at.resize(n, 0);
    for h in hits {
        if Some(h.set) == cues.clause_break {
            cue_at[h.first as usize] |= BREAK;
        }
        if Some(h.set) == cues.subordinator {
            cue_at[h.first as usize] |= SUBORDINATOR;
        }
    }
    // How many dashes the sentence has, counted at the first one (most sentences have none).
    let mut dashes: Option<usize> = None;
    let count_dashes = || {
        (0..n)
            .filter(|&i| tokens.tokens[i].kind == TokenKind::Punct && norm_bytes(tokens, i) == DASH)
            .count()
    };
    let mut next_id = 0u32;
    let mut current = 0u32;
    // Clauses to return to after a parenthetical closes.
    let mut outer: Vec<u32> = Vec::new();
    let mut dash_open = false;
    let mut subordinate = false;
    let mut at_clause_start = true;
    let new_clause = |next_id: &mut u32| {
        *next_id += 1;
        *next_id
    };
    let mut i = 0;
    while i < n {
        // A run of words that start no cue (most of a sentence) stays in the current clause:
        // filled at once rather than a token at a time.
        let run = tokens.tokens[i..]
            .iter()
            .zip(&cue_at[i..])
            .position(|(t, &cue)| t.kind == TokenKind::Punct || cue != 0)
            .unwrap_or(n - i);
        if run > 0 {
            i += run;
            clause.resize(i, current);
            at_clause_start = false;
            continue;
        }
        // Token `at`: punctuation, or a word a cue starts at.
        let at = i;
        i += 1;
        let cue = cue_at[at];
        if tokens.tokens[at].kind == TokenKind::Punct {
            match norm_bytes(tokens, at) {
                // An ellipsis marks words left out of a quotation, inside a clause, unless
                // it ends a sentence run on to the next ("metabolism….Eases joint pain").
                b";" | b":" => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                ELLIPSIS if at + 1 < n && norm_bytes(tokens, at + 1) == b"." => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                b"(" | b"[" => {
                    clause.push(current);
                    outer.push(current);
                    current = new_clause(&mut next_id);
                    at_clause_start = true;
                    continue;
                }
                b")" | b"]" => {
                    clause.push(current);
                    current = outer.pop().unwrap_or_else(|| new_clause(&mut next_id));
                    continue;
                }
                DASH => {
                    clause.push(current);
                    if *dashes.get_or_insert_with(count_dashes) >= 2 && !dash_open {
                        dash_open = true;
                        outer.push(current);
                        current = new_clause(&mut next_id);
                    } else if dash_open {
                        dash_open = false;
                        current = outer.pop().unwrap_or_else(|| new_clause(&mut next_id));
                    } else {
                        current = new_clause(&mut next_id);
                    }
                    at_clause_start = true;
                    continue;
                }
                b"," if subordinate => {
                    clause.push(current);
                    current = new_clause(&mut next_id);
                    subordinate = false;
                    at_clause_start = true;
                    continue;
                }
                _ => {}
            }
        }
        let starts_clause = cue & BREAK != 0;
        if starts_clause && !at_clause_start {
            current = new_clause(&mut next_id);
        }
        if cue & SUBORDINATOR != 0 && (at_clause_start || starts_clause) {
            subordinate = true;
        }
        at_clause_start = false;
        clause.push(current);
    }
}
