//! What changed between two versions: the text line by line, and the structure item by item
//! (parties, projects and indicators matched by their keys, each field before and after).

use serde::Serialize;
use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiff};

use super::content::Content;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Diff {
    /// Title, summary and dates that changed.
    pub fields: Vec<FieldChange>,
    /// Every line of the text: kept, removed or added.
    pub text: Vec<Line>,
    pub parties: Items,
    pub projects: Items,
    pub indicators: Items,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    pub field: String,
    #[schema(value_type = Object)]
    pub before: Value,
    #[schema(value_type = Object)]
    pub after: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Line {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Items {
    #[schema(value_type = Vec<Object>)]
    pub added: Vec<Value>,
    #[schema(value_type = Vec<Object>)]
    pub removed: Vec<Value>,
    pub changed: Vec<ItemChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ItemChange {
    pub key: String,
    pub fields: Vec<FieldChange>,
}

fn fields_of(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

fn changes(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<FieldChange> {
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let b = before.get(name).cloned().unwrap_or(Value::Null);
            let a = after.get(name).cloned().unwrap_or(Value::Null);
            (a != b).then(|| FieldChange {
                field: name.clone(),
                before: b,
                after: a,
            })
        })
        .collect()
}

fn items<T: Serialize>(before: &[T], after: &[T]) -> Items {
    let keyed = |list: &[T]| -> Vec<(String, Map<String, Value>)> {
        list.iter()
            .map(|item| {
                let fields = fields_of(serde_json::to_value(item).unwrap_or(Value::Null));
                let key = fields
                    .get("key")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                (key, fields)
            })
            .collect()
    };
    let (before, after) = (keyed(before), keyed(after));
    let find = |list: &[(String, Map<String, Value>)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, f)| f.clone())
    };
    let mut out = Items::default();
    for (key, fields) in &after {
        match find(&before, key) {
            None => out.added.push(Value::Object(fields.clone())),
            Some(old) => {
                let fields = changes(&old, fields);
                if !fields.is_empty() {
                    out.changed.push(ItemChange {
                        key: key.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (key, fields) in &before {
        if find(&after, key).is_none() {
            out.removed.push(Value::Object(fields.clone()));
        }
    }
    out
}

/// The changes from `before` to `after`.
pub fn between(before: &Content, after: &Content) -> Diff {
    let top = |c: &Content| {
        let mut m = Map::new();
        m.insert("title".into(), c.title.clone().into());
        m.insert("summary".into(), c.summary.clone().into());
        m.insert("start_date".into(), c.start_date.to_string().into());
        m.insert("end_date".into(), c.end_date.to_string().into());
        m
    };
    // Every line ends with a newline, the last one too, so that a line is the same line
    // whether or not text follows it.
    let (old, new) = (format!("{}\n", before.text), format!("{}\n", after.text));
    let text = TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|change| Line {
            op: match change.tag() {
                ChangeTag::Equal => "equal",
                ChangeTag::Delete => "delete",
                ChangeTag::Insert => "insert",
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect();
    Diff {
        fields: changes(&top(before), &top(after)),
        text,
        parties: items(&before.parties, &after.parties),
        projects: items(&before.projects, &after.projects),
        indicators: items(&before.indicators, &after.indicators),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accords::content::{Content, Project, ProjectKind};

    fn base() -> Content {
        serde_json::from_value(serde_json::json!({
            "title": "Patto", "summary": "", "text": "uno\ndue\ntre",
            "start_date": "2027-01-01", "end_date": "2027-12-31",
            "parties": [], "indicators": [],
            "projects": [{"key": "parco", "kind": "community_care", "title": "Parco",
                          "budget_cents": 100, "owners": []}]
        }))
        .unwrap()
    }

    #[test]
    fn lines_and_budgets_that_changed_are_named() {
        let before = base();
        let mut after = base();
        after.text = "uno\nDUE\ntre".into();
        after.projects[0].budget_cents = 250;
        after.projects.push(Project {
            key: "orti".into(),
            kind: ProjectKind::CityCare,
            title: "Orti".into(),
            description: String::new(),
            budget_cents: 0,
            owners: vec![],
        });
        let diff = between(&before, &after);
        let ops: Vec<(&str, &str)> = diff.text.iter().map(|l| (l.op, l.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("equal", "uno"),
                ("delete", "due"),
                ("insert", "DUE"),
                ("equal", "tre")
            ]
        );
        assert_eq!(diff.projects.changed.len(), 1);
        assert_eq!(diff.projects.changed[0].fields[0].field, "budget_cents");
        assert_eq!(diff.projects.changed[0].fields[0].after, 250);
        assert_eq!(diff.projects.added[0]["key"], "orti");
        assert!(diff.fields.is_empty());
        assert!(between(&after, &before).projects.removed[0]["key"] == "orti");
    }
}
