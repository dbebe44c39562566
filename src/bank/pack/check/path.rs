//! Field paths of a pack, as issues name them.

use std::fmt;

/// A field path (`questions[3].choices[0].text`), built on the stack as the checker descends
/// and formatted only when an issue is recorded: the checker visits every field, and almost
/// every field is fine.
#[derive(Clone, Copy)]
pub struct At<'p> {
    parent: Option<&'p At<'p>>,
    seg: Seg<'p>,
}

#[derive(Clone, Copy)]
enum Seg<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The pack itself (the empty path).
    pub const ROOT: At<'static> = At {
        parent: None,
        seg: Seg::Root,
    };

    /// The member `key` of the object at this path.
    pub fn key(&'p self, key: &'p str) -> At<'p> {
        At {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    /// Element `i` of the array at this path.
    pub fn index(&'p self, i: usize) -> At<'p> {
        At {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    fn is_root(&self) -> bool {
        matches!(self.seg, Seg::Root)
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.seg {
            Seg::Root => Ok(()),
            Seg::Key(key) if self.parent.is_none_or(At::is_root) => f.write_str(key),
            Seg::Key(key) => write!(f, ".{key}"),
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_format_as_before() {
        let root = At::ROOT;
        let q = root.key("questions");
        let q3 = q.index(3);
        let c = q3.key("choices");
        let c0 = c.index(0);
        assert_eq!(root.to_string(), "");
        assert_eq!(root.key("format").to_string(), "format");
        assert_eq!(q3.to_string(), "questions[3]");
        assert_eq!(c0.key("text").to_string(), "questions[3].choices[0].text");
        assert_eq!(c0.index(1).to_string(), "questions[3].choices[0][1]");
    }
}
