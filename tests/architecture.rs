//! The layers of `ARCHITECTURE.md`, held against the code: every file of `src/` belongs to
//! one layer, imports only from its own layer or those below, and no files import each other
//! in a loop. The imports are read from the source text: `use` trees, `crate::` / `super::` /
//! `self::` paths, and paths through a child module the file declares. Test modules are left
//! out (a test may reach anything).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path, `[]` for the crate root.
type Module = Vec<String>;

struct Source {
    file: String,
    module: Module,
    /// Code without comments, string contents and test modules.
    code: String,
    /// Child modules declared with `mod name;`.
    children: Vec<String>,
    /// Names the module hands on (`pub use path;`), with the path they come from: a face
    /// that re-exports is not an import of its own, and a path through it reaches the file
    /// that defines the name.
    exports: BTreeMap<String, String>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`; `src/lib.rs` and `src/main.rs` → the root.
fn module_of(rel: &str) -> Module {
    let trimmed = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file with comments blanked, string and char literals emptied (they hold
/// paths and `::` that are not imports) and everything from `#[cfg(test)]` on dropped.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(text.len(), |n| i + n + 2);
            i = end;
        } else if rest.starts_with("r#\"") || rest.starts_with("r\"") {
            let hashes = rest[1..].chars().take_while(|&c| c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes;
            let end = rest[body..]
                .find(&close)
                .map_or(text.len(), |n| i + body + n + close.len());
            out.push_str("\"\"");
            i = end;
        } else if bytes[i] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if bytes[i] == b'\'' {
            // A char literal ('a', '’', '\n', '\''), emptied; a lifetime ('a) has no closing
            // quote after its first character and is kept.
            let mut chars = rest[1..].chars();
            let len = match (chars.next(), chars.next()) {
                (Some('\\'), Some(escaped)) => {
                    let from = 2 + escaped.len_utf8();
                    rest[from..].find('\'').map(|n| from + n + 1)
                }
                (Some(c), Some('\'')) => Some(1 + c.len_utf8() + 1),
                _ => None,
            };
            match len {
                Some(len) => {
                    out.push_str("' '");
                    i += len;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().expect("non-empty");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn children_of(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim();
        let line = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(name) = line.strip_prefix("mod ")
            && let Some(name) = name.strip_suffix(';')
        {
            out.push(name.trim().to_string());
        }
    }
    out
}

/// Every path a `use` tree names: `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let prefix = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], &prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &prefix, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(join(prefix, path));
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    }
}

/// The `use` trees of some code, each expanded, with whether it is a re-export (`pub use`).
fn use_trees(code: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find_word(&code[from..], "use") {
        let at = from + at;
        let before = code[..at].trim_end();
        let public = before.ends_with("pub") || before.ends_with("pub(crate)");
        let after = &code[at + 3..];
        let end = after.find(';').unwrap_or(after.len());
        let mut paths = Vec::new();
        expand(&after[..end], "", &mut paths);
        out.push((public, paths));
        from = at + 3 + end;
    }
    out
}

/// What a module hands on: exported name → the path it comes from.
fn exports_of(code: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (public, paths) in use_trees(code) {
        if public {
            for path in paths {
                let name = path.rsplit("::").next().unwrap_or(&path).to_string();
                out.insert(name, path);
            }
        }
    }
    out
}

/// Every module path a file's code names (re-exports aside).
fn paths_of(src: &Source) -> Vec<String> {
    let mut out = Vec::new();
    let mut code = src.code.clone();
    for (public, paths) in use_trees(&src.code) {
        if !public {
            out.extend(paths);
        }
    }
    // The rest of the code, with its `use` statements blanked.
    let mut from = 0;
    while let Some(at) = find_word(&code[from..], "use") {
        let at = from + at;
        let end = code[at..].find(';').map_or(code.len(), |n| at + n);
        code.replace_range(at..end, &" ".repeat(end - at));
        from = end;
    }
    let code = &code;
    // Paths in code: `crate::x`, `super::x`, `self::x`, `child::x`.
    let mut starts: Vec<&str> = vec!["crate", "super", "self"];
    starts.extend(src.children.iter().map(String::as_str));
    for start in starts {
        let mut rest = code.as_str();
        while let Some(at) = find_word(rest, start) {
            let tail = &rest[at..];
            let len = tail
                .char_indices()
                .find(|&(i, c)| {
                    !(c.is_alphanumeric() || c == '_' || (c == ':' && tail[i..].starts_with("::")))
                        && !(c == ':' && i > 0 && tail.as_bytes()[i - 1] == b':')
                })
                .map_or(tail.len(), |(i, _)| i);
            let path = tail[..len].trim_end_matches(':');
            if path.contains("::") {
                out.push(path.to_string());
            }
            rest = &tail[len.max(1)..];
        }
    }
    out
}

/// The next place `word` stands as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let at = from + at;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !ident(before) && !ident(after) && before != Some(':') {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The file a path from `src` reaches: the deepest module it names, or, for a name that
/// module only hands on, the file the name comes from.
fn target<'a>(
    src: &Source,
    path: &str,
    files: &'a BTreeMap<Module, String>,
    sources: &BTreeMap<String, &Source>,
) -> Option<&'a String> {
    target_within(src, path, files, sources, 8)
}

