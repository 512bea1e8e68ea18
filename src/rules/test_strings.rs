//! Texts for tests that hold a hand-written reader to the pattern it replaces.

/// Every string of one to `most` of `pieces`, in order of length.
pub fn every_string(pieces: &[&str], most: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut frontier = vec![String::new()];
    for _ in 0..most {
        frontier = frontier
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        all.extend(frontier.iter().cloned());
    }
    all
}
