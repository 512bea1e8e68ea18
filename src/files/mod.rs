//! Files and paths, free of policy: reading an article with its limits, normalising and
//! showing paths, stable hashing, writing all-or-nothing, and asking git what changed.

pub mod git;
pub mod hash;
pub mod interrupt;
pub mod path;
pub mod read;
pub mod write;
