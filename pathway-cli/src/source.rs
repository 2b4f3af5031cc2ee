//! Reading a pathway's files: its own and, for a variant, the base it `extends` (named in the
//! variant relative to the variant's own file).

use crate::{Failure, read};
use pathway_core::{Files, LoadError, Pathway, SourceFile};
use std::path::{Path, PathBuf};

pub(crate) struct PathwayText {
    name: String,
    text: String,
    base: Option<BaseText>,
}

pub(crate) struct BaseText {
    pub(crate) path: PathBuf,
    name: String,
    text: String,
}

impl PathwayText {
    pub(crate) fn read(path: &Path) -> Result<Self, Failure> {
        let text = read(path)?;
        let base = match pathway_core::extends(&text) {
            Some(extends) => {
                let base_path = path.parent().unwrap_or(Path::new(".")).join(&extends.file);
                let base_text = read(&base_path).map_err(|Failure(why)| {
                    Failure(format!(
                        "{} extends `{}`, whose file cannot be read: {why}",
                        path.display(),
                        extends.id
                    ))
                })?;
                Some(BaseText { name: base_path.display().to_string(), path: base_path, text: base_text })
            }
            None => None,
        };
        Ok(PathwayText { name: path.display().to_string(), text, base })
    }

    /// The base this variant extends; `None` for a pathway that is not a variant.
    pub(crate) fn base(&self) -> Option<&BaseText> {
        self.base.as_ref()
    }

    pub(crate) fn files(&self) -> Files<'_> {
        Files {
            main: SourceFile { name: &self.name, text: &self.text },
            base: self.base.as_ref().map(|b| SourceFile { name: &b.name, text: &b.text }),
        }
    }

    pub(crate) fn load(&self) -> Result<Pathway, LoadError> {
        match &self.base {
            Some(base) => Pathway::from_yaml_with_base(&self.text, &base.text),
            None => Pathway::from_yaml(&self.text),
        }
    }
}
