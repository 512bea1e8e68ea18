//! Vocabularies a code module reads, declared once by field and reserved name: the struct of
//! their set ids, the list of names, and the lookups by name.

/// Declare a struct of optional set ids, one field per reserved vocabulary name:
///
/// ```text
/// named_sets! {
///     /// Docs of the struct.
///     pub struct Cues(pub(super)) {   // the fields' visibility in parentheses
///         hedge => "hedge",
///     }
/// }
/// ```
macro_rules! named_sets {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident($fvis:vis) {
            $($(#[$doc:meta])* $field:ident => $vocab:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default)]
        $vis struct $name {
            $($(#[$doc])* $fvis $field: Option<$crate::text::phrase::SetId>,)*
        }

        impl $name {
            /// The vocabulary names these sets are read from.
            pub const NAMES: &'static [&'static str] = &[$($vocab),*];

            /// Look the sets up by their reserved vocabulary names (absent when no pack
            /// declares one).
            pub fn resolve(
                vocab: &::std::collections::BTreeMap<String, $crate::text::phrase::SetId>,
            ) -> $name {
                let get = |name: &str| vocab.get(name).copied();
                $name { $($field: get($vocab),)* }
            }

            /// The set of vocabulary `name`, when it is one of these and a pack declares it.
            pub fn get(&self, name: &str) -> Option<$crate::text::phrase::SetId> {
                match name {
                    $($vocab => self.$field,)*
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use named_sets;