fn target_within<'a>(
    src: &Source,
    path: &str,
    files: &'a BTreeMap<Module, String>,
    sources: &BTreeMap<String, &Source>,
    depth: usize,
) -> Option<&'a String> {
    let mut segments = path.split("::").map(str::trim).peekable();
    let mut module: Module = match *segments.peek()? {
        "crate" => {
            segments.next();
            Vec::new()
        }
        "super" | "self" => {
            let mut m = src.module.clone();
            // In `a/b.rs` (module a::b), `self` is a::b and `super` is a.
            while let Some(&s) = segments.peek() {
                match s {
                    "super" => {
                        m.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                segments.next();
            }
            m
        }
        first if src.children.iter().any(|c| c == first) => src.module.clone(),
        _ => return None,
    };
    for s in segments {
        let mut next = module.clone();
        next.push(s.to_string());
        if files.contains_key(&next) {
            module = next;
            continue;
        }
        // An item: defined here, or handed on from elsewhere.
        let file = files.get(&module)?;
        if let Some(owner) = sources.get(file)
            && let Some(from) = owner.exports.get(s)
            && depth > 0
        {
            return target_within(owner, from, files, sources, depth - 1)
                .or_else(|| files.get(&module));
        }
        break;
    }
    files.get(&module)
}

struct Layer {
    name: String,
    /// Files (`src/x.rs`) and folders (`src/x/`) of the layer.
    places: Vec<String>,
}

/// The layer table of `ARCHITECTURE.md`: rows `| n | name | places | ... |`, bottom first.
fn layers() -> Vec<Layer> {
    let text = fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md is readable");
    let mut layers = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[1].parse::<usize>().is_err() {
            continue;
        }
        let number: usize = cells[1].parse().expect("checked");
        assert_eq!(
            number,
            layers.len() + 1,
            "ARCHITECTURE.md: layers are numbered 1, 2, … from the bottom"
        );
        let places = cells[3]
            .split(',')
            .map(|p| p.trim().trim_matches('`').to_string())
            .filter(|p| !p.is_empty())
            .collect();
        layers.push(Layer {
            name: cells[2].to_string(),
            places,
        });
    }
    assert!(!layers.is_empty(), "ARCHITECTURE.md has no layer table");
    layers
}

