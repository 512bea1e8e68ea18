//! rules
#[derive(Debug)] pub struct RuleMeta { pub id: String, pub help: Option<String> }
