//! `order`: a sequence or hierarchy (management group → subscription → resource group →
//! resource).

use serde_json::{Map, Value};

use super::RowMeta;
use super::read;
use crate::bank::pack::check::{At, Checker};

pub const FIELDS: &[&str] = &["subject", "order", "next", "items"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderItem {
    pub meta: RowMeta,
    pub name: String,
    /// A verb phrase about the item's place.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub subject: String,
    /// How the items are ordered ("from the broadest scope to the narrowest").
    pub order: String,
    /// A question about the item after `{item}`.
    pub next: Option<String>,
    /// 3–8, in the right order.
    pub items: Vec<OrderItem>,
}

type Obj = Map<String, Value>;

pub fn read(c: &mut Checker<'_>, map: &Obj) -> Option<Order> {
    let root = At::ROOT;
    let subject = read::text(c, map, &root, "subject");
    let order = read::text(c, map, &root, "order");
    let next = if map.contains_key("next") {
        read::template(c, map, &root, "next", &["{item}"]).map(Some)
    } else {
        Some(None)
    };
    let allowed = ["id", "name", "objective", "source", "why"];
    let items = read::rows(c, map, &root, "items", (3, 8), &allowed, |c, m, p| {
        let meta = read::meta(c, m, p);
        let name = read::text(c, m, p, "name");
        let why = read::text(c, m, p, "why");
        Some(OrderItem {
            meta: meta?,
            name: name?,
            why: why?,
        })
    });
    Some(Order {
        subject: subject?,
        order: order?,
        next: next?,
        items: items?,
    })
}