/// The layer a file is in: the one naming it, or the folder nearest to it.
fn layer_of(file: &str, layers: &[Layer]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, layer) in layers.iter().enumerate() {
        for place in &layer.places {
            let hit = if place.ends_with('/') {
                file.starts_with(place.as_str())
            } else {
                file == place
            };
            if hit && best.is_none_or(|(len, _)| place.len() > len) {
                best = Some((place.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

fn sources() -> Vec<Source> {
    let mut paths = Vec::new();
    rust_files(Path::new("src"), &mut paths);
    paths
        .iter()
        .map(|p| {
            let file = p.to_string_lossy().replace('\\', "/");
            let rel = file.trim_start_matches("src/");
            let code = code_of(&fs::read_to_string(p).expect("source is readable"));
            Source {
                module: module_of(rel),
                children: children_of(&code),
                exports: exports_of(&code),
                file,
                code,
            }
        })
        .collect()
}

/// File → the files it imports.
fn arrows(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let files: BTreeMap<Module, String> = sources
        .iter()
        .filter(|s| !s.file.ends_with("main.rs"))
        .map(|s| (s.module.clone(), s.file.clone()))
        .collect();
    let by_file: BTreeMap<String, &Source> = sources.iter().map(|s| (s.file.clone(), s)).collect();
    let mut out = BTreeMap::new();
    for src in sources {
        let targets: BTreeSet<String> = paths_of(src)
            .iter()
            .filter_map(|p| target(src, p, &files, &by_file))
            .filter(|t| **t != src.file)
            .cloned()
            .collect();
        out.insert(src.file.clone(), targets);
    }
    out
}

#[test]
fn every_file_imports_only_its_own_layer_or_those_below() {
    let layers = layers();
    let sources = sources();
    let mut problems = Vec::new();
    for src in &sources {
        if layer_of(&src.file, &layers).is_none() {
            problems.push(format!("{} is in no layer of ARCHITECTURE.md", src.file));
        }
    }
    for (from, targets) in arrows(&sources) {
        let Some(a) = layer_of(&from, &layers) else {
            continue;
        };
        for to in targets {
            if let Some(b) = layer_of(&to, &layers)
                && b > a
            {
                problems.push(format!(
                    "{from} ({}) imports {to} ({}), a layer above it",
                    layers[a].name, layers[b].name
                ));
            }
        }
    }
    // Every place the table names exists, so the table cannot drift from the tree.
    for layer in &layers {
        for place in &layer.places {
            if !Path::new(place).exists() {
                problems.push(format!(
                    "ARCHITECTURE.md names {place}, which does not exist"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_files_import_each_other_in_a_loop() {
    let graph = arrows(&sources());
    // Tarjan's strongly connected components: any of more than one file is a loop.
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        loops: Vec<Vec<&'g str>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort_unstable();
                s.loops.push(component);
            }
        }
    }
    let mut state = State {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        loops: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    let report: Vec<String> = state
        .loops
        .iter()
        .map(|component| {
            let members: BTreeSet<&str> = component.iter().copied().collect();
            let ties: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    graph[*from]
                        .iter()
                        .filter(|to| members.contains(to.as_str()))
                        .map(move |to| format!("    {from} -> {to}"))
                })
                .collect();
            format!("a loop of {} files:\n{}", component.len(), ties.join("\n"))
        })
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_reader_finds_imports_of_every_kind() {
    let src = Source {
        file: "src/a/b.rs".into(),
        module: vec!["a".into(), "b".into()],
        code: code_of(
            "use crate::x::{y::Z, w};\nuse super::c as d;\n// use crate::commented;\nfn f() { crate::q::r(); let s = \"crate::in_string\"; kid::go(); }\nfn g<'a>(c: char) -> bool { matches!(c, '\\'' | '’') || ['\\'','\"'].contains(&c) && crate::after::chars() }\nmod kid;\n#[cfg(test)]\nmod tests { use crate::tested; }",
        ),
        children: vec!["kid".into()],
        exports: BTreeMap::new(),
    };
    let paths = paths_of(&src);
    for want in [
        "crate::x::y::Z",
        "crate::x::w",
        "super::c",
        "crate::q::r",
        "kid::go",
        "crate::after::chars",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
    }
    for never in ["crate::commented", "crate::in_string", "crate::tested"] {
        assert!(!paths.iter().any(|p| p == never), "{never} in {paths:?}");
    }
    let files: BTreeMap<Module, String> = [
        (vec!["x".into()], "src/x/mod.rs".into()),
        (vec!["x".into(), "y".into()], "src/x/y.rs".into()),
        (vec!["a".into()], "src/a/mod.rs".into()),
        (vec!["a".into(), "c".into()], "src/a/c.rs".into()),
        (
            vec!["a".into(), "b".into(), "kid".into()],
            "src/a/b/kid.rs".into(),
        ),
    ]
    .into_iter()
    .collect();
    let face = Source {
        file: "src/x/mod.rs".into(),
        module: vec!["x".into()],
        code: String::new(),
        children: vec!["y".into()],
        exports: exports_of(&code_of("pub use y::Handed;")),
    };
    let sources: BTreeMap<String, &Source> = [("src/x/mod.rs".to_string(), &face)].into();
    let reached = |p: &str| target(&src, p, &files, &sources).cloned();
    assert_eq!(reached("crate::x::Handed").as_deref(), Some("src/x/y.rs"));
    assert_eq!(reached("crate::x::y::Z").as_deref(), Some("src/x/y.rs"));
    assert_eq!(reached("crate::x::w").as_deref(), Some("src/x/mod.rs"));
    assert_eq!(reached("super::c").as_deref(), Some("src/a/c.rs"));
    assert_eq!(reached("kid::go").as_deref(), Some("src/a/b/kid.rs"));
}
